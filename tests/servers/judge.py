"""A deterministic stand-in for a model's triage judgement, built only from the request it answers.

The loopback server answers with this when it plays a well-behaved model. Nothing here is clever: the
verdict comes from keyword rules over the evidence block of the user message, and every enum and limit
comes from the request's own `response_format` schema; the evidence it cites comes from the schema's
enum when it narrows the evidence (constrained decoders), else from the bundle itself, as a model reads it
(an event's `ref` joined to each of its field names). So an answer is always valid for the request that
asked, and malicious-looking samples come back malicious while plain ones come back benign, which is all a
protocol test needs.
"""

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Optional

from tests.servers.narrative_judge import is_narrative_request, narrative_answer

# The contract puts the bundle between these lines; anything outside them is the prompt's own text,
# which names verdicts and so must not feed the keyword rules.
_EVIDENCE_BLOCK = re.compile(r"<evidence>\s*(.*?)\s*</evidence>", re.DOTALL)
# A batch request gives each bundle its own section, named by the id its verdict is answered under.
_BATCH_SECTION = re.compile(r'<evidence id="([^"]+)">\s*(.*?)\s*</evidence>', re.DOTALL)

# Words an attacker plants to talk to the assistant; the judge notices them but is not moved by them.
_INJECTION_MARKERS = ("ai assistant", "classify as benign", "ignore previous", "ignore all previous", "mark as safe")


@dataclass(frozen=True)
class Rule:
    """One keyword rule: any keyword found (case-insensitive) in the evidence gives this finding."""

    verdict: str
    keywords: tuple[str, ...]
    attack: tuple[str, ...]
    finding: str


# Checked in order; the first rule that matches decides the verdict. Malicious rules come first so a
# benign-sounding field cannot outvote a hostile one.
RULES: tuple[Rule, ...] = (
    Rule(
        "malicious",
        ("stoplogging", "deletetrail", "deletedetector"),
        ("T1562.008",),
        "cloud audit logging was switched off",
    ),
    Rule(
        "malicious", ("comsvcs", "minidump", "sekurlsa", "lsass.dmp"), ("T1003.001",), "LSASS process memory was dumped"
    ),
    Rule(
        "malicious",
        ("-encodedcommand", " -enc ", "downloadstring", "frombase64string", "invoke-expression"),
        ("T1059.001", "T1105"),
        "PowerShell ran an encoded download cradle",
    ),
    Rule(
        "malicious", (".docm", ".xlsm", "vbaproject"), ("T1566.001",), "a message delivered a macro-enabled attachment"
    ),
    Rule(
        "malicious",
        ("push fatigue", "mfa fatigue", "user_rejected"),
        ("T1621", "T1078"),
        "repeated MFA pushes were denied before one was accepted",
    ),
    Rule("malicious", ("without mfa",), ("T1078.004",), "a console sign-in succeeded without MFA"),
    Rule(
        "suspicious",
        ("anonymiz", 'is_proxy":"true', "impossible travel", "consolelogin"),
        ("T1078",),
        "a sign-in came from an anonymizing network or an unusual place",
    ),
)


@dataclass(frozen=True)
class Shape:
    """What goes with a verdict: the bucket it lands in, a confidence, the usual finding and next step."""

    bucket: str
    confidence: float
    finding: str
    next_action: str


SHAPES = {
    "malicious": Shape("high_confidence_malicious", 0.9, "", "Open an incident and contain the identity or host."),
    "suspicious": Shape("needs_enrichment", 0.6, "", "Enrich the source and the identity before deciding."),
    "benign": Shape(
        "likely_benign",
        0.8,
        "nothing in the evidence matches a known attack pattern",
        "Close the alert as expected activity.",
    ),
    "insufficient_evidence": Shape(
        "needs_enrichment",
        0.3,
        "the request carried no evidence block to judge",
        "Find the alert's events and triage again.",
    ),
}


def evidence_text(user_message: str) -> Optional[str]:
    """The text between the `<evidence>` lines, or None when the message has no evidence block."""
    match = _EVIDENCE_BLOCK.search(user_message)
    return match.group(1) if match else None


def user_message_of(request: Mapping[str, Any]) -> str:
    """The content of the last user message (text parts joined), or an empty string."""
    for message in reversed(request.get("messages") or []):
        if isinstance(message, dict) and message.get("role") == "user":
            return _content_text(message.get("content"))
    return ""


def response_schema_of(request: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON schema the request asks the answer to follow, or {} when it asks for none."""
    response_format = request.get("response_format")
    if not isinstance(response_format, dict) or response_format.get("type") != "json_schema":
        return {}
    json_schema = response_format.get("json_schema")
    schema = json_schema.get("schema") if isinstance(json_schema, dict) else None
    return schema if isinstance(schema, dict) else {}


def offered_evidence_refs(schema: Mapping[str, Any]) -> list[str]:
    """The evidence references the schema lets an answer cite (`evidence.items.enum`)."""
    items = _property(schema, "evidence").get("items")
    enum = items.get("enum") if isinstance(items, dict) else None
    return [ref for ref in enum if isinstance(ref, str)] if isinstance(enum, list) else []


def bundle_refs(evidence: Optional[str]) -> list[str]:
    """The references a bundle's text offers to cite, in its order: as the prompt describes them, each
    event's `ref`, a "/" and one of its field names (`{"ref": "ev:…", "fields": {...}}`), or a `ref` that
    names a field itself (`{"ref": "ev:…/user", "value": ...}`); empty when the text is not JSON."""
    try:
        bundle = json.loads(evidence or "")
    except ValueError:
        return []
    refs: list[str] = []
    for node in _dicts(bundle):
        ref = node.get("ref")
        if isinstance(ref, str) and isinstance(node.get("fields"), dict):
            refs.extend(f"{ref}/{name}" for name in node["fields"])
        elif isinstance(ref, str) and "/" in ref:
            refs.append(ref)
    return refs


def citable_refs(schema: Mapping[str, Any], evidence: Optional[str]) -> list[str]:
    """What an answer may cite: the schema's enum when it narrows the evidence, else the bundle's refs."""
    return offered_evidence_refs(schema) or bundle_refs(evidence)


def batch_sections(user_message: str) -> list[tuple[str, str]]:
    """(id, evidence text) of each section of a batch request, in order; empty for a single request."""
    return _BATCH_SECTION.findall(user_message)


def judge_answer(request: Mapping[str, Any]) -> dict[str, Any]:
    """A schema-valid verdict for this request, the same every time for the same request; for a batch
    request, an object of verdicts by section id, each judged from its own section and schema."""
    schema = response_schema_of(request)
    message = user_message_of(request)
    if is_narrative_request(request):  # llmcluster's stories: tests/servers/narrative_judge.py
        return narrative_answer(request, schema, message)
    sections = batch_sections(message)
    if sections:
        return {item: _judge(_property(schema, item), evidence) for item, evidence in sections}
    return _judge(schema, evidence_text(message))


def _judge(schema: Mapping[str, Any], evidence: Optional[str]) -> dict[str, Any]:
    refs = citable_refs(schema, evidence)
    if evidence is None:
        return _answer(schema, "insufficient_evidence", [], refs[:1], questions=["Where is the alert's evidence?"])
    lowered = evidence.lower()
    rule = next((rule for rule in RULES if any(word in lowered for word in rule.keywords)), None)
    questions = []
    if any(marker in lowered for marker in _INJECTION_MARKERS):
        questions.append("Why does a field of this alert address the triage assistant?")
    if rule is None:
        return _answer(schema, "benign", [], _cited_refs(evidence, refs, ()), questions=questions)
    cited = _cited_refs(evidence, refs, rule.keywords)
    return _answer(schema, rule.verdict, list(rule.attack), cited, questions=questions, finding=rule.finding)


def _answer(
    schema: Mapping[str, Any],
    verdict: str,
    attack: list[str],
    cited: list[str],
    questions: list[str],
    finding: Optional[str] = None,
) -> dict[str, Any]:
    shape = SHAPES[verdict]
    cited = cited[: _max_items(schema, "evidence", 8)]
    why = finding or shape.finding
    rationale = f"The evidence shows that {why}" + (f" ({', '.join(cited)})." if cited else ".")
    return {
        "verdict": _allowed(schema, "verdict", verdict),
        "bucket": _allowed(schema, "bucket", shape.bucket),
        "confidence": shape.confidence,
        "rationale": rationale,
        "evidence": cited,
        "attack": attack[: _max_items(schema, "attack", 6)],
        "questions": questions[: _max_items(schema, "questions", 4)],
        "next_action": shape.next_action,
        "swaying": [],  # a stand-in that reads no field as swaying it (tests that need one say so)
    }


def _cited_refs(evidence: str, refs: Sequence[str], keywords: Sequence[str]) -> list[str]:
    """Up to three refs, those whose evidence text holds a matched keyword first, then in offered order."""
    texts = _texts_by_ref(evidence, refs)
    hits = [ref for ref in refs if any(word in texts.get(ref, "") for word in keywords)]
    rest = [ref for ref in refs if ref not in hits]
    return (hits + rest)[:3]


def _texts_by_ref(evidence: str, refs: Sequence[str]) -> dict[str, str]:
    """What each ref labels, found without assuming the bundle's layout.

    A ref may be a key (`{"ev:…/user": "alice"}`), a value beside others (`{"ref": "ev:…/user",
    "value": "alice"}`), or an event ref whose fields sit beside it (`{"ref": "ev:…", "fields": {"user":
    "alice"}}`, the package's own layout); in each case the values next to it are its text.
    """
    try:
        bundle = json.loads(evidence)
    except ValueError:
        return {}
    wanted = set(refs)
    texts: dict[str, str] = {}

    def note(ref: str, value: Any) -> None:
        texts[ref] = texts.get(ref, "") + " " + json.dumps(value).lower()

    for node in _dicts(bundle):
        for key, value in node.items():
            if key in wanted:
                note(key, value)
        for label in [value for value in node.values() if isinstance(value, str)]:
            if label in wanted:
                for value in node.values():
                    if value != label:
                        note(label, value)
            for fields in [value for value in node.values() if isinstance(value, dict)]:
                for name, value in fields.items():
                    if f"{label}/{name}" in wanted:
                        note(f"{label}/{name}", value)
    return texts


def _dicts(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _dicts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _dicts(value)


def _content_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content parts: [{"type": "text", "text": ...}, ...]
        return "\n".join(part.get("text", "") for part in content if isinstance(part, dict))
    return ""


def _property(schema: Mapping[str, Any], name: str) -> dict[str, Any]:
    properties = schema.get("properties")
    found = properties.get(name) if isinstance(properties, dict) else None
    return found if isinstance(found, dict) else {}


def _allowed(schema: Mapping[str, Any], name: str, wanted: str) -> str:
    """`wanted` if the schema allows it (or names no enum), else the schema's first choice."""
    enum = _property(schema, name).get("enum")
    if isinstance(enum, list) and enum and wanted not in enum:
        return str(enum[0])
    return wanted


def _max_items(schema: Mapping[str, Any], name: str, default: int) -> int:
    limit = _property(schema, name).get("maxItems")
    return limit if isinstance(limit, int) else default
