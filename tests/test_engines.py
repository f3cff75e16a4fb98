"""The warm engine: one kernel for many notebooks, each starting clean; a time limit that
stops a hung kernel; a crashed kernel replaced; and a warm report equal to a cold one.
Tiny notebooks keep the kernel tests quick; the last test runs the real report."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import papermill
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from pipeline.batch.execute import NotebookFailure, execute_notebook, execute_report_notebook
from pipeline.batch.kernel import WARM_UP_CODE, WarmKernel
from pipeline.batch.kernelspec import KERNEL_NAME
from pipeline.core.paths import REPORT_NOTEBOOK
from pipeline.report.parameters import ReportParameters
from tests.pdf_helpers import pdf_text

pytestmark = pytest.mark.slow   # real kernels


def notebook(path: Path, *cells: str) -> Path:
    """A notebook with a parameters cell (`name`) and the given code cells."""
    nb = new_notebook(metadata={"kernelspec": {"name": KERNEL_NAME, "language": "python",
                                               "display_name": "Python (netwerkscan)"}})
    nb.cells = [new_code_cell("name = 'default'", metadata={"tags": ["parameters"]}),
                *(new_code_cell(source) for source in cells)]
    nbformat.write(nb, path)
    return path


def last_output(executed: Path) -> str:
    return nbformat.read(executed, as_version=4).cells[-1].outputs[0]["data"]["text/plain"]


def run_twice(notebook_path: Path, kernel: WarmKernel, folder: Path) -> list[Path]:
    """The same notebook twice on one kernel, as the batch runs two coalitions."""
    runs = []
    for n in range(2):
        runs.append(folder / f"run-{n}.ipynb")
        execute_notebook(notebook_path, runs[-1], {"name": f"run {n}"}, 120, kernel)
    return runs


@pytest.fixture
def kernel():
    warm = WarmKernel(KERNEL_NAME)
    yield warm
    warm.shutdown()


def test_each_notebook_starts_clean_on_the_same_kernel(kernel, tmp_path):
    nb = notebook(tmp_path / "nb.ipynb",
                  "assert 'leftover' not in globals(), 'the namespace of the previous notebook survived'\n"
                  "leftover = name\n"
                  "import matplotlib.pyplot as plt\n"
                  "assert not plt.get_fignums(), 'a figure of the previous notebook is still open'\n"
                  "plt.figure()\n"
                  "import os\n"
                  "os.getpid()")
    runs = run_twice(nb, kernel, tmp_path)
    for n, executed in enumerate(runs):
        cells = nbformat.read(executed, as_version=4).cells
        assert [c.execution_count for c in cells] == [1, 2, 3]   # numbered as on a fresh kernel
        assert f"run {n}" in cells[1].source                      # papermill injected the parameters
    assert last_output(runs[0]) == last_output(runs[1])
    assert kernel.runs == 2


def test_the_reset_empties_the_package_caches_but_those_of_installed_software_and_checked_files(kernel, tmp_path):
    """A settings file read for one notebook must be read again by the next on the same kernel.
    What depends only on the installed software or checks its files on every use is kept: the
    charts' text measurements, the installed fonts, the lean default stylesheet, the compiled
    templates and the result model's type hints (`CACHES_OUTLIVE_NOTEBOOKS`)."""
    kept = {"_extent": "pipeline.report.chart_fonts", "installed_fonts": "pipeline.core.brand_file",
            "lean_sheet": "pipeline.report.ua_sheet", "environment": "pipeline.report.render",
            "_hints": "pipeline.analysis.jsonable"}
    nb = notebook(tmp_path / "nb.ipynb",
                  "from matplotlib.font_manager import FontProperties\n"
                  "from pipeline.analysis.result import CoalitionResult\n"
                  "from pipeline.core.paths import TEMPLATES_DIR\n"
                  "from pipeline.core.settings import default_settings\n"
                  + "".join(f"from {module} import {name}\n" for name, module in kept.items()) +
                  f"before = [f.cache_info().currsize for f in (default_settings, {', '.join(kept)})]\n"
                  "default_settings()\n"
                  "_extent('Strateeg', FontProperties(size=9))\n"
                  "installed_fonts()\n"
                  "lean_sheet()\n"
                  "environment(TEMPLATES_DIR / 'brands' / 'default')\n"
                  "_hints(CoalitionResult)\n"
                  "before")
    sizes = [last_output(executed) for executed in run_twice(nb, kernel, tmp_path)]
    assert sizes == [str([0] * (1 + len(kept))), str([0] + [1] * len(kept))]


def test_a_hung_notebook_is_stopped_at_its_time_limit_and_the_next_gets_a_fresh_kernel(kernel, tmp_path):
    first = notebook(tmp_path / "pid.ipynb", "import os\nos.getpid()")
    execute_notebook(first, tmp_path / "first.ipynb", {}, 120, kernel)
    hung = notebook(tmp_path / "hung.ipynb", "import time\ntime.sleep(300)")
    with pytest.raises(NotebookFailure) as failure:
        execute_notebook(hung, tmp_path / "hung-out.ipynb", {}, 3, kernel)
    assert failure.value.status == "timed_out"
    assert "within 3 s" in failure.value.error
    assert (tmp_path / "hung-out.ipynb").is_file()          # kept up to the cell that hung
    execute_notebook(first, tmp_path / "after.ipynb", {}, 120, kernel)
    assert last_output(tmp_path / "after.ipynb") != last_output(tmp_path / "first.ipynb")
    assert kernel.runs == 1


def test_a_crashed_kernel_is_recorded_and_replaced(kernel, tmp_path):
    crash = notebook(tmp_path / "crash.ipynb", "import os\nos._exit(3)")
    with pytest.raises(NotebookFailure) as failure:
        execute_notebook(crash, tmp_path / "crash-out.ipynb", {}, 120, kernel)
    assert failure.value.status == "crashed"
    assert "kernel died" in failure.value.error
    ok = notebook(tmp_path / "ok.ipynb", "6 * 7")
    execute_notebook(ok, tmp_path / "ok-out.ipynb", {}, 120, kernel)
    assert last_output(tmp_path / "ok-out.ipynb") == "42"


def test_a_failing_cell_is_named_as_on_a_fresh_kernel(kernel, tmp_path):
    nb = notebook(tmp_path / "nb.ipynb", "x = 1", "raise ValueError('bad input')")
    for n in range(2):       # the second time on a used, reset kernel
        with pytest.raises(NotebookFailure) as failure:
            execute_notebook(nb, tmp_path / f"out-{n}.ipynb", {}, 120, kernel)
        assert (failure.value.cell, failure.value.status) == (3, "failed")   # no parameters: none injected
        assert failure.value.error == "ValueError: bad input"


def test_a_warm_report_equals_a_cold_one(batch_inputs, tmp_path):
    slug, other = "wijkzorg-oosterbroek", "samenwerking-kempenrode"
    cold = tmp_path / "cold"
    cold.mkdir()
    papermill.execute_notebook(   # papermill's own engine: a fresh kernel, as the papermill CLI runs it
        str(REPORT_NOTEBOOK), str(cold / f"{slug}.ipynb"), kernel_name=KERNEL_NAME, progress_bar=False,
        parameters={"coalition_dir": str(batch_inputs / slug), "out_dir": str(cold), "lang": "nl",
                    "brand_dir": None, "today": "2026-11-22", "reference_file": None})   # as the warm run: no store
    warm_kernel = WarmKernel(KERNEL_NAME)
    try:
        for name in (other, slug):       # another coalition first, so the kernel is used and reset
            (tmp_path / name).mkdir()
            parameters = ReportParameters(str(batch_inputs / name), str(tmp_path / name), today="2026-11-22")
            execute_report_notebook(REPORT_NOTEBOOK, parameters, tmp_path / name / f"{name}.ipynb", 300, warm_kernel)
        assert warm_kernel.runs == 2
    finally:
        warm_kernel.shutdown()
    warm = tmp_path / slug
    assert json.loads((warm / "scores.json").read_text()) == json.loads((cold / "scores.json").read_text())
    assert (warm / "scores.json").read_bytes() == (cold / "scores.json").read_bytes()
    assert pdf_text(warm / f"{slug}.pdf") == pdf_text(cold / f"{slug}.pdf")
    counts = [[c.get("execution_count") for c in nbformat.read(folder / f"{slug}.ipynb", as_version=4).cells]
              for folder in (warm, cold)]
    assert counts[0] == counts[1]



def test_the_reference_is_scored_on_the_warm_kernels_as_in_process(tmp_path):
    """`ThreadExecutor.score_means` scores on the workers' kernels: the same entries as
    scoring in this process, and a coalition that cannot be scored left out with the reason."""
    from pipeline.batch.executors import ThreadExecutor
    from pipeline.batch.jobs import Job
    from pipeline.batch.manifest import tree_hash
    from pipeline.batch.options import BatchOptions
    from pipeline.batch.reference import entries_or_error
    from tests.survey_files import tiny_inputs

    folders = tiny_inputs(tmp_path / "inputs", 3)
    (folders[2] / "2026.csv").write_text("not,a,survey\n", encoding="utf-8")
    jobs = [Job(f.name, f, tree_hash([f]), 120) for f in folders]
    executor = ThreadExecutor(BatchOptions(tmp_path / "inputs", tmp_path / "out", workers=2), "recipe")
    try:
        scored = executor.score_means(jobs)
    finally:
        executor.close()
    assert scored == {job.slug: entries_or_error(job.folder, job.input_hash) for job in jobs}
    assert isinstance(scored[folders[2].name], str) and isinstance(scored[folders[0].name], list)


def test_a_notebook_after_scoring_on_the_kernel_starts_clean(kernel, tmp_path):
    """The kernel that scored a coalition is reset before the first notebook, which numbers its
    cells from 1 and is told the kernel's start."""
    from pipeline.batch.executors import score_on
    from pipeline.batch.jobs import Job
    from pipeline.batch.manifest import tree_hash
    from tests.survey_files import tiny_inputs

    folder = tiny_inputs(tmp_path / "inputs", 1)[0]
    (tmp_path / "scores").mkdir()
    assert isinstance(score_on(kernel, Job(folder.name, folder, tree_hash([folder]), 120), tmp_path / "scores"), list)
    nb = notebook(tmp_path / "nb.ipynb", "assert '_netwerkscan_score' not in globals()\n1 + 1")
    executed = tmp_path / "run.ipynb"
    execute_notebook(nb, executed, {"name": "x"}, 120, kernel)
    assert [c.execution_count for c in nbformat.read(executed, as_version=4).cells] == [1, 2, 3]
    assert kernel.runs == 1 and kernel.start_seconds > 0


def test_code_after_code_may_skip_the_reset_but_code_after_a_notebook_may_not(kernel, tmp_path):
    """The reference's scorings follow one another on a kernel without a reset between them;
    what follows a notebook is reset all the same."""
    probe = tmp_path / "probe.txt"
    seen = f"from pathlib import Path\nPath({str(probe)!r}).write_text(str('mark' in globals()))"
    kernel.run_code("mark = 1", 60)
    kernel.run_code(seen, 60, reset_after_code=False)
    assert probe.read_text() == "True"
    kernel.run_code(seen, 60)
    assert probe.read_text() == "False", "reset by default"
    execute_notebook(notebook(tmp_path / "nb.ipynb", "mark = 1"), tmp_path / "run.ipynb", {}, 120, kernel)
    kernel.run_code(seen, 60, reset_after_code=False)
    assert probe.read_text() == "False", "a notebook's namespace is never left to the next code"


def test_a_warmed_up_kernel_has_the_report_modules_and_its_first_notebook_starts_clean(kernel, tmp_path):
    """`warm_up` loads what the report notebook imports before any notebook asks; the notebook
    then finds them loaded, an empty namespace, and its cells numbered from 1."""
    kernel.warm_up()
    nb = notebook(tmp_path / "nb.ipynb",
                  "import sys\n"
                  "assert 'pipeline' not in globals() and 'IPython' not in globals()\n"
                  "sorted(m for m in ('pipeline.report.steps', 'pipeline.report.tables') if m in sys.modules)")
    executed = tmp_path / "run.ipynb"
    execute_notebook(nb, executed, {"name": "x"}, 120, kernel)
    assert last_output(executed) == "['pipeline.report.steps', 'pipeline.report.tables']"
    assert [c.execution_count for c in nbformat.read(executed, as_version=4).cells] == [1, 2, 3]
    assert kernel.runs == 1 and kernel.start_seconds > 0


def test_the_warm_up_leaves_the_loaded_modules_out_of_the_collectors_sight():
    """Else the first reset walks every object of pandas, matplotlib and WeasyPrint (0.23 s)."""
    code = f"{WARM_UP_CODE}\nprint(gc.get_freeze_count())"
    frozen = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert int(frozen) > 100_000


def test_a_kernel_is_replaced_by_a_fresh_one_after_its_notebook_limit(tmp_path):
    """A long batch does not run on one kernel process for ever: after `recycle_after`
    notebooks the next one starts a fresh process (its memory starts again from the bottom)."""
    warm = WarmKernel(KERNEL_NAME, recycle_after=2)
    try:
        nb = notebook(tmp_path / "pid.ipynb", "import os\nos.getpid()")
        pids = []
        for n in range(3):
            execute_notebook(nb, tmp_path / f"run-{n}.ipynb", {}, 120, warm)
            pids.append(last_output(tmp_path / f"run-{n}.ipynb"))
        assert pids[0] == pids[1] != pids[2]
        assert warm.runs == 1 and warm.start_seconds > 0
    finally:
        warm.shutdown()


def test_a_shut_down_kernel_leaves_no_process_and_no_files():
    """The batch kills and collects its kernels itself at the end (jupyter_client would wait
    0.1 s more); nothing of them stays behind, not even a zombie process."""
    warm = WarmKernel(KERNEL_NAME)
    warm.prepare()
    process, folder = warm.km.provisioner.process, warm.folder
    assert process.poll() is None and folder.is_dir()
    warm.shutdown()
    assert process.returncode is not None, "the kernel process is collected, not left a zombie"
    assert warm.km is None and not folder.exists()
    warm.shutdown()     # twice is harmless
