"""The batch through the real command line: incremental re-runs, a hung coalition, a killed
kernel and Ctrl-C. A coalition hangs for real: its responses file is a named pipe that
nobody writes to, so the kernel blocks reading it."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import psutil
import pytest
from pypdf import PdfReader

from pipeline.batch.jobs import STAGING
from pipeline.batch.lock import output_lock
from pipeline.batch.manifest import file_hash
from tests.command import NETWERKSCAN, PROJECT, netwerkscan
from tests.pdf_helpers import pdf_text
from tests.survey_files import tiny_inputs

pytestmark = [pytest.mark.slow, pytest.mark.e2e]   # the `netwerkscan` command, on real kernels

DATE = ("--date", "2026-11-22")


def hang(coalition: Path) -> Path:
    """Replace the responses file by a named pipe: reading it blocks until someone writes."""
    responses = coalition / "2026.csv"
    responses.unlink()
    os.mkfifo(responses)
    return responses


def entries(out: Path) -> dict[str, dict]:
    return {e["slug"]: e for e in json.loads((out / "manifest.json").read_text())["coalitions"]}


def kernels_of(process: psutil.Process) -> list[psutil.Process]:
    return [p for p in process.children(recursive=True) if "ipykernel" in " ".join(p.cmdline())]


def test_rerun_renders_only_what_changed(batch_run, batch_inputs, tmp_path):
    _, reports = batch_run
    inputs, out = shutil.copytree(batch_inputs, tmp_path / "inputs"), shutil.copytree(reports, tmp_path / "out")
    run = ("run", str(inputs), "--out", str(out), *DATE, "--only", "wijkzorg-oosterbroek", "--only",
           "samenwerking-kempenrode")
    before = json.loads((out / "manifest.json").read_text())
    again = netwerkscan(*run)
    assert again.returncode == 0, again.stderr
    assert again.stderr.count("unchanged  ") == 2
    assert "nothing to render: all 2 coalitions unchanged" in again.stderr
    assert json.loads((out / "manifest.json").read_text()) == before

    config = inputs / "wijkzorg-oosterbroek" / "coalition.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("region: Oosterbroek", "region: Oosterbroek-Zuid"),
                      encoding="utf-8")
    changed = netwerkscan(*run)
    assert changed.returncode == 0, changed.stderr
    assert "unchanged  samenwerking-kempenrode" in changed.stderr
    assert "unchanged  wijkzorg-oosterbroek" not in changed.stderr
    assert "1 rendered" in changed.stderr
    after = entries(out)
    old = {e["slug"]: e for e in before["coalitions"]}
    assert after["samenwerking-kempenrode"] == old["samenwerking-kempenrode"]
    assert after["wijkzorg-oosterbroek"]["input_hash"] != old["wijkzorg-oosterbroek"]["input_hash"]
    assert "Oosterbroek-Zuid" in pdf_text(out / "wijkzorg-oosterbroek" / "wijkzorg-oosterbroek.pdf")

    forced = netwerkscan(*run, "--force")
    assert forced.returncode == 0, forced.stderr
    assert "unchanged" not in forced.stderr and "2 rendered" in forced.stderr


def test_a_hung_coalition_times_out_and_the_batch_goes_on(tmp_path):
    """The hung coalition has a time limit of its own, so the healthy ones keep the generous
    default however busy the machine is: the test does not depend on anyone's clock but its own."""
    folders = tiny_inputs(tmp_path / "inputs", 3)
    hang(folders[0])
    config = folders[0] / "coalition.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "timeout: 10\n", encoding="utf-8")
    out = tmp_path / "out"
    result = netwerkscan("run", str(tmp_path / "inputs"), "--out", str(out), "--workers", "2", *DATE)
    assert result.returncode == 1, result.stderr
    found = entries(out)
    hung = found[folders[0].name]
    assert hung["status"] == "timed_out"
    assert "not finished within 10 s" in hung["error"]
    assert json.loads((out / "manifest.json").read_text())["reference_left_out"] == {
        folders[0].name: "not scored within 10 s"}
    assert not (out / folders[0].name / f"{folders[0].name}.pdf").exists()
    for folder in folders[1:]:
        assert found[folder.name]["status"] == "ok", found[folder.name]
    assert not (out / ".staging").exists()


def test_a_killed_kernel_is_recorded_and_the_next_coalition_gets_a_fresh_one(tmp_path):
    folders = tiny_inputs(tmp_path / "inputs", 2)
    pipe = hang(folders[0])
    with (folders[0] / "coalition.yaml").open("a", encoding="utf-8") as yaml_file:    # the most input data:
        yaml_file.write("# " + "x" * 100_000 + "\n")                                  # it starts first
    out = tmp_path / "out"
    cli = subprocess.Popen([*NETWERKSCAN, "run", str(tmp_path / "inputs"), "--out", str(out), "--workers", "1", *DATE],
                           cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 180
        while True:   # opening the pipe for writing succeeds once the kernel is reading it
            try:
                writer = os.open(pipe, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:
                assert time.monotonic() < deadline and cli.poll() is None, "the kernel never read the pipe"
                time.sleep(0.2)
                continue
            if kernels_of(psutil.Process(cli.pid)) and (out / STAGING / folders[0].name).is_dir():
                break
            os.close(writer)   # the batch reference was reading it (on the kernel, before the notebook): EOF
            time.sleep(0.2)
        [kernel] = kernels_of(psutil.Process(cli.pid))
        kernel.kill()
        os.close(writer)
        _, stderr = cli.communicate(timeout=180)
    finally:
        cli.kill()
    assert cli.returncode == 1, stderr
    found = entries(out)
    killed, after = found[folders[0].name], found[folders[1].name]
    assert killed["status"] == "crashed" and "kernel died" in killed["error"], killed
    assert after["status"] == "ok", after
    assert after["kernel"]["pid"] != kernel.pid and after["kernel"]["run"] == 1


@pytest.mark.parametrize(("stop", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_ctrl_c_or_sigterm_stops_the_batch_and_keeps_finished_reports_and_a_valid_manifest(tmp_path, stop, code):
    folders = tiny_inputs(tmp_path / "inputs", 5)
    out = tmp_path / "out"
    cli = subprocess.Popen([*NETWERKSCAN, "run", str(tmp_path / "inputs"), "--out", str(out), "--workers", "1", *DATE],
                           cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 300
        while not (out / "manifest.json").is_file() or not entries(out):   # the first report is done,
            assert time.monotonic() < deadline and cli.poll() is None       # the next one is running
            time.sleep(0.1)
        kernels = kernels_of(psutil.Process(cli.pid))
        cli.send_signal(stop)
        _, stderr = cli.communicate(timeout=120)
    finally:
        cli.kill()
    assert cli.returncode == code, stderr
    assert "interrupted" in stderr
    assert kernels and not any(k.is_running() and k.status() != psutil.STATUS_ZOMBIE for k in kernels)
    found = entries(out)
    assert 1 <= len(found) < len(folders)
    for slug, entry in found.items():
        assert entry["status"] == "ok"
        for name, digest in entry["outputs"].items():
            assert file_hash(out / slug / name) == digest
        assert len(PdfReader(out / slug / f"{slug}.pdf").pages) > 1
    for folder in folders:
        if folder.name not in found:
            assert not (out / folder.name / f"{folder.name}.pdf").exists()
    assert not (out / ".staging").exists()
    assert not list(out.rglob("*.tmp"))


def test_a_second_run_on_the_same_output_folder_exits_2_at_once(tmp_path):
    folders = tiny_inputs(tmp_path / "inputs", 1)
    out = tmp_path / "out"
    with output_lock(out):
        started = time.monotonic()
        second = netwerkscan("run", str(folders[0].parent), "--out", str(out), *DATE)
    assert second.returncode == 2, second.stderr
    assert f"another netwerkscan run (process {os.getpid()}) is writing to {out}" in second.stderr
    assert time.monotonic() - started < 30 and not (out / "manifest.json").exists()


def test_a_date_that_does_not_exist_is_a_usage_error(tmp_path):
    result = netwerkscan("run", str(tmp_path), "--out", str(tmp_path / "out"), "--date", "2026-13-45")
    assert result.returncode == 2
    assert "'2026-13-45' is not a date" in result.stderr
