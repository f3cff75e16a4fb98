"""The `netwerkscan` command. Exit codes: 0 all well; 1 a coalition failed or has invalid
data (the others are still made); 2 the command was used wrongly."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import click

from pipeline import __version__
from pipeline.batch.options import DEFAULT_TIMEOUT, BatchOptions

EXISTING_DIR = click.Path(exists=True, file_okay=False, path_type=Path)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="netwerkscan")
def main() -> None:
    """Netwerkscan: survey answers of regional care networks in, advisory PDF reports out.

    \b
    Start with the example inputs:
      netwerkscan run inputs --out reports
    """


@main.command()
@click.argument("input_dir", default="inputs", type=EXISTING_DIR)
@click.option("--out", "out_dir", default="reports", type=click.Path(file_okay=False, path_type=Path),
              show_default=True, help="Folder for the reports and manifest.json.")
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True, help="Report language.")
@click.option("--brand", "brand_dir", type=EXISTING_DIR, help="Brand folder with brand.yaml (default: neutral).")
@click.option("--only", multiple=True, metavar="SLUG", help="Only this coalition; repeat for more.")
@click.option("--workers", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default=True,
              help="Coalitions rendered at the same time, each on its own warm kernel.")
@click.option("--force", is_flag=True, help="Render every coalition, also those that did not change.")
@click.option("--timeout", type=click.FloatRange(min=1), default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds one coalition may take; then its kernel is stopped and it is recorded as timed_out.")
@click.option("--date", "today", metavar="YYYY-MM-DD", help="Report date (default: today).")
@click.option("--executor", type=click.Choice(["threads", "dask"]), default="threads", show_default=True,
              help="threads: workers in this process; dask: a Dask distributed cluster.")
@click.option("--scheduler", metavar="ADDRESS",
              help="With --executor dask: the scheduler, e.g. tcp://10.0.0.5:8786 (default: a local cluster "
                   "of --workers processes).")
@click.option("--norm", "norm_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Norm file to compare every coalition with (default: INPUT_DIR/norm.yaml if present).")
def run(input_dir: Path, out_dir: Path, lang: str, brand_dir: Path | None, only: tuple[str, ...], workers: int,
        force: bool, timeout: float, today: str | None, executor: str, scheduler: str | None,
        norm_file: Path | None) -> None:
    """Render one PDF report per coalition in INPUT_DIR (default: inputs).

    \b
    Writes OUT/<slug>/<slug>.pdf, the executed notebook, scores.json, OUT/manifest.json and
    OUT/portfolio.pdf (all coalitions side by side, for the firm). A norm file (name and a
    mean per construct) is taken from --norm, or from INPUT_DIR/norm.yaml when it exists.
    Coalitions whose inputs and templates did not change since the last run are skipped.
    Ctrl-C stops the running coalitions and keeps every finished report (exit code 130).

    \b
    Example:
      netwerkscan run inputs --out reports --lang en --only zorgnetwerk-lindeveld
      netwerkscan run inputs --out reports --executor dask --scheduler tcp://scheduler:8786
    """

    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from pipeline.analysis.comparisons import NORM_FILE, load_norm
    from pipeline.batch.run import run_batch
    from pipeline.core.errors import ConfigError, NetwerkscanError

    console = Console(stderr=True)
    if scheduler and executor != "dask":
        raise click.UsageError("--scheduler needs --executor dask")
    # Ctrl-C must stop the batch cleanly even when started from a process that ignores it
    # (a shell's background job, a test runner's worker): ignoring is inherited across exec.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    norm_file = norm_file or (input_dir / NORM_FILE if (input_dir / NORM_FILE).is_file() else None)
    if norm_file:
        try:
            load_norm(norm_file)
        except ConfigError as exc:
            raise click.UsageError(str(exc)) from None
    options = BatchOptions(input_dir.resolve(), out_dir.resolve(), lang, brand_dir.resolve() if brand_dir else None,
                           only, workers, force, timeout, today, executor, scheduler,
                           norm_file.resolve() if norm_file else None)
    counts = {"ok": 0, "problems": 0, "unchanged": 0}
    columns = [TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[status]}"), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn()]
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task("coalitions", total=None, status="")
        running: set[str] = set()

        def on_event(event: str, job, entry) -> None:
            if event == "start":
                running.add(job.slug)
            else:
                running.discard(job.slug)
                bad = entry.status != "ok" or entry.data_errors
                counts["problems" if bad else "ok"] += 1
                if event == "unchanged":
                    counts["unchanged"] += 1
                    progress.console.print(f"[dim]unchanged[/]  {job.slug}")
                elif entry.status == "ok":
                    note = f" ([yellow]{entry.data_errors} data errors[/]: see netwerkscan validate)" \
                        if entry.data_errors else ""
                    progress.console.print(f"[green]ok[/]         {job.slug} {entry.seconds:.1f}s{note}")
                else:
                    progress.console.print(f"[red]{entry.status}[/] {job.slug}: {entry.error}")
                progress.advance(task)
            progress.update(task, status=f"ok {counts['ok']} · problems {counts['problems']} · "
                                         f"{', '.join(sorted(running))}")

        try:
            run_batch(options, on_event, on_planned=lambda total: progress.update(task, total=total))
        except ValueError as exc:
            raise click.UsageError(str(exc)) from exc
        except NetwerkscanError as exc:
            console.print(f"[red]error[/] {exc}")
            sys.exit(2)
        except KeyboardInterrupt:
            console.print("[yellow]interrupted[/]: finished reports and manifest.json are kept")
            sys.exit(130)
    total = counts["ok"] + counts["problems"]
    if total and counts["unchanged"] == total:
        console.print(f"nothing to render: all {total} coalitions unchanged (--force renders them again)")
    console.print(f"{counts['ok']} of {total} coalitions without problems, {total - counts['unchanged']} rendered; "
                  f"reports in {out_dir}/, record in {out_dir / 'manifest.json'}")
    sys.exit(1 if counts["problems"] else 0)


@main.command()
@click.argument("input_dir", default="inputs", type=EXISTING_DIR)
def validate(input_dir: Path) -> None:
    """Check every coalition's inputs without rendering; print each finding with file, row and column.

    \b
    Exits 1 if any coalition has errors (warnings alone do not count).
    Example:
      netwerkscan validate inputs
    """
    from pipeline.core.coalition import discover_coalitions, load_coalition
    from pipeline.core.errors import NetwerkscanError
    from pipeline.core.findings import Severity
    from pipeline.ingest.responses import ingest_coalition

    failed = 0
    for folder in discover_coalitions(input_dir):
        try:
            coalition = load_coalition(folder)
            waves = ingest_coalition(coalition)
        except NetwerkscanError as exc:
            failed += 1
            click.echo(f"{folder.name}: cannot be used\n  ERROR {exc}")
            continue
        errors = 0
        for wave, responses in waves.items():
            click.echo(f"{folder.name} {wave}: received {responses.received}, used {responses.used}, "
                       f"rejected {responses.rejected}")
            for finding in responses.findings:
                click.echo(f"  {finding}")
                errors += finding.severity is Severity.ERROR
        failed += errors > 0
    click.echo(f"{failed} coalition(s) with errors")
    sys.exit(1 if failed else 0)


@main.command("example-data")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the example coalitions into.")
@click.option("--seed", default=2026, show_default=True, help="Random seed; the same seed gives the same files.")
def example_data(out_dir: Path, seed: int) -> None:
    """Write the fictional example coalitions (the shipped inputs/ are made with this).

    \b
    Example:
      netwerkscan example-data --out inputs
    """
    from pipeline.tools.example_data import write_examples

    for folder in write_examples(out_dir, seed):
        click.echo(folder)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "limesurvey"]), default="xlsx",
              show_default=True, help="limesurvey: a survey structure (.txt) to import into LimeSurvey.")
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True)
@click.option("--coalition", "coalition_dir", type=EXISTING_DIR,
              help="Coalition folder: adds its roster's relation columns and organisation list.")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path))
def template(fmt: str, lang: str, coalition_dir: Path | None, out: Path) -> None:
    """Write an empty responses file with every column the instrument reads, or the survey
    itself for LimeSurvey, whose export then maps exactly.

    \b
    Example:
      netwerkscan template --format xlsx --coalition inputs/zorgnetwerk-lindeveld --out lindeveld-2027.xlsx
      netwerkscan template --format limesurvey --coalition inputs/zorgnetwerk-lindeveld --out lindeveld.txt
    """
    from pipeline.core.coalition import load_coalition
    from pipeline.tools.template_file import write_template

    coalition = load_coalition(coalition_dir) if coalition_dir else None
    click.echo(write_template(out, fmt, lang, coalition))


@main.command()
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True)
@click.option("--brand", "brand_dir", type=EXISTING_DIR, help="Brand folder with brand.yaml.")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path))
def questionnaire(lang: str, brand_dir: Path | None, out: Path) -> None:
    """Render the instrument as a readable questionnaire PDF for review with clients.

    \b
    Example:
      netwerkscan questionnaire --lang en --out questionnaire.pdf
    """
    from pipeline.report.brand import load_brand
    from pipeline.tools.questionnaire import write_questionnaire

    click.echo(write_questionnaire(out, lang, load_brand(brand_dir)))


if __name__ == "__main__":
    main()
