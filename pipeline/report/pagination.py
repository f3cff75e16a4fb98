"""Chapters start a new page, unless that leaves the page before them less than half full.

Every chapter of the report starts on a page of its own, which reads well until the chapter
before it spills a few lines (one quote, a short table) onto a new page: that page then stays
mostly white. CSS cannot say "break, unless the page would stay nearly empty", so the report
is laid out once, the chapters that follow such a page are found here, and the report is laid
out again with those chapters flowing on (`FLOWING`), from the page before the first of them
on (`pipeline.report.relayout`): the pages before it are kept."""

from __future__ import annotations

import re
from collections.abc import Iterator

from weasyprint.formatting_structure import boxes

from pipeline.report.relayout import page_anchors

MIN_FILL = 1 / 2      # a chapter flows on when the page before it is less than half full
CHAPTER = re.compile(r'<section class="chapter(?: [^"]*)?" id="([^"]+)"')
ALWAYS_NEW_PAGE = {"voorwoord", "samenvatting"}   # the opening pages keep a page each
FLOW_MARGIN = "10mm"  # a flowing chapter: `#id { break-before: auto; margin-top: 10mm }`


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


def chapters_to_flow(pages: list[boxes.PageBox], chapters: list[str]) -> list[str]:
    """The chapters that open the page after a mostly empty one."""
    anchors = [set(page_anchors(page)) for page in pages]
    flow = []
    for before, before_anchors, page_anchors_ in zip(pages, anchors, anchors[1:], strict=False):
        opening = [c for c in chapters if c in page_anchors_ and c not in before_anchors]
        if opening and fill(before) < MIN_FILL:
            flow.append(opening[0])
    return flow
