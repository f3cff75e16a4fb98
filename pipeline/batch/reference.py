"""Bringing the batch reference up to date before the first report (see
`pipeline.analysis.reference` for what it holds and why).

Only coalitions whose input changed are scored again, on the batch's executor and within
each coalition's time limit, so a hung input cannot stall the batch before its first job. A
coalition that cannot be scored is left out of the reference and the manifest says why; its
own job reports its error in full. Reports made earlier are not re-rendered when only other
coalitions changed: ranks are refreshed when a coalition is rendered again (or with --force)."""

from __future__ import annotations

import multiprocessing
import signal
import time
from collections.abc import Callable
from pathlib import Path

from pipeline.analysis.reference import Means, ReferenceEntry, construct_means, read_reference, write_reference
from pipeline.batch.jobs import Job

Scorer = Callable[[list[Job]], dict[str, Means | str]]


def means_or_error(folder: Path) -> Means | str:
    """The construct means, or why they cannot be had (the coalition's job reports it in full)."""
    try:
        return construct_means(folder)
    except Exception as exc:  # noqa: BLE001 - recorded in the manifest; the batch goes on
        return f"{type(exc).__name__}: {exc}"


def _default_stop_signals() -> None:
    """A worker process stops quietly when the pool ends it: it does not inherit the command's
    own handlers (which turn SIGTERM and Ctrl-C into a clean stop of the whole batch)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def means_in_processes(jobs: list[Job], workers: int) -> dict[str, Means | str]:
    """Score in `workers` processes; one still running at its coalition's time limit (a hung
    file share, say) is given up, and leaving the pool stops its process."""
    if not jobs:
        return {}
    out: dict[str, Means | str] = {}
    start = time.monotonic()
    # Workers come from a fresh single-threaded server process, not forked from this one: the
    # batch driver has threads (progress, executors), and a fork copies their held locks.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["pipeline.batch.reference"])
    with context.Pool(max(1, min(workers, len(jobs))), initializer=_default_stop_signals) as pool:
        pending = [(job, pool.apply_async(means_or_error, (job.folder,))) for job in jobs]
        for job, result in pending:
            try:
                out[job.slug] = result.get(max(0.0, start + job.timeout - time.monotonic()))
            except multiprocessing.TimeoutError:
                out[job.slug] = f"not scored within {job.timeout:g} s"
    return out


def update_reference(path: Path, jobs: list[Job], score: Scorer) -> dict[str, str]:
    """Bring the reference file up to date for `jobs`; returns the coalitions left out, with
    the reason."""
    known = read_reference(path)
    fresh = {job.slug: known[job.slug] for job in jobs
             if job.slug in known and known[job.slug].input_hash == job.input_hash}
    stale = [job for job in jobs if job.slug not in fresh]
    hashes = {job.slug: job.input_hash for job in jobs}
    left_out: dict[str, str] = {}
    for slug, means in score(stale).items():
        if isinstance(means, str):
            left_out[slug] = means
        else:
            fresh[slug] = ReferenceEntry(hashes[slug], means)
    write_reference(path, fresh)
    return left_out
