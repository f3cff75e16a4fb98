"""Throughput of a batch, measured side by side in one run:

1. plain papermill: the papermill CLI once per coalition, one after the other;
2. papermill in a pool of 2 processes;
3. `netwerkscan run` (the product);
4. the floor: the same pipeline functions in warm Python processes, no notebook at all.

Usage: .venv/bin/python benchmarks/batch_throughput.py [--coalitions 100] [--respondents 40]
Prints reports per minute, ratios against the product, and peak memory per worker."""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from pipeline.example_data import synthetic_specs, write_coalition  # noqa: E402
from pipeline.execute import KERNEL_NAME, REPORT_NOTEBOOK  # noqa: E402

BIN = Path(sys.executable).parent


def papermill_cli(folder: Path, out: Path) -> None:
    target = out / folder.name
    target.mkdir(parents=True, exist_ok=True)
    subprocess.run([str(BIN / "papermill"), str(REPORT_NOTEBOOK), str(target / f"{folder.name}.ipynb"),
                    "-k", KERNEL_NAME, "-p", "coalition_dir", str(folder), "-p", "out_dir", str(target)],
                   check=True, capture_output=True)


def floor_job(folder: Path, out: Path) -> int:
    from pipeline.report import make_report

    make_report(folder, out / folder.name)
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def timed(label: str, run, count: int) -> float:
    start = time.perf_counter()
    run()
    seconds = time.perf_counter() - start
    print(f"{label:<34} {seconds:8.1f} s  {count / seconds * 60:7.1f} reports/min  {seconds / count:6.2f} s/report",
          flush=True)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--coalitions", type=int, default=100)
    parser.add_argument("--respondents", type=int, default=40)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="netwerkscan-bench-"))
    inputs = work / "inputs"
    folders = [write_coalition(s, inputs, seed=n) for n, s in enumerate(synthetic_specs(args.coalitions,
                                                                                       respondents=args.respondents))]
    n = len(folders)
    print(f"{n} coalitions of {args.respondents} respondents, {args.workers} workers, {os.cpu_count()} cores, "
          f"work folder {work}\n")
    results = {}
    results["papermill CLI, sequential"] = timed(
        "papermill CLI, sequential", lambda: [papermill_cli(f, work / "plain") for f in folders], n)
    with ProcessPoolExecutor(args.workers) as pool:
        results["papermill, pool of 2"] = timed(
            f"papermill, pool of {args.workers}",
            lambda: list(pool.map(papermill_cli, folders, [work / "pool"] * n)), n)
    results["netwerkscan run"] = timed("netwerkscan run", lambda: subprocess.run(
        [str(BIN / "netwerkscan"), "run", str(inputs), "--out", str(work / "product"), "--workers",
         str(args.workers)], check=False, capture_output=True), n)
    with ProcessPoolExecutor(args.workers) as pool:
        peaks: list[int] = []
        results["floor (no notebook)"] = timed(
            "floor: pipeline, warm processes", lambda: peaks.extend(pool.map(floor_job, folders, [work / "floor"] * n)),
            n)
    product = results["netwerkscan run"]
    print()
    print(f"netwerkscan run vs papermill sequential: {results['papermill CLI, sequential'] / product:5.2f}x")
    print(f"netwerkscan run vs papermill pool:       {results['papermill, pool of 2'] / product:5.2f}x")
    print(f"netwerkscan run vs floor:                {product / results['floor (no notebook)']:5.2f}x the floor")
    print(f"peak memory per floor worker:            {max(peaks)} MB")


if __name__ == "__main__":
    main()
