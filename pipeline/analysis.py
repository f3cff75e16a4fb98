"""One coalition's answers in, one typed result out: every figure the report shows.

The notebook, the PDF templates and scores.json all read this one object, so nothing is
computed twice and the three can never disagree."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

import pandas as pd

from pipeline import advice as advising
from pipeline.advice import Advice, Catalogue, Diagnosis, load_catalogue
from pipeline.coalition import Coalition
from pipeline.comparisons import (Change, Norm, NormComparison, Position, batch_positions, changes_since,
                                  norm_comparisons)
from pipeline.governance import Governance, governance
from pipeline.groups import GroupTable, group_table
from pipeline.ingest import Responses
from pipeline.instrument import Instrument, load_instrument
from pipeline.network import NetworkStructure, network_structure
from pipeline.roles import RoleFilling, role_fillings
from pipeline.scores import (Summary, construct_summaries, cronbach_alpha, flipped, item_rest_correlations,
                             item_summaries, respondent_scores)
from pipeline.settings import Settings

SCHEMA_VERSION = "2.0"   # docs/scores.md describes every field; bump on any change to it


@dataclass(frozen=True)
class Reliability:
    alpha: float | None
    item_rest: dict[str, float | None]
    flagged: bool


@dataclass(frozen=True)
class OpenAnswer:
    text: str
    count: int               # respondents who gave this same answer


def answer_counts(answers: pd.Series) -> list[OpenAnswer]:
    """Each distinct answer once, with how many gave it; alphabetical, so that the order says
    nothing about who answered."""
    counts = answers.dropna().astype(str).str.strip().value_counts()
    return [OpenAnswer(text, int(counts[text])) for text in sorted(counts.index) if text]


@dataclass
class CoalitionResult:
    schema_version: str
    instrument: dict[str, str]
    coalition: dict[str, object]
    wave: str
    previous_waves: list[str]
    generated: str
    response: dict[str, object]
    constructs: dict[str, Summary]
    items: dict[str, Summary]
    reliability: dict[str, Reliability]
    groups: dict[str, GroupTable]
    roles: dict[str, RoleFilling]
    governance: Governance
    network: NetworkStructure
    changes: dict[str, Change] = field(default_factory=dict)
    batch: dict[str, Position] = field(default_factory=dict)
    norm_name: str | None = None
    norm: dict[str, NormComparison] = field(default_factory=dict)
    diagnoses: list[Diagnosis] = field(default_factory=list)
    advice: list[Advice] = field(default_factory=list)
    open_answers: dict[str, list[OpenAnswer]] = field(default_factory=dict)
    settings: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


def response_account(responses: Responses) -> dict[str, object]:
    return {
        "file": responses.file.rsplit("/", 1)[-1],
        "received": responses.received,
        "used": responses.used,
        "rejected": responses.rejected,
        "rejections_by_reason": responses.rejection_counts(),
        "errors": sum(1 for f in responses.findings if f.severity.value == "error"),
        "warnings": sum(1 for f in responses.findings if f.severity.value == "warning"),
    }


def reliability(answers: pd.DataFrame, instrument: Instrument, floor: float) -> dict[str, Reliability]:
    out = {}
    for construct in instrument.constructs:
        block = answers[[i.code for i in instrument.items_of(construct)]]
        alpha = cronbach_alpha(block)
        out[construct] = Reliability(alpha, item_rest_correlations(block), alpha is not None and alpha < floor)
    return out


def diagnoses(constructs: dict[str, Summary], roles: dict[str, RoleFilling], found: Governance,
             network: NetworkStructure, changes: dict[str, Change], groups: dict[str, GroupTable],
             coalition: Coalition, instrument: Instrument, settings: Settings) -> list[Diagnosis]:
    names = {o.code: o.name for o in coalition.organisations}
    return [*advising.governance_diagnoses(found), *advising.role_diagnoses(roles),
            *advising.construct_diagnoses(constructs, instrument),
            *advising.network_diagnoses(network, settings.governance_trust_density_low, names),
            *advising.change_diagnoses(changes, instrument),
            *advising.gap_diagnoses(groups, settings.gap_finding, instrument)]


def analyse(coalition: Coalition, waves: dict[str, Responses], instrument: Instrument | None = None,
            today: date | None = None, catalogue: Catalogue | None = None,
            others: list[dict[str, float | None]] | None = None, norm: Norm | None = None,
            advise: bool = True) -> CoalitionResult:
    """Every figure of one coalition. `others`: construct means of the other coalitions in the
    batch (for ranks); `norm`: an optional reference such as a national average; `advise`:
    False skips the advice texts when only the figures are wanted."""
    instrument = instrument or load_instrument()
    settings = coalition.settings
    current = waves[coalition.current_wave]
    frame = current.frame
    answers = flipped(frame, instrument)
    scores = respondent_scores(answers, instrument, settings.min_items_per_construct)
    constructs = construct_summaries(answers, scores, instrument, settings)
    groups = {by: group_table(scores, frame[by], by, settings.anonymity_threshold) for by in ("actortype", "positie")}
    changes: dict[str, Change] = {}
    if coalition.previous_waves:
        last = coalition.previous_waves[-1]
        before = respondent_scores(flipped(waves[last].frame, instrument), instrument,
                                   settings.min_items_per_construct)
        changes = changes_since(scores, before, last)
    roles = role_fillings(frame, instrument, settings.roles_nobody_share, settings.roles_holder_share)
    network = network_structure(frame, coalition.organisations, settings.network_tie_intensity,
                                settings.network_high_trust)
    found = governance(coalition.declared_mode, frame["regievorm"], network.trust_density,
                       len(coalition.organisations), constructs["doelconsensus"].mean,
                       constructs["netwerkcompetenties"].mean, settings)
    detected = diagnoses(constructs, roles, found, network, changes, groups, coalition, instrument, settings)
    chosen = advising.select(detected, settings)
    open_answers = frame[[q.code for q in instrument.questions_of_type("open")]]  # already redacted by ingest
    return CoalitionResult(
        schema_version=SCHEMA_VERSION,
        instrument={"id": instrument.id, "version": instrument.version},
        coalition={"slug": coalition.slug, "name": coalition.name, "region": coalition.region,
                   "network_type": coalition.network_type, "declared_mode": coalition.declared_mode,
                   "organisations": len(coalition.organisations),
                   "roster": {o.code: {"name": o.name, "actortype": o.actortype} for o in coalition.organisations},
                   "theme_coalitions": list(coalition.theme_coalitions)},
        wave=coalition.current_wave,
        previous_waves=coalition.previous_waves,
        generated=(today or date.today()).isoformat(),
        response=response_account(current),
        constructs=constructs,
        items=item_summaries(answers, instrument, settings),
        reliability=reliability(answers, instrument, settings.reliability_floor),
        groups=groups,
        roles=roles,
        governance=found,
        network=network,
        changes=changes,
        batch=batch_positions({c: s.mean for c, s in constructs.items()}, others or []),
        norm_name=norm.name if norm else None,
        norm=norm_comparisons(constructs, norm) if norm else {},
        diagnoses=detected,
        advice=advising.advise(chosen, catalogue or load_catalogue(), instrument, open_answers,
                               settings.advice_quotes_per_finding) if advise else [],
        open_answers={q: answer_counts(open_answers[q]) for q in open_answers},
        settings=asdict(settings),
    )
