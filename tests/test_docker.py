"""The Dockerfile gives an image that renders a mounted folder as a user without root.

Builds the image once (Docker's cache makes a second build quick) and runs its default
command on a copy of one example. Skipped only where Docker cannot be used: no `docker`
command, or no daemon answering it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
IMAGE = "netwerkscan:test"
SLUG = "zorgnetwerk-lindeveld"


def docker_available() -> str | None:
    """None when Docker can be used, else why not."""
    if shutil.which("docker") is None:
        return "no docker command"
    try:
        subprocess.run(["docker", "info"], check=True, capture_output=True, timeout=30)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
        return "docker cannot reach a daemon"
    return None


@pytest.fixture(scope="module")
def image() -> str:
    reason = docker_available()
    if reason:
        pytest.skip(reason)
    subprocess.run(["docker", "build", "--quiet", "-t", IMAGE, str(ROOT)], check=True, timeout=1800)
    return IMAGE


def test_image_renders_a_mounted_folder_as_a_user_without_root(image: str, tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "inputs" / SLUG, data / SLUG)
    for folder in (data, data / SLUG):
        folder.chmod(0o777)                 # the image's user (uid 1000) writes reports/ here
    user = subprocess.run(["docker", "run", "--rm", image, "id", "-u"], check=True,
                          capture_output=True, text=True).stdout.strip()
    assert user != "0"
    subprocess.run(["docker", "run", "--rm", "-v", f"{data}:/data", image,
                    "netwerkscan", "run", "/data", "--out", "/data/reports", "--only", SLUG],
                   check=True, timeout=600)
    pdf = data / "reports" / SLUG / f"{SLUG}.pdf"
    assert pdf.read_bytes()[:4] == b"%PDF"


def test_image_has_the_dask_worker(image: str):
    result = subprocess.run(["docker", "run", "--rm", image, "dask", "worker", "--help"],
                            check=False, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
