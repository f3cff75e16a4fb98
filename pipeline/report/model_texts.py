"""The sentences of the Netwerkmodel sections that are made from the figures: the
governance conditions per declared mode, the Provan & Kenis tensions, the named host, the
role findings (answers naming a party not in the coalition, own claims against others' view)
and the type of network. Pure functions of the result and the report language."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.analysis.advice import SPLIT_SHARE, GovernanceEvidence, condition_of, condition_phrase, seen_line
from pipeline.analysis.governance import MODES
from pipeline.analysis.groups import hidden_cells
from pipeline.analysis.network_type import BOTH, INTERACTION, MARGIN, TASKS
from pipeline.analysis.result import CoalitionResult
from pipeline.core.i18n import Translator
from pipeline.core.instrument import Instrument
from pipeline.core.labels import group_in_sentence, group_name


def governance_lines(result: CoalitionResult, t: Translator) -> list[str]:
    """Per condition whether it fits the declared mode, with its value and level; then the
    mode every condition fits, if that is another; then the tensions the data speak to."""
    found = result.governance
    declared = t(f"mode_{found.declared}")
    by_name = {p.name: p for p in found.predictors}
    phrase = {n: condition_phrase(condition_of(p, found), t)
              for n, p in by_name.items() if p.value is not None and p.level is not None}
    lines = []
    # a condition whose interval spans a fitting and a misfitting level "may (not) fit": its
    # mean alone would claim a verdict the data do not support
    for key, names in (("governance_misfit_line", found.sure_misfit),
                       ("governance_misfit_unsure_line", tuple(n for n in found.misfit if n in found.unsure)),
                       ("governance_fit_unsure_line", tuple(n for n in found.fit if n in found.unsure)),
                       ("governance_fit_line", tuple(n for n in found.fit if n not in found.unsure))):
        if names:
            lines.append(t(key, declared=declared, conditions=t.join([phrase[n] for n in names])))
    if found.mismatch:
        key = "fitting_line_unsure" if found.fitting_unsure else "fitting_line"
        lines.append(t(key, mode=t(f"mode_{found.fitting}")) if found.fitting else t("fitting_line_none"))
    return lines


def seen_note(result: CoalitionResult, t: Translator) -> str | None:
    """The note under the mode the participants see: its share with its base ("73% van de 60
    deelnemers die een vorm noemen, ziet deze vorm"), or, when no mode has a majority, that the
    participants disagree, with every share."""
    found = result.governance
    if found.agreement is None or not found.named:
        return None
    shares = sorted((s for s in found.seen.values() if s > 0), reverse=True)
    if found.agreement < SPLIT_SHARE or (len(shares) > 1 and shares[0] == shares[1]):
        return seen_line(GovernanceEvidence(found.declared, found.fitting, found.seen_mode, named=found.named,
                                            seen_shares=tuple(found.seen.get(m, 0.0) for m in MODES),
                                            threshold=result.settings.anonymity_threshold), t)
    return t("agreement", share=t.percent(found.agreement), named=found.named)


def tension_lines(result: CoalitionResult, t: Translator) -> list[tuple[str, str]]:
    """(tension, what the data say about it) for each tension the data speak to."""
    found = result.governance
    level = {p.name: p for p in found.predictors}
    organisations = level["organisations"].value
    values = {"organisations": str(int(organisations)) if organisations is not None else "–",
              "density": t.percent(level["trust_density"].value),
              "share": t.percent(found.agreement), "seen": t(f"mode_{found.seen_mode}") if found.seen_mode else "",
              "name": found.host.name if found.host else "",
              "tie_density": t.percent(result.network.density) if result.network else ""}
    return [(t(f"tension_{x.name}"), t(f"tension_{x.reading}", **values)) for x in found.tensions]


def host_lines(result: CoalitionResult, instrument: Instrument, t: Translator) -> list[str]:
    """The named lead organisation or network office: trusted centre, and named for which roles."""
    host = result.governance.host
    if host is None:
        return []
    lines = [t(f"host_{host.kind}", name=host.name)]
    if host.trust_centre is not None:
        lines.append(t("host_trust_centre_yes" if host.trust_centre else "host_trust_centre_no"))
    if host.untied:
        lines.append(t("host_untied_unnamed" if host.unnamed else "host_untied", who=t(f"host_who_{host.kind}"))
                     + " " + t("host_untied_talk", name=host.name))
    elif host.unnamed:
        kind = group_in_sentence(instrument, "actortype", host.actortype, t)
        lines.append(t("host_unnamed", name=host.name, type=kind))
    elif host.named:
        lines.append(t("host_named", roles=t.join([
            t("host_named_role", role=instrument.constructs[f"rol_{role}"].name(t.lang), share=t.percent(share))
            for role, share in host.named.items() if share > 0])))
    return lines


def shown_count(count: int | None, k: int, t: Translator) -> str:
    """A count of people as the report may print it: one below the anonymity threshold is
    "minder dan k", since a small count can point at the few people behind it."""
    if count is None:
        return "–"
    return str(count) if count >= k else t("fewer_than", k=k)


def people(share: float | None, base: int | None) -> int | None:
    """How many people a share of `base` respondents is."""
    return None if share is None or not base else round(share * base)


def shown_share(share: float | None, base: int | None, k: int, t: Translator, tight: bool = False) -> str:
    """A share of people as the report may print it: one resting on fewer than k people (but
    more than none) is "minder dan k" ("<k" in a tight cell), like a count: 4% of 24 is one
    person, and a percentage must not give away what the count would not."""
    count = people(share, base)
    if count is not None and 0 < count < k:
        return t("fewer_than_short" if tight else "fewer_than", k=k)
    return t.percent(share)


def takes_role_cells(result: CoalitionResult, t: Translator) -> dict[str, str]:
    """Per role the respondents who say they fill it themselves, as the roles table prints it.
    No total is printed beside them, so no hidden count can be worked out by subtraction."""
    return {role: shown_count(f.takes_role, result.settings.anonymity_threshold, t) for role, f in result.roles.items()}


def role_findings(result: CoalitionResult, instrument: Instrument, t: Translator) -> list[str]:
    """Answers naming a type of party that has no organisation in the coalition, one line per
    type: the file, and per column (the role question) how many respondents named it."""
    by_type: dict[str, list[str]] = {}
    k = result.settings.anonymity_threshold
    for role, f in result.roles.items():
        for code, count in f.not_in_coalition.items():
            shown = shown_count(count, k, t)
            by_type.setdefault(code, []).append(t("roles_not_in_coalition_column", column=f"wie_{role}", count=shown))
    return [t("roles_not_in_coalition", file=result.response.file, type=group_name(instrument, "rolhouder", code, t),
              columns=t.join(columns)) for code, columns in by_type.items()]


@dataclass(frozen=True)
class ClaimRow:
    """One actor type: per role its own claim and how often the others name it."""

    group: str
    n: int
    cells: tuple[str, ...]      # per role: "42% · 56%" (claims it · named by others), "–" when not shown


def claims_missing_line(result: CoalitionResult, instrument: Instrument, t: Translator) -> str:
    """Why own and attributed roles are not set side by side, on the base they rest on: the
    respondents who answered the own-role question, per type of party, naming the types left out."""
    k = result.settings.anonymity_threshold
    first = next(iter(result.roles.values()), None)
    ok = first.claim_groups if first else ()
    small = first.claim_small_groups if first else ()
    names = [group_name(instrument, "actortype", g, t) for g in small]
    if ok and small:
        return t("roles_claims_none_rest", threshold=k, groups=t.join([group_name(instrument, "actortype", g, t)
                                                                        for g in ok]), small=t.join(names))
    if small:
        return t("roles_claims_none_small", threshold=k, small=t.join(names))
    return t("roles_claims_none", threshold=k)


def role_share_cells(result: CoalitionResult, t: Translator) -> dict[str, dict[str, str]]:
    """Per role the shares the roles table prints (each main holder, and "niemand"), each of
    its respondents who named someone, as `shown_share` allows."""
    k = result.settings.anonymity_threshold
    return {role: {**{h: shown_share(s, f.answered, k, t, tight=True) for h, s in f.holders.items()},
                   "niemand": shown_share(f.nobody, f.answered, k, t, tight=True)}
            for role, f in result.roles.items()}


def claim_rows(result: CoalitionResult, instrument: Instrument, t: Translator) -> list[ClaimRow]:
    """Own claim to each role beside how often the others name that type of party, one row per type.
    A share resting on fewer than k people prints as "<k"; the total of those who take a role
    is printed in the roles table, so per role the claims hidden that way are joined by the
    smallest others until no hidden one is the total minus those shown (`hidden_cells`): those
    print as "–"."""
    k = result.settings.anonymity_threshold
    by_group: dict[str, dict[str, str]] = {}
    sizes: dict[str, int] = {}
    for role, f in result.roles.items():
        counts = {c.group: people(c.claimed, c.n) or 0 for c in f.claims}
        small = {g for g, n in counts.items() if 0 < n < k}
        hidden = hidden_cells(counts, k) if small else set()
        for c in f.claims:
            claimed = (t("fewer_than_short", k=k) if c.group in small else "–" if c.group in hidden
                       else t.percent(c.claimed))
            attributed = shown_share(c.attributed, c.others, k, t, tight=True) if c.others else t.percent(c.attributed)
            by_group.setdefault(c.group, {})[role] = t("claim_cell", claimed=claimed, attributed=attributed)
            sizes[c.group] = c.n
    return [ClaimRow(group_name(instrument, "actortype", g, t), sizes[g],
                     tuple(cells.get(r, "–") for r in result.roles))
            for g, cells in sorted(by_group.items())]


def unreliable_orientations(result: CoalitionResult, instrument: Instrument, t: Translator) -> str | None:
    """The caveat when a scale the type is read from does not hold together (Cronbach's alpha
    below the floor): the conclusion then rests on a shaky measure, and the reader must know."""
    flagged = [code for code in (INTERACTION, TASKS)
               if (rel := result.reliability.get(code)) is not None and rel.flagged]
    if not flagged:
        return None
    return t("network_type_unreliable", scales=t.join([instrument.constructs[c].name(t.lang).lower() for c in flagged]),
             floor=t.number(result.settings.reliability_floor))


def network_type_lines(result: CoalitionResult, t: Translator, instrument: Instrument | None = None) -> list[str]:
    """The declared type, both orientations and what the answers show, with a caveat when a
    scale behind it is unreliable (`instrument` names the scales)."""
    found = result.network_type
    if found is None:
        return []
    lines = [t("network_type_declared", type=t(f"type_{found.declared}"))]
    if found.interaction is None or found.task is None:
        return [*lines, t("network_type_not_measured")]
    lines.append(t("network_type_scores", interaction=t.number(found.interaction), task=t.number(found.task)))
    if found.shown is None:
        lines.append(t("network_type_unclear"))
    else:
        lines.append(t("network_type_fits" if found.fits else "network_type_differs", shown=t(f"type_{found.shown}")))
    caveat = unreliable_orientations(result, instrument, t) if instrument is not None else None
    if caveat:
        lines.append(caveat)
    if found.theme_coalitions:
        lines.append(t("theme_coalitions", names=t.join(list(found.theme_coalitions))))
    return lines


def network_type_method(t: Translator) -> str:
    return t("method_network_type", margin=t.number(MARGIN), both=t.number(BOTH))


def model_texts(result: CoalitionResult, instrument: Instrument, t: Translator) -> dict[str, object]:
    """Everything above for the report template, under one name."""
    return {"governance": governance_lines(result, t), "tensions": tension_lines(result, t),
            "seen_note": seen_note(result, t),
            "host": host_lines(result, instrument, t), "role_findings": role_findings(result, instrument, t),
            "claims": claim_rows(result, instrument, t), "takes_role": takes_role_cells(result, t),
            "role_shares": role_share_cells(result, t),
            "claims_missing": claims_missing_line(result, instrument, t),
            "network_type": network_type_lines(result, t, instrument),
            "network_type_method": network_type_method(t)}
