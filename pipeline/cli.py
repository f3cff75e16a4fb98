"""The `netwerkscan` command. Exit codes: 0 all well; 1 a coalition failed or has invalid
data (the others are still made); 2 the command was used wrongly."""

from __future__ import annotations

import os
import signal
import sys
from datetime import date
from pathlib import Path

import click

from pipeline import __version__
from pipeline.batch.options import DEFAULT_TIMEOUT, BatchOptions
from pipeline.core.paths import REPORT_NOTEBOOK
from pipeline.report.parameters import FORMATS, ReportParameters

EXISTING_DIR = click.Path(exists=True, file_okay=False, path_type=Path)


class Terminated(BaseException):
    """SIGTERM arrived: stop the batch as Ctrl-C does (a BaseException, so nothing swallows it)."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


def _formats(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(f.strip() for f in value.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(f"{', '.join(unknown) or 'nothing'} is no report format; "
                                 f"choose from {', '.join(FORMATS)}")
    return chosen


def _iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; expected YYYY-MM-DD, e.g. 2026-11-24") from None


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
@click.option("--date", "today", metavar="YYYY-MM-DD", callback=_iso_date, help="Report date (default: today).")
@click.option("--executor", type=click.Choice(["threads", "dask"]), default="threads", show_default=True,
              help="threads: workers in this process; dask: a Dask distributed cluster.")
@click.option("--scheduler", metavar="ADDRESS",
              help="With --executor dask: the scheduler, e.g. tcp://10.0.0.5:8786 (default: a local cluster "
                   "of --workers processes).")
@click.option("--norm", "norm_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Norm file to compare every coalition with (default: INPUT_DIR/norm.yaml if present).")
@click.option("--wait", is_flag=True, help="When another run is writing to OUT, wait for it instead of stopping.")
@click.option("--formats", default="pdf", show_default=True, metavar="LIST", callback=_formats,
              help=f"Editions of each report, comma-separated: {', '.join(FORMATS)}.")
@click.option("--notebook", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A firm's own report notebook, with the parameters of notebooks/coalition_report.ipynb.")
def run(input_dir: Path, out_dir: Path, lang: str, brand_dir: Path | None, only: tuple[str, ...], workers: int,
        force: bool, timeout: float, today: str | None, executor: str, scheduler: str | None,
        norm_file: Path | None, wait: bool, formats: tuple[str, ...], notebook: Path | None) -> None:
    """Render one PDF report per coalition in INPUT_DIR (default: inputs).

    \b
    Writes OUT/<slug>/<slug>.pdf, the executed notebook, scores.json, OUT/manifest.json and
    OUT/portfolio.pdf (all coalitions side by side, for the firm). A norm file (name and a
    mean per construct) is taken from --norm, or from INPUT_DIR/norm.yaml when it exists.
    Coalitions whose inputs and templates did not change since the last run are skipped.
    Ctrl-C stops the running coalitions and keeps every finished report (exit code 130; a
    SIGTERM does the same, exit code 143). One run at a time writes to an output folder.

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
    from pipeline.batch.manifest import Status
    from pipeline.batch.run import run_batch
    from pipeline.core.errors import ConfigError, NetwerkscanError

    console = Console(stderr=True, soft_wrap=True)   # long lines stay whole: scripts and logs read them
    if scheduler and executor != "dask":
        raise click.UsageError("--scheduler needs --executor dask")
    if notebook:
        from pipeline.batch.execute import missing_parameters

        missing = missing_parameters(notebook)
        if missing:
            raise click.UsageError(f"{notebook} does not declare the report parameters {', '.join(missing)} in its "
                                   "parameters cell (see notebooks/coalition_report.ipynb)")
    # Ctrl-C must stop the batch cleanly even when started from a process that ignores it
    # (a shell's background job, a test runner's worker): ignoring is inherited across exec.
    # SIGTERM (a scheduler or container stopping the run) stops it the same way.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _terminate)
    norm_file = norm_file or (input_dir / NORM_FILE if (input_dir / NORM_FILE).is_file() else None)
    if norm_file:
        try:
            load_norm(norm_file)
        except ConfigError as exc:
            raise click.UsageError(str(exc)) from None
    options = BatchOptions(input_dir.resolve(), out_dir.resolve(), lang, brand_dir.resolve() if brand_dir else None,
                           only, workers, force, timeout, today, executor, scheduler,
                           norm_file.resolve() if norm_file else None, wait, formats,
                           notebook.resolve() if notebook else REPORT_NOTEBOOK)
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
                bad = entry.status != Status.OK or entry.data_errors
                counts["problems" if bad else "ok"] += 1
                if event == "unchanged":
                    counts["unchanged"] += 1
                    progress.console.print(f"[dim]unchanged[/]  {job.slug}")
                elif entry.status == Status.OK:
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
        except (KeyboardInterrupt, Terminated) as stop:
            console.print("[yellow]interrupted[/]: finished reports and manifest.json are kept")
            sys.exit(143 if isinstance(stop, Terminated) else 130)
        except OSError as exc:      # the output folder became unwritable or full during the run
            console.print(f"[red]error[/] cannot write to {out_dir}: {exc.strerror or exc}; the reports finished "
                          "before it are kept")
            sys.exit(1)
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


@main.command()
@click.argument("slug")
@click.argument("input_dir", default="inputs", type=EXISTING_DIR)
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="HTML file to write (default: scratch/<slug>.html).")
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True)
@click.option("--brand", "brand_dir", type=EXISTING_DIR, help="Brand folder with brand.yaml.")
@click.option("--watch", is_flag=True, help="Render again whenever the inputs, templates or brand change.")
def preview(slug: str, input_dir: Path, out: Path | None, lang: str, brand_dir: Path | None, watch: bool) -> None:
    """Write one coalition's report as HTML, without the PDF: a quick look while editing.

    \b
    Example:
      netwerkscan preview zorgnetwerk-lindeveld inputs --out lindeveld.html --watch
    """
    from pipeline.core.errors import NetwerkscanError
    from pipeline.report import preview as previewing

    folder = input_dir / slug
    if not (folder / "coalition.yaml").is_file():
        raise click.UsageError(f"no coalition folder named {slug} in {input_dir}")
    target = out or Path("scratch") / f"{slug}.html"
    params = ReportParameters(str(folder), str(target.parent), lang, str(brand_dir) if brand_dir else None)
    if watch:
        click.echo(f"watching {', '.join(str(p) for p in previewing.watched_folders(params))}; Ctrl-C stops")
        try:
            previewing.watch(params, target, click.echo)
        except KeyboardInterrupt:
            return
    try:
        click.echo(previewing.write_preview(params, target))
    except NetwerkscanError as exc:
        click.echo(f"error {exc}", err=True)
        sys.exit(1)


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
