"""Chapters start a new page, unless that leaves the page before them less than half full.

Every chapter of the report starts on a page of its own, which reads well until the chapter
before it spills a few lines (one quote, a short table) onto a new page: that page then stays
mostly white. CSS cannot say "break, unless the page would stay nearly empty", so the break is
decided where WeasyPrint decides every forced break between two boxes
(`block_level_page_break`): while `flowing(chapters)` is in effect in this thread, a break
before one of `chapters` that would leave the page less than half full is dropped, and the
chapter flows on `FLOW_MARGIN` below the content, as `#id { break-before: auto; margin-top:
10mm }` would make it. The page before the chapter is complete when WeasyPrint reaches the
chapter, so one layout decides every chapter in order, each on the pages as the chapters
before it left them. The hooks follow WeasyPrint 70's layout functions (hence the version
bound in pyproject.toml); outside `flowing` they change nothing."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import weasyprint.layout.block
import weasyprint.layout.page
from weasyprint.css.computed_values import length
from weasyprint.css.properties import Dimension
from weasyprint.formatting_structure import boxes

MIN_FILL = 1 / 2      # a chapter flows on when the page before it is less than half full
CHAPTER = re.compile(r'<section class="chapter(?: [^"]*)?" id="([^"]+)"')
ALWAYS_NEW_PAGE = {"voorwoord", "samenvatting"}   # the opening pages keep a page each
FLOW_MARGIN = "10mm"  # a flowing chapter: `#id { break-before: auto; margin-top: 10mm }`

_page_break = weasyprint.layout.block.block_level_page_break
_page_content_layout = weasyprint.layout.page.block_level_layout


@dataclass
class _Flowing:
    chapters: set[str]
    flowed: list[str] = field(default_factory=list)
    page: tuple[float, float] = (0.0, 1.0)      # the text area of the page being laid out: top, height


_in_thread = threading.local()


def chapter_ids(html: str) -> list[str]:
    return [c for c in CHAPTER.findall(html) if c not in ALWAYS_NEW_PAGE]


def _ends(box: boxes.Box) -> Iterator[float]:
    """The bottom of every line of text and picture laid out in `box` (not a running header or
    footer, nor the fixed draft mark)."""
    if isinstance(box, boxes.MarginBox) or box.style["position"] == "fixed":
        return
    if isinstance(box, (boxes.TextBox, boxes.ReplacedBox)) and hasattr(box, "position_y"):
        yield box.position_y + box.margin_height()
    for child in getattr(box, "children", ()):
        yield from _ends(child)


def fill(page_box: boxes.PageBox) -> float:
    """How far down its text area a page's content reaches, 0–1."""
    return _reach(_ends(page_box), page_box.content_box_y(), page_box.height)


def _reach(bottoms: Iterable[float], top: float, height: float) -> float:
    return max((bottom - top for bottom in bottoms), default=0.0) / height


@contextmanager
def flowing(chapters: list[str]) -> Iterator[list[str]]:
    """Within the block, layouts in this thread let these chapters flow on after a mostly
    empty page; yields the chapters that did, in order."""
    _hook_weasyprint()
    state = _in_thread.state = _Flowing(set(chapters))
    try:
        yield state.flowed
    finally:
        _in_thread.state = None


def _hook_weasyprint() -> None:
    """Route WeasyPrint's page content layout and its forced-break decision through this module
    (once per process: the hooks pass everything through outside `flowing`)."""
    weasyprint.layout.page.block_level_layout = _laid_out_on_page
    weasyprint.layout.block.block_level_page_break = _break_between


def _laid_out_on_page(context, box, bottom_space, skip_stack, containing_block,  # noqa: ANN001, ANN002, ANN003
                      *args, **kwargs):
    """WeasyPrint lays out a page's content with the page as containing block: note its text area."""
    state = getattr(_in_thread, "state", None)
    if state is not None and isinstance(containing_block, boxes.PageBox):
        state.page = (containing_block.content_box_y(), containing_block.height)
    return _page_content_layout(context, box, bottom_space, skip_stack, containing_block, *args, **kwargs)


def _break_between(before: boxes.Box, after: boxes.Box) -> str:
    """WeasyPrint's break between two sibling boxes, but none before a chapter that would leave
    the page less than half full: the chapter then flows on (its box's style says so from now
    on, so that laying the page out again, for the contents page's numbers, decides alike)."""
    value: str = _page_break(before, after)
    state = getattr(_in_thread, "state", None)
    if state is None or value != "page" or after.style["anchor"] not in state.chapters:
        return value
    bottoms = list(_ends(before)) or [before.border_box_y() + before.border_height()]   # no text: the box
    if _reach(bottoms, *state.page) >= MIN_FILL:
        return value
    after.style["break_before"] = "auto"
    after.style["margin_top"] = _length(after, FLOW_MARGIN)
    state.flowed.append(after.style["anchor"])
    return str(_page_break(before, after))


def _length(box: boxes.Box, css: str) -> Dimension:
    value, unit = float(css.rstrip("abcdefghijklmnopqrstuvwxyz")), css.lstrip("0123456789.")
    return length(box.style, "margin_top", Dimension(value, unit))
