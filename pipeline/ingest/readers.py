"""Reading a responses file into a table of text cells, whatever tool exported it.

Survey tools and Dutch Excel write CSV with commas, semicolons or tabs, in UTF-8 with or
without BOM, in UTF-16 (Excel's "Unicode text" .txt) or in an older Windows code page, with
CRLF or LF line ends and quoted line breaks; clients send XLSX. This module turns all of them
into the same thing: a header and rows of strings (``None`` for an empty cell), each row with
the number a spreadsheet would show for it. It interprets nothing; ingest does."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from charset_normalizer import from_bytes

from pipeline.core.errors import InputError

DELIMITERS = (";", ",", "\t")
BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
# What charset-normalizer may choose from when a file is not Unicode: the code pages that
# Excel and survey tools in Western Europe write. Code pages that define every byte (Mac
# Roman, cp850) would let random bytes pass as text instead of being refused.
LEGACY_ENCODINGS = ["cp1252", "iso8859_15"]
LINE_CONTROLS = {"\t", "\n", "\r"}


@dataclass
class RawTable:
    path: Path
    header: list[str]
    rows: list[list[str | None]]
    row_numbers: list[int]     # spreadsheet row of each data row (the header is row 1)
    encoding: str | None = None
    delimiter: str | None = None
    guessed_encoding: bool = False   # True when no BOM or valid UTF-8 said what the bytes are


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as a NUL byte beside nearly every ASCII character, on the
    odd positions (little-endian) or the even ones (big-endian)."""
    sample = data[:4000]
    pairs = len(sample) // 2
    if len(data) % 2 or pairs == 0:
        return None
    odd = sum(1 for i in range(1, 2 * pairs, 2) if sample[i] == 0)
    even = sum(1 for i in range(0, 2 * pairs, 2) if sample[i] == 0)
    if odd >= pairs * 0.6 and even == 0:
        return "utf-16-le"
    if even >= pairs * 0.6 and odd == 0:
        return "utf-16-be"
    return None


def _check_text(text: str, encoding: str, path: Path) -> str:
    """Control characters in a decoded table mean the bytes were not text in that encoding."""
    bad = next((i for i, ch in enumerate(text) if ch not in LINE_CONTROLS and unicodedata.category(ch) == "Cc"),
               None)
    if bad is not None:
        if text[bad] == "\x00":
            raise InputError(path, "this is not a text file (it contains NUL bytes); expected CSV or XLSX")
        raise InputError(path, f"cannot decode the file: read as {encoding}, character {bad} is a control "
                               f"character (U+{ord(text[bad]):04X}); save it as 'CSV UTF-8' from Excel")
    return text


def decode(data: bytes, path: Path) -> tuple[str, str, bool]:
    """Text, encoding name, and whether the encoding was guessed.

    A BOM or valid UTF-8 says what the bytes are; UTF-16 without a BOM shows in its NUL
    bytes; anything else is left to charset-normalizer among the Western code pages, and
    ingest reports the guess. The whole text is checked for control characters, not just
    its start: csv passes a late NUL through into a cell, and from there into the report."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return _check_text(data[len(bom):].decode(encoding[:-4] if encoding == "utf-8-sig" else encoding),
                                   encoding, path), encoding, False
            except UnicodeDecodeError as exc:
                raise InputError(path, f"starts as {encoding.upper()} but byte {exc.start + len(bom)} "
                                       f"is not valid {encoding.upper()}") from exc
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return _check_text(data.decode(utf16), utf16, path), utf16, False
        except UnicodeDecodeError as exc:
            raise InputError(path, f"looks like {utf16.upper()} but byte {exc.start} is not valid") from exc
    try:
        return _check_text(data.decode("utf-8"), "utf-8", path), "utf-8", False
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        raise InputError(path, "this is not a text file (it contains NUL bytes); expected CSV or XLSX")
    # Every candidate, best first (chaos up to 1.0: free text in a survey can look chaotic);
    # the first that yields no control characters is taken. When the library declines to
    # judge (short, odd text), cp1252 is assumed: it is what Excel writes on Windows.
    candidates = [(str(m), m.encoding) for m in from_bytes(data, cp_isolation=LEGACY_ENCODINGS, threshold=1.0)]
    try:
        candidates.append((data.decode("cp1252"), "cp1252"))
    except UnicodeDecodeError:
        pass
    for text, encoding in candidates:
        if not any(ch not in LINE_CONTROLS and unicodedata.category(ch) == "Cc" for ch in text):
            return text, encoding, True
    raise InputError(path, "cannot decode the file: it is not UTF-8, UTF-16 or a Western code page "
                           "(cp1252, ISO-8859-15); save it as 'CSV UTF-8' from Excel")


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the header and the first lines into equally many fields."""
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        header = text.splitlines()[0] if text else ""
        return max(DELIMITERS, key=header.count)


def _cell(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (datetime, date)):
        value = value.isoformat()
    text = str(value).strip()
    return text or None


def _table(path: Path, records: Sequence[Sequence[object]], first_row: int, encoding: str | None = None,
           delimiter: str | None = None, guessed_encoding: bool = False) -> RawTable:
    if not records:
        raise InputError(path, "the file is empty: expected a header row with the item codes")
    header = [(_cell(h) or "") for h in records[0]]
    while header and not header[-1]:
        header.pop()
    if not any(header):
        raise InputError(path, "the first row is empty: expected a header row with the item codes")
    rows, numbers = [], []
    for offset, record in enumerate(records[1:], start=1):
        cells = [_cell(v) for v in record]
        if not any(cells):
            continue  # a blank line is no response
        extra = cells[len(header):]
        if any(extra):
            raise InputError(path, f"row {first_row + offset}: {len(header) + len(extra)} values but only "
                                   f"{len(header)} columns in the header; check the delimiter and quotes")
        rows.append((cells + [None] * len(header))[: len(header)])
        numbers.append(first_row + offset)
    return RawTable(path, header, rows, numbers, encoding, delimiter, guessed_encoding)


def read_csv(path: Path) -> RawTable:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from exc
    text, encoding, guessed = decode(data, path)
    delimiter = sniff_delimiter(text)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        raise InputError(path, f"not valid CSV: {exc}") from exc
    return _table(path, records, first_row=1, encoding=encoding, delimiter=delimiter, guessed_encoding=guessed)


def read_xlsx(path: Path, sheet: str | None = None) -> RawTable:
    """The sheet's cells from row 1 on, read by calamine (Rust) through pandas: several
    times faster than openpyxl for the same cells. Every cell comes as its own value (no
    header, no type guessing, no "NA" or "null" taken for missing), so that ingest sees
    what the client typed, and the blank rows stay so that row numbers are the sheet's."""
    import pandas as pd
    from python_calamine import CalamineError

    try:
        book = pd.ExcelFile(path, engine="calamine")
    except (CalamineError, OSError, ValueError) as exc:
        raise InputError(path, f"not a readable Excel (.xlsx) file: {exc}") from exc
    with book:
        if sheet is not None and sheet not in book.sheet_names:
            raise InputError(path, f"no sheet named {sheet!r}; the sheets are {', '.join(map(str, book.sheet_names))}")
        try:
            frame = pd.read_excel(book, sheet_name=sheet if sheet is not None else 0, header=None, dtype=object,
                                  keep_default_na=False, na_filter=False)
        except (CalamineError, ValueError) as exc:
            raise InputError(path, f"not a readable Excel (.xlsx) file: {exc}") from exc
    records = frame.to_numpy(dtype=object, na_value=None).tolist()
    return _table(path, records, first_row=1)


def read_table(path: Path | str, sheet: str | None = None) -> RawTable:
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        return read_xlsx(path, sheet)
    return read_csv(path)
