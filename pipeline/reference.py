"""The batch reference: every coalition's construct means, so each report can say where its
coalition stands among the others (rank and percentile, never names).

Ranks need all coalitions before any report is made, so the batch analyses them first, in
worker processes with the batch's time limit. The file keeps each coalition's input hash,
and a coalition is only analysed again when its input changed. A coalition that cannot be
analysed in time is left out of the reference; its own job reports why. Reports made earlier are not re-rendered when only other coalitions
changed: ranks are refreshed when a coalition is rendered again (or with --force)."""

from __future__ import annotations

import json
import multiprocessing
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


def _means_or_none(folder: Path) -> dict[str, float | None] | None:
    try:
        return construct_means(folder)
    except Exception:  # noqa: BLE001 - a broken coalition is left out; its own job reports why
        return None


def update_reference(path: Path, coalitions: dict[str, tuple[Path, str]], workers: int = 1,
                     timeout: float = 300) -> Path:
    """Bring the reference file up to date for `coalitions` (slug -> (folder, input hash)),
    analysing the changed ones in `workers` processes. A coalition that takes longer than
    `timeout` seconds (a hung file share, say) is left out, and the processes are stopped."""
    known = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    fresh = {slug: known[slug] for slug, (_, input_hash) in coalitions.items()
             if slug in known and known[slug].get("input_hash") == input_hash}
    stale = [slug for slug in coalitions if slug not in fresh]
    if stale:
        with multiprocessing.Pool(max(1, min(workers, len(stale)))) as pool:   # leaving it terminates the pool
            pending = {slug: pool.apply_async(_means_or_none, (coalitions[slug][0],)) for slug in stale}
            for slug, result in pending.items():
                try:
                    means = result.get(timeout)
                except multiprocessing.TimeoutError:
                    continue
                if means is not None:
                    fresh[slug] = {"input_hash": coalitions[slug][1], "means": means}
    text = json.dumps(fresh, ensure_ascii=False, indent=1, sort_keys=True)
    atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return path


def other_coalitions(path: Path, own_slug: str) -> list[dict[str, float | None]]:
    """The construct means of every coalition in the reference but this one."""
    known = json.loads(path.read_text(encoding="utf-8"))
    return [entry["means"] for slug, entry in sorted(known.items()) if slug != own_slug]
