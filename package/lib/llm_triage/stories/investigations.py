"""`llmcluster`: a search's alerts in, the same rows out, in order, each with the investigation it belongs
to and that investigation's story.

The command needs the rows together (clustering is across them), so it holds them and answers at the end
of the search, or every `max_rows` rows (then each part is clustered on its own, and the search is told).
Clusters are computed without any model (stories/clustering.py); then the largest clusters of at least
`min_size` distinct alerts get one model call each for a narrative (stories/narrative.py), at most
`max_narratives` per part, through the app's endpoint like verdicts. When the model cannot answer, the
clusters still come back, with `cluster_status` saying why there is no narrative. A cluster whose events
hold text that addresses the model says where in `cluster_injection`: its story was written beside that text.
"""

import logging
from collections.abc import Iterable, Iterator, MutableMapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable, Optional

from llm_triage.endpoint.client import RemoteJudge
from llm_triage.engine.stack import choose_provider
from llm_triage.evidence.bundle import Bundle, build_bundle
from llm_triage.evidence.fields import (
    CLUSTER_FIELDS,
    STATUS_DRYRUN,
    STATUS_ERROR,
    STATUS_OK,
    STATUS_SKIPPED_BUDGET,
    FieldValue,
)
from llm_triage.evidence.profiles import select_profile
from llm_triage.providers import create_provider
from llm_triage.providers.base import Provider, ProviderError
from llm_triage.splunkd.conf import ConfigUnavailable, SplunkdConfig
from llm_triage.splunkd.rest import SplunkdRest
from llm_triage.splunkd.settings import DEFAULT_STANZA, ConfigError, TriageSettings
from llm_triage.stories.clustering import Cluster, ClusterSettings, alert_of, cluster_alerts
from llm_triage.stories.grouping import (
    CLUSTER_NOTE,
    GROUP_CHARS_FACTOR,
    GroupBundle,
    Member,
    build_event_bundle,
    row_time,
)
from llm_triage.stories.narrative import REQUEST_KIND, NarrativeJudge
from llm_triage.trust.injection.detector import injection_labels
from llm_triage.trust.redaction import scrub_secrets
from llm_triage.verdict.judge import Judge, Judgement, failed

LOG = logging.getLogger("llm_triage")

STATUS_SINGLE = "single"  # one distinct alert: nothing to tell a story about
DEFAULT_MAX_ROWS = 10_000
DEFAULT_MAX_NARRATIVES = 20
DEFAULT_MIN_SIZE = 2
NARRATIVE_THREADS = 4
LINKED_SHOWN = 10

Row = MutableMapping[str, object]


@dataclass(frozen=True)
class ClusterOptions:
    """What the analyst asked for; None or empty means the default."""

    provider: str = ""
    profile: str = ""
    window: Optional[float] = None
    max_rows: int = DEFAULT_MAX_ROWS
    max_narratives: int = DEFAULT_MAX_NARRATIVES
    min_size: int = DEFAULT_MIN_SIZE
    dryrun: bool = False
    timeout: Optional[float] = None


class ClusterSession:
    """One search's clustering: `add` each chunk's rows, `finish` at the end; both yield rows, in order."""

    def __init__(
        self,
        options: ClusterOptions,
        config: SplunkdConfig,
        provider_factory: Callable[..., Provider] = create_provider,
        endpoint: Optional[SplunkdRest] = None,
    ):
        self.options = options
        self._config = config
        self._provider_factory = provider_factory
        self._endpoint = endpoint
        self._held: list[Row] = []
        self._judge: Optional[Judge] = None
        self._problem: Optional[Judgement] = None
        self._settings: Optional[TriageSettings] = None
        self._secrets: list[str] = []
        self.warnings: list[str] = []
        self.parts = 0
        self.rows = 0
        self.clusters = 0
        self.counts: dict[str, int] = {}

    def add(self, rows: Iterable[Row]) -> Iterator[Row]:
        """Hold `rows`; yields the held rows, clustered, each time `max_rows` are held."""
        for row in rows:
            self._held.append(row)
            if len(self._held) >= self.options.max_rows:
                yield from self._part()

    def finish(self) -> Iterator[Row]:
        """The rows still held, clustered (at the end of the search)."""
        if self._held:
            yield from self._part()

    def summary(self) -> str:
        """What the search did, for its messages."""
        statuses = ", ".join(f"{status} {count}" for status, count in sorted(self.counts.items()))
        return f"llmcluster: {self.rows} rows in {self.clusters} clusters; narratives: {statuses or 'none'}"

    def _part(self) -> Iterator[Row]:
        rows, self._held = self._held, []
        self.parts += 1
        if self.parts == 2:
            self.warnings.append(
                f"llmcluster: more than max_rows={self.options.max_rows} rows; each {self.options.max_rows} "
                "are clustered on their own"
            )
        fields = [_empty() for _ in rows]
        try:
            self._cluster(rows, fields)
        except Exception as exc:  # a bug must cost the rows their clusters, never the search its rows
            LOG.error("llmcluster: unexpected failure: %s", exc.__class__.__name__)
            for row_fields in fields:
                row_fields.update(
                    cluster_status=STATUS_ERROR, cluster_error=f"internal error: {exc.__class__.__name__}"
                )
        self.rows += len(rows)
        for row, row_fields in zip(rows, fields):
            row.update(row_fields)
            yield row

    def _cluster(self, rows: Sequence[Row], fields: list[dict[str, FieldValue]]) -> None:
        settings = self._read_settings()
        limits = settings.limits
        bundles: list[Bundle] = []
        alerts = []
        for index, row in enumerate(rows):
            profile = select_profile(row, self.options.profile or settings.default_profile)
            bundle = build_bundle(row, profile, limits)
            bundles.append(bundle)
            alerts.append(alert_of(index, row, profile, bundle))
        cluster_settings = (
            ClusterSettings() if self.options.window is None else ClusterSettings(window=self.options.window)
        )
        clusters = cluster_alerts(alerts, cluster_settings)
        self.clusters += len(clusters)
        max_chars = GROUP_CHARS_FACTOR * limits.max_bundle_chars
        asked: list[tuple[Cluster, Bundle]] = []
        ranked = sorted(clusters, key=lambda c: (-c.distinct, c.members[0]))
        # The largest clusters get the narratives the search allows.
        eligible = [cluster for cluster in ranked if cluster.distinct >= self.options.min_size]
        chosen = {cluster.id for cluster in eligible[: self.options.max_narratives]}
        for cluster in clusters:
            status = ""
            story: Optional[Bundle] = None
            injection: list[str] = []
            if cluster.distinct < self.options.min_size:
                status = STATUS_SINGLE
            elif cluster.id not in chosen:
                status = STATUS_SKIPPED_BUDGET
            else:
                members = [Member(index, bundles[index], row_time(rows[index])) for index in cluster.members]
                group = build_event_bundle(_header(cluster), cluster.id, members, max_chars)
                story, injection = group.bundle, _carried_injection(group, rows)
                if self.options.dryrun:
                    status = STATUS_DRYRUN
                else:
                    asked.append((cluster, story))
            for index in cluster.members:
                fields[index].update(
                    cluster_id=cluster.id,
                    cluster_size=str(len(cluster.members)),
                    cluster_ref=bundles[index].event_ref,
                    cluster_status=status,
                )
                if status == STATUS_SKIPPED_BUDGET:
                    fields[index]["cluster_error"] = f"past max_narratives={self.options.max_narratives}; not asked"
                if status == STATUS_DRYRUN and story is not None:
                    fields[index]["cluster_bundle"] = story.text
                if injection:
                    fields[index]["cluster_injection"] = injection
            if status:
                self.counts[status] = self.counts.get(status, 0) + 1
        for (cluster, _bundle), judgement in zip(asked, self._narratives([bundle for _, bundle in asked])):
            self.counts[judgement.status] = self.counts.get(judgement.status, 0) + 1
            for index in cluster.members:
                if judgement.status == STATUS_OK:
                    fields[index].update(judgement.fields, cluster_status=STATUS_OK)
                else:
                    error = scrub_secrets(judgement.error, self._secrets)
                    fields[index].update(cluster_status=judgement.status, cluster_error=error)

    def _narratives(self, bundles: Sequence[Bundle]) -> list[Judgement]:
        """One narrative judgement per cluster bundle, asked a few at a time."""
        if not bundles:
            return []
        judge = self._narrator()
        if judge is None:
            assert self._problem is not None
            return [self._problem] * len(bundles)
        with ThreadPoolExecutor(NARRATIVE_THREADS, thread_name_prefix="llmcluster") as pool:
            return list(pool.map(lambda bundle: _ask(judge, bundle), bundles))

    def _read_settings(self) -> TriageSettings:
        if self._settings is None:
            try:
                self._settings = self._config.settings()
            except (ConfigUnavailable, ConfigError) as exc:
                self.warnings.append(f"llmcluster: using shipped settings: {exc}")
                self._settings = TriageSettings()
                status = "unavailable" if isinstance(exc, ConfigUnavailable) else STATUS_ERROR
                if self.options.provider in ("", DEFAULT_STANZA):
                    self._problem = failed(status, f"settings unreadable: {exc}")
        return self._settings

    def _narrator(self) -> Optional[Judge]:
        """The judge that tells stories (once per search), or None with `_problem` set."""
        if self._judge is not None or self._problem is not None:
            return self._judge
        settings = self._read_settings()
        if self._problem is not None:
            return None
        with_key = self._endpoint is None
        choice = choose_provider(self._config, self.options.provider, settings, with_key, self.options.timeout)
        if choice.config is None:
            self._problem = failed("unavailable" if choice.unavailable else STATUS_ERROR, choice.problem)
            self.warnings.append(f"llmcluster: {choice.problem}")
            return None
        config = choice.config
        if self._endpoint is not None:
            self._judge = RemoteJudge(self._endpoint, config, timeout=self.options.timeout, kind=REQUEST_KIND)
            return self._judge
        self._secrets.extend(secret for secret in (config.api_key, config.proxy.password) if secret)
        try:
            self._judge = NarrativeJudge(self._provider_factory(config))
        except ProviderError as exc:
            self._problem = failed(STATUS_ERROR, exc.message)
        return self._judge


def _header(cluster: Cluster) -> dict[str, object]:
    """What a cluster bundle says about its cluster, above its events."""
    return {
        "kind": "cluster",
        "id": cluster.id,
        "distinct_alerts": cluster.distinct,
        "linked_by": cluster.entities[:LINKED_SHOWN],
        "note": CLUSTER_NOTE,
    }


def _carried_injection(group: GroupBundle, rows: Sequence[Row]) -> list[str]:
    """Where the text of the events a cluster's bundle carries addresses the model, as `<event ref> <field:kind>`
    (events left out for size were not read, and identical events are named once)."""
    found: dict[str, None] = {}
    for member in group.members[: group.included]:
        for label in injection_labels(rows[member.index]):
            found[f"{member.bundle.event_ref} {label}"] = None
    return list(found)


def _ask(judge: Judge, bundle: Bundle) -> Judgement:
    try:
        [judgement] = judge.judge([bundle])
    except Exception as exc:  # a judge must never raise; if one does, its cluster pays
        return failed(STATUS_ERROR, f"internal error: {exc.__class__.__name__}")
    return judgement


def _empty() -> dict[str, FieldValue]:
    return {name: "" for name in CLUSTER_FIELDS}
