"""Coalition folders written by the real generator, with some of the questionnaire left out:
the columns a shorter or older survey would not have, or columns nobody filled in."""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from pipeline.tools.example_data import synthetic_specs, write_coalition

RELATIONS = ("rel_intensiteit__", "rel_vertrouwen__")
ROLES = ("wie_", "eigen_rollen")
OPTIONAL = (*RELATIONS, *ROLES, "regievorm", "open_")


def tiny_inputs(folder: Path, count: int, respondents: int = 12) -> list[Path]:
    """`count` small generated coalitions, complete: for tests of the batch rather than the answers."""
    return [write_coalition(spec, folder, seed=n) for n, spec in enumerate(synthetic_specs(count, respondents))]


def coalition(folder: Path, slug: str, waves: tuple[str, ...] = ("2026",), seed: int = 1,
              respondents: int = 20) -> Path:
    spec = synthetic_specs(1, respondents=respondents)[0]
    return write_coalition(replace(spec, slug=slug, waves={w: 0.1 * n for n, w in enumerate(waves)}), folder,
                           seed=seed)


def rewrite(path: Path, change: Callable[[list[list[str]]], list[list[str]]]) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(change(rows))


def drop_columns(path: Path, prefixes: tuple[str, ...]) -> None:
    """The file without the columns whose header starts with one of `prefixes`."""
    def change(rows: list[list[str]]) -> list[list[str]]:
        keep = [i for i, name in enumerate(rows[0]) if not name.startswith(prefixes)]
        return [[row[i] for i in keep] for row in rows]
    rewrite(path, change)


def empty_columns(path: Path, prefixes: tuple[str, ...]) -> None:
    """The file with the columns whose header starts with one of `prefixes` left blank."""
    def change(rows: list[list[str]]) -> list[list[str]]:
        blank = {i for i, name in enumerate(rows[0]) if name.startswith(prefixes)}
        return [rows[0]] + [["" if i in blank else cell for i, cell in enumerate(row)] for row in rows[1:]]
    rewrite(path, change)
