"""The schema a responses table must meet, built from the instrument and the roster.

Validation runs in two passes. The cell pass checks every answer against its scale or option
list; a failing cell is reported and treated as missing, so one typo does not cost a whole
response. It runs each column's check on its cells directly: as a pandera schema it cost a
fifth of ingest, mostly pandera's work per column. The row pass, with pandera, then decides
which responses are used: a response needs an id that is not a duplicate, an organisation on
the roster, and enough answered items. Each failure becomes a Finding that names file, row
and column."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from pipeline.core.coalition import Coalition
from pipeline.core.findings import Finding, Severity
from pipeline.core.instrument import RESPONDENT_ID, Instrument
from pipeline.ingest.answers import Unreadable

COMPLETENESS = "completeness"


CellCheck = tuple[Callable[[object], bool], str]     # whether an answer is valid, and the error text


def _on_scale(low: int, high: int) -> Callable[[object], bool]:
    def check(v: object) -> bool:
        return isinstance(v, (int, float)) and float(v).is_integer() and low <= v <= high
    return check


def _options_within(v: object, allowed: frozenset[str]) -> bool:
    return isinstance(v, frozenset) and v <= allowed


def _one_of(v: object, allowed: frozenset[str]) -> bool:
    return isinstance(v, str) and not isinstance(v, Unreadable) and v in allowed


def cell_checks(columns: list[str], instrument: Instrument, coalition: Coalition) -> dict[str, CellCheck]:
    """One check per answer column present; the error text is what a user reads."""
    roster = {o.code for o in coalition.organisations}
    checks: dict[str, CellCheck] = {}
    for name in columns:
        base = name.split("__")[0]
        if name in instrument.items or (base in instrument.questions and instrument.questions[base].type == "relation"):
            scale_code = instrument.items[name].scale if name in instrument.items else instrument.questions[base].scale
            assert scale_code is not None, f"relation question {base} has a scale in the instrument"
            scale = instrument.scales[scale_code]
            labels = ", ".join(f"{v} = {scale.label(v, 'nl')}" for v in scale.values)
            error = f"expected a whole number {scale.min}–{scale.max} or its label ({labels}), or 'weet niet'"
            check: CellCheck = (_on_scale(scale.min, scale.max), error)
        elif base in instrument.questions and instrument.questions[base].type in ("single", "multi", "roster", "theme"):
            question = instrument.questions[base]
            if question.type == "roster":
                allowed, what = roster, "an organisation on the roster in coalition.yaml"
            elif question.type == "theme":
                allowed = set(coalition.theme_coalitions)
                what = ("a theme coalition of coalition.yaml, by name or number: "
                        + ", ".join(f"a{n} = {name}" for n, name in enumerate(coalition.theme_coalitions, start=1)))
            else:
                allowed = {o.code for o in instrument.options(question)}
                what = "one of " + ", ".join(sorted(allowed))
            if name != base:  # a 0/1 column of a multiple-choice question
                check = (lambda v: v in (0, 1), "expected 1 / ja / x (chosen) or 0 / nee / empty")
            elif question.type == "multi":
                check = (partial(_options_within, allowed=frozenset(allowed)),
                         f"expected options separated by ';': {what}")
            else:
                check = (partial(_one_of, allowed=frozenset(allowed)), f"expected {what}")
        else:
            continue
        checks[name] = check
    return checks


def cell_failures(cells: pd.DataFrame, checks: dict[str, CellCheck]) -> pd.DataFrame:
    """The answers that fail their column's check (column, check, failure_case, index), a
    missing answer never failing: column by column in the order of `checks`, rows in file
    order, so a finding quotes the first unreadable answers of its column."""
    found = []
    for name, (valid, error) in checks.items():
        values = cells[name].to_numpy()
        found += [(name, error, value, row) for value, row, missing in zip(values, cells.index, pd.isna(values))
                  if not missing and not valid(value)]
    return pd.DataFrame(found, columns=["column", "check", "failure_case", "index"])


def row_schema(likert: list[str], threshold: float) -> pa.DataFrameSchema:
    share = f"at least {threshold:.0%} of the {len(likert)} statements answered"
    return pa.DataFrameSchema(
        {
            RESPONDENT_ID: pa.Column(None, nullable=False, unique=True, report_duplicates="exclude_first"),
            "organisatie": pa.Column(None, nullable=False),
        },
        checks=[pa.Check(lambda df: df[likert].notna().mean(axis=1) >= threshold, error=share, name=COMPLETENESS)],
        strict=False,
    )


def failures(schema: pa.DataFrameSchema, frame: pd.DataFrame) -> pd.DataFrame:
    """pandera's failure cases (column, check, failure_case, index); empty when all is well."""
    try:
        schema.validate(frame, lazy=True)
    except SchemaErrors as exc:
        cases = exc.failure_cases
        return cases[cases["index"].notna()]
    return pd.DataFrame(columns=["schema_context", "column", "check", "failure_case", "index"])


def _quoted(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # quote "7" as the user typed it, not as the parsed 7.0
    return "; ".join(sorted(value)) if isinstance(value, frozenset) else str(value)


def cell_findings(cases: pd.DataFrame, file: str, shown_name: dict[str, str], instrument: Instrument) -> list[Finding]:
    """One finding per column, never one per cell: a tool that writes an unknown wording
    writes it in every row, and a thousand identical lines hide the one that matters. The
    finding gives the count, three examples with their rows, and what to do about it."""
    findings = []
    for (column, check), group in cases.groupby(["column", "check"], sort=False):
        examples: dict[str, int] = {}
        for value, row in zip(group["failure_case"], group["index"]):
            examples.setdefault(_quoted(value), int(row))
        shown = ", ".join(f"'{v}' (row {r})" for v, r in list(examples.items())[:3])
        count = len(group)
        base = str(column).split("__")[0]
        if base == "organisatie":
            remedy = "add the organisation to the roster in coalition.yaml, or correct the name"
        elif base in instrument.questions and instrument.questions[base].type == "theme":
            remedy = "correct the name, or add the theme coalition to theme_coalitions in coalition.yaml"
        elif column in instrument.items or base in instrument.questions and instrument.questions[base].scale:
            remedy = ("correct them in the file, or add the wording to the scale's synonyms in "
                      f"{instrument.source.name}")
        else:
            remedy = "correct them in the file"
        what = "answer cannot be read" if count == 1 else f"{count} answers cannot be read"
        findings.append(Finding(
            Severity.ERROR, "not_in_scale", file,
            f"{what}: {shown}{', …' if len(examples) > 3 else ''}; {check}; "
            f"{'it is' if count == 1 else 'they are'} treated as missing: {remedy}",
            row=int(group["index"].iloc[0]) if count == 1 else None,
            column=shown_name.get(column, column),
        ))
    return findings


def require_columns(present: set[str], instrument: Instrument, statements: bool = True) -> list[str]:
    """Fields a responses file cannot do without: required questions and, unless `statements`
    is False (an earlier wave, whose questionnaire may have been shorter), every statement. The
    respondent id is not among them: Google Forms writes none, and ingest numbers the rows."""
    required = [q.code for q in instrument.questions.values() if q.required]
    required += list(instrument.items) if statements else []
    return [name for name in required if name not in present]
