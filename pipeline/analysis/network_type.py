"""Learning network or collaboration: the declared network type against what members report.

A leernetwerk is interaction-oriented (meeting, exchanging knowledge), a samenwerkingsverband
task-oriented (realising concrete goals); many networks combine both, with task-oriented
theme coalitions inside a broad interaction-oriented network. The instrument measures both
orientations (interactiegericht, taakgericht, 1-5). The type the answers show is the clearly
stronger orientation (at least `MARGIN` points apart); a combination when neither is
clearly stronger and both are at least `BOTH`; otherwise the answers show no clear type.
The advice depends on the declared type (a learning network is not told to start with task
agreements). An optional column `themacoalitie` naming a respondent's theme coalition gives
a breakdown under the anonymity rule (`pipeline.analysis.groups.group_table`)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pipeline.analysis.groups import GroupTable, group_table
from pipeline.analysis.scores import Summary

LEARNING, TASK, COMBINED = "leernetwerk", "samenwerkingsverband", "combinatie"
INTERACTION, TASKS = "interactiegericht", "taakgericht"
MARGIN = 0.5     # points between the two orientations for one to be clearly stronger
BOTH = 3.5       # both orientations at least this high (1-5): a combination
THEME_COLUMN = "themacoalitie"


@dataclass(frozen=True)
class NetworkType:
    declared: str                   # leernetwerk | samenwerkingsverband | combinatie (coalition.yaml)
    interaction: float | None       # mean of interactiegericht
    task: float | None              # mean of taakgericht
    shown: str | None               # the type the answers show; None: no clear type, or not measured
    fits: bool | None               # shown agrees with declared; None when nothing is shown
    theme_coalitions: tuple[str, ...]
    themes: GroupTable | None       # breakdown by theme coalition, when the answers name one


def shown_type(interaction: float | None, task: float | None) -> str | None:
    """Read from the means as printed (one decimal), as every other comparison in the report:
    "4,2 tegen 3,7" is half a point apart to a reader, whatever the unrounded means say."""
    if interaction is None or task is None:
        return None
    interaction, task = round(interaction, 1), round(task, 1)
    gap = round(interaction - task, 1)
    if gap >= MARGIN:
        return LEARNING
    if -gap >= MARGIN:
        return TASK
    return COMBINED if min(interaction, task) >= BOTH else None


def network_type(declared: str, constructs: dict[str, Summary], frame: pd.DataFrame, scores: pd.DataFrame,
                 theme_coalitions: tuple[str, ...], threshold: int) -> NetworkType:
    interaction = constructs[INTERACTION].mean if INTERACTION in constructs else None
    task = constructs[TASKS].mean if TASKS in constructs else None
    shown = shown_type(interaction, task)
    themes = (group_table(scores, frame[THEME_COLUMN], THEME_COLUMN, threshold)
              if THEME_COLUMN in frame and frame[THEME_COLUMN].notna().any() else None)
    return NetworkType(declared, interaction, task, shown, None if shown is None else shown == declared,
                       theme_coalitions, themes)
