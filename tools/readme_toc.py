#!/usr/bin/env python3
"""The README's table of contents, written from its headings with the anchors GitHub gives them.

    python -m tools.readme_toc           # rewrite the block between the contents markers in README.md
    python -m tools.readme_toc --check   # exit 1 when the block no longer lists the README's headings

Every `##` and `###` heading outside code blocks is listed (the `##` ones as items, their `###` ones
nested under them), except the contents heading itself. Anchors follow GitHub's rule: lower case, every
character that is not a letter, digit, space, `-` or `_` dropped, spaces made `-`, and a repeated anchor
numbered `-1`, `-2`, ... in order of appearance.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
BEGIN = "<!-- contents: written by python -m tools.readme_toc -->"
END = "<!-- /contents -->"
CONTENTS_TITLE = "Contents"
FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")


@dataclass(frozen=True)
class Heading:
    level: int
    title: str
    anchor: str


def github_anchor(title: str) -> str:
    """The anchor GitHub gives a heading titled `title`, before numbering repeats."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", title)  # a link shows its text
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")


def headings(markdown: str) -> Iterator[Heading]:
    """Every heading of `markdown` outside fenced code blocks, with its (numbered when repeated) anchor."""
    seen: dict[str, int] = {}
    fenced = False
    for line in markdown.splitlines():
        if FENCE.match(line):
            fenced = not fenced
            continue
        match = None if fenced else HEADING.match(line)
        if match is None:
            continue
        base = github_anchor(match.group(2))
        count = seen.get(base, 0)
        seen[base] = count + 1
        yield Heading(len(match.group(1)), match.group(2), base if count == 0 else f"{base}-{count}")


def render_contents(markdown: str) -> str:
    """The contents block (markers included) for `markdown`."""
    lines = [BEGIN]
    for heading in headings(markdown):
        if heading.level not in (2, 3) or heading.title == CONTENTS_TITLE:
            continue
        indent = "  " * (heading.level - 2)
        lines.append(f"{indent}- [{heading.title}](#{heading.anchor})")
    lines.append(END)
    return "\n".join(lines)


def with_contents(markdown: str) -> str:
    """`markdown` with its contents block rewritten; ValueError when it has no block."""
    start, end = markdown.find(BEGIN), markdown.find(END)
    if start < 0 or end < start:
        raise ValueError(f"README.md has no contents block ({BEGIN} ... {END})")
    return markdown[:start] + render_contents(markdown) + markdown[end + len(END) :]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.readme_toc", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail when the contents block is out of date")
    args = parser.parse_args(argv)
    text = README.read_text(encoding="utf-8")
    updated = with_contents(text)
    if args.check:
        if updated != text:
            print("README.md's contents are out of date: run python -m tools.readme_toc", file=sys.stderr)
            return 1
        return 0
    README.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
