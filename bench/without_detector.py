"""The built app's `llmtriage` with the injection detector replaced by one that finds nothing.

`bench_detector_share` runs this beside the command as built, on the same rows, to measure what the
detector costs `dryrun`: splunkd starts a command as `python <script>` with no arguments, so the script it
stands in for comes in LLM_TRIAGE_BENCH_SCRIPT. Benchmarks only: the app has no way to turn the detector off.
"""

import os
import runpy
import sys

SCRIPT = os.environ["LLM_TRIAGE_BENCH_SCRIPT"]
BIN = os.path.dirname(SCRIPT)
sys.path.insert(0, BIN)  # as when splunkd starts the script itself: its bin/ first
sys.argv[0] = SCRIPT

import llm_triage_bin  # noqa: E402, F401 (puts the app's lib/ on the path)

import llm_triage.search.triage as triage  # noqa: E402

# The command reads the name it imported, so the replacement is made before the script imports it.
triage.injection_labels = lambda row: []
runpy.run_path(SCRIPT, run_name="__main__")
