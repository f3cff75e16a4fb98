"""The development section as the report shows it: per construct the change since the
previous wave with its interval and its level (clear, slight, none: `ChangeLevel`), who answered in each wave (n and the
mix by position and actor type) with a warning when that mix shifted, and the leadership roles
and governance mode then and now. The chart (`charts.change_chart`) has the same changes on
one fixed axis in every report."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.analysis.comparisons import Change, ChangeLevel
from pipeline.analysis.headlines import BLOCKS
from pipeline.analysis.result import CoalitionResult
from pipeline.analysis.waves import MIX, Development
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
    level: str = "none"   # clear | slight | none (`ChangeLevel`)
    label: str = ""       # "duidelijk gestegen", "licht gedaald", "geen betrouwbare verandering"


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
    since_first: str | None = None                    # with three or more waves: the blocks since the first


SHIFT_EXAMPLES = 3   # the largest moves in the mix named in the warning


def change_label(change: Change, t: Translator) -> str:
    """The one name of a change everywhere it is printed: "duidelijk gestegen", "licht gedaald"
    (reliable, smaller than the relevant size) or "geen betrouwbare verandering"."""
    if change.level is ChangeLevel.NONE:
        return t("change_none")
    return t(f"change_{change.level.value}_{'up' if change.change > 0 else 'down'}")


def shift_examples(found: Development, by: str, k: int, instrument: Instrument, t: Translator) -> str:
    """The largest moves in the mix by `by` between the last two waves ("Gemeente 19% → 9%"), of
    the `SHIFT_EXAMPLES` largest only those with at least `k` respondents in both waves (the count
    is the share times the wave's usable responses); empty when none may be named."""
    before, now = found.waves[-2], found.waves[-1]
    old, new = before.shares.get(by, {}), now.shares.get(by, {})
    moves = sorted(set(old) | set(new), key=lambda c: (-abs(new.get(c, 0.0) - old.get(c, 0.0)), c))
    named = [c for c in moves[:SHIFT_EXAMPLES]
             if round(old.get(c, 0.0) * before.n) >= k and round(new.get(c, 0.0) * now.n) >= k]
    return t.join([t("mix_move", group=group_name(instrument, by, c, t), before=t.percent(old[c]),
                     after=t.percent(new[c])) for c in named])


def since_first(found: Development, instrument: Instrument, attention: float, t: Translator) -> str | None:
    """With three or more waves: one sentence on the building blocks since the first wave, from
    the printed means only (no interval or test exists for that comparison): which rose or fell,
    and which were below the attention boundary then and are not now, or the reverse."""
    waves = [w.wave for w in found.waves]
    blocks = [b for b in BLOCKS if b in found.trend]
    if len(waves) < 3 or not blocks:
        return None
    first, last = waves[0], waves[-1]
    then = {b: round(found.trend[b][first], 1) for b in blocks}
    now = {b: round(found.trend[b][last], 1) for b in blocks}
    moves = t.join([t("since_first_move", name=instrument.constructs[b].name(t.lang), before=t.number(then[b]),
                      after=t.number(now[b])) for b in blocks])
    rose, fell = [b for b in blocks if now[b] > then[b]], [b for b in blocks if now[b] < then[b]]
    key = ("since_first_all_up" if len(rose) == len(blocks) else "since_first_all_down" if len(fell) == len(blocks)
           else "since_first_mixed")
    count = t(f"count_word_{len(blocks)}") if len(blocks) in (3, 4) else str(len(blocks))
    sentence = t(key, first=first, count=count, moves=moves)
    names = lambda codes: t.join([instrument.constructs[b].name(t.lang) for b in codes])  # noqa: E731
    below_then = [b for b in blocks if then[b] < attention <= now[b]]
    below_now = [b for b in blocks if now[b] < attention <= then[b]]
    if below_then:
        sentence += t("since_first_below_then", names=names(below_then), attention=t.number(attention))
    if below_now:
        sentence += t("since_first_below_now", names=names(below_now), attention=t.number(attention))
    return sentence + t("since_first_means")


def development_view(result: CoalitionResult, instrument: Instrument, t: Translator) -> DevelopmentView | None:
    if not result.changes or not result.previous_waves:
        return None
    previous = result.previous_waves[-1]
    rows = tuple(
        ChangeRow(instrument.constructs[code].name(t.lang), t.number(ch.previous_mean), t.number(ch.current_mean),
                  ch.n_previous, ch.n_current, t.signed(ch.change),
                  t("interval", low=t.signed(ch.low), high=t.signed(ch.high)) if ch.low is not None else "–", ch.clear,
                  ch.level.value, change_label(ch, t))
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
        examples = shift_examples(found, by, result.settings.anonymity_threshold, instrument, t)
        shift = t("mix_shifted", previous=previous, wave=result.wave, by=t(f"mix_{by}").lower(),
                  distance=t.number(100 * distance, 0),
                  examples=t("mix_shift_examples", examples=examples) if examples else "",
                  threshold=t.number(100 * result.settings.composition_shift, 0))
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
                           roles_line, governance,
                           since_first(found, instrument, result.settings.band_attention, t))
