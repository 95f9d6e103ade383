"""The app's build sources: globalConfig.json, app.manifest and the icons."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import pytest

# The newest globalConfig schema migration ucc-gen 6.6.0 knows; an older one makes every build rewrite the file.
UCC_SCHEMA_VERSION = "0.0.10"
ICON_SIZES = {"appIcon.png": 36, "appIconAlt.png": 36, "appIcon_2x.png": 72, "appIconAlt_2x.png": 72}


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_global_config_is_written_the_way_ucc_gen_writes_it(repo: Path) -> None:
    # ucc-gen dumps the file back after every build (json.dump, indent 4, ensure_ascii off, final newline):
    # in that form the rewrite changes nothing and the git tree stays clean.
    text = (repo / "globalConfig.json").read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=4) + "\n"


def test_global_config_meta(repo: Path) -> None:
    meta = load(repo / "globalConfig.json")["meta"]
    assert meta["name"] == meta["restRoot"] == "llm_triage"
    assert meta["displayName"] == "LLM Triage"
    assert meta["schemaVersion"] == UCC_SCHEMA_VERSION
    assert meta["checkForUpdates"] is False  # no call home at build or run time
    assert meta["supportedPythonVersion"] == ["3.9", "3.13"]


def test_manifest_agrees_with_global_config(repo: Path) -> None:
    meta = load(repo / "globalConfig.json")["meta"]
    manifest = load(repo / "package" / "app.manifest")
    assert manifest["schemaVersion"] == "2.0.0"
    assert manifest["info"]["id"]["name"] == meta["name"]
    assert manifest["info"]["id"]["version"] == meta["version"]
    assert manifest["info"]["title"] == meta["displayName"]
    assert "_search_head_clustering" in manifest["supportedDeployments"]
    assert manifest["targetWorkloads"] == ["_search_heads"]


@pytest.mark.parametrize("name,size", sorted(ICON_SIZES.items()))
def test_icon_is_a_png_of_its_size(repo: Path, name: str, size: int) -> None:
    data = (repo / "package" / "static" / name).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    assert struct.unpack(">II", data[16:24]) == (size, size)
