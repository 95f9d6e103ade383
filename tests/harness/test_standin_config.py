"""What the stand-in serves: the app's conf files, --config INI files and the --provider-* shortcuts."""

from __future__ import annotations

import json
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
UCC_REALM = "__REST_CREDENTIAL__#llm_triage#configs/conf-llm_triage_providers"
END_MARK = (  # solnlib's end mark, written out as splunkd stores it
    "``splunk_cred_sep``S``splunk_cred_sep``P``splunk_cred_sep``L"
    "``splunk_cred_sep``U``splunk_cred_sep``N``splunk_cred_sep``K``splunk_cred_sep``"
)


def stored_key(provider: str, key: str) -> dict[tuple[str, str], str]:
    """A short key as UCC's handlers store it: the JSON in one piece, then the end mark."""
    return {
        (UCC_REALM, f"{provider}``splunk_cred_sep``1"): json.dumps({"api_key": key}),
        (UCC_REALM, f"{provider}``splunk_cred_sep``2"): END_MARK,
    }


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
    # [password:llm_triage:<name>] is provider <name>'s key, stored where the setup page stores it.
    assert content.secrets == {**stored_key("local", SECRET), **stored_key("other", "literal-secret")}
    assert SECRET in content.secret_values() and "literal-secret" in content.secret_values()
    assert used == {"LOCAL_KEY"}


def test_secrets_of_other_realms_are_stored_as_they_are(tmp_path: Path) -> None:
    content = SplunkdContent()
    apply_config_file(content, write(tmp_path, "[password:elsewhere:bob]\npassword = s3\n"), {})
    assert content.secrets == {("elsewhere", "bob"): "s3"}


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
    assert content.secrets == stored_key("local", SECRET)
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
    assert content.secrets == stored_key("local", SECRET)
    with pytest.raises(StandInConfigError, match="plain stanza name"):
        apply_provider_options(SplunkdContent(), "http://127.0.0.1:8080/v1", None, None, {}, name="a/b")
