"""A batch: every coalition of an input folder, rendered in parallel, incrementally.

Each coalition is one job: execute the notebook into a staging folder, then move the
finished files into place. A failing job is recorded and the batch goes on; a previous good
report is never replaced by a partial one. The manifest is saved after every job, so an
interrupted batch leaves a valid record of what is done."""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from pipeline import __version__
from pipeline.brand import DEFAULT_BRAND, TEMPLATES_DIR
from pipeline.coalition import discover_coalitions
from pipeline.execute import REPORT_NOTEBOOK, NotebookFailure, execute_report_notebook
from pipeline.manifest import Entry, Manifest, file_hash, tree_hash

PACKAGE_DIR = Path(__file__).parent
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class BatchOptions:
    input_dir: Path
    out_dir: Path
    lang: str = "nl"
    brand_dir: Path | None = None
    only: tuple[str, ...] = ()
    workers: int = os.cpu_count() or 1
    force: bool = False
    timeout: int = 600            # seconds per notebook cell
    today: str | None = None


@dataclass(frozen=True)
class Job:
    slug: str
    folder: Path
    input_hash: str


def recipe_hash(options: BatchOptions) -> str:
    """Everything besides the inputs that shapes a report; a change re-renders all."""
    brand = (options.brand_dir or DEFAULT_BRAND).resolve()
    templates = [p for p in TEMPLATES_DIR.iterdir() if p.name != "brands"]
    parts = tree_hash([REPORT_NOTEBOOK, *templates, brand, PACKAGE_DIR])  # the package holds the instrument
    return f"{__version__}:{options.lang}:{options.today}:{parts}"


def plan(options: BatchOptions) -> list[Job]:
    folders = discover_coalitions(options.input_dir)
    if options.only:
        unknown = sorted(set(options.only) - {f.name for f in folders})
        if unknown:
            raise ValueError(f"no coalition folder named {', '.join(unknown)} in {options.input_dir}")
        folders = [f for f in folders if f.name in options.only]
    return [Job(f.name, f, tree_hash([f])) for f in folders]


def is_current(entry: Entry | None, job: Job, recipe: str, out_dir: Path) -> bool:
    if entry is None or entry.status != "ok" or entry.input_hash != job.input_hash or entry.recipe_hash != recipe:
        return False
    folder = out_dir / job.slug
    return all((folder / name).is_file() and file_hash(folder / name) == digest
               for name, digest in entry.outputs.items())


def run_job(job: Job, options: BatchOptions, recipe: str) -> Entry:
    start = time.perf_counter()
    final = options.out_dir / job.slug
    stage = options.out_dir / ".staging" / job.slug
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True)
    executed = stage / f"{job.slug}.ipynb"
    entry = Entry(job.slug, "ok", input_hash=job.input_hash, recipe_hash=recipe)
    try:
        execute_report_notebook(job.folder.resolve(), stage.resolve(), executed, options.lang,
                                options.brand_dir.resolve() if options.brand_dir else None, options.today,
                                options.timeout)
    except NotebookFailure as failure:
        entry.status = "not_rendered" if "TooFewRespondentsError" in failure.error else "failed"
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
    return entry


def run_batch(options: BatchOptions, on_event: Callable[[str, Job, Entry | None], None] | None = None,
              on_planned: Callable[[int], None] | None = None) -> Manifest:
    """Render every coalition that changed; events: 'start', 'done', 'unchanged'.
    `on_planned` hears how many coalitions the batch holds before the first one starts."""
    notify = on_event or (lambda *_: None)
    options.out_dir.mkdir(parents=True, exist_ok=True)
    manifest_path = options.out_dir / MANIFEST
    manifest = Manifest.load(manifest_path)
    recipe = recipe_hash(options)
    jobs = plan(options)
    if on_planned:
        on_planned(len(jobs))
    todo = []
    for job in jobs:
        if not options.force and is_current(manifest.entries.get(job.slug), job, recipe, options.out_dir):
            notify("unchanged", job, manifest.entries[job.slug])
        else:
            todo.append(job)
    pool = ThreadPoolExecutor(max_workers=max(1, options.workers))
    running: dict[Future, Job] = {}
    pending = list(todo)
    try:
        while pending or running:
            while pending and len(running) < options.workers:
                job = pending.pop(0)
                notify("start", job, None)
                running[pool.submit(run_job, job, options, recipe)] = job
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                job = running.pop(future)
                entry = future.result()
                manifest.entries[job.slug] = entry
                manifest.save(manifest_path)
                notify("done", job, entry)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        manifest.save(manifest_path)
        shutil.rmtree(options.out_dir / ".staging", ignore_errors=True)
    return manifest
