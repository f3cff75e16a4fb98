"""The development section as the report shows it: per construct the change since the
previous wave with its interval and whether it is clear, who answered in each wave (n and the
mix by position and actor type) with a warning when that mix shifted, and the leadership roles
and governance mode then and now. The chart (`charts.change_chart`) has the same changes on
one fixed axis in every report."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.analysis.result import CoalitionResult
from pipeline.analysis.waves import MIX
from pipeline.core.i18n import Translator
from pipeline.core.instrument import Instrument
from pipeline.core.labels import group_name


@dataclass(frozen=True)
class ChangeRow:
    name: str
    before: str
    after: str
    n_before: int
    n_after: int
    change: str           # "−0,4"
    interval: str         # "−0,7 tot −0,1"
    clear: bool


@dataclass(frozen=True)
class MixTable:
    by: str
    title: str
    rows: tuple[tuple[str, tuple[str, ...]], ...]    # category, share per wave


@dataclass(frozen=True)
class DevelopmentView:
    previous: str
    waves: tuple[str, ...]
    n: tuple[int, ...]                                # usable responses per wave
    rows: tuple[ChangeRow, ...]
    mix: tuple[MixTable, ...]
    shift: str | None                                 # the warning when the mix shifted
    roles: tuple[tuple[str, str, str], ...]           # role, previous status, status now (when any differs)
    roles_line: str | None                            # one sentence instead, when nothing changed
    governance: str | None


def development_view(result: CoalitionResult, instrument: Instrument, t: Translator) -> DevelopmentView | None:
    if not result.changes or not result.previous_waves:
        return None
    previous = result.previous_waves[-1]
    rows = tuple(
        ChangeRow(instrument.constructs[code].name(t.lang), t.number(ch.previous_mean), t.number(ch.current_mean),
                  ch.n_previous, ch.n_current, t.signed(ch.change),
                  t("interval", low=t.signed(ch.low), high=t.signed(ch.high)) if ch.low is not None else "–", ch.clear)
        for code, ch in result.changes.items() if instrument.constructs[code].is_quality)
    found = result.development
    if found is None:
        return DevelopmentView(previous, (), (), rows, (), None, (), None, None)
    waves = tuple(w.wave for w in found.waves)
    mix = []
    for by in MIX:
        categories = sorted({c for w in found.waves for c in w.shares.get(by, {})})
        mix.append(MixTable(by, t(f"mix_{by}"), tuple(
            (group_name(instrument, by, c, t), tuple(t.percent(w.shares.get(by, {}).get(c, 0.0)) for w in found.waves))
            for c in categories)))
    shift = None
    if found.shifted:
        by, distance = max(found.shift.items(), key=lambda pair: pair[1])
        shift = t("mix_shifted", previous=previous, wave=result.wave, by=t(f"mix_{by}").lower(),
                  distance=t.percent(distance), threshold=t.percent(result.settings.composition_shift))
    roles = tuple((instrument.constructs[f"rol_{role}"].name(t.lang), t(f"role_status_{rc.previous}"),
                   t(f"role_status_{rc.current}")) for role, rc in found.roles.items())
    roles_line = None
    if roles and all(rc.previous == rc.current == "filled" for rc in found.roles.values()):
        roles_line = t("roles_unchanged", count=len(roles), previous=previous)     # one sentence says it all
        roles = ()
    governance = None
    if found.governance is not None:
        before, now = found.governance
        key = "governance_seen_same" if before == now else "governance_seen_changed"
        governance = t(key, previous=previous, before=t(f"mode_{before}"), now=t(f"mode_{now}"))
    return DevelopmentView(previous, waves, tuple(w.n for w in found.waves), rows, tuple(mix), shift, roles,
                           roles_line, governance)
