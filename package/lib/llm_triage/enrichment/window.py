"""The time window of an enrichment search: Splunk relative time modifiers (`-24h`, `+1h`, `-7d`, `0`)
applied to the row's `_time`.

Only fixed-length units are taken. Months and years vary in length, and snapping (`@d`) depends on the
searching user's time zone, which the search head knows and this code does not: a window computed here
without it would be off by hours, so both are refused rather than approximated.
"""

import math
import re
from typing import Optional

# Splunk's spellings of the fixed-length units, in seconds.
_UNITS = {
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), 1),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes"), 60),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), 3600),
    **dict.fromkeys(("d", "day", "days"), 86400),
    **dict.fromkeys(("w", "week", "weeks"), 7 * 86400),
}
_OFFSET = re.compile(r"([+-])(\d{0,6})([a-z]+)")
MAX_OFFSET = 366 * 86400  # a year either side of the row: past that, a context search is a hunt


class OffsetError(ValueError):
    """An offset that is not a relative time modifier this app computes."""


def parse_offset(text: str) -> int:
    """Seconds that `text` (`-24h`, `+30m`, `-7d`, `-h`, `0`, `now`) moves a time; OffsetError says why not."""
    raw = text.strip().lower()
    if raw in ("0", "+0", "-0", "now"):
        return 0
    if "@" in raw:
        raise OffsetError(f"{text!r}: snapping (@) is not supported, as it depends on the user's time zone")
    match = _OFFSET.fullmatch(raw)
    if not match or match.group(3) not in _UNITS:
        raise OffsetError(f"{text!r} is not a relative time such as -24h, +1h, -7d, -30m or 0 (units s, m, h, d, w)")
    sign, amount, unit = match.groups()
    seconds = int(amount or "1") * _UNITS[unit]
    if seconds > MAX_OFFSET:
        raise OffsetError(f"{text!r} reaches further than a year from the row's time")
    return -seconds if sign == "-" else seconds


def row_time(value: object) -> Optional[float]:
    """The row's `_time` as epoch seconds (a number, or its text as splunkd sends it); None when it has none."""
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    if isinstance(value, bool) or value is None:
        return None
    try:
        seconds = float(value) if isinstance(value, (int, float)) else float(str(value).strip())
    except ValueError:
        return None
    return seconds if math.isfinite(seconds) and seconds >= 0 else None


def search_window(time: float, earliest_offset: int, latest_offset: int) -> tuple[float, float]:
    """(earliest_time, latest_time) in epoch seconds around `time`."""
    return time + earliest_offset, time + latest_offset
