"""Enterprise Security's priority scale on the app's criticality scale, in one place.

ES rates assets and identities unknown, informational, low, medium, high or critical; the app's asset
criticality (decision/context.py, operational confidence) is low, medium, high or critical. Informational
counts as low; unknown says nothing, so it maps to nothing (no factor). The notable's `dest_priority` and
`src_priority` are read through this map, and the saved search that copies ES's assets into
`llm_triage_assets` writes the same (a test holds the two together).
"""

ES_PRIORITIES = ("unknown", "informational", "low", "medium", "high", "critical")
CRITICALITY_OF_PRIORITY = {
    "informational": "low",
    "low": "low",
    "medium": "medium",
    "high": "high",
    "critical": "critical",
}


def criticality_of(priority: str) -> str:
    """The app's criticality for an ES priority, or "" when it says nothing (unknown, empty, anything else)."""
    return CRITICALITY_OF_PRIORITY.get(priority.strip().lower(), "")
