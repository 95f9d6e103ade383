"""What the stand-in serves: the app's conf files, --config INI files and the --provider-* shortcuts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.harness.splunk_app import SplunkApp
from tools.harness.splunkd_standin import SplunkdContent
from tools.harness.standin_config import (
    StandInConfigError,
    apply_config_file,
    apply_provider_options,
    content_for_app,
)

SECRET = "sk-live-Zq8v1TOPSECRET"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "search.ini"
    path.write_text(text, encoding="utf-8")
    return path


def test_app_conf_files_are_served_with_local_over_default(tmp_path: Path) -> None:
    root = tmp_path / "llm_triage"
    (root / "default").mkdir(parents=True)
    (root / "local").mkdir()
    (root / "default" / "llm_triage_settings.conf").write_text("[triage]\nmax_rows = 100\ntimeout = 30\n")
    (root / "local" / "llm_triage_settings.conf").write_text("[triage]\ntimeout = 5\n")
    content = content_for_app(SplunkApp(root))
    assert content.app == "llm_triage"
    assert content.confs["llm_triage_settings"] == {"triage": {"max_rows": "100", "timeout": "5"}}
    assert content.secrets == {}


def test_config_file_adds_stanzas_and_secrets(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "[conf-llm_triage_providers/local]\n"
        "type = openai_compatible\n"
        "Base_URL = http://127.0.0.1:8080/v1\n"
        "[conf-props/source::/var/log/x]\n"
        "KV_MODE = json\n"
        "[password:llm_triage:local]\n"
        "password_env = LOCAL_KEY\n"
        "[password:llm_triage:other]\n"
        "password = literal-secret\n",
    )
    content = SplunkdContent()
    used = apply_config_file(content, path, {"LOCAL_KEY": SECRET})
    assert content.confs["llm_triage_providers"]["local"] == {
        "type": "openai_compatible",
        "Base_URL": "http://127.0.0.1:8080/v1",  # Splunk keys keep their case
    }
    assert content.confs["props"]["source::/var/log/x"] == {"KV_MODE": "json"}
    assert content.secrets == {("llm_triage", "local"): SECRET, ("llm_triage", "other"): "literal-secret"}
    assert used == {"LOCAL_KEY"}


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("[somewhere]\nk = v\n", "unknown section"),
        ("[conf-nostanza]\nk = v\n", "conf-<file>/<stanza>"),
        ("[password:llm_triage]\npassword = x\n", "password:<realm>:<username>"),
        ("[password:llm_triage:a]\npassword = x\npassword_env = Y\n", "exactly one key"),
        ("[password:llm_triage:a]\npassword =\n", "password is empty"),
        ("[password:llm_triage:a]\npassword_env = NOT_SET_ANYWHERE\n", "NOT_SET_ANYWHERE is not set"),
        ("[conf-a/b]\nk = 1\nk = 2\n", "'k' appears twice"),
    ],
)
def test_config_file_errors_say_what_is_wrong(tmp_path: Path, text: str, complaint: str) -> None:
    with pytest.raises(StandInConfigError, match=complaint):
        apply_config_file(SplunkdContent(), write(tmp_path, text), {})


def test_parse_errors_name_lines_but_never_show_them(tmp_path: Path) -> None:
    path = write(tmp_path, f"[password:llm_triage:local]\npassword = x\n{SECRET}\n")
    with pytest.raises(StandInConfigError) as caught:
        apply_config_file(SplunkdContent(), path, {})
    assert "line(s) 3" in str(caught.value) and SECRET not in str(caught.value)
    headless = write(tmp_path, f"password = {SECRET}\n")
    with pytest.raises(StandInConfigError) as caught:
        apply_config_file(SplunkdContent(), headless, {})
    assert "line 1" in str(caught.value) and SECRET not in str(caught.value)


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(StandInConfigError, match="cannot read --config"):
        apply_config_file(SplunkdContent(), tmp_path / "absent.ini", {})


def test_provider_options_configure_one_default_provider() -> None:
    content = SplunkdContent()
    used = apply_provider_options(content, "http://127.0.0.1:8080/v1", None, "MY_KEY", {"MY_KEY": SECRET})
    assert content.confs["llm_triage_providers"]["local"] == {
        "type": "openai_compatible",
        "base_url": "http://127.0.0.1:8080/v1",
        "model": "local-model",
    }
    assert content.confs["llm_triage_settings"]["triage"] == {"default_provider": "local"}
    assert content.secrets == {("llm_triage", "local"): SECRET}
    assert used == {"MY_KEY"}


def test_provider_options_override_the_config_file() -> None:
    content = SplunkdContent()
    content.set_stanza("llm_triage_settings", "triage", {"default_provider": "other", "max_rows": "7"})
    apply_provider_options(content, "https://llm.example/v1", "gpt-x", None, {})
    assert content.confs["llm_triage_settings"]["triage"] == {"default_provider": "local", "max_rows": "7"}
    assert content.confs["llm_triage_providers"]["local"]["model"] == "gpt-x"
    assert content.secrets == {}


@pytest.mark.parametrize(
    ("url", "model", "variable", "complaint"),
    [
        (None, "m", None, "--provider-model needs --provider-url"),
        ("ftp://host/v1", None, None, "http:// or https://"),
        ("http://127.0.0.1:1/v1", None, "UNSET_VARIABLE", "UNSET_VARIABLE is not set"),
    ],
)
def test_provider_option_errors(url: str, model: str, variable: str, complaint: str) -> None:
    with pytest.raises(StandInConfigError, match=complaint):
        apply_provider_options(SplunkdContent(), url, model, variable, {})


def test_provider_name_can_be_chosen() -> None:
    content = SplunkdContent()
    apply_provider_options(content, "http://127.0.0.1:8080/v1", None, "MY_KEY", {"MY_KEY": SECRET}, name="local")
    assert set(content.confs["llm_triage_providers"]) == {"local"}
    assert content.confs["llm_triage_settings"]["triage"] == {"default_provider": "local"}
    assert content.secrets == {("llm_triage", "local"): SECRET}
    with pytest.raises(StandInConfigError, match="plain stanza name"):
        apply_provider_options(SplunkdContent(), "http://127.0.0.1:8080/v1", None, None, {}, name="a/b")
