"""One coalition from folder to files: the steps the notebook runs one by one, and that
`make_report` runs in one go (for tests and the benchmark's no-notebook floor)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pipeline import __version__
from pipeline.analysis.advice import load_catalogue
from pipeline.analysis.analyse import analyse
from pipeline.analysis.comparisons import load_norm
from pipeline.analysis.reference import other_coalitions
from pipeline.analysis.result import CoalitionResult
from pipeline.core.coalition import Coalition, load_coalition
from pipeline.core.errors import TooFewRespondentsError
from pipeline.core.files import write_text
from pipeline.core.i18n import Translator
from pipeline.core.instrument import Instrument, load_instrument
from pipeline.core.labels import group_name
from pipeline.ingest.responses import Responses, ingest_coalition
from pipeline.report.brand import Brand, load_brand
from pipeline.report.charts import BLOCKS, Chart, report_charts
from pipeline.report.page_style import page_css
from pipeline.report.parameters import ReportParameters
from pipeline.report.render import render_html, write_pdf
from pipeline.report.texts import (
    ANSWER_LIMIT,
    ECOSYSTEM,
    advice_reason,
    block_reading,
    gap_lines,
    governance_verdict,
    lowest_items,
    not_compared_line,
    shortened,
)


def check_anonymity(result: CoalitionResult) -> None:
    used, threshold = result.response.used, result.settings.anonymity_threshold
    if used < threshold:
        raise TooFewRespondentsError(
            f"{result.coalition.name}: only {used} usable responses, fewer than the anonymity threshold "
            f"of {threshold}; no report is made")


def write_scores(result: CoalitionResult, out_dir: Path) -> Path:
    target = out_dir / "scores.json"
    write_text(target, result.to_json())
    return target


def report_html(result: CoalitionResult, charts: dict[str, Chart], instrument: Instrument, brand: Brand,
                t: Translator) -> str:
    return render_html(
        "report.html.j2", r=result, charts=charts, instrument=instrument, brand=brand, t=t,
        blocks=BLOCKS, ecosystem=ECOSYSTEM,
        readings={c: block_reading(result, c, instrument, t) for c in (*BLOCKS, *ECOSYSTEM)},
        reasons=[advice_reason(a, result, instrument, t) for a in result.advice],
        governance_verdict=governance_verdict(result, t), gap_lines=gap_lines(result, instrument, t),
        lowest_behaviour=lowest_items(result, instrument, "gedrag"), group_name=group_name,
        shortened=shortened, answer_limit=ANSWER_LIMIT, not_compared=not_compared_line(result, instrument, t),
        org_names=lambda codes: [result.coalition.roster[code].name for code in codes],
        version=__version__, page_css=page_css(brand, t),
    )


def render_report(result: CoalitionResult, charts: dict[str, Chart], instrument: Instrument, brand: Brand,
                  t: Translator, out_dir: Path) -> Path:
    check_anonymity(result)
    target = out_dir / f"{result.coalition.slug}.pdf"
    write_pdf(report_html(result, charts, instrument, brand, t), target, brand.folder)
    return target


@dataclass(frozen=True)
class ReportSetup:
    """What every step needs besides the coalition's data."""

    instrument: Instrument
    brand: Brand
    t: Translator


def prepare(params: ReportParameters) -> ReportSetup:
    return ReportSetup(load_instrument(), load_brand(params.brand_dir), Translator(params.lang))


def analyse_folder(coalition_dir: Path | str, today: date | None = None, brand_dir: Path | str | None = None,
                   reference_file: Path | str | None = None,
                   norm_file: Path | str | None = None) -> tuple[Coalition, dict[str, Responses], CoalitionResult]:
    """Read, check and analyse one coalition. The brand folder may hold the firm's own advice
    catalogue; the reference file holds the batch's construct means, for ranks."""
    coalition = load_coalition(coalition_dir)
    waves = ingest_coalition(coalition)
    others = other_coalitions(Path(reference_file), coalition.slug) if reference_file else None
    return coalition, waves, analyse(coalition, waves, today=today,
                                     catalogue=load_catalogue(Path(brand_dir) if brand_dir else None),
                                     others=others, norm=load_norm(Path(norm_file)) if norm_file else None)


def draw_charts(result: CoalitionResult, setup: ReportSetup) -> dict[str, Chart]:
    return report_charts(result, setup.instrument, setup.brand, setup.t)


def write_report(result: CoalitionResult, charts: dict[str, Chart], setup: ReportSetup,
                 out_dir: Path | str) -> tuple[Path, Path]:
    """scores.json and the PDF; the PDF only when the anonymity threshold is met."""
    out_dir = Path(out_dir)
    scores = write_scores(result, out_dir)
    return scores, render_report(result, charts, setup.instrument, setup.brand, setup.t, out_dir)


# The steps of one report, in order. The notebook calls them one by one and shows what each
# made; `make_report` calls them in one go. A test fails when either drifts from this list.
REPORT_STEPS = (prepare, analyse_folder, draw_charts, write_report)


def make_report(params: ReportParameters) -> CoalitionResult:
    """Every step of the notebook, without the notebook."""
    setup = prepare(params)
    _, _, result = analyse_folder(params.coalition_dir, params.report_date, params.brand_dir,
                                  params.reference_file, params.norm_file)
    charts = draw_charts(result, setup)
    write_report(result, charts, setup, params.out_dir)
    return result
