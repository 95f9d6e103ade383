"""The secret catalogue as data, measured on secrets made from each format's public description, and on
public events that must keep what an analyst needs."""

import json
import re
from pathlib import Path

import pytest

from llm_triage.trust.redaction import CATALOGUE, load_catalogue, redact_evidence
from tests.llm_triage.trust.secret_corpus import CONTEXTS, FORMS, TOKENS, planted
from tests.llm_triage.trust.secret_heldout import CASES as HELD_OUT
from tests.llm_triage.trust.secret_heldout_atomic import CASES as FROM_ATOMICS
from tests.llm_triage.trust.secret_heldout_atomic import NEGATIVES as ATOMIC_NEGATIVES
from tests.llm_triage.trust.secret_heldout_docs import CASES as FROM_DOCS
from tests.llm_triage.trust.secret_heldout_docs import NEGATIVES as DOCS_NEGATIVES
from tools.secret_catalogue import datasets_report, problems


def test_the_shipped_catalogue_passes_its_check() -> None:
    assert problems() == []


def test_the_check_names_what_is_wrong(tmp_path: Path) -> None:
    data = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    data["rules"][0].update(kind="Private Key", source="", needles=["PRIVATE"])
    data["rules"][1].update(pattern="(unclosed")
    broken = tmp_path / "catalogue.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    assert "rule 1 (jwt) does not compile" in problems(broken)[0]
    data["rules"][1] = json.loads(CATALOGUE.read_text(encoding="utf-8"))["rules"][1]
    broken.write_text(json.dumps(data), encoding="utf-8")
    assert problems(broken) == [
        "rule 0 (Private Key): kind must be snake_case",
        "rule 0 (Private Key): source must be the https:// page describing the format",
        "rule 0 (Private Key): needles must be non-empty lower-case texts",
    ]


@pytest.mark.parametrize("formats", [TOKENS, FORMS], ids=["tokens", "forms"])
@pytest.mark.parametrize("context", sorted(CONTEXTS))
def test_at_least_95_percent_of_the_planted_secrets_are_masked_in_each_kind_of_field(
    formats: list, context: str
) -> None:
    made = [item for item in planted(formats) if item.context == context]
    stayed = [item for item in made if item.secret in redact_evidence(item.text)]
    assert len({item.format for item in made}) == len(formats) and len(made) >= 3 * len(formats)
    assert len(stayed) <= 0.05 * len(made), sorted({item.format for item in stayed})[:10]


def test_every_rule_of_the_catalogue_masks_a_secret_some_test_plants() -> None:
    """A rule no test text reaches could be wrong for its own format and nothing would say so."""
    texts = [item.text for item in planted(TOKENS + FORMS)] + [text for text, _ in HELD_OUT]
    texts += [case[2] for case in FROM_DOCS + FROM_ATOMICS]
    silent = [rule.kind for rule in load_catalogue()[0] if not any(rule.pattern.search(text) for text in texts)]
    assert silent == []


def test_the_corpus_covers_forty_formats_in_every_kind_of_free_text_field() -> None:
    assert len(TOKENS) + len(FORMS) >= 40
    assert {item.context for item in planted(TOKENS[:1])} == {
        "user_agent", "command_line", "url", "email_body", "json_string", "log_line",
    }  # fmt: skip


@pytest.mark.parametrize(
    "value",
    [
        "token=false",
        "cache_key=user:42",  # a name that only ends in _key keeps a value that is not token-like
        "public_key=MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE0yWGwtbMG8Mlgs2wXq7s",
        "is_temporary_password: false",
        "GetSecretValue arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db",
        "sha256=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "requestId: 7a62c49f-347e-4fc4-9331-6e8eEXAMPLE",
        "next_page_token=1",
    ],
)
def test_ordinary_values_next_to_secret_like_names_stay(value: str) -> None:
    assert redact_evidence(value) == value


def test_a_high_entropy_value_of_a_name_ending_in_token_is_masked() -> None:
    assert redact_evidence("CI_JOB_TOKEN=Zx8Qm2Lp9Rt4Vw7Ys1Nb") == "CI_JOB_TOKEN=[redacted:secret_value]"


def test_public_events_keep_every_hash_id_arn_and_key_id_and_few_lose_anything(shared: Path) -> None:
    report = datasets_report(shared)
    assert sum(report["events"].values()) >= 3300 and report["analyst_values_checked"] > 1000
    assert report["analyst_values_lost"] == []
    # measured 2026-12-04: 24 of 3,396 events (0.71%), each a secret-named field or a password or token on
    # a command line; the ceiling is 2%
    assert report["touched_share"] <= 0.01, report


def test_the_catalogue_loads_as_compiled_rules() -> None:
    rules, weak = load_catalogue()
    assert len(rules) >= 60 and weak.min_entropy > 0


def test_the_held_out_secrets_stay_masked_at_least_as_often_as_when_measured() -> None:
    masked = [secret for text, secret in HELD_OUT if secret not in redact_evidence(text)]
    # measured at the freeze: 18 of 30; 29 once the rules were fitted to the misses (no longer out of sample)
    assert len(HELD_OUT) == 30 and len(masked) >= 29


def test_the_secrets_written_from_tool_documentation_stay_masked_and_their_negatives_kept() -> None:
    masked = [case for case, _, text, secret in FROM_DOCS if secret not in redact_evidence(text)]
    # measured out of sample (catalogue frozen at 8a959eb): 38 of 60; 59 once fitted. The one left is a
    # .pgpass line (host:port:db:user:password), which nothing marks as a password outside its file.
    assert len(FROM_DOCS) == 60 and len(masked) >= 59
    assert [case for case, text, kept in DOCS_NEGATIVES if kept not in redact_evidence(text)] == []


def test_the_needle_index_chooses_exactly_the_rules_whose_needles_a_value_holds(shared: Path) -> None:
    from llm_triage.trust.redaction import EVIDENCE_RULES, _rules_for
    from tools.secret_catalogue import dataset_events, field_values

    texts = [item.text for item in planted(TOKENS + FORMS)] + [text for text, _ in HELD_OUT]
    texts += [value for _, event in dataset_events(shared) for _, value in field_values(event)][:20000]
    for text in texts:
        lower = text.lower()
        expected = [rule for rule in EVIDENCE_RULES if any(all(p in lower for p in parts) for parts in rule.needles)]
        assert _rules_for(lower) == expected, text


def test_a_literal_trie_matches_the_longest_word_where_several_start() -> None:
    from llm_triage.trust.redaction import literal_trie

    pattern = re.compile(literal_trie(["secret", "secret_key", "session_token", "sk", "a.b"]))
    assert [m.group(0) for m in pattern.finditer("x secret_key sk secrets session_token a.b axb")] == [
        "secret_key", "sk", "secret", "session_token", "a.b"
    ]  # fmt: skip


def test_the_secrets_taken_from_attack_simulations_stay_masked_and_their_negatives_kept() -> None:
    masked = [case for case, _, text, secret in FROM_ATOMICS if secret not in redact_evidence(text)]
    # measured out of sample (catalogue frozen at 7cc266a): 35 of 50; 50 once fitted
    assert len(FROM_ATOMICS) == 50 and len(masked) == 50
    assert [case for case, text, kept in ATOMIC_NEGATIVES if kept not in redact_evidence(text)] == []
