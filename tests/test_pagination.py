"""A chapter starts a new page unless the page before it would stay nearly empty."""

from __future__ import annotations

from weasyprint import HTML

from pipeline.core.paths import DEFAULT_BRAND, TEMPLATES_DIR
from pipeline.report.pagination import FLOW_MARGIN, chapter_ids, fill, flowing
from pipeline.report.render import PDF_OPTIONS, LocalOnlyFetcher, font_configuration, layout

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


def boxes_of(document) -> list[tuple]:   # noqa: ANN001
    """Every box of every page: kind, place, size and text."""
    out: list[tuple] = []

    def walk(box, depth: int) -> None:   # noqa: ANN001
        out.append((depth, type(box).__name__, box.position_x, box.position_y, box.width, box.height,
                    getattr(box, "text", None)))
        for child in getattr(box, "children", ()):
            walk(child, depth + 1)
    for page in document.pages:
        walk(page._page_box, 0)
    return out


def _flowing_layout(html: str) -> tuple[list[str], object]:
    """The pages as `layout` makes them, and the chapters that flowed on."""
    with flowing(chapter_ids(html)) as flowed:
        document = HTML(string=html, base_url=str(TEMPLATES_DIR) + "/",
                        url_fetcher=LocalOnlyFetcher([TEMPLATES_DIR, DEFAULT_BRAND])).render(
            font_config=font_configuration(), **PDF_OPTIONS)
    return list(flowed), document


def _ruled_layout(html: str, chapters: list[str]):   # noqa: ANN202
    """The same report laid out with those chapters flowing by CSS rules, without the hooks."""
    rules = " ".join(f"#{c} {{ break-before: auto; margin-top: {FLOW_MARGIN}; }}" for c in chapters)
    return HTML(string=html.replace("</head>", f"<style>{rules}</style></head>", 1), base_url=str(TEMPLATES_DIR) + "/",
                url_fetcher=LocalOnlyFetcher([TEMPLATES_DIR, DEFAULT_BRAND])).render(
        font_config=font_configuration(), **PDF_OPTIONS)


def test_flowing_chapters_give_the_pages_of_css_rules_with_the_contents_numbers_they_have():
    """A chapter decided on while laid out comes out as the same report with a CSS rule for it
    would: the same boxes on the same pages, and the contents page numbers its new pages."""
    toc = ('<style>.toc a::after { content: target-counter(attr(href), page); float: right }</style>'
           '<nav class="toc"><a href="#een">Een</a> <a href="#twee">Twee</a> <a href="#drie">Drie</a></nav>')
    lines = "".join(f"<p>Regel {i} van het eerste hoofdstuk.</p>" for i in range(80))
    html = (f"<html><head>{STYLE}</head><body>{toc}"
            f'<section class="chapter" id="een"><h1>Een</h1>{lines}</section>'
            f'<section class="chapter" id="twee"><h1>Twee</h1><p>Het tweede hoofdstuk.</p></section>'
            f'<section class="chapter" id="drie"><h1>Drie</h1><p>Het derde hoofdstuk.</p></section>'
            "</body></html>")
    flowed, document = _flowing_layout(html)
    assert flowed == ["een", "drie"]      # onto the contents page, then onto the second chapter's page
    full = _ruled_layout(html, flowed)
    assert [sorted(p.anchors) for p in full.pages] == [["een"], ["een"], ["een"], ["drie", "twee"]]
    contents = [b[-1] for b in boxes_of(document) if b[1] == "TextBox"][:8]
    assert contents == ["Een", "1", " ", "Twee", "4", " ", "Drie", "4"]
    assert boxes_of(document) == boxes_of(full)


def test_a_later_chapter_flows_on_even_when_an_earlier_one_could_not():
    """The first chapter's opening block does not fit under the spilled lines, so it keeps its
    page; the second chapter still flows onto the few lines the first one spills."""
    spill = "".join(f"<p>Regel {i}.</p>" for i in range(8))
    block = '<div style="height: 120mm; break-inside: avoid; background: #eee"></div>'
    html = (f"<html><head>{STYLE}</head><body>"
            f'<section class="chapter" id="een"><h1>Een</h1>{spill}</section>'
            f'<section class="chapter" id="twee">{block}{spill}{spill}{spill}</section>'
            f'<section class="chapter" id="drie"><h1>Drie</h1><p>Het derde hoofdstuk.</p></section>'
            "</body></html>")
    flowed, document = _flowing_layout(html)
    assert flowed == ["twee", "drie"]
    pages = [[a for a in ("een", "twee", "drie") if a in page.anchors] for page in document.pages]
    assert pages == [["een"], ["twee"], ["twee", "drie"]]
    assert fill(document.pages[0]._page_box) < 0.5      # the block could not come up: it needs 120 mm
    assert boxes_of(document) == boxes_of(_ruled_layout(html, flowed))
