"""Approved examples in the judge endpoint's prompts: bundles grouped by the example set chosen for each.

Runs inside the app's judge endpoint, which reads `llm_triage_examples` with the system token: the
search never says which examples to show, and the collection holds approved labels only (see
examples.py). Each bundle gets the examples of its profile (its rule's first); bundles with the same set
share requests (and batches); the prompt's label, `triage/1#a1b2c3d4+ex:0f1e2d3c`, names the set, goes
on the row as triage_prompt_version and keys the verdict cache. A bundle with no examples is asked with
the plain prompt, exactly as without this module.
"""

from collections.abc import Sequence
from dataclasses import replace
from typing import Callable, Optional

from llm_triage.bundle import Bundle
from llm_triage.feedback.examples import Example, ExampleStore, bundle_profile_and_rule, choose, examples_data
from llm_triage.feedback.settings import FeedbackSettings
from llm_triage.feedback.store import FeedbackUnavailable
from llm_triage.fields import STATUS_OK
from llm_triage.judge import Judge, Judgement
from llm_triage.prompt import Prompt, prompt_for, with_examples
from llm_triage.providers.base import ProviderConfig

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
    ):
        self.provider = provider
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
        for indexes in groups.values():
            prompt = prompts[indexes[0]]
            answers = self._judge_for(prompt).judge([bundles[index] for index in indexes])
            for index, judgement in zip(indexes, answers):
                if prompt.examples and judgement.status == STATUS_OK:
                    judgement = replace(judgement, fields={**judgement.fields, "triage_prompt_version": prompt.label})
                results[index] = judgement
        return [judgement for judgement in results if judgement is not None]

    def _prompts(self, bundles: Sequence[Bundle]) -> list[Prompt]:
        """The prompt for each bundle: with its examples, or the plain one."""
        by_profile: dict[str, list[Example]] = {}
        prompts = []
        for bundle in bundles:
            found = bundle_profile_and_rule(bundle.text)
            if found is None:
                prompts.append(self._prompt)
                continue
            profile, rule = found
            if profile not in by_profile:
                try:
                    by_profile[profile] = self._examples.for_profile(profile)
                except FeedbackUnavailable as exc:
                    if str(exc) not in self.problems:
                        self.problems.append(str(exc))
                    by_profile[profile] = []
            chosen = choose(
                by_profile[profile],
                profile,
                rule,
                self._settings.examples_max,
                self._settings.examples_max_chars,
                exclude=bundle.text,
            )
            prompts.append(with_examples(self._prompt, examples_data(chosen)) if chosen else self._prompt)
        return prompts
