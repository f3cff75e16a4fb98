"""One coalition, one job: execute the notebook into a staging folder, then move the
finished files into place.

A job runs wherever a worker is (a thread of this process, or a Dask worker on another
machine that sees the same folders) and returns its manifest `Entry`; only the process that
drives the batch writes the manifest. A failing job keeps the last good report: its files
are moved into place only when everything succeeded, and every move is an atomic rename
within the output folder, so no reader ever sees half a PDF, notebook or scores file."""

from __future__ import annotations

import os
import shutil
import socket
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from pipeline.batch.kernel import Interrupted, WarmKernel
from pipeline.batch.kernel_warnings import notebook_warnings
from pipeline.batch.manifest import Entry, Status, file_hash
from pipeline.batch.options import BatchOptions
from pipeline.core.errors import TooFewRespondentsError
from pipeline.report.parameters import ReportParameters

STAGING = ".staging"


@dataclass(frozen=True)
class Job:
    slug: str
    folder: Path
    input_hash: str
    timeout: float          # seconds: the coalition's own `timeout:` or the batch's --timeout
    problem: str | None = None  # why its coalition.yaml or commentary.md cannot be used: recorded as failed, never run
    draft: bool = True          # its commentary.md has no `approved_by`: the report says it is a draft
    refused: str | None = None  # why `run --final` does not render it (not approved): recorded as not rendered


def failed_entry(job: Job, recipe: str, exc: BaseException, status: Status = Status.FAILED) -> Entry:
    """The record of a job that broke outside its notebook (a kernel that cannot start, a lost worker)."""
    return Entry(job.slug, status, error=f"{type(exc).__name__}: {exc}", input_hash=job.input_hash,
                 recipe_hash=recipe)


def load_job_modules() -> None:
    """Load papermill and the result model, which `run_job` needs (about 1 s of imports). They are
    imported here and in `run_job`, not when this module is: a batch plans its jobs and starts
    its kernels first, then loads these while the kernels start, and a run with nothing to do
    never loads them. jsonschema, which nbformat imports, would also load rfc3987-syntax (when
    the notebook server's packages put it there) to check IRIs, which no notebook schema asks
    for; it compiles a grammar for 1.2 s at import, so the batch leaves it out."""
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]  # None: not installed
    import pipeline.analysis.result
    import pipeline.batch.execute  # noqa: F401


def run_job(job: Job, options: BatchOptions, recipe: str, kernel: WarmKernel) -> Entry:
    """Render one coalition on `kernel`; raises `Interrupted` when the batch is stopping."""
    from pipeline.analysis.result import CoalitionResult
    from pipeline.batch.execute import NotebookFailure, execute_report_notebook

    start = time.perf_counter()
    final = options.out_dir / job.slug
    stage = options.out_dir / STAGING / job.slug
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True)
    executed = stage / f"{job.slug}.ipynb"
    entry = Entry(job.slug, Status.OK, input_hash=job.input_hash, recipe_hash=recipe, draft=job.draft)
    reference = options.reference_store
    try:
        parameters = ReportParameters(
            coalition_dir=str(job.folder.resolve()), out_dir=str(stage.resolve()), lang=options.lang,
            brand_dir=str(options.brand_dir.resolve()) if options.brand_dir else None, today=options.today,
            reference_file=str(reference) if reference.is_file() else None,
            norm_file=str(options.norm_file) if options.norm_file else None, formats=",".join(options.formats))
        execute_report_notebook(options.notebook, parameters, executed, job.timeout, kernel)
    except Interrupted:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    except NotebookFailure as failure:
        entry.status = (Status.NOT_RENDERED if failure.exception == TooFewRespondentsError.__name__
                        else Status(failure.status))
        entry.error, entry.failed_cell = failure.error, failure.cell
        if executed.is_file():  # kept for the analyst; the last good report stays untouched
            entry.warnings = notebook_warnings(executed)
            final.mkdir(parents=True, exist_ok=True)
            os.replace(executed, final / f"{job.slug}.failed.ipynb")
    if executed.is_file():
        entry.warnings = notebook_warnings(executed)
    scores = stage / "scores.json"
    if scores.is_file():
        response = CoalitionResult.from_json(scores.read_text(encoding="utf-8")).response
        entry.received, entry.used, entry.rejected = response.received, response.used, response.rejected
        entry.data_errors = response.errors
    if entry.status == Status.OK:
        final.mkdir(parents=True, exist_ok=True)
        for made in sorted(stage.iterdir()):      # scores.json, the executed notebook and each format asked for
            os.replace(made, final / made.name)
            entry.outputs[made.name] = file_hash(final / made.name)
        (final / f"{job.slug}.failed.ipynb").unlink(missing_ok=True)
    shutil.rmtree(stage, ignore_errors=True)
    entry.seconds = round(time.perf_counter() - start, 2)
    rss, peak = kernel.memory_mb()
    entry.kernel = {"host": socket.gethostname(), "pid": kernel.pid, "run": kernel.runs,
                    "start_seconds": round(kernel.start_seconds, 2),
                    "rss_mb": round(rss, 1), "peak_rss_mb": round(peak, 1)}
    return entry
