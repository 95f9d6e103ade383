"""Similar past incidents in one llmtriage search (`similar=<n>`): the approved dispositions most like each
row, shown with its bundle (stories/similar.py finds them)."""

from collections.abc import Mapping
from typing import Optional

from llm_triage.evidence.bundle import Bundle
from llm_triage.evidence.entities import row_entities, rule_of
from llm_triage.evidence.fields import FieldValue
from llm_triage.evidence.profiles import Profile
from llm_triage.splunkd.kvstore import StoreUnavailable
from llm_triage.stories.similar import MAX_CANDIDATES, ApprovedSource, SimilarIncidents, with_similar


class SearchSimilar:
    """The approved dispositions of `feedback` (None: none), read once per search; a store that cannot be
    read is said once in `warnings` and no case is shown."""

    def __init__(self, feedback: Optional[ApprovedSource], warnings: "list[str]"):
        self._feedback = feedback
        self._warnings = warnings
        self._similar: Optional[SimilarIncidents] = None
        self._said_withheld = False

    def with_similar(
        self, row: Mapping[str, object], profile: Profile, bundle: Bundle, fields: "dict[str, FieldValue]", count: int
    ) -> Bundle:
        """The bundle with the `count` approved past cases most like the row, named in triage_similar."""
        if count <= 0 or self._feedback is None:
            return bundle
        if self._similar is None:  # once per search
            try:
                self._similar = SimilarIncidents(self._feedback.approved(limit=MAX_CANDIDATES))
            except StoreUnavailable as exc:
                self._warnings.append(f"llmtriage: similar past incidents unavailable: {exc}")
                self._similar = SimilarIncidents(())
        cases = self._similar.find(bundle.text, rule_of(row), row_entities(row, profile), count)
        if self._similar.withheld and not self._said_withheld:
            self._said_withheld = True
            self._warnings.append(
                "llmtriage: similar past incidents whose evidence carries text that tries to sway the model are "
                "not shown"
            )
        if not cases:
            return bundle
        bundle = with_similar(bundle, cases)
        fields.update(triage_similar=[case.label() for case in cases], triage_bundle_hash=bundle.hash)
        return bundle
