"""The [feedback] settings: shipped defaults, and a bad value named."""

import pytest

from llm_triage.feedback.settings import FeedbackSettings, FeedbackSettingsError, feedback_settings


def test_absent_keys_take_the_defaults_and_given_ones_are_read() -> None:
    assert feedback_settings({}) == FeedbackSettings()
    read = feedback_settings(
        {"examples": "true", "examples_max": "5", "max_labels_per_hour": "0", "audit_index": "sec"}
    )
    assert (read.examples, read.examples_max, read.max_labels_per_hour, read.audit_index) == (True, 5, 0, "sec")
    assert feedback_settings({"triaged_retention_days": "7"}).triaged_retention_days == 7


@pytest.mark.parametrize(
    "key, value",
    [
        ("examples", "sometimes"),
        ("examples_max", "0"),
        ("examples_max_chars", "lots"),
        ("max_labels_per_hour", "-1"),
        ("triaged_retention_days", "0"),
        ("triaged_retention_days", "3651"),
    ],
)
def test_a_bad_value_is_named(key: str, value: str) -> None:
    with pytest.raises(FeedbackSettingsError, match=f"\\[feedback\\] {key}"):
        feedback_settings({key: value})
