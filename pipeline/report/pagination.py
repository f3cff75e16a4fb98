"""Chapters start a new page, unless that leaves the page before them nearly blank.

Every chapter of the report starts on a page of its own, which reads well until the chapter
before it spills a few lines (one quote, a short table) onto a new page: that page then stays
mostly white. CSS cannot say "break, unless the page would stay nearly empty", so the report
is laid out once, the chapters that follow such a page are found here, and the report is laid
out again with those chapters flowing on (`flowing`). The second layout is only paid for a
report that needs it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from markupsafe import escape
from weasyprint import Document
from weasyprint.formatting_structure import boxes

MIN_FILL = 1 / 3      # a page whose content ends above this share of its text area is mostly empty
CHAPTER = re.compile(r'<section class="chapter(?: [^"]*)?" id="([^"]+)"')
ALWAYS_NEW_PAGE = {"voorwoord", "samenvatting"}   # the opening pages keep a page each


def chapter_ids(html: str) -> list[str]:
    return [c for c in CHAPTER.findall(html) if c not in ALWAYS_NEW_PAGE]


def _ends(box: boxes.Box) -> Iterator[float]:
    """The bottom of every line of text and picture of the page's text area (not its running
    header or footer, nor the fixed draft mark)."""
    if isinstance(box, boxes.MarginBox) or box.style["position"] == "fixed":
        return
    if isinstance(box, (boxes.TextBox, boxes.ReplacedBox)):
        yield box.position_y + box.margin_height()
    for child in getattr(box, "children", ()):
        yield from _ends(child)


def fill(page_box: boxes.PageBox) -> float:
    """How far down its text area a page's content reaches, 0–1."""
    top = page_box.content_box_y()
    return max((bottom - top for bottom in _ends(page_box)), default=0.0) / page_box.height


def chapters_to_flow(document: Document, chapters: list[str]) -> list[str]:
    """The chapters that open the page after a mostly empty one."""
    flow = []
    for before, page in zip(document.pages, document.pages[1:], strict=False):
        opening = [c for c in chapters if c in page.anchors and c not in before.anchors]
        if opening and fill(before._page_box) < MIN_FILL:
            flow.append(opening[0])
    return flow


def flowing(html: str, chapters: list[str]) -> str:
    """The report with these chapters continuing on the page before them."""
    rules = " ".join(f"#{escape(c)} {{ break-before: auto; margin-top: 10mm; }}" for c in chapters)
    return html.replace("</head>", f"<style>{rules}</style></head>", 1)
