"""The `netwerkscan` kernel is set up on first use, for the interpreter that runs the code."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from jupyter_client.kernelspec import KernelSpecManager

from pipeline.batch import kernelspec
from pipeline.batch.kernelspec import KernelSetupError, ensure_kernel

NAME = "netwerkscan-test"


@pytest.fixture
def jupyter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A Jupyter data folder of its own, searched before any other, and the only place a
    spec is written: the machine's own kernels neither interfere nor change."""
    data = tmp_path / "jupyter"
    monkeypatch.setenv("JUPYTER_PATH", str(data))
    monkeypatch.setattr(kernelspec, "_install_dirs", lambda: [data / "kernels"])
    return data / "kernels"


def spec_argv(name: str = NAME) -> list[str]:
    return KernelSpecManager().get_kernel_spec(name).argv


def write_spec(kernels: Path, argv: list[str], name: str = NAME) -> Path:
    folder = kernels / name
    folder.mkdir(parents=True)
    (folder / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "old", "language": "python"}))
    return folder / "kernel.json"


def test_missing_kernel_is_written_for_this_interpreter(jupyter: Path):
    ensure_kernel(NAME)
    assert spec_argv()[0] == sys.executable
    assert spec_argv()[1:3] == ["-m", "ipykernel_launcher"]
    assert [p.name for p in jupyter.parent.iterdir()] == ["kernels"]     # no staging left behind


def test_kernel_of_another_python_is_replaced(jupyter: Path):
    write_spec(jupyter, ["/nonexistent/python3", "-m", "ipykernel_launcher", "-f", "{connection_file}"])
    ensure_kernel(NAME)
    assert spec_argv()[0] == sys.executable


def test_kernel_of_this_python_is_left_alone(jupyter: Path):
    path = write_spec(jupyter, [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"])
    before = path.read_text()
    ensure_kernel(NAME)
    assert path.read_text() == before


def test_second_call_changes_nothing(jupyter: Path):
    ensure_kernel(NAME)
    path = jupyter / NAME / "kernel.json"
    stamp = path.stat().st_mtime_ns
    ensure_kernel(NAME)
    assert path.stat().st_mtime_ns == stamp


def test_unwritable_place_is_skipped_for_the_next(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file, so no folder can be made under it")
    data = tmp_path / "user"
    monkeypatch.setenv("JUPYTER_PATH", str(data))
    monkeypatch.setattr(kernelspec, "_install_dirs", lambda: [blocked / "kernels", data / "kernels"])
    ensure_kernel(NAME)
    assert spec_argv()[0] == sys.executable


def test_nowhere_to_write_is_an_error_naming_the_kernel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    blocked = tmp_path / "blocked"
    blocked.write_text("")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "empty"))
    monkeypatch.setattr(kernelspec, "_install_dirs", lambda: [blocked / "kernels"])
    with pytest.raises(KernelSetupError, match=NAME):
        ensure_kernel(NAME)


def test_the_written_kernel_starts_and_runs_this_interpreter(jupyter: Path):
    from jupyter_client.manager import start_new_kernel

    ensure_kernel(NAME)
    outputs: list[dict] = []
    km, kc = start_new_kernel(kernel_name=NAME)
    try:
        reply = kc.execute_interactive("import sys; print(sys.executable)", timeout=60,
                                       output_hook=outputs.append)
        assert reply["content"]["status"] == "ok"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    text = "".join(m["content"].get("text", "") for m in outputs if m["msg_type"] == "stream")
    assert text.strip() == sys.executable
