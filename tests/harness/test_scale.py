"""tools/search at scale: throughput through a splunklib command, and memory that does not grow with rows.

The 100,000-row run is marked slow (a few seconds). The 1,000,000-row comparison takes about a minute and
runs only with HARNESS_MILLION_ROWS=1 in the environment. Both print their numbers (pytest -s shows them).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tools.harness.splunk_app import SplunkApp

pytestmark = pytest.mark.slow


def write_alert_rows(path: Path, count: int) -> None:
    """A CSV of `count` alert-like rows (7 fields, one multibyte)."""
    with path.open("w", encoding="utf-8", newline="") as file:
        file.write("_time,user,src,dest,action,signature,message\n")
        for number in range(count):
            file.write(
                f"1599171244.{number % 1000:03d},user{number % 97},10.0.{number % 256}.{number % 200},srv-01,"
                f'{"blocked" if number % 3 else "allowed"},Suspicious login ทt,"row {number} ""quoted"" text"\n'
            )


class Measured:
    """One tools/search run: wall time, peak RSS of the tools/search process itself, output rows."""

    def __init__(self, search_script: Path, app: SplunkApp, rows_file: Path, output: Path) -> None:
        command = [sys.executable, str(search_script), "--app", str(app.path), str(rows_file), "noop"]
        peak_kib = 0
        started = time.monotonic()
        with output.open("wb") as out:
            process = subprocess.Popen(command, stdout=out, stderr=subprocess.PIPE)
            stderr_lines: list[bytes] = []
            drain = threading.Thread(target=lambda: stderr_lines.extend(process.stderr or []), daemon=True)
            drain.start()
            while process.poll() is None:
                peak_kib = max(peak_kib, _high_water_mark_kib(process.pid))
                time.sleep(0.02)
            drain.join()
        self.seconds = time.monotonic() - started
        self.status = process.returncode
        self.stderr = b"".join(stderr_lines).decode("utf-8", errors="replace")
        self.peak_mib = peak_kib / 1024


def _high_water_mark_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass  # the process ended between poll() and the read
    return 0


def _check_output(output: Path, count: int) -> None:
    with output.open(encoding="utf-8") as file:
        header = file.readline()
        assert header == "_time,user,src,dest,action,signature,message\n"
        seen = 0
        for line in file:
            assert line.startswith(f"1599171244.{seen % 1000:03d},user{seen % 97},"), line
            seen += 1
    assert seen == count


@pytest.fixture(scope="module")
def search_script(repo: Path) -> Path:
    return repo / "tools" / "search"


def test_100k_rows_through_a_splunklib_command(search_script: Path, fixture_app: SplunkApp, tmp_path: Path) -> None:
    rows_file, output = tmp_path / "rows.csv", tmp_path / "out.csv"
    write_alert_rows(rows_file, 100_000)
    run = Measured(search_script, fixture_app, rows_file, output)
    assert run.status == 0, run.stderr
    _check_output(output, 100_000)
    print(f"\n100,000 rows: {run.seconds:.2f} s, {100_000 / run.seconds:,.0f} rows/s, peak RSS {run.peak_mib:.0f} MiB")
    assert 100_000 / run.seconds > 5_000


@pytest.mark.skipif(os.environ.get("HARNESS_MILLION_ROWS") != "1", reason="set HARNESS_MILLION_ROWS=1 to run")
def test_memory_does_not_grow_from_100k_to_1m_rows(search_script: Path, fixture_app: SplunkApp, tmp_path: Path) -> None:
    peaks = {}
    for count in (100_000, 1_000_000):
        rows_file, output = tmp_path / f"rows{count}.csv", tmp_path / f"out{count}.csv"
        write_alert_rows(rows_file, count)
        run = Measured(search_script, fixture_app, rows_file, output)
        assert run.status == 0, run.stderr
        _check_output(output, count)
        peaks[count] = run.peak_mib
        print(
            f"\n{count:,} rows: {run.seconds:.1f} s, {count / run.seconds:,.0f} rows/s, peak RSS {run.peak_mib:.0f} MiB"
        )
        rows_file.unlink()
        output.unlink()
    assert peaks[1_000_000] < peaks[100_000] * 1.25 + 8
