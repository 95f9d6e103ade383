"""Approved examples in the judge endpoint's prompts: bundles grouped by the example set chosen for each.

Runs inside the app's judge endpoint, which reads `llm_triage_examples` with the system token: the
search never says which examples to show, and the collection holds approved labels only (see
examples.py). Each bundle gets the examples of its profile (its rule's first); bundles with the same set
share requests (and batches); the prompt's label, `triage/1#a1b2c3d4+ex:0f1e2d3c`, names the set, goes
on the row as triage_prompt_version and keys the verdict cache. A bundle with no examples is asked with
the plain prompt, exactly as without this module.
"""

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from functools import partial
from typing import Callable, Optional, TypeVar

from llm_triage.enrichment.context import evidence_hash
from llm_triage.evidence.bundle import Bundle
from llm_triage.evidence.fields import STATUS_OK
from llm_triage.feedback.examples import Example, ExampleStore, bundle_profile_and_rule, choose, examples_data
from llm_triage.feedback.settings import FeedbackSettings
from llm_triage.feedback.store import FeedbackStore
from llm_triage.feedback.triaged import TriagedEvidence
from llm_triage.providers.base import ProviderConfig
from llm_triage.search.swaying import UNCHECKED
from llm_triage.splunkd.kvstore import StoreUnavailable
from llm_triage.trust.injection.detector import bundle_findings
from llm_triage.verdict.judge import Judge, Judgement
from llm_triage.verdict.prompt import Prompt, prompt_for, with_examples

T = TypeVar("T")
MAX_ROUNDS = 3  # choose, check the labels are approved, choose again without the ones that are not

JudgeFor = Callable[[Prompt], Judge]
"""The judge (provider, checks, cache) to ask with one prompt."""


class FewShotJudge:
    """Asks about each bundle with its approved examples; never raises (as every Judge)."""

    def __init__(
        self,
        provider: ProviderConfig,
        prompt: Prompt,
        judge_for: JudgeFor,
        examples: ExampleStore,
        settings: FeedbackSettings,
        labels: FeedbackStore,
        triaged: Optional[TriagedEvidence] = None,
    ):
        self.provider = provider
        self._labels = labels
        self._triaged = triaged  # the evidence's records: what answers reported on it since the label's approval
        self._prompt = prompt_for(max(1, provider.batch_size), prompt)
        self._judge_for = judge_for
        self._examples = examples
        self._settings = settings
        self.problems: list[str] = []  # why examples could not be read; the bundles were asked without them

    def judge(self, bundles: Sequence[Bundle]) -> list[Judgement]:
        """One judgement per bundle, in order; ok ones carry the prompt label that names their examples."""
        prompts = self._prompts(bundles)
        groups: dict[str, list[int]] = {}
        for index, prompt in enumerate(prompts):
            groups.setdefault(prompt.label, []).append(index)
        results: list[Optional[Judgement]] = [None] * len(bundles)

        def ask(indexes: list[int]) -> list[Judgement]:
            return self._judge_for(prompts[indexes[0]]).judge([bundles[index] for index in indexes])

        # A batch whose bundles take different examples is several model requests: asked side by side (the
        # provider's gate still bounds them), so that they fit in the one wait the search gave the request.
        if len(groups) == 1:
            asked = [ask(indexes) for indexes in groups.values()]
        else:
            with ThreadPoolExecutor(min(len(groups), max(1, self.provider.max_concurrency))) as pool:
                asked = list(pool.map(ask, groups.values()))
        for indexes, answers in zip(groups.values(), asked):
            prompt = prompts[indexes[0]]
            for index, judgement in zip(indexes, answers):
                if prompt.examples and judgement.status == STATUS_OK:
                    judgement = replace(judgement, fields={**judgement.fields, "triage_prompt_version": prompt.label})
                results[index] = judgement
        return [judgement for judgement in results if judgement is not None]

    def _prompts(self, bundles: Sequence[Bundle]) -> list[Prompt]:
        """The prompt for each bundle: with its examples, or the plain one."""
        wanted = [bundle_profile_and_rule(bundle.text) for bundle in bundles]
        pools: dict[str, list[Example]] = {}
        for found in wanted:
            if found is not None and found[0] not in pools:
                pools[found[0]] = self._unflagged(self._read(partial(self._examples.for_profile, found[0]), []))
        # Each chosen example's label must still be approved in the feedback collection: a race between
        # two reviewers, or a hand-edited examples collection, must not put any other label in a prompt. Nor
        # may evidence that an answer or a check reported on since the label was approved.
        approved: set[str] = set()
        for _ in range(MAX_ROUNDS):
            choices = [self._choose(pools, found, bundle) for found, bundle in zip(wanted, bundles)]
            to_check = {item.key: item for chosen in choices for item in chosen if item.key not in approved}
            unchecked = set(to_check)
            if not unchecked:
                break
            approved |= self._read(partial(self._labels.approved_keys, sorted(unchecked)), set())
            approved -= self._reported_since_approval(list(to_check.values()))
            for profile in pools:
                pools[profile] = [item for item in pools[profile] if item.key in approved or item.key not in unchecked]
        else:
            choices = [[item for item in chosen if item.key in approved] for chosen in choices]
        return [with_examples(self._prompt, examples_data(chosen)) if chosen else self._prompt for chosen in choices]

    def _reported_since_approval(self, chosen: Sequence[Example]) -> "set[str]":
        """The keys of `chosen` examples whose evidence's records (of any of its bundles) report something now:
        a check, or another triage, after the label was approved. When the records cannot be read, all of
        them; an example whose bundle cannot be read as one, that one."""
        if self._triaged is None or not chosen:
            return set()
        by_evidence: dict[str, list[str]] = {}
        for item in chosen:
            by_evidence.setdefault(evidence_hash(item.bundle), []).append(item.key)
        unreadable = set(by_evidence.pop("", []))
        everything = {digest: [UNCHECKED] for digest in by_evidence}
        reports = self._read(partial(self._triaged.reported_on, sorted(by_evidence)), everything)
        return unreadable | {key for digest, keys in by_evidence.items() if reports.get(digest) for key in keys}

    def _unflagged(self, pool: list[Example]) -> list[Example]:
        """The examples whose evidence the injection detector finds nothing in: an approved label is a
        reviewer's judgement of the disposition, not of every string the evidence carries."""
        kept = [example for example in pool if not bundle_findings(example.bundle)]
        if len(kept) < len(pool):
            note = f"{len(pool) - len(kept)} approved example(s) not shown: their evidence carries a prompt injection"
            if note not in self.problems:
                self.problems.append(note)
        return kept

    def _choose(
        self, pools: dict[str, list[Example]], found: Optional[tuple[str, str]], bundle: Bundle
    ) -> list[Example]:
        if found is None:
            return []
        profile, rule = found
        settings = self._settings
        return choose(pools[profile], profile, rule, settings.examples_max, settings.examples_max_chars, bundle.text)

    def _read(self, read: Callable[[], T], otherwise: T) -> T:
        """What `read` returns, or `otherwise` (and why, once, in `problems`) when the KV store fails."""
        try:
            return read()
        except StoreUnavailable as exc:
            if str(exc) not in self.problems:
                self.problems.append(str(exc))
            return otherwise
