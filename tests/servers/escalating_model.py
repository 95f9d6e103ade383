"""A loopback OpenAI-compatible model that judges like `judge.py` but escalates more: what the keyword
judge calls suspicious it puts in `probable_incident` (a bucket the verdict allows) with confidence 0.7.

Two providers backed by `OpenAICompatServer` and this server answer the same evidence differently, as two
real models would: replays and evaluations are tested against that difference.
"""

from typing import Any

from tests.servers.rewriting_model import RewritingServer, Verdict

ESCALATED_BUCKET = "probable_incident"
ESCALATED_CONFIDENCE = 0.7


def escalate(verdict: Verdict) -> Verdict:
    """A suspicious verdict escalated; any other as it was."""
    if verdict["verdict"] == "suspicious":
        return dict(verdict, bucket=ESCALATED_BUCKET, confidence=ESCALATED_CONFIDENCE)
    return verdict


class EscalatingServer(RewritingServer):
    """`OpenAICompatServer` whose suspicious verdicts are escalated."""

    def __init__(self, **options: Any) -> None:
        super().__init__(escalate, **options)
