#!/usr/bin/env python3
"""The README's images, drawn from the app's own definitions (no Splunk runs here, so no screenshots):

- a wireframe of each dashboard (package/default/data/ui/views/*.xml): its inputs, and each panel where
  the layout puts it, with its title, its chart type and, for tables, the columns its search keeps;
- the setup page (globalConfig.json): its tabs, and the fields of the Providers and Settings tabs;
- the architecture, its names read from commands.conf, restmap.app.conf, alert_actions.conf,
  collections.conf, indexes.conf and the Providers tab's types.

    python -m tools.render_images           # rewrite docs/images/*.svg
    python -m tools.render_images --check   # exit 1, naming each image that no longer matches its source

Each image says what it was drawn from. Output is deterministic (same definitions, same bytes), so a
test re-renders every image and compares it with the committed one.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "package"
VIEWS = PACKAGE / "default" / "data" / "ui" / "views"
GLOBAL_CONFIG = REPO / "globalConfig.json"
IMAGES = REPO / "docs" / "images"
TOOL = "tools/render_images.py"

WIDTH = 960
MARGIN = 20
FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"
CHAR_WIDTH = 0.56  # of the font size: a fair average for this font, used to wrap text
INK, MUTED, LINE, FILL, ACCENT, PANEL = "#1f2933", "#616e7c", "#9aa5b1", "#f5f7fa", "#2563eb", "#ffffff"

SETUP_TABS = ("providers", "triage")  # the tabs the quick start uses, one image each
UCC_TAB_TITLES = {"proxyTab": "Proxy", "loggingTab": "Logging"}  # UCC's own tabs carry no title


@dataclass
class Svg:
    """An SVG drawing built element by element; `text()` is the finished document."""

    width: int
    height: int = 0
    elements: list[str] = field(default_factory=list)

    def rect(self, x: float, y: float, w: float, h: float, fill: str = PANEL, stroke: str = LINE, **extra: str) -> None:
        attrs = "".join(f" {name.replace('_', '-')}={quoteattr(value)}" for name, value in extra.items())
        self.elements.append(
            f'<rect x="{x:.0f}" y="{y:.0f}" width="{w:.0f}" height="{h:.0f}" fill="{fill}" stroke="{stroke}"{attrs}/>'
        )
        self.height = max(self.height, int(y + h))

    def label(
        self, x: float, y: float, text: str, size: int = 12, color: str = INK, weight: str = "normal", anchor: str = ""
    ) -> None:
        anchored = f' text-anchor="{anchor}"' if anchor else ""
        self.elements.append(
            f'<text x="{x:.0f}" y="{y:.0f}" font-size="{size}" fill="{color}" font-weight="{weight}"{anchored}>'
            f"{escape(text)}</text>"
        )
        self.height = max(self.height, int(y + size / 2))

    def paragraph(self, x: float, y: float, text: str, width: float, size: int = 12, color: str = INK) -> float:
        """`text` wrapped to `width`; returns the y below its last line."""
        for line in wrap(text, width, size):
            y += size * 1.35
            self.label(x, y, line, size, color)
        return y

    def line(
        self, points: Sequence[tuple[float, float]], color: str = LINE, arrow: bool = False, dashed: bool = False
    ) -> None:
        path = " ".join(f"{x:.0f},{y:.0f}" for x, y in points)
        extra = (' marker-end="url(#arrow)"' if arrow else "") + (' stroke-dasharray="5,4"' if dashed else "")
        self.elements.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="1.5"{extra}/>')

    def text(self) -> str:
        height = self.height + MARGIN
        return "\n".join(
            [
                f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.width}" height="{height}" '
                f'viewBox="0 0 {self.width} {height}" font-family="{FONT}">',
                '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
                f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{MUTED}"/></marker></defs>',
                f'<rect width="{self.width}" height="{height}" fill="{FILL}"/>',
                *self.elements,
                "</svg>",
                "",
            ]
        )


def wrap(text: str, width: float, size: int) -> list[str]:
    """`text` in lines no wider than `width` at font `size` (estimated); a long word is cut with an ellipsis."""
    limit = max(4, int(width / (size * CHAR_WIDTH)))
    lines: list[str] = []
    current = ""
    for word in text.split():
        if len(word) > limit:
            word = word[: limit - 1] + "…"
        if current and len(current) + 1 + len(word) > limit:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        lines.append(current)
    return lines


def caption(svg: Svg, source: str, what: str) -> None:
    """The lines that say an image is a drawing of a definition, and of which."""
    text = f"Drawn by {TOOL} from {source}: {what}. Not a screenshot."
    svg.paragraph(MARGIN, svg.height + 8, text, WIDTH - 2 * MARGIN, 11, MUTED)


# Dashboards


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


def table_shape(svg: Svg, columns: list[str], x: float, y: float, w: float, h: float) -> None:
    """A table's header (the columns its search keeps, as many as fit) over empty rows."""
    svg.rect(x, y, w, 20, fill=FILL, stroke=LINE)
    if columns:
        shown: list[str] = []
        used = 0.0
        for name in columns:
            needed = len(name) * 10 * CHAR_WIDTH + 14
            if used + needed > w - 30:
                shown.append(f"+{len(columns) - len(shown)}")
                break
            shown.append(name)
            used += needed
        cx = x + 6
        for name in shown:
            svg.label(cx, y + 14, name, 10, INK)
            cx += len(name) * 10 * CHAR_WIDTH + 14
    row = y + 20
    while row + 16 <= y + h:
        svg.line([(x, row + 16), (x + w, row + 16)], "#e4e7eb")
        row += 16


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


# The setup page


def tab_title(tab: dict[str, Any]) -> str:
    return str(tab.get("title") or UCC_TAB_TITLES.get(tab.get("type", ""), tab.get("name", "")))


def setup_svg(config: dict[str, Any], tab_name: str) -> str:
    """The Configuration page with the tab `tab_name` open: its table's columns and its form's fields."""
    page = config["pages"]["configuration"]
    tabs = page["tabs"]
    tab = next(tab for tab in tabs if tab.get("name") == tab_name)
    svg = Svg(WIDTH)
    svg.label(MARGIN, 34, page.get("title", "Configuration"), 20, INK, "bold")
    y = svg.paragraph(MARGIN, 40, page.get("description", ""), WIDTH - 2 * MARGIN, 12, MUTED) + 14
    x = float(MARGIN)
    for other in tabs:
        title = tab_title(other)
        width = len(title) * 12 * 0.56 + 18
        if x + width > WIDTH - MARGIN:
            x, y = float(MARGIN), y + 30
        active = other is tab
        svg.rect(x, y, width, 26, fill=PANEL if active else FILL, stroke=ACCENT if active else LINE, rx="3")
        svg.label(x + 10, y + 17, title, 12, ACCENT if active else INK, "bold" if active else "normal")
        x += width + 4
    y += 44
    if "table" in tab:
        columns = [column["label"] for column in tab["table"].get("header", [])]
        svg.label(
            MARGIN, y, f"{tab_title(tab)}: one row each ({', '.join(tab['table'].get('actions', []))})", 12, MUTED
        )
        table_shape(svg, columns, MARGIN, y + 8, WIDTH - 2 * MARGIN, 20 + 16 * 2)
        y += 80
        svg.label(MARGIN, y, f"Add {tab_title(tab).rstrip('s').lower()}", 14, INK, "bold")
    else:
        svg.label(MARGIN, y, tab_title(tab), 14, INK, "bold")
    y += 12
    for entity in tab.get("entity", []):
        y = form_field(svg, entity, y)
    what = f"the {tab_title(tab)} tab's fields, help and defaults as defined"
    caption(svg, "globalConfig.json (the page UCC generates)", what)
    return svg.text()


def form_field(svg: Svg, entity: dict[str, Any], y: float) -> float:
    """One field of a form: its label (* when required), a widget for its type, and its help."""
    label_x, widget_x, widget_w, help_x = MARGIN, MARGIN + 230, 280, MARGIN + 530
    kind = entity.get("type", "text")
    required = " *" if entity.get("required") else ""
    svg.label(label_x, y + 18, entity.get("label", entity.get("field", "")) + required, 12, INK)
    default = entity.get("defaultValue")
    if kind == "checkbox":
        svg.rect(widget_x, y + 6, 16, 16, rx="2")
        if default in (True, 1, "1", "true"):
            svg.line([(widget_x + 3, y + 14), (widget_x + 7, y + 19), (widget_x + 13, y + 9)], ACCENT)
        height = 26.0
    else:
        height = 60.0 if kind == "textarea" else 26.0
        svg.rect(widget_x, y + 2, widget_w, height, rx="3")
        choices = [str(choice["label"]) for choice in entity.get("options", {}).get("autoCompleteFields", [])]
        if kind == "singleSelect":
            shown = str(default) if default is not None else (choices[0] if choices and required else "")
            svg.label(widget_x + widget_w - 16, y + 20, "▾", 12, MUTED)
        else:
            shown = str(default) if default is not None else ""
        if shown:
            svg.label(widget_x + 8, y + 19, wrap(shown, widget_w - 30, 11)[0], 11, INK)
        reference = entity.get("options", {}).get("referenceName")
        if reference:
            choices = [f"the {reference} configured on their tab", ""]
        if choices and kind == "singleSelect" and len(choices) > 1:
            options = "choices: " + ", ".join(choice for choice in choices if choice)
            help_lines = wrap(options, widget_w, 10)
            for number, line in enumerate(help_lines):
                svg.label(widget_x, y + height + 14 + number * 13, line, 10, MUTED)
            height += 4 + 13 * len(help_lines)
    bottom = svg.paragraph(help_x, y, entity.get("help", ""), WIDTH - MARGIN - help_x, 11, MUTED)
    return max(y + height + 12, bottom + 10)


# The architecture


def conf_stanzas(name: str) -> list[str]:
    """The stanza names of package/default/<name>, in order."""
    text = (PACKAGE / "default" / name).read_text(encoding="utf-8")
    return [stanza for stanza in re.findall(r"^\[([^\]]+)\]", text, re.M) if stanza != "default"]


def rest_path(stanza: str) -> str:
    text = (PACKAGE / "default" / "restmap.app.conf").read_text(encoding="utf-8")
    found = re.search(rf"^\[{re.escape(stanza)}\][^\[]*?^match\s*=\s*(\S+)", text, re.M | re.S)
    return found.group(1).lstrip("/") if found else stanza


def provider_type_labels(config: dict[str, Any]) -> list[str]:
    providers = next(tab for tab in config["pages"]["configuration"]["tabs"] if tab.get("name") == "providers")
    kind = next(entity for entity in providers["entity"] if entity["field"] == "type")
    return [str(choice["label"]) for choice in kind["options"]["autoCompleteFields"]]


def box(svg: Svg, x: float, y: float, w: float, title: str, lines: Iterable[str], fill: str = PANEL) -> float:
    """A titled box whose height fits its title and lines; returns its height."""
    heading = wrap(title, (w - 16) * CHAR_WIDTH / 0.64, 12)  # bold runs wider than the average
    body = [wrapped for line in lines for wrapped in wrap(line, w - 16, 11)]
    height = 12 + 16 * len(heading) + 14 * len(body)
    svg.rect(x, y, w, height, fill=fill, stroke=INK, rx="5")
    for number, line in enumerate(heading):
        svg.label(x + 8, y + 18 + number * 16, line, 12, INK, "bold")
    for number, line in enumerate(body):
        svg.label(x + 8, y + 18 + 16 * len(heading) + number * 14, line, 11, MUTED)
    return height


def architecture_svg(config: dict[str, Any]) -> str:
    """Where a result goes: the search head's command, endpoint and alert action, and what lies outside it."""
    commands = conf_stanzas("commands.conf")
    judge = rest_path("script:llm_triage_judge")
    action = conf_stanzas("alert_actions.conf")[0]
    collections = conf_stanzas("collections.conf")
    index = conf_stanzas("indexes.conf")[0]
    svg = Svg(WIDTH)
    svg.label(MARGIN, 34, "LLM Triage: where a result goes", 20, INK, "bold")
    behind = len(svg.elements)  # the search head's outline goes here, once its height is known
    svg.label(MARGIN + 10, 72, "Splunk search head", 13, MUTED, "bold")
    col, w, mid, outside = MARGIN + 14, 210, MARGIN + 264, WIDTH - MARGIN - 210
    steps = [
        (f"| {commands[0]}", ["a search's results, row by row, over splunkd's chunked protocol"]),
        ("Evidence bundle", ["a profile's fields under CIM names, long values cut, canonical JSON"]),
        (
            "Redaction and injection checks",
            ["secrets masked, identifiers pseudonymized if asked, text that instructs the model flagged"],
        ),
    ]
    y, spans = 86.0, []
    for title, lines in steps:
        height = box(svg, col, y, w, title, lines)
        spans.append((y, y + height))
        y += height + 26
    for (_, bottom), (top, _) in zip(spans, spans[1:]):
        svg.line([(col + w / 2, bottom), (col + w / 2, top)], MUTED, arrow=True)
    kv_height = box(svg, mid, 86, w, "KV store", collections, fill="#f0f7ee")
    audit_x = mid + w + 24
    audit_height = box(
        svg,
        audit_x,
        86,
        170,
        f"Index {index}",
        ["every inference, bundle as sent; routing, approvals, reviews"],
        fill="#f0f7ee",
    )
    endpoint_y = max(spans[-1][0], 86 + kv_height + 40)
    endpoint_height = box(
        svg,
        mid,
        endpoint_y,
        w,
        f"REST endpoint {judge}",
        ["splunkd's system token reads the key from secret storage; each answer checked against the schema"],
    )
    svg.line(
        [
            (col + w, spans[-1][0] + 20),
            (col + w + 20, spans[-1][0] + 20),
            (col + w + 20, endpoint_y + 20),
            (mid, endpoint_y + 20),
        ],
        MUTED,
        arrow=True,
    )
    svg.line([(mid + w / 2, endpoint_y), (mid + w / 2, 86 + kv_height)], MUTED, arrow=True, dashed=True)
    svg.line(
        [(mid + w, endpoint_y + 10), (audit_x + 85, endpoint_y + 10), (audit_x + 85, 86 + audit_height)],
        MUTED,
        arrow=True,
        dashed=True,
    )
    box(svg, outside, endpoint_y, 210, "Model provider", provider_type_labels(config), fill="#fff7e6")
    svg.line([(mid + w, endpoint_y + 28), (outside, endpoint_y + 28)], MUTED, arrow=True)
    svg.line([(outside, endpoint_y + 48), (mid + w, endpoint_y + 48)], MUTED, arrow=True, dashed=True)
    result_y = max(spans[-1][1], endpoint_y + endpoint_height) + 30
    result_height = box(svg, col, result_y, w, "triage_* fields", ["on every row, in order, whatever happened"])
    svg.line(
        [(mid + w / 2, endpoint_y + endpoint_height), (mid + w / 2, result_y + 20), (col + w, result_y + 20)],
        MUTED,
        arrow=True,
        dashed=True,
    )
    alert_y = result_y + result_height + 40
    alert_height = box(
        svg,
        col,
        alert_y,
        w,
        f"Alert action {action}",
        ["a saved search's results, triaged by the action itself through the same endpoint"],
    )
    box(
        svg,
        mid,
        alert_y,
        w,
        "Policy",
        ["each action against its ceiling; consequential ones wait for a reviewer's approval"],
    )
    svg.line([(col + w, alert_y + 20), (mid, alert_y + 20)], MUTED, arrow=True)
    box(
        svg,
        outside,
        alert_y,
        210,
        "Splunk SOAR or a webhook",
        ["cases and decisions, as far as the policy allows"],
        fill="#fff7e6",
    )
    svg.line([(mid + w, alert_y + 20), (outside, alert_y + 20)], MUTED, arrow=True)
    bottom = svg.paragraph(
        col,
        alert_y + alert_height + 6,
        f"Also here: {', '.join(commands[1:])}, and dashboards that read the index and the KV store.",
        outside - col - 40,
        11,
        MUTED,
    )
    outline = Svg(WIDTH)
    outline.rect(
        MARGIN, 52, outside - MARGIN - 24, bottom + 14 - 52, fill="#eef2f7", stroke=LINE, stroke_dasharray="6,4", rx="8"
    )
    svg.elements[behind:behind] = outline.elements
    svg.paragraph(
        MARGIN,
        bottom + 20,
        "Solid arrows: requests and rows. Dashed: answers, and what is kept.",
        WIDTH - 2 * MARGIN,
        11,
        MUTED,
    )
    caption(
        svg,
        "commands.conf, restmap.app.conf, alert_actions.conf, collections.conf, indexes.conf and globalConfig.json",
        "names as defined",
    )
    return svg.text()


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
    parser = argparse.ArgumentParser(prog="python -m tools.render_images", description=__doc__.splitlines()[0])
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
            print(f"docs/images/{name} is stale: run python -m tools.render_images", file=sys.stderr)
        for name in extra:
            print(f"docs/images/{name} is drawn from nothing any more: remove it", file=sys.stderr)
        return 1 if stale or extra else 0
    IMAGES.mkdir(parents=True, exist_ok=True)
    for name, text in images.items():
        (IMAGES / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(images)} images to docs/images/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
