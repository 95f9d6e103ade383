"""Splunk .conf files: parsing one, layering default/ and local/, and the `[default]` stanza's inheritance."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

Stanzas = dict[str, dict[str, str]]
"""A conf file: stanza name -> {key: value}."""

DEFAULT_STANZA = "default"
_TRUE = frozenset({"1", "true", "t", "yes", "y"})


def parse_conf(text: str) -> Stanzas:
    """The stanzas of one .conf file.

    Keys before the first stanza header belong to `[default]`, as in Splunk. `#` starts a comment line, a
    trailing backslash continues a value on the next line, and lines without `=` are ignored (splunkd warns
    about them and goes on).
    """
    stanzas: Stanzas = {}
    current = DEFAULT_STANZA
    for line in _logical_lines(text):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("[") and stripped.endswith("]"):
            current = stripped[1:-1]
            stanzas.setdefault(current, {})
            continue
        key, equals, value = stripped.partition("=")
        if equals:
            stanzas.setdefault(current, {})[key.strip()] = value.strip()
    return stanzas


def _logical_lines(text: str) -> Iterable[str]:
    pending = ""
    for line in text.splitlines():
        if line.endswith("\\"):
            pending += line[:-1] + "\n"
            continue
        yield pending + line
        pending = ""
    if pending:
        yield pending


def layer(*layers: Mapping[str, Mapping[str, str]]) -> Stanzas:
    """Later layers win key by key, as local/ wins over default/."""
    merged: Stanzas = {}
    for stanzas in layers:
        for name, keys in stanzas.items():
            merged.setdefault(name, {}).update(keys)
    return merged


def with_default_inheritance(stanzas: Mapping[str, Mapping[str, str]]) -> Stanzas:
    """Every stanza with the `[default]` keys it does not set itself: what splunkd's REST API shows."""
    inherited = stanzas.get(DEFAULT_STANZA, {})
    return {name: {**inherited, **keys} for name, keys in stanzas.items()}


def is_true(value: str) -> bool:
    """Splunk's boolean spelling: 1/0, true/false, t/f, yes/no, y/n."""
    return value.strip().lower() in _TRUE
