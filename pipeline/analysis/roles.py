"""Who fills the four leadership roles (strateeg, ontwikkelaar, verkenner, procesmanager).

Each respondent names who mainly fills each role: a type of party on the coalition's roster,
a position in the network (board members, the programme office, coordinators), "gezamenlijk"
(the participants jointly) or "niemand" (nobody). How *well* a role is filled is the role's
construct score (rol_<role>) and is not repeated here. A role that many say nobody fills, or
that no holder is named for by a fair share, is unfilled; a role only one group fills leans
on that group alone. Both are findings.

With fewer respondents answering than the anonymity threshold, no shares are given and the
status is unknown: a share of three people points at people.

Answers naming a type of party that has no organisation on the roster cannot be about this
coalition: they are counted per type (`not_in_coalition`) and reported, not taken as holders.
Respondents also say which roles they take themselves (`eigen_rollen`); per actor type that
claim is set beside how often the other respondents name that type (`claims`), only for
groups of at least the anonymity threshold and only when the respondents outside the groups
shown are none or also at least that many, so that no group's claim can be worked out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from pipeline.core.instrument import MULTI_SEPARATOR, Instrument

NOBODY = "niemand"
JOINTLY = "gezamenlijk"
ROLES = ("strateeg", "ontwikkelaar", "verkenner", "procesmanager")


@dataclass(frozen=True)
class RoleClaim:
    """One actor type's own claim to a role beside how the other respondents see it."""

    group: str            # actor type code
    n: int                # respondents of this type who said which roles they take
    claimed: float        # share of them taking the role themselves
    attributed: float     # share of the other respondents naming this type as a holder
    others: int = 0       # the other respondents who named a holder: the base of `attributed`


@dataclass(frozen=True)
class RoleFilling:
    role: str
    construct: str                  # the construct that says how well the role is filled
    answered: int                   # respondents who named someone, or nobody
    holders: Mapping[str, float]    # holder option -> share of those respondents naming it
    nobody: float | None            # share naming nobody
    main_holders: tuple[str, ...]   # options named by at least the holder share, most named first
    takes_role: int | None          # respondents who say they fill the role themselves; None: not asked or answered
    takes_role_share: float | None  # ... as a share of all respondents
    status: str                     # filled | single_group | unfilled | unknown
    not_in_coalition: Mapping[str, int] = field(default_factory=dict)  # type not on the roster -> respondents naming it
    claims: tuple[RoleClaim, ...] = ()                # own claim against others' view, per actor type
    claim_groups: tuple[str, ...] = ()       # actor types of which at least k answered the own-role question
    claim_small_groups: tuple[str, ...] = ()  # ... of which fewer did (none of them is shown alone)


def holder_options(instrument: Instrument, actortypes: frozenset[str]) -> tuple[list[str], list[str]]:
    """The options that can hold a role in this coalition, and the actor types it does not have."""
    types = {o.code for o in instrument.option_sets["actortype"]}
    options = [o.code for o in instrument.option_sets["rolhouder"]]
    return ([o for o in options if o not in types or o in actortypes],
            [o for o in options if o in types and o not in actortypes])


def _chosen(frame: pd.DataFrame, question: str, options: list[str]) -> pd.DataFrame:
    """0/1 per option, NaN for a respondent who skipped; an option without a column is all NaN."""
    columns = {o: f"{question}{MULTI_SEPARATOR}{o}" for o in options}
    return pd.DataFrame({o: frame[c] if c in frame else float("nan") for o, c in columns.items()},
                        index=frame.index).astype(float)


def role_claims(frame: pd.DataFrame, named: pd.DataFrame, role: str, threshold: int) -> tuple[RoleClaim, ...]:
    """Per actor type with enough respondents: share claiming the role against others naming it."""
    own_column = f"eigen_rollen{MULTI_SEPARATOR}{role}"
    if own_column not in frame or "actortype" not in frame:
        return ()
    own = frame[own_column].dropna()
    types = frame.loc[own.index, "actortype"]
    sizes = types.value_counts()
    shown = [str(g) for g, n in sizes.items() if n >= threshold and str(g) in named.columns]
    outside = int(sizes.sum() - sizes[shown].sum()) if shown else 0
    if not shown or 0 < outside < threshold:
        return ()
    # on arrays, not by index per group: the answers are 0/1, so every mean is exact either way
    own_values, own_types = own.to_numpy(dtype=float), types.to_numpy()
    named_types = frame["actortype"].reindex(named.index)
    out = []
    for group in sorted(shown):
        attributed = named[group].to_numpy(dtype=float)[(named_types != group).to_numpy()]
        others = attributed[~np.isnan(attributed)]
        if len(others) < threshold:
            continue
        out.append(RoleClaim(group, int(sizes[group]), float(own_values[own_types == group].mean()),
                             float(others.mean()), len(others)))
    return tuple(out)


def claim_groups(frame: pd.DataFrame, role: str, threshold: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The actor types of which at least `threshold` respondents answered the own-role question,
    and those of which fewer did: why the claims are shown, or not."""
    own_column = f"eigen_rollen{MULTI_SEPARATOR}{role}"
    if own_column not in frame or "actortype" not in frame:
        return (), ()
    sizes = frame.loc[frame[own_column].dropna().index, "actortype"].dropna().astype(str).value_counts()
    return (tuple(sorted(g for g, n in sizes.items() if n >= threshold)),
            tuple(sorted(g for g, n in sizes.items() if n < threshold)))


def role_filling(frame: pd.DataFrame, instrument: Instrument, role: str, nobody_share: float,
                 holder_share: float, actortypes: frozenset[str] | None = None,
                 threshold: int = 5) -> RoleFilling:
    """`actortypes`: the types on the roster (None: every type of the instrument)."""
    question = f"wie_{role}"
    everything = [o.code for o in instrument.option_sets["rolhouder"]]
    options, foreign = holder_options(instrument, actortypes if actortypes is not None
                                      else frozenset(o.code for o in instrument.option_sets["actortype"]))
    all_chosen = _chosen(frame, question, everything)
    answered_rows = all_chosen.notna().any(axis=1) & (all_chosen.fillna(0).sum(axis=1) > 0)
    chosen = all_chosen.loc[answered_rows, options]
    n = len(chosen)
    if n < threshold:       # shares resting on fewer people than the anonymity threshold are not given
        chosen = chosen.iloc[0:0]
    # column sums and means of 0/1 answers on one array, not one pandas call per option
    not_in = dict(zip(foreign, all_chosen.loc[answered_rows, foreign].fillna(0).to_numpy().sum(axis=0)
                      .astype(int).tolist()))
    shown = len(chosen)
    shares = dict(zip(options, chosen.fillna(0).to_numpy().mean(axis=0).tolist())) if shown else {}
    nobody = shares.pop(NOBODY, None) if shown else None
    main = sorted((o for o, s in shares.items() if s >= holder_share), key=lambda o: -shares[o])
    own_column = f"eigen_rollen{MULTI_SEPARATOR}{role}"
    own = frame[own_column].dropna() if own_column in frame else pd.Series(dtype=float)
    takes = int(own.sum()) if len(own) else None    # nobody said which roles they take: unknown, not none
    if nobody is None:              # nobody named anyone, or nobody; or too few did
        status = "unknown"
    elif nobody >= nobody_share or not main:
        status = "unfilled"
    elif len(main) == 1 and main[0] != JOINTLY:
        status = "single_group"
    else:
        status = "filled"
    return RoleFilling(role, f"rol_{role}", n, shares, nobody, tuple(main), takes,
                       takes / len(frame) if takes is not None else None, status,
                       {o: c for o, c in not_in.items() if c},
                       role_claims(frame, all_chosen.loc[answered_rows], role, threshold),
                       *claim_groups(frame, role, threshold))


def role_fillings(frame: pd.DataFrame, instrument: Instrument, nobody_share: float, holder_share: float,
                  actortypes: frozenset[str] | None = None, threshold: int = 5) -> dict[str, RoleFilling]:
    return {role: role_filling(frame, instrument, role, nobody_share, holder_share, actortypes, threshold)
            for role in ROLES}
