"""One coalition's answers in, one typed result (`pipeline.analysis.result`) out."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import pandas as pd

from pipeline.analysis import advice as advising
from pipeline.analysis.advice import Diagnosis
from pipeline.analysis.catalogue import Catalogue, load_catalogue
from pipeline.analysis.comparisons import (
    Change,
    Norm,
    changes_since,
    norm_comparisons,
    not_compared,
)
from pipeline.analysis.coverage import Coverage, measured_parts
from pipeline.analysis.governance import Governance, governance
from pipeline.analysis.groups import GroupTable, group_tables
from pipeline.analysis.host import declared_host
from pipeline.analysis.network import NetworkStructure, network_structure
from pipeline.analysis.network_type import NetworkType, network_type
from pipeline.analysis.participation import PROFILE_QUESTIONS, participation
from pipeline.analysis.reference import Store, comparable, reference_comparisons
from pipeline.analysis.result import (
    SCHEMA_VERSION,
    CoalitionInfo,
    CoalitionResult,
    InstrumentRef,
    OpenAnswer,
    Reliability,
    ResponseAccount,
    RosterEntry,
)
from pipeline.analysis.roles import RoleFilling, role_fillings
from pipeline.analysis.scores import (
    Summary,
    construct_summaries,
    cronbach_alpha,
    flipped,
    item_rest_correlations,
    item_summaries,
    measured_constructs,
    respondent_scores,
)
from pipeline.analysis.tensions import with_tensions
from pipeline.analysis.themes import ThemeCatalogue, load_themes, theme_counts, themes_of
from pipeline.analysis.trust import TrustSpread, trust_spread
from pipeline.analysis.waves import Development, development
from pipeline.core.coalition import Coalition
from pipeline.core.instrument import Instrument, load_instrument
from pipeline.core.settings import Settings
from pipeline.ingest.responses import Responses


def clear_strengths(constructs: Mapping[str, Summary]) -> frozenset[str]:
    """The constructs the open-answer note may call a strength ("terwijl X als sterk punt
    scoort"): only those whose whole interval is in the strength band, since of a mean whose
    interval reaches into the attention band that would state more than the data show."""
    return frozenset(c for c, s in constructs.items() if s.band == "strength" and not s.band_unsure)


def answer_counts(answers: pd.Series, themes: ThemeCatalogue) -> tuple[OpenAnswer, ...]:
    """Each distinct answer once, with how many gave it and its themes; alphabetical, so that
    the order says nothing about who answered."""
    counts = answers.dropna().astype(str).str.strip().value_counts()
    return tuple(OpenAnswer(text, int(counts[text]), themes_of(text, themes)) for text in sorted(counts.index) if text)


def response_account(responses: Responses) -> ResponseAccount:
    return ResponseAccount(
        file=responses.file.rsplit("/", 1)[-1],
        received=responses.received,
        used=responses.used,
        rejected=responses.rejected,
        rejections_by_reason=responses.rejection_counts(),
        errors=sum(1 for f in responses.findings if f.severity.value == "error"),
        warnings=sum(1 for f in responses.findings if f.severity.value == "warning"),
    )


def coalition_info(coalition: Coalition) -> CoalitionInfo:
    return CoalitionInfo(
        slug=coalition.slug, name=coalition.name, region=coalition.region, network_type=coalition.network_type,
        declared_mode=coalition.declared_mode, organisations=len(coalition.organisations),
        roster={o.code: RosterEntry(o.name, o.actortype) for o in coalition.organisations},
        theme_coalitions=tuple(coalition.theme_coalitions))


def wave_construct_scores(frame: pd.DataFrame, instrument: Instrument, settings: Settings) -> pd.DataFrame:
    """An earlier wave's respondent scores, on the constructs its questionnaire measured."""
    return respondent_scores(flipped(frame, instrument), instrument,
                             settings.min_items_per_construct)[measured_constructs(frame, instrument)]


def reliability(answers: pd.DataFrame, instrument: Instrument, floor: float) -> dict[str, Reliability]:
    out = {}
    for construct in instrument.constructs:
        block = answers[[i.code for i in instrument.items_of(construct)]]
        alpha = cronbach_alpha(block)
        out[construct] = Reliability(alpha, item_rest_correlations(block), alpha is not None and alpha < floor)
    return out


def diagnoses(constructs: dict[str, Summary], roles: dict[str, RoleFilling], found: Governance,
             network: NetworkStructure | None, changes: dict[str, Change], groups: dict[str, GroupTable],
             coalition: Coalition, instrument: Instrument, settings: Settings,
             kind: NetworkType | None = None) -> list[Diagnosis]:
    names = {o.code: o.name for o in coalition.organisations}
    return [*advising.governance_diagnoses(found, settings.anonymity_threshold),
            *advising.role_diagnoses(roles, settings.roles_holder_share),
            *advising.construct_diagnoses(constructs, instrument),
            *advising.network_diagnoses(network, settings.governance_trust_density_low, names),
            *advising.change_diagnoses(changes, instrument),
            *advising.gap_diagnoses(groups, instrument),
            *advising.network_type_diagnoses(kind)]


def analyse(coalition: Coalition, waves: dict[str, Responses], instrument: Instrument | None = None,
            today: date | None = None, catalogue: Catalogue | None = None,
            reference: Store | None = None, norm: Norm | None = None,
            advise: bool = True, themes: ThemeCatalogue | None = None) -> CoalitionResult:
    """Every figure of one coalition. `reference`: the firm's reference store (None: no
    comparison with other coalitions); `norm`: an optional reference such as a national
    average; `advise`: False skips the advice texts when only the figures are wanted;
    `themes`: the theme catalogue for the open answers (default: the shipped one)."""
    instrument = instrument or load_instrument()
    themes = themes or load_themes()
    settings = coalition.settings
    current = waves[coalition.current_wave]
    frame = current.frame
    answers = flipped(frame, instrument)
    scores = respondent_scores(answers, instrument, settings.min_items_per_construct)
    organisations = frame["organisatie"] if "organisatie" in frame else None
    constructs = construct_summaries(answers, scores, instrument, settings, organisations)
    groups = group_tables(scores, frame, instrument, settings)
    changes: dict[str, Change] = {}
    left_out: tuple[str, ...] = ()
    developed: Development | None = None
    if coalition.previous_waves:
        ordered = [*coalition.previous_waves, coalition.current_wave]
        wave_scores = {w: scores if w == coalition.current_wave else wave_construct_scores(waves[w].frame, instrument,
                                                                                           settings)
                       for w in ordered}
        last = coalition.previous_waves[-1]
        earlier = waves[last].frame
        before = wave_scores[last]
        changes = changes_since(scores, before, last, (frame["organisatie"], earlier["organisatie"])
                                if "organisatie" in frame and "organisatie" in earlier else None,
                                settings.gap_finding)
        left_out = not_compared(scores, before)
        developed = development({w: waves[w].frame for w in ordered}, {w: waves[w].asked for w in ordered},
                                wave_scores, instrument, settings)
    measured = measured_parts(frame, current.asked, instrument)
    roles = role_fillings(frame, instrument, settings.roles_nobody_share, settings.roles_holder_share,
                          frozenset(o.actortype for o in coalition.organisations), settings.anonymity_threshold)
    network = (network_structure(frame, coalition.organisations, settings.network_tie_intensity,
                                 settings.network_high_trust, settings.anonymity_threshold)
               if measured.network is Coverage.MEASURED else None)
    seen = frame["regievorm"] if "regievorm" in frame else pd.Series(dtype=object)
    trust = (trust_spread(frame, [o.code for o in coalition.organisations], settings.network_high_trust)
             if network and network.trust_density is not None else TrustSpread(None, None, (), 0))
    found = with_tensions(governance(coalition.declared_mode, seen, trust, len(coalition.organisations),
                                     constructs["doelconsensus"].mean, constructs["netwerkcompetenties"].mean,
                                     settings, declared_host(coalition, roles, trust if network else None,
                                                                   network.isolated if network else None),
                                     intervals={name: (constructs[code].ci_low, constructs[code].ci_high)
                                                for name, code in (("goal_consensus", "doelconsensus"),
                                                                   ("competence_need", "netwerkcompetenties"))}),
                          network.components if network else None, network.density if network else None,
                          settings.governance_trust_density_low)
    kind = network_type(coalition.network_type, constructs, frame, scores, coalition.theme_coalitions,
                        settings.anonymity_threshold)
    detected = diagnoses(constructs, roles, found, network, changes, groups, coalition, instrument, settings, kind)
    chosen = advising.select(detected, settings)
    # already redacted by ingest; a question the file does not have is left out, not shown unanswered
    open_answers = frame[[q.code for q in instrument.questions_of_type("open") if q.code in frame]]
    others = comparable(reference, coalition.slug, coalition.network_type, coalition.current_wave) if reference else {}
    strengths = clear_strengths(constructs)
    return CoalitionResult(
        schema_version=SCHEMA_VERSION,
        instrument=InstrumentRef(instrument.id, instrument.version),
        coalition=coalition_info(coalition),
        wave=coalition.current_wave,
        previous_waves=tuple(coalition.previous_waves),
        generated=(today or date.today()).isoformat(),
        response=response_account(current),
        constructs=constructs,
        items=item_summaries(answers, frame, settings, organisations),
        reliability=reliability(answers, instrument, settings.reliability_floor),
        groups=groups,
        roles=roles,
        governance=found,
        network=network,
        measured=measured,
        changes=changes,
        not_compared=left_out,
        reference_pool=len(others) if reference is not None else None,
        reference=reference_comparisons({c: s.mean for c, s in constructs.items()}, others,
                                        settings.anonymity_threshold),
        development=developed,
        norm_name=norm.name if norm else None,
        norm=norm_comparisons(constructs, norm) if norm else {},
        diagnoses=tuple(detected),
        advice=tuple(advising.advise(chosen, catalogue or load_catalogue(), instrument, open_answers,
                                     settings.advice_quotes_per_finding, coalition.network_type, themes))
                if advise else (),
        network_type=kind,
        open_answers={q: answer_counts(open_answers[q], themes) for q in open_answers},
        open_themes=theme_counts(open_answers, themes, settings.anonymity_threshold, strengths),
        settings=settings,
        participation=participation(frame, coalition.organisations, {q: [o.code for o in instrument.option_sets[q]]
                                                                    for q in PROFILE_QUESTIONS},
                                    settings.anonymity_threshold),
    )
