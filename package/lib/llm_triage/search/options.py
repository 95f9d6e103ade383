"""What the analyst asked of one llmtriage search, on its command line."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class TriageOptions:
    """What the analyst asked for on the command line; None means "use the configured default"."""

    provider: str = ""
    profile: str = ""
    fields: Sequence[str] = ()
    dryrun: bool = False
    max_rows: Optional[int] = None
    timeout: Optional[float] = None
    max_tokens: Optional[int] = None
    max_cost: Optional[float] = None
    shadow: bool = False  # shadow mode for this search: decisions recorded, never routed
    group_by: str = ""  # `by <field>`: rows sharing its value are judged as one bundle (stories/grouping.py)
    similar: Optional[int] = None  # approved past cases shown with each bundle (stories/similar.py); 0: none
    enrich: str = ""  # auto, propose or off (search/enriching.py); "": the [enrichment] mode setting
    injection_check: str = ""  # off, benign_only or always (search/swaying.py); "": the setting
