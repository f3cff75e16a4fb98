"""The batch reference: every coalition's construct means, so each report can say where its
coalition stands among the others (rank and percentile, never names).

Ranks need all coalitions before any report is made, so the batch analyses them first. The
file keeps each coalition's input hash, and a coalition is only analysed again when its
input changed. A coalition that cannot be analysed is left out of the reference; its own
job reports why. Reports made earlier are not re-rendered when only other coalitions
changed: ranks are refreshed when a coalition is rendered again (or with --force)."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.analysis import analyse
from pipeline.coalition import load_coalition
from pipeline.ingest import ingest_coalition
from pipeline.render import atomic_write

REFERENCE_FILE = "batch_reference.json"


def construct_means(coalition_dir: Path) -> dict[str, float | None]:
    coalition = load_coalition(coalition_dir)
    result = analyse(coalition, ingest_coalition(coalition), advise=False)
    return {code: summary.mean for code, summary in result.constructs.items()}


def update_reference(path: Path, coalitions: dict[str, tuple[Path, str]]) -> Path:
    """Bring the reference file up to date for `coalitions` (slug -> (folder, input hash))."""
    known = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    fresh = {}
    for slug, (folder, input_hash) in coalitions.items():
        entry = known.get(slug)
        if entry and entry.get("input_hash") == input_hash:
            fresh[slug] = entry
            continue
        try:
            fresh[slug] = {"input_hash": input_hash, "means": construct_means(folder)}
        except Exception:  # noqa: BLE001 - any broken coalition is left out; its own job reports why
            continue
    text = json.dumps(fresh, ensure_ascii=False, indent=1, sort_keys=True)
    atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return path


def other_coalitions(path: Path, own_slug: str) -> list[dict[str, float | None]]:
    """The construct means of every coalition in the reference but this one."""
    known = json.loads(path.read_text(encoding="utf-8"))
    return [entry["means"] for slug, entry in sorted(known.items()) if slug != own_slug]
