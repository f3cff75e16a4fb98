"""The firm's overview after a batch (`pipeline.batch.overview`): written on a warm kernel where
the workers are threads of this process, the same as written here, and written here when the
kernel cannot."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.batch import executors
from pipeline.batch.executors import ThreadExecutor
from pipeline.batch.options import BatchOptions
from pipeline.batch.overview import write_overview_here
from pipeline.batch.run import PORTFOLIO

pytestmark = pytest.mark.slow   # a real kernel

DATE = "2026-11-22"


@pytest.fixture(scope="module")
def executor(batch_inputs, tmp_path_factory):
    options = BatchOptions(batch_inputs, tmp_path_factory.mktemp("unused"), workers=1, today=DATE)
    threads = ThreadExecutor(options, "recipe")
    yield threads
    threads.close()


def results(batch_run, folder: Path) -> BatchOptions:
    """The batch's reports without its overview, in `folder`."""
    _, reports = batch_run
    shutil.copytree(reports, folder, ignore=shutil.ignore_patterns(*PORTFOLIO))
    return BatchOptions(folder, folder, workers=1, today=DATE)


def test_the_overview_is_written_on_a_warm_kernel_as_here(executor, batch_run, tmp_path, monkeypatch):
    here = results(batch_run, tmp_path / "here")
    write_overview_here(here)
    on_kernel = results(batch_run, tmp_path / "kernel")
    monkeypatch.setattr(executors, "write_overview_here", lambda options: pytest.fail("written here"))
    executor.write_overview(on_kernel)
    for name in ("portfolio.csv", "portfolio.xlsx"):
        assert (on_kernel.out_dir / name).read_bytes() == (here.out_dir / name).read_bytes()
    assert (on_kernel.out_dir / "portfolio.pdf").stat().st_size > 10_000


def test_an_overview_the_kernel_cannot_write_is_written_here(executor, batch_run, tmp_path, monkeypatch):
    options = results(batch_run, tmp_path / "out")
    monkeypatch.setattr(executors, "overview_code", lambda options: "raise ValueError('planted')")
    executor.write_overview(options)
    assert all((options.out_dir / name).is_file() for name in PORTFOLIO)
