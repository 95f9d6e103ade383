"""What the splunkd stand-in serves: the app's own conf files, then `--config FILE`, then `--provider-*`.

`--config` is an INI file:

    [conf-llm_triage_providers/local]      ; one conf stanza: [conf-<file>/<stanza>]
    type = openai_compatible
    base_url = http://127.0.0.1:8080/v1

    [password:llm_triage:local]            ; one secret: [password:<realm>:<username>]
    password_env = LOCAL_LLM_KEY           ; or: password = <the secret>

`[password:llm_triage:<name>]` is the API key of provider <name>: it is stored where the setup page puts
it (tools.harness.ucc_credentials); any other realm is stored as it is.

Secrets never appear in an error raised here: parse errors name line numbers, never line contents.
"""

from __future__ import annotations

import configparser
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

from tools.harness.splunk_app import SplunkApp
from tools.harness.splunkd_standin import SplunkdContent
from tools.harness.ucc_credentials import store_provider_key

PROVIDERS_CONF = "llm_triage_providers"
SETTINGS_CONF = "llm_triage_settings"
SETTINGS_STANZA = "triage"
SECRET_REALM = "llm_triage"
QUICK_PROVIDER = "local"  # not "default": that is the stanza every other stanza inherits from
"""The provider stanza `--provider-url` writes unless `--provider-name` says otherwise (the team contract's
name; note that in Splunk a `[default]` stanza is the one every other stanza inherits from)."""
QUICK_PROVIDER_MODEL = "local-model"

_CONF_SECTION = "conf-"
_PASSWORD_SECTION = "password:"


class StandInConfigError(Exception):
    """The --config file or the --provider-* options cannot be used; the message never holds a secret."""


def content_for_app(app: SplunkApp) -> SplunkdContent:
    """Every conf file of the app (local/ over default/), as splunkd would serve it; no secrets yet."""
    content = SplunkdContent(app=app.name)
    for name in app.conf_names():
        content.confs[name] = app.conf(name)
    return content


def apply_config_file(content: SplunkdContent, path: Path, environ: Mapping[str, str]) -> set[str]:
    """Layer an INI file's stanzas and secrets over `content`; returns the environment variables it read."""
    parser = configparser.ConfigParser(interpolation=None, default_section="\0no default section", strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # Splunk keys are case-sensitive
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise StandInConfigError(f"cannot read --config {path}: {error.strerror}") from None
    try:
        parser.read_string(text, source=str(path))
    except configparser.Error as error:
        raise StandInConfigError(_describe_parse_error(path, error)) from None
    used_variables: set[str] = set()
    for section in parser.sections():
        keys = dict(parser.items(section))
        if section.startswith(_CONF_SECTION):
            conf, slash, stanza = section[len(_CONF_SECTION) :].partition("/")
            if not (conf and slash and stanza):
                raise StandInConfigError(f"{path}: [{section}] must be [conf-<file>/<stanza>]")
            content.set_stanza(conf, stanza, keys)
        elif section.startswith(_PASSWORD_SECTION):
            realm, colon, username = section[len(_PASSWORD_SECTION) :].partition(":")
            if not (realm and colon and username):
                raise StandInConfigError(f"{path}: [{section}] must be [password:<realm>:<username>]")
            password, variable = _password(path, section, keys, environ)
            if realm == SECRET_REALM:
                store_provider_key(content, username, password)
            else:
                content.set_secret(realm, username, password)
            if variable:
                used_variables.add(variable)
        else:
            raise StandInConfigError(
                f"{path}: unknown section [{section}]; use [conf-<file>/<stanza>] or [password:<realm>:<username>]"
            )
    return used_variables


def apply_provider_options(
    content: SplunkdContent,
    url: str | None,
    model: str | None,
    api_key_env: str | None,
    environ: Mapping[str, str],
    name: str = QUICK_PROVIDER,
) -> set[str]:
    """`--provider-url/--provider-model/--api-key-env`: one OpenAI-compatible provider `name`, made the default.

    Returns the environment variables read.
    """
    if model is not None and url is None:
        raise StandInConfigError("--provider-model needs --provider-url")
    if not name or "/" in name or name != name.strip():
        raise StandInConfigError("--provider-name must be a plain stanza name")
    if url is not None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise StandInConfigError(
                "--provider-url must be an http:// or https:// URL (e.g. http://127.0.0.1:8080/v1)"
            )
        content.set_stanza(
            PROVIDERS_CONF,
            name,
            {"type": "openai_compatible", "base_url": url, "model": model or QUICK_PROVIDER_MODEL},
        )
        content.set_stanza(SETTINGS_CONF, SETTINGS_STANZA, {"default_provider": name})
    if api_key_env is None:
        return set()
    store_provider_key(content, name, _from_environment(api_key_env, environ, "--api-key-env"))
    return {api_key_env}


def _password(path: Path, section: str, keys: Mapping[str, str], environ: Mapping[str, str]) -> tuple[str, str | None]:
    if set(keys) == {"password"}:
        if not keys["password"]:
            raise StandInConfigError(f"{path}: [{section}] password is empty")
        return keys["password"], None
    if set(keys) == {"password_env"}:
        variable = keys["password_env"].strip()
        return _from_environment(variable, environ, f"{path} [{section}] password_env"), variable
    raise StandInConfigError(f"{path}: [{section}] needs exactly one key: password or password_env")


def _from_environment(variable: str, environ: Mapping[str, str], what: str) -> str:
    value = environ.get(variable, "")
    if not value:
        raise StandInConfigError(f"{what}: environment variable {variable} is not set or empty")
    return value


def _describe_parse_error(path: Path, error: configparser.Error) -> str:
    # configparser quotes offending lines, and a line may hold a password: report line numbers only.
    if isinstance(error, configparser.MissingSectionHeaderError):
        return f"cannot parse --config {path}: line {error.lineno} comes before any [section]"
    if isinstance(error, configparser.ParsingError):
        lines = ", ".join(str(number) for number, _line in error.errors)
        return f"cannot parse --config {path}: not `key = value` at line(s) {lines}"
    if isinstance(error, configparser.DuplicateSectionError):
        return f"cannot parse --config {path}: section [{error.section}] appears twice (line {error.lineno})"
    if isinstance(error, configparser.DuplicateOptionError):
        return (
            f"cannot parse --config {path}: key {error.option!r} appears twice in [{error.section}]"
            f" (line {error.lineno})"
        )
    return f"cannot parse --config {path}: {type(error).__name__}"
