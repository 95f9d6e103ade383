"""One search's triage: rows in, the same rows out, in order, each with the triage fields added.

Nothing here raises past a row: a row whose triage failed says why in `triage_status` and
`triage_error`, and keeps every field it came with.
"""

import logging
import traceback
from collections.abc import Iterable, Iterator, MutableMapping, Sequence
from dataclasses import dataclass, replace
from typing import Callable, Optional

from llm_triage.bundle import Bundle, build_bundle
from llm_triage.config import DEFAULT_STANZA, ConfigError, TriageSettings
from llm_triage.fields import (
    STATUS_DRYRUN,
    STATUS_ERROR,
    STATUS_OK,
    STATUS_SKIPPED_BUDGET,
    STATUS_UNAVAILABLE,
    FieldValue,
    empty_fields,
)
from llm_triage.judge import Judge, ProviderJudge
from llm_triage.profiles import Profile, explicit_profile, select_profile
from llm_triage.prompt import Prompt, load_prompt
from llm_triage.providers import create_provider
from llm_triage.providers.base import Provider, ProviderError
from llm_triage.redaction import scrub_secrets
from llm_triage.remote_judge import RemoteJudge
from llm_triage.splunkd_config import ConfigUnavailable, ProviderChoice, SplunkdConfig
from llm_triage.splunkd_rest import SplunkdRest

LOG = logging.getLogger("llm_triage")

# After this many unavailable answers in a row, the provider is taken to be down for the rest of the
# search: the remaining rows come back at once instead of each waiting out a time-out.
CONSECUTIVE_FAILURES_BEFORE_GIVING_UP = 5

TRACES_LOGGED = 3

Row = MutableMapping[str, object]


@dataclass(frozen=True)
class TriageOptions:
    """What the analyst asked for on the command line; None means "use the configured default"."""

    provider: str = ""
    profile: str = ""
    fields: Sequence[str] = ()
    dryrun: bool = False
    max_rows: Optional[int] = None
    timeout: Optional[float] = None


class TriageSession:
    """The state one search shares across its chunks: configuration, provider, counters.

    With `endpoint` (in Splunk), bundles go to the app's REST endpoint, which holds the keys: the search
    reads only what any analyst may (the provider's settings, never its key). Without it (tests), the
    session reads the key through `config` and asks the provider `provider_factory` makes directly.
    """

    def __init__(
        self,
        options: TriageOptions,
        config: SplunkdConfig,
        provider_factory: Callable[..., Provider] = create_provider,
        prompt: Optional[Prompt] = None,
        endpoint: Optional[SplunkdRest] = None,
    ):
        self.options = options
        self._config = config
        self._provider_factory = provider_factory
        self._endpoint = endpoint
        self.prompt = prompt or load_prompt()
        self.rows_seen = 0
        self.counts: dict[str, int] = {}
        self.warnings: list[str] = []
        self._settings: Optional[TriageSettings] = None
        self._settings_problem: Optional[ProviderChoice] = None
        self._judge: Optional[Judge] = None
        self._provider_problem: Optional[ProviderChoice] = None
        self._consecutive_unavailable = 0
        self._gave_up_because = ""
        self._secrets: list[str] = []
        self._key_note = ""
        self._internal_errors = 0

    def triage(self, rows: Iterable[Row]) -> Iterator[Row]:
        """Yield every row of `rows`, in order, with the triage fields set."""
        for row in rows:
            self.rows_seen += 1
            fields = empty_fields()
            try:
                self._triage_row(row, fields)
            except Exception as exc:  # a bug must cost one row its triage, never the search its rows
                self._internal_errors += 1
                if self._internal_errors <= TRACES_LOGGED:  # the first few say why; the rest would bury search.log
                    trace = scrub_secrets(traceback.format_exc(), self._secrets)
                    LOG.error("llmtriage: unexpected failure on row %d\n%s", self.rows_seen, trace)
                fields.update(triage_status=STATUS_ERROR, triage_error=f"internal error: {exc.__class__.__name__}")
            status = str(fields["triage_status"])
            self.counts[status] = self.counts.get(status, 0) + 1
            row.update(fields)
            yield row

    def summary(self) -> str:
        """Counts by status, for the search's messages."""
        parts = ", ".join(f"{status} {count}" for status, count in sorted(self.counts.items()))
        return f"llmtriage: {self.rows_seen} rows ({parts})"

    def _triage_row(self, row: Row, fields: dict[str, FieldValue]) -> None:
        settings = self.settings()
        max_rows = self.options.max_rows or settings.max_rows
        if self.rows_seen > max_rows:
            fields.update(triage_status=STATUS_SKIPPED_BUDGET, triage_error=f"past max_rows={max_rows}; not triaged")
            return
        profile = self._profile_for(row, settings)
        bundle = build_bundle(row, profile, settings.limits)
        fields.update(
            triage_profile=profile.label,
            triage_prompt_version=self.prompt.label,
            triage_bundle_hash=bundle.hash,
        )
        if self.options.dryrun:
            fields.update(triage_status=STATUS_DRYRUN, triage_bundle=bundle.text)
            return
        if not bundle.refs:
            fields.update(
                triage_status=STATUS_ERROR,
                triage_error=f"no evidence: the row has none of the fields profile {profile.label} keeps; "
                "try profile=generic or fields=",
            )
            return
        judge = self._judge_or_reason(fields, settings)
        if judge is None:
            return
        fields.update(triage_provider=judge.provider.name, triage_model=judge.provider.model)
        if self._gave_up_because:
            fields.update(triage_status=STATUS_UNAVAILABLE, triage_error=self._gave_up_because)
            return
        self._ask_model(judge, bundle, fields)

    def settings(self) -> TriageSettings:
        """The search settings; the shipped defaults when splunkd cannot say (noted once as a warning)."""
        if self._settings is None:
            try:
                self._settings = self._config.settings()
            except (ConfigUnavailable, ConfigError) as exc:
                self.warnings.append(f"llmtriage: using shipped settings: {exc}")
                self._settings = TriageSettings()
                # Without the settings the default provider is unknown: say why, not "none is set".
                unavailable = isinstance(exc, ConfigUnavailable)
                self._settings_problem = ProviderChoice(problem=f"settings unreadable: {exc}", unavailable=unavailable)
        return self._settings

    def _profile_for(self, row: Row, settings: TriageSettings) -> Profile:
        if self.options.fields:
            return explicit_profile(list(self.options.fields))
        return select_profile(row, self.options.profile or settings.default_profile)

    def _judge_or_reason(self, fields: dict[str, FieldValue], settings: TriageSettings) -> Optional[Judge]:
        if self._judge is None and self._provider_problem is None:
            self._choose_provider(settings)
        if self._provider_problem is not None:
            status = STATUS_UNAVAILABLE if self._provider_problem.unavailable else STATUS_ERROR
            fields.update(triage_status=status, triage_error=self._provider_problem.problem)
            return None
        return self._judge

    def _choose_provider(self, settings: TriageSettings) -> None:
        """Once per search: set the provider, or the problem that every row will report instead."""
        if self._settings_problem is not None and self.options.provider in ("", DEFAULT_STANZA):
            self._provider_problem = self._settings_problem  # without the settings, no default is known
            return
        choice = self._config.provider(self.options.provider, settings, with_key=self._endpoint is None)
        self._key_note = choice.note
        if choice.config is None:
            self._provider_problem = choice
            self.warnings.append(f"llmtriage: {choice.problem}")
            return
        config = replace(choice.config, timeout=self.options.timeout) if self.options.timeout else choice.config
        if self._endpoint is not None:
            self._judge = RemoteJudge(self._endpoint, config, timeout=self.options.timeout)
            return
        self._secrets.extend((config.api_key, config.proxy_password))
        try:
            self._judge = ProviderJudge(self._provider_factory(config), self.prompt)
        except ProviderError as exc:
            self._provider_problem = ProviderChoice(problem=exc.message)

    def _ask_model(self, judge: Judge, bundle: Bundle, fields: dict[str, FieldValue]) -> None:
        judgement = judge.judge([bundle])[0]
        if judgement.model:
            fields["triage_model"] = judgement.model
        if judgement.status == STATUS_OK:
            self._consecutive_unavailable = 0
            fields.update(judgement.fields, triage_status=STATUS_OK)
            return
        message = scrub_secrets(judgement.error, self._secrets)
        if judgement.http_status in (401, 403) and self._key_note:
            message = f"{message}; {self._key_note}"
        fields.update(triage_status=judgement.status, triage_error=message)
        self._note_failure(judgement.status == STATUS_UNAVAILABLE, judge.provider.name, message)

    def _note_failure(self, unavailable: bool, provider_name: str, message: str) -> None:
        if not unavailable:
            self._consecutive_unavailable = 0
            return
        self._consecutive_unavailable += 1
        if self._consecutive_unavailable >= CONSECUTIVE_FAILURES_BEFORE_GIVING_UP:
            self._gave_up_because = (
                f"provider {provider_name!r} unavailable for {self._consecutive_unavailable} rows in a row "
                f"(last: {message}); not asked again in this search"
            )
            self.warnings.append(f"llmtriage: {self._gave_up_because}")
