"""A chapter starts a new page unless the page before it would stay nearly empty."""

from __future__ import annotations

from pipeline.core.paths import DEFAULT_BRAND, TEMPLATES_DIR
from pipeline.report.pagination import chapter_ids, fill
from pipeline.report.render import LocalOnlyFetcher, layout

STYLE = "<style>@page { size: A5; margin: 15mm } .chapter { break-before: page } p { margin: 0 }</style>"


def report(first_lines: int) -> str:
    lines = "".join(f"<p>Regel {i} van het eerste hoofdstuk.</p>" for i in range(first_lines))
    return (f"<html><head>{STYLE}</head><body>"
            f'<section class="chapter" id="een"><h1>Een</h1>{lines}</section>'
            f'<section class="chapter" id="twee"><h1>Twee</h1><p>Het tweede hoofdstuk.</p></section>'
            "</body></html>")


def pages_of(html: str) -> list[list[str]]:
    document = layout(html, LocalOnlyFetcher([TEMPLATES_DIR, DEFAULT_BRAND]))
    return [[a for a in ("een", "twee") if a in page.anchors] for page in document.pages]


def test_a_chapter_after_a_few_spilled_lines_flows_on_instead_of_leaving_the_page_blank():
    spilled = pages_of(report(first_lines=32))          # a page and a few lines
    assert len(spilled) == 2 and "twee" in spilled[1] and "een" in spilled[1]


def test_a_chapter_after_a_well_filled_page_starts_its_own_page():
    full = pages_of(report(first_lines=50))             # a page and a half
    assert "twee" not in full[1] and "twee" in full[2]


def test_the_opening_chapters_always_keep_a_page_and_fill_is_measured_on_the_text_area():
    html = '<section class="chapter summary" id="samenvatting"></section><section class="chapter" id="x">'
    assert chapter_ids(html) == ["x"]
    document = layout(report(first_lines=50), LocalOnlyFetcher([TEMPLATES_DIR, DEFAULT_BRAND]))
    assert fill(document.pages[0]._page_box) > 0.9 and 0 < fill(document.pages[-1]._page_box) < 0.2
