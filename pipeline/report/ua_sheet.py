"""WeasyPrint's default stylesheet without the rules that style every element of a report six
times over.

WeasyPrint 70's user-agent stylesheet gives six pseudo-elements a style through rules that
match every element: `::marker`, `::footnote-call`, `::footnote-marker`, `::note-call`,
`::note-marker` and `::note-callback`. So it computes six styles more for each of a report's
1,500 elements (nine in ten of the styles it computes) and uses almost none of them: only
list items have markers, and a report has no footnotes or notes. That cost a tenth of laying
a report out (0.15 s). `lean_html` lays a document out with the same stylesheet, the marker
rule kept for list items and the notes' rules left out. A document that may need them (its
text names footnotes or notes, or makes something other than a list item a `list-item`) gets
WeasyPrint's own. These are WeasyPrint 70's internals, hence the version bound in
pyproject.toml; `tests/test_ua_sheet.py` compares the pages both ways."""

from __future__ import annotations

import functools
import re

from weasyprint import CSS, HTML
from weasyprint.html import UA, UA_COUNTER_STYLE
from weasyprint.urls import URLFetcher

UNIVERSAL_MARKER = "\n::marker {"
NOTE_RULES = re.compile(r"\n::(?:footnote|note)-[a-z]+ \{[^}]*\}")
# words a document using footnotes, notes or markers outside list items must contain
NEEDS_FULL_SHEET = ("footnote", "note(", "list-item")


# read by the kernel reset (`pipeline.batch.kernel.RESET_CODE`): the sheet stays, as it is
# made of the installed WeasyPrint's own
CACHES_OUTLIVE_NOTEBOOKS = True


@functools.cache
def lean_sheet() -> CSS | None:
    """The lean stylesheet, parsed once per process; None when WeasyPrint's own no longer has
    the rules this module expects (a new WeasyPrint), so that it is used as it is."""
    notes = NOTE_RULES.findall(UA)
    if UA.count(UNIVERSAL_MARKER) != 1 or len(notes) != 5:
        return None
    text = NOTE_RULES.sub("", UA.replace(UNIVERSAL_MARKER, "\nli::marker {"))
    return CSS(string=text, counter_style=UA_COUNTER_STYLE)


class _LeanHTML(HTML):
    def _ua_stylesheets(self, forms: bool = False) -> list[CSS]:
        sheet = lean_sheet()
        if forms or sheet is None:
            return super()._ua_stylesheets(forms)
        return [sheet]


def lean_html(html: str, base_url: str, fetcher: URLFetcher) -> HTML:
    """The document to lay out: with the lean stylesheet unless it may need what it leaves out."""
    lowered = html.lower()
    kind = HTML if any(word in lowered for word in NEEDS_FULL_SHEET) else _LeanHTML
    return kind(string=html, base_url=base_url, url_fetcher=fetcher)
