"""The policy file's ceilings, checked again where an action leaves the app.

A decision travels in a row's `triage_policy` and in queued approval items: text that a search, a lookup or
a hand-edited collection can change. So whatever class the decision in hand gives an action, the router
sends it automatically only when the policy in force (`[scoring] policy`, read from disk) allows it to be
automatic, and a reviewer's approval sends it only when that policy allows it at all. An action the
policy does not catalogue, a consequential action (`decision.policy.CONSEQUENTIAL`) asked for
automatically, or any action when the policy cannot be read, is refused.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from llm_triage.decision.policy import CLASSES, CONSEQUENTIAL, PolicyError, load_policy
from llm_triage.decision.scoring_settings import SCORING_STANZA, scoring_from_conf
from llm_triage.splunkd.conf import ConfigUnavailable, SplunkdConfig
from llm_triage.splunkd.settings import SETTINGS_CONF, ConfigError


@dataclass(frozen=True)
class Ceilings:
    """The most each catalogued action may be, by the policy in force; `problem` when none could be read."""

    policy: str = ""
    by_action: Mapping[str, str] = field(default_factory=dict)
    problem: str = ""

    def refusal(self, action: str, klass: str) -> str:
        """Why `action` may not go out as `klass` (automatic or needs_approval); "" when it may."""
        if self.problem:
            return f"{action} refused: the policy in force cannot be read ({self.problem})"
        ceiling = self.by_action.get(action)
        if ceiling is None:
            return f"{action} refused: policy {self.policy} does not catalogue it"
        if klass == CLASSES[0] and action in CONSEQUENTIAL:
            return f"{action} refused: a consequential action is never automatic"
        if klass not in CLASSES or CLASSES.index(klass) < CLASSES.index(ceiling):
            return f"{action} refused as {klass}: its ceiling in policy {self.policy} is {ceiling}"
        return ""


def ceilings_in_force(config: SplunkdConfig) -> Ceilings:
    """The ceilings of the policy `[scoring] policy` names, read now; never raises."""
    try:
        settings = scoring_from_conf(config.conf(SETTINGS_CONF).get(SCORING_STANZA, {}))
        policy = load_policy(settings.policy)
    except (ConfigUnavailable, ConfigError, PolicyError) as exc:
        return Ceilings(problem=str(exc))
    return Ceilings(policy=policy.label, by_action=dict(policy.ceilings))
