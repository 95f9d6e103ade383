"""SOAR case outcomes: closed containers from Splunk SOAR's REST API, filed as pending dispositions.

The alert action that opens a SOAR case (issue 6) records which triage result opened it; this input reads
the triage_id from the container's custom field `triage_id`, else from any of its artifacts' `cef.triage_id`
(a container carrying neither is counted as `unlinked` and passed over). Each closed container becomes one
`Disposition` (source `soar`, provenance the container id, analyst the SOAR user who closed it, from the
container's `closing_owner` and `GET /rest/ph_user/<id>`, else `soar:<server>`), filed as pending in the
feedback quarantine: only a reviewer's approval lets it reach prompts, and nobody approves a case they
closed themselves (the no-self-review rule sees the closer's name). Its `_key` depends only on the result,
the server and the container: a case already filed with the same disposition (a checkpoint lost after
filing) is left as it is, reviewed or not; a case closed again with another one is filed anew.

Which disposition a container gets comes from a mapping (`disposition_map`): comma-separated
`<match>=<disposition>` pairs, where `<match>` is a resolution (`true positive`), a status (`status:
resolved-fp`, for SOAR's custom resolved statuses) or a tag (`tag:benign`), compared without case and with
spaces, `_` and `-` alike. The container's resolution (its `resolution`, else the custom field
`resolution`) is looked up first, then its status, then its tags in the mapping's order; a container nothing
maps is counted as `unmapped`.

Reading: `GET /rest/container` with `_filter_status__in=[<closed statuses>]` (`closed_statuses`: SOAR's
`closed`, and any custom status of the Resolved type an admin added) and `_filter_close_time__gte="<high-
water mark>"`, sorted by close_time ascending, a page at a time. The checkpoint keeps the high-water mark (the
latest close_time filed) and the ids already filed at exactly that time, and is written after each page's
dispositions are filed: a restart neither loses a container nor files one twice. A SOAR or KV store failure
is retried, then ends the run with the checkpoint at the last page filed; the next run resumes there.
"""

import datetime
import json
import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Callable
from urllib.parse import urlencode

from llm_triage import names
from llm_triage.evidence.canonical import canonical_json
from llm_triage.feedback.store import DISPOSITIONS, Disposition, FeedbackStore
from llm_triage.inputs.checkpoint import Checkpoint
from llm_triage.net.http import HttpResponse, TlsSettings, TransportError, get_json
from llm_triage.routing.targets import SOAR, TargetError, load_target
from llm_triage.splunkd.conf import SplunkdConfig
from llm_triage.trust.redaction import scrub_secrets

AUDIT_SOURCETYPE = names.AUDIT_SOURCETYPE
DEFAULT_MAP = (
    "true positive=true_positive, false positive=false_positive, benign true positive=benign_true_positive, "
    "benign=benign_true_positive, tag:true_positive=true_positive, tag:false_positive=false_positive, "
    "tag:benign=benign_true_positive"
)
DEFAULT_START_DAYS = 7
DEFAULT_PAGE_SIZE = 100
MAX_PAGES = 200  # per run: a backlog larger than this is read over several runs
TIMEOUT = 30.0
_STATUS = re.compile(r"^[A-Za-z0-9_\-]{1,128}$")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-]{0,63}$")


class SoarUnavailable(Exception):
    """SOAR did not answer usably after the retries; the message says why (never the token)."""


@dataclass(frozen=True)
class SoarServer:
    """One configured SOAR server, its token included (never in repr or messages)."""

    name: str
    url: str
    tls: TlsSettings = TlsSettings()
    token: str = field(default="", repr=False)


@dataclass(frozen=True)
class SoarParams:
    """One input stanza's settings (inputs.conf `[llm_triage_soar_outcomes://<name>]`)."""

    server: str
    mapping: tuple[tuple[str, str], ...]
    closed_statuses: tuple[str, ...] = ("closed",)
    start_days: int = DEFAULT_START_DAYS
    page_size: int = DEFAULT_PAGE_SIZE


def parse_mapping(text: str) -> tuple[tuple[str, str], ...]:
    """`<match>=<disposition>` pairs (see the module's docstring); ValueError naming a bad pair."""
    pairs = []
    for part in text.split(","):
        if not part.strip():
            continue
        match, equals, disposition = part.rpartition("=")
        disposition = disposition.strip()
        if not equals or not match.strip() or disposition not in DISPOSITIONS:
            raise ValueError(
                f"disposition_map: {part.strip()!r} is not <resolution or tag:name>=<{'|'.join(DISPOSITIONS)}>"
            )
        pairs.append((_normal(match), disposition))
    if not pairs:
        raise ValueError("disposition_map maps nothing")
    return tuple(pairs)


def parse_params(stanza: Mapping[str, Any]) -> SoarParams:
    """The stanza's parameters, checked; ValueError says which is wrong."""
    server = str(stanza.get("soar_server") or "").strip()
    if not _NAME.match(server):
        raise ValueError("soar_server must name a SOAR server configured on the setup page")
    mapping = parse_mapping(str(stanza.get("disposition_map") or DEFAULT_MAP))
    numbers = {}
    for key, default, low, high in (
        ("start_days", DEFAULT_START_DAYS, 0, 3650),
        ("page_size", DEFAULT_PAGE_SIZE, 1, 1000),
    ):
        text = str(stanza.get(key) or default).strip()
        if not text.isdigit() or not low <= int(text) <= high:
            raise ValueError(f"{key} must be a whole number from {low} to {high}")
        numbers[key] = int(text)
    statuses = tuple(part.strip() for part in str(stanza.get("closed_statuses") or "closed").split(",") if part.strip())
    if not statuses or not all(_STATUS.match(status) for status in statuses):
        raise ValueError("closed_statuses must be SOAR status labels (letters, digits, '-' and '_'), comma-separated")
    return SoarParams(server, mapping, statuses, numbers["start_days"], numbers["page_size"])


def load_server(config: SplunkdConfig, name: str) -> SoarServer:
    """SOAR server `name` from the setup page's table, its token from secret storage (the alert action's
    loader, llm_triage.routing.targets); ValueError saying what to fix."""
    try:
        target = load_target(config, SOAR, name)
    except TargetError as exc:
        raise ValueError(str(exc)) from None
    return SoarServer(name, target.url, target.tls, target.secret)


Get = Callable[[str, Mapping[str, str], float, TlsSettings], HttpResponse]


class SoarClient:
    """GETs against one SOAR server's REST API, retried on failures that may pass."""

    def __init__(
        self,
        server: SoarServer,
        get: Get = get_json,
        attempts: int = 3,
        delay: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.server = server
        self._get = get
        self._attempts = attempts
        self._delay = delay
        self._sleep = sleep
        self._users: dict[int, str] = {}  # SOAR user names by id, read once per run

    def closed_since(
        self, high_water: str, page: int, page_size: int, statuses: Sequence[str] = ("closed",)
    ) -> list[dict[str, Any]]:
        """One page of containers in one of `statuses` whose close_time is at or after `high_water`, oldest
        first."""
        query = {
            "_filter_status__in": json.dumps(list(statuses)),
            "_filter_close_time__gte": json.dumps(high_water),
            "sort": "close_time",
            "order": "asc",
            "page": str(page),
            "page_size": str(page_size),
        }
        return self._list("container", query)

    def user_name(self, user_id: object) -> str:
        """The name of SOAR user `user_id` (a container's closing_owner), or "" when there is none."""
        if not isinstance(user_id, int) or isinstance(user_id, bool) or user_id <= 0:
            return ""
        if user_id not in self._users:
            answer = self._call(f"{self.server.url}/rest/ph_user/{user_id}")
            name = answer.get("username") if isinstance(answer, dict) else None
            self._users[user_id] = name.strip() if isinstance(name, str) else ""
        return self._users[user_id]

    def artifacts_of(self, container_id: int) -> list[dict[str, Any]]:
        """The artifacts of one container (all of them)."""
        return self._list("artifact", {"_filter_container": str(container_id), "page_size": "0"})

    def _list(self, kind: str, query: Mapping[str, str]) -> list[dict[str, Any]]:
        answer = self._call(f"{self.server.url}/rest/{kind}?{urlencode(query)}")
        data = answer.get("data") if isinstance(answer, dict) else None
        if not isinstance(data, list):
            raise SoarUnavailable(f"SOAR server {self.server.name!r} answered a {kind} list without data")
        return [item for item in data if isinstance(item, dict)]

    def _call(self, url: str) -> Any:
        headers = {"ph-auth-token": self.server.token}
        problem = ""
        for attempt in range(self._attempts):
            if attempt:
                self._sleep(self._delay * 2 ** (attempt - 1))
            try:
                response = self._get(url, headers, TIMEOUT, self.server.tls)
            except TransportError as exc:
                problem = str(exc)
                continue
            if response.status == 200:
                try:
                    return response.json()
                except ValueError:
                    problem = "an answer that is not JSON"
                    continue
            problem = f"HTTP {response.status}"
            if response.status not in (429, 500, 502, 503, 504):
                break  # 401, 403, 404: asking again will not help
        message = f"SOAR server {self.server.name!r} unavailable: {problem}"
        raise SoarUnavailable(scrub_secrets(message, [self.server.token]))


def triage_id_of(container: Mapping[str, Any], artifacts: Callable[[], Sequence[Mapping[str, Any]]]) -> str:
    """The triage result a container was opened for: its custom field, else an artifact's cef field."""
    custom = container.get("custom_fields")
    if isinstance(custom, dict) and str(custom.get("triage_id") or "").strip():
        return str(custom["triage_id"]).strip()
    for artifact in artifacts():
        cef = artifact.get("cef")
        if isinstance(cef, dict) and str(cef.get("triage_id") or "").strip():
            return str(cef["triage_id"]).strip()
    return ""


def disposition_of(container: Mapping[str, Any], mapping: Sequence[tuple[str, str]]) -> str:
    """The disposition the mapping gives a container (resolution first, then status, then tags); empty
    when none."""
    custom = container.get("custom_fields") if isinstance(container.get("custom_fields"), dict) else {}
    resolution = container.get("resolution") or (custom or {}).get("resolution") or ""
    table = dict(mapping)
    if resolution and _normal(str(resolution)) in table:
        return table[_normal(str(resolution))]
    status = _normal(f"status:{container.get('status') or ''}")
    if status in table:
        return table[status]
    tags = {_normal(f"tag:{tag}") for tag in container.get("tags") or [] if isinstance(tag, str)}
    for match, disposition in mapping:
        if match in tags:
            return disposition
    return ""


def soar_epoch(text: str) -> float:
    """SOAR's ISO 8601 time as epoch seconds (0.0 when it is not one)."""
    try:
        moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return 0.0
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return moment.timestamp()


def soar_time(epoch: float) -> str:
    """Epoch seconds as SOAR writes times."""
    moment = datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass
class SoarReport:
    """What one run did, for its log line."""

    filed: int = 0
    unlinked: int = 0
    unmapped: int = 0
    already_filed: int = 0  # filed before with the same disposition (a lost checkpoint): left as they are
    pages: int = 0
    high_water: str = ""


def run_input(
    params: SoarParams,
    client: SoarClient,
    store: FeedbackStore,
    checkpoint: Checkpoint,
    write: Callable[[Mapping[str, Any]], None],
    clock: Callable[[], float] = time.time,
) -> SoarReport:
    """File every container closed since the checkpoint, a page at a time, checkpointing after each page.

    Raises SoarUnavailable, StoreUnavailable or CheckpointError, leaving the checkpoint at the last page
    whose dispositions were filed and whose events were written."""
    state = checkpoint.load()
    high_water = str(state.get("high_water") or soar_time(clock() - params.start_days * 86400))
    seen = {int(item) for item in state.get("seen") or []}
    report = SoarReport(high_water=high_water)
    page = 0
    while report.pages < MAX_PAGES:
        containers = client.closed_since(high_water, page, params.page_size, params.closed_statuses)
        report.pages += 1
        fresh = [c for c in containers if not (c.get("close_time") == high_water and _id(c) in seen)]
        filed: list[Disposition] = []
        for container in fresh:
            container_id = _id(container)
            triage_id = triage_id_of(container, partial(client.artifacts_of, container_id))
            disposition = disposition_of(container, params.mapping)
            if not triage_id:
                report.unlinked += 1
            elif not disposition:
                report.unmapped += 1
            else:
                closer = client.user_name(container.get("closing_owner"))
                filed.append(_disposition(client.server.name, container, triage_id, disposition, closer))
        labelled = len(filed)
        filed = _not_yet_filed(store, filed)
        report.already_filed += labelled - len(filed)
        if filed:
            store.file_pending(filed)
            for item in filed:
                write(item.filed_event(clock()))
            report.filed += len(filed)
        latest = max((str(c.get("close_time") or "") for c in containers), default="")
        if latest and latest != high_water:
            high_water, seen, page = latest, set(), 0
        elif containers:
            page += 1  # a full page all closed at the mark: read on at the same mark
        seen |= {_id(c) for c in containers if c.get("close_time") == high_water}
        checkpoint.save({"high_water": high_water, "seen": sorted(seen), "server": client.server.name})
        report.high_water = high_water
        if len(containers) < params.page_size:
            break
    return report


def _not_yet_filed(store: FeedbackStore, dispositions: list[Disposition]) -> list[Disposition]:
    """Those of `dispositions` not already in the store with the same disposition: filing one again would
    put a reviewed label back to pending. A case closed again with another disposition is filed anew."""
    if not dispositions:
        return []
    stored = {item.key: item for item in store.find({"$or": [{"_key": item.key} for item in dispositions]})}
    return [item for item in dispositions if item.key not in stored or stored[item.key].disposition != item.disposition]


def _disposition(
    server: str, container: Mapping[str, Any], triage_id: str, disposition: str, closer: str = ""
) -> Disposition:
    custom = container.get("custom_fields") if isinstance(container.get("custom_fields"), dict) else {}
    tags = [str(tag) for tag in container.get("tags") or []]
    resolution = str(container.get("resolution") or (custom or {}).get("resolution") or "")
    note = f"SOAR container {_id(container)} closed" + (f", resolution {resolution!r}" if resolution else "")
    if tags:
        note += f", tags {', '.join(tags)}"
    return Disposition(
        triage_id=triage_id,
        disposition=disposition,
        analyst=closer or f"soar:{server}",
        created=soar_epoch(str(container.get("close_time") or "")),
        source="soar",
        provenance=str(_id(container)),
        note=note[:500],
        rule=str((custom or {}).get("rule") or ""),
    )


def _id(container: Mapping[str, Any]) -> int:
    try:
        return int(container.get("id") or 0)
    except (TypeError, ValueError):
        return 0


def _normal(text: str) -> str:
    return re.sub(r"[\s_\-]+", " ", text.strip().lower())


def describe(report: SoarReport) -> str:
    """One log line about a run."""
    return canonical_json(
        {
            "filed": report.filed,
            "unlinked": report.unlinked,
            "unmapped": report.unmapped,
            "already_filed": report.already_filed,
            "pages": report.pages,
            "high_water": report.high_water,
        }
    )
