"""The batch's jobs on a Dask distributed cluster, with the same warm kernels.

A Dask worker process keeps one warm kernel per task thread in this module's globals: they
outlive single tasks by design, and a worker plugin takes them down with the worker. The
tasks return manifest entries; the driving process writes the manifest as with threads."""

from __future__ import annotations

import logging
import threading
import time
import uuid

from distributed import Client, Future, KilledWorker, LocalCluster, as_completed
from distributed.diagnostics.plugin import WorkerPlugin

from pipeline.batch.jobs import Job, failed_entry, run_job
from pipeline.batch.kernel import INTERRUPTED, WarmKernel
from pipeline.batch.kernelspec import KERNEL_NAME, ensure_kernel
from pipeline.batch.manifest import Entry, Status
from pipeline.batch.options import BatchOptions
from pipeline.batch.overview import write_overview_here
from pipeline.batch.reference import Scored, entries_or_error
from pipeline.core.errors import NetwerkscanError

CONNECT_SECONDS = 60


class ClusterUnavailableError(NetwerkscanError):
    """The scheduler cannot be reached, or has no workers."""


_worker_kernels: dict[int, tuple[str, WarmKernel]] = {}     # thread -> (recipe, kernel)
_worker_lock = threading.Lock()


def run_on_dask_worker(job: Job, options: BatchOptions, recipe: str) -> Entry:
    """The Dask task: one coalition on this worker thread's warm kernel. A long-lived cluster
    serves many batches; a kernel warmed for another recipe (other package code) is replaced."""
    with _worker_lock:
        warmed_for, kernel = _worker_kernels.get(threading.get_ident(), (recipe, None))
    if kernel is None or warmed_for != recipe:
        if kernel is not None:
            kernel.shutdown()
        ensure_kernel(KERNEL_NAME)      # a worker machine may have the package but no kernel yet
        kernel = WarmKernel(KERNEL_NAME)
        with _worker_lock:
            _worker_kernels[threading.get_ident()] = (recipe, kernel)
    return run_job(job, options, recipe, kernel)


def kill_dask_worker_kernels(reason: str = INTERRUPTED) -> None:
    """Run on every worker by `Client.run` (Ctrl-C) and at worker teardown."""
    with _worker_lock:
        for _, kernel in _worker_kernels.values():
            kernel.kill(reason)
            kernel.discard_files()


class WarmKernelPlugin(WorkerPlugin):
    """A Dask worker plugin: a worker that closes takes its kernels with it."""

    name = "netwerkscan-warm-kernels"

    def teardown(self, worker) -> None:
        kill_dask_worker_kernels("closing")


class DaskExecutor:
    """The same jobs on a Dask distributed cluster: the one at `options.scheduler`, or a
    local cluster of `options.workers` processes with one thread each. Workers need this
    package and the `netwerkscan` kernel installed, and the input and output folders at the
    same paths (a shared file system)."""

    def __init__(self, options: BatchOptions, recipe: str):
        self.options, self.recipe = options, recipe
        self.cluster = None
        try:
            if options.scheduler:
                self.client = Client(options.scheduler, timeout=CONNECT_SECONDS)
            else:
                self.cluster = LocalCluster(n_workers=max(1, options.workers), threads_per_worker=1, processes=True,
                                            dashboard_address=None, silence_logs=logging.ERROR)
                self.client = Client(self.cluster)
            self.client.wait_for_workers(1, timeout=CONNECT_SECONDS)
        except (OSError, TimeoutError) as exc:
            raise ClusterUnavailableError(f"no Dask cluster to run on at {options.scheduler or 'a local cluster'}: "
                                          f"{exc}") from None
        self.client.register_plugin(WarmKernelPlugin())
        self.slots = max(1, sum(self.client.nthreads().values()))
        self.running: dict[Future, Job] = {}
        self.done = as_completed()

    def submit(self, job: Job) -> None:
        future = self.client.submit(run_on_dask_worker, job, self.options, self.recipe, pure=False,
                                    key=f"netwerkscan-{job.slug}-{uuid.uuid4().hex[:8]}")
        self.running[future] = job
        self.done.add(future)

    def score_means(self, jobs: list[Job]) -> dict[str, Scored]:
        futures = {job: self.client.submit(entries_or_error, job.folder, job.input_hash, pure=False) for job in jobs}
        start = time.monotonic()
        out: dict[str, Scored] = {}
        for job, future in futures.items():
            try:
                out[job.slug] = future.result(timeout=max(0.0, start + job.timeout - time.monotonic()))
            except TimeoutError:
                future.cancel()
                out[job.slug] = f"not scored within {job.timeout:g} s"
            except Exception as exc:  # noqa: BLE001 - a lost worker: recorded, the batch goes on
                out[job.slug] = f"{type(exc).__name__}: {exc}"
        return out

    def next_result(self) -> tuple[Job, Entry]:
        future = next(self.done)
        job = self.running.pop(future)
        try:
            return job, future.result()
        except KilledWorker as exc:   # the worker died while running it, more than once
            return job, failed_entry(job, self.recipe, exc, Status.CRASHED)
        except Exception as exc:  # noqa: BLE001 - recorded; the batch goes on
            return job, failed_entry(job, self.recipe, exc)

    def write_overview(self, options: BatchOptions) -> None:
        """In this process: the workers' kernels may be on other machines."""
        write_overview_here(options)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def abort(self) -> list[tuple[Job, Entry]]:
        self.client.run(kill_dask_worker_kernels)
        finished = [(job, future.result()) for future, job in self.running.items() if future.status == "finished"]
        self.client.cancel(list(self.running))
        self.close()
        return finished
