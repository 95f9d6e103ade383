"""The judge endpoint as splunkd runs it: one persistent-handler request (method, payload, session, system
token) to its reply. Refuses what is not a POST, lacks the system token or the caller's user, or is not a
valid request (endpoint.wire); then endpoint.service answers. Never raises; no failure shows a secret.
"""

import json
import logging
import traceback
from typing import Any, Callable, Optional, Union

from llm_triage.endpoint.service import ConfigMemo, TriageService
from llm_triage.endpoint.wire import Connect, Reply, RequestRefused, parse_request, refusal
from llm_triage.feedback.examples import ExampleStore
from llm_triage.feedback.store import FeedbackStore
from llm_triage.feedback.triaged import COLLECTION as TRIAGED_COLLECTION
from llm_triage.feedback.triaged import TriagedEvidence
from llm_triage.providers import create_provider
from llm_triage.providers.base import Provider, ProviderConfig
from llm_triage.splunkd.conf import SplunkdConfig
from llm_triage.splunkd.kvstore import Collection
from llm_triage.splunkd.kvstore_cache import KvStoreVerdictCache
from llm_triage.splunkd.rest import SplunkdRest
from llm_triage.trust.redaction import scrub_secrets

LOG = logging.getLogger("llm_triage")


def handle(
    in_string: Union[str, bytes],
    connect: Connect,
    provider_factory: Callable[[ProviderConfig], Provider] = create_provider,
    memo: Optional[ConfigMemo] = None,
) -> dict[str, Any]:
    """One request of splunkd's persistent-handler protocol (a JSON document: method, payload,
    system_authtoken, server.rest_uri, session, ...) to its reply ({"payload", "status", "headers"}).

    Never raises: a failure is a reply whose message holds no secret.
    """
    read: list[str] = []
    try:
        return _handle(in_string, connect, provider_factory, read, memo).persistent()
    except Exception as exc:  # whatever broke, splunkd gets an answer and its log no key
        LOG.error("llm_triage endpoint: unexpected failure\n%s", scrub_secrets(traceback.format_exc(), read))
        return refusal(500, f"internal error in the llm_triage endpoint: {exc.__class__.__name__}").persistent()


def _handle(
    in_string: Union[str, bytes],
    connect: Connect,
    provider_factory: Callable[[ProviderConfig], Provider],
    read: list[str],
    memo: Optional[ConfigMemo] = None,
) -> Reply:
    try:
        envelope = json.loads(in_string)
    except ValueError:
        envelope = None
    if not isinstance(envelope, dict):
        return refusal(400, "the persistent-handler request is not a JSON object")
    method = str(envelope.get("method", "")).upper()
    if method != "POST":
        return refusal(405, f"the llm_triage judge endpoint answers POST only, not {method or 'nothing'}")
    server = envelope.get("server")
    rest_uri = server.get("rest_uri") if isinstance(server, dict) else None
    token = envelope.get("system_authtoken")
    if not isinstance(rest_uri, str) or not isinstance(token, str) or not token:
        return refusal(500, "the endpoint needs splunkd's system token: restmap.conf must set passSystemAuth = true")
    try:
        request = parse_request(envelope.get("payload"))
    except RequestRefused as exc:
        return refusal(exc.status, exc.message)
    session = envelope.get("session")
    actor = session.get("user") if isinstance(session, dict) else None
    if not isinstance(actor, str) or not actor.strip():
        # Every inference is audited under the user who asked: no user, no inference.
        return refusal(401, "the judge endpoint needs the caller's session: restmap.conf must set passSession = true")
    rest = SplunkdRest(connect(rest_uri, token))
    service = TriageService(
        SplunkdConfig(rest.get),
        provider_factory,
        cache=KvStoreVerdictCache(rest),
        memo=memo,
        examples=ExampleStore(rest),
        labels=FeedbackStore(rest),
        rest=rest,
        actor=actor,
        triaged=TriagedEvidence(Collection(rest, TRIAGED_COLLECTION)),
    )
    service.secrets = read  # shared, so a failure's trace is scrubbed of whatever was read before it
    return service.answer(request)
