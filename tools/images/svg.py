"""SVG drawing for tools/images: a small element builder, text wrapping, the caption every image carries
and the table shape the dashboards and the setup page share."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

TOOL = "tools/images"
WIDTH = 960
MARGIN = 20
FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"
CHAR_WIDTH = 0.56  # of the font size: a fair average for this font, used to wrap text
INK, MUTED, LINE, FILL, ACCENT, PANEL = "#1f2933", "#616e7c", "#9aa5b1", "#f5f7fa", "#2563eb", "#ffffff"


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
