"""Who fills the four leadership roles (strateeg, ontwikkelaar, verkenner, procesmanager).

Each respondent names who mainly fills each role (actor groups or positions, or "niemand",
nobody) and which roles they take themselves. How *well* a role is filled is the role's
construct score (rol_<role>) and is not repeated here. A role that many say nobody fills, or
that no group is named for by a fair share, is unfilled; a role only one group fills leans
on that group alone. Both are findings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from pipeline.core.instrument import MULTI_SEPARATOR, Instrument

NOBODY = "niemand"
ROLES = ("strateeg", "ontwikkelaar", "verkenner", "procesmanager")


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


def role_filling(frame: pd.DataFrame, instrument: Instrument, role: str, nobody_share: float,
                 holder_share: float) -> RoleFilling:
    question = f"wie_{role}"
    options = [o.code for o in instrument.option_sets["rolhouder"]]
    chosen = frame[[f"{question}{MULTI_SEPARATOR}{o}" for o in options]].set_axis(options, axis=1)
    answered = chosen[chosen.notna().any(axis=1) & (chosen.fillna(0).sum(axis=1) > 0)]
    n = len(answered)
    shares = {o: float(answered[o].fillna(0).mean()) for o in options} if n else {}
    nobody = shares.pop(NOBODY, None) if n else None
    main = sorted((o for o, s in shares.items() if s >= holder_share), key=lambda o: -shares[o])
    own_column = f"eigen_rollen{MULTI_SEPARATOR}{role}"
    own = frame[own_column].dropna() if own_column in frame else pd.Series(dtype=float)
    takes = int(own.sum()) if len(own) else None    # nobody said which roles they take: unknown, not none
    if nobody is None:              # nobody named anyone, or nobody
        status = "unknown"
    elif nobody >= nobody_share or not main:
        status = "unfilled"
    elif len(main) == 1:
        status = "single_group"
    else:
        status = "filled"
    return RoleFilling(role, f"rol_{role}", n, shares, nobody, tuple(main), takes,
                       takes / len(frame) if takes is not None else None, status)


def role_fillings(frame: pd.DataFrame, instrument: Instrument, nobody_share: float,
                  holder_share: float) -> dict[str, RoleFilling]:
    return {role: role_filling(frame, instrument, role, nobody_share, holder_share) for role in ROLES}
