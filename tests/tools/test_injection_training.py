"""The training tool names the commit whose code trained the shipped weights (`TRAINED_AT`), which `--check`
runs to reproduce them; the full check trains twice (minutes), so the suite checks only what it relies on."""

import subprocess

import pytest

import tools.injection_training.__main__ as training
from tools.injection_training.__main__ import OUTPUT, REPO, TRAINED_AT


def git(*args: str) -> "subprocess.CompletedProcess[bytes]":
    return subprocess.run(["git", "-C", str(REPO), *args], capture_output=True)


def test_the_commit_named_as_the_trainer_is_the_one_that_shipped_the_weights() -> None:
    if git("rev-parse", "--is-shallow-repository").stdout.strip() != b"false":
        pytest.skip("no whole history here (a shallow clone or an export): --check cannot reproduce the weights either")
    shipped = git("log", "-1", "--format=%H", "--", OUTPUT.relative_to(REPO).as_posix())
    assert shipped.stdout.decode().strip() == TRAINED_AT  # a later commit also holds the file, and trained nothing


def test_the_check_reads_only_weights_the_trainers_code_wrote(monkeypatch: pytest.MonkeyPatch) -> None:
    # Fourteenth review, L3 and L4: the checkout held the shipped file, so a training that wrote nothing passed,
    # and a PYTHONPATH could make the child import this checkout and overwrite the shipped file.
    ran: list[list[str]] = []
    real = subprocess.run

    def child(command: list[str], **options: object) -> object:
        if command[0] == "git":
            return real(command, **options)  # type: ignore[call-overload]
        ran.append(command)
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(training.subprocess, "run", child)
    with pytest.raises(FileNotFoundError):
        training.trained_at(TRAINED_AT)
    [command] = ran
    assert command[1] == "-I" and command[2].endswith("tools/injection_training/__main__.py")
    assert not command[2].startswith(str(REPO) + "/tools")
