"""The PDF's objects written by pydyf (WeasyPrint's PDF writer) with less work, the same content.

Two of pydyf 0.13's choices cost a sixth of writing a report, and neither shows on the page:
- It compresses every stream at zlib's slowest level, 9. At zlib's default level, 6, the
  six examples' PDFs are 2% larger and written 9% faster; every stream decompresses to the
  same bytes.
- It builds the list of every page's reference anew each time one page's is asked for. The
  tag tree of a tagged PDF (PDF/UA) asks once for every tagged element, about 2,800 times a
  report, so the list is built once per document here, and again only when a page is added.
`use_quick_objects` changes both for the whole process (once; idempotent), as `svg_text` does
for the charts' texts; `tests/test_pdf_objects.py` compares a report written both ways.
These are pydyf 0.13's internals, hence its version bound in pyproject.toml."""

from __future__ import annotations

import zlib
from typing import Any

import pydyf


class _DefaultLevelZlib:
    """zlib as pydyf sees it: every compressor at zlib's default level, whatever pydyf asks for."""

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)

    @staticmethod
    def compressobj(level: int = zlib.Z_DEFAULT_COMPRESSION, *args: Any, **kwargs: Any) -> Any:  # noqa: ARG004
        return zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, *args, **kwargs)


def _page_references(pdf: pydyf.PDF) -> tuple[bytes, ...]:
    """Every page's reference (`b"12 0 R"`), kept until the document gets another page."""
    kids = pdf.pages["Kids"]             # three items a page: its object number, 0, "R"
    kept: tuple[bytes, ...] = pdf.__dict__.get("_page_references", ())
    if 3 * len(kept) != len(kids):
        kept = tuple(f"{number} 0 R".encode("ascii") for number in kids[::3])
        pdf.__dict__["_page_references"] = kept
    return kept


def use_quick_objects() -> None:
    """Make pydyf compress at zlib's default level and keep the page references (once per
    process; idempotent)."""
    pydyf.zlib = _DefaultLevelZlib()     # type: ignore[attr-defined]
    pydyf.PDF.page_references = property(_page_references)   # type: ignore[method-assign,assignment]
