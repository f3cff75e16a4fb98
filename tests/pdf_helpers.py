"""Reading PDFs back, as the tests of every PDF the project writes need to."""

from __future__ import annotations

import subprocess
from pathlib import Path

from pypdf import PdfReader


def pdf_text(path: Path, layout: bool = True) -> str:
    """pdftotext's text; without layout in reading order, so a name wrapped in its cell stays together."""
    return subprocess.run(["pdftotext", *(["-layout"] if layout else []), str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def embedded_fonts(reader: PdfReader) -> dict[str, bool]:
    """Every font's BaseFont name → whether its font file is embedded."""
    found = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"] if "/DescendantFonts" in font \
                else font.get("/FontDescriptor")
            found[str(font["/BaseFont"])] = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return found
