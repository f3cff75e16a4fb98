"""The batch reference: every coalition's construct means, so that each report can say where
its coalition stands among the others (rank and percentile, never names).

Ranks need every coalition's means before the first report is made. Only the means are
needed, so they come from reading and scoring the answers, not from the whole analysis
(no network, roles, governance, advice): a fraction of a report's work. The file keeps each
coalition's input hash, so a coalition is scored again only when its input changed."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pipeline.analysis.scores import flipped, respondent_scores
from pipeline.core.coalition import load_coalition
from pipeline.core.files import write_text
from pipeline.core.instrument import load_instrument
from pipeline.ingest.responses import ingest_file

REFERENCE_FILE = "batch_reference.json"
Means = dict[str, float | None]


@dataclass(frozen=True)
class ReferenceEntry:
    input_hash: str
    means: Means


def construct_means(coalition_dir: Path) -> Means:
    """The mean respondent score per construct of the coalition's newest wave, as the full
    analysis computes it (`construct_summaries` takes the same mean of the same scores)."""
    coalition = load_coalition(coalition_dir)
    instrument = load_instrument()
    wave = coalition.current_wave
    frame = ingest_file(coalition.waves[wave], coalition, wave, instrument, coalition.sheet).frame
    scores = respondent_scores(flipped(frame, instrument), instrument, coalition.settings.min_items_per_construct)
    return {code: (None if scores[code].dropna().empty else float(scores[code].dropna().mean()))
            for code in instrument.constructs}


def read_reference(path: Path) -> dict[str, ReferenceEntry]:
    if not path.is_file():
        return {}
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {slug: ReferenceEntry(str(entry["input_hash"]), dict(entry["means"])) for slug, entry in raw.items()}


def write_reference(path: Path, entries: dict[str, ReferenceEntry]) -> None:
    doc = {slug: {"input_hash": e.input_hash, "means": e.means} for slug, e in sorted(entries.items())}
    write_text(path, json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True))


def other_coalitions(path: Path, own_slug: str) -> list[Means]:
    """The construct means of every coalition in the reference but this one."""
    return [entry.means for slug, entry in sorted(read_reference(path).items()) if slug != own_slug]
