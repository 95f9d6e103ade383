#!/usr/bin/env python
"""`| llmtriage`: adds model triage fields to every row (splunklib's protocol; logic in llm_triage)."""

import logging
import sys
from collections.abc import Iterable, Iterator
from typing import Optional

from llm_triage_bin import ExplainedOptions, search_rest
from splunklib.searchcommands import Configuration, Option, StreamingCommand, dispatch, validators

from llm_triage.enrichment.settings import MODES
from llm_triage.es.command import NotableWriteBack
from llm_triage.evidence.profiles import profile_names
from llm_triage.feedback.store import FeedbackStore
from llm_triage.search.enriching import splunkd_searcher
from llm_triage.search.progress import SearchProgress
from llm_triage.search.triage import Row, TriageOptions, TriageSession
from llm_triage.splunkd.conf import SplunkdConfig
from llm_triage.splunkd.log_files import LOG_FILES
from llm_triage.splunkd.settings import INJECTION_CHECKS, PROVIDER_NAME
from llm_triage.stories.grouping import group_by
from llm_triage.stories.similar import MAX_SIMILAR

LOG = logging.getLogger("llm_triage.commands")


@Configuration(distributed=False)
class LLMTriageCommand(ExplainedOptions, StreamingCommand):
    """Triage each row with a language model and add the verdict, bucket, rationale and evidence inline.

    ##Syntax
    | llmtriage [provider=<name>] [profile=<profile>] [fields="<f1>,<f2>"] [dryrun=<bool>] [max_rows=<int>]
      [timeout=<seconds>] [max_tokens=<int>] [max_cost=<number>] [shadow=<bool>] [similar=<int>]
      [enrich=auto|propose|off] [injection_check=off|benign_only|always] [notable_update=<bool>] [by <field>]
    """

    provider = Option(
        doc="A configured provider (default: the app's default_provider).",
        validate=validators.Match("provider name", PROVIDER_NAME.pattern),
    )
    profile = Option(
        doc="Which fields become evidence: auto picks by sourcetype and fields.",
        validate=validators.Set(*profile_names()),
    )
    fields = Option(doc="Comma-separated fields to send instead of a profile's.", validate=validators.List())
    dryrun = Option(
        doc="Show the bundle that would be sent, in triage_bundle, and send nothing.",
        default=False,
        validate=validators.Boolean(),
    )
    max_rows = Option(
        doc="Triage at most this many rows; the rest pass through marked skipped_budget.",
        validate=validators.Integer(minimum=1),
    )
    timeout = Option(doc="Seconds to wait for each model answer.", validate=validators.Float(minimum=1, maximum=600))
    max_tokens = Option(
        doc="Spend at most this many tokens; later rows come back marked skipped_budget.",
        validate=validators.Integer(minimum=0),
    )
    max_cost = Option(
        doc="Spend at most this much at the provider's prices; later rows come back marked skipped_budget.",
        validate=validators.Float(minimum=0),
    )

    shadow = Option(
        doc="Shadow mode for this search: decisions are computed and recorded but marked not for routing.",
        default=False,
        validate=validators.Boolean(),
    )
    similar = Option(
        doc="Show the model and triage_similar this many approved past incidents like each row (0: none).",
        validate=validators.Integer(minimum=0, maximum=MAX_SIMILAR),
    )

    enrich = Option(
        doc="auto: results answered needs_enrichment run the context searches that apply, as you, and are "
        "judged again; propose: list them in triage_enrichment_spl; off: neither (default: the setting).",
        validate=validators.Set(*MODES),
    )
    injection_check = Option(
        doc="benign_only: likely_benign answers are asked again without the row's free text, and flagged "
        "injection:swayed when the answer without it is more severe; always: every answer; off: none "
        "(default: the setting).",
        validate=validators.Set(*INJECTION_CHECKS),
    )

    notable_update = Option(
        doc="Write each result's verdict back to the ES notable it names (event_id), as a comment; urgency, "
        "status and owner only as the app's [es] settings allow. Only results a model judged.",
        default=False,
        validate=validators.Boolean(),
    )

    _session: Optional[TriageSession] = None
    _progress: Optional[SearchProgress] = None
    _notables: Optional[NotableWriteBack] = None

    def prepare(self) -> None:
        """`by <field>` is the only positional clause (splunklib hands it over as fieldnames)."""
        try:
            group_by(self.fieldnames or [])
        except ValueError as exc:  # as splunklib reports a malformed option: the search stops, saying why
            self.write_error(str(exc))
            sys.exit(1)

    def stream(self, records: Iterable[Row]) -> Iterator[Row]:
        """Yield every record, in order, with triage fields added; progress in search.log as rows are done."""
        session = self._triage_session()
        warned = len(session.warnings)  # before the settings are read: a warning reading them is this chunk's
        if self._progress is None:
            self.logger.setLevel(LOG_FILES.level if LOG_FILES.writing("commands") else "INFO")
            self._progress = SearchProgress(self.logger.info, "llmtriage", session.settings().progress_every)
        notables = self._notable_write_back()
        for row in session.triage(records):
            self._progress.row_done(session.rows_seen)
            if notables is not None:
                notables.apply(row)
            yield row
        for warning in session.warnings[warned:]:
            self.write_warning(warning)
        if self._finished:
            self._progress.finish(session.rows_seen)
            self.write_info(session.summary())
            LOG.info("%s (sid %s)", session.summary(), self.metadata.searchinfo.sid)
            if notables is not None:
                self.write_info(notables.summary())
            session.close()

    def _notable_write_back(self) -> Optional[NotableWriteBack]:
        if not self.notable_update:
            return None
        if self._notables is None:
            rest = search_rest(self)
            self._notables = NotableWriteBack(rest, SplunkdConfig(rest.get))
            if self._notables.warning:
                self.write_warning(self._notables.warning)
        return self._notables

    def _triage_session(self) -> TriageSession:
        if self._session is None:
            options = TriageOptions(
                provider=self.provider or "",
                profile=self.profile or "",
                fields=tuple(self.fields or ()),
                dryrun=bool(self.dryrun),
                max_rows=self.max_rows,
                timeout=self.timeout,
                max_tokens=self.max_tokens,
                max_cost=self.max_cost,
                shadow=bool(self.shadow),
                group_by=group_by(self.fieldnames or []),
                similar=self.similar,
                enrich=self.enrich or "",
                injection_check=self.injection_check or "",
            )
            # One service for the whole search (the engine's threads share it); model calls go through the
            # app's endpoint, so the analyst's session never reads a key nor the verdict cache (the endpoint
            # answers cache hits).
            rest = search_rest(self)
            self._session = TriageSession(
                options,
                SplunkdConfig(rest.get),
                endpoint=rest,
                feedback=FeedbackStore(rest),  # read only, approved only (stories/similar.py)
                # Enrichment's searches run as this search's user, in their namespace (their knowledge objects).
                searcher=splunkd_searcher(rest.request, str(self.metadata.searchinfo.username or "")),
            )
        return self._session


if __name__ == "__main__":
    dispatch(LLMTriageCommand, sys.argv, sys.stdin, sys.stdout, __name__)
