"""Checkpoints of the modular inputs: one small JSON file per input stanza in splunkd's checkpoint_dir.

splunkd hands every run of an input its `checkpoint_dir` (`$SPLUNK_DB/modinputs/<scheme>`), which survives
restarts and belongs to that input alone. A checkpoint is written whole to a temporary file, flushed and
renamed over the old one, so a crash leaves the old checkpoint or the new one, never half of either.
Callers write it only after the work it records is done (events written, dispositions filed).
"""

import hashlib
import json
import os
import re
import tempfile
from typing import Any


class CheckpointError(Exception):
    """The checkpoint could not be read or written; the message says why."""


class Checkpoint:
    """The checkpoint of one input stanza (`llm_triage_canary://daily`) in `directory`."""

    def __init__(self, directory: str, stanza: str):
        readable = re.sub(r"[^A-Za-z0-9_.-]+", "_", stanza.split("://", 1)[-1])[:64]
        digest = hashlib.sha256(stanza.encode("utf-8")).hexdigest()[:12]
        self.directory = directory
        self.path = os.path.join(directory, f"{readable}-{digest}.json")

    def load(self) -> dict[str, Any]:
        """What was saved last; empty when nothing was (a first run). CheckpointError when unreadable."""
        try:
            with open(self.path, encoding="utf-8") as file:
                data = json.load(file)
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise CheckpointError(f"checkpoint {self.path} is unreadable ({exc.__class__.__name__})") from None
        if not isinstance(data, dict):
            raise CheckpointError(f"checkpoint {self.path} is not a JSON object")
        return data

    def save(self, data: dict[str, Any]) -> None:
        """Replace the checkpoint with `data`, atomically."""
        try:
            os.makedirs(self.directory, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".checkpoint-", dir=self.directory)
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as file:
                    json.dump(data, file, sort_keys=True)
                    file.flush()
                    os.fsync(file.fileno())
                os.replace(temporary, self.path)
            except BaseException:
                if os.path.exists(temporary):
                    os.unlink(temporary)
                raise
        except OSError as exc:
            raise CheckpointError(f"cannot write checkpoint {self.path} ({exc.__class__.__name__})") from None
