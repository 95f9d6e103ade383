"""Every image of docs/images/, and the command line that writes or checks them (see tools/images)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from tools.images import __doc__ as PACKAGE_DOC
from tools.images.architecture import architecture_svg
from tools.images.dashboards import dashboard_svg
from tools.images.setup_page import setup_svg

REPO = Path(__file__).resolve().parents[2]

VIEWS = REPO / "package" / "default" / "data" / "ui" / "views"
GLOBAL_CONFIG = REPO / "globalConfig.json"
IMAGES = REPO / "docs" / "images"
SETUP_TABS = ("providers", "triage")  # the tabs the quick start uses, one image each


def render_all() -> dict[str, str]:
    """Every image, by file name under docs/images/."""
    config = json.loads(GLOBAL_CONFIG.read_text(encoding="utf-8"))
    images = {
        f"dashboard_{path.stem.removeprefix('llm_triage_')}.svg": dashboard_svg(path)
        for path in sorted(VIEWS.glob("*.xml"))
    }
    for tab in SETUP_TABS:
        images[f"setup_{tab}.svg"] = setup_svg(config, tab)
    images["architecture.svg"] = architecture_svg(config)
    return images


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.images", description=(PACKAGE_DOC or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail when a committed image is not what its source draws")
    args = parser.parse_args(argv)
    images = render_all()
    if args.check:
        stale = [
            name
            for name, text in images.items()
            if not (IMAGES / name).is_file() or (IMAGES / name).read_text(encoding="utf-8") != text
        ]
        extra = sorted(path.name for path in IMAGES.glob("*.svg") if path.name not in images)
        for name in stale:
            print(f"docs/images/{name} is stale: run python -m tools.images", file=sys.stderr)
        for name in extra:
            print(f"docs/images/{name} is drawn from nothing any more: remove it", file=sys.stderr)
        return 1 if stale or extra else 0
    IMAGES.mkdir(parents=True, exist_ok=True)
    for name, text in images.items():
        (IMAGES / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(images)} images to docs/images/")
    return 0
