"""Excel files that are byte-identical when their content is.

openpyxl stamps the time into each file: the document's `created` and `modified` properties
and every zip entry's date. Two runs of the same generator would then give different files,
so version control shows a change where there is none and a content hash re-renders reports
that did not change. Here both stamps are fixed."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from openpyxl import Workbook

from pipeline.core.files import atomic_write

FIXED_TIME = (2026, 1, 1, 0, 0, 0)
STAMPS = re.compile(rb"<dcterms:(created|modified)([^>]*)>[^<]*</dcterms:(?:created|modified)>")


def save_reproducibly(book: Workbook, path: Path) -> None:
    buffer = io.BytesIO()
    book.save(buffer)
    fixed = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = STAMPS.sub(rb"<dcterms:\1\2>2026-01-01T00:00:00Z</dcterms:\1>", data)
            target.writestr(zipfile.ZipInfo(info.filename, date_time=FIXED_TIME), data,
                            compress_type=zipfile.ZIP_DEFLATED)
    atomic_write(path, lambda tmp: tmp.write_bytes(fixed.getvalue()))
