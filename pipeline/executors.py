"""Where the jobs run: warm workers in threads of this process, or on a Dask cluster
(`pipeline.dask_executor`).

Both keep one warm kernel per worker and hand every finished job's manifest `Entry` back to
the process that drives the batch, which alone writes the manifest and shows progress, so
incrementality, progress and the record are the same whichever executor runs the jobs.

An executor runs at most `slots` jobs at once; the batch submits no more than that, so
stopping (Ctrl-C) never has a queue to drain. `abort` kills the running kernels and returns
the jobs that finished before it: those reports are in place and belong in the manifest."""

from __future__ import annotations

import queue
import threading
import time
from typing import Protocol

from pipeline.engines import WarmKernel
from pipeline.execute import INTERRUPTED, KERNEL_NAME, Interrupted
from pipeline.jobs import BatchOptions, Job, run_job
from pipeline.manifest import Entry

ABORT_SECONDS = 30      # how long Ctrl-C waits for workers to let go of their coalitions


class Executor(Protocol):
    slots: int

    def submit(self, job: Job) -> None: ...

    def next_result(self) -> tuple[Job, Entry]: ...

    def close(self) -> None: ...

    def abort(self) -> list[tuple[Job, Entry]]: ...


def open_executor(options: BatchOptions, recipe: str) -> Executor:
    if options.executor == "dask":
        from pipeline.dask_executor import DaskExecutor   # distributed is imported only when used

        return DaskExecutor(options, recipe)
    return ThreadExecutor(options, recipe)


def failed_entry(job: Job, recipe: str, exc: BaseException, status: str = "failed") -> Entry:
    """The record of a job that broke outside its notebook (a kernel that cannot start, a lost worker)."""
    return Entry(job.slug, status, error=f"{type(exc).__name__}: {exc}", input_hash=job.input_hash,
                 recipe_hash=recipe)


class ThreadExecutor:
    """`workers` threads in this process, each owning one warm kernel. The kernels are
    separate processes, so two threads keep two cores busy; the threads mostly wait on sockets."""

    def __init__(self, options: BatchOptions, recipe: str):
        self.options, self.recipe = options, recipe
        self.slots = max(1, options.workers)
        self.jobs: queue.SimpleQueue[Job | None] = queue.SimpleQueue()
        self.results: queue.SimpleQueue[tuple[Job, Entry]] = queue.SimpleQueue()
        self.stopping = threading.Event()
        self.kernels = [WarmKernel(KERNEL_NAME) for _ in range(self.slots)]
        self.threads = [threading.Thread(target=self._work, args=(kernel,), name=f"netwerkscan-worker-{n}", daemon=True)
                        for n, kernel in enumerate(self.kernels)]
        for thread in self.threads:
            thread.start()

    def _work(self, kernel: WarmKernel) -> None:
        try:
            while not self.stopping.is_set() and (job := self.jobs.get()) is not None:
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

    def next_result(self) -> tuple[Job, Entry]:
        while True:
            try:
                return self.results.get(timeout=0.5)
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
