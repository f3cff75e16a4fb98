"""Check a report's pages as a reader sees them, and exit non-zero on a problem.

    .venv/bin/python scripts/check_pages.py reports/*/*.pdf

Per page, from the text's boxes (`pdftotext -bbox-layout`) and a rendered image (`pdftoppm`):

- **mostly empty**: a page (not the cover, contents, foreword or the last page) whose ink ends
  above a third of the text area: a chapter that leaves a page nearly blank, or a block pushed
  to the next page. Ink is measured on the image, so charts count; the light draft mark does not.
- **heading at the page foot**: the last line of the text area is a heading (every heading
  is a bookmark of the PDF), so its text starts on the next page.
- **outside the margins**: a word of the text area that runs past the left or right margin.

Prints one line per problem, `FILE: page N: what`, and exits 1 when there is any."""

from __future__ import annotations

import io
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

MM = 72 / 25.4
MARGIN = {"top": 24 * MM, "bottom": 22 * MM, "left": 20 * MM, "right": 20 * MM}   # templates/report.css @page
LANDSCAPE_MARGIN = {"top": 17 * MM, "bottom": 14 * MM, "left": 10 * MM, "right": 10 * MM}   # templates/portfolio.css
TOLERANCE = 1.5 * MM
MIN_FILL = 1 / 3            # a page whose ink ends above this share of the text area is mostly empty
MARK_HEIGHT = 40.0          # points: the draft mark's letters (72 pt), never a line of the text
INK = 150                   # grey level below which a pixel is ink (the draft mark is lighter)
DPI = 30
XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Line:
    x_min: float
    y_min: float
    x_max: float
    y_max: float
    text: str


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    lines: tuple[Line, ...]

    @property
    def margin(self) -> dict[str, float]:
        """This page's own margins, by its orientation: a landscape page is the portfolio's."""
        return LANDSCAPE_MARGIN if self.width > self.height else MARGIN

    @property
    def body(self) -> list[Line]:
        """The lines of the text area: not the running header or footer, nor the draft mark."""
        margin = self.margin
        return [line for line in self.lines
                if line.y_min >= margin["top"] - TOLERANCE and line.y_max <= self.height - margin["bottom"] + TOLERANCE
                and line.y_max - line.y_min < MARK_HEIGHT]


def read_pages(pdf: Path) -> list[Page]:
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    root = ET.fromstring(xml)
    pages = []
    for number, page in enumerate(root.iter(f"{XHTML}page"), start=1):
        lines = tuple(
            Line(float(line.get("xMin", 0)), float(line.get("yMin", 0)), float(line.get("xMax", 0)),
                 float(line.get("yMax", 0)), " ".join(w.text or "" for w in line.iter(f"{XHTML}word")))
            for line in page.iter(f"{XHTML}line"))
        pages.append(Page(number, float(page.get("width", 0)), float(page.get("height", 0)), lines))
    return pages


def ink_bottom(pdf: Path, page: Page) -> float:
    """How far down the text area the ink goes, as a share of its height (0: none)."""
    png = subprocess.run(["pdftoppm", "-gray", "-png", "-r", str(DPI), "-f", str(page.number), "-l",
                          str(page.number), str(pdf)], capture_output=True, check=True).stdout
    image = Image.open(io.BytesIO(png)).convert("L")
    scale = image.height / page.height
    margin = page.margin
    top, bottom = int(margin["top"] * scale), int((page.height - margin["bottom"]) * scale)
    left, right = int(margin["left"] * scale), int((page.width - margin["right"]) * scale)
    pixels = image.load()
    for y in range(bottom - 1, top, -1):
        if any(pixels[x, y] < INK for x in range(left, right)):
            return (y - top) / (bottom - top)
    return 0.0


def headings(pdf: Path) -> dict[int, list[str]]:
    """Page number -> the headings that start on it, from the PDF's bookmarks."""
    reader = PdfReader(pdf)
    found: dict[int, list[str]] = {}

    def walk(items: list[object]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.setdefault(reader.get_destination_page_number(item) + 1, []).append(str(item.title))
    walk(reader.outline)
    return found


def page_problems(pdf: Path, page: Page, last: int, exempt: set[int], titles: list[str]) -> list[str]:
    found = []
    body = page.body
    if body and page.number not in exempt and page.number != last:
        fill = ink_bottom(pdf, page)
        if fill < MIN_FILL:
            found.append(f"mostly empty: the content ends at {fill:.0%} of the page")
    if body:
        foot = max(body, key=lambda line: line.y_max)
        if foot.text.strip() and any(title.endswith(foot.text.strip()) for title in titles):
            found.append(f"heading at the page foot: {foot.text!r}")
    for line in body:
        if line.x_min < page.margin["left"] - TOLERANCE or line.x_max > page.width - page.margin["right"] + TOLERANCE:
            found.append(f"outside the margins: {line.text[:60]!r}")
    return found


def exempt_pages(pages: list[Page]) -> set[int]:
    """The cover, the contents and a foreword: short by nature."""
    exempt = {1}
    for page in pages[1:4]:
        first = " ".join(line.text for line in page.body[:1])
        if first.startswith(("Inhoud", "Contents", "Voorwoord", "Foreword")):
            exempt.add(page.number)
    return exempt


def check(pdf: Path) -> list[str]:
    pages = read_pages(pdf)
    exempt, starts = exempt_pages(pages), headings(pdf)
    return [f"{pdf}: page {page.number}: {problem}" for page in pages if page.number != 1
            for problem in page_problems(pdf, page, len(pages), exempt, starts.get(page.number, []))]


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    problems = [problem for pdf in argv for problem in check(Path(pdf))]
    print("\n".join(problems) if problems else f"{len(argv)} PDF(s): no page problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
