"""A batch: every coalition of an input folder, rendered in parallel, incrementally.

Each coalition is one job (`pipeline.batch.jobs`) run by an executor's warm workers
(`pipeline.batch.executors`). A failing, hung or crashing job is recorded and the batch goes on.
Only this process writes the manifest, after every job, so an interrupted batch leaves a
valid record of what is done; Ctrl-C (or SIGTERM) stops the running jobs, keeps every
finished report and removes the staging folder. One run at a time writes an output folder.

Before the first job, every coalition's construct means are brought up to date in the firm's
reference store (for the comparison with other coalitions of the same network type); after
the last, the portfolio overview is written."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from pipeline import __version__
from pipeline.batch.executors import Executor, open_executor
from pipeline.batch.jobs import STAGING, Job
from pipeline.batch.lock import output_lock
from pipeline.batch.manifest import Entry, Manifest, Status, file_hash, tree_hash
from pipeline.batch.options import BatchOptions
from pipeline.batch.overview import write_overview_here
from pipeline.batch.preflight import check_config
from pipeline.batch.reference import update_reference
from pipeline.core.coalition import discover_coalitions, load_coalition
from pipeline.core.errors import ConfigError
from pipeline.core.paths import (
    DEFAULT_BRAND,
    PACKAGE_DIR,
    TEMPLATES_DIR,
)
from pipeline.report.commentary import COMMENTARY_FILE, load_commentary

MANIFEST = "manifest.json"
PORTFOLIO = ("portfolio.pdf", "portfolio.xlsx", "portfolio.csv")
# Files that older versions wrote at the output folder's top level and this one no longer does
# (the firm's reference store is now netwerkscan-reference.json beside the output folder).
OBSOLETE = ("batch_reference.json",)


# The package's parts that shape a report; the command line, the batch and the tools do not.
RECIPE_PACKAGES = ("core", "ingest", "analysis", "report", "data")


def notebook_code(notebook: Path) -> str:
    """The notebook's code, without outputs, metadata or execution counts: saving a notebook in
    Jupyter after running it changes none of what it does. Read as the JSON it is (nbformat 4,
    a cell's source a string or a list of lines): nbformat would load jsonschema (1 s) before
    the batch can start its kernels."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return "\n\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "code")


def installed_versions() -> str:
    """Every installed distribution with its version: what the lock file pins, as installed.
    Read off the names of their metadata folders (`name-version.dist-info`, as installers
    write them): parsing every METADATA file took 0.12 s before the batch could start a kernel."""
    folders = {entry.name for place in sys.path if os.path.isdir(place) for entry in os.scandir(place)
               if entry.name.endswith((".dist-info", ".egg-info"))}
    return "\n".join(sorted(folders))


def recipe_hash(options: BatchOptions) -> str:
    """Everything besides the inputs that shapes a report; a change re-renders all."""
    brand = (options.brand_dir or DEFAULT_BRAND).resolve()
    templates = [p for p in TEMPLATES_DIR.iterdir() if p.name != "brands"]
    norm = [options.norm_file] if options.norm_file else []
    files = tree_hash([*templates, brand, *(PACKAGE_DIR / part for part in RECIPE_PACKAGES), *norm])
    code = hashlib.sha256(f"{notebook_code(options.notebook)}\n{installed_versions()}".encode()).hexdigest()
    return f"{__version__}:{options.lang}:{options.today}:{','.join(options.formats)}:{files}:{code}"


def plan(options: BatchOptions) -> list[Job]:
    folders = discover_coalitions(options.input_dir)
    if options.only:
        unknown = sorted(set(options.only) - {f.name for f in folders})
        if unknown:
            raise ValueError(f"no coalition folder named {', '.join(unknown)} in {options.input_dir}")
        folders = [f for f in folders if f.name in options.only]
    return [_job(folder, options.timeout, options.final) for folder in folders]


def _job(folder: Path, timeout: float, final: bool = False) -> Job:
    """A coalition's job; a coalition.yaml or commentary.md that cannot be used is its
    `problem`, and with `final` a report nobody approved is `refused`: both found here, so
    that no kernel is started for them. The input hash covers every file of the folder, so a
    change in commentary.md renders the coalition again."""
    input_hash = tree_hash([folder])
    try:
        coalition = load_coalition(folder)
        commentary = load_commentary(folder)
    except ConfigError as exc:
        return Job(folder.name, folder, input_hash, timeout, problem=str(exc))
    why = "has no approved_by" if Path(commentary.source).is_file() else "does not exist"
    refused = (f"{commentary.source}: not approved ({COMMENTARY_FILE} {why}); run --final renders approved "
               "reports only" if final and commentary.draft else None)
    return Job(folder.name, folder, input_hash, coalition.timeout or timeout, draft=commentary.draft,
               refused=refused)


def is_current(entry: Entry | None, job: Job, recipe: str, out_dir: Path) -> bool:
    if entry is None or entry.status != Status.OK or entry.input_hash != job.input_hash or entry.recipe_hash != recipe:
        return False
    folder = out_dir / job.slug
    return all((folder / name).is_file() and file_hash(folder / name) == digest
               for name, digest in entry.outputs.items())


def run_batch(options: BatchOptions, on_event: Callable[[str, Job, Entry | None], None] | None = None,
              on_planned: Callable[[int], None] | None = None,
              executor_for: Callable[[BatchOptions, str], Executor] = open_executor) -> Manifest:
    """Render every coalition that changed; events: 'start', 'done', 'unchanged'. A brand or
    norm that cannot be used raises `BatchConfigError` before anything starts; a coalition
    whose coalition.yaml cannot be used is recorded as failed without running.
    `on_planned` hears how many coalitions the batch holds before the first one starts;
    `executor_for` opens where the jobs run (tests pass one that runs no notebooks)."""
    check_config(options.brand_dir, options.norm_file)     # before any folder, lock or kernel
    with output_lock(options.out_dir, options.wait):
        return _run_locked(options, on_event or (lambda *_: None), on_planned, executor_for)


def longest_first(jobs: list[Job], manifest: Manifest) -> list[Job]:
    """The jobs in the order that ends the batch soonest: the longest first, so that the last
    to start are short and the workers finish close together. How long a coalition took last
    time is in the manifest; a coalition without a record goes first, the one with the most
    input data first among them (a guess, but a new coalition may well be large)."""
    def expected(job: Job) -> tuple[bool, float]:
        last = manifest.entries.get(job.slug)
        if last is None or not last.seconds:
            return (False, -float(sum(f.stat().st_size for f in job.folder.rglob("*") if f.is_file())))
        return (True, -last.seconds)
    return sorted(jobs, key=expected)


def remove_obsolete(out_dir: Path) -> list[str]:
    """Remove the files an older version of this pipeline left at the output folder's top level
    (only the names in OBSOLETE, only plain files; never a user's file); returns their names."""
    removed = []
    for name in OBSOLETE:
        path = out_dir / name
        if path.is_file() and not path.is_symlink():
            path.unlink()
            removed.append(name)
    return removed


def _run_locked(options: BatchOptions, notify: Callable[[str, Job, Entry | None], None],
                on_planned: Callable[[int], None] | None,
                executor_for: Callable[[BatchOptions, str], Executor]) -> Manifest:
    remove_obsolete(options.out_dir)
    manifest_path = options.out_dir / MANIFEST
    manifest = Manifest.load(manifest_path)
    recipe = recipe_hash(options)
    jobs = plan(options)
    if on_planned:
        on_planned(len(jobs))
    changed: list[Job] = []

    def record(job: Job, entry: Entry) -> None:
        manifest.entries[job.slug] = entry
        manifest.save(manifest_path)
        notify("done", job, entry)

    for job in jobs:
        if job.problem:
            record(job, Entry(job.slug, Status.FAILED, error=job.problem, input_hash=job.input_hash,
                              recipe_hash=recipe))
        elif job.refused:
            record(job, Entry(job.slug, Status.NOT_RENDERED, error=job.refused, input_hash=job.input_hash,
                              recipe_hash=recipe, draft=True))
        elif not options.force and is_current(manifest.entries.get(job.slug), job, recipe, options.out_dir):
            notify("unchanged", job, manifest.entries[job.slug])
        else:
            changed.append(job)
    todo = deque(longest_first(changed, manifest))
    if not todo:
        if not all((options.out_dir / name).is_file() for name in PORTFOLIO):
            write_overview_here(options)
        return manifest
    every = jobs if not options.only else plan(replace(options, only=()))
    unusable = {job.slug: job.problem for job in every if job.problem}
    executor = executor_for(options, recipe)
    running = 0
    try:
        manifest.reference_left_out = unusable | update_reference(
            options.reference_store, [job for job in every if not job.problem], executor.score_means)
        while todo or running:
            while todo and running < executor.slots:
                job = todo.popleft()
                notify("start", job, None)
                executor.submit(job)
                running += 1
            record(*executor.next_result())
            running -= 1
        executor.write_overview(options)
        executor.close()
    except BaseException:
        with _stop_signals_ignored():     # a second Ctrl-C or SIGTERM must not break off the cleanup
            for finished in executor.abort():
                record(*finished)
        raise
    finally:
        manifest.save(manifest_path)
        shutil.rmtree(options.out_dir / STAGING, ignore_errors=True)
    return manifest


@contextmanager
def _stop_signals_ignored() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.signal(sig, signal.SIG_IGN) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
