"""A Jupyter kernel kept warm from one notebook to the next.

A fresh kernel per notebook costs more than the report itself: starting it, importing
pandas, seaborn and WeasyPrint in it and shutting it down again take most of a report's
time. A `WarmKernel` stays alive for many notebooks and wipes its namespace between them;
imported modules stay in `sys.modules`, so every notebook after the first pays only for its
own work (`pipeline.batch.engines` runs papermill on it). A batch warms its kernels up as soon
as it knows it has work (`warm_up`): they start and load the report's modules while the
command loads papermill, before they score the batch reference and run the first notebook.

A kernel belongs to the thread that started it: its client's sockets live on that thread's
event loop. Only `kill` may be called from another thread (a watchdog, Ctrl-C); the owner
notices the dead kernel and starts a fresh one for its next notebook.

This module needs only jupyter_client, so the batch can start kernels before it loads papermill."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from contextlib import suppress
from pathlib import Path
from queue import Empty

import psutil
from jupyter_client import AsyncKernelClient, AsyncKernelManager
from jupyter_core.utils import run_sync

START_TIMEOUT = 60      # seconds for a kernel to start and answer
# Notebooks a kernel process runs before a fresh one takes over. A warm kernel gathers memory
# slowly (0.25–0.4 MB a report, measured over 300 reports: 340 MB after 50, 371 MB after 150),
# and a fresh start costs 3 s: after 100 notebooks that is 0.03 s a report, and a kernel's
# memory stays below 375 MB however long the batch.
RECYCLE_AFTER = 100
RESET_TIMEOUT = 30      # seconds for the reset between two notebooks

# Leaves the kernel as a fresh one would be, except for the modules it imported: an empty
# namespace, no open figures, matplotlib's settings as they were after its import, the
# package's caches empty (an instrument, catalogue or settings file read for one notebook is
# read again for the next), and the execution counter at 1, so the executed notebook numbers
# its cells as a fresh kernel does. A module whose caches hold only what the installed
# software says, or that check their files on every use, keeps them
# (`CACHES_OUTLIVE_NOTEBOOKS`: the charts' text measurements, the installed fonts, the lean
# default stylesheet, the compiled templates, the result model's type hints), as matplotlib
# and WeasyPrint keep their own font lookups: rebuilding them cost each notebook 0.2 s.
# What survives the reset (modules, their caches) lives as long as the kernel, so it is moved
# out of the garbage collector's sight (`gc.freeze`): a full collection over the quarter
# million objects of pandas, matplotlib and WeasyPrint costs 0.1 s, every time.
RESET_CODE = """\
def _netwerkscan_reset():
    import gc, sys, warnings
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
    shell = get_ipython()
    shell.reset(new_session=False)
    if "matplotlib" in sys.modules:
        mpl = sys.modules["matplotlib"]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            mpl.rcParams.update({k: v for k, v in mpl.rcParamsOrig.items() if k != "backend"})
    for name, module in list(sys.modules.items()):
        kept = getattr(module, "CACHES_OUTLIVE_NOTEBOOKS", False)
        if (name == "pipeline" or name.startswith("pipeline.")) and not kept:
            for value in list(vars(module).values()):
                if getattr(value, "__module__", None) == name and callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()
    shell.execution_count = 1
    gc.collect()
    gc.freeze()
_netwerkscan_reset()
"""
# What the report notebook imports (`notebooks/coalition_report.ipynb`), loaded by `warm_up`.
WARM_IMPORTS = ("import IPython.display, pipeline.report.commentary, pipeline.report.sections, "
                "pipeline.report.steps, pipeline.report.tables, pipeline.report.texts")
# The modules just loaded live as long as the kernel: out of the collector's sight at once, so
# that the first reset does not walk them all (0.23 s, measured; the memory is the same).
WARM_UP_CODE = f"{WARM_IMPORTS}\nimport gc\ngc.freeze()"
# IPython's input history in memory, as nbclient starts kernels: no shared SQLite file on disk.
KERNEL_ARGUMENTS = ["--HistoryManager.hist_file=:memory:"]


TIMED_OUT, INTERRUPTED = "timed_out", "interrupted"     # why a kernel was killed (`WarmKernel.killed_for`)


class Interrupted(Exception):
    """The batch is stopping (Ctrl-C) and killed this coalition's kernel: it does not count."""


class KernelResetError(RuntimeError):
    """The kernel did not come back clean from a reset; it is replaced by a fresh one."""


def _kill_group(km: AsyncKernelManager | None) -> subprocess.Popen | None:
    """SIGKILL the kernel's process group, if its process is still running; returns that process."""
    process = getattr(km.provisioner if km is not None else None, "process", None)
    if process is None or process.poll() is not None:
        return None     # no kernel, or it is gone already (its pid may belong to another process now)
    try:
        os.killpg(process.pid, signal.SIGKILL)      # the kernel leads its own process group
    except (ProcessLookupError, PermissionError):
        pass
    return process


class WarmKernel:
    """One kernel process, reused for many notebooks by the thread that owns it.

    It talks over Unix sockets in a private temporary folder (no open TCP ports, and no
    warning about unencrypted TCP on the terminal); the connection file lives there too, so
    discarding the folder removes every trace of the kernel."""

    def __init__(self, kernel_name: str, recycle_after: int = RECYCLE_AFTER):
        self.kernel_name = kernel_name
        self.recycle_after = recycle_after  # notebooks before the kernel process is replaced
        self.km: AsyncKernelManager | None = None
        self.kc: AsyncKernelClient | None = None
        self.folder: Path | None = None
        self.runs = 0                       # notebooks run by the current kernel process
        self.killed_for: str | None = None  # why `kill` was called during the current notebook
        self.start_seconds = 0.0            # time the last `prepare` spent starting a kernel
        self.dirty = False                  # it ran code outside a notebook (`run_code`): reset it first
        self.started_for_code = 0.0         # time `run_code` spent starting the kernel the next notebook uses

    @property
    def pid(self) -> int | None:
        km = self.km        # read once: the owner may drop it meanwhile
        return getattr(km.provisioner if km is not None else None, "pid", None)

    def alive(self) -> bool:
        return self.km is not None and run_sync(self.km.is_alive)()

    def prepare(self) -> None:
        """Make the kernel ready for the next notebook: start it if there is none or it died,
        else reset it; a kernel that fails its reset is replaced."""
        self.start_seconds = self._ready() + self.started_for_code
        self.started_for_code = 0.0
        self.runs += 1

    def _ready(self, reset_after_code: bool = True) -> float:
        """Reset or start the kernel; the seconds spent starting one."""
        self.killed_for = None
        if self.runs >= self.recycle_after:
            self.shutdown()                 # a fresh process, without the memory this one gathered
        if self.alive() and (self.runs or (self.dirty and reset_after_code)):
            try:
                run_sync(self._run_quietly)(RESET_CODE, RESET_TIMEOUT)
                self.dirty = False
            except (Empty, KernelResetError, RuntimeError):
                self.shutdown()
        if not self.alive():
            self.shutdown()
            self.started_for_code = 0.0
            start = time.perf_counter()
            run_sync(self._start)()
            return time.perf_counter() - start
        return 0.0

    def warm_up(self) -> None:
        """Start the kernel and load the report's modules in it (3 s), before the first notebook
        or scoring asks for it; a notebook resets it first, as after any code."""
        self.run_code(WARM_UP_CODE, START_TIMEOUT)

    def run_code(self, code: str, timeout: float, reset_after_code: bool = True) -> None:
        """Run `code` on this kernel (started or reset first), outside any notebook, within
        `timeout` seconds: the batch reference is scored this way, so that its work is done
        by the kernels the reports need anyway, with their imports. Without `reset_after_code`
        the kernel is reset only after a notebook, not after other code: the reference's
        scorings follow one another as they are (a reset each cost 0.05 s), and the next
        notebook still starts clean. Raises `KernelResetError` when the code fails; a kernel
        past its time is stopped (`Empty`)."""
        self.started_for_code += self._ready(reset_after_code)
        self.dirty = True
        try:
            run_sync(self._run_quietly)(code, timeout)
        except Empty:
            self.kill(TIMED_OUT)
            self.shutdown()
            raise

    async def _start(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="netwerkscan-kernel-"))
        km = AsyncKernelManager(kernel_name=self.kernel_name, transport="ipc", ip=str(self.folder / "ipc"),
                                connection_file=str(self.folder / "kernel.json"))
        await km.start_kernel(extra_arguments=KERNEL_ARGUMENTS)
        kc = km.client()
        kc.start_channels()
        try:
            await kc.wait_for_ready(timeout=START_TIMEOUT)
        except BaseException:
            kc.stop_channels()
            await km.shutdown_kernel(now=True)
            raise
        kc.allow_stdin = False
        self.km, self.kc, self.runs, self.dirty = km, kc, 0, False

    async def _run_quietly(self, code: str, timeout: float) -> None:
        assert self.kc is not None, "the kernel is started before it is reset"
        msg_id = self.kc.execute(code, silent=True, store_history=False, allow_stdin=False)
        deadline = time.monotonic() + timeout
        while True:
            reply = await self.kc.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        if reply["content"]["status"] != "ok":
            raise KernelResetError(f"{reply['content'].get('ename')}: {reply['content'].get('evalue')}")

    def kill(self, reason: str) -> None:
        """Stop the kernel process at once; safe from any thread. The notebook it was running
        fails with a dead kernel, and `killed_for` tells its owner why."""
        self.killed_for = reason
        _kill_group(self.km)

    def shutdown(self) -> None:
        """Stop the kernel (if any) and remove its files; called by the owning thread. The
        kernel is killed and its process collected here first: jupyter_client's own kill finds
        it still running and looks again only 0.1 s later, at the end of every batch."""
        if self.km is not None:
            km, kc, self.km, self.kc = self.km, self.kc, None, None
            if kc is not None:
                kc.stop_channels()
            process = _kill_group(km)
            if process is not None:
                with suppress(subprocess.TimeoutExpired):   # a process stuck in the OS is left to
                    process.wait(timeout=5)                 # jupyter_client, which gives up in time
            try:
                run_sync(km.shutdown_kernel)(now=True)
            except RuntimeError:
                pass  # it was already gone
        self.discard_files()

    def discard_files(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    def memory_mb(self) -> tuple[float, float]:
        """Resident and peak resident memory of the kernel process, in MB (0 if there is none)."""
        pid = self.pid
        if pid is None:
            return 0.0, 0.0
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            try:
                rss = psutil.Process(pid).memory_info().rss / 2**20
            except psutil.Error:
                return 0.0, 0.0
            return rss, rss
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        kb = {key: int(fields[key].split()[0]) for key in ("VmRSS", "VmHWM") if key in fields}
        return kb.get("VmRSS", 0) / 1024, kb.get("VmHWM", 0) / 1024
