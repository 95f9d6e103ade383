"""Check that every setting in an app's .conf files is documented by a Splunk or app .spec file.

Spec files are read the way Splunk's own checker reads them (splunk-spec/9.2/conf_checker.rules):
- A stanza is a line that starts with '[' at the left edge and ends with ']'; indented ones are examples.
- A setting is any other line with '=' (indented lines too); its name is the text before the first '='.
  Comment lines ('#') and documentation bullets ('*') are not settings.
- Settings before the first stanza, or after a [default] stanza, are valid in every stanza.
- A setting name containing '<' or '-' also accepts every name that starts with the text before the
  first of them, so `<name> = ...` accepts any name; other names must match exactly (case counts).
- A spec stanza whose name contains '<', ':' or '.' applies to every conf stanza that starts with the
  text before the first of them (`[<name>]` applies to all); other stanza names must match exactly.
One later addition: Splunk 10.1 added `python.required`, valid wherever `python.version` is.

An app's README/<file>.conf.spec documents its own conf files, and adds to Splunk's spec of the same name.

Usage: python tools/conf_spec.py APP_DIR [--spec-dir DIR]   (exit 1 if anything is undocumented)
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

# The rules' example `blacklist.n` would need '.' here too; no 9.2 spec names a setting that way, and
# counting '.' would let `python.version` accept any name starting with "python".
SETTING_PREFIX_CHARS = "<-"
STANZA_PREFIX_CHARS = "<:."
LATER_ADDITIONS = {"python.version": ("python.required",)}
DEFAULT_STANZA = "default"


def name_matches(pattern: str, name: str, prefix_chars: str) -> bool:
    """True if `name` is `pattern`, or starts with the text before the first prefix character in it."""
    if name == pattern:
        return True
    cuts = [pattern.index(char) for char in prefix_chars if char in pattern]
    return bool(cuts) and name.startswith(pattern[: min(cuts)])


@dataclass
class Spec:
    """The settings one .spec file documents: those valid everywhere and those of each spec stanza."""

    global_settings: list[str] = field(default_factory=list)
    stanzas: dict[str, list[str]] = field(default_factory=dict)

    def documents(self, stanza: str, key: str) -> bool:
        """True if `key` is documented for conf stanza `stanza` ("default" for settings before any stanza)."""
        if any(name_matches(setting, key, SETTING_PREFIX_CHARS) for setting in self.global_settings):
            return True
        return any(
            name_matches(spec_stanza, stanza, STANZA_PREFIX_CHARS)
            and any(name_matches(setting, key, SETTING_PREFIX_CHARS) for setting in settings)
            for spec_stanza, settings in self.stanzas.items()
        )


def parse_spec(text: str) -> Spec:
    """Read a .spec file's stanzas and settings (see the module docstring for the rules)."""
    spec = Spec()
    current = spec.global_settings
    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("[") and line.endswith("]"):
            name = line[1:-1].strip()
            current = spec.global_settings if name == DEFAULT_STANZA else spec.stanzas.setdefault(name, [])
            continue
        stripped = line.lstrip()
        if "=" not in stripped or stripped.startswith(("#", "*")):
            continue
        setting = stripped.split("=", 1)[0].strip()
        if setting:
            current.append(setting)
    for settings in [spec.global_settings, *spec.stanzas.values()]:
        for existing, added in LATER_ADDITIONS.items():
            if existing in settings:
                settings.extend(added)
    return spec


@dataclass(frozen=True)
class ConfSetting:
    """One `key = value` of a .conf file, with its stanza and 1-based line number."""

    stanza: str
    key: str
    value: str
    line: int


class ConfSyntaxError(ValueError):
    """A .conf line that is neither a stanza, a setting, a comment nor blank."""


def parse_conf(text: str) -> list[ConfSetting]:
    """Read a .conf file's settings; a value ending in a backslash continues on the next line."""
    settings: list[ConfSetting] = []
    stanza = DEFAULT_STANZA
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        number, line = index + 1, lines[index].strip()
        index += 1
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            stanza = line[1:-1].strip()
            continue
        if "=" not in line:
            raise ConfSyntaxError(f"line {number}: not a stanza, setting or comment: {line!r}")
        key, value = (part.strip() for part in line.split("=", 1))
        while value.endswith("\\") and index < len(lines):
            value = value[:-1] + "\n" + lines[index].strip()
            index += 1
        settings.append(ConfSetting(stanza, key, value, number))
    return settings


def conf_stanzas(text: str) -> dict[str, dict[str, str]]:
    """A .conf file's settings by stanza (later duplicates win, as in Splunk)."""
    stanzas: dict[str, dict[str, str]] = {}
    for setting in parse_conf(text):
        stanzas.setdefault(setting.stanza, {})[setting.key] = setting.value
    return stanzas


def spec_files(conf_name: str, spec_dirs: Iterable[Path]) -> list[Path]:
    """The .spec files for `conf_name` (e.g. "commands.conf") found in `spec_dirs`."""
    return [path for path in (d / f"{conf_name}.spec" for d in spec_dirs) if path.is_file()]


def undocumented(conf_path: Path, spec_dirs: Sequence[Path]) -> list[str]:
    """One line per setting of `conf_path` that no spec file in `spec_dirs` documents."""
    paths = spec_files(conf_path.name, spec_dirs)
    try:
        settings = parse_conf(conf_path.read_text(encoding="utf-8"))
    except ConfSyntaxError as exc:
        return [f"{conf_path}: {exc}"]
    if not paths:
        return [f"{conf_path}: no {conf_path.name}.spec in {', '.join(map(str, spec_dirs))}"] if settings else []
    specs = [parse_spec(path.read_text(encoding="utf-8", errors="replace")) for path in paths]
    return [
        f"{conf_path}:{s.line}: [{s.stanza}] {s.key} is not in {' or '.join(map(str, paths))}"
        for s in settings
        if not any(spec.documents(s.stanza, s.key) for spec in specs)
    ]


def check_app(app_dir: Path, splunk_spec_dir: Path) -> list[str]:
    """Every undocumented setting in the app's default/*.conf, checked against Splunk's specs and its README/."""
    spec_dirs = [splunk_spec_dir, app_dir / "README"]
    problems: list[str] = []
    for conf_path in sorted((app_dir / "default").glob("*.conf")):
        problems.extend(undocumented(conf_path, spec_dirs))
    return problems


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description="Check an app's .conf settings against .spec files.")
    parser.add_argument("app_dir", type=Path, help="the app folder, e.g. output/llm_triage")
    parser.add_argument(
        "--spec-dir",
        type=Path,
        default=Path(__file__).resolve().parent.parent.parent / "shared" / "splunk-spec" / "9.2",
        help="Splunk's .spec files (default: ../shared/splunk-spec/9.2)",
    )
    args = parser.parse_args(argv)
    problems = check_app(args.app_dir, args.spec_dir)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
