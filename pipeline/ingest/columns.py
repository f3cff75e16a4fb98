"""Which instrument field each column of a responses file holds.

Columns are found by item code or by question text in Dutch or English, ignoring case,
white space and punctuation, because survey tools export either. Grid questions arrive as
one column per row of the grid, headed the way each tool writes it: ``ACT[SQ001]`` and
``ACT_SQ001`` (LimeSurvey), ``ACT_1`` and "Question - Statement" (Qualtrics), "Question
[Row]" (Google Forms), "Question.Row" or the row alone (Microsoft Forms). A row is a
statement (an item), an organisation of the roster (relation grids, by code or by name) or
an option (multiple choice); numbered rows count in the instrument's or roster's order.
Columns that identify people are recognised here so that ingest can drop them before
anything else sees them, and the columns survey tools add about the submission itself are
set aside without a finding."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
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
# A header with one of these words holds people's names, unless it names an organisation.
NAME_WORDS = ("naam", "name")
NOT_A_PERSON = ("organisat", "organizat", "bedrijf", "company", "instelling", "file", "bestand")
ROW_NUMBER = re.compile(r"^(?:sq)?0*(\d{1,3})$")
BRACKETS = re.compile(r"^(?P<base>.+?)\s*\[(?P<sub>[^\[\]]+)\]$")


def normalise(text: str) -> str:
    return " ".join(str(text).split()).lower().rstrip(":")


def compact(text: str) -> str:
    """Letters and digits only: LimeSurvey codes drop the underscores and hyphens of ours."""
    return re.sub(r"[\W_]+", "", str(text).lower())


def is_name_column(header: str) -> bool:
    key = normalise(header)
    return (any(word in key for word in NAME_WORDS) and not any(word in key for word in NOT_A_PERSON)) \
        or key == "respondent"


def is_import_id(cell: str) -> bool:
    """Qualtrics' third header row: {"ImportId":"QID5_1"} in every cell."""
    if not cell.lstrip().startswith("{"):
        return False
    try:
        value = json.loads(cell)
    except ValueError:
        return False
    return isinstance(value, dict) and "ImportId" in value


def _splits(header: str) -> Iterator[tuple[str, str]]:
    """Every way to read a header as (question, row of its grid)."""
    text = " ".join(header.split())
    bracket = BRACKETS.match(text)
    if bracket:
        yield bracket["base"], bracket["sub"]
    for separator in (" - ", "_", "."):
        start = 0
        while (at := text.find(separator, start)) > 0:
            yield text[:at].strip(), text[at + len(separator):].strip()
            start = at + 1


class ColumnResolver:
    """Every accepted spelling of a column header, for one instrument and one roster."""

    def __init__(self, instrument: Instrument, coalition: Coalition):
        self.instrument = instrument
        self.direct: dict[str, str] = {alias: RESPONDENT_ID for alias in RESPONDENT_ID_ALIASES}
        self.codes: dict[str, str] = {}         # compact code -> field
        self.statements: dict[str, str] = {}    # normalised item text -> item code
        self.numbered: dict[str, dict[int, str]] = defaultdict(dict)   # compact item prefix -> number -> code
        self.questions: dict[str, str] = {}     # normalised text or compact code -> grid question
        self.rows: dict[str, dict[str, str]] = {}   # grid question -> its rows' spellings -> row code
        self.ordered: dict[str, list[str]] = {}      # grid question -> row codes in order
        for code, item in instrument.items.items():
            self._add(code, code)
            for lang in ("nl", "en"):
                self.statements.setdefault(normalise(item.text(lang)), code)
            prefix = re.fullmatch(r"([A-Za-z]+)(\d+)", code)
            if prefix:
                self.numbered[compact(prefix[1])][int(prefix[2])] = code
        for code, question in instrument.questions.items():
            if question.type == "relation":
                rows = {o.code: [o.code, o.name] for o in coalition.organisations}
                separator = RELATION_SEPARATOR
            elif question.type == "multi":
                rows = {o.code: [o.code, o.text("nl"), o.text("en")] for o in instrument.options(question)}
                separator = MULTI_SEPARATOR
                self._add(code, code)
            else:
                self._add(code, code)
                continue
            for spelling in (code, question.text("nl"), question.text("en")):
                self.questions[normalise(spelling)] = code
            self.questions[compact(code)] = code
            self.ordered[code] = list(rows)
            self.rows[code] = {}
            for row, spellings in rows.items():
                self._add(f"{code}{separator}{row}", f"{code}{separator}{row}")
                for spelling in spellings:
                    self.rows[code][normalise(spelling)] = row
                    self.rows[code].setdefault(normalise(spelling.split(":")[0]), row)
                    self.rows[code].setdefault(compact(spelling), row)

    def _add(self, spelling: str, name: str) -> None:
        self.direct[normalise(spelling)] = name
        self.codes.setdefault(compact(spelling), name)
        question = self.instrument.questions.get(name)
        if question is not None:
            for lang in ("nl", "en"):
                self.direct.setdefault(normalise(question.text(lang)), name)

    def resolve(self, header: str) -> str | None:
        """The field a header names, or None."""
        key = normalise(header)
        if key in self.direct:
            return self.direct[key]
        if key in self.statements:
            return self.statements[key]
        if compact(header) and compact(header) in self.codes:
            return self.codes[compact(header)]
        for base, sub in _splits(header):
            name = self._grid_row(base, sub)
            if name:
                return name
        return None

    def _grid_row(self, base: str, sub: str) -> str | None:
        if normalise(sub) in self.statements:
            return self.statements[normalise(sub)]
        number = ROW_NUMBER.match(compact(sub))
        items = self.numbered.get(compact(base))
        if items and number:
            return items.get(int(number[1]))
        question = self.questions.get(normalise(base)) or self.questions.get(compact(base))
        if question is None:
            return None
        separator = RELATION_SEPARATOR if self.instrument.questions[question].type == "relation" else MULTI_SEPARATOR
        row = self.rows[question].get(normalise(sub)) or self.rows[question].get(compact(sub))
        if row is None and number and 1 <= int(number[1]) <= len(self.ordered[question]):
            row = self.ordered[question][int(number[1]) - 1]
        return f"{question}{separator}{row}" if row else None

    def is_header_cell(self, cell: str) -> bool:
        """A cell that is a column name, a question text or an import id, not an answer."""
        key = normalise(cell)
        return (is_import_id(cell) or self.resolve(cell) is not None or key in self.instrument.identifying_columns
                or key in self.instrument.metadata_columns)


@dataclass
class ColumnMap:
    """Field name for each recognised column position, and the columns set aside."""

    fields: dict[int, str] = field(default_factory=dict)
    identifying: list[str] = field(default_factory=list)
    name_positions: list[int] = field(default_factory=list)   # columns holding people's names
    unknown: list[str] = field(default_factory=list)
    duplicated: dict[str, list[str]] = field(default_factory=dict)


def map_columns(header: list[str], resolver: ColumnResolver,
                text_rows: Sequence[Sequence[str | None]] = ()) -> ColumnMap:
    """Each column by its header, or else by the question text in a header row under it
    (Qualtrics' second row, when the first holds the tool's own question ids)."""
    instrument = resolver.instrument
    result = ColumnMap()
    seen: dict[str, list[str]] = defaultdict(list)
    for position, raw_name in enumerate(header):
        below = (row[position] for row in text_rows if position < len(row))
        candidates: list[str] = [raw_name, *(cell for cell in below if cell)]
        name = next((n for c in candidates if normalise(c) not in instrument.identifying_columns
                     and (n := resolver.resolve(c))), None)
        if is_name_column(raw_name) and name in (None, RESPONDENT_ID):
            result.name_positions.append(position)
        if any(normalise(c) in instrument.identifying_columns for c in candidates) or (
                name is None and any(is_name_column(c) for c in candidates)):
            result.identifying.append(raw_name)
        elif name is not None:
            result.fields[position] = name
            seen[name].append(raw_name)
        elif not any(normalise(c) in instrument.metadata_columns for c in candidates):
            result.unknown.append(raw_name or f"(column {position + 1} without a name)")
    result.duplicated = {name: cols for name, cols in seen.items() if len(cols) > 1}
    return result
