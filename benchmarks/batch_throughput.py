"""Throughput of a batch, measured side by side in one run on the same generated coalitions:

1. plain papermill: the papermill CLI once per coalition, one after the other (a fresh kernel each);
2. papermill in a pool of 2 processes;
3. `netwerkscan run` (threads, one warm kernel per worker): the product;
4. `netwerkscan run --executor dask` on a local Dask cluster;
5. the floor: the same reports made by the same pipeline functions (`make_report`) in warm
   Python processes, no notebook at all.

Every way first brings the batch reference (each coalition's construct means, for the ranks
in the reports) up to date, as `netwerkscan run` does, so all five make the same reports.

Usage: .venv/bin/python benchmarks/batch_throughput.py [--coalitions 100] [--respondents 40] [--workers 2]
Prints reports per minute and seconds per report, the ratios against the targets, where the
time of a report goes (kernel start, imports, analysis, charts, PDF, shutdown; per page), and
the peak memory per worker with its trend over the batch. Results also go to
benchmarks/results/<timestamp>.json."""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from statistics import mean

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from pipeline.analysis.reference import REFERENCE_FILE  # noqa: E402
from pipeline.batch.execute import KERNEL_NAME
from pipeline.batch.jobs import Job  # noqa: E402
from pipeline.batch.manifest import tree_hash  # noqa: E402
from pipeline.batch.reference import means_in_processes, update_reference  # noqa: E402
from pipeline.core.paths import REPORT_NOTEBOOK
from pipeline.report.parameters import ReportParameters  # noqa: E402
from pipeline.tools.example_data import synthetic_specs, write_coalition  # noqa: E402

BIN = Path(sys.executable).parent
TARGETS = {"papermill CLI, sequential": 4.0, "papermill, pool": 2.0, "floor": 1.25}
NOTEBOOK_IMPORTS = "import pipeline.report.steps, pipeline.report.charts, pipeline.report.tables"   # what the notebook imports


def batch_reference(folders: list[Path], out: Path, workers: int) -> Path:
    """The step every way shares before its first report: the batch's construct means, so
    that each report can rank its coalition (`netwerkscan run` does the same inside)."""
    jobs = [Job(f.name, f, tree_hash([f]), 300) for f in folders]
    update_reference(out / REFERENCE_FILE, jobs, lambda stale: means_in_processes(stale, workers))
    return out / REFERENCE_FILE


def papermill_cli(folder: Path, out: Path) -> None:
    target = out / folder.name
    target.mkdir(parents=True, exist_ok=True)
    subprocess.run([str(BIN / "papermill"), str(REPORT_NOTEBOOK), str(target / f"{folder.name}.ipynb"),
                    "-k", KERNEL_NAME, "-p", "coalition_dir", str(folder), "-p", "out_dir", str(target),
                    "-p", "reference_file", str(out / REFERENCE_FILE)],
                   check=True, capture_output=True)


def floor_job(folder: Path, out: Path) -> dict:
    """`make_report` with its steps timed: the module's functions are wrapped by name, so the
    floor stays exactly what `make_report` does."""
    from pypdf import PdfReader

    import pipeline.report.steps as report

    if not hasattr(report, "_phase_seconds"):
        report._phase_seconds = {}
        for name, phase in (("analyse_folder", "analysis"), ("report_charts", "charts"), ("write_pdf", "PDF")):
            def timed_step(*args, _step=getattr(report, name), _phase=phase, **kwargs):
                start = time.perf_counter()
                try:
                    return _step(*args, **kwargs)
                finally:
                    report._phase_seconds[_phase] += time.perf_counter() - start
            setattr(report, name, timed_step)
    report._phase_seconds.update(analysis=0.0, charts=0.0, PDF=0.0)
    start = time.perf_counter()
    report.make_report(ReportParameters(str(folder), str(out / folder.name), reference_file=str(out / REFERENCE_FILE)))
    phases = dict(report._phase_seconds, total=time.perf_counter() - start)
    pages = len(PdfReader(out / folder.name / f"{folder.name}.pdf").pages)
    status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
    return {"pid": os.getpid(), "phases": phases, "pages": pages, "rss_mb": int(status["VmRSS"].split()[0]) / 1024,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def kernel_costs(samples: int = 3) -> dict[str, float]:
    """What a fresh kernel costs per report: papermill's start, the kernel's start, the
    notebook's imports in it, and its shutdown (papermill shuts down gracefully)."""
    from jupyter_client.manager import start_new_kernel

    costs = defaultdict(list)
    for _ in range(samples):
        start = time.perf_counter()
        subprocess.run([str(BIN / "papermill"), "--version"], check=True, capture_output=True)
        costs["papermill start"].append(time.perf_counter() - start)
        start = time.perf_counter()
        km, kc = start_new_kernel(kernel_name=KERNEL_NAME)
        costs["kernel start"].append(time.perf_counter() - start)
        start = time.perf_counter()
        reply = kc.execute_interactive(NOTEBOOK_IMPORTS, timeout=300, output_hook=lambda msg: None)
        assert reply["content"]["status"] == "ok", reply["content"]
        costs["imports"].append(time.perf_counter() - start)
        start = time.perf_counter()
        kc.stop_channels()
        km.shutdown_kernel()
        costs["shutdown"].append(time.perf_counter() - start)
    return {name: mean(values) for name, values in costs.items()}


def timed(label: str, run, count: int) -> float:
    start = time.perf_counter()
    run()
    seconds = time.perf_counter() - start
    print(f"{label:<38} {seconds:8.1f} s  {count / seconds * 60:7.1f} reports/min  {seconds / count:6.2f} s/report",
          flush=True)
    return seconds


def netwerkscan_run(inputs: Path, out: Path, workers: int, *extra: str) -> None:
    result = subprocess.run([str(BIN / "netwerkscan"), "run", str(inputs), "--out", str(out), "--workers", str(workers),
                             *extra], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"netwerkscan run {' '.join(extra)} failed:\n{result.stderr[-3000:]}")


def memory_trend(samples: dict[str, list[tuple[int, float]]]) -> dict[str, dict]:
    """Per worker: the peak, and the resident memory after the first, middle and last reports."""
    trend = {}
    for worker, points in samples.items():
        points.sort()
        values = [mb for _, mb in points]
        third = max(1, len(values) // 3)
        trend[worker] = {"reports": len(values), "peak_mb": round(max(values), 1),
                         "first_third_mb": round(mean(values[:third]), 1),
                         "last_third_mb": round(mean(values[-third:]), 1)}
    return trend


def kernel_memory(out: Path) -> tuple[dict[str, list[tuple[int, float]]], dict[str, list[tuple[int, float]]]]:
    """Resident and peak memory of every kernel after each of its reports, from the manifest."""
    rss, peak = defaultdict(list), defaultdict(list)
    for entry in json.loads((out / "manifest.json").read_text())["coalitions"]:
        kernel = entry["kernel"]
        if not kernel:
            continue            # a job that never reached a kernel
        worker = f"kernel {kernel['host']}:{kernel['pid']}"
        rss[worker].append((kernel["run"], kernel["rss_mb"]))
        peak[worker].append((kernel["run"], kernel["peak_rss_mb"]))
    return rss, peak


def print_memory(label: str, rss: dict, peak: dict) -> dict:
    print(f"\n{label}: peak RSS per worker, and mean RSS over the first and last third of its reports")
    trend, peaks = memory_trend(rss), memory_trend(peak)
    for worker in sorted(trend):
        t = trend[worker]
        print(f"  {worker:<28} {t['reports']:4d} reports  peak {peaks[worker]['peak_mb']:6.1f} MB   "
              f"RSS {t['first_third_mb']:6.1f} -> {t['last_third_mb']:6.1f} MB")
        t["peak_mb"] = peaks[worker]["peak_mb"]
    return trend


WAYS = ("plain", "pool", "threads", "dask", "floor")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--coalitions", type=int, default=100)
    parser.add_argument("--respondents", type=int, default=40)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--ways", default=",".join(WAYS),
                        help=f"which of {', '.join(WAYS)} to run (default: all), e.g. 'threads' for a long memory run")
    args = parser.parse_args()
    ways = args.ways.split(",")
    work = Path(tempfile.mkdtemp(prefix="netwerkscan-bench-"))
    inputs = work / "inputs"
    folders = [write_coalition(s, inputs, seed=n) for n, s in enumerate(synthetic_specs(args.coalitions,
                                                                                       respondents=args.respondents))]
    n, w = len(folders), args.workers
    print(f"{n} coalitions of {args.respondents} respondents, {w} workers, {os.cpu_count()} cores, work folder {work}\n")
    seconds: dict[str, float] = {}
    floor: list[dict] = []
    if "plain" in ways:
        seconds["papermill CLI, sequential"] = timed(
            "papermill CLI, sequential", lambda: [batch_reference(folders, work / "plain", 1),
                                                  *(papermill_cli(f, work / "plain") for f in folders)], n)
    if "pool" in ways:
        with ProcessPoolExecutor(w) as pool:
            seconds["papermill, pool"] = timed(
                f"papermill, pool of {w}", lambda: [batch_reference(folders, work / "pool", w),
                                                    *pool.map(papermill_cli, folders, [work / "pool"] * n)], n)
    if "threads" in ways:
        seconds["netwerkscan run"] = timed(
            f"netwerkscan run --workers {w}", lambda: netwerkscan_run(inputs, work / "product", w), n)
    if "dask" in ways:
        seconds["netwerkscan run, dask"] = timed(
            "netwerkscan run --executor dask", lambda: netwerkscan_run(inputs, work / "dask", w, "--executor", "dask"),
            n)
    if "floor" in ways:
        with ProcessPoolExecutor(w) as pool:
            seconds["floor"] = timed("floor: make_report, warm processes",
                                     lambda: [batch_reference(folders, work / "floor", w),
                                              floor.extend(pool.map(floor_job, folders, [work / "floor"] * n))], n)
    results = {"coalitions": n, "respondents": args.respondents, "workers": w, "cores": os.cpu_count(),
               "seconds": seconds, "ratios": print_ratios(seconds)}
    if floor:
        results.update(print_breakdown(seconds, floor, n, w))
    results["memory"] = memory = {}
    if "threads" in ways:
        memory["netwerkscan run"] = print_memory("netwerkscan run", *kernel_memory(work / "product"))
    if "dask" in ways:
        memory["dask"] = print_memory("netwerkscan run --executor dask", *kernel_memory(work / "dask"))
    if floor:
        floor_rss, floor_peak = defaultdict(list), defaultdict(list)
        for order, job in enumerate(floor):
            floor_rss[f"floor process {job['pid']}"].append((order, job["rss_mb"]))
            floor_peak[f"floor process {job['pid']}"].append((order, job["peak_rss_mb"]))
        memory["floor"] = print_memory("floor", floor_rss, floor_peak)
    folder = PROJECT / "benchmarks" / "results"
    folder.mkdir(exist_ok=True)
    target = folder / time.strftime("%Y%m%d-%H%M%S.json")
    target.write_text(json.dumps(results, indent=2))
    print(f"\nresults in {target}")


def print_ratios(seconds: dict[str, float]) -> dict[str, float]:
    """The product against the targets, for the ways that were measured."""
    product = seconds.get("netwerkscan run")
    ratios = {}
    if product is None:
        return ratios
    print("\nratios (netwerkscan run)                         measured   target")
    for name, target in TARGETS.items():
        if name not in seconds:
            continue
        if name == "floor":
            ratios[name] = product / seconds["floor"]
            print(f"  time against the floor                         {ratios[name]:6.2f}x   <= {target}x")
        else:
            ratios[name] = seconds[name] / product
            print(f"  throughput against {name:<27} {ratios[name]:6.2f}x   >= {target}x")
    if "netwerkscan run, dask" in seconds and "floor" in seconds:
        ratios["dask against floor"] = seconds["netwerkscan run, dask"] / seconds["floor"]
        print(f"  dask executor: time against the floor          {ratios['dask against floor']:6.2f}x")
    return ratios


def print_breakdown(seconds: dict[str, float], floor: list[dict], n: int, w: int) -> dict:
    """Where a report's time goes: a fresh kernel's costs, and the report's own work."""
    cold = kernel_costs()
    phases = {phase: mean(job["phases"][phase] for job in floor) for phase in ("analysis", "charts", "PDF")}
    floor_total = mean(job["phases"]["total"] for job in floor)
    phases["other (scores, HTML)"] = floor_total - sum(phases.values())
    pages = mean(job["pages"] for job in floor)
    print(f"\nwhere a report's time goes ({pages:.1f} pages on average; {w} reports at a time share {w} cores)")
    print("  a fresh kernel per report (what papermill pays, measured one at a time):")
    for name, value in cold.items():
        print(f"    {name:<24} {value:5.2f} s")
    print("  the report's own work (floor: make_report in a warm process):")
    for name, value in phases.items():
        print(f"    {name:<24} {value:5.2f} s   {value / pages:5.3f} s/page")
    print(f"    {'total':<24} {floor_total:5.2f} s   {floor_total / pages:5.3f} s/page")
    for name, total in seconds.items():
        per_report = total / n
        print(f"  {name:<32} {per_report:5.2f} s/report of the batch   {per_report / pages:5.3f} s/page")
    return {"cold_kernel": cold, "floor_phases": phases, "pages": pages}


if __name__ == "__main__":
    main()
