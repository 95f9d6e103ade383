#!/usr/bin/env python
"""`| llmtriage`: adds model triage fields to every row (splunklib's protocol; logic in llm_triage)."""

import os
import sys
from collections.abc import Iterable, Iterator
from typing import Optional

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))

from splunklib.binding import HTTPError, UrlEncoded  # noqa: E402
from splunklib.searchcommands import Configuration, Option, StreamingCommand, dispatch, validators  # noqa: E402

from llm_triage.config import PROVIDER_NAME  # noqa: E402
from llm_triage.kvstore_cache import KvStoreVerdictCache  # noqa: E402
from llm_triage.profiles import profile_names  # noqa: E402
from llm_triage.splunkd_config import SplunkdConfig  # noqa: E402
from llm_triage.splunkd_rest import SplunkdRest  # noqa: E402
from llm_triage.triage import Row, TriageOptions, TriageSession  # noqa: E402

APP = "llm_triage"


@Configuration(distributed=False)
class LLMTriageCommand(StreamingCommand):
    """Triage each row with a language model and add the verdict, bucket, rationale and evidence inline.

    ##Syntax
    | llmtriage [provider=<name>] [profile=<profile>] [fields="<f1>,<f2>"] [dryrun=<bool>] [max_rows=<int>]
      [timeout=<seconds>] [max_tokens=<int>] [max_cost=<number>]
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

    _session: Optional[TriageSession] = None

    def stream(self, records: Iterable[Row]) -> Iterator[Row]:
        """Yield every record, in order, with triage fields added."""
        session = self._triage_session()
        warned = len(session.warnings)
        yield from session.triage(records)
        for warning in session.warnings[warned:]:
            self.write_warning(warning)
        if self._finished:
            self.write_info(session.summary())
            session.close()

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
            )
            rest = SplunkdRest(self._request)
            self._session = TriageSession(options, SplunkdConfig(rest.get), cache=KvStoreVerdictCache(rest))
        return self._session

    def _request(self, method: str, path: str, body: Optional[bytes]) -> tuple[int, bytes]:
        """One REST call to an already-encoded path under the app's namespace, as (status, body)."""
        segment = UrlEncoded(path, skip_encode=True)
        try:
            if method == "GET":
                response = self.service.get(segment, owner="nobody", app=APP, output_mode="json", count=0)
            elif method == "POST":
                headers = [("Content-Type", "application/json")]
                response = self.service.post(
                    segment, owner="nobody", app=APP, headers=headers, body=body or b"", output_mode="json"
                )
            else:
                response = self.service.delete(segment, owner="nobody", app=APP, output_mode="json")
            return response.status, response.body.read()
        except HTTPError as exc:
            return exc.status, exc.body or b""


if __name__ == "__main__":
    dispatch(LLMTriageCommand, sys.argv, sys.stdin, sys.stdout, __name__)
