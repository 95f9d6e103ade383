"""tools/sample_lookup.py: the shipped sample-alerts lookup stays in step with samples/alerts.jsonl, holds
nothing but documentation addresses and example identities, and a dry run reads it as it reads the samples."""

import csv
import io
import ipaddress
import json
import re
from pathlib import Path

from tools.harness import cli
from tools.harness.inputs import read_jsonl_rows
from tools.harness.splunk_conf import parse_conf
from tools.sample_lookup import LOOKUP_FILE, LOOKUP_NAME, MULTIVALUE_SEPARATOR, SAMPLES, main, render_lookup

# The two phishing samples are about look-alike sender domains (rn for m, 1 for l); every other address
# must sit under a name reserved for documentation (RFC 2606, RFC 6761).
LOOKALIKE_DOMAINS = {"exarnple.com", "invoices-examp1e.com"}
RESERVED_DOMAIN = re.compile(r"(^|\.)(example\.(com|net|org)|example)$")
# Documentation ranges (RFC 5737), and the private range (RFC 1918) the samples give internal hosts.
SAFE_NETWORKS = [
    ipaddress.ip_network(net) for net in ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "10.0.0.0/8")
]
IPV4 = re.compile(r"(?<![\w./])(\d{1,3}(?:\.\d{1,3}){3})(?![\w.])")
EMAIL_DOMAIN = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")
AWS_KEY_ID = re.compile(r"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b")


def committed_rows() -> list[dict[str, str]]:
    with LOOKUP_FILE.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_the_committed_lookup_is_what_the_tool_writes_from_the_samples():
    assert LOOKUP_FILE.read_text(encoding="utf-8") == render_lookup(), "run python -m tools.sample_lookup"
    assert main(["--check"]) == 0


def test_the_check_fails_on_a_stale_lookup(tmp_path, monkeypatch, capsys):
    stale = tmp_path / "stale.csv"
    stale.write_text(render_lookup().replace("critical", "low", 1), encoding="utf-8")
    monkeypatch.setattr("tools.sample_lookup.LOOKUP_FILE", stale)
    monkeypatch.setattr("tools.sample_lookup.REPO", tmp_path)
    assert main(["--check"]) == 1
    assert "stale" in capsys.readouterr().err


def test_each_row_is_one_sample_in_order_with_multivalue_fields_one_value_a_line():
    samples = list(read_jsonl_rows(SAMPLES))
    rows = committed_rows()
    assert len(rows) == len(samples) == 14
    assert next(iter(rows[0])) == "_time"
    for row, sample in zip(rows, samples):
        filled = {name: value for name, value in row.items() if value}
        expected = {
            name: MULTIVALUE_SEPARATOR.join(value) if isinstance(value, list) else value
            for name, value in sample.items()
        }
        assert filled == expected


def test_the_lookup_is_defined_and_shipped(built_app):
    transforms = (Path(built_app) / "default" / "transforms.conf").read_text(encoding="utf-8")
    stanza = parse_conf(transforms)[LOOKUP_NAME]
    assert stanza["filename"] == LOOKUP_FILE.name
    assert (Path(built_app) / "lookups" / LOOKUP_FILE.name).read_bytes() == LOOKUP_FILE.read_bytes()


def test_addresses_are_documentation_ranges_and_identities_example_domains():
    text = LOOKUP_FILE.read_text(encoding="utf-8")
    addresses = {ipaddress.ip_address(found) for found in IPV4.findall(text)}
    assert addresses, "the pattern finds the samples' addresses"
    strays = {str(a) for a in addresses if not a.is_loopback and not any(a in net for net in SAFE_NETWORKS)}
    assert not strays
    domains = {found.lower() for found in EMAIL_DOMAIN.findall(text)}
    assert domains, "the pattern finds the samples' e-mail addresses"
    others = {d for d in domains if not RESERVED_DOMAIN.search(d)}
    assert all(any(d == name or d.endswith("." + name) for name in LOOKALIKE_DOMAINS) for d in others), others
    assert all("EXAMPLE" in key for key in AWS_KEY_ID.findall(text))


def test_the_address_checks_would_catch_a_real_address_and_domain():
    assert IPV4.findall("src=8.8.8.8 ua=Chrome/130.0.0.0") == ["8.8.8.8"]
    assert not any(ipaddress.ip_address("8.8.8.8") in net for net in SAFE_NETWORKS)
    assert not RESERVED_DOMAIN.search("gmail.com") and RESERVED_DOMAIN.search("mail.vendor-updates.example")
    assert AWS_KEY_ID.findall("key AKIAIOSFODNN7EXAMPLX") == ["AKIAIOSFODNN7EXAMPLX"]


def test_the_apps_secret_catalogue_masks_nothing_in_the_lookup():
    from llm_triage.trust.redaction import redact_evidence

    for row in committed_rows():
        for name, value in row.items():
            assert redact_evidence(value, name) == value, name


def dryrun(built_app: Path, source: Path) -> list[dict]:
    out = io.StringIO()
    status = cli.main([str(source), "llmtriage dryrun=true", "--app", str(built_app), "--json"], stdout=out)
    assert status == 0
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_a_dry_run_over_the_lookup_sends_what_it_sends_for_the_samples(built_app):
    from_lookup = dryrun(built_app, Path(built_app) / "lookups" / LOOKUP_FILE.name)
    from_samples = dryrun(built_app, SAMPLES)
    assert [row["alert_name"] for row in from_lookup] == [row["alert_name"] for row in from_samples]
    assert {row["triage_status"] for row in from_lookup} == {"dryrun"}
    joined = 0
    for lookup_row, sample_row in zip(from_lookup, from_samples):
        lookup_bundle = json.loads(lookup_row["triage_bundle"])
        sample_bundle = json.loads(sample_row["triage_bundle"])
        for lookup_event, sample_event in zip(lookup_bundle.pop("events"), sample_bundle.pop("events")):
            for name, value in sample_event["fields"].items():
                if isinstance(value, list):  # one cell, a value a line, in the lookup
                    sample_event["fields"][name] = MULTIVALUE_SEPARATOR.join(value)
                    joined += 1
            assert lookup_event["fields"] == sample_event["fields"]
        assert lookup_bundle == sample_bundle
    assert joined == 4  # the two e-mail alerts' attachment names and hashes
