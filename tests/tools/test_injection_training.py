"""The training tool names the commit whose code trained the shipped weights (`TRAINED_AT`), which `--check`
runs to reproduce them; the full check trains twice (minutes), so the suite checks only what it relies on."""

import subprocess

import pytest

from tools.injection_training.__main__ import OUTPUT, REPO, TRAINED_AT


def git(*args: str) -> "subprocess.CompletedProcess[bytes]":
    return subprocess.run(["git", "-C", str(REPO), *args], capture_output=True)


def test_the_commit_named_as_the_trainer_shipped_the_weights_shipped_today() -> None:
    if git("rev-parse", "--is-shallow-repository").stdout.strip() != b"false":
        pytest.skip("no whole history here (a shallow clone or an export): --check cannot reproduce the weights either")
    shipped = git("show", f"{TRAINED_AT}:{OUTPUT.relative_to(REPO).as_posix()}")
    assert shipped.returncode == 0, shipped.stderr
    assert shipped.stdout == OUTPUT.read_bytes()
