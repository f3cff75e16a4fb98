"""The summary page in words and figures: the three things to know (`pipeline.analysis.headlines`)
as sentences with their figure, each building block's card with its interval and its change
since the previous wave, the response in one line, and the next steps with who picks them up
and by when.

Each sentence is made from the figures it prints, so it is true of the data it stands next to;
the notebook shows them to the analyst like every other generated sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.analysis.advice import FragmentedEvidence
from pipeline.analysis.governance import SHARED
from pipeline.analysis.headlines import BLOCKS, Headline, headlines
from pipeline.analysis.result import CoalitionResult
from pipeline.analysis.roles import JOINTLY
from pipeline.core.i18n import Translator
from pipeline.core.instrument import Instrument
from pipeline.core.labels import group_in_sentence
from pipeline.report.development_view import change_label


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
    level: str = "none"     # clear | slight | none (`ChangeLevel`)
    label: str = ""         # "licht gestegen": the same words as the development table


@dataclass(frozen=True)
class NextStep:
    title: str
    owner: str
    horizon: str
    why: str = ""     # the figures behind it, as many whole sentences as keep the summary on one page


def leads(result: CoalitionResult, instrument: Instrument, t: Translator) -> list[Lead]:
    return [lead(h, result, instrument, t) for h in headlines(result, instrument)]


def _names(codes: tuple[str, ...], instrument: Instrument, t: Translator) -> str:
    return t.join([instrument.constructs[c].name(t.lang) for c in codes])


def lead(h: Headline, result: CoalitionResult, instrument: Instrument, t: Translator) -> Lead:
    """The sentence and figure of one headline; the keys `lead_<kind>` hold the wording."""
    previous = next(iter(result.changes.values())).previous_wave if result.changes else ""
    if h.family:
        return _family_lead(h, result, instrument, t, previous)
    if h.kind in ("decline", "rise", "all_rose"):
        changes = [result.changes[c] for c in h.subjects]
        more = t("lead_decline_more", count=h.count) if h.kind == "decline" and h.count > len(h.subjects) else ""
        key = f"lead_{h.kind}" + ("_many" if h.kind == "decline" and len(h.subjects) > 1 else "")
        quality = [ch for code, ch in result.changes.items() if instrument.constructs[code].is_quality]
        clear = sum(ch.clear for ch in quality)
        if h.kind == "all_rose":
            key += "_all_clear" if clear == h.count else "_none_clear" if clear == 0 else ""
        first = instrument.constructs[h.subjects[0]].name(t.lang)     # a role reads "the process manager role"
        largest = t("largest_role", role=first.lower()) if h.subjects[0].startswith("rol_") else first
        sentence = t(key, slight=h.count - clear, names=_names(h.subjects, instrument, t), previous=previous,
                     count=h.count, clear=clear, largest=largest,
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
    if h.kind == "low_trust":
        density, *scale = h.values
        key = "lead_low_trust_none" if density == 0 else "lead_low_trust_pairs"
        parts = [t(key, share=t.percent(density))] if density >= 0 else []
        if scale:
            parts.append(t("lead_low_trust_scale", mean=t.number(scale[0])))
        return Lead(h.kind, t.percent(density) if density >= 0 else t.number(scale[0]), " ".join(parts))
    if h.kind == "split":      # the parts apart from the largest are named, from the advice's evidence
        split = next((d.evidence for d in result.diagnoses if d.kind == "fragmented"), None)
        if isinstance(split, FragmentedEvidence):
            return Lead(h.kind, str(split.components),
                        t("lead_split_named", count=split.components, parts=parts_phrase(split, t)))
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


def _family_lead(h: Headline, result: CoalitionResult, instrument: Instrument, t: Translator,
                 previous: str) -> Lead:
    """Three or more blocks or roles that changed clearly in one direction, in one sentence:
    "Alle vier leiderschapsrollen zijn sinds 2025 duidelijk gedaald (−0,5 tot −0,7)"; the
    smallest change first in the range, the largest as the figure."""
    direction = "decline" if h.kind == "decline" else "rise"
    smallest, largest = min(h.values, key=abs), max(h.values, key=abs)
    span = (t.signed(largest) if t.signed(smallest) == t.signed(largest)
            else t("interval", low=t.signed(smallest), high=t.signed(largest)))
    family = t(f"family_{h.family}")
    if len(h.subjects) == h.family_size and h.family_size in (3, 4):
        sentence = t(f"lead_{direction}_family_all", count_word=t(f"count_word_{h.family_size}"), family=family,
                     previous=previous, range=span)
    else:
        names = _names(h.subjects, instrument, t)
        sentence = t(f"lead_{direction}_family", family=family, names=names, previous=previous, range=span)
    others = h.count - len(h.subjects)
    more = t(f"lead_family_more_{'down' if direction == 'decline' else 'up'}", count=others) if others else ""
    shifted = result.development is not None and result.development.shifted
    caveat = t("lead_mix_shifted", previous=previous) if shifted else ""
    return Lead(h.kind, t.signed(largest), f"{sentence}{more}{caveat}")


def split_parts(e: FragmentedEvidence) -> list[list[str]]:
    """The names of each part, largest first, from the flat `members` and their `sizes`."""
    parts, start = [], 0
    for size in e.sizes:
        parts.append(list(e.members[start:start + size]))
        start += size
    return parts


def separate_parts(e: FragmentedEvidence) -> list[list[str]]:
    """The names of the parts apart from the largest: every part when two are equally large
    (then there is no largest part to set them against)."""
    parts = split_parts(e)
    return parts if len(e.sizes) > 1 and e.sizes[0] == e.sizes[1] else parts[1:]


def parts_phrase(e: FragmentedEvidence, t: Translator) -> str:
    """"Zorgverzekeraar Zilverduin en Oosterbroek Medisch Centrum werken alleen met elkaar",
    one clause per separate part."""
    return "; ".join(t("part_alone", names=t.join(part)) for part in separate_parts(e))


def trend(result: CoalitionResult, construct: str, t: Translator) -> Trend | None:
    change = result.changes.get(construct)
    if change is None:
        return None
    direction = "up" if change.printed > 0 else "down" if change.printed < 0 else "flat"
    return Trend(direction, t.signed(change.printed), change.previous_wave, change.clear, change.level.value,
                 change_label(change, t))


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


WHY_CHARACTERS = 200   # a step's reason on the summary; the recommendations chapter gives it whole
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý0-9“‘\"'])")


def brief(text: str, limit: int = WHY_CHARACTERS) -> str:
    """The leading whole sentences of `text` within `limit` characters (at least the first):
    a sentence is never cut, so what the summary says stays true."""
    sentences = SENTENCE_END.split(text.strip())
    kept = sentences[:1]
    for sentence in sentences[1:]:
        if len(" ".join([*kept, sentence])) > limit:
            break
        kept.append(sentence)
    return " ".join(kept)


def next_steps(result: CoalitionResult, instrument: Instrument, t: Translator,
               reasons: list[str] | None = None) -> list[NextStep]:
    """The first advice's steps, most important first, each with who picks it up and by when,
    and the start of the reason behind it (`reasons`, one per advice)."""
    return [NextStep(a.title[t.lang], owner(a.owner[t.lang], result, instrument, t, trust=a.diagnosis.topic == "trust"),
                     t(f"horizon_{a.horizon[t.lang]}"), brief(reasons[i]) if reasons else "")
            for i, a in enumerate(result.advice[:STEPS_SHOWN])]


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
    holders = [group_in_sentence(instrument, "rolhouder", h, t) for h in named]
    if not holders:
        if any(h in GENERAL_HOLDERS for h in main):
            return t("owner_appoint", role=t(f"owner_{role}"),
                     who=t("owner_appoint_shared" if shared else "owner_appoint_board"))
        return t(f"owner_{role}")
    return t("owner_with_holders", role=t(f"owner_{role}"), holders=t.join(holders))
