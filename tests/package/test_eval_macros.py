"""The `llm_triage_labelled_results` macro gives llmeval and llmreplay every field they read."""

import configparser
import re

from llm_triage.evaluation.labelled import SLICE_FIELDS
from llm_triage.evaluation.replay import BUNDLE_FIELDS


def test_the_labelled_results_macro_outputs_what_llmeval_and_llmreplay_read(built_app):
    parser = configparser.ConfigParser(interpolation=None, default_section="__none__")
    parser.read_string((built_app / "default" / "macros.conf").read_text(encoding="utf-8").replace("\\\n", " "))
    definition = parser["llm_triage_labelled_results"]["definition"]
    assert definition.lstrip().startswith("| inputlookup llm_triage_feedback_lookup")
    produced = set(re.findall(r"\bAS\s+([\w.]+)", definition)) | set(re.findall(r"\bBY\s+([\w.]+)", definition))
    read = {"triage_id", "disposition", "review_state", "triage_status", "triage_bucket", "triage_confidence"}
    read |= set(SLICE_FIELDS.values()) | {BUNDLE_FIELDS[0]}
    assert read <= produced, f"not produced: {sorted(read - produced)}"
    # Labels and their review states side by side, in the same order (list keeps both in event order).
    assert "list(disposition) AS disposition" in definition and "list(review_state) AS review_state" in definition
