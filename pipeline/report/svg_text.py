"""Chart texts drawn by WeasyPrint a line at a time instead of a letter at a time.

WeasyPrint 70 draws every SVG `<text>` letter by letter: it lays each letter out with Pango
on its own and writes it as its own piece of PDF text, so that per-letter positions (`x`
lists, `dx`, `rotate`, `textLength`) can be honoured. A report's charts hold about 4,000
letters, and that work was a third of writing the PDF. matplotlib never writes per-letter
positions: each of its texts is one line at one point. `draw_text` lays out such a text once
and draws it in one go, with kerning and ligatures off, so that each letter keeps the advance
it has on its own and the line looks as WeasyPrint's own drawing does
(`tests/test_svg_text.py` compares the pages). Any other text goes to WeasyPrint's own
function. These are WeasyPrint 70's internals, hence the version bound in pyproject.toml."""

from __future__ import annotations

from math import inf

import weasyprint.svg
from weasyprint.css.properties import INITIAL_VALUES
from weasyprint.draw.text import draw_emojis, draw_first_line
from weasyprint.matrix import Matrix
from weasyprint.svg.bounding_box import extend_bounding_box
from weasyprint.svg.text import Style, TextBox
from weasyprint.svg.text import text as letter_by_letter
from weasyprint.svg.utils import normalize, size
from weasyprint.text.line_break import split_first_line

# what places or spaces letters one by one; a text with any of these is drawn by WeasyPrint
PER_LETTER = ("dx", "dy", "rotate", "textLength", "letter-spacing", "direction")
TEXT_TAGS = ("a", "text", "textPath", "tspan")
# the baseline shifts of WeasyPrint's text drawing, by the attributes that ask for them
ASCENT, DESCENT = 0.8, 0.2
HANGING = ("text-before-edge", "before_edge", "top", "hanging", "text-top")
SUNK = ("text-after-edge", "after_edge", "bottom", "text-bottom")


def use_line_text() -> None:
    """Make WeasyPrint draw SVG texts with `draw_text` (once per process; idempotent). Its
    drawing code finds the text function through the package's `text` name and its `TAGS`."""
    for tag in TEXT_TAGS:
        weasyprint.svg.TAGS[tag] = draw_text
    weasyprint.svg.text = draw_text      # type: ignore[attr-defined]


def draw_text(svg, node, font_size: float) -> None:   # noqa: ANN001 - WeasyPrint's SVG and Node
    if not _one_line(node):
        letter_by_letter(svg, node, font_size)
        return
    style = _style(svg, node, font_size)
    layout, _, _, width, height, baseline = split_first_line(node.text, style, svg.context, inf, 0)
    x = size(normalize(node.attrib["x"]).strip(), font_size, svg.inner_width) if "x" in node.attrib else None
    y = size(normalize(node.attrib["y"]).strip(), font_size, svg.inner_height) if "y" in node.attrib else None
    if x is not None:
        svg.cursor_d_position[0] = 0
    if y is not None:
        svg.cursor_d_position[1] = 0
    x = svg.cursor_position[0] if x is None else x
    y = svg.cursor_position[1] if y is None else y
    svg.cursor_position = x + width, y
    left = x + svg.cursor_d_position[0]
    base = y + svg.cursor_d_position[1] + _baseline_shift(node, font_size, height)
    node.text_bounding_box = extend_bounding_box(
        node.text_bounding_box, ((left, base - baseline), (left + width, base - baseline + height)))

    svg.stream.push_state()
    fill, stroke = svg.set_graphical_state(node, font_size)
    svg.stream.begin_text()
    layout.reactivate(style)
    svg.fill_stroke(fill, stroke, text=True)
    line = TextBox(layout, style)
    line.baseline = baseline
    emojis = draw_first_line(svg.stream, line, "none", "none", Matrix(a=1, d=-1, e=left, f=base))
    svg.stream.end_text()
    svg.stream.pop_state()
    draw_emojis(svg.stream, style, x, y, emojis)


def _one_line(node) -> bool:   # noqa: ANN001
    """A `<text>` of one run of letters at one point, as matplotlib writes every text."""
    return (node.tag == "text" and bool(node.text) and next(iter(node), None) is None
            and not any(name in node.attrib for name in PER_LETTER)
            and all(len(normalize(node.attrib.get(axis)).split()) <= 1 for axis in ("x", "y")))


def _style(svg, node, font_size: float) -> Style:   # noqa: ANN001
    """WeasyPrint's style for an SVG text, with kerning and ligatures off: a letter laid out on
    its own has neither."""
    style = Style()
    style.update(INITIAL_VALUES)
    style.font_config = svg.font_config
    style["font_family"] = [font.strip("\"'") for font in node.get("font-family", "sans-serif").split(",")]
    style["font_style"] = node.get("font-style", "normal")
    weight = str(node.get("font-weight", 400))
    style["font_weight"] = {"normal": 400, "bold": 700}.get(weight, int(weight) if weight.isdigit() else 400)
    style["font_size"] = font_size
    style["font_kerning"] = "none"
    style["font_variant_ligatures"] = "none"
    return style


def _baseline_shift(node, font_size: float, height: float) -> float:   # noqa: ANN001
    anchor = node.get("display-anchor")
    alignment = node.get("dominant-baseline", node.get("alignment-baseline"))
    if anchor == "middle":
        return -height / 2
    if anchor == "top":
        return 0
    if anchor == "bottom":
        return -height
    if alignment in ("central", "middle"):
        return (ASCENT + DESCENT) * font_size / 2 - DESCENT * font_size
    if alignment in HANGING:
        return ASCENT * font_size
    if alignment in SUNK:
        return -DESCENT * font_size
    return 0
