"""bin/'s entry points share one helper (llm_triage_bin): each imports in a fresh interpreter as splunkd
starts it, finds the package and splunklib through it, and puts the app's lib/ on the path only once."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

# Imported under Splunk only: the setup page's handlers need Splunk's private `splunk` package.
SPLUNK_ONLY = {"llm_triage_provider_check", "llm_triage_enrichment_check"}


def entry_points(built_app: Path) -> list[str]:
    """The app's own scripts as built (not those ucc-gen writes, which set their path up themselves)."""
    source = {path.stem for path in (REPO / "package" / "bin").glob("*.py")}
    return sorted(path.stem for path in (built_app / "bin").glob("*.py") if path.stem in source - SPLUNK_ONLY)


def test_every_entry_point_imports_through_the_one_helper(built_app: Path, tmp_path: Path) -> None:
    names = entry_points(built_app)
    assert "llmtriage" in names and "llm_triage_rest" in names
    probe = (
        "import json, os, sys\n"
        f"sys.path.insert(0, {str(built_app / 'bin')!r})\n"
        f"names = {names!r}\n"
        "for name in names:\n"
        "    __import__(name)\n"
        f"lib = os.path.normpath({str(built_app / 'lib')!r})\n"
        "print(json.dumps([os.path.normpath(p) for p in sys.path].count(lib)))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == 1  # every script imported, lib/ on the path once


@pytest.mark.parametrize("script", ["llm_triage_rest", "llm_triage_routing_rest"])
def test_a_persistent_handler_loaded_by_its_path_finds_the_helper(built_app: Path, tmp_path: Path, script: str) -> None:
    # splunkd's persistent-handler server loads the file by its path, bin/ not on the path.
    probe = (
        "import importlib.util\n"
        f"spec = importlib.util.spec_from_file_location('handler', {str(built_app / 'bin' / (script + '.py'))!r})\n"
        "module = importlib.util.module_from_spec(spec)\n"
        "spec.loader.exec_module(module)\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr
