"""Bringing the firm's reference store up to date before the first report (see
`pipeline.core.reference_store` for the file, `pipeline.analysis.reference` for the comparison).

Every coalition of the input folder is in the store as its folder is now, before any report is
made, so that no report depends on the order of the jobs. A coalition the store already holds
with the same input hash is not read again: on a re-run, or a new output folder beside the
same store, nothing is scored and no worker process is started. Only coalitions whose input
changed are scored (every wave), on the batch's executor and within each coalition's time
limit, so a hung input cannot stall the batch before its first job. A coalition that cannot
be scored is left out and the manifest says why; its own job reports its error in full.
Reports made earlier are not re-rendered when only other coalitions changed: a report's
comparison is refreshed when it is rendered again (or with --force)."""

from __future__ import annotations

import json
import multiprocessing
import signal
import time
from collections.abc import Callable
from pathlib import Path

from pipeline.batch.jobs import Job
from pipeline.core.reference_store import ConstructMean, StoreEntry, is_current, read_store, update_store

Scored = list[StoreEntry] | str          # a coalition's entries, one per wave, or why it could not be scored
Scorer = Callable[[list[Job]], dict[str, Scored]]


def entries_or_error(folder: Path, input_hash: str) -> Scored:
    """The coalition's entries, or why they cannot be had (the coalition's job reports it in full)."""
    from pipeline.analysis.reference import wave_entries  # here: a batch scores on its kernels, not in this process

    try:
        return wave_entries(folder, input_hash)
    except Exception as exc:  # noqa: BLE001 - recorded in the manifest; the batch goes on
        return f"{type(exc).__name__}: {exc}"


# A coalition's entries scored on a warm kernel (`ThreadExecutor.score_means`), written as JSON
# to `target`: a list of entries, or why they cannot be had, as `entries_or_error` gives them.
SCORE_CODE = """\
def _netwerkscan_score(folder, input_hash, target):
    import json
    from dataclasses import asdict
    from pathlib import Path
    from pipeline.analysis.reference import wave_entries
    try:
        scored = [asdict(e) for e in wave_entries(Path(folder), input_hash)]
    except Exception as exc:
        scored = f"{{type(exc).__name__}}: {{exc}}"
    Path(target).write_text(json.dumps(scored), encoding="utf-8")
_netwerkscan_score({folder!r}, {input_hash!r}, {target!r})
"""


def scored_from_json(text: str) -> Scored:
    """What `SCORE_CODE` wrote."""
    raw = json.loads(text)
    if isinstance(raw, str):
        return raw
    return [StoreEntry(e["coalition"], e["wave"], e["network_type"], e["input_hash"],
                       {code: ConstructMean(**mean) for code, mean in e["constructs"].items()}) for e in raw]


def _default_stop_signals() -> None:
    """A worker process stops quietly when the pool ends it: it does not inherit the command's
    own handlers (which turn SIGTERM and Ctrl-C into a clean stop of the whole batch)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def entries_in_processes(jobs: list[Job], workers: int) -> dict[str, Scored]:
    """Score in `workers` processes; one still running at its coalition's time limit (a hung
    file share, say) is given up, and leaving the pool stops its process."""
    if not jobs:
        return {}
    out: dict[str, Scored] = {}
    start = time.monotonic()
    # Workers come from a fresh single-threaded server process, not forked from this one: the
    # batch driver has threads (progress, executors), and a fork copies their held locks.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["pipeline.batch.reference"])
    with context.Pool(max(1, min(workers, len(jobs))), initializer=_default_stop_signals) as pool:
        pending = [(job, pool.apply_async(entries_or_error, (job.folder, job.input_hash))) for job in jobs]
        for job, result in pending:
            try:
                out[job.slug] = result.get(max(0.0, start + job.timeout - time.monotonic()))
            except multiprocessing.TimeoutError:
                out[job.slug] = f"not scored within {job.timeout:g} s"
    return out


def update_reference(path: Path, jobs: list[Job], score: Scorer) -> dict[str, str]:
    """Bring the store up to date for `jobs`; returns the coalitions left out, with the reason."""
    known = read_store(path)
    stale = [job for job in jobs if not is_current(known, job.slug, job.input_hash)]
    if not stale:
        return {}
    scored = score(stale)
    update_store(path, {slug: entries for slug, entries in scored.items() if not isinstance(entries, str)})
    return {slug: why for slug, why in scored.items() if isinstance(why, str)}
