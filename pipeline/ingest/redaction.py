"""Personal details typed into open answers, masked at the door.

Open answers are shown in the report, so e-mail addresses, phone numbers and the names found
in the file's own name columns are replaced by a placeholder before anything else sees them."""

from __future__ import annotations

import re

from pipeline.ingest.columns import normalise
from pipeline.ingest.readers import RawTable

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE = re.compile(r"(\+31|0031|\b0)[\s-]?(\d[\s-]?){8,9}\b")
NAME_COLUMNS = {"naam", "voornaam", "achternaam", "name", "first name", "last name", "full name", "surname",
                "recipientfirstname", "recipientlastname"}
PARTICLES = {"van", "de", "der", "den", "het", "ter", "ten", "te", "op", "in", "von", "la", "le", "du", "des"}

def redact(text: str, names: re.Pattern | None = None) -> str:
    text = PHONE.sub("[telefoonnummer]", EMAIL.sub("[e-mailadres]", text))
    return names.sub("[naam]", text) if names else text


def respondent_names(raw: RawTable) -> re.Pattern | None:
    """The names in the file's name columns, to mask where someone typed them in an open
    answer. Whole names match in any case; single parts (at least three letters, no
    particles such as 'van') only as written, so that a name like 'Wil' leaves 'wil' alone."""
    positions = [i for i, header in enumerate(raw.header) if normalise(header) in NAME_COLUMNS]
    full, parts = set(), set()
    for row in raw.rows:
        for i in positions:
            value = (row[i] or "").strip() if i < len(row) else ""
            if not value or "@" in value:
                continue
            full.add(value)
            parts.update(p for p in re.split(r"[\s,.]+", value) if len(p) >= 3 and p.lower() not in PARTICLES)
    if not full:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(full, key=len, reverse=True))
    single = "|".join(re.escape(p) for p in sorted(parts, key=len, reverse=True))
    return re.compile(rf"(?i:\b(?:{alternatives})\b)" + (rf"|\b(?:{single})\b" if single else ""))
