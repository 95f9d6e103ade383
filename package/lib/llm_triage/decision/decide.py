"""One search's decisions: after each judgement, operational confidence, its factors and the policy's
decision are written into the row (`triage_op_confidence`, `triage_op_bucket`, `triage_factors`,
`triage_policy`).

`triage_bucket` stays the model's (or the baseline's) bucket, as the verdict cache and feedback record
it; `triage_op_bucket` is the final one, after context, and is what the policy decides on. Nothing here
raises past a row: unreadable settings fall back to the shipped ones, unreadable lookups or feedback
contribute 0 (saying so in the factors) with one warning each, and a policy that cannot be loaded gives
every row a decision with no actions and the reason.
"""

import logging
import traceback
from collections.abc import Mapping, MutableMapping
from typing import Optional

from llm_triage.decision.context import ContextLookups, History
from llm_triage.decision.operational_confidence import Context, operational_confidence
from llm_triage.decision.policy import Policy, PolicyError, decision_text, load_policy, policy_problem_decision
from llm_triage.decision.scoring_settings import SCORING_STANZA, ScoringSettings, scoring_from_conf
from llm_triage.evidence.entities import row_entities, rule_of
from llm_triage.evidence.fields import SOURCE_MODEL, STATUS_DRYRUN, FieldValue
from llm_triage.evidence.profiles import Profile
from llm_triage.feedback.store import FeedbackStore
from llm_triage.splunkd.conf import ConfigUnavailable, SplunkdConfig
from llm_triage.splunkd.rest import SplunkdRest
from llm_triage.splunkd.settings import SETTINGS_CONF, ConfigError

LOG = logging.getLogger("llm_triage")
DECISION_FIELDS = ("triage_op_confidence", "triage_op_bucket", "triage_factors", "triage_policy")
INJECTION_FIELD = "triage_injection"  # issue 5's flag: which field, which pattern; empty when none


class Decider:
    """Settings, policy, lookups and history read once per search; `decide` fills one row's decision fields.

    `rest` reads the lookups and the feedback store with the searching user's session; without it (no
    splunkd) those factors contribute 0 and say so. `shadow` is the search's own `shadow=true`: shadow mode
    is on when the search or the settings turn it on.
    """

    def __init__(self, config: Optional[SplunkdConfig], rest: Optional[SplunkdRest], shadow: bool = False):
        self._config = config
        self._shadow_option = shadow
        self._lookups = ContextLookups(rest)
        self._history = History(FeedbackStore(rest) if rest is not None else None)
        self._settings: Optional[ScoringSettings] = None
        self._policy: Optional[Policy] = None
        self._policy_problem = ""
        self._failures = 0
        self._decisions: dict[tuple[str, float, str, str], str] = {}
        self.warnings: list[str] = []
        self._warned = [0, 0]  # how many of the lookups' and the history's warnings were passed on

    def settings(self) -> ScoringSettings:
        """The `[scoring]` settings; the shipped ones when they cannot be read (said once as a warning)."""
        if self._settings is None:
            self._settings = ScoringSettings()
            if self._config is not None:
                try:
                    self._settings = scoring_from_conf(self._config.conf(SETTINGS_CONF).get(SCORING_STANZA, {}))
                except (ConfigUnavailable, ConfigError) as exc:
                    self.warnings.append(f"llmtriage: using shipped scoring settings: {exc}")
            try:
                self._policy = load_policy(self._settings.policy)
            except PolicyError as exc:
                self._policy_problem = str(exc)
                self.warnings.append(f"llmtriage: no actions allowed: {exc}")
        return self._settings

    @property
    def shadow(self) -> bool:
        """Whether this search's verdicts are kept from routing."""
        return self._shadow_option or self.settings().shadow_mode

    def decide(self, row: Mapping[str, object], fields: MutableMapping[str, FieldValue], profile: Profile) -> None:
        """Fill the decision fields of a row whose bucket is known (not dry runs); never raises."""
        bucket = str(fields.get("triage_bucket") or "")
        if not bucket or fields.get("triage_status") == STATUS_DRYRUN:
            return
        try:
            self._decide(row, fields, profile, bucket)
        except Exception as exc:  # a bug must cost one row its decision, never the search its rows
            self._failures += 1
            if self._failures <= 3:
                LOG.error("llmtriage: decision failed\n%s", traceback.format_exc())
            problem = f"decision failed: internal error: {exc.__class__.__name__}"
            fields.update({name: "" for name in DECISION_FIELDS})
            fields["triage_policy"] = decision_text(policy_problem_decision("", problem, self.shadow))
        finally:
            self._collect_warnings()

    def _decide(
        self, row: Mapping[str, object], fields: MutableMapping[str, FieldValue], profile: Profile, bucket: str
    ) -> None:
        settings = self.settings()
        entities = row_entities(row, profile)
        criticality, criticality_from, criticality_problem = self._lookups.criticality(entities, row)
        categories, identity_problem = self._lookups.identity_categories(entities)
        history, history_problem = self._history.counts(rule_of(row), entities)
        context = Context(
            criticality=criticality,
            criticality_from=criticality_from,
            criticality_problem=criticality_problem,
            identity_categories=categories,
            identity_problem=identity_problem,
            history=history,
            history_problem=history_problem,
        )
        source = str(fields.get("triage_source") or "")
        injection = row.get(INJECTION_FIELD) or fields.get(INJECTION_FIELD) or ""
        result = operational_confidence(
            settings,
            row,
            bucket,
            str(fields.get("triage_confidence") or ""),
            from_model=source == SOURCE_MODEL,
            context=context,
            injection=str(injection if not isinstance(injection, list) else ",".join(injection)),
        )
        fields.update(
            triage_op_confidence=f"{result.value:.2f}",
            triage_op_bucket=result.bucket,
            triage_factors=result.factor_texts(),
            triage_policy=self._decision_text(result.bucket, result.value, criticality, source),
        )

    def _decision_text(self, bucket: str, op_confidence: float, criticality: str, source: str) -> str:
        """The policy's decision as text, made once per distinct input (a search sees few)."""
        key = (bucket, op_confidence, criticality, source)
        text = self._decisions.get(key)
        if text is None:
            if self._policy is not None:
                decision = self._policy.decide(bucket, op_confidence, criticality, source, self.shadow)
            else:
                decision = policy_problem_decision(self.settings().policy, self._policy_problem, self.shadow)
                decision.update(bucket=bucket, op_confidence=op_confidence, criticality=criticality or "unknown")
            text = self._decisions[key] = decision_text(decision)
        return text

    def _collect_warnings(self) -> None:
        for index, source in enumerate((self._lookups.warnings, self._history.warnings)):
            self.warnings.extend(source[self._warned[index] :])
            self._warned[index] = len(source)
