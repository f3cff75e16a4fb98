"""HTML from Jinja2 templates, PDF from HTML with WeasyPrint, and nothing fetched from
anywhere else: the URL fetcher serves files from the templates folder and the brand
folder only, so an open answer that smuggles in `<img src="http://...">` or `file:///etc`
(it is escaped anyway) can never make the renderer reach out.

A PDF is made in two timed steps, `layout` (boxes and pages) and `write_document` (drawing
the pages into the file, the charts' texts a line at a time: `pipeline.report.svg_text`, the
objects with less work: `pipeline.report.pdf_objects`);
each thread keeps one WeasyPrint font configuration for all its documents, so the fonts
are looked up once per worker, not once per report."""

from __future__ import annotations

import functools
import threading
from pathlib import Path
from urllib.parse import unquote, urlparse

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from weasyprint import Document
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from pipeline.core.errors import FetchRefusedError
from pipeline.core.files import atomic_write
from pipeline.core.paths import TEMPLATES_DIR
from pipeline.report.glyphs import printable
from pipeline.report.pagination import chapter_ids, flowing
from pipeline.report.pdf_objects import use_quick_objects
from pipeline.report.svg_text import use_line_text
from pipeline.report.ua_sheet import lean_html


class LocalOnlyFetcher(URLFetcher):
    """Serves data: URIs and files under the allowed folders; refuses and records the rest."""

    def __init__(self, allowed: list[Path]):
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
        self.allowed = [p.resolve() for p in allowed]
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict | None = None):
        parsed = urlparse(url)
        if parsed.scheme == "data":
            return super().fetch(url, headers)
        if parsed.scheme == "file":
            path = Path(unquote(parsed.path)).resolve()
            if any(path == root or root in path.parents for root in self.allowed):
                return super().fetch(url, headers)
        self.refused.append(url)
        raise FetchRefusedError(f"refused to fetch {url}: only template and brand files are used")


# read by the kernel reset (`pipeline.batch.kernel.RESET_CODE`): the environments stay. Each
# checks its templates' files on every use, and a warm kernel serves one recipe (templates and
# brand, `pipeline.batch.run.recipe_hash`) only; compiling the report's template again for each
# notebook took 0.15 s
CACHES_OUTLIVE_NOTEBOOKS = True


@functools.cache
def environment(brand_folder: Path) -> Environment:
    """One environment per brand and process, so each template is compiled once, not for every
    report (20 ms a report); the loader still checks the files' times, so an edited template is
    used. A brand folder may hold its own templates (a `report.html.j2` or `report.css` of the
    firm's): they are found first, the shipped ones for everything else. Every printed value
    goes through `printable`, so an emoji in an open answer never prints as a box."""
    env = Environment(
        loader=FileSystemLoader([brand_folder, TEMPLATES_DIR]),
        autoescape=select_autoescape(["html", "j2"], default_for_string=True),
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, finalize=printable,
    )
    return env


def render_html(template: str, brand_folder: Path, **context: object) -> str:
    return environment(brand_folder.resolve()).get_template(template).render(**context)


# tagged PDF/UA, for the layout and the writing alike (as `HTML.write_pdf` passes them)
PDF_OPTIONS: dict[str, object] = {"pdf_variant": "pdf/ua-1", "uncompressed_pdf": False}
_per_thread = threading.local()


def font_configuration() -> FontConfiguration:
    """This thread's font configuration: WeasyPrint's font lookups are cached in it, and a
    Pango font map is not to be shared between threads."""
    if not hasattr(_per_thread, "fonts"):
        _per_thread.fonts = FontConfiguration()
    return _per_thread.fonts


def layout(html: str, fetcher: LocalOnlyFetcher) -> Document:
    """The pages, with a chapter flowing on where a new page would leave the page before it
    mostly empty (`pipeline.report.pagination`), styled without the default rules a report
    never uses (`pipeline.report.ua_sheet`)."""
    with flowing(chapter_ids(html)):
        return lean_html(html, str(TEMPLATES_DIR) + "/", fetcher).render(font_config=font_configuration(),
                                                                         **PDF_OPTIONS)


def write_document(document: Document, target: Path) -> None:
    """Draw the pages into the PDF at `target`, the charts' texts a line at a time (`svg_text`),
    the objects written with less work (`pdf_objects`)."""
    use_line_text()
    use_quick_objects()
    atomic_write(target, lambda tmp: document.write_pdf(tmp, **PDF_OPTIONS))


def write_pdf(html: str, target: Path, brand_folder: Path) -> LocalOnlyFetcher:
    """Render to PDF (tagged, PDF/UA) and return the fetcher, whose `refused` list says
    what the document tried and failed to reach."""
    fetcher = LocalOnlyFetcher([TEMPLATES_DIR, brand_folder])
    write_document(layout(html, fetcher), target)
    return fetcher
