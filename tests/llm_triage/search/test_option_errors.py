"""splunklib's option errors, rewritten to name the fix (the real validators are exercised through the
protocol in tests/protocol/test_llmtriage_protocol.py; these stand in with the same shapes)."""

from llm_triage.search.option_errors import explain


class Set:
    def __init__(self, *members):
        self.membership = set(members)


class Boolean:
    pass


class Integer:
    def __call__(self, value):
        if not value.isdigit() or int(value) < 1:
            raise ValueError(f"Expected integer in the range [1,+∞], not {value}")
        return int(value)


OPTIONS = {
    "max_rows": Integer(),
    "max_tokens": Integer(),
    "profile": Set("auto", "email", "identity", "generic"),
    "dryrun": Boolean(),
    "fields": None,
    "logging_level": None,
    "show_configuration": Boolean(),
}


def test_an_unknown_option_gets_the_nearest_and_the_commands_own_options():
    assert explain("Unrecognized option: max_row=5", OPTIONS) == (
        "Unrecognized option: max_row=5. Did you mean max_rows=5? "
        "Options: dryrun, fields, max_rows, max_tokens, profile"
    )


def test_an_unknown_option_nothing_is_near_lists_the_options_only():
    assert explain("Unrecognized option: colour=red", OPTIONS) == (
        "Unrecognized option: colour=red. Options: dryrun, fields, max_rows, max_tokens, profile"
    )


def test_a_value_outside_a_set_lists_the_valid_ones_and_the_nearest():
    assert explain("Illegal value: profile=emial", OPTIONS) == (
        "Illegal value: profile=emial. Did you mean profile=email? Valid values: auto, email, generic, identity"
    )
    assert explain("Illegal value: dryrun=maybe", OPTIONS) == "Illegal value: dryrun=maybe. Valid values: true, false"


def test_any_other_bad_value_says_what_its_validator_objected_to():
    assert explain("Illegal value: max_rows=0", OPTIONS) == (
        "Illegal value: max_rows=0. Expected integer in the range [1,+∞], not 0"
    )


def test_a_long_value_is_cut_and_other_messages_pass_unchanged():
    explained = explain("Unrecognized option: max_row=" + "x" * 500, OPTIONS)
    assert "x" * 61 not in explained and explained.endswith("Options: dryrun, fields, max_rows, max_tokens, profile")
    assert explain('A value for "provider" is required', OPTIONS) == 'A value for "provider" is required'
    assert explain("Illegal value: unknown=1", OPTIONS) == "Illegal value: unknown=1"
