"""One batch at a time per output folder.

Two runs writing the same reports, manifest and staging folder would break each other, so a
run holds an exclusive lock on `OUT/.netwerkscan.lock` for as long as it writes. The lock is
the operating system's (flock): it goes with the process, so a killed run never leaves a
stale lock behind. The file holds the holder's process id, for the message to the second run."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline.core.errors import NetwerkscanError

LOCK_FILE = ".netwerkscan.lock"
POLL_SECONDS = 0.5


class OutputLockedError(NetwerkscanError):
    """Another run is writing to the same output folder."""


class OutputNotWritableError(NetwerkscanError):
    """The output folder cannot be created or written to (read-only, full, a file in the way)."""


@contextmanager
def output_lock(out_dir: Path, wait: bool = False) -> Iterator[None]:
    """Hold the output folder for this run; raise OutputLockedError at once when another run
    holds it, or wait for it with `wait`."""
    path = out_dir / LOCK_FILE
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+", encoding="utf-8")   # noqa: SIM115 - held open for the whole run
    except OSError as exc:
        raise OutputNotWritableError(f"cannot write to the output folder {out_dir}: {exc.strerror}") from None
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not wait:
                    handle.seek(0)
                    holder = handle.read().strip() or "unknown"
                    raise OutputLockedError(
                        f"another netwerkscan run (process {holder}) is writing to {out_dir}; wait for it to "
                        "finish, use another --out, or add --wait to start when it is done") from None
                time.sleep(POLL_SECONDS)
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        handle.close()       # closing releases the lock
