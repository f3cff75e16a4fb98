"""Comparing a coalition with the others the firm has measured (`pipeline.core.reference_store`).

A comparison a client may see follows four rules, so that it says something and gives nothing
away:

- only coalitions of the same network type are compared (a learning network is not measured
  against a task-oriented collaboration);
- of each other coalition, its latest wave in the same year as this report's wave or before
  (a report on 2025 is not compared with what others measured in 2026, and re-rendering it
  later gives the same figures as long as no coalition adds an earlier wave);
- another coalition's mean counts only when it rests on at least as many respondents as the
  anonymity threshold;
- a construct is compared only when at least `MIN_OTHERS` (5) other coalitions count for it;
  the report says how many, shows their mean and the share scoring lower, and never names one.

The comparison depends only on the other coalitions' entries, which a re-run on the same
answers writes again unchanged: re-running another coalition does not change this one's report."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pipeline.analysis.scores import flipped, respondent_scores
from pipeline.core.coalition import load_coalition
from pipeline.core.instrument import load_instrument
from pipeline.core.reference_store import ConstructMean, StoreEntry

MIN_OTHERS = 5
Store = Mapping[tuple[str, str], StoreEntry]


@dataclass(frozen=True)
class ReferenceComparison:
    others: int               # other coalitions of the same network type compared (at least MIN_OTHERS)
    mean: float               # the mean of their means
    lower_share: float        # share of them scoring lower than this coalition (ties count half), 0-100


def wave_entries(coalition_dir: Path, input_hash: str) -> list[StoreEntry]:
    """Every wave's construct means and counts, as the full analysis computes the means
    (`construct_summaries` takes the mean of the same respondent scores). Ingest is imported
    here: the batch's own process reads results, `ReferenceComparison` among them, and never
    scores, so it need not load ingest's validation (pandera, 0.15 s)."""
    from pipeline.ingest.responses import ingest_file

    coalition = load_coalition(coalition_dir)
    instrument = load_instrument()
    out = []
    for wave, path in coalition.waves.items():
        frame = ingest_file(path, coalition, wave, instrument, coalition.sheet).frame
        scores = respondent_scores(flipped(frame, instrument), instrument, coalition.settings.min_items_per_construct)
        means = {code: ConstructMean(float(scores[code].dropna().mean()), int(scores[code].notna().sum()))
                 for code in instrument.constructs if scores[code].notna().any()}
        out.append(StoreEntry(coalition.slug, wave, coalition.network_type, input_hash, means))
    return out


def wave_order(wave: str) -> tuple[int, int]:
    """Waves are years, or a year and a round (`2026-2`)."""
    year, _, round_ = wave.partition("-")
    return int(year), int(round_ or 0)


def comparable(store: Store, slug: str, network_type: str, wave: str) -> dict[str, StoreEntry]:
    """Per other coalition of the same network type, its latest wave in this wave's year or before."""
    year = wave_order(wave)[0]
    latest: dict[str, StoreEntry] = {}
    for (coalition, their_wave), entry in store.items():
        if coalition == slug or entry.network_type != network_type or wave_order(their_wave)[0] > year:
            continue
        if coalition not in latest or wave_order(their_wave) > wave_order(latest[coalition].wave):
            latest[coalition] = entry
    return latest


def reference_comparisons(own: Mapping[str, float | None], others: Mapping[str, StoreEntry],
                          threshold: int) -> dict[str, ReferenceComparison]:
    """Per construct with a mean, the comparison with the others' means that rest on at least
    `threshold` respondents, when at least MIN_OTHERS of them do."""
    out = {}
    for code, mean in own.items():
        if mean is None:
            continue
        theirs = [m.mean for e in others.values() if (m := e.constructs.get(code)) is not None and m.n >= threshold]
        if len(theirs) < MIN_OTHERS:
            continue
        lower = sum(t < mean for t in theirs) + sum(t == mean for t in theirs) / 2
        out[code] = ReferenceComparison(len(theirs), sum(theirs) / len(theirs), 100 * lower / len(theirs))
    return out
