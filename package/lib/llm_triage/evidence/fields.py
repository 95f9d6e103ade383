"""The fields `llmtriage` adds to every row, and the statuses a row can end in."""

from collections.abc import Mapping
from typing import Union

from llm_triage.evidence.canonical import canonical_json, content_hash

# What a checked model answer fills in (and the verdict cache keeps).
VERDICT_FIELDS: tuple[str, ...] = (
    "triage_verdict",
    "triage_bucket",
    "triage_confidence",
    "triage_rationale",
    "triage_evidence",
    "triage_attack",
    "triage_next_action",
    "triage_questions",
)

# Every row gets every field (empty when it does not apply), so the first row written fixes a header
# that holds them all: splunklib writes the header from the first record.
OUTPUT_FIELDS: tuple[str, ...] = (
    "triage_status",
    "triage_id",  # this result's identity: feedback, SOAR cases and the audit trail refer to it
    *VERDICT_FIELDS,
    "triage_error",
    "triage_model",
    "triage_provider",
    "triage_profile",
    "triage_prompt_version",
    "triage_bundle_hash",
    "triage_bundle",
    "triage_source",  # model or baseline: who gave the verdict
    "triage_cached",  # true when the verdict came from the cache, not a new call
    "triage_tokens",  # prompt + completion tokens this row's call used
    "triage_tokens_cached",  # of its prompt tokens, those the provider served from its prompt cache
    "triage_cost",  # that call's cost at the provider's configured prices
    "triage_latency_ms",  # that call's time, in milliseconds
    "triage_op_confidence",  # operational confidence, 0.00 to 1.00: the verdict with its context (decision/)
    "triage_op_bucket",  # the final bucket from operational confidence; triage_bucket stays the model's
    "triage_factors",  # multivalue: each factor's contribution to triage_op_confidence
    "triage_policy",  # the policy's decision, canonical JSON: which actions are automatic, need approval, never
    "triage_injection",  # multivalue `field:kind` where the row's text tries to instruct the model (`field_name:kind`
    # when a name the bundle sends does); `injection:swayed` and `injection:unchecked` from the model-side check
    # (search/swaying.py); with `by`, `injection:group` when the text of another row sent in the group bundle does
    "triage_redactions",  # multivalue `kind: n`: secrets and personal data masked in the bundle before it left
    "triage_group",  # `by <field>`: the group whose verdict this row carries, `user=alice (7 rows)`
    "triage_similar",  # similar past incidents (approved feedback) the bundle was shown, with dispositions
    "triage_enriched",  # true when the verdict was given again with context searches' results (enrichment)
    "triage_enrichment",  # multivalue `<item>: <n> results`, or why an item did not run
    "triage_bucket_initial",  # the first answer's bucket, when the row was answered needs_enrichment
    "triage_enrichment_spl",  # multivalue: the context searches that would run (enrich=propose, dryrun)
    "triage_enrichment_proposed",  # multivalue: the offered context searches the model asked for
)

# What a checked cluster narrative (llmcluster, stories/narrative.py) fills in on each of its cluster's rows.
NARRATIVE_FIELDS: tuple[str, ...] = (
    "cluster_narrative",  # the story: a title and summary, then the steps in order
    "cluster_confidence",
    "cluster_tactics",  # ATT&CK tactics, in the order they happened
    "cluster_entities",
    "cluster_next",  # what to check next
    "cluster_evidence",  # the references the narrative cites (see cluster_ref)
)

# Every field `llmcluster` adds to every row.
CLUSTER_FIELDS: tuple[str, ...] = (
    "cluster_id",
    "cluster_size",  # rows in the cluster (in this search, or in this part of it)
    "cluster_status",  # ok, unavailable, error, single (no narrative asked for one alert), skipped_budget, dryrun
    "cluster_ref",  # this row's event reference in the cluster's bundle: what the narrative cites
    *NARRATIVE_FIELDS,
    # multivalue `<event ref> <field:kind>`: where the text of an event the cluster's bundle carries addresses
    # the model (trust/injection/detector.py); the story was written beside it
    "cluster_injection",
    "cluster_error",
    "cluster_bundle",  # dryrun: the cluster's bundle as it would be sent
)

STATUS_OK = "ok"
STATUS_UNAVAILABLE = "unavailable"  # the model or splunkd could not be reached: try again later
STATUS_ERROR = "error"  # the model answered but the answer was refused, or a setting must be fixed
STATUS_DRYRUN = "dryrun"  # nothing was sent; triage_bundle holds what would have been
STATUS_SKIPPED_BUDGET = "skipped_budget"  # past a budget (rows, tokens, cost): not sent
STATUS_REJECTED = "rejected"  # the model answered, but the answer failed a check (schema, evidence, canary)
STATUS_SKIPPED_DAILY_COST = "skipped_daily_cost"  # the provider's max_cost_per_day is reached: not sent
STATUS_SKIPPED_DAILY_QUOTA = "skipped_daily_quota"  # the user's daily token quota is reached: not sent
SKIPPED_BY_A_LIMIT = (STATUS_SKIPPED_DAILY_COST, STATUS_SKIPPED_DAILY_QUOTA)

SOURCE_MODEL = "model"  # triage_source: the verdict fields are a model's checked answer
SOURCE_BASELINE = "baseline"  # triage_source: only a bucket from the row's own signals (see baseline.py)

FieldValue = Union[str, list[str]]


def empty_fields() -> dict[str, FieldValue]:
    """Every output field, empty."""
    return {name: "" for name in OUTPUT_FIELDS}


def write_answer(fields: "dict[str, FieldValue]", answer: "Mapping[str, FieldValue]") -> None:
    """A checked answer's fields written into a row's. The fields the answer reported as swaying its triage
    (`triage_injection`) are added to those the row already holds (the detector's findings, an earlier
    answer's report), never in their place: an answer cannot clear a flag."""
    held = fields.get("triage_injection")
    fields.update(answer)
    reported = answer.get("triage_injection")
    if isinstance(reported, list):
        fields["triage_injection"] = list(dict.fromkeys([*(held if isinstance(held, list) else []), *reported]))
    elif "triage_injection" in answer:
        fields["triage_injection"] = held if held is not None else ""


def add_spend(fields: "dict[str, FieldValue]", tokens: int, cached: int, cost: float) -> None:
    """Another call's tokens (`cached` of them from the provider's prompt cache) and cost added to what a
    row's fields already say it spent: a row asked twice (enrichment, the injection check) shows both."""
    fields.update(
        triage_tokens=str(int(str(fields.get("triage_tokens") or 0)) + tokens),
        triage_tokens_cached=str(int(str(fields.get("triage_tokens_cached") or 0)) + cached),
        triage_cost=f"{float(str(fields.get('triage_cost') or 0)) + cost:.6f}",
    )


def triage_id(bundle_hash: str, row: Mapping[str, object]) -> str:
    """A result's identity: its evidence and the indexed event it came from (`_cd` is the event's address
    in its index, `_time` and `_raw` tell apart events without one). The same event triaged again with the
    same evidence has the same id; two events with the same evidence have different ones."""
    event = [str(row.get(name, "")) for name in ("_cd", "_time", "_raw")]
    return content_hash(canonical_json([bundle_hash, *event]))[:24]
