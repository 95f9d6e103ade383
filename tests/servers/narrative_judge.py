"""A deterministic stand-in for a model's cluster narrative (llmcluster), built only from the request.

The loopback servers answer with this when the request's response schema is named `cluster_narrative`:
one step per event of the bundle, citing a reference the step's schema offers from that event, the
tactics a few keywords suggest, the bundle's user and address values as the entities. Always
schema-valid for the request that asked.
"""

import json
import re
from collections.abc import Mapping
from typing import Any

_EVIDENCE_BLOCK = re.compile(r"<evidence>\s*(.*?)\s*</evidence>", re.DOTALL)

SCHEMA_NAME = "cluster_narrative"
_TACTICS = (
    ("phishing", "initial_access"),
    ("sign-in", "initial_access"),
    ("mfa", "credential_access"),
    ("sekurlsa", "credential_access"),
    ("psexec", "lateral_movement"),
    ("inbox", "collection"),
    ("getobject", "exfiltration"),
    ("listbuckets", "discovery"),
)


def is_narrative_request(request: Mapping[str, Any]) -> bool:
    """Whether the request asks for a cluster narrative (by its response schema's name)."""
    response_format = request.get("response_format")
    schema = response_format.get("json_schema") if isinstance(response_format, dict) else None
    return isinstance(schema, dict) and schema.get("name") == SCHEMA_NAME


def narrative_answer(request: Mapping[str, Any], schema: Mapping[str, Any], user_message: str) -> dict[str, Any]:
    """A schema-valid narrative for the bundle in `user_message`."""
    refs = list(schema["properties"]["evidence"]["items"]["enum"])
    match = _EVIDENCE_BLOCK.search(user_message)
    text = match.group(1) if match else "{}"
    document = json.loads(text)
    events = document.get("events", [])
    steps = []
    entities: list[str] = []
    for event in events[:12]:
        fields = event.get("fields", {})
        mine = [ref for ref in refs if ref.startswith(event.get("ref", "?") + "/")]
        cited = [ref for ref in mine if ref.endswith(("/rule", "/signature"))][:1] or mine[:1]
        if cited:
            steps.append({"what": f"{fields.get('rule') or fields.get('signature') or 'an alert'}", "evidence": cited})
        for name in ("user", "src", "recipient", "dest"):
            value = fields.get(name)
            if isinstance(value, str) and value not in entities:
                entities.append(value)
    lowered = text.lower()
    tactics = []
    for word, tactic in _TACTICS:
        if word in lowered and tactic not in tactics:
            tactics.append(tactic)
    return {
        "title": f"{len(events)} linked alerts",
        "summary": "The alerts share " + ", ".join(entities[:3]) + ".",
        "steps": steps or [{"what": "an alert", "evidence": refs[:1]}],
        "tactics": tactics[:8],
        "entities": entities[:12],
        "next_checks": ["Confirm with the user whether the activity was theirs."],
        "confidence": 0.7,
        "evidence": [step["evidence"][0] for step in steps][:12] or refs[:1],
    }
