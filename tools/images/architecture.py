"""Where a result goes, with the names the app's conf files and setup page give its parts."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tools.harness.splunk_conf import DEFAULT_STANZA, Stanzas, parse_conf
from tools.images.svg import CHAR_WIDTH, INK, LINE, MARGIN, MUTED, PANEL, WIDTH, Svg, caption, wrap

PACKAGE = Path(__file__).resolve().parents[2] / "package"


def conf(name: str) -> Stanzas:
    """package/default/<name>, parsed as splunkd reads it."""
    return parse_conf((PACKAGE / "default" / name).read_text(encoding="utf-8"))


def conf_stanzas(name: str) -> list[str]:
    """The stanza names of package/default/<name>, in order."""
    return [stanza for stanza in conf(name) if stanza != DEFAULT_STANZA]


def rest_path(stanza: str) -> str:
    """The path a restmap.app.conf stanza serves, without its leading slash."""
    return conf("restmap.app.conf")[stanza]["match"].lstrip("/")


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
