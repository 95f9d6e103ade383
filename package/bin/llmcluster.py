#!/usr/bin/env python
"""`| llmcluster`: groups alerts into investigations and tells each one's story (splunklib's protocol; logic in
llm_triage.stories)."""

import sys
from collections.abc import Iterable, Iterator
from typing import Optional

from llm_triage_bin import ExplainedOptions, search_rest
from splunklib.searchcommands import Configuration, EventingCommand, Option, dispatch, validators

from llm_triage.evidence.profiles import profile_names
from llm_triage.splunkd.conf import SplunkdConfig
from llm_triage.splunkd.settings import PROVIDER_NAME
from llm_triage.stories.investigations import (
    DEFAULT_MAX_NARRATIVES,
    DEFAULT_MAX_ROWS,
    DEFAULT_MIN_SIZE,
    ClusterOptions,
    ClusterSession,
    Row,
)


@Configuration()
class LLMClusterCommand(ExplainedOptions, EventingCommand):
    """Cluster alerts that share users, hosts, addresses, keys or processes within a time window into
    investigations, and ask a language model for each investigation's story.

    ##Syntax
    | llmcluster [provider=<name>] [profile=<profile>] [window=<seconds>] [max_narratives=<int>]
      [min_size=<int>] [max_rows=<int>] [dryrun=<bool>] [timeout=<seconds>]
    """

    provider = Option(
        doc="A configured provider (default: the app's default_provider).",
        validate=validators.Match("provider name", PROVIDER_NAME.pattern),
    )
    profile = Option(doc="Which fields are evidence and entities.", validate=validators.Set(*profile_names()))
    window = Option(doc="Seconds between linked alerts (default 7200).", validate=validators.Float(minimum=0))
    max_narratives = Option(
        doc="Ask for at most this many stories, largest clusters first.", validate=validators.Integer(minimum=0)
    )
    min_size = Option(doc="Tell the story of clusters of at least this many alerts.", validate=validators.Integer(1))
    max_rows = Option(doc="Cluster at most this many rows together.", validate=validators.Integer(minimum=1))
    dryrun = Option(
        doc="Ask nothing; put each cluster's bundle in cluster_bundle.", default=False, validate=validators.Boolean()
    )
    timeout = Option(doc="Seconds to wait for each story.", validate=validators.Float(minimum=1, maximum=600))

    _session: Optional[ClusterSession] = None

    def transform(self, records: Iterable[Row]) -> Iterator[Row]:
        """Hold the rows; at the end of the search (or every max_rows), yield them all, in order, clustered."""
        session = self._cluster_session()
        yield from session.add(records)
        if self._finished:
            yield from session.finish()
            for warning in session.warnings:
                self.write_warning(warning)
            self.write_info(session.summary())

    def _cluster_session(self) -> ClusterSession:
        if self._session is None:
            options = ClusterOptions(
                provider=self.provider or "",
                profile=self.profile or "",
                window=self.window,
                max_rows=self.max_rows or DEFAULT_MAX_ROWS,
                max_narratives=DEFAULT_MAX_NARRATIVES if self.max_narratives is None else self.max_narratives,
                min_size=self.min_size or DEFAULT_MIN_SIZE,
                dryrun=bool(self.dryrun),
                timeout=self.timeout,
            )
            # Stories are asked through the app's endpoint, which holds the keys, as llmtriage's verdicts are.
            rest = search_rest(self)
            self._session = ClusterSession(options, SplunkdConfig(rest.get), endpoint=rest)
        return self._session


if __name__ == "__main__":
    dispatch(LLMClusterCommand, sys.argv, sys.stdin, sys.stdout, __name__)
