"""Chart texts drawn a line at a time (`pipeline.report.svg_text`) look as WeasyPrint's own
letter-by-letter drawing does, and texts that place letters one by one still get WeasyPrint's."""

from __future__ import annotations

import base64
import re
import subprocess
from pathlib import Path

import pytest
import weasyprint.svg
from PIL import Image, ImageChops

from pipeline.report import svg_text
from tests.pdf_helpers import pdf_text

pytestmark = pytest.mark.slow

ONE_LINE = [
    '<text x="10" y="20" font-family="Open Sans" font-size="12">Strateeg AVWa fi ffl</text>',
    '<text x="150" y="40" font-family="Open Sans" font-size="9" text-anchor="middle" fill="#1f3a5f">'
    'Ontwikkelaar</text>',
    '<text x="290" y="60" font-family="Open Sans" font-size="9" font-weight="bold" text-anchor="end">3,9</text>',
    '<text font-family="Open Sans" font-size="8" transform="translate(60 120) rotate(-45)">Verkenner</text>',
    '<text x="20" y="90" font-family="Open Sans" font-size="7" fill="#ffffff" stroke="#ffffff" stroke-width="2.2">'
    'Huisartsencoöperatie</text>',
    '<text x="20" y="90" font-family="Open Sans" font-size="7" fill="#333333">Huisartsencoöperatie</text>',
]
PER_LETTER = [
    '<text x="10 20 30" y="140" font-family="Open Sans" font-size="9">abc</text>',
    '<text x="60" y="140" dx="0 4 8" font-family="Open Sans" font-size="9">def</text>',
    '<text x="120" y="140" font-family="Open Sans" font-size="9">gh<tspan font-weight="bold">ij</tspan></text>',
]


def _pdf(texts: list[str], target: Path, line_text: bool, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A page with one SVG picture of `texts`, drawn by WeasyPrint's function or by ours."""
    own = dict.fromkeys(svg_text.TEXT_TAGS, svg_text.letter_by_letter)
    monkeypatch.setattr(weasyprint.svg, "TAGS", {**weasyprint.svg.TAGS, **own})
    monkeypatch.setattr(weasyprint.svg, "text", svg_text.letter_by_letter)
    if line_text:
        svg_text.use_line_text()
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="300" height="160" viewBox="0 0 300 160">'
           f'{"".join(texts)}</svg>')
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    weasyprint.HTML(string=f'<img src="{uri}">').write_pdf(target, uncompressed_pdf=True)
    return target


def _ink(path: Path) -> Image.Image:
    """The page in grey at 150 dpi."""
    subprocess.run(["pdftoppm", "-r", "150", "-gray", "-png", "-singlefile", str(path), str(path.with_suffix(""))],
                   check=True)
    return Image.open(path.with_suffix(".png")).convert("L")


def test_one_line_texts_look_as_weasyprint_draws_them(tmp_path, monkeypatch):
    own = _pdf(ONE_LINE, tmp_path / "own.pdf", False, monkeypatch)
    ours = _pdf(ONE_LINE, tmp_path / "ours.pdf", True, monkeypatch)
    assert pdf_text(ours, layout=False).split() == pdf_text(own, layout=False).split()
    a, b = _ink(own), _ink(ours)
    assert ImageChops.difference(a, b).getbbox() is None or _differing(a, b) < 0.01 * _inked(a)
    # and ours writes each text as one run of letters, where WeasyPrint writes a run per letter
    runs = len(re.findall(rb"\bT[Jj]\b", ours.read_bytes()))
    assert runs == len(ONE_LINE) < len(re.findall(rb"\bT[Jj]\b", own.read_bytes()))


def test_texts_placed_letter_by_letter_are_drawn_by_weasyprint(tmp_path, monkeypatch):
    own = _pdf(PER_LETTER, tmp_path / "own.pdf", False, monkeypatch)
    ours = _pdf(PER_LETTER, tmp_path / "ours.pdf", True, monkeypatch)
    assert ImageChops.difference(_ink(own), _ink(ours)).getbbox() is None


def _inked(image: Image.Image) -> int:
    return sum(image.point(lambda v: 255 if v < 128 else 0).histogram()[255:])


def _differing(a: Image.Image, b: Image.Image) -> int:
    return sum(ImageChops.difference(a, b).point(lambda v: 255 if v > 64 else 0).histogram()[255:])
