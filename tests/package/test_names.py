"""llm_triage.names holds the app's names in Splunk once: each is defined by the files the app ships."""

from pathlib import Path

from llm_triage import names
from tools.harness.splunk_app import SplunkApp

PACKAGE = Path(__file__).resolve().parents[2] / "package"
APP = SplunkApp(PACKAGE)


def test_every_name_is_defined_by_what_the_app_ships() -> None:
    restmap = (PACKAGE / "default" / "restmap.app.conf").read_text(encoding="utf-8")
    specs = {path.name for path in (PACKAGE / "README").glob("*.conf.spec")}
    assert (PACKAGE / "app.manifest").read_text(encoding="utf-8").count(f'"name": "{names.APP}"') == 1
    for value_name in dir(names):
        value = getattr(names, value_name)
        if value_name.endswith("_CONF"):
            assert f"{value}.conf.spec" in specs, value_name
        elif value_name.endswith("_COLLECTION"):
            assert value in APP.conf("collections"), value_name
        elif value_name.endswith("_INDEX"):
            assert value in APP.conf("indexes"), value_name
        elif value_name.endswith("_SOURCETYPE"):
            assert value in APP.conf("props"), value_name
        elif value_name.endswith("_CAPABILITY"):
            assert f"capability::{value}" in APP.conf("authorize"), value_name
        elif value_name.endswith("_PATH"):
            assert f"match = /{value}\n" in restmap, value_name
