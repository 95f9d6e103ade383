"""Per-search budgets of tokens and cost: past them, bundles are not sent and come back at once.

`BudgetJudge` sits where only new calls pass (below the verdict cache, above the calls): it reserves a
cautious estimate for each bundle before sending it and settles the real count when the answer comes,
so concurrent calls cannot together overshoot by more than their estimates' error. Bundles that do not
fit come back `skipped_budget` with the reason.
"""

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Callable

from llm_triage.evidence.bundle import Bundle
from llm_triage.evidence.fields import STATUS_SKIPPED_BUDGET
from llm_triage.providers.base import ProviderConfig
from llm_triage.verdict.judge import Judge, Judgement, failed


@dataclass(frozen=True)
class Budget:
    """Limits for one search; 0 means none."""

    max_tokens: int = 0
    max_cost: float = 0.0


class BudgetJudge:
    """Sends only the bundles the budget still covers; thread-safe."""

    def __init__(self, inner: Judge, budget: Budget, estimate: Callable[[Bundle], int]):
        self._inner = inner
        self.provider = inner.provider
        self.budget = budget
        self._estimate = estimate
        self._lock = threading.Lock()
        self.tokens = 0  # spent, by answers received
        self.cost = 0.0
        self._reserved_tokens = 0
        self._reserved_cost = 0.0
        self.skipped = 0

    def judge(self, bundles: Sequence[Bundle]) -> list[Judgement]:
        """Judgements for the bundles that fit, `skipped_budget` for the rest, in order."""
        results: list[Judgement] = [failed(STATUS_SKIPPED_BUDGET, "", asked=False)] * len(bundles)
        admitted: list[tuple[int, int, float]] = []
        for index, bundle in enumerate(bundles):
            tokens = self._estimate(bundle)
            cost = cautious_cost(self.provider, tokens)
            refusal = self._reserve(tokens, cost)
            if refusal:
                results[index] = failed(STATUS_SKIPPED_BUDGET, refusal, asked=False)
            else:
                admitted.append((index, tokens, cost))
        answers = self._inner.judge([bundles[index] for index, _, _ in admitted]) if admitted else []
        for (index, tokens, cost), judgement in zip(admitted, answers):
            results[index] = judgement
            with self._lock:
                self._reserved_tokens -= tokens
                self._reserved_cost -= cost
                self.tokens += judgement.tokens
                self.cost += judgement.cost
        return results

    def _reserve(self, tokens: int, cost: float) -> str:
        with self._lock:
            limit_tokens, limit_cost = self.budget.max_tokens, self.budget.max_cost
            if limit_tokens and self.tokens + self._reserved_tokens + tokens > limit_tokens:
                self.skipped += 1
                return f"token budget max_tokens={limit_tokens} reached ({self.tokens} spent); not sent"
            if limit_cost and self.cost + self._reserved_cost + cost > limit_cost:
                self.skipped += 1
                return f"cost budget max_cost={limit_cost:g} reached ({self.cost:.4f} spent); not sent"
            self._reserved_tokens += tokens
            self._reserved_cost += cost
            return ""


def cautious_cost(provider: ProviderConfig, tokens: int) -> float:
    """An estimate's cost with every token at the dearer of the two prices."""
    return tokens * max(provider.price_input_per_mtok, provider.price_output_per_mtok) / 1e6
