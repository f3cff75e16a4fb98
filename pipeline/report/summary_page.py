"""The summary page in words and figures: the three things to know (`pipeline.analysis.headlines`)
as sentences with their figure, each building block's card with its interval and its change
since the previous wave, the response in one line, and the next steps with who picks them up
and by when.

Each sentence is made from the figures it prints, so it is true of the data it stands next to;
the notebook shows them to the analyst like every other generated sentence."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.analysis.governance import SHARED
from pipeline.analysis.headlines import BLOCKS, Headline, headlines
from pipeline.analysis.result import CoalitionResult
from pipeline.analysis.roles import JOINTLY
from pipeline.core.i18n import Translator
from pipeline.core.instrument import Instrument
from pipeline.core.labels import group_name


@dataclass(frozen=True)
class Lead:
    """A headline as the reader sees it: its figure large, its sentence next to it."""

    kind: str
    figure: str
    sentence: str


@dataclass(frozen=True)
class Trend:
    """A block's change since the previous wave, as its card shows it."""

    direction: str          # up | down | flat
    difference: str         # "+0,4"
    previous_wave: str
    clear: bool             # Holm-significant and at least the relevant size (`Change.clear`)


@dataclass(frozen=True)
class NextStep:
    title: str
    owner: str
    horizon: str


def leads(result: CoalitionResult, instrument: Instrument, t: Translator) -> list[Lead]:
    return [lead(h, result, instrument, t) for h in headlines(result, instrument)]


def _names(codes: tuple[str, ...], instrument: Instrument, t: Translator) -> str:
    return t.join([instrument.constructs[c].name(t.lang) for c in codes])


def lead(h: Headline, result: CoalitionResult, instrument: Instrument, t: Translator) -> Lead:
    """The sentence and figure of one headline; the keys `lead_<kind>` hold the wording."""
    previous = next(iter(result.changes.values())).previous_wave if result.changes else ""
    if h.kind in ("decline", "rise", "all_rose"):
        changes = [result.changes[c] for c in h.subjects]
        more = t("lead_decline_more", count=h.count) if h.kind == "decline" and h.count > len(h.subjects) else ""
        key = f"lead_{h.kind}" + ("_many" if h.kind == "decline" and len(h.subjects) > 1 else "")
        clear = sum(ch.clear for code, ch in result.changes.items() if instrument.constructs[code].is_quality)
        sentence = t(key, names=_names(h.subjects, instrument, t), previous=previous, count=h.count, clear=clear,
                     relevant=t.number(result.settings.gap_finding),
                     changes=t.join([t.signed(c.printed) for c in changes]),
                     before=t.number(changes[0].previous_mean), after=t.number(changes[0].current_mean))
        figure = t("lead_figure_all_rose", count=h.count) if h.kind == "all_rose" else t.signed(changes[0].printed)
        shifted = result.development is not None and result.development.shifted
        caveat = t("lead_mix_shifted", previous=previous) if shifted else ""   # other people may explain part of it
        return Lead(h.kind, figure, f"{sentence}{more}{caveat}")
    if h.kind == "role_unfilled":
        role = instrument.constructs[f"rol_{h.subjects[0]}"].name(t.lang).lower()
        return Lead(h.kind, t.percent(h.values[0]), t("lead_role_unfilled", role=role, share=t.percent(h.values[0])))
    if h.kind == "governance_misfit":
        declared, fitting = h.subjects
        return Lead(h.kind, t("lead_figure_governance"),
                    t("lead_governance_misfit", fitting=t(f"mode_{fitting}"), declared=t(f"mode_{declared}")))
    if h.kind in ("weakest_block", "strongest_block"):
        s = result.constructs[h.subjects[0]]
        key = f"lead_{h.kind}" + ("_many" if len(h.subjects) > 1 else "")
        sentence = t(key, names=_names(h.subjects, instrument, t), mean=t.number(h.values[0]),
                     band=t.band_words(s.band, s.band_low, s.band_high).lower())
        others = [b for b in BLOCKS if b in result.constructs and result.constructs[b].mean is not None
                  and b not in h.subjects]
        near = ("" if not h.near else t("lead_block_near_all") if set(h.near) == set(others)
                else t("lead_block_near", names=_names(h.near, instrument, t)))
        return Lead(h.kind, t.number(h.values[0]), f"{sentence}{near}")
    if h.kind == "split":
        return Lead(h.kind, str(h.count), t("lead_split", count=h.count))
    if h.kind == "fragmented":
        names = t.join([result.coalition.roster[c].name for c in h.subjects])
        return Lead(h.kind, str(h.count), t("lead_fragmented" + ("_one" if h.count == 1 else ""), names=names,
                                            count=h.count))
    if h.subjects == ("invited",):
        return Lead(h.kind, t.percent(h.values[0]), t("lead_low_response_invited", used=h.count,
                                                      invited=int(h.values[1]), share=t.percent(h.values[0])))
    return Lead(h.kind, str(h.count), t("lead_low_response", used=h.count, share=t.percent(h.values[0]),
                                        received=result.response.received))


def trend(result: CoalitionResult, construct: str, t: Translator) -> Trend | None:
    change = result.changes.get(construct)
    if change is None:
        return None
    direction = "up" if change.printed > 0 else "down" if change.printed < 0 else "flat"
    return Trend(direction, t.signed(change.printed), change.previous_wave, change.clear)


def response_line(result: CoalitionResult, t: Translator) -> str:
    """How many answers were used; the roster's size only where the participation line (who
    took part, of how many invited) does not already say it."""
    r = result.response
    key = "response_line_all" if not r.rejected else "response_line_one" if r.rejected == 1 else "response_line"
    used = t(key, used=r.used, received=r.received, rejected=r.rejected)
    if result.participation is not None:
        return used
    return f"{used} {t('response_roster', organisations=result.coalition.organisations)}"


OWNER_HOLDERS = 2  # the most named holders of a role; the leadership chapter lists them all
STEPS_SHOWN = 3   # an intervention agenda is a few steps; the recommendations chapter has them all


def next_steps(result: CoalitionResult, instrument: Instrument, t: Translator) -> list[NextStep]:
    """The first advice's steps, most important first, each with who picks it up and by when."""
    return [NextStep(a.title[t.lang], owner(a.owner[t.lang], result, instrument, t, trust=a.diagnosis.topic == "trust"),
                     t(f"horizon_{a.horizon[t.lang]}"))
            for a in result.advice[:STEPS_SHOWN]]


GENERAL = "deelnemer"            # the holder option 'Deelnemers in het algemeen'
GENERAL_HOLDERS = (GENERAL, JOINTLY)   # everyone, so no one in particular: no owner of a step


def single_organisation_types(result: CoalitionResult) -> set[str]:
    """Actor types with one organisation on the roster: naming the type names that organisation."""
    counts: dict[str, int] = {}
    for entry in result.coalition.roster.values():
        counts[entry.actortype] = counts.get(entry.actortype, 0) + 1
    return {code for code, n in counts.items() if n == 1}


def owner(role: str, result: CoalitionResult, instrument: Instrument, t: Translator, trust: bool = False) -> str:
    """Who picks a step up: the board (for a self-governing network, which has none, the
    participants together in a core group), or a leadership role with the groups the
    participants see in it now ("Ontwikkelaar, nu vooral: Zorgverzekeraar"), so the director
    knows whom to ask. "Deelnemers in het algemeen" and "gezamenlijk" are everyone, so no one:
    when only they hold the role, the board (or the participants) appoints a lead. A step that
    repairs trust (`trust`) does not name a type with one organisation on the roster: that
    would point at one organisation in the room; the role is named alone."""
    shared = result.governance.declared == SHARED
    if role == "bestuur":
        return t("owner_bestuur_shared" if shared else "owner_bestuur")
    filling = result.roles.get(role)
    main = filling.main_holders if filling else ()
    single = single_organisation_types(result) if trust else set()
    named = [h for h in main if h not in GENERAL_HOLDERS and h not in single][:OWNER_HOLDERS]
    holders = [group_name(instrument, "rolhouder", h, t) for h in named]
    if not holders:
        if any(h in GENERAL_HOLDERS for h in main):
            return t("owner_appoint", role=t(f"owner_{role}"),
                     who=t("owner_appoint_shared" if shared else "owner_appoint_board"))
        return t(f"owner_{role}")
    return t("owner_with_holders", role=t(f"owner_{role}"), holders=t.join(holders))
