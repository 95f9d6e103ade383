"""Pre-clustering on a recorded attack: OTRF's EC2 proxy S3 exfiltration (../shared/datasets/otrf, read in
place, skipped when absent). An attacker uses an EC2 instance role's stolen credentials (ListBuckets,
ListObjects, GetObject) from the same address as the account's owner browsing the console."""

from pathlib import Path

import pytest

from llm_triage.evidence.profiles import select_profile
from llm_triage.stories.clustering import alert_of, cluster_alerts
from tests.prerequisites import missing
from tools.harness.inputs import read_jsonl_rows

DATASET = "datasets/otrf/ec2_proxy_s3_exfiltration_2020-09-14011940.json"
ROLE = "arn:aws:sts::123456789123:assumed-role/MordorNginxStack-BankingWAFRole-9S3E0UAE1MM0/i-0317f6c6b66ae9c40"


@pytest.fixture
def rows(shared: Path):
    path = shared / DATASET
    if not path.is_file():
        missing(f"no {DATASET} in {shared}")
    found = [dict(row, _time=row["@timestamp"], sourcetype="aws:cloudtrail") for row in read_jsonl_rows(path)]
    assert len(found) > 100
    return found


def test_the_stolen_role_is_one_investigation_apart_from_the_owner_at_the_same_address(rows):
    alerts = [alert_of(index, row, select_profile(row, "auto")) for index, row in enumerate(rows)]
    clusters = cluster_alerts(alerts)
    role = {index for index, row in enumerate(rows) if row.get("userIdentity.arn") == ROLE}
    [theirs] = [cluster for cluster in clusters if role & set(cluster.members)]
    assert set(theirs.members) == role  # all of the role's calls, and nothing of the owner's
    assert {rows[index]["eventName"] for index in theirs.members} >= {"ListBuckets", "GetObject"}
    assert "ip:1.2.3.4" not in theirs.entities  # the address both used is on nearly every event: no link
