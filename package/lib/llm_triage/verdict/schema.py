"""The verdict schema: loading it, validating answers against it, and deriving what a provider is sent.

`schemas/verdict.schema.json` is the single source of truth. The validator here implements exactly the
JSON Schema keywords that file uses (a test keeps it in step with the `jsonschema` package), because the
shipped app may only carry pure-Python code and `jsonschema` pulls in compiled dependencies.
"""

import copy
import json
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / "verdict.schema.json"

# Which buckets each verdict may land in; an answer that pairs them otherwise contradicts itself.
BUCKETS_FOR_VERDICT: Mapping[str, tuple[str, ...]] = {
    "benign": ("likely_benign",),
    "insufficient_evidence": ("needs_enrichment",),
    "suspicious": ("needs_enrichment", "probable_incident"),
    "malicious": ("probable_incident", "high_confidence_malicious"),
}

# The fields whose text the model reports as trying to sway its triage: optional in an answer (an answer to
# an older prompt, or a hand-written one, is still whole without it), asked for on the wire by the prompts that
# explain it (version 4 on), and never a reason to refuse an answer: a report the app cannot place (a reference
# the bundle lacks, which the attacker's own text may have offered, or a value that is no reference) still
# flags the row, and the verdict beside it stands.
SWAYING = "swaying"

# Keywords providers' structured-output modes accept everywhere (OpenAI strict mode rejects length,
# range and pattern keywords; llama.cpp and vLLM accept this subset too). The rest is checked here.
WIRE_KEYWORDS = frozenset(
    {"type", "enum", "required", "properties", "additionalProperties", "items", "minItems", "maxItems", "description"}
)

# Limits a constrained decoder can enforce while generating, sent when a provider asks for the full schema.
FULL_ONLY_KEYWORDS = frozenset({"minLength", "maxLength", "pattern", "minimum", "maximum"})

_TYPES: Mapping[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "number": (int, float),
    "integer": (int,),
    "boolean": (bool,),
    "null": (type(None),),
}


@lru_cache(maxsize=1)
def verdict_schema() -> dict[str, Any]:
    """The verdict JSON schema as shipped."""
    with SCHEMA_PATH.open(encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema


def verdict_fields() -> tuple[str, ...]:
    """The properties every verdict holds, in schema order (`enrichment` is asked for only with a bundle
    that offers context searches)."""
    return tuple(verdict_schema()["required"])


def schema_errors(instance: Any, schema: Mapping[str, Any], path: str = "$") -> list[str]:
    """Every way `instance` breaks `schema`, as readable messages; empty when it conforms."""
    errors: list[str] = []
    expected = schema.get("type")
    if expected is not None and not _is_type(instance, expected):
        return [f"{path}: expected {expected}, got {_json_type(instance)}"]
    if "enum" in schema and instance not in schema["enum"]:
        errors.append(f"{path}: {_short(instance)} is not one of {', '.join(map(str, schema['enum']))}")
    if isinstance(instance, str):
        if len(instance) < schema.get("minLength", 0):
            errors.append(f"{path}: shorter than {schema['minLength']} characters")
        if "maxLength" in schema and len(instance) > schema["maxLength"]:
            errors.append(f"{path}: longer than {schema['maxLength']} characters")
        if "pattern" in schema and not re.search(_ecma_anchors(schema["pattern"]), instance):
            errors.append(f"{path}: {_short(instance)} does not match {schema['pattern']}")
    if _is_type(instance, "number"):
        if "minimum" in schema and instance < schema["minimum"]:
            errors.append(f"{path}: {instance} is below {schema['minimum']}")
        if "maximum" in schema and instance > schema["maximum"]:
            errors.append(f"{path}: {instance} is above {schema['maximum']}")
    if isinstance(instance, list):
        if len(instance) < schema.get("minItems", 0):
            errors.append(f"{path}: fewer than {schema['minItems']} items")
        if "maxItems" in schema and len(instance) > schema["maxItems"]:
            errors.append(f"{path}: more than {schema['maxItems']} items")
        item_schema = schema.get("items")
        if item_schema is not None:
            for index, item in enumerate(instance):
                errors.extend(schema_errors(item, item_schema, f"{path}[{index}]"))
    if isinstance(instance, dict):
        properties = schema.get("properties", {})
        for name in schema.get("required", ()):
            if name not in instance:
                errors.append(f"{path}: missing {name}")
        if schema.get("additionalProperties") is False:
            for name in instance:
                if name not in properties:
                    errors.append(f"{path}: unexpected property {_short(name)}")
        for name, value in instance.items():
            if name in properties:
                errors.extend(schema_errors(value, properties[name], f"{path}.{name}"))
    return errors


def answer_problems(answer: Any, evidence_refs: Sequence[str], canary: str = "") -> list[str]:
    """Why an answer cannot be written to a row: the instructions' canary repeated (the evidence made the
    model echo its instructions), schema errors, evidence it invents, a self-contradiction."""
    if canary and _holds(answer, canary.lower()):
        return ["it repeats the canary of its instructions (the evidence may have made the model echo them)"]
    checked = {name: value for name, value in answer.items() if name != SWAYING} if isinstance(answer, dict) else answer
    problems = schema_errors(checked, verdict_schema())
    if problems:
        return problems
    known = set(evidence_refs)
    invented = [ref for ref in answer["evidence"] if ref not in known]
    if invented:
        problems.append("cites evidence not in the bundle: " + ", ".join(_short(ref) for ref in invented[:3]))
    if answer["bucket"] not in BUCKETS_FOR_VERDICT[answer["verdict"]]:
        problems.append(f"bucket {answer['bucket']} contradicts verdict {answer['verdict']}")
    return problems


def reported_swaying(answer: Mapping[str, Any], evidence_refs: Sequence[str]) -> "tuple[list[str], bool]":
    """The bundle's own references an answer reported as swaying it (each once, in order), and whether it
    reported anything else: a reference the bundle lacks, or a value that is no list of references."""
    reported = answer.get(SWAYING)
    if isinstance(reported, list):  # an empty reference is the model's way of saying none
        reported = [ref for ref in reported if not (isinstance(ref, str) and not ref.strip())]
    if not reported:
        return [], False
    if not isinstance(reported, list):
        return [], True
    known = set(evidence_refs)
    placed = [ref for ref in reported if isinstance(ref, str) and ref in known]
    return list(dict.fromkeys(placed)), len(placed) < len(reported)


def _holds(value: Any, marker: str) -> bool:
    """Whether any text in `value` (keys included), ignoring case, contains `marker`."""
    if isinstance(value, str):
        return marker in value.lower()
    if isinstance(value, dict):
        return any(_holds(key, marker) or _holds(item, marker) for key, item in value.items())
    if isinstance(value, list):
        return any(_holds(item, marker) for item in value)
    return False


def wire_schema(
    evidence_refs: Sequence[str],
    full: bool = False,
    enrichment: Sequence[str] = (),
    narrow: Optional[bool] = None,
    swaying: bool = True,
) -> dict[str, Any]:
    """The schema a provider is asked to follow for one bundle, as a fresh copy the caller may change.

    By default (`portable`) it keeps only the keywords every structured-output mode accepts (OpenAI's
    strict mode included), and nothing that varies per request: OpenAI, Azure OpenAI and Anthropic put
    the schema in the prompt, ahead of the instructions, and a prompt cache serves only a prefix that is
    byte-identical. So the schema is one of two per schema version (with and without `enrichment`), and
    the citations are checked against the bundle's own references when the answer comes back
    (`answer_problems`), the names of context searches against those offered (`offered_only`).

    `narrow` (by default, with `full`) is for servers that turn the schema into a decoding grammar rather
    than prompt text (llama.cpp, vLLM, Ollama): it narrows the evidence items to the bundle's own
    references and the context searches to those offered, so the decoder cannot cite evidence that does
    not exist, at no cost to a prompt cache. `full` is for constrained decoders that enforce more: it keeps
    the length, range and pattern limits, and offers one alternative per verdict carrying only the buckets
    that agree with it, so the decoder cannot write a verdict and a bucket that contradict each other.

    `enrichment` names the context searches the bundle offers (enrichment/context.py): the answer must then
    say which it wants; without them the schema has no `enrichment` at all. `swaying` (for a prompt that
    explains it: `Prompt.reports_swaying`) is required here, though optional in an answer: structured-output
    modes (OpenAI's strict mode) want every property required, and a decoder left free to leave it out would.
    When narrowed, it cites the bundle's own references, as the evidence does. Without it, an older prompt is
    asked with the schema it was written for.
    """
    narrow = full if narrow is None else narrow
    schema = _wire_subset(verdict_schema(), WIRE_KEYWORDS | (FULL_ONLY_KEYWORDS if full else frozenset()))
    if swaying:
        schema["required"] = [*schema["required"], SWAYING]
    else:
        del schema["properties"][SWAYING]
    if narrow:
        schema["properties"]["evidence"]["items"] = {"type": "string", "enum": list(evidence_refs)}
        if swaying:
            schema["properties"][SWAYING]["items"] = {"type": "string", "enum": list(evidence_refs)}
    if enrichment:
        if narrow:
            schema["properties"]["enrichment"]["items"] = {"type": "string", "enum": list(enrichment)}
        schema["required"] = [*schema["required"], "enrichment"]
    else:
        del schema["properties"]["enrichment"]
    if not full:
        return schema
    return {"anyOf": [_for_verdict(schema, verdict, buckets) for verdict, buckets in BUCKETS_FOR_VERDICT.items()]}


def offered_only(names: Sequence[Any], offered: Sequence[str]) -> list[str]:
    """The context searches an answer asked for that its bundle offered, in the answer's order, once each."""
    allowed = set(offered)
    kept: list[str] = []
    for name in names:
        if isinstance(name, str) and name in allowed and name not in kept:
            kept.append(name)
    return kept


def batch_ids(count: int) -> list[str]:
    """The ids a batch request gives its bundles, in order: `alert_1`, `alert_2`, ..."""
    return [f"alert_{number}" for number in range(1, count + 1)]


def batch_wire_schema(
    items: Sequence[tuple[str, Sequence[str]]], full: bool = False, narrow: Optional[bool] = None, swaying: bool = True
) -> dict[str, Any]:
    """The schema for one request about several bundles, given as (id, evidence refs) pairs.

    An object with one required property per id, each the single verdict's wire schema (see
    `wire_schema`, in the same constraint mode: when narrowed, to that bundle's own references, so a
    constrained decoder cannot cite one alert's evidence for another; otherwise the same for every request
    of that many bundles). Each verdict is checked with `answer_problems` on return, against its own refs.
    """
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [item_id for item_id, _ in items],
        "properties": {
            item_id: wire_schema(refs, full=full, narrow=narrow, swaying=swaying) for item_id, refs in items
        },
    }


def _for_verdict(schema: Mapping[str, Any], verdict: str, buckets: Sequence[str]) -> dict[str, Any]:
    alternative = copy.deepcopy(dict(schema))
    alternative["properties"]["verdict"]["enum"] = [verdict]
    alternative["properties"]["bucket"]["enum"] = list(buckets)
    return alternative


def _wire_subset(schema: Mapping[str, Any], keywords: frozenset[str]) -> dict[str, Any]:
    kept: dict[str, Any] = {}
    for keyword, value in schema.items():
        if keyword not in keywords:
            continue
        if keyword == "properties":
            kept[keyword] = {name: _wire_subset(sub, keywords) for name, sub in value.items()}
        elif keyword == "items":
            kept[keyword] = _wire_subset(value, keywords)
        else:
            kept[keyword] = copy.deepcopy(value)
    return kept


def _ecma_anchors(pattern: str) -> str:
    """JSON Schema patterns are ECMA-262, where a final `$` matches only at the very end; Python's also
    matches before a trailing newline, which would let "T1078\\n" pass as a technique id."""
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        return pattern[:-1] + r"\Z"
    return pattern


def _is_type(instance: Any, expected: str) -> bool:
    if isinstance(instance, bool):
        # JSON booleans are not numbers, though Python's bool is an int.
        return expected == "boolean"
    if expected == "integer" and isinstance(instance, float):
        return instance.is_integer()
    return isinstance(instance, _TYPES[expected])


def _json_type(instance: Any) -> str:
    for name in ("boolean", "null", "object", "array", "string", "integer", "number"):
        if _is_type(instance, name):
            return name
    return type(instance).__name__


def _short(value: Any, limit: int = 60) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
