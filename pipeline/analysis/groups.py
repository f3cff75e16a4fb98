"""Differences between actor groups, within the anonymity rule.

A group smaller than the threshold is never shown apart: small groups are merged into
'overig' (other) when together they reach the threshold, and left out otherwise. The
largest gaps between the groups shown are what network leaders need to talk about."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from pipeline.analysis.scores import welch_p

MERGED = "overig_klein"


@dataclass(frozen=True)
class GroupTable:
    by: str                                   # actortype | positie
    sizes: Mapping[str, int]                  # shown groups only
    means: Mapping[str, Mapping[str, float | None]]  # construct -> group -> mean
    hidden: int                               # respondents in groups too small to show
    gaps: Mapping[str, float]                 # construct -> max - min over shown groups
    gap_p: Mapping[str, float | None]         # construct -> Welch t-test, highest vs lowest group


def anonymous_groups(labels: pd.Series, threshold: int) -> pd.Series:
    """Group labels with small groups merged, and NaN for respondents that cannot be shown."""
    counts = labels.value_counts()
    small = counts[counts < threshold].index
    merged = labels.where(~labels.isin(small), MERGED)
    if (merged == MERGED).sum() < threshold:
        merged = merged.where(merged != MERGED)
    return merged


def group_table(scores: pd.DataFrame, labels: pd.Series, by: str, threshold: int) -> GroupTable:
    groups = anonymous_groups(labels.reindex(scores.index), threshold)
    shown = groups.dropna()
    means = scores.loc[shown.index].groupby(shown).mean()
    table = {c: {g: (None if pd.isna(v) else float(v)) for g, v in means[c].items()} for c in scores.columns}
    # gaps are between real groups: merged small groups have nothing in common to act on
    compared = means.drop(index=MERGED, errors="ignore")
    gaps, gap_p = {}, {}
    if len(compared) >= 2:
        for c in scores.columns:
            if compared[c].notna().sum() >= 2:
                gaps[c] = float(compared[c].max() - compared[c].min())
                values = scores.loc[shown.index, c]
                gap_p[c] = welch_p(values[shown == compared[c].idxmax()], values[shown == compared[c].idxmin()])
    sizes = sorted(shown.value_counts().items(), key=lambda pair: (pair[0] == MERGED, str(pair[0])))
    return GroupTable(by, {str(g): int(n) for g, n in sizes}, table,
                      int(groups.isna().sum()), gaps, gap_p)

