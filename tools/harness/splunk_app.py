"""A Splunk app directory as splunkd sees it: merged conf files and the scripts behind its search commands."""

from __future__ import annotations

from pathlib import Path

from tools.harness.splunk_conf import Stanzas, is_true, layer, parse_conf


class AppError(Exception):
    """The app directory cannot run what was asked (no such command, not a chunked command, ...)."""


class SplunkApp:
    """An app directory (`output/llm_triage` after `make build`)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        if not (path / "default").is_dir():
            raise AppError(f"{path} is not a Splunk app (it has no default/ folder); run `make build` first?")

    @property
    def name(self) -> str:
        """The app id: its folder name."""
        return self.path.name

    def conf_names(self) -> list[str]:
        """Every conf file the app ships or has locally, without `.conf`."""
        names = {conf.stem for folder in ("default", "local") for conf in (self.path / folder).glob("*.conf")}
        return sorted(names)

    def conf(self, name: str) -> Stanzas:
        """One conf file, local/ layered over default/ (no `[default]` inheritance applied)."""
        layers = []
        for folder in ("default", "local"):
            file = self.path / folder / f"{name}.conf"
            if file.is_file():
                layers.append(parse_conf(file.read_text(encoding="utf-8-sig")))
        return layer(*layers)

    def command_script(self, command: str) -> Path:
        """The script splunkd would start for `command`, checked to be an SCP v2 (`chunked = true`) command."""
        commands = self.conf("commands")
        stanza = commands.get(command)
        if stanza is None:
            known = ", ".join(sorted(name for name in commands if name != "default")) or "none"
            raise AppError(f"unknown search command {command!r} (commands.conf of {self.name} has: {known})")
        filename = stanza.get("filename", "").strip()
        if not filename:
            raise AppError(f"commands.conf [{command}] has no filename")
        if not is_true(stanza.get("chunked", "false")):
            raise AppError(f"commands.conf [{command}] is not chunked = true; tools/search speaks SCP v2 only")
        script = self.path / "bin" / filename
        if not script.is_file():
            raise AppError(f"commands.conf [{command}] names {filename}, which is not in {self.path / 'bin'}")
        return script
