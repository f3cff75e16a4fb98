"""Running the report notebook for one coalition with papermill.

The executed notebook is kept next to the report as the record of how it was made. When a
cell fails, papermill still writes the notebook up to the failing cell; the error names
that cell so the manifest can say where it broke."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import papermill
from papermill.exceptions import PapermillExecutionError

from pipeline.brand import TEMPLATES_DIR

PROJECT_DIR = TEMPLATES_DIR.parent
REPORT_NOTEBOOK = PROJECT_DIR / "notebooks" / "coalition_report.ipynb"
KERNEL_NAME = "netwerkscan"


@dataclass(frozen=True)
class NotebookFailure(Exception):
    cell: int | None
    error: str

    def __str__(self) -> str:
        where = f"cell {self.cell}" if self.cell is not None else "notebook"
        return f"{where}: {self.error}"


def execute_report_notebook(coalition_dir: Path, out_dir: Path, executed: Path, lang: str,
                            brand_dir: Path | None, today: str | None, timeout: int) -> None:
    """Execute the notebook into `executed`; raise NotebookFailure with the failing cell.

    Paths must be absolute: jobs run in threads of one process, so nothing may change the
    working directory (papermill's `cwd` option would, for every thread at once)."""
    parameters = {"coalition_dir": str(coalition_dir), "out_dir": str(out_dir), "lang": lang,
                  "brand_dir": str(brand_dir) if brand_dir else None, "today": today}
    try:
        papermill.execute_notebook(
            str(REPORT_NOTEBOOK), str(executed), parameters=parameters, kernel_name=KERNEL_NAME,
            progress_bar=False, log_output=False, execution_timeout=timeout,
        )
    except PapermillExecutionError as exc:
        raise NotebookFailure(exc.exec_count, f"{exc.ename}: {exc.evalue}") from None
    except Exception as exc:  # a dead kernel or a timeout: the batch records it and goes on
        raise NotebookFailure(None, f"{type(exc).__name__}: {exc}") from None
