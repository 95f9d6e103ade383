"""The judge endpoint as splunkd runs it: one persistent-handler request (llm_triage.splunkd.handler: a POST
with the caller's session and the system token) to its reply. Refuses what is not a valid request
(endpoint.wire); then endpoint.service answers. Never raises; no failure shows a secret.
"""

import time
from typing import Any, Callable, Optional, Union

from llm_triage.endpoint.service import ConfigMemo, TriageService
from llm_triage.endpoint.wire import parse_request
from llm_triage.feedback.examples import ExampleStore
from llm_triage.feedback.store import FeedbackStore
from llm_triage.feedback.triaged import COLLECTION as TRIAGED_COLLECTION
from llm_triage.feedback.triaged import TriagedEvidence
from llm_triage.providers import create_provider
from llm_triage.providers.base import Provider, ProviderConfig
from llm_triage.splunkd.conf import SplunkdConfig
from llm_triage.splunkd.handler import Connect, HandlerRequest, Reply, serve
from llm_triage.splunkd.kvstore import Collection
from llm_triage.splunkd.kvstore_cache import KvStoreVerdictCache
from llm_triage.splunkd.rest import within

REPLY_SECONDS = 2.0  # of the caller's wait, kept for the reply to reach it


def handle(
    in_string: Union[str, bytes],
    connect: Connect,
    provider_factory: Callable[[ProviderConfig], Provider] = create_provider,
    memo: Optional[ConfigMemo] = None,
) -> dict[str, Any]:
    """One request of splunkd's persistent-handler protocol to its reply ({"payload", "status", "headers"}).

    Never raises: a failure is a reply whose message holds no secret. Every inference is audited under
    the user who asked, so a request without the caller's session is refused.
    """

    def answer(request: HandlerRequest, secrets: list[str]) -> Reply:
        judge_request = parse_request(request.payload)
        rest = request.splunkd(connect)
        # The KV store collections this request alone uses end their calls before its caller stops waiting
        # (REPLY_SECONDS before, for the reply to reach it): a failing KV store had each call wait its own 60 s, so
        # answers the model gave came after the search had marked its rows unavailable. Their failures are
        # warnings, and cost nothing but a cache hit, an example or a record a later triage makes good. The rest
        # keeps splunkd's own time-out: settings, roles and cluster members a short wait must not empty (a user's
        # quota), the spend ledger and breakers every request of the process shares, and the audit trail.
        stores = rest
        if judge_request.wait is not None:
            ends_at = time.monotonic() + judge_request.wait - REPLY_SECONDS
            stores = within(rest, ends_at, reason="no time left of the caller's wait")
        service = TriageService(
            SplunkdConfig(rest.get),
            provider_factory,
            cache=KvStoreVerdictCache(stores),
            memo=memo,
            examples=ExampleStore(stores),
            labels=FeedbackStore(stores),
            rest=rest,
            actor=request.user,
            triaged=TriagedEvidence(Collection(stores, TRIAGED_COLLECTION)),
        )
        service.secrets = secrets  # shared, so a failure's trace is scrubbed of whatever was read before it
        return service.answer(judge_request)

    return serve(in_string, "judge", answer)
