"""The Jupyter kernel the report notebook runs on, set up on first use.

The notebook and the warm engine ask for the kernel `netwerkscan`. After `pip install`,
`pipx install` or `uv tool install` no such kernel exists yet, and one left behind by another
installation may start another Python (without this package, or with an older version of it).
`ensure_kernel` makes sure the kernel of that name starts the interpreter running this code:
if the spec Jupyter finds does not, it writes one for `sys.executable`, into this environment
(`sys.prefix`) or, where that is not writable, into the user's Jupyter data folder. Nothing
needs `ipykernel install` by hand."""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

KERNEL_NAME = "netwerkscan"
DISPLAY_NAME = "Python (netwerkscan)"


class KernelSetupError(RuntimeError):
    """No kernel spec for this interpreter could be written where Jupyter finds it."""


def ensure_kernel(name: str = KERNEL_NAME) -> None:
    """Make the kernel spec `name` start this interpreter; do nothing if it already does."""
    if _runs_this_python(_find(name)):
        return
    tried = []
    for kernels_dir in _install_dirs():
        try:
            _write_spec(kernels_dir, name)
        except OSError as error:
            tried.append(f"{kernels_dir}: {error}")
            continue
        if _runs_this_python(_find(name)):
            return
        tried.append(f"{kernels_dir}: written, but Jupyter finds another '{name}' kernel first")
    raise KernelSetupError(f"cannot set up the Jupyter kernel '{name}' for {sys.executable}: "
                           + "; ".join(tried))


def _install_dirs() -> list[Path]:
    """Where a spec is written, in order: this environment, then the user's data folder."""
    from jupyter_core.paths import jupyter_data_dir

    return [Path(sys.prefix) / "share" / "jupyter" / "kernels", Path(jupyter_data_dir()) / "kernels"]


def _find(name: str) -> dict | None:
    """The spec Jupyter would use for `name` (its kernel.json), or None."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(name)
    except NoSuchKernel:
        return None
    return spec.to_dict()


def _runs_this_python(spec: dict | None) -> bool:
    if not spec or not spec.get("argv"):
        return False
    executable = spec["argv"][0]
    # A venv's python is a symlink to the base interpreter: compare the paths as written,
    # not their targets, or every venv of that Python would look the same.
    return os.path.abspath(executable) == os.path.abspath(sys.executable) and os.access(executable, os.X_OK)


def _write_spec(kernels_dir: Path, name: str) -> None:
    """Write the spec next to its final place and move it there in one step, so a process
    that starts a kernel meanwhile (another worker, a parallel test) never sees half of it."""
    kernels_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=kernels_dir.parent))
    try:
        spec = {
            "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": DISPLAY_NAME,
            "language": "python",
            "metadata": {"debugger": True},
        }
        (staging / "kernel.json").write_text(json.dumps(spec, indent=1) + "\n", encoding="utf-8")
        target = kernels_dir / name
        if target.exists():
            stale = Path(tempfile.mkdtemp(prefix=f".{name}-stale-", dir=kernels_dir.parent))
            try:
                target.rename(stale / name)
            except FileNotFoundError:
                pass                        # another process moved it first
            shutil.rmtree(stale, ignore_errors=True)
        try:
            staging.rename(target)
        except OSError:
            if not (target / "kernel.json").exists():   # not another process writing the same
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
