"""A PDF written with less work (`pipeline.report.pdf_objects`) holds what pydyf's own writing
holds: the same page contents and the same tag tree, each tag on the same page."""

from __future__ import annotations

import subprocess
import sys
import zlib
from pathlib import Path

import pydyf
import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

from pipeline.core.paths import TEMPLATES_DIR
from pipeline.report import pdf_objects, render

PAGES = "".join(f'<section style="break-before: page"><h1>Hoofdstuk {n}</h1><p>Bouwsteen {n} '
                f'in <a href="#h{n % 3}">een verwijzing</a>.</p><h2 id="h{n % 3}">Kop {n}</h2>'
                f'<ul><li>Strateeg</li><li>Netwerkbureau</li></ul></section>' for n in range(5))


def test_streams_are_compressed_at_zlib_s_default_level_and_decompress_the_same():
    data = b"0 0 m 10 10 l S BT /F1 9 Tf (Netwerkscan) Tj ET\n" * 400
    compressor = pdf_objects._DefaultLevelZlib().compressobj(level=9)      # what pydyf asks for
    packed = compressor.compress(data) + compressor.flush()
    assert packed == zlib.compress(data, zlib.Z_DEFAULT_COMPRESSION)
    assert packed != zlib.compress(data, 9)
    assert zlib.decompress(packed) == data


def test_page_references_follow_every_added_page():
    pdf = pydyf.PDF()
    own = [pydyf.Dictionary({"Type": "/Page"}) for _ in range(3)]
    for page in own[:2]:
        pdf.add_page(page)
    assert pdf_objects._page_references(pdf) == tuple(f"{p.number} 0 R".encode() for p in own[:2])
    pdf.add_page(own[2])
    assert pdf_objects._page_references(pdf) == tuple(f"{p.number} 0 R".encode() for p in own)


def _tagged_contents(path: Path) -> tuple[list[bytes], object]:
    """Each page's drawing, and the tag tree with every tag's page as its page number."""
    reader = PdfReader(path)

    def tree(node: object) -> object:
        node = node.get_object()                                      # type: ignore[attr-defined]
        if isinstance(node, DictionaryObject):
            return {key: reader.get_page_number(value) if key == "/Pg" else tree(value)
                    for key, value in node.items() if key not in ("/P", "/Parent")}
        if isinstance(node, ArrayObject):
            return [tree(value) for value in node]
        return str(node)

    return [page.get_contents().get_data() for page in reader.pages], tree(reader.trailer["/Root"]["/StructTreeRoot"])


# pydyf's own writing, in a process where `use_quick_objects` never ran
OWN_WRITING = """
import sys
from pathlib import Path
from pipeline.core.paths import TEMPLATES_DIR
from pipeline.report import render
document = render.layout(sys.argv[1], render.LocalOnlyFetcher([TEMPLATES_DIR]))
document.write_pdf(sys.argv[2], **render.PDF_OPTIONS)
"""


@pytest.mark.slow
def test_a_tagged_document_holds_the_same_as_with_pydyf_s_own_writing(tmp_path):
    html = f"<html lang='nl'><body>{PAGES}</body></html>"
    quick, own = tmp_path / "quick.pdf", tmp_path / "own.pdf"
    render.write_document(render.layout(html, render.LocalOnlyFetcher([TEMPLATES_DIR])), quick)
    subprocess.run([sys.executable, "-c", OWN_WRITING, html, str(own)], check=True)

    pages, tags = _tagged_contents(quick)
    assert len(pages) == 5
    assert str(tags).count("'/Pg': 4") > 0, "the tags name their pages, up to the last"
    assert (pages, tags) == _tagged_contents(own)
    assert quick.stat().st_size != own.stat().st_size, "the streams were compressed at another level"
