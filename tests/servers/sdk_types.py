"""Checking a request body against an official SDK's TypedDict request params, strictly.

The SDKs type their request params as TypedDicts, which they never validate at run time. Here pydantic
validates the body against them (types, literals, required keys; lazily validated iterables are consumed),
and a walk over the same type hints refuses keys the TypedDicts do not declare, which pydantic ignores.
Test-only: imported by tests that have the SDKs (Python 3.10+).
"""

import collections.abc
import typing
from typing import Any

from pydantic import TypeAdapter
from typing_extensions import NotRequired, Required, is_typeddict


def body_problems(params_type: Any, body: Any) -> list[str]:
    """Why `body` is not a valid `params_type`; empty when it is."""
    problems = unknown_keys(params_type, body, "")
    try:
        _consume(TypeAdapter(params_type).validate_python(body))
    except Exception as exc:  # pydantic's ValidationError, raised now or while consuming iterables
        problems.append(str(exc))
    return problems


def unknown_keys(annotation: Any, value: Any, path: str) -> list[str]:
    """Keys in `value` that the TypedDict(s) in `annotation` do not declare, as dotted paths."""
    annotation = _unwrap(annotation)
    origin = typing.get_origin(annotation)
    if origin is typing.Union:
        arms = [arm for arm in typing.get_args(annotation) if _fits(arm, value)] or list(typing.get_args(annotation))
        found = [unknown_keys(arm, value, path) for arm in arms]
        return min(found, key=len) if found else []
    if is_typeddict(annotation) and isinstance(value, dict):
        if (getattr(annotation, "__pydantic_config__", None) or {}).get("extra") == "allow":
            return []  # e.g. a tool's input_schema: any JSON schema keyword may follow
        hints = typing.get_type_hints(annotation, include_extras=True)
        found = [f"{path}{key}" for key in value if key not in hints]
        for key, item in value.items():
            if key in hints:
                found.extend(unknown_keys(hints[key], item, f"{path}{key}."))
        return found
    if origin in (list, collections.abc.Iterable, collections.abc.Sequence) and isinstance(value, list):
        (item_type,) = typing.get_args(annotation) or (Any,)
        return [
            problem for index, item in enumerate(value) for problem in unknown_keys(item_type, item, f"{path}{index}.")
        ]
    return []


def _fits(annotation: Any, value: Any) -> bool:
    """Whether a Union arm is the one the value is (a TypedDict arm needs a dict; a literal `type` must match)."""
    annotation = _unwrap(annotation)
    if is_typeddict(annotation):
        if not isinstance(value, dict):
            return False
        hints = typing.get_type_hints(annotation, include_extras=True)
        kind = hints.get("type")
        literals = typing.get_args(_unwrap(kind)) if kind is not None else ()
        return not literals or value.get("type") in literals
    origin = typing.get_origin(annotation)
    if origin in (list, collections.abc.Iterable, collections.abc.Sequence):
        return isinstance(value, list)
    if origin in (dict, collections.abc.Mapping):
        return isinstance(value, dict)
    return not isinstance(value, (dict, list))


def _unwrap(annotation: Any) -> Any:
    while typing.get_origin(annotation) in (typing.Annotated, Required, NotRequired):
        annotation = typing.get_args(annotation)[0]
    return annotation


def _consume(value: Any) -> None:
    if isinstance(value, dict):
        for item in value.values():
            _consume(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _consume(item)
    elif isinstance(value, collections.abc.Iterator):
        for item in value:
            _consume(item)
