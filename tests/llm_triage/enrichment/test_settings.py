"""llm_triage.enrichment.settings: the [enrichment] stanza and its shipped defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from llm_triage.enrichment.settings import ENRICHMENT_STANZA, EnrichmentSettings, enrichment_settings
from llm_triage.splunkd.settings import ConfigError
from tools.conf_spec import conf_stanzas

PACKAGE = Path(__file__).resolve().parents[3] / "package"


def test_the_shipped_stanza_states_the_defaults() -> None:
    stanzas = conf_stanzas((PACKAGE / "default" / "llm_triage_settings.conf").read_text(encoding="utf-8"))
    shipped = stanzas[ENRICHMENT_STANZA]
    assert set(shipped) == set(EnrichmentSettings.__dataclass_fields__)
    assert enrichment_settings(shipped) == EnrichmentSettings() == enrichment_settings({})


def test_values_are_read() -> None:
    settings = enrichment_settings({"mode": "Propose", "max_rounds": "3", "search_timeout": "5"})
    assert (settings.mode, settings.max_rounds, settings.search_timeout) == ("propose", 3, 5)


@pytest.mark.parametrize(
    "key,value",
    [
        ("mode", "sometimes"),
        ("max_rounds", "0"),
        ("max_rounds", "4"),
        ("max_items_per_row", "0"),
        ("max_searches_per_triage", "1001"),
        ("search_timeout", "0"),
        ("max_result_chars", "99"),
        ("max_result_chars", "many"),
    ],
)
def test_bad_values_name_the_key(key: str, value: str) -> None:
    with pytest.raises(ConfigError, match=rf"llm_triage_settings.conf \[enrichment\]: {key} "):
        enrichment_settings({key: value})
