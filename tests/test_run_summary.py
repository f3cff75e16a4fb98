"""What a run reports at its end: kernel warnings once per run with their coalitions, and a
closing line and JSON summary that count only the reports this run rendered."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat

from pipeline.batch.jobs import Job
from pipeline.batch.kernel_warnings import notebook_warnings, warning_lines
from pipeline.batch.manifest import Entry
from pipeline.batch.summary import RunSummary

FONT = "findfont: Font family 'Nergens Sans' not found."


def executed_notebook(path: Path, *stderr: str) -> Path:
    cells = [nbformat.v4.new_code_cell("x", outputs=[nbformat.v4.new_output("stream", name=name, text=text)])
             for name, text in [("stdout", "WARNING on stdout is no warning of the kernel\n"),
                                *(("stderr", text) for text in stderr)]]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)
    return path


def test_warnings_are_taken_once_each_from_the_notebook_stderr(tmp_path):
    notebook = executed_notebook(tmp_path / "a.ipynb", f"{FONT}\n{FONT}\n",
                                 "/venv/lib/seaborn/x.py:12: FutureWarning: use_inf_as_na is deprecated\n"
                                 "  warnings.warn(\n", "progress 3/4\n")
    assert notebook_warnings(notebook) == [FONT, "FutureWarning: use_inf_as_na is deprecated"]
    assert notebook_warnings(tmp_path / "missing.ipynb") == []
    assert warning_lines("nothing to see\n") == []


def job(slug: str) -> Job:
    return Job(slug, Path(slug), "hash", 300)


def test_the_summary_counts_only_what_this_run_rendered(tmp_path):
    summary = RunSummary(tmp_path)
    summary.add("start", job("a"), None)
    summary.add("done", job("a"), Entry("a", "ok", outputs={"a.pdf": "x"}, warnings=[FONT], draft=False))
    summary.add("done", job("b"), Entry("b", "failed", error="coalition.yaml: sheeet: unknown key", warnings=[FONT]))
    summary.add("unchanged", job("c"), Entry("c", "ok", outputs={"c.pdf": "y"}, warnings=["old warning"]))
    assert summary.rendered == ["a"] and summary.problems == ["b"] and summary.exit_code == 1
    assert summary.warnings() == {FONT: ["a", "b"]}          # an unchanged report's old warnings are not this run's
    assert summary.closing_line().startswith("1 rendered, 1 unchanged, 1 not made; 2 of 3 coalitions without problems")
    doc = json.loads(json.dumps(summary.as_json()))
    assert doc["counts"] == {"coalitions": 3, "rendered": 1, "unchanged": 1, "problems": 1}
    assert [c["slug"] for c in doc["coalitions"]] == ["a", "b", "c"]
    assert doc["coalitions"][0]["outputs"] == [str(tmp_path / "a" / "a.pdf")]
    assert [c["draft"] for c in doc["coalitions"]] == [False, True, True]     # signed off, or not
    assert doc["warnings"] == [{"message": FONT, "coalitions": ["a", "b"]}]


def test_the_closing_line_leaves_out_what_did_not_happen(tmp_path):
    summary = RunSummary(tmp_path)
    summary.add("done", job("a"), Entry("a", "ok"))
    assert summary.closing_line().startswith("1 rendered; 1 of 1 coalitions without problems")


def test_all_unchanged_says_nothing_to_render(tmp_path):
    summary = RunSummary(tmp_path)
    summary.add("unchanged", job("a"), Entry("a", "ok"))
    assert summary.closing_line().startswith("nothing to render: all 1 coalitions unchanged")
    assert summary.exit_code == 0
