"""Throughput of a batch, measured side by side in one run on the same coalitions (generated
ones, or with --examples the six shipped examples in inputs/, from scratch):

1. plain papermill: the papermill CLI once per coalition, one after the other (a fresh kernel each);
2. papermill in a pool of 2 processes;
3. `netwerkscan run` (threads, one warm kernel per worker): the product;
4. `netwerkscan run --executor dask` on a local Dask cluster;
5. the floor: the same reports made by the same pipeline functions (`make_report`) in warm
   Python processes, no notebook at all.

Every way first brings the batch reference (each coalition's construct means, for the ranks
in the reports) up to date, as `netwerkscan run` does, so all five make the same reports.

With --before REV the report's own steps (analysis, charts, HTML, layout, PDF writing) are also
timed the way revision REV made them (its whole package and templates, through
benchmarks/report_steps.py) and this tree's way, each report in a fresh process warmed up by
one report, taking turns on the same coalitions, so a change is measured before and after in
one run.

Usage: .venv/bin/python benchmarks/batch_throughput.py [--coalitions 100] [--respondents 40] [--workers 2]
       [--examples] [--ways plain,pool,threads,dask,floor] [--before REV]
e.g.   .venv/bin/python benchmarks/batch_throughput.py --examples --ways pool,threads,floor --before 730655f
       .venv/bin/python benchmarks/batch_throughput.py --coalitions 40 --ways pool,threads,floor
Prints reports per minute and seconds per report, the ratios against the targets, where the
time of a report goes (kernel start, imports, analysis, charts, HTML, layout, PDF writing,
shutdown; per page), and the peak memory per worker with its trend over the batch. Results
also go to benchmarks/results/<timestamp>.json."""

from __future__ import annotations

import argparse
import codecs
import csv
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from statistics import mean

import yaml

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from pipeline.batch.jobs import Job  # noqa: E402
from pipeline.batch.kernelspec import KERNEL_NAME
from pipeline.batch.manifest import tree_hash  # noqa: E402
from pipeline.batch.reference import entries_in_processes, update_reference  # noqa: E402
from pipeline.core.paths import REPORT_NOTEBOOK  # noqa: E402
from pipeline.core.reference_store import STORE_FILE  # noqa: E402
from pipeline.report.parameters import ReportParameters  # noqa: E402
from pipeline.tools.example_data import synthetic_specs, write_coalition  # noqa: E402

BIN = Path(sys.executable).parent
# throughput of `netwerkscan run` against each way (>=), and its time against the floor's (<=);
# against the pool of 2: 2x for the six examples from scratch, 3x for a batch of generated ones
TARGETS = {"papermill CLI, sequential": 4.0, "papermill, pool": 3.0, "floor": 1.25}
EXAMPLE_TARGETS = {**TARGETS, "papermill, pool": 2.0}
FLOOR_CUT = 1 / 3         # the floor's own target: a third less time per report than before
PHASES = ("analysis", "charts", "HTML", "layout", "PDF writing")
NOTEBOOK_IMPORTS = "import pipeline.report.steps, pipeline.report.charts, pipeline.report.tables"   # what the notebook imports


def batch_reference(folders: list[Path], out: Path, workers: int) -> Path:
    """The step every way shares before its first report: the firm's reference store brought
    up to date, so that each report compares alike (`netwerkscan run` does the same inside)."""
    jobs = [Job(f.name, f, tree_hash([f]), 300) for f in folders]
    update_reference(out / STORE_FILE, jobs, lambda stale: entries_in_processes(stale, workers))
    return out / STORE_FILE


def papermill_cli(folder: Path, out: Path) -> None:
    target = out / folder.name
    target.mkdir(parents=True, exist_ok=True)
    subprocess.run([str(BIN / "papermill"), str(REPORT_NOTEBOOK), str(target / f"{folder.name}.ipynb"),
                    "-k", KERNEL_NAME, "-p", "coalition_dir", str(folder), "-p", "out_dir", str(target),
                    "-p", "reference_file", str(out / STORE_FILE)],
                   check=True, capture_output=True)


_phase_seconds: dict[str, float] = {}


def time_steps() -> None:
    """Wrap the report's steps by name in their modules (once per process), so that a report
    made by the unchanged pipeline adds each step's time to `_phase_seconds`."""
    import pipeline.report.render as render
    import pipeline.report.steps as report

    if _phase_seconds:
        return
    for module, name, phase in ((report, "read_coalition", "analysis"), (report, "analyse_coalition", "analysis"),
                                (report, "report_charts", "charts"),
                                (report, "report_html", "HTML"), (render, "layout", "layout"),
                                (render, "write_document", "PDF writing")):
        def timed_step(*args, _step=getattr(module, name), _phase=phase, **kwargs):
            start = time.perf_counter()
            try:
                return _step(*args, **kwargs)
            finally:
                _phase_seconds[_phase] += time.perf_counter() - start
        setattr(module, name, timed_step)
        _phase_seconds[phase] = 0.0


def floor_job(folder: Path, out: Path) -> dict:
    """`make_report` with its steps timed: the modules' functions are wrapped by name, so the
    floor stays exactly what `make_report` does."""
    from pypdf import PdfReader

    import pipeline.report.steps as report

    time_steps()
    _phase_seconds.update(dict.fromkeys(PHASES, 0.0))
    start = time.perf_counter()
    report.make_report(ReportParameters(str(folder), str(out / folder.name), reference_file=str(out / STORE_FILE)))
    phases = dict(_phase_seconds, total=time.perf_counter() - start)
    pages = len(PdfReader(out / folder.name / f"{folder.name}.pdf").pages)
    status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
    return {"pid": os.getpid(), "phases": phases, "pages": pages, "rss_mb": int(status["VmRSS"].split()[0]) / 1024,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def revision_files(rev: str, into: Path) -> Path:
    """Revision REV's package and templates, unpacked, to make reports the way REV did."""
    archive = subprocess.run(["git", "-C", str(PROJECT), "archive", rev, "pipeline", "templates"],
                             check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


NEWER_KEYS = ("lead_organisation", "network_office")       # coalition.yaml keys added since 730655f
NEWER_ORGANISATION_KEYS = ("invited",)


def answer_codes(tree: Path) -> set[str]:
    """Every answer code of the instruments in TREE (actor types, roles, forms of governance)."""
    return {option["code"] for path in (tree / "pipeline" / "data" / "instruments").glob("*.yaml")
            for options in yaml.safe_load(path.read_text(encoding="utf-8"))["option_sets"].values()
            for option in options}


def inputs_for_revision(folders: list[Path], into: Path, tree: Path) -> list[Path]:
    """Copies of the coalitions that the revision in TREE can read: without the coalition.yaml
    keys added since (it refuses keys it does not know), and with every answer code it does
    not know yet (an actor type added since, such as `apotheek`) read as `overig`, in
    coalition.yaml and in the answers of the CSV files; otherwise the same answers."""
    unknown = answer_codes(PROJECT) - answer_codes(tree)

    def known(text: str) -> str:
        return "; ".join("overig" if part.strip() in unknown else part.strip() for part in text.split(";")) \
            if any(part.strip() in unknown for part in text.split(";")) else text

    copies = []
    for folder in folders:
        copy = shutil.copytree(folder, into / folder.name, dirs_exist_ok=True)
        config = yaml.safe_load((copy / "coalition.yaml").read_text(encoding="utf-8"))
        for key in NEWER_KEYS:
            config.pop(key, None)
        for organisation in config.get("organisations", []):
            for key in NEWER_ORGANISATION_KEYS:
                organisation.pop(key, None)
            if organisation.get("actortype") in unknown:
                organisation["actortype"] = "overig"
        (copy / "coalition.yaml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                                             encoding="utf-8")
        for answers in copy.glob("*.csv"):      # as Excel wrote them: UTF-8 (with a BOM or not) or cp1252
            raw = answers.read_bytes()
            try:
                encoding = "utf-8-sig" if raw.startswith(codecs.BOM_UTF8) else "utf-8"
                text = raw.decode(encoding)
            except UnicodeDecodeError:
                encoding, text = "cp1252", raw.decode("cp1252")
            dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t")
            rows = list(csv.reader(io.StringIO(text), dialect))
            if any(known(cell) != cell for row in rows for cell in row):
                with answers.open("w", encoding=encoding, newline="") as out:
                    csv.writer(out, dialect).writerows([[known(cell) for cell in row] for row in rows])
        copies.append(copy)
    return copies


def report_steps(tree: Path, out: Path, warm_up: Path, folder: Path) -> dict:
    """FOLDER's report steps made by TREE's pipeline, in a fresh process warmed up by one report."""
    lines = subprocess.run([sys.executable, str(PROJECT / "benchmarks" / "report_steps.py"), str(tree), str(out),
                            str(warm_up), str(folder)], check=True, capture_output=True, text=True).stdout
    return json.loads(lines.strip().splitlines()[-1])


def before_and_after(folders: list[Path], work: Path, rev: str) -> dict:
    """The report's own steps the way revision REV made them (its whole package and templates)
    and this tree's way, each report in a fresh process warmed up by one report, taking turns
    report by report on the same coalitions, so that a busy spell of the machine falls on both.
    Neither compares with other coalitions (no reference store), as REV's store differs."""
    out = work / "steps"
    before = revision_files(rev, work / f"revision-{rev}")
    old_inputs = inputs_for_revision(folders, work / f"inputs-{rev}", before)
    runs: dict[str, list[dict]] = {rev: [], "this tree": []}
    for n, folder in enumerate(folders):
        runs[rev].append(report_steps(before, out / rev, old_inputs[0], old_inputs[n]))
        runs["this tree"].append(report_steps(PROJECT, out / "this-tree", folders[0], folder))
    ways = {label: {clock: {phase: mean(r[clock][phase] for r in reports) for phase in reports[0][clock]}
                    for clock in ("wall", "cpu", "peak_rss_mb")} for label, reports in runs.items()}
    old, new = ways[rev], ways["this tree"]
    print(f"\nthe report's own steps, before ({rev}) and after (this tree), seconds per report (mean of "
          f"{len(folders)}, taking turns):")
    print(f"  {'step':<14} {'before':>7} {'after':>7} {'change':>7}   {'CPU s: before':>14} {'after':>7} {'change':>7}")
    for phase in (*PHASES, "total"):
        changes = [(new[clock][phase] - old[clock][phase]) / old[clock][phase] for clock in ("wall", "cpu")]
        print(f"  {phase:<14} {old['wall'][phase]:7.2f} {new['wall'][phase]:7.2f} {changes[0]:+7.0%}   "
              f"{old['cpu'][phase]:14.2f} {new['cpu'][phase]:7.2f} {changes[1]:+7.0%}")
    cut = {clock: 1 - new[clock]["total"] / old[clock]["total"] for clock in ("wall", "cpu")}
    print(f"  the floor's own work is {cut['wall']:.0%} shorter ({cut['cpu']:.0%} in CPU time; target: at least "
          f"{FLOOR_CUT:.0%}); peak memory {old['peak_rss_mb']['total']:.0f} MB before, "
          f"{new['peak_rss_mb']['total']:.0f} MB after")
    shutil.rmtree(before)
    return {"revision": rev, "before": old, "after": new, "cut": cut}


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
    parser.add_argument("--examples", action="store_true",
                        help="the six shipped examples (inputs/) from scratch instead of generated coalitions")
    parser.add_argument("--before", metavar="REV",
                        help="also time the report's steps as git revision REV made them, against this tree's")
    args = parser.parse_args()
    ways = args.ways.split(",")
    work = Path(tempfile.mkdtemp(prefix="netwerkscan-bench-"))
    if args.examples:
        inputs = PROJECT / "inputs"
        folders = sorted(f for f in inputs.iterdir() if (f / "coalition.yaml").is_file())
        described = "the shipped examples, from scratch"
    else:
        inputs = work / "inputs"
        folders = [write_coalition(s, inputs, seed=n)
                   for n, s in enumerate(synthetic_specs(args.coalitions, respondents=args.respondents))]
        described = f"generated coalitions of {args.respondents} respondents"
    n, w = len(folders), args.workers
    print(f"{n} {described}, {w} workers, {os.cpu_count()} cores, work folder {work}\n")
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
    results = {"coalitions": n, "examples": args.examples, "respondents": args.respondents, "workers": w,
               "cores": os.cpu_count(), "seconds": seconds,
               "ratios": print_ratios(seconds, EXAMPLE_TARGETS if args.examples else TARGETS)}
    if floor:
        results.update(print_breakdown(seconds, floor, n, w))
    if args.before:
        results["before_and_after"] = before_and_after(folders, work, args.before)
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


def print_ratios(seconds: dict[str, float], targets: dict[str, float]) -> dict[str, float]:
    """The product against the targets, for the ways that were measured."""
    product = seconds.get("netwerkscan run")
    ratios = {}
    if product is None:
        return ratios
    print("\nratios (netwerkscan run)                         measured   target")
    for name, target in targets.items():
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
    phases = {phase: mean(job["phases"][phase] for job in floor) for phase in PHASES}
    floor_total = mean(job["phases"]["total"] for job in floor)
    phases["other (scores.json)"] = floor_total - sum(phases.values())
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
