"""tools/images: the committed images are what the definitions draw, every dashboard and the setup
page's tabs have one, the README shows them, and a changed definition shows up in its image."""

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from tools.images import render
from tools.images.dashboards import dashboard_svg, result_columns
from tools.images.render import IMAGES, VIEWS, main, render_all
from tools.images.setup_page import setup_svg

REPO = Path(__file__).resolve().parents[2]


def test_every_committed_image_is_what_its_definition_draws():
    images = render_all()
    assert sorted(images) == sorted(path.name for path in IMAGES.glob("*.svg"))
    for name, text in images.items():
        assert (IMAGES / name).read_text(encoding="utf-8") == text, f"{name}: run python -m tools.images"
    assert main(["--check"]) == 0


def test_each_image_is_well_formed_svg_and_says_it_is_no_screenshot():
    for name, text in render_all().items():
        root = ET.fromstring(text)
        assert root.tag == "{http://www.w3.org/2000/svg}svg", name
        assert "Not a screenshot." in " ".join(" ".join(root.itertext()).split()), name


def test_every_dashboard_has_an_image_and_the_readme_shows_every_image():
    images = render_all()
    for view in VIEWS.glob("*.xml"):
        assert f"dashboard_{view.stem.removeprefix('llm_triage_')}.svg" in images, view.name
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in images:
        assert f"](docs/images/{name})" in readme, name


def test_a_dashboard_image_carries_its_panels_titles_and_table_columns():
    view = VIEWS / "llm_triage_overview.xml"
    text = " ".join(ET.fromstring(dashboard_svg(view)).itertext())
    definition = json.loads(ET.parse(view).getroot().findtext("definition") or "{}")
    for viz in definition["visualizations"].values():
        if viz.get("title"):
            assert viz["title"].split()[0] in text
    assert "provider" in text and "splunk.singlevalue" in text


def test_a_renamed_panel_or_field_makes_the_image_stale(tmp_path, monkeypatch):
    view = VIEWS / "llm_triage_approvals.xml"
    changed = tmp_path / view.name
    changed.write_text(view.read_text(encoding="utf-8").replace("Pending approvals", "Queue"), encoding="utf-8")
    assert "Queue" in dashboard_svg(changed) and dashboard_svg(changed) != dashboard_svg(view)
    config = json.loads((REPO / "globalConfig.json").read_text(encoding="utf-8"))
    before = setup_svg(config, "providers")
    config["pages"]["configuration"]["tabs"][0]["entity"][0]["label"] = "Provider name"
    assert "Provider name" in setup_svg(config, "providers") != before
    monkeypatch.setattr(render, "IMAGES", tmp_path)
    assert main(["--check"]) == 1  # nothing committed under tmp_path


def test_result_columns_follow_the_search():
    assert result_columns("x a=$p|s$ | stats count AS n sum(t) AS tokens BY actor | sort - n") == [
        "actor",
        "n",
        "tokens",
    ]
    assert result_columns("x | table a b c | fields - b") == ["a", "c"]
    assert result_columns("x | timechart count BY status") == ["_time", "(one per status)"]
    assert result_columns("x | stats count BY p | eval pct=round(count, 1) | rename p AS profile") == [
        "profile",
        "count",
        "pct",
    ]
    assert result_columns("x | llmeval output=confusion") is None


def test_the_architecture_names_come_from_the_conf_files():
    text = render_all()["architecture.svg"]
    collections = re.findall(r"^\[([^\]]+)\]", (REPO / "package/default/collections.conf").read_text(), re.M)
    for name in [*collections, "llm_triage_audit", "llm_triage/judge", "| llmtriage", "openai_compatible"]:
        assert name in text, name
