"""The report notebook and `make_report` run the same steps with the same parameters."""

from __future__ import annotations

import ast
import inspect
from dataclasses import fields

import nbformat
import papermill

from pipeline.core.paths import REPORT_NOTEBOOK
from pipeline.report import steps
from pipeline.report.parameters import ReportParameters

# Parameters whose notebook default differs on purpose: in Jupyter the notebook uses the last
# batch's reference when there is one; in a batch, `netwerkscan run` always passes its own.
ANALYST_DEFAULTS = {"reference_file"}


def called_names(source: str) -> list[str]:
    """The names of the functions called in `source`, in the order they are called."""
    calls = [node for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Call)]
    calls.sort(key=lambda node: (node.lineno, node.col_offset))
    return [node.func.id for node in calls if isinstance(node.func, ast.Name)]


def notebook_code() -> str:
    notebook = nbformat.read(REPORT_NOTEBOOK, as_version=4)
    return "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")


def step_order(source: str) -> list[str]:
    wanted = {step.__name__ for step in steps.REPORT_STEPS}
    return [name for name in called_names(source) if name in wanted]


def test_the_notebook_calls_every_report_step_in_order():
    assert step_order(notebook_code()) == [step.__name__ for step in steps.REPORT_STEPS]


def test_make_report_calls_every_report_step_in_order():
    assert step_order(inspect.getsource(steps.make_report)) == [step.__name__ for step in steps.REPORT_STEPS]


def test_the_notebook_parameters_are_the_typed_parameters():
    declared = papermill.inspect_notebook(str(REPORT_NOTEBOOK))
    assert list(declared) == [f.name for f in fields(ReportParameters)]
    for field in fields(ReportParameters)[2:]:     # the first two have no default: papermill always sets them
        if field.name in ANALYST_DEFAULTS:
            continue
        assert ast.literal_eval(declared[field.name]["default"]) == field.default, field.name


def test_the_notebook_defaults_serve_an_analyst_and_never_touch_a_batch_output():
    declared = papermill.inspect_notebook(str(REPORT_NOTEBOOK))
    assert ast.literal_eval(declared["out_dir"]["default"]).startswith("../scratch/")
    # the store `netwerkscan run --out reports` keeps beside reports/; the notebook only reads it
    assert ast.literal_eval(declared["reference_file"]["default"]) == "../netwerkscan-reference.json"


def test_the_notebook_builds_the_parameters_from_every_parameter():
    call = next(node for node in ast.walk(ast.parse(notebook_code()))
                if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "ReportParameters")
    assert [arg.id for arg in call.args] == [f.name for f in fields(ReportParameters)]
