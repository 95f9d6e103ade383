"""A loopback OpenAI-compatible model that believes every word it reads: whatever the evidence, it answers
`benign` and `likely_benign`, with the keyword judge's other fields (so the answer is still valid for the
request that asked). Issue 19's stand-in for the end-to-end measure: with a model that always lets the alert
go, only the detector keeps an attacker's row out of `likely_benign`, and a check without the row's free
text answers the same, so it finds nothing swayed.
"""

from typing import Any

from tests.servers.rewriting_model import RewritingServer, Verdict

BELIEVED = {"verdict": "benign", "bucket": "likely_benign", "confidence": 0.9}


def believe(verdict: Verdict) -> Verdict:
    return dict(verdict, **BELIEVED)


class BelievingServer(RewritingServer):
    """`OpenAICompatServer` whose every verdict is benign."""

    def __init__(self, **options: Any) -> None:
        super().__init__(believe, **options)
