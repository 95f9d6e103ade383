"""`llm_triage_settings.conf [enrichment]`: whether rows judged needs_enrichment get context searches, and
how many. Defaults here are the shipped defaults (`default/llm_triage_settings.conf` states the same)."""

from collections.abc import Mapping
from dataclasses import dataclass

from llm_triage.splunkd.settings import SETTINGS_CONF, _choice, _integer

ENRICHMENT_STANZA = "enrichment"
AUTO = "auto"  # run the applicable searches and judge the row again
PROPOSE = "propose"  # only list the searches that would run, for the analyst to run
OFF = "off"
MODES = (AUTO, PROPOSE, OFF)


@dataclass(frozen=True)
class EnrichmentSettings:
    """How far the triage loop may go to enrich rows judged needs_enrichment."""

    mode: str = AUTO
    max_rounds: int = 1  # search-then-judge rounds per row
    max_items_per_row: int = 3  # catalog items run for one row in one round
    max_searches_per_triage: int = 50  # context searches one llmtriage search may run in all
    search_timeout: int = 30  # seconds one context search may take
    max_result_chars: int = 500  # characters of one search's results shown to the model


def enrichment_settings(stanza: Mapping[str, str]) -> EnrichmentSettings:
    """Settings from the `[enrichment]` stanza; absent keys keep the shipped defaults. ConfigError names
    the key to fix."""
    where = f"{SETTINGS_CONF}.conf [{ENRICHMENT_STANZA}]"
    defaults = EnrichmentSettings()
    return EnrichmentSettings(
        mode=_choice(stanza, "mode", defaults.mode, where, MODES),
        max_rounds=_integer(stanza, "max_rounds", defaults.max_rounds, where, minimum=1, maximum=3),
        max_items_per_row=_integer(stanza, "max_items_per_row", defaults.max_items_per_row, where, 1, 10),
        max_searches_per_triage=_integer(
            stanza, "max_searches_per_triage", defaults.max_searches_per_triage, where, minimum=1, maximum=1000
        ),
        search_timeout=_integer(stanza, "search_timeout", defaults.search_timeout, where, minimum=1, maximum=300),
        max_result_chars=_integer(stanza, "max_result_chars", defaults.max_result_chars, where, 100, 20000),
    )
