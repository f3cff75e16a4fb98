"""The options of one batch run. Free of heavy imports, so the command line can check and
build them before loading papermill, pandas or WeasyPrint."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pipeline.core.paths import REPORT_NOTEBOOK
from pipeline.core.reference_store import default_store

DEFAULT_TIMEOUT = 300


@dataclass(frozen=True)
class BatchOptions:
    input_dir: Path
    out_dir: Path
    lang: str = "nl"
    brand_dir: Path | None = None
    only: tuple[str, ...] = ()
    workers: int = os.cpu_count() or 1
    force: bool = False
    timeout: float = DEFAULT_TIMEOUT      # seconds per coalition
    today: str | None = None
    executor: str = "threads"             # threads | dask
    scheduler: str | None = None          # a Dask scheduler's address; None: a local cluster
    norm_file: Path | None = None         # a norm to compare every coalition with
    wait: bool = False                    # wait for another run on the same output folder to finish
    formats: tuple[str, ...] = ("pdf",)   # pdf, html: the editions of each report
    notebook: Path = REPORT_NOTEBOOK      # a firm's own report notebook, with the same parameters
    final: bool = False                   # render only reports the advisor approved in commentary.md
    reference: Path | None = None         # the firm's reference store; None: STORE_FILE beside out_dir

    @property
    def reference_store(self) -> Path:
        return self.reference or default_store(self.out_dir)
