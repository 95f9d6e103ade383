import json

import pytest

from llm_triage.splunkd.conf import KEY_FORBIDDEN_NOTE, ConfigUnavailable, SplunkdConfig
from llm_triage.splunkd.settings import TriageSettings
from tests.llm_triage.triage_fakes import FakeSplunkd, configured


def test_settings_and_provider_with_its_key_are_read():
    splunkd = configured(key="zz-key-123456")
    config = SplunkdConfig(splunkd.fetch)
    settings = config.settings()
    assert settings.default_provider == "lab"
    choice = config.provider("", settings)
    assert choice.config is not None
    assert (choice.config.name, choice.config.model, choice.config.api_key) == ("lab", "m1", "zz-key-123456")


def test_each_conf_file_is_read_once_per_search():
    splunkd = configured()
    config = SplunkdConfig(splunkd.fetch)
    for _ in range(3):
        config.provider("lab", config.settings())
    assert splunkd.paths.count("configs/conf-llm_triage_providers") == 1
    assert splunkd.paths.count("configs/conf-llm_triage_settings") == 1


def test_provider_default_means_the_configured_default():
    config = SplunkdConfig(configured().fetch)
    assert config.provider("default", config.settings()).config.name == "lab"


def test_an_unknown_provider_lists_the_configured_ones():
    config = SplunkdConfig(configured().fetch)
    choice = config.provider("openai", config.settings())
    assert choice.config is None and not choice.unavailable
    assert choice.problem == (
        "provider 'openai' is not configured; configured providers: lab "
        "(add one on the app's setup page, Configuration > Providers)"
    )


def test_a_misspelt_provider_gets_the_nearest_configured_name():
    splunkd = configured()
    splunkd.confs["llm_triage_providers"]["openai_prod"] = dict(splunkd.confs["llm_triage_providers"]["lab"])
    config = SplunkdConfig(splunkd.fetch)
    choice = config.provider("openai-prd", config.settings())
    assert choice.problem == (
        "provider 'openai-prd' is not configured; did you mean 'openai_prod'? configured providers: lab, openai_prod "
        "(add one on the app's setup page, Configuration > Providers)"
    )


def test_no_provider_at_all_says_where_to_configure_one():
    config = SplunkdConfig(FakeSplunkd(confs={"llm_triage_providers": {}}).fetch)
    assert config.provider("", TriageSettings()).problem == (
        "no provider is configured: add one on the app's setup page, Configuration > Providers "
        "(llm_triage_providers.conf)"
    )
    assert config.provider("lab", TriageSettings()).problem == (
        "provider 'lab' is not configured: add one on the app's setup page, Configuration > Providers "
        "(llm_triage_providers.conf)"
    )


def test_no_provider_named_and_no_default_says_how_to_choose_one():
    config = SplunkdConfig(configured().fetch)
    assert config.provider("", TriageSettings()).problem == (
        "no provider= given and no default_provider set; configured providers: lab. Name one with provider=, "
        "or choose the default on the app's setup page, Configuration > Settings"
    )


def test_a_provider_without_a_stored_key_gets_an_empty_key():
    config = SplunkdConfig(configured().fetch)
    assert config.provider("lab", config.settings()).config.api_key == ""


def test_splunkd_not_ready_is_unavailable_with_its_reason():
    config = SplunkdConfig(FakeSplunkd(status=503).fetch)
    with pytest.raises(ConfigUnavailable, match="splunkd answered 503 for configs/conf-llm_triage_settings: KV Store"):
        config.settings()
    choice = config.provider("lab", TriageSettings())
    assert choice.unavailable and "503" in choice.problem


def test_a_transport_failure_becomes_unavailable_without_details_of_the_exception():
    def broken(path):
        raise ConnectionRefusedError("secret-bearing text that must not be shown")

    config = SplunkdConfig(broken)
    with pytest.raises(ConfigUnavailable) as caught:
        config.settings()
    assert str(caught.value) == "splunkd unreachable (ConnectionRefusedError)"


def fetch_with_secret_status(splunkd, status, text):
    def fetch(path):
        if path.startswith("storage/passwords/"):
            return status, json.dumps({"messages": [{"type": "ERROR", "text": text}]}).encode()
        return splunkd.fetch(path)

    return fetch


def test_a_user_who_may_not_read_secrets_still_reaches_a_keyless_provider():
    config = SplunkdConfig(fetch_with_secret_status(configured(), 403, "Permission denied"))
    choice = config.provider("lab", config.settings())
    assert choice.config is not None and choice.config.api_key == ""
    assert choice.note == KEY_FORBIDDEN_NOTE


def test_a_key_that_splunkd_cannot_serve_makes_rows_unavailable_not_keyless():
    config = SplunkdConfig(fetch_with_secret_status(configured(), 503, "KV Store is initializing"))
    choice = config.provider("lab", config.settings())
    assert choice.config is None and choice.unavailable
    assert choice.problem == (
        "cannot read the API key of provider 'lab': "
        "splunkd answered 503 for storage/passwords: KV Store is initializing"
    )


def test_eai_metadata_is_not_configuration():
    splunkd = FakeSplunkd(confs={"llm_triage_settings": {"triage": {"max_rows": "5", "eai:acl": "{}"}}})
    config = SplunkdConfig(splunkd.fetch)
    assert config.conf("llm_triage_settings") == {"triage": {"max_rows": "5"}}
    assert config.settings().max_rows == 5
