"""Wireframes of the app's Dashboard Studio views: inputs, panels where the layout puts them, each with its
title, its chart type, the search's last shaping command and, for tables, the columns the search keeps."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from tools.images.svg import INK, LINE, MARGIN, MUTED, WIDTH, Svg, caption, table_shape, wrap


def dashboard_definition(path: Path) -> tuple[str, dict[str, Any]]:
    """A Dashboard Studio view's label and its JSON definition."""
    root = ET.parse(path).getroot()
    return root.findtext("label") or path.stem, json.loads(root.findtext("definition") or "{}")


def search_of(definition: dict[str, Any], name: str) -> str:
    """The SPL a data source runs (a chained source: its base's, then its own)."""
    source = definition.get("dataSources", {}).get(name, {})
    options = source.get("options", {})
    query = options.get("query", "")
    if source.get("type") == "ds.chain" and options.get("extend"):
        query = search_of(definition, options["extend"]) + " " + query
    return str(query)


TOKEN = re.compile(r"\$[^$\s]*\$")  # a dashboard token, whose `|s` filter is not a pipe
AGGREGATE = re.compile(r"(\w+\([^)]*\)|\bcount\b)(?:\s+AS\s+([\w.{}]+))?", re.I)


def pipeline(spl: str) -> list[str]:
    """The commands of `spl`, in order (a token's `|s` is not a pipe; no quoted pipes in these searches)."""
    hidden = TOKEN.sub(lambda match: match.group(0).replace("|", "\0"), spl)
    return [segment.strip().replace("\0", "|") for segment in hidden.split("|") if segment.strip()]


def split_by(text: str) -> tuple[str, list[str]]:
    """A stats-like command's arguments, and the fields after its BY."""
    parts = re.split(r"\sBY\s", text, maxsplit=1, flags=re.I)
    by = parts[1] if len(parts) > 1 else ""
    return parts[0], [name for name in re.split(r"[\s,]+", by.strip()) if name]


def result_columns(spl: str) -> list[str] | None:
    """The columns the search's results have, as far as its table, fields, stats, timechart, eval and rename
    say; None when a command this does not read (llmeval, xyseries, ...) decides them."""
    columns: list[str] | None = None
    for segment in pipeline(spl):
        command, _, args = segment.partition(" ")
        command = command.lower()
        if command == "table":
            columns = [name.strip("\"'") for name in re.split(r"[\s,]+", args.strip()) if name]
        elif command == "fields" and args.strip().startswith("-"):
            dropped = set(re.split(r"[\s,]+", args.strip()[1:].strip()))
            columns = None if columns is None else [name for name in columns if name not in dropped]
        elif command == "fields":
            columns = [name for name in re.split(r"[\s,]+", args.strip()) if name]
        elif command == "stats":
            head, by = split_by(args)
            columns = by + [alias or aggregate for aggregate, alias in AGGREGATE.findall(head)]
        elif command == "timechart":
            _, by = split_by(args)
            columns = ["_time"] + ([f"(one per {by[0]})"] if by else [a or b for b, a in AGGREGATE.findall(args)])
        elif command == "eval" and columns is not None:
            for name in re.findall(r"(?:^|,)\s*([\w.]+)\s*=(?!=)", args):
                if name not in columns:
                    columns.append(name)
        elif command == "rename" and columns is not None:
            for old, new in re.findall(r"([\w.{}]+)\s+AS\s+([\w.{}]+)", args, re.I):
                columns = [new if name == old else name for name in columns]
        elif command not in ("sort", "where", "search", "dedup", "head", "tail", "fillnull", "eval", "rename"):
            columns = None
    return columns


def last_command(spl: str) -> str:
    """The search's last command that shapes its results (what a chart plots)."""
    shaping = [
        s
        for s in pipeline(spl)
        if s.split(" ")[0].lower() in ("stats", "timechart", "chart", "xyseries", "table", "llmeval")
    ]
    return "| " + (shaping[-1] if shaping else pipeline(spl)[-1])


def dashboard_svg(path: Path) -> str:
    """A wireframe of the dashboard at `path`."""
    label, definition = dashboard_definition(path)
    svg = Svg(WIDTH)
    svg.label(MARGIN, 34, label, 20, INK, "bold")
    y = svg.paragraph(MARGIN, 40, definition.get("description", ""), WIDTH - 2 * MARGIN, 12, MUTED) + 10
    layout = definition.get("layout", {})
    inputs = definition.get("inputs", {})
    x = float(MARGIN)
    for name in layout.get("globalInputs", []):
        spec = inputs.get(name, {})
        kind = str(spec.get("type", "")).replace("input.", "")
        default = str(spec.get("options", {}).get("defaultValue", ""))
        width = 170
        if x + width > WIDTH - MARGIN:
            x, y = float(MARGIN), y + 52
        svg.label(x, y + 12, spec.get("title", name), 11, MUTED)
        svg.rect(x, y + 18, width, 26, rx="3")
        svg.label(x + 8, y + 36, f"{default}  ({kind})" if default else f"({kind})", 11, INK)
        x += width + 12
    top = y + (60 if layout.get("globalInputs") else 0)
    structure = layout.get("structure", [])
    layout_width = layout.get("options", {}).get("width") or max(
        (item["position"]["x"] + item["position"]["w"] for item in structure), default=1200
    )
    scale = (WIDTH - 2 * MARGIN) / layout_width
    for item in structure:
        position = item["position"]
        px, py = MARGIN + position["x"] * scale, top + position["y"] * scale
        pw, ph = position["w"] * scale - 6, position["h"] * scale - 6
        panel(svg, definition, definition["visualizations"][item["item"]], px, py, pw, ph)
    caption(
        svg,
        f"package/default/data/ui/views/{path.name}",
        "inputs, layout, panel titles and chart types as defined; shapes, no data",
    )
    return svg.text()


def panel(svg: Svg, definition: dict[str, Any], viz: dict[str, Any], x: float, y: float, w: float, h: float) -> None:
    """One visualization: a box with its title, a shape for its type and the type's name."""
    svg.rect(x, y, w, h, rx="4")
    kind = str(viz.get("type", ""))
    title_bottom = y + 6
    if viz.get("title"):
        lines = wrap(viz["title"], w - 16, 12)
        if len(lines) > 2:
            lines = [lines[0], lines[1].rstrip(",;:") + " …"]
        for line in lines:
            title_bottom += 16
            svg.label(x + 8, title_bottom, line, 12, INK, "bold")
    svg.label(x + w - 8, y + h - 8, kind, 10, MUTED, anchor="end")
    body_x, body_y, body_w, body_h = x + 10, title_bottom + 10, w - 20, y + h - title_bottom - 34
    if body_h < 12:
        return
    spl = search_of(definition, viz.get("dataSources", {}).get("primary", ""))
    if spl and kind != "splunk.table":
        svg.label(body_x, body_y + 2, wrap(last_command(spl), body_w, 10)[0], 10, MUTED)
        body_y, body_h = body_y + 12, body_h - 12
    if kind == "splunk.table":
        columns = result_columns(spl)
        table_shape(
            svg,
            columns if columns is not None else [f"(columns from {last_command(spl)})"],
            body_x,
            body_y,
            body_w,
            body_h,
        )
    elif kind in ("splunk.column", "splunk.bar"):
        bars_shape(svg, body_x, body_y, body_w, body_h, horizontal=kind == "splunk.bar")
    elif kind in ("splunk.line", "splunk.area"):
        line_shape(svg, body_x, body_y, body_w, body_h)
    elif kind == "splunk.singlevalue":
        series = re.search(r"seriesByName\('([^']+)'\)", str(viz.get("options", {}).get("majorValue", "")))
        svg.label(
            x + w / 2, body_y + min(body_h, 34), series.group(1) if series else "#", 16, LINE, "bold", anchor="middle"
        )
    elif kind == "splunk.markdown":
        text = re.sub(r"[*`#>\[\]]|(?<!\w)_|_(?!\w)", "", str(viz.get("options", {}).get("markdown", "")))
        lines = wrap(" ".join(text.split()), body_w, 11)[: max(1, int(body_h // 15))]
        for number, line in enumerate(lines):
            svg.label(body_x, body_y + 4 + number * 15, line, 11, MUTED)


BAR_HEIGHTS = (0.55, 0.8, 0.35, 0.65, 0.45, 0.9, 0.25)  # a fixed shape, the same in every image


def bars_shape(svg: Svg, x: float, y: float, w: float, h: float, horizontal: bool) -> None:
    count = len(BAR_HEIGHTS)
    for number, share in enumerate(BAR_HEIGHTS):
        if horizontal:
            step = h / count
            svg.rect(x, y + number * step + 2, w * share, step - 4, fill="#c3d3f5", stroke="none")
        else:
            step = w / count
            svg.rect(x + number * step + 4, y + h * (1 - share), step - 8, h * share, fill="#c3d3f5", stroke="none")
    svg.line([(x, y), (x, y + h), (x + w, y + h)])


def line_shape(svg: Svg, x: float, y: float, w: float, h: float) -> None:
    points = [(x + w * i / (len(BAR_HEIGHTS) - 1), y + h * (1 - share)) for i, share in enumerate(BAR_HEIGHTS)]
    svg.line(points, "#6b8fe0")
    svg.line([(x, y), (x, y + h), (x + w, y + h)])
