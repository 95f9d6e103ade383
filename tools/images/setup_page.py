"""The Configuration page UCC generates from globalConfig.json: its tabs, one tab's table and form fields."""

from __future__ import annotations

from typing import Any

from tools.images.svg import (
    ACCENT,
    FILL,
    INK,
    LINE,
    MARGIN,
    MUTED,
    PANEL,
    WIDTH,
    Svg,
    caption,
    table_shape,
    wrap,
)

UCC_TAB_TITLES = {"proxyTab": "Proxy", "loggingTab": "Logging"}  # UCC's own tabs carry no title


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
