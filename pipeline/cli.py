"""The `netwerkscan` command. Exit codes: 0 all well; 1 a coalition failed or has invalid
data (the others are still made); 2 the command was used wrongly."""

from __future__ import annotations

import json
import os
import signal
import sys
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from pipeline import __version__
from pipeline.batch.options import DEFAULT_TIMEOUT, BatchOptions
from pipeline.core.paths import REPORT_NOTEBOOK
from pipeline.report.parameters import FORMATS, ReportParameters

if TYPE_CHECKING:           # the stages are imported inside the commands that need them
    from rich.console import Console

    from pipeline.batch.jobs import Job
    from pipeline.batch.manifest import Entry
    from pipeline.core.errors import ConfigError

EXISTING_DIR = click.Path(exists=True, file_okay=False, path_type=Path)


class Terminated(BaseException):
    """SIGTERM arrived: stop the batch as Ctrl-C does (a BaseException, so nothing swallows it)."""


class BadConfiguration(click.ClickException):
    """A configuration file named on the command line cannot be used: a usage error (exit 2)."""

    exit_code = 2


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


def _output_options(command: Callable[..., None]) -> Callable[..., None]:
    """--json, -q and -v: the same meaning on every command that reports on coalitions."""
    for option in reversed([
        click.option("--json", "as_json", is_flag=True,
                     help="Print one JSON summary object on stdout (human output stays on stderr)."),
        click.option("-q", "--quiet", is_flag=True, help="Only problems, warnings and the closing line."),
        click.option("-v", "--verbose", is_flag=True,
                     help="More detail: with run, each coalition's kernel and where each warning came from."),
    ]):
        command = option(command)
    return command


def _print_json(doc: dict[str, Any]) -> None:
    click.echo(json.dumps(doc, indent=2, ensure_ascii=False))


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
@click.option("--reference", "reference", type=click.Path(dir_okay=False, path_type=Path),
              help="The firm's reference store: every run adds its coalitions' construct means, and a report "
                   "compares with 5 or more others of its network type (default: netwerkscan-reference.json "
                   "beside OUT).")
@click.option("--wait", is_flag=True, help="When another run is writing to OUT, wait for it instead of stopping.")
@click.option("--formats", default="pdf", show_default=True, metavar="LIST", callback=_formats,
              help=f"Editions of each report, comma-separated: {', '.join(FORMATS)}.")
@click.option("--notebook", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A firm's own report notebook, with the parameters of notebooks/coalition_report.ipynb.")
@click.option("--final", is_flag=True,
              help="Render only reports the advisor approved (approved_by in the coalition's commentary.md); "
                   "the others are recorded as not rendered. Without it, an unapproved report is marked draft.")
@_output_options
def run(input_dir: Path, out_dir: Path, lang: str, brand_dir: Path | None, only: tuple[str, ...], workers: int,
        force: bool, timeout: float, today: str | None, executor: str, scheduler: str | None,
        norm_file: Path | None, reference: Path | None, wait: bool, formats: tuple[str, ...],
        notebook: Path | None, final: bool, as_json: bool, quiet: bool, verbose: bool) -> None:
    """Render one PDF report per coalition in INPUT_DIR (default: inputs).

    \b
    Writes OUT/<slug>/<slug>.pdf, the executed notebook, scores.json, OUT/manifest.json and
    OUT/portfolio.pdf (all coalitions side by side, for the firm). A norm file (name and a
    mean per construct) is taken from --norm, or from INPUT_DIR/norm.yaml when it exists.
    Coalitions whose inputs and templates did not change since the last run are skipped.
    The brand, the norm and every coalition.yaml are checked before a kernel starts: a bad
    brand or norm stops the run (exit code 2), a bad coalition.yaml fails that coalition.
    Ctrl-C stops the running coalitions and keeps every finished report (exit code 130; a
    SIGTERM does the same, exit code 143). One run at a time writes to an output folder.

    \b
    Example:
      netwerkscan run inputs --out reports --lang en --only zorgnetwerk-lindeveld
      netwerkscan run inputs --out reports --executor dask --scheduler tcp://scheduler:8786
      netwerkscan run inputs --json -q > summary.json
      netwerkscan run inputs --out reports --final     # approved reports only, no draft mark
    """

    from rich.console import Console
    from rich.markup import escape
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from pipeline.batch.preflight import BatchConfigError, check_config
    from pipeline.batch.run import run_batch
    from pipeline.batch.summary import RunSummary
    from pipeline.core.config_check import error_lines
    from pipeline.core.errors import NetwerkscanError
    from pipeline.core.norm_file import NORM_FILE

    console = Console(stderr=True, soft_wrap=True)   # long lines stay whole: scripts and logs read them
    if scheduler and executor != "dask":
        raise click.UsageError("--scheduler needs --executor dask")
    if notebook:
        from pipeline.batch.execute import missing_parameters

        missing = missing_parameters(notebook)
        if missing:
            raise click.UsageError(f"{notebook} does not declare the report parameters {', '.join(missing)} in its "
                                   "parameters cell (see notebooks/coalition_report.ipynb)")
    if quiet and verbose:
        raise click.UsageError("-q and -v exclude each other")
    # Ctrl-C must stop the batch cleanly even when started from a process that ignores it
    # (a shell's background job, a test runner's worker): ignoring is inherited across exec.
    # SIGTERM (a scheduler or container stopping the run) stops it the same way.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _terminate)
    norm_file = norm_file or (input_dir / NORM_FILE if (input_dir / NORM_FILE).is_file() else None)
    options = BatchOptions(input_dir.resolve(), out_dir.resolve(), lang, brand_dir.resolve() if brand_dir else None,
                           only, workers, force, timeout, today, executor, scheduler,
                           norm_file.resolve() if norm_file else None, wait, formats,
                           notebook.resolve() if notebook else REPORT_NOTEBOOK, final,
                           reference.resolve() if reference else None)
    try:                    # before the progress display: a bad brand or norm is all this run says
        check_config(options.brand_dir, options.norm_file)
    except BatchConfigError as exc:
        for line in (line for error in exc.errors for line in error_lines(error)):
            console.print(f"[red]error[/] {escape(line)}")
        if as_json:
            _print_json({"command": "run", "exit_code": 2, "config_errors": [_config_error(e) for e in exc.errors]})
        sys.exit(2)
    summary = RunSummary(options.out_dir)
    columns = [TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[status]}"), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn()]
    with Progress(*columns, console=console, transient=False, disable=quiet) as progress:
        task = progress.add_task("coalitions", total=None, status="")
        running: set[str] = set()

        def on_event(event: str, job: Job, entry: Entry | None) -> None:
            summary.add(event, job, entry)
            if event == "start":
                running.add(job.slug)
            elif entry is not None:
                running.discard(job.slug)
                _print_entry(progress.console if not quiet else console, event, job.slug, entry, quiet, verbose)
                progress.advance(task)
            progress.update(task, status=f"ok {len(summary.entries) - len(summary.problems)} · problems "
                                         f"{len(summary.problems)} · {', '.join(sorted(running))}")

        try:
            run_batch(options, on_event, on_planned=lambda total: progress.update(task, total=total))
        except ValueError as exc:
            raise click.UsageError(str(exc)) from exc
        except NetwerkscanError as exc:
            console.print(f"[red]error[/] {escape(str(exc))}")
            if as_json:
                _print_json({"command": "run", "exit_code": 2, "error": str(exc)})
            sys.exit(2)
        except (KeyboardInterrupt, Terminated) as stop:
            console.print("[yellow]interrupted[/]: finished reports and manifest.json are kept")
            code = 143 if isinstance(stop, Terminated) else 130
            if as_json:     # what finished before the stop
                _print_json(summary.as_json() | {"exit_code": code, "interrupted": True})
            sys.exit(code)
        except OSError as exc:      # the output folder became unwritable or full during the run
            console.print(f"[red]error[/] cannot write to {escape(str(out_dir))}: {escape(exc.strerror or str(exc))}; "
                          "the reports finished before it are kept")
            sys.exit(1)
    for line, slugs in summary.warnings().items():
        console.print(f"[yellow]WARNING[/] ({len(slugs)} coalition{'s' if len(slugs) != 1 else ''}): {escape(line)}"
                      + (f" [dim]({', '.join(slugs)})[/]" if verbose else ""))
    console.print(escape(summary.closing_line()))
    if as_json:
        _print_json(summary.as_json())
    sys.exit(summary.exit_code)


def _print_entry(console: Console, event: str, slug: str, entry: Entry, quiet: bool, verbose: bool) -> None:
    """One line per finished coalition; with -q only the ones with a problem."""
    from rich.markup import escape

    from pipeline.batch.manifest import Status

    if entry.status != Status.OK:
        console.print(f"[red]{entry.status}[/] {slug}: {escape(entry.error or '')}")
    elif quiet and not entry.data_errors:
        return
    elif event == "unchanged":
        console.print(f"[dim]unchanged[/]  {slug}")
    else:
        note = f" ([yellow]{entry.data_errors} data errors[/]: see netwerkscan validate)" if entry.data_errors else ""
        console.print(f"[green]ok[/]         {slug} {entry.seconds:.1f}s{note}")
    if verbose and event != "unchanged" and entry.kernel:
        kernel = entry.kernel
        console.print(f"           kernel {kernel.get('host')} pid {kernel.get('pid')} run {kernel.get('run')}, "
                      f"peak {kernel.get('peak_rss_mb')} MB")


def _config_error(error: ConfigError) -> dict[str, Any]:
    """A configuration error for --json: the file, and each problem with its key."""
    from pipeline.core.config_check import ConfigProblems

    problems = error.problems if isinstance(error, ConfigProblems) else []
    return {"file": str(error.path), "message": error.message,
            "problems": [{"key": p.key, "message": p.message} for p in problems]}


@main.command()
@click.argument("input_dir", default="inputs", type=EXISTING_DIR)
@click.option("--brand", "brand_dir", type=EXISTING_DIR, help="Brand folder to check too (brand.yaml, fonts, logo, "
                                                               "advice.yaml).")
@click.option("--norm", "norm_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Norm file to check too (default: INPUT_DIR/norm.yaml if present).")
@_output_options
def validate(input_dir: Path, brand_dir: Path | None, norm_file: Path | None, as_json: bool, quiet: bool,
             verbose: bool) -> None:
    """Check the configuration and every coalition's inputs without rendering.

    \b
    Checks the brand (default: the neutral one), the norm, each coalition.yaml and each
    responses file, and prints every problem with file and key, or file, row and column.
    Exits 2 if the brand or norm cannot be used, else 1 if any coalition has errors
    (warnings alone do not count).
    Example:
      netwerkscan validate inputs --brand templates/brands/zuidkust-advies
      netwerkscan validate inputs --json | jq '.coalitions[] | select(.status != "ok")'
    """
    from pipeline.batch.preflight import config_errors
    from pipeline.core.coalition import discover_coalitions, load_coalition
    from pipeline.core.config_check import error_lines
    from pipeline.core.errors import ConfigError, NetwerkscanError
    from pipeline.core.findings import Severity
    from pipeline.core.norm_file import NORM_FILE
    from pipeline.ingest.responses import ingest_coalition

    say = partial(click.echo, err=as_json)      # with --json, stdout holds the JSON only
    norm_file = norm_file or (input_dir / NORM_FILE if (input_dir / NORM_FILE).is_file() else None)
    shared = config_errors(brand_dir.resolve() if brand_dir else None, norm_file.resolve() if norm_file else None)
    for line in (line for error in shared for line in error_lines(error)):
        say(f"ERROR {line}")
    coalitions: list[dict[str, Any]] = []
    for folder in discover_coalitions(input_dir):
        report: dict[str, Any] = {"slug": folder.name, "status": "ok", "error": None, "waves": {}}
        coalitions.append(report)
        try:
            waves = ingest_coalition(load_coalition(folder))
        except NetwerkscanError as exc:
            report |= {"status": "unusable", "error": str(exc)}
            say(f"{folder.name}: cannot be used")
            for line in error_lines(exc) if isinstance(exc, ConfigError) else [str(exc)]:
                say(f"  ERROR {line}")
            continue
        for wave, responses in waves.items():
            errors = [f for f in responses.findings if f.severity is Severity.ERROR]
            report["status"] = "errors" if errors or report["status"] == "errors" else "ok"
            report["waves"][wave] = {"received": responses.received, "used": responses.used,
                                     "rejected": responses.rejected,
                                     "findings": [f.to_dict() for f in responses.findings]}
            if not quiet or errors:
                say(f"{folder.name} {wave}: received {responses.received}, used {responses.used}, "
                    f"rejected {responses.rejected}")
            for finding in responses.findings if not quiet else errors:
                say(f"  {finding}")
    failed = sum(c["status"] != "ok" for c in coalitions)
    say(f"{failed} coalition(s) with errors" + (f"; {len(shared)} configuration file(s) cannot be used" if shared
                                                 else ""))
    code = 2 if shared else 1 if failed else 0
    if as_json:
        _print_json({"command": "validate", "exit_code": code,
                     "counts": {"coalitions": len(coalitions), "with_errors": failed},
                     "config_errors": [_config_error(e) for e in shared], "coalitions": coalitions})
    sys.exit(code)


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
    from pipeline.core.config_check import error_lines
    from pipeline.core.errors import ConfigError
    from pipeline.tools.template_file import write_template

    try:
        coalition = load_coalition(coalition_dir) if coalition_dir else None
    except ConfigError as exc:
        raise BadConfiguration("\n".join(error_lines(exc))) from None
    click.echo(write_template(out, fmt, lang, coalition))


@main.command()
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True)
@click.option("--brand", "brand_dir", type=EXISTING_DIR, help="Brand folder with brand.yaml.")
@click.option("--coalition", "coalition_dir", type=EXISTING_DIR,
              help="Coalition folder: its organisations in the relation grids, its name and anonymity threshold.")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path))
def questionnaire(lang: str, brand_dir: Path | None, coalition_dir: Path | None, out: Path) -> None:
    """Render the instrument as a questionnaire PDF for respondents and for review with clients.

    \b
    Example:
      netwerkscan questionnaire --lang en --coalition inputs/zorgnetwerk-lindeveld --out questionnaire.pdf
    """
    from pipeline.core.coalition import load_coalition
    from pipeline.core.config_check import error_lines
    from pipeline.core.errors import ConfigError
    from pipeline.report.brand import load_brand
    from pipeline.tools.questionnaire import write_questionnaire

    try:
        brand = load_brand(brand_dir)
        coalition = load_coalition(coalition_dir) if coalition_dir else None
    except ConfigError as exc:
        raise BadConfiguration("\n".join(error_lines(exc))) from None
    click.echo(write_questionnaire(out, lang, brand, coalition=coalition))


if __name__ == "__main__":
    main()
