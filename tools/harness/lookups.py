"""KV store lookups for tools/search: the served app's KV store lookups filled from local files.

    tools/search --lookup llm_triage_assets=assets.csv --lookup llm_triage_identities=people.jsonl ...

NAME is a lookup the app defines in transforms.conf with `external_type = kvstore`; its `collection` is
filled (replacing what was there) with one document per row of FILE (.csv with a header row, or .jsonl),
as `| inputlookup FILE | outputlookup NAME` would in Splunk. A JSON array stays an array under its own
name (`category`, not the search-time name `category{}`), as the KV store keeps a multivalue field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tools.harness.inputs import INPUT_SUFFIXES, InputError, read_rows
from tools.harness.kvstore_standin import KvStoreService
from tools.harness.splunk_app import AppError, SplunkApp


def parse_lookup_option(text: str) -> tuple[str, Path]:
    """(lookup name, file) from `NAME=FILE`; InputError when it is not that shape."""
    name, sep, file = text.partition("=")
    if not sep or not name.strip() or not file.strip():
        raise InputError(f"--lookup {text!r}: give NAME=FILE, e.g. llm_triage_assets=assets.csv")
    path = Path(file.strip())
    if path.suffix.lower() not in INPUT_SUFFIXES or not path.is_file():
        raise InputError(f"--lookup {name.strip()}: {path} is not a .csv or .jsonl file")
    return name.strip(), path


def lookup_collection(app: SplunkApp, name: str) -> str:
    """The KV store collection behind lookup `name`; AppError when the app defines no such KV store lookup."""
    stanza = app.conf("transforms").get(name)
    if stanza is None or stanza.get("external_type", "").strip() != "kvstore":
        known = sorted(
            lookup
            for lookup, settings in app.conf("transforms").items()
            if settings.get("external_type", "").strip() == "kvstore"
        )
        raise AppError(f"--lookup {name}: not a KV store lookup of {app.name} (it has: {', '.join(known) or 'none'})")
    collection = stanza.get("collection", "").strip()
    if not collection:
        raise AppError(f"transforms.conf [{name}] names no collection")
    return collection


def fill_lookup(app: SplunkApp, kvstore: KvStoreService, name: str, path: Path) -> int:
    """Replace the documents of lookup `name`'s collection with the rows of `path`; how many."""
    collection = lookup_collection(app, name)
    documents: dict[str, dict[str, Any]] = {}
    for index, row in enumerate(read_rows(path)):
        key = f"{index:08d}"
        document: dict[str, Any] = {_field_name(name, row): value for name, value in row.items()}
        documents[key] = dict(document, _key=key, _user="nobody")
    kvstore.collections[collection] = documents
    return len(documents)


def _field_name(name: str, row: dict[str, Any]) -> str:
    bare = name[:-2] if name.endswith("{}") else name
    return bare if bare == name or bare not in row else name
