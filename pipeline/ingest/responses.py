"""From a responses file to a clean table of answers, with every row accounted for.

Steps: read the file (readers), set aside the header rows survey tools write under the
column names, find what each column holds (columns), drop columns that identify people,
read every cell (answers), validate (validation), and decide per row: used, or rejected
with a reason. received = used + rejected, always, and header rows are never received."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from pipeline.core.coalition import Coalition
from pipeline.core.errors import InputError
from pipeline.core.findings import Finding, Rejection, Severity
from pipeline.core.instrument import (
    MULTI_SEPARATOR,
    RESPONDENT_ID,
    Instrument,
    load_instrument,
)
from pipeline.ingest import answers
from pipeline.ingest.columns import ColumnResolver, map_columns
from pipeline.ingest.invitations import invitation_findings
from pipeline.ingest.readers import RawTable, read_table
from pipeline.ingest.redaction import redact, respondent_names
from pipeline.ingest.validation import (
    COMPLETENESS,
    cell_checks,
    cell_failures,
    cell_findings,
    failures,
    require_columns,
    row_schema,
)

REJECTION_REASONS = {
    "duplicate_id": "the respondent id occurs earlier in the file; the first response is used",
    "missing_id": "the respondent id is empty",
    "not_on_roster": "the organisation is not on the roster in coalition.yaml",
    "missing_organisation": "the organisation is empty",
    COMPLETENESS: "too few statements answered",
}


@dataclass
class Responses:
    """The usable answers of one wave, and the account of everything else."""

    file: str
    wave: str
    frame: pd.DataFrame                  # one row per used response, indexed by file row
    received: int
    asked: frozenset[str]                # codes of the questions and statements the file has a column for
    findings: list[Finding] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)

    @property
    def used(self) -> int:
        return len(self.frame)

    @property
    def rejected(self) -> int:
        return len(self.rejections)

    def rejection_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for r in self.rejections:
            counts[r.reason] = counts.get(r.reason, 0) + 1
        return counts

    @property
    def has_errors(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)


HEADER_ROWS_SCANNED = 5   # survey tools write at most three header rows; blank lines may come between


def _take_header_rows(raw: RawTable, resolver: ColumnResolver) -> list[list[str | None]]:
    """Remove and return the rows among the first few that are headers, not responses.

    Qualtrics writes the question texts and a row of ImportIds under the codes, other tools
    or hand edits put such rows elsewhere near the top. A row is a header when most of its
    filled cells are column names, question texts, tool metadata names or import ids: no
    answer a respondent gives looks like that, so such a row is never counted as received."""
    found: list[list[str | None]] = []
    for index in reversed(range(min(HEADER_ROWS_SCANNED, len(raw.rows)))):
        cells = [c for c in raw.rows[index] if c]
        if cells and sum(resolver.is_header_cell(c) for c in cells) >= max(len(cells) / 2, 1):
            found.insert(0, raw.rows.pop(index))
            raw.row_numbers.pop(index)
    return found


def _read_cells(raw: RawTable, fields: dict[int, str], instrument: Instrument, coalition: Coalition,
                names: re.Pattern[str] | None) -> pd.DataFrame:
    """Typed values per field; unreadable cells stay as answers.Unreadable for validation.
    Without a respondent id column (Google Forms) each row's id is its row number."""
    roster = {f"a{n}": o.code for n, o in enumerate(coalition.organisations, start=1)}
    roster.update({o.code.lower(): o.code for o in coalition.organisations})
    roster.update({o.name.lower(): o.code for o in coalition.organisations})
    themes = {f"a{n}": name for n, name in enumerate(coalition.theme_coalitions, start=1)}
    themes.update({" ".join(name.split()).lower(): name for name in coalition.theme_coalitions})
    data: dict[str, Sequence[object]] = {}
    if RESPONDENT_ID not in fields.values():
        data[RESPONDENT_ID] = [f"rij-{n}" for n in raw.row_numbers]
    for position, name in fields.items():
        cells = [row[position] for row in raw.rows]
        base, _, option = name.partition(MULTI_SEPARATOR)
        question = instrument.questions.get(base)
        if name in instrument.items:
            scale = instrument.scales[instrument.items[name].scale]
            data[name] = [answers.scale_value(c, scale, instrument) for c in cells]
        elif question is None:  # the respondent id
            data[name] = cells
        elif question.type == "relation":
            assert question.scale is not None, f"relation question {base} has a scale in the instrument"
            relation_scale = instrument.scales[question.scale]
            data[name] = [answers.scale_value(c, relation_scale, instrument) for c in cells]
        elif question.type == "roster":
            data[name] = [answers.choice_value(c, roster, instrument) for c in cells]
        elif question.type == "theme":
            data[name] = [answers.choice_value(c, themes, instrument) for c in cells]
        elif question.type == "single":
            lookup = answers.option_lookup(instrument.options(question))
            data[name] = [answers.choice_value(c, lookup, instrument) for c in cells]
        elif question.type == "multi" and option:
            data[name] = [answers.flag_value(c) for c in cells]
        elif question.type == "multi":
            lookup = answers.option_lookup(instrument.options(question))
            data[name] = [answers.multi_value(c, lookup, instrument) for c in cells]
        else:  # open answers
            data[name] = [None if c is None or answers.is_missing(c, instrument) else redact(c, names) for c in cells]
    return pd.DataFrame(data, index=pd.Index(raw.row_numbers, name="row"), dtype=object)


def _as_floats(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """`frame` with `columns` as floats, None as NaN, converted as one array: pandas converts
    (and assigns) a column at a time, which took two fifths of ingest."""
    numbers = pd.DataFrame(frame[columns].to_numpy(dtype=float), index=frame.index, columns=columns)
    return pd.concat([frame.drop(columns=columns), numbers], axis=1)[frame.columns]


def _expand_multi(frame: pd.DataFrame, instrument: Instrument) -> pd.DataFrame:
    """Every multiple-choice question as 0/1 columns per option, NaN where unanswered."""
    for question in instrument.questions_of_type("multi"):
        codes = [o.code for o in instrument.options(question)]
        names = [f"{question.code}{MULTI_SEPARATOR}{c}" for c in codes]
        # filled as an array and framed once: a .loc assignment per row took a tenth of ingest
        values = np.full((len(frame), len(codes)), np.nan)
        if question.code in frame:
            for position, chosen in enumerate(frame[question.code]):
                if isinstance(chosen, frozenset):
                    values[position] = [1.0 if c in chosen else 0.0 for c in codes]
        flags = pd.DataFrame(values, index=frame.index, columns=names)
        present = [n for n in names if n in frame]
        if present:
            given = frame[present].apply(pd.to_numeric, errors="coerce")
            answered = given.notna().any(axis=1)
            flags.loc[answered, present] = given.loc[answered].fillna(0).to_numpy()
            flags.loc[answered] = flags.loc[answered].fillna(0)
        frame = frame.drop(columns=[question.code, *present], errors="ignore").join(flags)
    return frame


def _file_findings(raw: RawTable, file: str, identifying: Sequence[str], unknown: Sequence[str]) -> list[Finding]:
    findings = []
    if raw.guessed_encoding:
        findings.append(Finding(Severity.WARNING, "encoding_guessed", file,
                                f"not UTF-8 or UTF-16: read as {raw.encoding} (a guess); if letters such as ë "
                                "look wrong in the report, save the file as 'CSV UTF-8' from Excel"))
    findings += [Finding(Severity.WARNING, "identifying_column", file,
                         "identifies people: dropped at ingest, never used or shown", column=c) for c in identifying]
    findings += [Finding(Severity.WARNING, "unknown_column", file,
                         "not an item of the instrument or a roster organisation: ignored", column=c) for c in unknown]
    return findings


def ingest_file(path: Path | str, coalition: Coalition, wave: str, instrument: Instrument | None = None,
                sheet: str | None = None, all_statements: bool = True) -> Responses:
    """Read, validate and account for one responses file. Raises InputError if unusable.
    `all_statements` False: an earlier wave, which may lack statements added to the
    questionnaire since (a warning names them; the trend leaves out what they measure)."""
    instrument = instrument or load_instrument()
    path = Path(path)
    raw = read_table(path, sheet)
    file = str(path)
    resolver = ColumnResolver(instrument, coalition)
    header_rows = _take_header_rows(raw, resolver)
    cmap = map_columns(raw.header, resolver, header_rows)
    if cmap.duplicated:
        name, cols = next(iter(cmap.duplicated.items()))
        raise InputError(path, f"columns {', '.join(repr(c) for c in cols)} all hold {name}; keep one")
    no_themes = [] if coalition.theme_coalitions else [
        position for position, name in cmap.fields.items()
        if name in instrument.questions and instrument.questions[name].type == "theme"]
    ignored = [Finding(Severity.WARNING, "no_theme_coalitions", str(path),
                       "names a theme coalition, but coalition.yaml lists no theme_coalitions: ignored "
                       "(add them to coalition.yaml for a breakdown by theme coalition)", column=raw.header[p])
               for p in no_themes]
    for position in no_themes:
        del cmap.fields[position]
    present = set(cmap.fields.values())
    missing = require_columns(present, instrument, statements=all_statements)
    if missing:
        raise InputError(path, f"missing required column(s): {', '.join(missing)} "
                               "(write `netwerkscan template` for a file with every column)")
    absent = [code for code in instrument.items if code not in present]
    findings = [Finding(Severity.WARNING, "missing_statements", file,
                        f"statement(s) not in this wave's file: {', '.join(absent)}; "
                        "the change since this wave leaves out what they measure")] if absent else []
    findings += _file_findings(raw, file, cmap.identifying, cmap.unknown)
    findings += ignored
    shown_name = {name: raw.header[i] for i, name in cmap.fields.items()}

    names = respondent_names(raw.rows, cmap.name_positions)
    cells = _read_cells(raw, cmap.fields, instrument, coalition, names)
    bad = cell_failures(cells, cell_checks(list(cells.columns), instrument, coalition))
    # a finding quotes the cell, so personal details typed into it are masked there too
    shown_cases = bad.assign(
        failure_case=bad["failure_case"].map(lambda v: redact(v, names) if isinstance(v, str) else v))
    findings += cell_findings(shown_cases, file, shown_name, instrument)
    for case in bad.itertuples():
        cells.at[int(case.index), case.column] = None

    likert = [code for code in instrument.items if code in present]
    checked = _as_floats(cells, likert)
    rejections: dict[int, Rejection] = {}

    def reject(row: int, reason: str, column: str | None, severity: Severity) -> None:
        if row in rejections:
            return
        rejections[row] = Rejection(file, row, reason, REJECTION_REASONS[reason])
        findings.append(Finding(severity, reason, file, f"response not used: {REJECTION_REASONS[reason]}",
                                row=row, column=column))

    for row in bad.loc[bad["column"] == "organisatie", "index"]:
        reject(int(row), "not_on_roster", shown_name["organisatie"], Severity.ERROR)
    for case in failures(row_schema(likert, coalition.settings.completeness_threshold), checked).itertuples():
        row = int(case.index)
        if case.schema_context == "DataFrameSchema":  # the one frame-wide check: completeness
            reject(row, COMPLETENESS, None, Severity.WARNING)
        elif case.check == "not_nullable":
            reason = "missing_id" if case.column == RESPONDENT_ID else "missing_organisation"
            reject(row, reason, shown_name.get(case.column), Severity.ERROR)
        elif case.check == "field_uniqueness":
            reject(row, "duplicate_id", shown_name.get(RESPONDENT_ID), Severity.ERROR)
        else:
            raise AssertionError(f"unhandled row check {case.check}")

    used = checked.drop(index=list(rejections)).drop(columns=[RESPONDENT_ID])
    used = _expand_multi(used, instrument)
    numeric = [c for c in used.columns if c in instrument.items or c.startswith("rel_") or MULTI_SEPARATOR in c]
    used = _as_floats(used, numeric)
    findings.sort(key=lambda f: (f.row or 0, f.column or ""))
    return Responses(file, wave, used, received=len(raw.rows),
                     asked=frozenset(name.split(MULTI_SEPARATOR)[0] for name in present), findings=findings,
                     rejections=sorted(rejections.values(), key=lambda r: r.row))


def ingest_coalition(coalition: Coalition, instrument: Instrument | None = None) -> dict[str, Responses]:
    """Every wave of a coalition, oldest first. A wave that cannot be read raises InputError.
    The roster's `invited:` is for the current wave, so only that wave is checked against it."""
    waves = {wave: ingest_file(coalition.waves[wave], coalition, wave, instrument, coalition.sheet,
                               all_statements=wave == coalition.current_wave)
             for wave in [*coalition.previous_waves, coalition.current_wave]}
    current = waves[coalition.current_wave]
    current.findings.extend(invitation_findings(current.frame, coalition.organisations, current.file))
    return waves
