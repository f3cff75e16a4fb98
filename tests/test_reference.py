"""The firm's reference store and the comparison a client may see: keyed by coalition and
wave, safe for runs sharing it, of the same network type, only with 5 or more others, and
untouched by another coalition's re-run."""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path

import pytest

from pipeline.analysis.reference import comparable, reference_comparisons, wave_entries
from pipeline.batch.jobs import Job
from pipeline.batch.manifest import tree_hash
from pipeline.batch.reference import entries_or_error, update_reference
from pipeline.core.coalition import load_coalition
from pipeline.core.reference_store import ConstructMean, StoreEntry, default_store, read_store, update_store
from pipeline.report.parameters import ReportParameters
from pipeline.report.steps import analyse_folder, make_report
from tests.pdf_helpers import pdf_text
from tests.survey_files import tiny_inputs


def entry(slug: str, mean: float, wave: str = "2026", kind: str = "leernetwerk", n: int = 10) -> StoreEntry:
    return StoreEntry(slug, wave, kind, "h", {"actor": ConstructMean(mean, n)})


def same_type(folders: list[Path], kind: str = "samenwerkingsverband") -> list[Path]:
    """The generated coalitions take their network types from the examples: make them one."""
    for folder in folders:
        spec = folder / "coalition.yaml"
        spec.write_text(re.sub(r"(?m)^network_type: .*$", f"network_type: {kind}", spec.read_text(encoding="utf-8")),
                        encoding="utf-8")
    return folders


def in_process(jobs: list[Job]) -> dict[str, list[StoreEntry] | str]:
    return {job.slug: entries_or_error(job.folder, job.input_hash) for job in jobs}


def test_a_rerun_replaces_its_own_entry_and_keeps_the_others(tmp_path):
    store = tmp_path / "store.json"
    update_store(store, {"a": [entry("a", 3.0), entry("a", 2.5, "2025")], "b": [entry("b", 4.0)]})
    update_store(store, {"a": [entry("a", 3.5)]})
    found = read_store(store)
    assert sorted(found) == [("a", "2025"), ("a", "2026"), ("b", "2026")]
    assert found[("a", "2026")].constructs["actor"].mean == 3.5
    assert json.loads(store.read_text())["version"] == 1


def test_runs_sharing_a_store_lose_no_update(tmp_path):
    store = tmp_path / "store.json"
    threads = [threading.Thread(target=update_store, args=(store, {f"c{i}": [entry(f"c{i}", 3.0)]}))
               for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(read_store(store)) == 8


def test_the_default_store_lies_beside_the_output_folder(tmp_path):
    assert default_store(tmp_path / "reports-2026") == tmp_path.resolve() / "netwerkscan-reference.json"


def test_five_others_of_the_same_type_are_compared_four_are_not():
    store = {e.key: e for e in [entry(f"o{i}", 2.0 + i / 2) for i in range(5)]
             + [entry("task", 1.0, kind="samenwerkingsverband"), entry("own", 3.0)]}
    others = comparable(store, "own", "leernetwerk", "2026")
    assert sorted(others) == [f"o{i}" for i in range(5)]
    found = reference_comparisons({"actor": 3.0, "fundament": 3.0}, others, 5)
    assert set(found) == {"actor"}                       # the others measured no fundament
    assert found["actor"].others == 5 and found["actor"].mean == pytest.approx(3.0)
    assert found["actor"].lower_share == pytest.approx(50.0)   # 2.0, 2.5 lower; 3.0 ties (half)
    four = {k: e for k, e in others.items() if k != "o4"}
    assert reference_comparisons({"actor": 3.0}, four, 5) == {}


def test_others_count_with_their_latest_wave_up_to_this_year_and_enough_respondents():
    store = {e.key: e for e in [entry("x", 2.0, "2025"), entry("x", 4.0, "2026-2"), entry("x", 1.0, "2027"),
                                entry("small", 3.0, n=4)]}
    others = comparable(store, "own", "leernetwerk", "2026")
    assert others["x"].wave == "2026-2"
    assert comparable(store, "own", "leernetwerk", "2025")["x"].wave == "2025"
    assert reference_comparisons({"actor": 3.0}, {f"{k}{i}": e for i in range(5) for k, e in others.items()
                                                  if k == "small"}, 5) == {}


@pytest.mark.slow
def test_a_report_compares_with_five_others_and_does_not_change_when_another_is_rerun(tmp_path):
    folders = same_type(tiny_inputs(tmp_path / "inputs", 6))
    store = tmp_path / "store.json"
    jobs = [Job(f.name, f, tree_hash([f]), 300) for f in folders]
    assert update_reference(store, jobs, in_process) == {}
    own, other = folders[0], folders[1]
    result = analyse_folder(own, reference_file=store)[2]
    assert result.reference_pool == 5
    assert result.reference and all(c.others == 5 for c in result.reference.values())
    assert update_reference(store, jobs, lambda stale: pytest.fail("nothing changed, nothing to score")) == {}
    update_store(store, {other.name: wave_entries(other, "re-run")})     # the other coalition re-run
    again = analyse_folder(own, reference_file=store)[2]
    assert again.reference == result.reference
    assert again.to_json() == result.to_json()
    entries = read_store(store)
    four = tmp_path / "four.json"
    update_store(four, {slug: [e for k, e in entries.items() if k[0] == slug] for slug, _ in entries if
                        slug != folders[5].name})
    fewer = analyse_folder(own, reference_file=four)[2]
    assert fewer.reference_pool == 4 and fewer.reference == {}


def test_a_coalition_that_cannot_be_scored_is_left_out_with_the_reason(tmp_path):
    folder = tiny_inputs(tmp_path / "inputs", 1)[0]
    (folder / "2026.csv").write_text("not,a,survey\n", encoding="utf-8")
    left_out = update_reference(tmp_path / "store.json", [Job(folder.name, folder, "h", 300)], in_process)
    assert folder.name in left_out
    assert read_store(tmp_path / "store.json") == {}


def test_the_store_file_holds_means_and_counts_only(tmp_path):
    folder = tiny_inputs(tmp_path / "inputs", 1)[0]
    store = tmp_path / "store.json"
    update_reference(store, [Job(folder.name, folder, "h", 300)], in_process)
    raw = json.loads(store.read_text())
    assert {tuple(sorted(e)) for e in raw["entries"]} == {
        ("coalition", "constructs", "input_hash", "network_type", "wave")}
    assert all(set(m) == {"mean", "n"} for e in raw["entries"] for m in e["constructs"].values())
    assert Path(f"{store}.lock").exists()


@pytest.mark.slow
def test_the_pdf_compares_with_five_unnamed_others_and_counts_the_themes(tmp_path):
    folders = same_type(tiny_inputs(tmp_path / "inputs", 6))
    store = tmp_path / "store.json"
    update_reference(store, [Job(f.name, f, tree_hash([f]), 300) for f in folders], in_process)
    result = make_report(ReportParameters(str(folders[0]), str(tmp_path / "out"), reference_file=str(store)))
    text = " ".join(pdf_text(tmp_path / "out" / f"{folders[0].name}.pdf").split())
    assert "Hoe de bouwstenen zich verhouden tot de 5 andere samenwerkingsverbanden" in text
    assert "scoort hoger dan" in text
    for other in folders[1:]:
        assert load_coalition(other).name not in text
    assert "Waar de antwoorden over gaan" in text
    shown = [c for c in result.open_themes.values() if c.respondents is not None]
    assert shown and all(c.respondents >= result.settings.anonymity_threshold for c in shown)
    assert f"{shown[0].respondents} deelnemers" in text
