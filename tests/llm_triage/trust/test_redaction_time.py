"""No field value can stall the evidence redaction: each rule of the secret catalogue, and the redaction
as a whole, reads a hostile value in linear time.

Secrets are masked in a value before it is cut to what the bundle keeps (so no cut can leave half a key
unrecognised), so the redaction reads whole field values, as long as the attacker makes them. A rule runs
only on values that hold its needles; the probes below hold every needle, on a line of their own so that
nothing matches across them, then 40,000 characters of one repeated unit: the shapes that found twenty
rules here backtracking (a command line rule read from every repeat of its tool's name to the end of the
line; `secret_value` from every dot of `a.a.a.`; a value of 20,000 such characters took seconds to
minutes). Each rule now reads no further than the next repeat of its tool, or starts only where a name
can; what they mask is unchanged (tools and corpus: the commit that made them linear)."""

from __future__ import annotations

import pytest

from llm_triage.trust.redaction import EVIDENCE_RULES, redact_evidence
from tests.llm_triage.trust.hostile_values import PROBE_CHARS, runs, slow_reads

UNITS = [" ", "\n", "a", "1", ".", "-", "_", "=", ":", "/", '"', "a.", "a-", "1.", "a b ", "1 ", "+1 ", "a@b."]
# A rule's own start repeated: each repeat read on to the end of the line costs far less than a run
# tried at every character, so these are read at four times the length to tell quadratic from linear.
STARTS = ["reg add HKLM /v DefaultPassword ", "type = s3 ", "7z a x.7z ", "nxc smb ", "rclone config "]
NEEDLES = sorted({needle for rule in EVIDENCE_RULES for group in rule.needles for needle in group})


def _units(needles: list[str]) -> list[str]:
    return UNITS + [form.format(needle) for needle in needles for form in ("{} ", "{}=", " {}", "{}.", "-{} ")]


@pytest.mark.parametrize("index", range(len(EVIDENCE_RULES)), ids=[rule.kind for rule in EVIDENCE_RULES])
def test_each_catalogue_rule_reads_a_long_run_in_linear_time(index: int) -> None:
    rule = EVIDENCE_RULES[index]
    needles = sorted({needle for group in rule.needles for needle in group})
    prefix = " ".join(needles) + "\n"
    texts = [*runs(_units(needles), prefix), *runs(STARTS, prefix, chars=4 * PROBE_CHARS)]
    assert not slow_reads(lambda text: rule.pattern.sub("", text), texts)


def test_the_whole_redaction_of_a_hostile_value_stays_cheap() -> None:
    texts = runs(_units(NEEDLES[::7]), prefix=" ".join(NEEDLES) + "\n")
    assert not slow_reads(lambda text: redact_evidence(text, "message", contacts=True), texts)
