"""One coalition, one job: execute the notebook into a staging folder, then move the
finished files into place.

A job runs wherever a worker is (a thread of this process, or a Dask worker on another
machine that sees the same folders) and returns its manifest `Entry`; only the process that
drives the batch writes the manifest. A failing job keeps the last good report: its files
are moved into place only when everything succeeded, and every move is an atomic rename
within the output folder, so no reader ever sees half a PDF, notebook or scores file."""

from __future__ import annotations

import json
import os
import shutil
import socket
import time
from dataclasses import dataclass
from pathlib import Path

from pipeline.engines import WarmKernel
from pipeline.execute import Interrupted, NotebookFailure, execute_report_notebook
from pipeline.manifest import Entry, file_hash
from pipeline.reference import REFERENCE_FILE

STAGING = ".staging"
DEFAULT_TIMEOUT = 300


@dataclass(frozen=True)
class BatchOptions:
    input_dir: Path
    out_dir: Path
    lang: str = "nl"
    brand_dir: Path | None = None
    only: tuple[str, ...] = ()
    workers: int = os.cpu_count() or 1
    force: bool = False
    timeout: float = DEFAULT_TIMEOUT      # seconds per coalition
    today: str | None = None
    executor: str = "threads"             # threads | dask
    scheduler: str | None = None          # a Dask scheduler's address; None: a local cluster
    norm_file: Path | None = None         # a norm to compare every coalition with


@dataclass(frozen=True)
class Job:
    slug: str
    folder: Path
    input_hash: str


def run_job(job: Job, options: BatchOptions, recipe: str, kernel: WarmKernel) -> Entry:
    """Render one coalition on `kernel`; raises `Interrupted` when the batch is stopping."""
    start = time.perf_counter()
    final = options.out_dir / job.slug
    stage = options.out_dir / STAGING / job.slug
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True)
    executed = stage / f"{job.slug}.ipynb"
    entry = Entry(job.slug, "ok", input_hash=job.input_hash, recipe_hash=recipe)
    reference = options.out_dir / REFERENCE_FILE
    try:
        execute_report_notebook(job.folder.resolve(), stage.resolve(), executed, options.lang,
                                options.brand_dir.resolve() if options.brand_dir else None, options.today,
                                options.timeout, kernel, reference if reference.is_file() else None,
                                options.norm_file)
    except Interrupted:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    except NotebookFailure as failure:
        entry.status = "not_rendered" if "TooFewRespondentsError" in failure.error else failure.status
        entry.error, entry.failed_cell = failure.error, failure.cell
        if executed.is_file():  # kept for the analyst; the last good report stays untouched
            final.mkdir(parents=True, exist_ok=True)
            os.replace(executed, final / f"{job.slug}.failed.ipynb")
    scores = stage / "scores.json"
    if scores.is_file():
        response = json.loads(scores.read_text(encoding="utf-8"))["response"]
        entry.received, entry.used, entry.rejected = response["received"], response["used"], response["rejected"]
        entry.data_errors = response["errors"]
    if entry.status == "ok":
        final.mkdir(parents=True, exist_ok=True)
        for name in (f"{job.slug}.pdf", "scores.json", f"{job.slug}.ipynb"):
            os.replace(stage / name, final / name)
            entry.outputs[name] = file_hash(final / name)
        (final / f"{job.slug}.failed.ipynb").unlink(missing_ok=True)
    shutil.rmtree(stage, ignore_errors=True)
    entry.seconds = round(time.perf_counter() - start, 2)
    rss, peak = kernel.memory_mb()
    entry.kernel = {"host": socket.gethostname(), "pid": kernel.pid, "run": kernel.runs,
                    "start_seconds": round(kernel.start_seconds, 2),
                    "rss_mb": round(rss, 1), "peak_rss_mb": round(peak, 1)}
    return entry
