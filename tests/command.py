"""The `netwerkscan` command as a test runs it: the real command line, as a user types it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
NETWERKSCAN = [sys.executable, "-m", "pipeline.cli"]


def netwerkscan(*args: str, cwd: Path = PROJECT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*NETWERKSCAN, *args], cwd=cwd, capture_output=True, text=True, timeout=600)
