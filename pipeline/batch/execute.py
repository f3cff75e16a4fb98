"""Running the report notebook for one coalition with papermill, on a warm kernel.

The executed notebook is kept next to the report as the record of how it was made. When a
cell fails, papermill still writes the notebook up to the failing cell; the error names
that cell so the manifest can say where it broke. A coalition has a time limit: when it
runs out, a watchdog kills the kernel (a hung kernel may ignore an interrupt), the coalition
is recorded as timed out and the kernel's owner starts a fresh one for the next coalition."""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import papermill
from papermill.exceptions import PapermillExecutionError

from pipeline.batch.engines import WARM_ENGINE
from pipeline.batch.kernel import INTERRUPTED, TIMED_OUT, Interrupted, WarmKernel
from pipeline.batch.kernelspec import KERNEL_NAME
from pipeline.report.parameters import ReportParameters


@dataclass(frozen=True)
class NotebookFailure(Exception):
    cell: int | None
    error: str
    status: str = "failed"      # failed | timed_out | crashed
    exception: str | None = None  # the class name of the exception the notebook raised, if it raised one

    def __str__(self) -> str:
        where = f"cell {self.cell}" if self.cell is not None else "notebook"
        return f"{where}: {self.error}"


def missing_parameters(notebook: Path) -> list[str]:
    """The report parameters a (firm's own) notebook does not declare in its parameters cell:
    papermill would inject them after it, and the notebook would not use them."""
    declared = papermill.inspect_notebook(str(notebook))
    return [f.name for f in fields(ReportParameters) if f.name not in declared]


def execute_report_notebook(notebook: Path, parameters: ReportParameters, executed: Path, timeout: float,
                            kernel: WarmKernel) -> None:
    """Execute the report notebook for one coalition into `executed`.

    Paths must be absolute: jobs run in threads of one process, so nothing may change the
    working directory (papermill's `cwd` option would, for every thread at once)."""
    execute_notebook(notebook, executed, asdict(parameters), timeout, kernel)


def execute_notebook(notebook: Path, executed: Path, parameters: dict[str, object], timeout: float,
                     kernel: WarmKernel) -> None:
    """Execute `notebook` with `parameters` on `kernel` into `executed`, within `timeout`
    seconds; raise NotebookFailure with the failing cell, or Interrupted."""
    kernel.prepare()
    watchdog = threading.Timer(timeout, kernel.kill, args=(TIMED_OUT,))
    watchdog.daemon = True
    watchdog.start()
    try:
        papermill.execute_notebook(
            str(notebook), str(executed), parameters=parameters, engine_name=WARM_ENGINE, kernel=kernel,
            kernel_name=KERNEL_NAME, progress_bar=False, log_output=False,
        )
    except PapermillExecutionError as exc:
        raise NotebookFailure(exc.exec_count, f"{exc.ename}: {exc.evalue}", exception=exc.ename) from None
    except Exception as exc:  # a dead kernel: killed by the watchdog or by Ctrl-C, or crashed
        if kernel.killed_for == INTERRUPTED:
            raise Interrupted() from None
        if kernel.killed_for == TIMED_OUT:
            raise NotebookFailure(None, f"not finished within {timeout:g} s: its kernel was stopped",
                                  TIMED_OUT) from None
        if not kernel.alive():
            raise NotebookFailure(None, f"the kernel died ({type(exc).__name__}: {exc})", "crashed") from None
        raise NotebookFailure(None, f"{type(exc).__name__}: {exc}") from None
    finally:
        watchdog.cancel()
