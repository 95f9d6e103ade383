import configparser

import pytest

from llm_triage.providers.base import ProviderConfig
from llm_triage.splunkd.settings import (
    ConfigError,
    TriageSettings,
    enabled_stanzas,
    provider_from_conf,
    settings_from_conf,
)


def read_conf(path):
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # conf keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return {section: dict(parser[section]) for section in parser.sections()}


def test_shipped_settings_conf_states_the_code_defaults(repo):
    stanza = read_conf(repo / "package" / "default" / "llm_triage_settings.conf")["triage"]
    assert settings_from_conf(stanza) == TriageSettings()
    assert set(stanza) == set(TriageSettings.__dataclass_fields__)


def test_shipped_provider_defaults_state_the_code_defaults(repo):
    parser = configparser.ConfigParser(interpolation=None, default_section="__none__")
    parser.optionxform = str
    parser.read(repo / "package" / "default" / "llm_triage_providers.conf", encoding="utf-8")
    defaults = dict(parser["default"])
    parsed = provider_from_conf("p", dict(defaults, base_url="https://x.example/v1", model="m"))
    expected = ProviderConfig(name="p", type="openai_compatible", base_url="https://x.example/v1", model="m")
    assert parsed == expected


def test_settings_errors_name_the_file_stanza_and_key():
    with pytest.raises(ConfigError, match=r"llm_triage_settings.conf \[triage\]: max_rows must be a whole number"):
        settings_from_conf({"max_rows": "lots"})
    with pytest.raises(ConfigError, match="max_rows must be at least 1"):
        settings_from_conf({"max_rows": "0"})


def test_a_provider_stanza_is_parsed_and_checked():
    config = provider_from_conf(
        "corp-gw",
        {
            "base_url": "https://gw.corp.example/v1",
            "model": "m",
            "verify_tls": "false",
            "timeout": "12.5",
            "seed": "none",
        },
        api_key="zz-secret",
    )
    assert (config.verify_tls, config.timeout, config.seed, config.api_key) == (False, 12.5, None, "zz-secret")
    assert "zz-secret" not in repr(config)


def test_gateway_limits_and_prices_are_parsed():
    config = provider_from_conf(
        "gw",
        {
            "base_url": "https://gw.example/v1",
            "model": "m",
            "extra_headers": '{"X-Tenant": "soc-eu"}',
            "max_concurrency": "3",
            "requests_per_minute": "60",
            "tokens_per_minute": "90000",
            "price_input_per_mtok": "0.15",
            "price_output_per_mtok": "0.6",
            "api_version": "2024-10-21",
        },
    )
    assert config.extra_headers == {"X-Tenant": "soc-eu"}
    assert (config.max_concurrency, config.requests_per_minute, config.tokens_per_minute) == (3, 60, 90000)
    assert (config.price_input_per_mtok, config.price_output_per_mtok, config.api_version) == (0.15, 0.6, "2024-10-21")


def test_prompt_cache_prices_are_parsed_and_default_to_the_input_price():
    stanza = {"base_url": "https://gw.example/v1", "model": "m", "price_input_per_mtok": "2.5"}
    unset = provider_from_conf("gw", {**stanza, "price_cached_input_per_mtok": " ", "price_cache_write_per_mtok": ""})
    assert (unset.price_cached_input_per_mtok, unset.cached_input_price, unset.cache_write_price) == (None, 2.5, 2.5)
    priced = provider_from_conf(
        "gw", {**stanza, "price_cached_input_per_mtok": "0.25", "price_cache_write_per_mtok": "0"}
    )
    assert (priced.cached_input_price, priced.cache_write_price) == (0.25, 0.0)


@pytest.mark.parametrize(
    "name, stanza, problem",
    [
        ("p", {"model": "m"}, "base_url must be an http:// or https:// URL"),
        ("p", {"base_url": "ftp://x", "model": "m"}, "base_url must be"),
        ("p", {"base_url": "https://x"}, "model is required"),
        ("p", {"base_url": "https://x", "model": "m", "verify_tls": "maybe"}, "verify_tls must be true or false"),
        ("p", {"base_url": "https://x", "model": "m", "timeout": "0"}, "timeout must be at least 1"),
        # Past the setup page's hour: a .conf edit of a year, or of infinity, is refused, not waited out.
        ("p", {"base_url": "https://x", "model": "m", "timeout": "31536000"}, "timeout must be at most 3600"),
        ("p", {"base_url": "https://x", "model": "m", "timeout": "inf"}, "timeout must be at most 3600"),
        ("bad name", {"base_url": "https://x", "model": "m"}, "provider names use letters"),
        ("default", {"base_url": "https://x", "model": "m"}, "are not 'default'"),
        (
            "p",
            {"base_url": "https://x", "model": "m", "extra_headers": "X-A: 1"},
            "extra_headers must be a JSON object",
        ),
        ("p", {"base_url": "https://x", "model": "m", "extra_headers": '{"X A": "1"}'}, "invalid header 'X A'"),
        ("p", {"base_url": "https://x", "model": "m", "extra_headers": '{"X-A": "1\\r\\nX-B: 2"}'}, "invalid header"),
        ("p", {"base_url": "https://x", "model": "m", "client_cert": "/nonexistent.pem"}, "client_cert /nonexistent"),
        ("p", {"base_url": "https://x", "model": "m", "max_concurrency": "0"}, "max_concurrency must be at least 1"),
        ("p", {"base_url": "https://x", "model": "m", "price_input_per_mtok": "-1"}, "price_input_per_mtok must be"),
        ("p", {"base_url": "https://x", "model": "m", "price_cached_input_per_mtok": "x"}, "must be a number, not 'x'"),
        (
            "p",
            {"base_url": "https://x", "model": "m", "price_cache_write_per_mtok": "-2"},
            "cache_write_per_mtok must be",
        ),
    ],
)
def test_provider_mistakes_are_explained(name, stanza, problem):
    with pytest.raises(ConfigError, match=problem):
        provider_from_conf(name, stanza)


def test_the_default_stanza_and_disabled_stanzas_are_not_providers():
    entries = {"default": {}, "a": {"disabled": "0"}, "b": {"disabled": "1"}, "c": {}}
    assert sorted(enabled_stanzas(entries)) == ["a", "c"]


def test_schema_constraints_is_portable_or_full():
    stanza = {"base_url": "https://x", "model": "m"}
    assert provider_from_conf("p", stanza).schema_constraints == "portable"
    assert provider_from_conf("p", dict(stanza, schema_constraints="Full")).schema_constraints == "full"
    with pytest.raises(ConfigError, match="schema_constraints must be one of portable, full, not 'strict'"):
        provider_from_conf("p", dict(stanza, schema_constraints="strict"))


@pytest.mark.parametrize(
    "stanza, key, problem",
    [
        ({"base_url": "http://gw.example:abc/v1"}, "", "base_url has an invalid port"),
        (
            {"base_url": "https://x", "ca_bundle": "/nonexistent/ca.pem"},
            "",
            "ca_bundle /nonexistent/ca.pem is not a readable",
        ),
        (
            {"base_url": "http://gw.corp.example/v1"},
            "zz-key-1234",
            "refusing to send the API key over plain http to gw.corp.example",
        ),
    ],
)
def test_settings_that_would_fail_every_request_are_refused_up_front(stanza, key, problem):
    with pytest.raises(ConfigError, match=problem):
        provider_from_conf("p", dict(stanza, model="m"), api_key=key)


@pytest.mark.parametrize("base_url", ["http://127.0.0.1:8080/v1", "http://localhost:11434/v1", "http://[::1]:8000/v1"])
def test_a_key_may_go_over_plain_http_to_loopback_only(base_url):
    assert provider_from_conf("p", {"base_url": base_url, "model": "m"}, api_key="zz-key-1234").api_key == "zz-key-1234"


def test_a_keyless_provider_may_use_plain_http_anywhere():
    assert provider_from_conf("p", {"base_url": "http://ollama.lab.example:11434/v1", "model": "m"}).api_key == ""


def test_an_unknown_default_profile_is_refused():
    with pytest.raises(ConfigError, match="default_profile must be one of auto, cloud_audit"):
        settings_from_conf({"default_profile": "phishing"})


def test_mask_contacts_reaches_the_bundles_limits_and_is_off_by_default() -> None:
    from llm_triage.splunkd.settings import settings_from_conf

    assert settings_from_conf({}).limits.mask_contacts is False
    assert settings_from_conf({"mask_contacts": "1"}).limits.mask_contacts is True
    with pytest.raises(ConfigError, match="mask_contacts"):
        settings_from_conf({"mask_contacts": "sometimes"})
