"""`llmtriage notable_update=true`: each result's verdict written back to its ES notable as the search runs.

The write-back runs with the searching analyst's own session (ES's edit_notable_events decides), writes the
comment, and changes the urgency, status or owner only as the admin configured in `[es]` of
llm_triage_settings.conf (`notable_urgency`, `notable_status`, `notable_owner`, the Configuration page's
Enterprise Security tab). When those settings cannot be read, only the comment is written. Every row gets
`triage_notable` (written, refused, failed, skipped) and `triage_notable_detail` (why), so the first row
written declares both.
"""

from collections.abc import MutableMapping

from llm_triage.es.notables import NotableSettings, NotableWriter, notable_settings
from llm_triage.splunkd.conf import ConfigUnavailable, SplunkdConfig
from llm_triage.splunkd.rest import SplunkdRest
from llm_triage.splunkd.settings import SETTINGS_CONF

ES_STANZA = "es"
FIELDS = ("triage_notable", "triage_notable_detail")


def admin_settings(config: SplunkdConfig) -> tuple[NotableSettings, str]:
    """The admin's `[es]` settings, and a warning when they could not be used (then: a comment only)."""
    try:
        stanza = config.conf(SETTINGS_CONF).get(ES_STANZA, {})
        return (
            notable_settings(
                stanza.get("notable_urgency", ""), stanza.get("notable_status", ""), stanza.get("notable_owner", "")
            ),
            "",
        )
    except (ConfigUnavailable, ValueError) as exc:
        return NotableSettings(), f"llmtriage: notables get a comment only: [es] settings not usable ({exc})"


class NotableWriteBack:
    """Writes each row's verdict back as the search streams it."""

    def __init__(self, rest: SplunkdRest, config: SplunkdConfig) -> None:
        settings, self.warning = admin_settings(config)
        self.writer = NotableWriter(rest, settings)
        self.counts: dict[str, int] = {}

    def apply(self, row: MutableMapping[str, object]) -> None:
        """Write the row's verdict back (when a model judged it and it names one notable) and say what happened."""
        result = self.writer.write(row)
        row[FIELDS[0]] = result.outcome
        row[FIELDS[1]] = result.detail
        self.counts[result.outcome] = self.counts.get(result.outcome, 0) + 1

    def summary(self) -> str:
        """One line for the search's messages."""
        parts = ", ".join(f"{outcome} {count}" for outcome, count in sorted(self.counts.items()))
        return f"llmtriage: ES notables: {parts or 'none'}"
