"""The built app and its tarball: right name and top folder, pure-Python only, libraries that run on 3.9 and 3.13."""

from __future__ import annotations

import email.parser
import json
import subprocess
import tarfile
from pathlib import Path

import pytest
from packaging.specifiers import SpecifierSet

from tests.prerequisites import missing
from tools.conf_spec import conf_stanzas

APP = "llm_triage"
SUPPORTED_PYTHONS = ("3.9", "3.13")
COMPILED_SUFFIXES = (".so", ".pyd", ".dll", ".dylib", ".exe", ".pyc", ".pyo")
# ELF, Windows PE, Mach-O (32/64-bit, both byte orders) and fat Mach-O: binaries whatever their name.
BINARY_MAGIC = (
    b"\x7fELF",
    b"MZ",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
)
# Modules the app's code imports from lib/ (splunklib.results pulls in deprecation and packaging).
RUNTIME_IMPORTS = (
    "import llm_triage, splunklib.client, splunklib.results, splunklib.searchcommands, solnlib.conf_manager"
)


def version(repo: Path) -> str:
    return str(json.loads((repo / "globalConfig.json").read_text(encoding="utf-8"))["meta"]["version"])


@pytest.fixture(scope="module")
def tarball(repo: Path) -> Path:
    """dist/llm_triage-<version>.tar.gz, the only file in dist/ (`make package`)."""
    dist = repo / "dist"
    if not dist.is_dir():
        missing("the app is not packaged: run `make package` first")
    assert sorted(p.name for p in dist.iterdir()) == [f"{APP}-{version(repo)}.tar.gz"]
    return dist / f"{APP}-{version(repo)}.tar.gz"


@pytest.fixture(scope="module")
def members(tarball: Path) -> dict[str, bytes]:
    """Every regular file in the tarball with its first bytes."""
    heads = {}
    with tarfile.open(tarball) as archive:
        for member in archive.getmembers():
            assert member.name == APP or member.name.startswith(f"{APP}/"), member.name
            assert member.isfile() or member.isdir(), f"{member.name}: links and devices do not belong in an app"
            if member.isfile():
                handle = archive.extractfile(member)
                assert handle is not None
                heads[member.name] = handle.read(4)
    return heads


def test_tarball_holds_the_app_under_its_id(members: dict[str, bytes]) -> None:
    for required in ("app.manifest", "default/app.conf", "default/commands.conf", "bin/llmtriage.py", "lib/llm_triage"):
        assert any(name == f"{APP}/{required}" or name.startswith(f"{APP}/{required}/") for name in members), required


def test_tarball_has_no_compiled_files(members: dict[str, bytes]) -> None:
    offending = [
        name
        for name, head in members.items()
        if name.endswith(COMPILED_SUFFIXES) or "/__pycache__/" in name or head.startswith(BINARY_MAGIC)
    ]
    assert offending == []


def dist_infos(built_app: Path) -> list[Path]:
    found = sorted((built_app / "lib").glob("*.dist-info"))
    assert found, "no libraries in lib/: did ucc-gen install package/lib/requirements.txt?"
    return found


def test_every_library_is_a_pure_python_wheel(built_app: Path) -> None:
    for info in dist_infos(built_app):
        wheel = email.parser.Parser().parsestr((info / "WHEEL").read_text(encoding="utf-8"))
        assert wheel["Root-Is-Purelib"] == "true", info.name
        assert all(tag.endswith("-none-any") for tag in wheel.get_all("Tag", [])), info.name


def test_every_library_supports_each_splunk_python(built_app: Path) -> None:
    for info in dist_infos(built_app):
        metadata = email.parser.Parser().parsestr((info / "METADATA").read_text(encoding="utf-8"))
        requires = SpecifierSet(metadata.get("Requires-Python") or "")
        assert all(requires.contains(python) for python in SUPPORTED_PYTHONS), f"{info.name}: {requires}"


@pytest.mark.parametrize("python_version,venv", [("3.9", ".venv39"), ("3.13", ".venv")])
def test_libraries_import_under_each_splunk_python(built_app: Path, repo: Path, python_version: str, venv: str) -> None:
    python = repo / venv / "bin" / "python"
    if not python.exists():
        missing(f"{venv} is absent: run `make venv`")
    code = f"import sys; sys.path.insert(0, sys.argv[1]); {RUNTIME_IMPORTS}; print(sys.version_info[:2])"
    done = subprocess.run([str(python), "-c", code, str(built_app / "lib")], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(tuple(int(part) for part in python_version.split(".")))


def test_built_version_is_the_one_in_global_config(built_app: Path, repo: Path) -> None:
    app_conf = conf_stanzas((built_app / "default" / "app.conf").read_text(encoding="utf-8"))
    manifest = json.loads((built_app / "app.manifest").read_text(encoding="utf-8"))
    assert app_conf["launcher"]["version"] == app_conf["id"]["version"] == version(repo)
    assert manifest["info"]["id"]["version"] == version(repo)


def test_source_app_conf_reaches_the_built_app_unchanged(built_app: Path, repo: Path) -> None:
    # ucc-gen's generated values win over package/default/app.conf; a difference means the two disagree.
    source = conf_stanzas((repo / "package" / "default" / "app.conf").read_text(encoding="utf-8"))
    built = conf_stanzas((built_app / "default" / "app.conf").read_text(encoding="utf-8"))
    for stanza, settings in source.items():
        for key, value in settings.items():
            assert built.get(stanza, {}).get(key) == value, f"[{stanza}] {key}"
