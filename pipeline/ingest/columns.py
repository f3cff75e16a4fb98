"""Which instrument field each column of a responses file holds.

Columns are found by item code or by question text in Dutch or English, ignoring case
and white space, because survey tools export either. Columns that identify people are
recognised here so that ingest can drop them before anything else sees them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pipeline.core.coalition import Coalition
from pipeline.core.instrument import (
    MULTI_SEPARATOR,
    RELATION_SEPARATOR,
    RESPONDENT_ID,
    Instrument,
)

RESPONDENT_ID_ALIASES = ("respondent_id", "respondent id", "respondent", "responseid", "response id", "response_id",
                         "id")


def normalise(text: str) -> str:
    return " ".join(str(text).split()).lower().rstrip(":")


@dataclass
class ColumnMap:
    """Field name for each recognised column position, and the columns set aside."""

    fields: dict[int, str] = field(default_factory=dict)
    identifying: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    duplicated: dict[str, list[str]] = field(default_factory=dict)

    def columns_of(self, name: str) -> list[int]:
        return [i for i, f in self.fields.items() if f == name]


def field_lookup(instrument: Instrument, coalition: Coalition) -> dict[str, str]:
    """Every accepted spelling of a column header, normalised, to its field name."""
    lookup: dict[str, str] = {alias: RESPONDENT_ID for alias in RESPONDENT_ID_ALIASES}
    for code, item in instrument.items.items():
        lookup[normalise(code)] = code
        for lang in ("nl", "en"):
            lookup.setdefault(normalise(item.text(lang)), code)
    org_codes = [o.code for o in coalition.organisations]
    for code, question in instrument.questions.items():
        if question.type == "relation":
            for org in org_codes:
                lookup[normalise(f"{code}{RELATION_SEPARATOR}{org}")] = f"{code}{RELATION_SEPARATOR}{org}"
            continue
        lookup[normalise(code)] = code
        for lang in ("nl", "en"):
            lookup.setdefault(normalise(question.text(lang)), code)
        if question.type == "multi":
            for option in instrument.options(question):
                name = f"{code}{MULTI_SEPARATOR}{option.code}"
                lookup[normalise(name)] = name
    return lookup


def map_columns(header: list[str], instrument: Instrument, coalition: Coalition) -> ColumnMap:
    lookup = field_lookup(instrument, coalition)
    result = ColumnMap()
    seen: dict[str, list[str]] = defaultdict(list)
    for position, raw_name in enumerate(header):
        key = normalise(raw_name)
        if key in instrument.identifying_columns:
            result.identifying.append(raw_name)
        elif key in lookup:
            result.fields[position] = lookup[key]
            seen[lookup[key]].append(raw_name)
        else:
            result.unknown.append(raw_name or f"(column {position + 1} without a name)")
    result.duplicated = {name: cols for name, cols in seen.items() if len(cols) > 1}
    return result
