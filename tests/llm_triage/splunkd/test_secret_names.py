"""llm_triage.splunkd.secrets: how the setup page's secrets are named and cut in storage/passwords.

tests/package/test_setup_handlers.py shows the generated handlers write exactly this through splunkd.
"""

import json

import pytest

from llm_triage.splunkd.secrets import (
    END_MARK,
    PROVIDERS_REALM,
    SETTINGS_REALM,
    provider_api_key,
    proxy_password,
    stanza_secrets,
    stored_entries,
)


def as_storage(realm: str, entries: list[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"realm": realm, "username": user, "clear_password": password} for user, password in entries]


def test_realms() -> None:
    assert PROVIDERS_REALM == "__REST_CREDENTIAL__#llm_triage#configs/conf-llm_triage_providers"
    assert SETTINGS_REALM == "__REST_CREDENTIAL__#llm_triage#configs/conf-llm_triage_settings"
    sep = "``splunk_cred_sep``"
    assert END_MARK == f"{sep}S{sep}P{sep}L{sep}U{sep}N{sep}K{sep}"


def test_a_short_key_is_one_piece_and_the_end_mark() -> None:
    assert stored_entries("openai", {"api_key": "sk-abc"}) == [
        ("openai``splunk_cred_sep``1", '{"api_key": "sk-abc"}'),
        ("openai``splunk_cred_sep``2", END_MARK),
    ]


@pytest.mark.parametrize("length", [1, 200, 240, 241, 500, 2000])
def test_keys_of_any_length_come_back(length: int) -> None:
    key = "k" * length
    entries = stored_entries("lab-1", {"api_key": key})
    assert all(len(password) <= 255 for _, password in entries)
    pieces = -(-len(json.dumps({"api_key": key})) // 255)
    assert len(entries) == pieces + 1 and entries[-1] == (f"lab-1``splunk_cred_sep``{pieces + 1}", END_MARK)
    storage = as_storage(PROVIDERS_REALM, list(reversed(entries)))  # the listing's order does not matter
    assert provider_api_key(storage, "lab-1") == key


def test_other_realms_stanzas_and_prefixes_are_not_mixed_up() -> None:
    storage = (
        as_storage(PROVIDERS_REALM, stored_entries("lab", {"api_key": "sk-lab"}))
        + as_storage(PROVIDERS_REALM, stored_entries("lab-2", {"api_key": "sk-lab-2"}))
        + as_storage(SETTINGS_REALM, stored_entries("lab", {"api_key": "sk-other-realm"}))
        + as_storage("llm_triage", [("lab", "sk-old-style")])
    )
    assert provider_api_key(storage, "lab") == "sk-lab"
    assert provider_api_key(storage, "lab-2") == "sk-lab-2"
    assert provider_api_key(storage, "missing") == ""


def test_the_proxy_password() -> None:
    storage = as_storage(SETTINGS_REALM, stored_entries("proxy", {"proxy_password": 'pw:with"quotes'}))
    assert proxy_password(storage) == 'pw:with"quotes'
    assert proxy_password([]) == ""


def test_a_single_entry_written_before_pieces_is_read() -> None:
    storage = as_storage(PROVIDERS_REALM, [("lab", '{"api_key": "sk-single"}')])
    assert provider_api_key(storage, "lab") == "sk-single"


def test_stored_text_that_is_not_the_setup_pages_is_an_error() -> None:
    with pytest.raises(ValueError):
        stanza_secrets(as_storage(PROVIDERS_REALM, [("lab", "sk-plain-text")]), PROVIDERS_REALM, "lab")
    with pytest.raises(ValueError):
        stanza_secrets(as_storage(PROVIDERS_REALM, [("lab", "[1]")]), PROVIDERS_REALM, "lab")
