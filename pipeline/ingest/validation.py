"""The schema a responses table must meet, built from the instrument and the roster.

Validation runs in two passes with pandera. The cell pass checks every answer against its
scale or option list; a failing cell is reported and treated as missing, so one typo does
not cost a whole response. The row pass then decides which responses are used: a response
needs an id that is not a duplicate, an organisation on the roster, and enough answered
items. Each failure becomes a Finding that names file, row and column."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from pipeline.core.coalition import Coalition
from pipeline.core.findings import Finding, Severity
from pipeline.core.instrument import RESPONDENT_ID, Instrument
from pipeline.ingest.answers import Unreadable

COMPLETENESS = "completeness"


def _element(check: Callable[[object], bool], error: str) -> pa.Check:
    return pa.Check(lambda v: v is None or check(v), element_wise=True, error=error, ignore_na=True)


def _on_scale(low: int, high: int) -> Callable[[object], bool]:
    return lambda v: not isinstance(v, Unreadable) and float(v).is_integer() and low <= v <= high


def cell_schema(columns: list[str], instrument: Instrument, coalition: Coalition) -> pa.DataFrameSchema:
    """One column check per answer column present; the error text is what a user reads."""
    roster = {o.code for o in coalition.organisations}
    checks: dict[str, pa.Column] = {}
    for name in columns:
        base = name.split("__")[0]
        if name in instrument.items or (base in instrument.questions and instrument.questions[base].type == "relation"):
            scale = instrument.scales[instrument.items[name].scale if name in instrument.items
                                      else instrument.questions[base].scale]
            labels = ", ".join(f"{v} = {scale.label(v, 'nl')}" for v in scale.values)
            error = f"expected a whole number {scale.min}–{scale.max} or its label ({labels}), or 'weet niet'"
            check = _element(_on_scale(scale.min, scale.max), error)
        elif base in instrument.questions and instrument.questions[base].type in ("single", "multi", "roster"):
            question = instrument.questions[base]
            if question.type == "roster":
                allowed, what = roster, "an organisation on the roster in coalition.yaml"
            else:
                allowed = {o.code for o in instrument.options(question)}
                what = "one of " + ", ".join(sorted(allowed))
            if name != base:  # a 0/1 column of a multiple-choice question
                check = _element(lambda v: v in (0, 1), "expected 1 / ja / x (chosen) or 0 / nee / empty")
            elif question.type == "multi":
                check = _element(lambda v, a=allowed: isinstance(v, frozenset) and v <= a,
                                 f"expected options separated by ';': {what}")
            else:
                check = _element(lambda v, a=allowed: not isinstance(v, Unreadable) and v in a, f"expected {what}")
        else:
            continue
        checks[name] = pa.Column(None, check, nullable=True, coerce=False)
    return pa.DataFrameSchema(checks, strict=False)


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


def cell_findings(cases: pd.DataFrame, file: str, shown_name: dict[str, str]) -> list[Finding]:
    findings = []
    for case in cases.itertuples():
        value = case.failure_case
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # quote "7" as the user typed it, not as the parsed 7.0
        shown = "; ".join(sorted(value)) if isinstance(value, frozenset) else str(value)
        findings.append(Finding(
            Severity.ERROR, "not_in_scale", file,
            f"'{shown}' cannot be read: {case.check}; the answer is treated as missing",
            row=int(case.index), column=shown_name.get(case.column, case.column),
        ))
    return findings


def require_columns(present: set[str], instrument: Instrument, statements: bool = True) -> list[str]:
    """Fields a responses file cannot do without: the id, required questions and, unless
    `statements` is False (an earlier wave, whose questionnaire may have been shorter), every
    statement."""
    required = [RESPONDENT_ID]
    required += [q.code for q in instrument.questions.values() if q.required]
    required += list(instrument.items) if statements else []
    return [name for name in required if name not in present]
