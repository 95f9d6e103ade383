from llm_triage.trust.redaction import REDACTED, scrub_secrets


def test_known_secrets_are_removed_wherever_they_appear():
    key = "zq-7f3a9c1e5b2d8f4a6c0e"
    assert scrub_secrets(f"failed with {key} at {key}!", [key]) == f"failed with {REDACTED} at {REDACTED}!"


def test_key_shaped_text_is_removed_even_when_unknown():
    text = "Incorrect API key provided: sk-te****3456. Authorization: Bearer abc.def.ghi api_key=hunter22"
    scrubbed = scrub_secrets(text)
    for fragment in ("sk-te", "3456", "abc.def.ghi", "hunter22"):
        assert fragment not in scrubbed


def test_ordinary_text_and_tiny_secrets_are_left_alone():
    assert (
        scrub_secrets("provider answered HTTP 500: overloaded", ["", "ab"]) == "provider answered HTTP 500: overloaded"
    )
