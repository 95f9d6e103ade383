"""`tools/search`: run a pipeline of the app's search commands on a .csv or .jsonl file, without Splunk.

    tools/search [--app output/llm_triage] [--python PY] [--config FILE]
                 [--provider-url URL [--provider-model M] [--provider-name NAME] [--api-key-env VAR]]
                 [--role ROLE] [--search-results FILE] [--search-log FILE]
                 [--json] [--chunk-rows N] INPUT 'llmtriage dryrun=true'

Searches the commands run through splunkd's search API (oneshot jobs) are answered from
`--search-results` (see tools/harness/search_api_standin.py) and logged to `--search-log`.

Exit status: 0 when every command finished cleanly; 1 when a command failed (died, broke the protocol,
reported a fatal error or exited non-zero; the rows it returned before are still printed); 2 when the
command line, the app, the config or the input cannot be used.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from tools.harness.app_endpoints import role_capabilities, serve_app
from tools.harness.command_process import CommandFailed
from tools.harness.inputs import INPUT_SUFFIXES, InputError, read_rows
from tools.harness.lookups import fill_lookup, lookup_collection, parse_lookup_option
from tools.harness.outputs import CsvWriter, JsonLinesWriter
from tools.harness.pipeline import DEFAULT_CHUNK_ROWS, run_search, stages_for
from tools.harness.redaction import Redactor
from tools.harness.search_api_standin import SearchApiService, load_search_results, open_search_log
from tools.harness.spl import SplError
from tools.harness.splunk_app import AppError, SplunkApp
from tools.harness.splunkd_standin import SplunkdStandIn
from tools.harness.standin_config import (
    QUICK_PROVIDER,
    StandInConfigError,
    apply_config_file,
    apply_provider_options,
    content_for_app,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_APP = REPO_ROOT / "output" / "llm_triage"
EXIT_OK, EXIT_COMMAND_FAILED, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    """The command line of tools/search."""
    parser = argparse.ArgumentParser(
        prog="tools/search",
        description=(
            "Run a pipeline of the app's custom search commands on rows from a .csv or .jsonl file, through "
            "the real chunked protocol (SCP v2), with a loopback stand-in for splunkd's configuration and "
            "secret storage. Rows go to stdout; the commands' messages and stderr go to stderr."
        ),
    )
    parser.add_argument("input", metavar="INPUT", type=Path, help="a .csv file (header row) or .jsonl file")
    parser.add_argument("spl", metavar="SPL", help="the pipeline, e.g. 'llmtriage dryrun=true'")
    parser.add_argument(
        "--app",
        type=Path,
        default=DEFAULT_APP,
        metavar="DIR",
        help="the built app (default: output/llm_triage in the repository)",
    )
    parser.add_argument(
        "--python", default=sys.executable, metavar="PY", help="interpreter that runs the commands (default: this one)"
    )
    parser.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="INI file: [conf-<file>/<stanza>] stanzas and [password:<realm>:<user>] secrets",
    )
    parser.add_argument(
        "--provider-url",
        metavar="URL",
        help="configure an OpenAI-compatible provider (named by --provider-name) at this base URL, as the default",
    )
    parser.add_argument("--provider-model", metavar="M", help="model name for --provider-url (default: local-model)")
    parser.add_argument(
        "--provider-name",
        default=QUICK_PROVIDER,
        metavar="NAME",
        help=f"stanza name of the --provider-url provider and its key (default: {QUICK_PROVIDER})",
    )
    parser.add_argument(
        "--api-key-env", metavar="VAR", help="store the value of environment variable VAR as that provider's API key"
    )
    parser.add_argument(
        "--role",
        metavar="ROLE",
        help="run the search as a user holding only what the app's authorize.conf grants ROLE "
        "(e.g. llm_triage_analyst: no list_storage_passwords); default: admin",
    )
    parser.add_argument(
        "--lookup",
        action="append",
        default=[],
        metavar="NAME=FILE",
        help="fill the app's KV store lookup NAME (e.g. llm_triage_assets) from a .csv or .jsonl file; repeatable",
    )
    parser.add_argument(
        "--search-results",
        type=Path,
        metavar="FILE",
        help='answer the searches commands run through splunkd\'s search API from JSON lines {"match": '
        '"<part of the SPL>", "results": [rows]} (optional "delay": seconds, "error": "<splunkd message>"); '
        "the first line whose match occurs in the search answers it, none: zero results",
    )
    parser.add_argument(
        "--search-log",
        type=Path,
        metavar="FILE",
        help='append one JSON line per search dispatched: {"search", "earliest_time", "latest_time", "user"}',
    )
    parser.add_argument("--json", action="store_true", help="print JSON lines instead of CSV")
    parser.add_argument(
        "--chunk-rows",
        type=_positive_int,
        default=DEFAULT_CHUNK_ROWS,
        metavar="N",
        help=f"rows per execute chunk (default {DEFAULT_CHUNK_ROWS}, what splunkd typically sends)",
    )
    return parser


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("must be a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None) -> int:
    """Run tools/search; returns the exit status."""
    options = build_parser().parse_args(argv)
    redactor = Redactor()
    try:
        return _run(options, redactor, stdout or _utf8_stdout())
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`| head`): stop quietly, as other command-line tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_COMMAND_FAILED
    except Exception:
        _error(redactor, "internal error:\n" + traceback.format_exc())
        return EXIT_COMMAND_FAILED


def _run(options: argparse.Namespace, redactor: Redactor, stdout: TextIO) -> int:
    try:
        app = SplunkApp(options.app.resolve())
        stages_for(app, options.spl)
        content = content_for_app(app)
        hidden = set()
        if options.config is not None:
            hidden |= apply_config_file(content, options.config, os.environ)
        hidden |= apply_provider_options(
            content,
            options.provider_url,
            options.provider_model,
            options.api_key_env,
            os.environ,
            name=options.provider_name,
        )
        _check_input(options.input)
        capabilities = role_capabilities(app, options.role) if options.role else None
        lookups = [parse_lookup_option(text) for text in options.lookup]
        answers = load_search_results(options.search_results) if options.search_results is not None else []
        search_log = open_search_log(options.search_log) if options.search_log is not None else None
        for name, _ in lookups:
            lookup_collection(app, name)
    except (AppError, SplError, StandInConfigError, InputError) as error:
        _error(redactor, str(error))
        return EXIT_USAGE
    for secret in content.secret_values():
        redactor.add(secret)

    writer: CsvWriter | JsonLinesWriter = JsonLinesWriter(stdout) if options.json else CsvWriter(stdout)
    status = EXIT_OK
    with SplunkdStandIn(content) as standin:
        services = serve_app(standin, app)
        standin.add_service(SearchApiService(answers, log_path=search_log))
        for name, path in lookups:
            try:
                fill_lookup(app, services.kvstore, name, path)
            except InputError as error:
                _error(redactor, str(error))
                return EXIT_USAGE
        username = f"{options.role}_user" if options.role else "admin"
        session_key = standin.add_user(username, capabilities) if options.role else None
        try:
            for row in run_search(
                read_rows(options.input),
                options.spl,
                app,
                standin,
                python=options.python,
                chunk_rows=options.chunk_rows,
                redactor=redactor,
                hidden_variables=hidden,
                username=username,
                session_key=session_key,
            ):
                writer.write(row)
        except CommandFailed as error:
            _error(redactor, str(error))
            status = EXIT_COMMAND_FAILED
        except InputError as error:
            _error(redactor, str(error))
            status = EXIT_USAGE
        finally:
            writer.finish()
    if redactor.leaks:
        _error(redactor, f"a command wrote a secret into its {', '.join(redactor.leaks)} (masked above)")
        status = EXIT_COMMAND_FAILED
    return status


def _check_input(path: Path) -> None:
    if path.suffix.lower() not in INPUT_SUFFIXES:
        raise InputError(f"{path}: input must be a .csv or .jsonl file")
    if not path.is_file():
        raise InputError(f"{path}: no such file")


def _utf8_stdout() -> TextIO:
    stream = sys.stdout
    if isinstance(stream, io.TextIOWrapper):
        # Rows are UTF-8 whatever the locale says, and CSV writes its own line ends.
        stream.reconfigure(encoding="utf-8", newline="")
    return stream


def _error(redactor: Redactor, message: str) -> None:
    print(f"tools/search: {redactor.text(message)}", file=sys.stderr, flush=True)
