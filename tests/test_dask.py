"""`--executor dask` on a local Dask cluster: the same reports, the same manifest and the
same incrementality as the threads of the default executor."""

from __future__ import annotations

import json

import pytest

from tests.command import netwerkscan
from tests.pdf_helpers import pdf_text

pytestmark = [pytest.mark.slow, pytest.mark.e2e]   # the `netwerkscan` command, on real kernels

RECORD = ("status", "error", "received", "used", "rejected", "data_errors", "input_hash", "recipe_hash")


def test_dask_makes_the_same_reports_and_record_as_threads(batch_run, batch_inputs, tmp_path):
    _, threads = batch_run
    out = tmp_path / "dask"
    run = ("run", str(batch_inputs), "--out", str(out), "--executor", "dask", "--workers", "2",
           "--date", "2026-11-22")
    result = netwerkscan(*run)
    assert result.returncode == 1, result.stderr           # the broken coalition fails here too
    by_dask, by_threads = ({e["slug"]: e for e in json.loads((folder / "manifest.json").read_text())["coalitions"]}
                           for folder in (out, threads))
    assert by_dask.keys() == by_threads.keys()
    for slug, entry in by_dask.items():
        assert {k: entry[k] for k in RECORD} == {k: by_threads[slug][k] for k in RECORD}, slug
        if entry["status"] == "ok":
            assert (out / slug / "scores.json").read_bytes() == (threads / slug / "scores.json").read_bytes()
            assert pdf_text(out / slug / f"{slug}.pdf") == pdf_text(threads / slug / f"{slug}.pdf")
    assert {entry["kernel"]["pid"] for entry in by_dask.values()} - {None}   # ran on warm worker kernels

    again = netwerkscan(*run, "--only", "wijkzorg-oosterbroek", "--only", "samenwerking-kempenrode")
    assert again.returncode == 0, again.stderr
    assert "nothing to render: all 2 coalitions unchanged" in again.stderr


def test_scheduler_needs_the_dask_executor():
    result = netwerkscan("run", "--scheduler", "tcp://127.0.0.1:8786")
    assert result.returncode == 2 and "--scheduler needs --executor dask" in result.stderr
