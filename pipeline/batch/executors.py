"""Where the jobs run: warm workers in threads of this process, or on a Dask cluster
(`pipeline.batch.dask_executor`).

Both keep one warm kernel per worker and hand every finished job's manifest `Entry` back to
the process that drives the batch, which alone writes the manifest and shows progress, so
incrementality, progress and the record are the same whichever executor runs the jobs.

An executor runs at most `slots` jobs at once; the batch submits no more than that, so
stopping (Ctrl-C) never has a queue to drain. `abort` kills the running kernels and returns
the jobs that finished before it: those reports are in place and belong in the manifest."""

from __future__ import annotations

import queue
import shutil
import tempfile
import threading
import time
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

from pipeline.batch.jobs import Job, failed_entry, load_job_modules, run_job
from pipeline.batch.kernel import INTERRUPTED, Interrupted, KernelResetError, WarmKernel
from pipeline.batch.kernelspec import KERNEL_NAME, ensure_kernel
from pipeline.batch.manifest import Entry
from pipeline.batch.options import BatchOptions
from pipeline.batch.overview import overview_code, write_overview_here
from pipeline.batch.reference import SCORE_CODE, Scored, scored_from_json

T = TypeVar("T")
ABORT_SECONDS = 30      # how long Ctrl-C waits for workers to let go of their coalitions


class Executor(Protocol):
    slots: int

    def submit(self, job: Job) -> None: ...

    def next_result(self) -> tuple[Job, Entry]: ...

    def close(self) -> None: ...

    def abort(self) -> list[tuple[Job, Entry]]: ...

    def score_means(self, jobs: list[Job]) -> dict[str, Scored]: ...

    def write_overview(self, options: BatchOptions) -> None: ...


def open_executor(options: BatchOptions, recipe: str) -> Executor:
    if options.executor == "dask":
        from pipeline.batch.dask_executor import (
            DaskExecutor,  # distributed is imported only when used
        )

        return DaskExecutor(options, recipe)
    return ThreadExecutor(options, recipe)


@dataclass(frozen=True)
class Scoring:
    """A coalition to score for the batch reference, on a worker's kernel."""

    job: Job


@dataclass(frozen=True)
class Overview:
    """The firm's overview, to write on a worker's kernel after the last report."""

    code: str
    timeout: float


def score_on(kernel: WarmKernel, job: Job, folder: Path) -> Scored:
    """The coalition's reference entries, scored on `kernel` within the job's time limit (a
    kernel past it is stopped; its owner starts a fresh one for the first report)."""
    target = folder / f"{job.slug}.json"
    try:
        kernel.run_code(SCORE_CODE.format(folder=str(job.folder.resolve()), input_hash=job.input_hash,
                                          target=str(target)), job.timeout, reset_after_code=False)
    except queue.Empty:
        return f"not scored within {job.timeout:g} s"
    except (KernelResetError, RuntimeError) as exc:
        return f"{type(exc).__name__}: {exc}"
    return scored_from_json(target.read_text(encoding="utf-8"))


def _overview_on(kernel: WarmKernel, overview: Overview) -> bool:
    """Whether `kernel` wrote the overview (within its time limit, without an error)."""
    try:
        kernel.run_code(overview.code, overview.timeout)
    except (queue.Empty, KernelResetError, RuntimeError):
        return False
    return True


class ThreadExecutor:
    """`workers` threads in this process, each owning one warm kernel. The kernels are
    separate processes, so two threads keep two cores busy; the threads mostly wait on sockets."""

    def __init__(self, options: BatchOptions, recipe: str):
        self.options, self.recipe = options, recipe
        self.slots = max(1, options.workers)
        self.jobs: queue.SimpleQueue[Job | Scoring | Overview | None] = queue.SimpleQueue()
        self.results: queue.SimpleQueue[tuple[Job, Entry]] = queue.SimpleQueue()
        self.scored: queue.SimpleQueue[tuple[str, Scored]] = queue.SimpleQueue()
        self.overviews: queue.SimpleQueue[bool] = queue.SimpleQueue()     # whether a kernel wrote it
        self.stopping = threading.Event()
        ensure_kernel(KERNEL_NAME)      # a fresh install has no kernel for this interpreter yet
        self.kernels = [WarmKernel(KERNEL_NAME) for _ in range(self.slots)]
        self.threads = [threading.Thread(target=self._work, args=(kernel,), name=f"netwerkscan-worker-{n}", daemon=True)
                        for n, kernel in enumerate(self.kernels)]
        for thread in self.threads:
            thread.start()          # each starts its kernel and loads the report's modules in it at once
        load_job_modules()          # meanwhile

    def _work(self, kernel: WarmKernel) -> None:
        try:
            with suppress(Exception):   # a kernel that cannot start fails the first job, which says why
                kernel.warm_up()
            while not self.stopping.is_set() and (job := self.jobs.get()) is not None:
                if isinstance(job, Scoring):
                    folder = Path(tempfile.mkdtemp(prefix="netwerkscan-scores-"))
                    try:
                        self.scored.put((job.job.slug, score_on(kernel, job.job, folder)))
                    finally:
                        shutil.rmtree(folder, ignore_errors=True)
                    continue
                if isinstance(job, Overview):
                    self.overviews.put(_overview_on(kernel, job))
                    continue
                try:
                    entry = run_job(job, self.options, self.recipe, kernel)
                except Interrupted:
                    continue
                except Exception as exc:  # noqa: BLE001 - recorded; the batch goes on
                    if self.stopping.is_set():
                        continue          # broken by the stop itself, not by the coalition
                    entry = failed_entry(job, self.recipe, exc)
                self.results.put((job, entry))
        finally:
            kernel.shutdown()

    def submit(self, job: Job) -> None:
        self.jobs.put(job)

    def score_means(self, jobs: list[Job]) -> dict[str, Scored]:
        """On the workers' kernels, which the reports need anyway: scoring is Python work that
        would hold this process's lock in its threads, worker processes would pay the imports
        again (2 s), and a kernel stuck on a hung file is stopped at the job's time limit."""
        for job in jobs:
            self.jobs.put(Scoring(job))
        out: dict[str, Scored] = {}
        while len(out) < len(jobs):
            slug, scored = self._from_workers(self.scored)
            out[slug] = scored
        return out

    def write_overview(self, options: BatchOptions) -> None:
        """On a worker's kernel (`pipeline.batch.overview`); here when the kernel could not,
        which raises here what went wrong."""
        self.jobs.put(Overview(overview_code(options), options.timeout))
        try:
            written = self._from_workers(self.overviews)
        except RuntimeError:
            written = False
        if not written:
            write_overview_here(options)

    def next_result(self) -> tuple[Job, Entry]:
        return self._from_workers(self.results)

    def _from_workers(self, answers: queue.SimpleQueue[T]) -> T:
        """The next answer the worker threads put in `answers`; RuntimeError when none is left to give one."""
        while True:
            try:
                return answers.get(timeout=0.5)
            except queue.Empty:
                if not any(thread.is_alive() for thread in self.threads):
                    raise RuntimeError("every worker thread has stopped") from None

    def close(self) -> None:
        for _ in self.threads:
            self.jobs.put(None)
        for thread in self.threads:
            thread.join()

    def abort(self) -> list[tuple[Job, Entry]]:
        self.stopping.set()
        for _ in self.threads:
            self.jobs.put(None)
        deadline = time.monotonic() + ABORT_SECONDS
        # kill again until the threads are gone: a kernel may have been starting at the first kill
        while any(thread.is_alive() for thread in self.threads) and time.monotonic() < deadline:
            for kernel in self.kernels:
                kernel.kill(INTERRUPTED)
            for thread in self.threads:
                thread.join(timeout=0.2)
        finished = []
        while True:
            try:
                finished.append(self.results.get_nowait())
            except queue.Empty:
                return finished
