"""The sentences of a report that are made from the figures: readings under the charts, the
reason behind each advice, the governance verdict, the gaps between groups.

Each is a small function of the result and the report language, so the notebook can show
the analyst exactly what the client will read."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.analysis.advice import (
    Advice,
    DeclineEvidence,
    FragmentedEvidence,
    GapEvidence,
    GovernanceEvidence,
    NetworkTypeEvidence,
    RoleEvidence,
    TrustEvidence,
    components,
    condition_phrase,
    seen_line,
)
from pipeline.analysis.differences import GroupDifference
from pipeline.analysis.groups import REST, GroupTable
from pipeline.analysis.result import CoalitionResult
from pipeline.core.i18n import Translator
from pipeline.core.instrument import Instrument, Item
from pipeline.core.labels import group_in_sentence, group_name
from pipeline.report.model_texts import governance_lines, host_lines, tension_lines
from pipeline.report.summary_page import leads, parts_phrase, response_line, split_parts

ECOSYSTEM = ("ecosysteem", "gedeelde_verantwoordelijkheid")
ANSWER_LIMIT = 600          # characters of an open answer the PDF quotes; scores.json keeps them all
SHORTENED = " […]"


@dataclass(frozen=True)
class Reading:
    """The short text under a building block's chart."""

    score: str
    best: str | None
    worst: str | None


def block_reading(result: CoalitionResult, construct: str, instrument: Instrument, t: Translator) -> Reading:
    summary = result.constructs[construct]
    name = instrument.constructs[construct].name(t.lang)
    if summary.mean is None:
        return Reading(t("reading_few", block=name), None, None)
    score = t("reading_score", block=name, mean=t.number(summary.mean), agree=t.percent(summary.pct_agree))
    # every statement is ranked on its scored mean (a negatively worded one reversed), so the
    # best and worst are those the chart below shows; a negatively worded pick is phrased as
    # what participants reject, with the shares of its answers as worded (as the chart shows them)
    ranked = _by_mean(result, instrument.items_of(construct))
    if len(ranked) < 2:
        return Reading(score, None, None)
    return Reading(score, _reading_item(result, ranked[-1], "best", t), _reading_item(result, ranked[0], "worst", t))


def _reading_item(result: CoalitionResult, item: Item, end: str, t: Translator) -> str:
    """"Het meest/minst positief over …"; for a reverse-worded statement what people reject
    ("… zijn het oneens met …" with its share disagreeing) or, at the low end, how many agree."""
    if not item.reverse:
        return t(f"reading_{end}", text=item.text(t.lang))
    dist = result.items[item.code].distribution
    total = sum(dist.values()) or 1
    agree = (dist.get(4, 0) + dist.get(5, 0)) / total
    disagree = (dist.get(1, 0) + dist.get(2, 0)) / total
    return t(f"reading_{end}_reversed", text=item.text(t.lang).rstrip("."),
             agree=t.percent(agree), disagree=t.percent(disagree))


def advice_reason(advice: Advice, result: CoalitionResult, instrument: Instrument, t: Translator) -> str:
    """The figures behind an advice, in one sentence a client can check against the report."""
    d, e = advice.diagnosis, advice.diagnosis.evidence
    construct = instrument.constructs[d.subject].name(t.lang) if d.subject in instrument.constructs else ""
    if isinstance(e, GovernanceEvidence):
        return governance_reason(e, t)
    if isinstance(e, RoleEvidence):
        role = instrument.constructs[f"rol_{d.subject}"].name(t.lang).lower()
        if d.kind == "role_unfilled":
            return t("why_role_unfilled", share=t.percent(e.nobody), role=role)
        return t("why_role_single_group", role=role, holder=group_in_sentence(instrument, "rolhouder", e.holders[0], t))
    if isinstance(e, TrustEvidence):
        return t("why_low_trust", share=t.percent(e.trust_density))
    if isinstance(e, DeclineEvidence):
        change = result.changes[d.subject]
        return t("why_decline", construct=construct, before=t.number(change.previous_mean),
                 after=t.number(change.current_mean), previous=change.previous_wave)
    if isinstance(e, GapEvidence):      # one side is the group, the other every other respondent
        lower = e.high_group == REST
        return t("why_gap_lower" if lower else "why_gap_higher", construct=construct, gap=t.number(e.gap),
                 group=group_name(instrument, e.by, e.low_group if lower else e.high_group, t))
    if isinstance(e, NetworkTypeEvidence):
        return t("why_network_type", declared=t(f"type_{e.declared}"), shown=t(f"type_{e.shown}"),
                 interaction=t.number(e.interaction), task=t.number(e.task))
    if isinstance(e, FragmentedEvidence):
        if d.kind == "fragmented":
            return fragmented_reason(e, t)
        return t("why_fragmented", names=t.join(list(e.names)))
    return t("why_construct", construct=construct, mean=t.number(e.mean),
             band=t.band_words(e.band, e.band_low, e.band_high).lower())


def governance_reason(e: GovernanceEvidence, t: Translator) -> str:
    """The misfit behind the governance advice: the chosen mode and the conditions that do not
    suit it, then what the participants who name a mode see, with its base (`seen_line`): the
    share of the declared mode, or, when no mode has a majority, that they disagree."""
    key = "why_governance_mismatch" if len(e.misfit) > 1 else "why_governance_mismatch_one"
    line = t(key, declared=t(f"mode_{e.declared}"),
             misfit=t.join([condition_phrase(c, t) for c in e.misfit]))
    seen = seen_line(e, t)
    return f"{line} {seen}" if seen else line


@dataclass(frozen=True)
class NetworkLines:
    """The sentences under the network map: the most connected organisations, the separate
    parts, and the organisations on the edge (one working tie or none) of the largest part."""

    central: str | None
    parts: str | None
    loose: str | None


def network_lines(result: CoalitionResult, t: Translator) -> NetworkLines | None:
    """The most connected organisations with their number of ties (`network.most_connected`);
    a network in separate parts names the parts apart from the largest, and their organisations
    are a separate part ("los deel"), not on the edge: they are left out of the loose list."""
    n = result.network
    if n is None:
        return None
    roster = result.coalition.roster
    named = [t("central_org", name=roster[c].name, count=n.degrees[c]) for c in n.central]
    central = t("central_orgs" if len(named) > 1 else "central_orgs_one", names=t.join(named)) if named else None
    split = next((d.evidence for d in result.diagnoses if d.kind == "fragmented"), None)
    parts, apart, largest = None, set(), set()
    if isinstance(split, FragmentedEvidence):
        parts = t("network_parts", components=split.components, parts=parts_phrase(split, t))
        found = [p for p in components(n) if len(p) > 1]
        largest = found[0] if split.sizes[0] != split.sizes[1] else set()
        apart = {c for p in found for c in p if c not in largest}
    loose = [c for c in n.isolated + n.peripheral if c not in apart]
    names = t.join([roster[c].name for c in loose])
    if apart and not largest:      # equal parts: no largest part to be on the edge of
        return NetworkLines(central, parts, t("why_fragmented_isolated", names=names) if loose else None)
    if apart:
        return NetworkLines(central, parts, t("loose_orgs_apart", names=names) if loose else t("loose_orgs_none_apart"))
    return NetworkLines(central, parts, t("loose_orgs", names=names) if loose else t("loose_orgs_none"))


def recommendations_intro(result: CoalitionResult, t: Translator) -> str:
    """The recommendations' intro, with the kinds of finding this report's advice covers, in
    the order it shows them (`advice.ORDER`, then any added to reach the minimum), so that the
    sentence describing the order is true of the list below it."""
    kinds = list(dict.fromkeys(t(f"order_{a.diagnosis.kind}") for a in result.advice))
    if not kinds:
        return t("recommendations_intro")
    if len(kinds) == 1:
        return t("recommendations_order_one", first=kinds[0])
    return t("recommendations_order", first=kinds[0], rest=t.join(kinds[1:]))


def fragmented_reason(e: FragmentedEvidence, t: Translator) -> str:
    """The parts of a fragmented network, true also when two parts are equally large (then there
    is no "grootste deel" and every part is named) and naming the organisations without any tie,
    which belong to no part."""
    if len(e.sizes) > 1 and e.sizes[0] == e.sizes[1]:
        key = "why_fragmented_equal" if len(set(e.sizes)) == 1 else "why_fragmented_listed"
        line = t(key, components=e.components, parts="; ".join(t.join(p) for p in split_parts(e)))
    else:
        line = t("why_fragmented_parts", components=e.components, names=t.join(list(e.names)))
    if e.isolated:
        line += " " + t("why_fragmented_isolated", names=t.join(list(e.isolated)))
    return line


def shortened(text: str, limit: int = ANSWER_LIMIT) -> str:
    """An open answer as the PDF quotes it: one of a few pages' length would crowd out the
    others, so it is cut at the last word boundary before `limit` characters and marked.
    A single word longer than that (a pasted URL) is cut where the limit falls."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    boundary = re.search(r"\s+\S*$", head)
    if boundary and boundary.start() > 0:
        head = head[:boundary.start()]
    return head.rstrip(" ,;:") + SHORTENED


def not_compared_line(result: CoalitionResult, instrument: Instrument, t: Translator) -> str | None:
    """The sentence under the development table naming the topics the earlier wave's
    questionnaire did not measure (the table shows the quality constructs, and so does this)."""
    left_out = [instrument.constructs[c].name(t.lang) for c in result.not_compared
                if instrument.constructs[c].is_quality]
    if not left_out or not result.previous_waves:
        return None
    return t("not_compared", previous=result.previous_waves[-1], constructs=t.join(left_out))


def governance_verdict(result: CoalitionResult, t: Translator) -> str:
    """Whether every measured condition fits the declared mode; which do and which do not
    follows in `governance_lines` (conditions are never counted against each other)."""
    found = result.governance
    if not found.fit and not found.misfit:
        return t("governance_unknown")
    if found.mismatch:
        key = ("governance_mismatch_unsure" if not found.sure_misfit
               else "governance_mismatch" if found.fit else "governance_mismatch_none")   # none fits: "geen"
        return t(key, declared=t(f"mode_{found.declared}"))
    return t("governance_match_unsure" if found.unsure else "governance_match", mode=t(f"mode_{found.declared}"))


def difference_line(d: GroupDifference, table: GroupTable, instrument: Instrument, t: Translator) -> str:
    """One clear difference between a group and the other respondents, with its interval and
    standardised size (Hedges' g), all as distances in the direction the sentence names
    ("0,8 punt lager (95%-interval 0,4 tot 1,2)"): a clear difference's interval never holds zero."""
    key = "group_difference_higher" if d.difference > 0 else "group_difference_lower"
    ends = sorted(abs(x) for x in (d.low, d.high) if x is not None)
    return t(key, group=group_name(instrument, table.by, d.group, t),
             construct=instrument.constructs[d.construct].name(t.lang), difference=t.number(abs(d.difference)),
             low=t.number(ends[0]) if ends else "–", high=t.number(ends[-1]) if ends else "–",
             g=t.number(abs(d.g)) if d.g is not None else "–")


def gap_lines(result: CoalitionResult, instrument: Instrument, t: Translator, limit: int = 6) -> list[str]:
    """The clear differences between a group and the rest (Holm-corrected over every
    comparison, at least the relevant size), largest first."""
    found = sorted(((table, d) for table in result.groups.values() for d in table.differences
                    if d.clear and instrument.constructs[d.construct].is_quality),
                   key=lambda pair: -abs(pair[1].difference))
    return [difference_line(d, table, instrument, t) for table, d in found[:limit]]


def lowest_items(result: CoalitionResult, instrument: Instrument, group: str, count: int = 3) -> list[Item]:
    return _by_mean(result, [i for c in instrument.constructs_in(group) for i in instrument.items_of(c.code)])[:count]


def _by_mean(result: CoalitionResult, items: list[Item]) -> list[Item]:
    """The items with a mean, lowest mean first."""
    scored = [(mean, n, i) for n, i in enumerate(items) if (mean := result.items[i.code].mean) is not None]
    return [i for _, _, i in sorted(scored, key=lambda pair: pair[:2])]


def client_sentences(result: CoalitionResult, instrument: Instrument, t: Translator) -> dict[str, list[str]]:
    """What the client reads that is made from the figures, by section, in the report's
    order: for the analyst to check in the notebook before the PDF goes out."""
    blocks = ("actor", "identiteit", "ambities", "fundament", *ECOSYSTEM)
    readings = [block_reading(result, code, instrument, t) for code in blocks]
    return {
        t("summary"): [lead.sentence for lead in leads(result, instrument, t)] + [response_line(result, t)],
        t("network_model"): [s for r in readings for s in (r.score, r.best, r.worst) if s],
        t("governance"): [governance_verdict(result, t), *governance_lines(result, t),
                          *(f"{name}: {text}" for name, text in tension_lines(result, t)),
                          *host_lines(result, instrument, t)],
        t("groups"): gap_lines(result, instrument, t),
        t("recommendations"): [f"{a.title[t.lang]}: {advice_reason(a, result, instrument, t)}" for a in result.advice],
    }
