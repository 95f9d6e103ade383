#!/usr/bin/env python3
"""Interleaved attack chains in benign noise, with ground truth, to measure `llmcluster`'s pre-clustering.

Each seed makes one day of alerts from a company of a few hundred people: several attack chains of three
kinds, each with its own victims and attacker infrastructure,

- phishing: a lure mail to the victim, MFA pushes and a sign-in from the attacker's address, an inbox
  forwarding rule made from that address;
- cloud key theft: an access key created for an IAM user from a strange address, then GetCallerIdentity,
  ListBuckets and GetObject calls with the new key;
- lateral movement: credential dumping on a workstation, PsExec to a second host with the same account,
  a new service there, then a connection to a server;

and benign alerts around them that share what real ones share: the office proxy address behind most
sign-ins, `SYSTEM`, the backup service account and `powershell.exe` on endpoint alerts on any
host, the CI role's key in CloudTrail, the AWS
account, newsletters to everyone, and now and then a victim's own benign alert on the same day (which a
clusterer is right to put near the chain: it is counted as noise absorbed, not as a merge of chains).

The truth is in each row's `truth` field (a chain id, or `noise-<n>`), which no profile keeps as evidence.

    python tools/attack_chains.py --seeds 20              # split / merge counts and pairwise P/R
    python tools/attack_chains.py --seed 3 --write day.jsonl   # one day, for tools/search
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "package" / "lib"))

from llm_triage.evidence.profiles import select_profile  # noqa: E402
from llm_triage.stories.clustering import ClusterSettings, alert_of, cluster_alerts  # noqa: E402

DAY_START = 1764028800  # 2025-11-25T00:00:00Z
DAY = 86400
PROXY = "10.0.0.1"
ACCOUNT = "111122223333"
CI_ARN = "arn:aws:sts::111122223333:assumed-role/ci-deploy/gh-actions"
CI_KEY = "ASIACIDEPLOY0000000"

Row = dict[str, Any]


@dataclass(frozen=True)
class Day:
    """One generated day: its rows (time order) and its chains' ids."""

    rows: list[Row]
    chains: list[str]


def generate(seed: int, chains_per_kind: int = 3, noise: int = 400) -> Day:
    """One day of alerts for `seed`: `chains_per_kind` chains of each kind among `noise` benign alerts."""
    rng = random.Random(seed)
    people = [f"{first}.{last}" for first in _FIRST for last in _LAST]
    rng.shuffle(people)
    victims = iter(people[: 3 * chains_per_kind])
    bystanders = people[3 * chains_per_kind :]
    hosts = [f"ws{number:03d}" for number in rng.sample(range(1, 600), 300)]
    rows: list[Row] = []
    chains: list[str] = []
    for kind, make in (("phish", _phishing), ("cloud", _cloud_key_theft), ("lateral", _lateral_movement)):
        for number in range(chains_per_kind):
            chain = f"{kind}-{number}"
            chains.append(chain)
            start = DAY_START + rng.uniform(0, DAY - 4 * 3600)
            rows.extend(dict(row, truth=chain) for row in make(rng, start, next(victims), hosts))
    victim_names = [str(row["actor.alternateId"]) for row in rows if row.get("actor.alternateId")]
    for number in range(noise):
        row = _noise(rng, bystanders, hosts, victim_names)
        rows.append(dict(row, truth=f"noise-{number}"))
    rows.sort(key=lambda row: (float(row["_time"]), row["truth"]))
    return Day(rows=rows, chains=chains)


def _t(value: float) -> str:
    return f"{value:.3f}"


def _ext_ip(rng: random.Random) -> str:
    return (
        f"{rng.choice((45, 91, 103, 185, 193))}.{rng.randrange(1, 255)}.{rng.randrange(1, 255)}.{rng.randrange(1, 255)}"
    )


def _phishing(rng: random.Random, start: float, victim: str, hosts: Sequence[str]) -> list[Row]:
    address = f"{victim}@corp.example"
    sender = f"it-support@{rng.choice(['c0rp', 'corp-helpdesk', 'corp-sso'])}-{rng.randrange(100, 999)}.com"
    attacker = _ext_ip(rng)
    at = start
    rows = [
        {
            "_time": _t(at),
            "sourcetype": "pps_messagelog",
            "rule_name": "Phishing: credential lure delivered",
            "sender": sender,
            "recipient": address,
            "senderIP": _ext_ip(rng),
            "subject": "Password expires today",
            "messageID": f"<{rng.getrandbits(48):x}@mail.{sender.split('@')[1]}>",
        }
    ]
    at += rng.uniform(600, 3600)
    for _ in range(rng.randint(1, 3)):
        at += rng.uniform(20, 120)
        rows.append(_okta(at, address, attacker, "system.push.send_factor_verify_push", "MFA push spam"))
    at += rng.uniform(30, 300)
    rows.append(_okta(at, address, attacker, "user.session.start", "Sign-in from a new country"))
    at += rng.uniform(300, 1800)
    rows.append(
        {
            "_time": _t(at),
            "sourcetype": "o365:management:activity",
            "rule_name": "Suspicious inbox forwarding rule",
            "user": address,
            "src": attacker,
            "Operation": "New-InboxRule",
            "signature": "ForwardTo external",
        }
    )
    return rows


def _okta(at: float, user: str, address: str, event: str, rule: str) -> Row:
    return {
        "_time": _t(at),
        "sourcetype": "OktaIM2:log",
        "rule_name": rule,
        "eventType": event,
        "actor.alternateId": user,
        "client.ipAddress": address,
        "outcome.result": "SUCCESS",
    }


def _cloud_key_theft(rng: random.Random, start: float, victim: str, hosts: Sequence[str]) -> list[Row]:
    arn = f"arn:aws:iam::{ACCOUNT}:user/{victim}"
    old_key = "AKIA" + "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(16))
    new_key = "AKIA" + "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(16))
    attacker = _ext_ip(rng)
    at = start
    rows = [_trail(at, "CreateAccessKey", arn, old_key, attacker, "IAM access key created from a new address")]
    for event, rule in (
        ("GetCallerIdentity", "Reconnaissance with a new access key"),
        ("ListBuckets", "S3 bucket enumeration"),
        ("GetObject", "Unusual S3 data access"),
        ("GetObject", "Unusual S3 data access"),
    ):
        at += rng.uniform(60, 1200)
        rows.append(_trail(at, event, arn, new_key, _ext_ip(rng) if rng.random() < 0.3 else attacker, rule))
    return rows


def _trail(at: float, event: str, arn: str, key: str, address: str, rule: str) -> Row:
    return {
        "_time": _t(at),
        "sourcetype": "aws:cloudtrail",
        "rule_name": rule,
        "eventName": event,
        "eventSource": "s3.amazonaws.com" if event in ("ListBuckets", "GetObject") else "iam.amazonaws.com",
        "userIdentity.arn": arn,
        "userIdentity.accessKeyId": key,
        "sourceIPAddress": address,
        "recipientAccountId": ACCOUNT,
    }


def _lateral_movement(rng: random.Random, start: float, victim: str, hosts: Sequence[str]) -> list[Row]:
    account = f"CORP\\{victim}"
    first, second = rng.sample(list(hosts), 2)
    server_ip = f"10.20.{rng.randrange(1, 255)}.{rng.randrange(1, 255)}"
    at = start
    rows = [
        _sysmon(at, first, account, "C:\\Users\\Public\\m.exe", "m.exe privilege::debug sekurlsa::logonpasswords",
                "Credential dumping (LSASS access)", target="C:\\Windows\\System32\\lsass.exe"),
    ]  # fmt: skip
    at += rng.uniform(120, 1800)
    rows.append(
        _sysmon(at, first, account, "C:\\Tools\\PsExec.exe", f"PsExec.exe \\\\{second} -s cmd.exe",
                "Remote execution with PsExec", dest_ip=f"10.10.{rng.randrange(1, 255)}.{rng.randrange(1, 255)}")
    )  # fmt: skip
    at += rng.uniform(5, 60)
    rows.append(
        _sysmon(at, second, account, "C:\\Windows\\PSEXESVC.exe", "PSEXESVC.exe", "New service installed remotely")
    )
    at += rng.uniform(300, 3600)
    rows.append(
        _sysmon(at, second, account, "C:\\Windows\\System32\\cmd.exe", f"cmd.exe /c net use \\\\{server_ip}\\c$",
                "Admin share access to a server", dest_ip=server_ip)
    )  # fmt: skip
    return rows


def _sysmon(
    at: float, host: str, user: str, image: str, command: str, rule: str, target: str = "", dest_ip: str = ""
) -> Row:
    row: Row = {
        "_time": _t(at),
        "sourcetype": "XmlWinEventLog:Microsoft-Windows-Sysmon/Operational",
        "rule_name": rule,
        "Computer": f"{host}.corp.example",
        "User": user,
        "Image": image,
        "CommandLine": command,
    }
    if target:
        row["TargetImage"] = target
    if dest_ip:
        row["DestinationIp"] = dest_ip
    return row


def _noise(rng: random.Random, people: Sequence[str], hosts: Sequence[str], victims: Sequence[str]) -> Row:
    at = DAY_START + rng.uniform(0, DAY)
    person = rng.choice(people)
    choice = rng.random()
    if choice < 0.02 and victims:  # a victim's own benign alert the same day
        return _okta(at, rng.choice(victims), PROXY, "user.session.start", "Sign-in outside working hours")
    if choice < 0.35:
        address = PROXY if rng.random() < 0.8 else _ext_ip(rng)
        rule = rng.choice(["Sign-in outside working hours", "MFA push spam", "Sign-in from a new device"])
        return _okta(at, f"{person}@corp.example", address, "user.session.start", rule)
    if choice < 0.60:
        host = rng.choice(hosts)
        draw = rng.random()
        user = "NT AUTHORITY\\SYSTEM" if draw < 0.55 else "CORP\\svc_backup" if draw < 0.8 else f"CORP\\{person}"
        rule = rng.choice(["Encoded PowerShell", "PowerShell from a scheduled task", "Script in ProgramData"])
        image = "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"
        return _sysmon(at, host, user, image, "powershell.exe -NoProfile -File C:\\ProgramData\\inventory.ps1", rule)
    if choice < 0.80:
        return _trail(at, rng.choice(["ListBuckets", "GetObject", "CreateAccessKey", "GetCallerIdentity"]), CI_ARN,
                      CI_KEY, rng.choice(["52.94.1.10", "52.94.1.11"]), "S3 access by automation")  # fmt: skip
    return {
        "_time": _t(at),
        "sourcetype": "pps_messagelog",
        "rule_name": "Bulk mail with a link",
        "sender": "news@vendor-updates.example",
        "recipient": f"{person}@corp.example",
        "senderIP": "198.51.100.25",
        "subject": "Your weekly digest",
    }


@dataclass(frozen=True)
class Scores:
    """How a clustering of one day compares with its truth."""

    chains: int
    split: int  # chains whose rows landed in more than one cluster
    merged: int  # chains sharing a cluster with another chain
    noise: int
    noise_absorbed: int  # noise rows put in a cluster with a chain's rows
    pair_precision: float  # of the row pairs put together that hold a chain row, the share of one chain
    pair_recall: float  # of the chains' row pairs, the share put together
    clusters: int
    rows: int


def evaluate(rows: Sequence[Row], settings: ClusterSettings | None = None) -> Scores:
    """Cluster one day's rows and score the clusters against their `truth`."""
    alerts = [alert_of(index, row, select_profile(row, "auto")) for index, row in enumerate(rows)]
    clusters = cluster_alerts(alerts, settings or ClusterSettings())
    cluster_of = {member: number for number, cluster in enumerate(clusters) for member in cluster.members}
    # Identical benign alerts (the same evidence apart from time) are one alert, as the clusterer treats them.
    truth = [
        f"noise:{alert.duplicate_key}" if str(row["truth"]).startswith("noise-") else str(row["truth"])
        for row, alert in zip(rows, alerts)
    ]
    chains = sorted({label for label in truth if not label.startswith("noise:")})
    split = sum(1 for chain in chains if len({cluster_of[i] for i, t in enumerate(truth) if t == chain}) > 1)
    chains_in: dict[int, set[str]] = {}
    for index, label in enumerate(truth):
        if not label.startswith("noise:"):
            chains_in.setdefault(cluster_of[index], set()).add(label)
    merged = len({chain for found in chains_in.values() if len(found) > 1 for chain in found})
    noise = [index for index, label in enumerate(truth) if label.startswith("noise:")]
    absorbed = sum(1 for index in noise if cluster_of[index] in chains_in)
    # Pairs with at least one chain row: whether benign alerts are grouped with each other (a CI role's
    # routine calls) is another question than whether chains are kept whole and apart.
    together = both = 0
    for cluster in clusters:
        counts = _counts(truth[member] for member in cluster.members)
        benign = sum(count for label, count in counts.items() if label.startswith("noise:"))
        size = len(cluster.members)
        together += size * (size - 1) // 2 - benign * (benign - 1) // 2
        both += sum(n * (n - 1) // 2 for label, n in counts.items() if not label.startswith("noise:"))
    true_pairs = sum(n * (n - 1) // 2 for label, n in _counts(truth).items() if not label.startswith("noise:"))
    return Scores(
        chains=len(chains),
        split=split,
        merged=merged,
        noise=len(noise),
        noise_absorbed=absorbed,
        pair_precision=both / together if together else 1.0,
        pair_recall=both / true_pairs if true_pairs else 1.0,
        clusters=len(clusters),
        rows=len(rows),
    )


def _counts(labels: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    return counts


def summarize(scores: Iterable[Scores]) -> dict[str, Any]:
    """Totals and means over seeds."""
    items = list(scores)
    return {
        "seeds": len(items),
        "chains": sum(s.chains for s in items),
        "split": sum(s.split for s in items),
        "merged": sum(s.merged for s in items),
        "noise": sum(s.noise for s in items),
        "noise_absorbed": sum(s.noise_absorbed for s in items),
        "pair_precision": round(sum(s.pair_precision for s in items) / len(items), 4),
        "pair_recall": round(sum(s.pair_recall for s in items) / len(items), 4),
        "rows": sum(s.rows for s in items),
        "clusters": sum(s.clusters for s in items),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, default=20, help="evaluate seeds 0..N-1")
    parser.add_argument("--seed", type=int, help="with --write: the one day to write")
    parser.add_argument("--chains", type=int, default=3, help="chains of each kind per day")
    parser.add_argument("--noise", type=int, default=400, help="benign alerts per day")
    parser.add_argument("--write", type=Path, help="write one day as JSON lines (for tools/search)")
    parser.add_argument("--json", type=Path, help="write the summary and each seed's scores as JSON")
    args = parser.parse_args(argv)
    if args.write:
        day = generate(args.seed or 0, args.chains, args.noise)
        with args.write.open("w", encoding="utf-8") as handle:
            for row in day.rows:
                handle.write(json.dumps(row) + "\n")
        print(f"{len(day.rows)} rows, chains {', '.join(day.chains)} -> {args.write}")
        return 0
    per_seed = [evaluate(generate(seed, args.chains, args.noise).rows) for seed in range(args.seeds)]
    summary = summarize(per_seed)
    print(
        f"{summary['seeds']} days, {summary['rows']} alerts, {summary['chains']} chains -> "
        f"{summary['clusters']} clusters: "
        f"{summary['split']} chains split, {summary['merged']} merged, "
        f"{summary['noise_absorbed']} of {summary['noise']} noise alerts absorbed into chains; "
        f"pairwise precision {summary['pair_precision']:.3f}, recall {summary['pair_recall']:.3f}"
    )
    if args.json:
        args.json.write_text(json.dumps({"summary": summary, "seeds": [asdict(s) for s in per_seed]}, indent=2) + "\n")
    return 0


_FIRST = ("ana", "ben", "chen", "dara", "eli", "fatima", "gus", "hana", "ivan", "jo", "kemal", "lea", "mo", "nia",
          "omar", "pia", "quinn", "raj", "sofia", "tom")  # fmt: skip
_LAST = ("alves", "berg", "costa", "diaz", "evans", "fisher", "garcia", "hoang", "ito", "jensen", "kowalski",
         "larsen", "moreau", "novak", "okafor")  # fmt: skip

if __name__ == "__main__":
    sys.exit(main())
