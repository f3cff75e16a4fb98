"""The batch's own logic without notebooks: planning, the up-to-date check, and `run_batch`
driving an executor that writes stand-in files instead of running the report notebook."""

from __future__ import annotations

import importlib.metadata
import json
import os
import shutil
import threading
from dataclasses import replace
from pathlib import Path

import nbformat
import pytest

from pipeline.batch.jobs import Job
from pipeline.batch.lock import OutputLockedError, OutputNotWritableError, output_lock
from pipeline.batch.manifest import Entry, Manifest, Status, file_hash, tree_hash
from pipeline.batch.options import BatchOptions
from pipeline.batch.overview import write_overview_here
from pipeline.batch.preflight import BatchConfigError
from pipeline.batch.reference import Scored, entries_or_error
from pipeline.batch.run import (
    MANIFEST,
    installed_versions,
    is_current,
    longest_first,
    notebook_code,
    plan,
    recipe_hash,
    run_batch,
)
from pipeline.core.paths import DEFAULT_BRAND, REPORT_NOTEBOOK
from pipeline.core.reference_store import STORE_FILE
from tests.survey_files import tiny_inputs


class FakeExecutor:
    """Runs each job at once in this thread: writes the report's files, or fails on request."""

    slots = 2

    def __init__(self, options: BatchOptions, recipe: str, fail: frozenset[str] = frozenset(),
                 no_means: frozenset[str] = frozenset()):
        self.options, self.recipe, self.fail, self.no_means = options, recipe, fail, no_means
        self.submitted: list[str] = []
        self.results: list[tuple[Job, Entry]] = []
        self.closed = False
        self.scored: list[str] = []           # coalitions the reference store had to score

    def submit(self, job: Job) -> None:
        self.submitted.append(job.slug)
        entry = Entry(job.slug, Status.OK, input_hash=job.input_hash, recipe_hash=self.recipe)
        if job.slug in self.fail:
            entry.status, entry.error = Status.FAILED, "ValueError: planted"
        else:
            folder = self.options.out_dir / job.slug
            folder.mkdir(parents=True, exist_ok=True)
            report = folder / f"{job.slug}.pdf"
            report.write_text(f"report of {job.slug}")
            entry.outputs[report.name] = file_hash(report)
        self.results.append((job, entry))

    def next_result(self) -> tuple[Job, Entry]:
        return self.results.pop(0)

    def close(self) -> None:
        self.closed = True

    def write_overview(self, options: BatchOptions) -> None:
        write_overview_here(options)

    def abort(self) -> list[tuple[Job, Entry]]:
        return []

    def score_means(self, jobs: list[Job]) -> dict[str, Scored]:
        self.scored = [job.slug for job in jobs]
        return {job.slug: ("ValueError: planted" if job.slug in self.no_means
                           else entries_or_error(job.folder, job.input_hash)) for job in jobs}


@pytest.fixture
def inputs(tmp_path) -> Path:
    return tiny_inputs(tmp_path / "inputs", 3)[0].parent


def options_for(inputs: Path, tmp_path: Path, **changes) -> BatchOptions:
    return replace(BatchOptions(inputs, tmp_path / "out", today="2026-11-22", workers=2), **changes)


def run(options: BatchOptions, **fake) -> tuple[Manifest, FakeExecutor, list[tuple[str, str]]]:
    opened: list[FakeExecutor] = []
    events: list[tuple[str, str]] = []

    def executor_for(opts: BatchOptions, recipe: str) -> FakeExecutor:
        opened.append(FakeExecutor(opts, recipe, **fake))
        return opened[0]

    manifest = run_batch(options, lambda event, job, entry: events.append((event, job.slug)),
                         executor_for=executor_for)
    return manifest, (opened[0] if opened else None), events


def test_plan_finds_every_coalition_and_only_narrows_it(inputs, tmp_path):
    slugs = sorted(p.name for p in inputs.iterdir())
    assert [j.slug for j in plan(options_for(inputs, tmp_path))] == slugs
    assert [j.slug for j in plan(options_for(inputs, tmp_path, only=(slugs[1],)))] == [slugs[1]]
    with pytest.raises(ValueError, match="no coalition folder named nergens"):
        plan(options_for(inputs, tmp_path, only=("nergens",)))


def test_the_recipe_follows_language_and_date(inputs, tmp_path):
    base = options_for(inputs, tmp_path)
    assert recipe_hash(base) == recipe_hash(base)
    assert recipe_hash(base) != recipe_hash(replace(base, lang="en"))
    assert recipe_hash(base) != recipe_hash(replace(base, today="2027-01-01"))


def test_the_recipe_follows_the_installed_packages(inputs, tmp_path, monkeypatch):
    """An upgraded package may draw a report differently: every installed version is in the recipe."""
    assert f"pandas-{importlib.metadata.version('pandas')}.dist-info" in installed_versions().splitlines()
    site = tmp_path / "site"
    (site / "seaborn-0.13.2.dist-info").mkdir(parents=True)
    monkeypatch.syspath_prepend(str(site))
    before = recipe_hash(options_for(inputs, tmp_path))
    (site / "seaborn-0.13.2.dist-info").rename(site / "seaborn-0.14.0.dist-info")
    assert recipe_hash(options_for(inputs, tmp_path)) != before


def test_a_report_is_current_only_with_the_same_inputs_recipe_and_files(inputs, tmp_path):
    options = options_for(inputs, tmp_path)
    manifest, _, _ = run(options)
    job = plan(options)[0]
    entry = manifest.entries[job.slug]
    assert is_current(entry, job, entry.recipe_hash, options.out_dir)
    assert not is_current(None, job, entry.recipe_hash, options.out_dir)
    assert not is_current(entry, job, "another recipe", options.out_dir)
    assert not is_current(entry, replace(job, input_hash="changed"), entry.recipe_hash, options.out_dir)
    assert not is_current(replace(entry, status=Status.FAILED), job, entry.recipe_hash, options.out_dir)
    (options.out_dir / job.slug / f"{job.slug}.pdf").write_text("edited by hand")
    assert not is_current(entry, job, entry.recipe_hash, options.out_dir)


def test_the_longest_coalitions_start_first_and_a_new_one_before_them(inputs, tmp_path):
    short, long, new = plan(options_for(inputs, tmp_path))
    last_run = Manifest({short.slug: Entry(short.slug, Status.OK, seconds=3.0),
                         long.slug: Entry(long.slug, Status.OK, seconds=9.0)})
    assert [j.slug for j in longest_first([short, long, new], last_run)] == [new.slug, long.slug, short.slug]
    (short.folder / "answers-2025.csv").write_text("x" * 100_000)       # without a record: most data first
    assert longest_first([long, new, short], Manifest())[0] == short


def test_a_second_run_renders_only_the_coalition_whose_input_changed(inputs, tmp_path):
    options = options_for(inputs, tmp_path)
    _, first, _ = run(options)
    assert sorted(first.submitted) == sorted(p.name for p in inputs.iterdir()) and first.closed
    _, again, events = run(options)
    assert again is None                                         # nothing to do: no executor opened
    assert [e for e, _ in events] == ["unchanged"] * 3
    changed = sorted(inputs.iterdir())[1]
    (changed / "coalition.yaml").write_text((changed / "coalition.yaml").read_text() + "\n# edited\n")
    _, third, events = run(options)
    assert third.submitted == [changed.name]
    assert sorted(e for e, _ in events) == ["done", "start", "unchanged", "unchanged"]


def test_a_failing_coalition_is_recorded_and_the_others_are_made(inputs, tmp_path):
    broken = sorted(p.name for p in inputs.iterdir())[0]
    manifest, executor, _ = run(options_for(inputs, tmp_path), fail={broken})
    assert manifest.entries[broken].status is Status.FAILED
    assert all(e.status is Status.OK for slug, e in manifest.entries.items() if slug != broken)
    saved = json.loads((tmp_path / "out" / MANIFEST).read_text())
    assert {e["slug"]: e["status"] for e in saved["coalitions"]}[broken] == "failed"
    _, again, _ = run(options_for(inputs, tmp_path))
    assert again.submitted == [broken]                           # a failure is tried again, the rest is current


def test_the_reference_holds_every_scored_coalition_and_the_manifest_names_the_rest(inputs, tmp_path):
    slugs = sorted(p.name for p in inputs.iterdir())
    manifest, _, _ = run(options_for(inputs, tmp_path), no_means={slugs[2]})
    store = json.loads((tmp_path / STORE_FILE).read_text())      # beside the output folder
    entries = {(e["coalition"], e["wave"]): e for e in store["entries"]}
    assert sorted(entries) == [(slug, "2026") for slug in slugs[:2]]
    assert entries[(slugs[0], "2026")]["input_hash"] == tree_hash([inputs / slugs[0]])
    assert set(entries[(slugs[0], "2026")]["constructs"]) >= {"actor", "identiteit", "ambities", "fundament"}
    assert manifest.reference_left_out == {slugs[2]: "ValueError: planted"}
    saved = json.loads((tmp_path / "out" / MANIFEST).read_text())
    assert saved["reference_left_out"] == {slugs[2]: "ValueError: planted"}


def test_a_new_output_folder_beside_the_same_store_scores_nothing_again(inputs, tmp_path):
    slugs = sorted(p.name for p in inputs.iterdir())
    _, first, _ = run(options_for(inputs, tmp_path))
    assert sorted(first.scored) == slugs
    _, again, _ = run(options_for(inputs, tmp_path, out_dir=tmp_path / "out-2027", force=True))
    assert again.submitted and again.scored == []
    chosen = tmp_path / "firm" / "store.json"
    _, elsewhere, _ = run(options_for(inputs, tmp_path, force=True, reference=chosen))
    assert sorted(elsewhere.scored) == slugs and chosen.is_file()


def test_a_second_run_on_the_same_output_folder_stops_at_once(inputs, tmp_path):
    options = options_for(inputs, tmp_path)
    with output_lock(options.out_dir):
        with pytest.raises(OutputLockedError, match=f"process {os.getpid()}.*--wait"):
            run(options)
    manifest, _, _ = run(options)                                # released: the next run goes ahead
    assert len(manifest.entries) == 3


def test_with_wait_a_run_starts_when_the_other_one_is_done(inputs, tmp_path):
    options = options_for(inputs, tmp_path, wait=True)
    held, release = threading.Event(), threading.Event()

    def other_run() -> None:
        with output_lock(options.out_dir):
            held.set()
            release.wait(10)

    other = threading.Thread(target=other_run)
    other.start()
    held.wait(10)
    threading.Timer(0.5, release.set).start()
    manifest, _, _ = run(options)
    other.join()
    assert release.is_set() and len(manifest.entries) == 3


def test_an_output_folder_that_cannot_be_written_is_one_clear_error(inputs, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(OutputNotWritableError, match="cannot write to the output folder"):
        run(options_for(inputs, tmp_path, out_dir=blocker / "reports"))


def test_a_coalition_may_set_its_own_time_limit(inputs, tmp_path):
    slow = sorted(inputs.iterdir())[0]
    (slow / "coalition.yaml").write_text((slow / "coalition.yaml").read_text() + "timeout: 12.5\n")
    limits = {job.slug: job.timeout for job in plan(options_for(inputs, tmp_path, timeout=300))}
    assert limits.pop(slow.name) == 12.5
    assert set(limits.values()) == {300}


def test_a_notebook_saved_with_outputs_has_the_same_code_and_an_edited_one_does_not(tmp_path):
    notebook = nbformat.read(REPORT_NOTEBOOK, as_version=4)
    code = notebook_code(REPORT_NOTEBOOK)
    for n, cell in enumerate(c for c in notebook.cells if c.cell_type == "code"):
        cell.execution_count = n + 1
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="run by an analyst\n")]
    notebook.metadata["widgets"] = {"state": {}}
    saved = tmp_path / "saved.ipynb"
    nbformat.write(notebook, saved)
    assert notebook_code(saved) == code
    notebook.cells[-1].source += "\nprint('one more line')"
    nbformat.write(notebook, saved)
    assert notebook_code(saved) != code


def test_statuses_are_saved_as_their_values_and_read_back_as_status(tmp_path):
    path = tmp_path / MANIFEST
    Manifest({s.value: Entry(s.value, s) for s in Status}).save(path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert [e["status"] for e in saved["coalitions"]] == sorted(s.value for s in Status)
    assert all(e.status is Status(slug) for slug, e in Manifest.load(path).entries.items())
    saved["coalitions"][0]["status"] = "half_af"         # not a status: the manifest only costs a full re-run
    path.write_text(json.dumps(saved), encoding="utf-8")
    assert Manifest.load(path).entries == {}


def test_a_bad_coalition_yaml_fails_that_coalition_without_a_job(inputs, tmp_path):
    slugs = sorted(p.name for p in inputs.iterdir())
    bad = inputs / slugs[1] / "coalition.yaml"
    bad.write_text(bad.read_text() + "sheeet: Antwoorden\n")
    manifest, executor, events = run(options_for(inputs, tmp_path))
    entry = manifest.entries[slugs[1]]
    assert entry.status == "failed" and "coalition.yaml: sheeet: unknown key (did you mean 'sheet'?)" in entry.error
    assert slugs[1] not in executor.submitted and sorted(executor.submitted) == [slugs[0], slugs[2]]
    assert ("start", slugs[1]) not in events and ("done", slugs[1]) in events
    assert "sheeet" in manifest.reference_left_out[slugs[1]]


def test_a_bad_brand_or_norm_stops_the_batch_before_anything_starts(inputs, tmp_path):
    brand = tmp_path / "brand"
    shutil.copytree(DEFAULT_BRAND, brand)
    (brand / "brand.yaml").write_text((brand / "brand.yaml").read_text().replace('"#1F3A5F"', '"#0B4F5"'))
    norm = tmp_path / "norm.yaml"
    norm.write_text("name: Landelijk\nconstructs: {actor: 9}\n")
    with pytest.raises(BatchConfigError) as stopped:
        run(options_for(inputs, tmp_path, brand_dir=brand, norm_file=norm))
    assert [Path(e.path).name for e in stopped.value.errors] == ["brand.yaml", "norm.yaml"]
    assert "colours.primary" in str(stopped.value) and "constructs.actor" in str(stopped.value)
    assert not (tmp_path / "out").exists()                        # no lock, no manifest, no executor


def test_a_change_in_the_commentary_renders_that_coalition_again(inputs, tmp_path):
    options = options_for(inputs, tmp_path)
    run(options)
    changed = sorted(inputs.iterdir())[0]
    (changed / "commentary.md").write_text("Voorwoord van de adviseur.\n", encoding="utf-8")
    _, again, _ = run(options)
    assert again.submitted == [changed.name]


def test_final_refuses_unapproved_coalitions_without_a_job_and_records_draft(inputs, tmp_path):
    slugs = sorted(p.name for p in inputs.iterdir())
    (inputs / slugs[0] / "commentary.md").write_text(
        "---\nauthor: A. de Vries\napproved_by: A. de Vries\napproved_on: 2026-11-20\n---\nVoorwoord.\n")
    jobs = {job.slug: job for job in plan(options_for(inputs, tmp_path))}
    assert not jobs[slugs[0]].draft and jobs[slugs[1]].draft and not jobs[slugs[1]].refused
    manifest, executor, events = run(options_for(inputs, tmp_path, final=True))
    assert executor.submitted == [slugs[0]]
    for slug in slugs[1:]:
        entry = manifest.entries[slug]
        assert entry.status == "not_rendered" and entry.draft and "not approved" in entry.error
        assert ("start", slug) not in events
    assert not manifest.reference_left_out          # refused, but its figures still count for the ranks


def test_a_bad_commentary_fails_that_coalition_without_a_job(inputs, tmp_path):
    slugs = sorted(p.name for p in inputs.iterdir())
    (inputs / slugs[2] / "commentary.md").write_text("## regi\nNoot.\n")
    manifest, executor, _ = run(options_for(inputs, tmp_path))
    assert manifest.entries[slugs[2]].status == "failed" and "'## regi'" in manifest.entries[slugs[2]].error
    assert slugs[2] not in executor.submitted


def test_a_run_removes_the_obsolete_files_it_owns_and_nothing_else(inputs, tmp_path):
    options = options_for(inputs, tmp_path)
    options.out_dir.mkdir(parents=True)
    (options.out_dir / "batch_reference.json").write_text("{}")          # written by older versions
    (options.out_dir / "notes.txt").write_text("the user's own")
    (options.out_dir / "sub").mkdir()
    (options.out_dir / "sub" / "batch_reference.json").write_text("{}")  # not at the top level
    run(options)
    assert not (options.out_dir / "batch_reference.json").exists()
    assert (options.out_dir / "notes.txt").read_text() == "the user's own"
    assert (options.out_dir / "sub" / "batch_reference.json").exists()
    (options.out_dir / "batch_reference.json").write_text("{}")
    run(options)                                                         # nothing to re-render: still removed
    assert not (options.out_dir / "batch_reference.json").exists()
