"""One coalition's answers in, one typed result out: every figure the report shows.

The notebook, the PDF templates and scores.json all read this one object, so nothing is
computed twice and the three can never disagree."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from datetime import date

import pandas as pd
from scipy import stats

from pipeline.coalition import Coalition
from pipeline.groups import GroupTable, group_table
from pipeline.ingest import Responses
from pipeline.instrument import Instrument, load_instrument
from pipeline.scores import (Summary, construct_summaries, cronbach_alpha, flipped, item_rest_correlations,
                             item_summaries, respondent_scores)

SCHEMA_VERSION = "1.0"


@dataclass(frozen=True)
class Reliability:
    alpha: float | None
    item_rest: dict[str, float | None]
    flagged: bool


@dataclass(frozen=True)
class Change:
    previous_wave: str
    previous_mean: float
    change: float
    p_value: float | None
    significant: bool        # larger than chance would explain (Welch t-test, p < .05)


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
    changes: dict[str, Change] = field(default_factory=dict)
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


def change_since(current: pd.DataFrame, previous: pd.DataFrame, wave: str) -> dict[str, Change]:
    changes = {}
    for construct in current.columns:
        now, before = current[construct].dropna(), previous[construct].dropna()
        if len(now) < 2 or len(before) < 2:
            continue
        test = stats.ttest_ind(now, before, equal_var=False)
        p = None if math.isnan(test.pvalue) else float(test.pvalue)
        changes[construct] = Change(wave, float(before.mean()), float(now.mean() - before.mean()), p,
                                    p is not None and p < 0.05)
    return changes


def analyse(coalition: Coalition, waves: dict[str, Responses], instrument: Instrument | None = None,
            today: date | None = None) -> CoalitionResult:
    instrument = instrument or load_instrument()
    settings = coalition.settings
    current = waves[coalition.current_wave]
    answers = flipped(current.frame, instrument)
    scores = respondent_scores(answers, instrument, settings.min_items_per_construct)
    groups = {by: group_table(scores, current.frame[by], by, settings.anonymity_threshold)
              for by in ("actortype", "positie")}
    changes: dict[str, Change] = {}
    if coalition.previous_waves:
        last = coalition.previous_waves[-1]
        before = respondent_scores(flipped(waves[last].frame, instrument), instrument,
                                   settings.min_items_per_construct)
        changes = change_since(scores, before, last)
    return CoalitionResult(
        schema_version=SCHEMA_VERSION,
        instrument={"id": instrument.id, "version": instrument.version},
        coalition={"slug": coalition.slug, "name": coalition.name, "region": coalition.region,
                   "network_type": coalition.network_type, "declared_mode": coalition.declared_mode,
                   "organisations": len(coalition.organisations),
                   "theme_coalitions": list(coalition.theme_coalitions)},
        wave=coalition.current_wave,
        previous_waves=coalition.previous_waves,
        generated=(today or date.today()).isoformat(),
        response=response_account(current),
        constructs=construct_summaries(answers, scores, instrument, settings),
        items=item_summaries(answers, instrument, settings),
        reliability=reliability(answers, instrument, settings.reliability_floor),
        groups=groups,
        changes=changes,
        settings=asdict(settings),
    )
