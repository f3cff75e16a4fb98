"""Differences between actor groups, within the anonymity rule.

Nothing shown may rest on fewer than k people (k = the anonymity threshold), and nothing
hidden may be worked out from what is shown. Overall n and mean are printed elsewhere, so a
single hidden group is the total minus the groups shown. Hence *complementary suppression*:

1. Groups smaller than k, and respondents without a group, are pooled into 'overig_klein'
   (other). When the pool is not empty but smaller than k, the smallest shown group joins it,
   and the next, until it reaches k. Every respondent is then in a shown group.
2. Per construct a group's n can be smaller than its size (missing answers). A cell resting
   on fewer than k scores is hidden, and with it the smallest other cells until the hidden
   cells together hold at least k scores in at least two groups: their sum is derivable, each
   one is not. When that cannot be done, the construct's whole row is hidden.

A group made of one organisation's people describes that organisation; it is named in
`single_organisation` so the report can say so. Each group is compared with the rest of the
respondents (`pipeline.analysis.differences`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from pipeline.analysis.differences import GroupDifference, holm, rest_difference
from pipeline.core.instrument import Instrument
from pipeline.core.settings import MIN_ANONYMITY, Settings

MERGED = "overig_klein"
REST = "rest"               # the other side of a group's difference: every other respondent


@dataclass(frozen=True)
class GroupTable:
    by: str                                   # actortype | positie
    sizes: Mapping[str, int]                  # shown groups only, 'overig_klein' last
    means: Mapping[str, Mapping[str, float | None]]  # construct -> group -> mean; None: hidden cell
    counts: Mapping[str, Mapping[str, int]]   # construct -> group -> scores in a shown cell
    hidden: int                               # respondents in no shown group (all, when fewer than two groups)
    single_organisation: tuple[str, ...]      # shown groups whose respondents are of one organisation
    differences: tuple[GroupDifference, ...]  # each real group against the rest, per tested construct


def anonymous_groups(labels: pd.Series, threshold: int) -> pd.Series:
    """Group labels with small groups (and missing labels) pooled into MERGED, topped up with
    the smallest shown groups until the pool reaches the threshold; NaN for everyone when
    even all of them together do not."""
    named = labels.dropna().astype(str)
    counts = named.value_counts()
    pooled = set(counts[counts < threshold].index)
    pool = int(labels.isna().sum() + counts[list(pooled)].sum())
    shown = sorted((g for g in counts.index if g not in pooled), key=lambda g: (counts[g], g))
    while 0 < pool < threshold and shown:
        smallest = shown.pop(0)
        pooled.add(smallest)
        pool += int(counts[smallest])
    if 0 < pool < threshold:
        return pd.Series(pd.NA, index=labels.index, dtype=object)
    out = labels.astype(object).where(labels.notna(), MERGED)
    return out.where(~out.isin(pooled), MERGED)


def hidden_cells(counts: Mapping[str, int], threshold: int) -> set[str]:
    """The groups whose cell of one construct is not shown (see the module docstring, rule 2)."""
    hide = {g for g, n in counts.items() if 0 < n < threshold}
    if not hide:
        return set()
    others = sorted((g for g, n in counts.items() if n > 0 and g not in hide), key=lambda g: (counts[g], g))
    while (sum(counts[g] for g in hide) < threshold or len(hide) < 2) and others:
        hide.add(others.pop(0))
    if sum(counts[g] for g in hide) < threshold or len(hide) < 2:
        return set(counts)
    return hide


def group_table(scores: pd.DataFrame, labels: pd.Series, by: str, threshold: int,
                organisations: pd.Series | None = None, tested: Sequence[str] | None = None,
                relevant: float = 0.5) -> GroupTable:
    """The breakdown of `scores` (respondent × construct) by `labels`. `organisations` (per
    respondent) gives clustered intervals and the single-organisation mark; `tested`: the
    constructs whose differences are tested (default all); `relevant`: the smallest difference
    in points called clear. Holm's correction here covers this table only; the analysis
    corrects again over all breakdowns together (`differences.holm`)."""
    if threshold < MIN_ANONYMITY:
        raise ValueError(f"a breakdown needs an anonymity threshold of at least {MIN_ANONYMITY}, not {threshold}")
    groups = anonymous_groups(labels.reindex(scores.index), threshold)
    shown = groups.dropna()
    order = sorted(shown.unique(), key=lambda g: (g == MERGED, str(g)))
    if len(order) < 2:
        return GroupTable(by, {}, {c: {} for c in scores.columns}, {c: {} for c in scores.columns},
                          len(scores), (), ())
    sizes = {str(g): int((shown == g).sum()) for g in order}
    means: dict[str, dict[str, float | None]] = {}
    counts: dict[str, dict[str, int]] = {}
    hidden_by_construct: dict[str, set[str]] = {}
    labels_of = shown.astype(str).to_numpy()
    members = {str(g): labels_of == str(g) for g in order}
    for construct in scores.columns:
        values = scores.loc[shown.index, construct].to_numpy(dtype=float)
        present = ~np.isnan(values)
        n = {g: int((present & inside).sum()) for g, inside in members.items()}
        hide = hidden_cells(n, threshold)
        hidden_by_construct[construct] = hide
        means[construct] = {g: (None if g in hide or n[g] == 0 else float(values[present & members[g]].mean()))
                            for g in n}
        counts[construct] = {g: n[g] for g in n if means[construct][g] is not None}
    single: tuple[str, ...] = ()
    if organisations is not None:
        orgs = organisations.reindex(shown.index)
        single = tuple(g for g in sizes if orgs[shown == g].nunique() == 1)
    orgs_of = None if organisations is None else organisations.reindex(shown.index).to_numpy()
    found = []
    for construct in (tested if tested is not None else list(scores.columns)):
        values = scores.loc[shown.index, construct].to_numpy(dtype=float)
        found += [d for g in sizes if g != MERGED and g not in hidden_by_construct[construct]
                  and (d := rest_difference(values, labels_of == g, orgs_of, g, construct, relevant)) is not None]
    return GroupTable(by, sizes, means, counts, int(groups.isna().sum()), single, tuple(holm(found, relevant)))


BREAKDOWNS = ("actortype", "positie")


def group_tables(scores: pd.DataFrame, frame: pd.DataFrame, instrument: Instrument,
                 settings: Settings) -> dict[str, GroupTable]:
    """Both breakdowns of the report, their differences on the quality constructs (those
    with a band, the ones the comparison table shows) corrected together with Holm."""
    organisations = frame["organisatie"] if "organisatie" in frame else None
    tested = [c.code for c in instrument.constructs.values() if c.is_quality and c.code in scores]
    tables = {by: group_table(scores, frame[by], by, settings.anonymity_threshold, organisations, tested,
                              settings.gap_finding) for by in BREAKDOWNS}
    corrected = iter(holm([d for table in tables.values() for d in table.differences], settings.gap_finding))
    return {by: replace(table, differences=tuple(next(corrected) for _ in table.differences))
            for by, table in tables.items()}
