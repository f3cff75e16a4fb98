"""Which optional parts of the questionnaire a wave measured: not measured is not zero.

Who fills the roles, the governance mode members see, the relations between organisations
and the open questions may be left out of a survey, or left empty by everyone. Either way
there is nothing to report on them: a network without relation answers is not a network
without ties. Each part is therefore measured, not asked (the file has no column for its
questions) or not answered (the columns are there, every cell of the used responses is
empty); only a measured part yields figures, charts and advice."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from pipeline.core.instrument import MULTI_SEPARATOR, Instrument


class Coverage(enum.Enum):
    MEASURED = "measured"
    NOT_ASKED = "not_asked"
    NOT_ANSWERED = "not_answered"


@dataclass(frozen=True)
class Measured:
    """The coverage of each optional part of the questionnaire."""

    roles: Coverage              # wie_<role>: who fills each leadership role
    governance: Coverage         # regievorm: the governance mode members see
    network: Coverage            # rel_intensiteit, rel_vertrouwen: the relations between organisations
    open_answers: Coverage       # open_*: the open questions


def part_coverage(frame: pd.DataFrame, asked: Iterable[str], questions: Iterable[str]) -> Coverage:
    """Measured when the file has a column for one of `questions` and a used response answered it."""
    wanted = set(questions)
    if not wanted & set(asked):
        return Coverage.NOT_ASKED
    columns = [c for c in frame.columns if str(c).split(MULTI_SEPARATOR)[0] in wanted]
    return Coverage.MEASURED if frame[columns].notna().any(axis=None) else Coverage.NOT_ANSWERED


def measured_parts(frame: pd.DataFrame, asked: Iterable[str], instrument: Instrument) -> Measured:
    asked = frozenset(asked)
    return Measured(
        roles=part_coverage(frame, asked, [q.code for q in instrument.questions.values() if q.role]),
        governance=part_coverage(frame, asked, ["regievorm"]),
        network=part_coverage(frame, asked, [q.code for q in instrument.questions_of_type("relation")]),
        open_answers=part_coverage(frame, asked, [q.code for q in instrument.questions_of_type("open")]),
    )
