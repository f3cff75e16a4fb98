"""Personal details typed into open answers, masked at the door.

Open answers are shown in the report, so e-mail addresses, IBANs, postcodes with their
house number, phone numbers (Dutch and international, however they are written), BSNs
(nine digits that pass the 11-proef) and the names found in the file's own name columns are
replaced by a placeholder before anything else sees them. Every later output (PDF, HTML,
scores.json, notebook, manifest, console) only ever gets the masked text."""

from __future__ import annotations

import re
from collections.abc import Sequence

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
IBAN = re.compile(r"\b[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]{4}){2,7}(?:[ ]?[A-Za-z0-9]{1,4})?\b")
# 1234 AB, 1234AB or 1234ab, with a house number before or after it ("Dorpsstraat 12, 1234 AB").
POSTCODE = re.compile(r"(?:\b\d{1,5}(?:\s?[a-zA-Z]\b|-\d{1,4})?,?\s+)?\b[1-9]\d{3}(?:\s?[A-Z]{2}|[a-z]{2})\b"
                      r"(?:,?\s*\d{1,5}(?:\s?[a-zA-Z]\b|-\d{1,4})?\b)?")
_SEP = r"[\s.\-/)]{0,2}"
PHONE = re.compile(
    r"(?<![\w+])(?:"
    rf"(?:\+|00)\s?\d{{1,3}}\s?(?:\(0\)\s?)?(?:{_SEP}\d){{8,10}}"   # +31 (0)6 …, 0031 6 …, +44 20 …
    rf"|\(?0(?:{_SEP}\d){{9}}"                                       # 06-44129876, (06) 44129876, 06.44.12.98.76
    r")(?!\w)")             # not a longer token: an id in a URL is no phone number
NINE_DIGITS = re.compile(r"(?<![\d\w])\d(?:[\s.\-]?\d){8}(?![\d\w])")
PARTICLES = {"van", "de", "der", "den", "het", "ter", "ten", "te", "op", "in", "von", "la", "le", "du", "des"}


def passes_elfproef(digits: str) -> bool:
    """The BSN check: 9·d1 + 8·d2 + … + 2·d8 − d9 is a multiple of 11 (and not all zeros)."""
    if len(digits) != 9 or set(digits) == {"0"}:
        return False
    total = sum(int(d) * w for d, w in zip(digits, range(9, 1, -1))) - int(digits[8])
    return total % 11 == 0


def _bsn(match: re.Match[str]) -> str:
    return "[bsn]" if passes_elfproef(re.sub(r"\D", "", match.group())) else match.group()


def redact(text: str, names: re.Pattern[str] | None = None) -> str:
    text = EMAIL.sub("[e-mailadres]", text)
    text = IBAN.sub("[iban]", text)
    text = POSTCODE.sub("[adres]", text)
    text = PHONE.sub("[telefoonnummer]", text)
    text = NINE_DIGITS.sub(_bsn, text)
    return names.sub("[naam]", text) if names else text


def respondent_names(rows: Sequence[Sequence[str | None]], positions: Sequence[int]) -> re.Pattern[str] | None:
    """The names in the file's name columns, to mask where someone typed them in an open
    answer. Whole names match in any case; single parts (at least three letters, no
    particles such as 'van') only as written, so that a name like 'Wil' leaves 'wil' alone.
    Values that are no names (ids such as 'R12', e-mail addresses) are skipped."""
    full: set[str] = set()
    parts: set[str] = set()
    for row in rows:
        for i in positions:
            value = " ".join((row[i] or "").split()) if i < len(row) else ""
            if not value or "@" in value or not re.search(r"[^\W\d_]{2}", value):
                continue
            words = [w for w in re.split(r"[\s,.]+", value) if w]
            if any(re.search(r"\d", w) for w in words):
                continue
            full.add(value)
            parts.update(w for w in words if len(w) >= 3 and w.lower() not in PARTICLES)
    if not full:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(full, key=len, reverse=True))
    single = "|".join(re.escape(p) for p in sorted(parts, key=len, reverse=True))
    return re.compile(rf"(?i:\b(?:{alternatives})\b)" + (rf"|\b(?:{single})\b" if single else ""))
