"""One coalition from folder to files: the steps the notebook runs one by one, and that
`make_report` runs in one go (for tests and the benchmark's no-notebook floor)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from pipeline import __version__
from pipeline.analysis.analyse import analyse
from pipeline.analysis.catalogue import Catalogue, load_catalogue
from pipeline.analysis.comparisons import Norm, load_norm
from pipeline.analysis.reference import MIN_OTHERS
from pipeline.analysis.result import CoalitionResult
from pipeline.analysis.themes import ThemeCatalogue, load_themes
from pipeline.core.coalition import Coalition, load_coalition
from pipeline.core.errors import ConfigError, TooFewRespondentsError
from pipeline.core.files import data_uri, write_text
from pipeline.core.i18n import Translator
from pipeline.core.instrument import Instrument, load_instrument
from pipeline.core.labels import group_name
from pipeline.core.reference_store import read_store
from pipeline.ingest.responses import Responses, ingest_coalition
from pipeline.report.brand import Brand, load_brand
from pipeline.report.charts import BLOCKS, Chart, report_charts
from pipeline.report.commentary import Commentary, load_commentary
from pipeline.report.development_view import development_view
from pipeline.report.group_view import group_views
from pipeline.report.model_texts import model_texts
from pipeline.report.page_style import draft_css, page_css
from pipeline.report.parameters import FORMATS, ReportParameters
from pipeline.report.participation_texts import response_texts
from pipeline.report.questions import load_questions
from pipeline.report.quote_language import language_note
from pipeline.report.render import render_html, write_pdf
from pipeline.report.sections import CustomSection
from pipeline.report.slides import write_slides
from pipeline.report.summary_page import leads, next_steps, response_line, trend
from pipeline.report.texts import (
    ANSWER_LIMIT,
    ECOSYSTEM,
    advice_reason,
    block_reading,
    gap_lines,
    governance_verdict,
    lowest_items,
    network_lines,
    not_compared_line,
    recommendations_intro,
    shortened,
)
from pipeline.report.theme_lines import contradiction_lines, few_line, theme_rows


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
                t: Translator, sections: Sequence[CustomSection] = (), commentary: Commentary | None = None) -> str:
    """The report as one self-contained HTML document: the PDF is rendered from it, and the HTML
    edition is this text as it is (styles inline, charts and logo as data URIs)."""
    reasons = [advice_reason(a, result, instrument, t) for a in result.advice]
    return render_html(
        "report.html.j2", brand.folder, r=result, charts=charts, instrument=instrument, brand=brand, t=t,
        blocks=BLOCKS, ecosystem=ECOSYSTEM,
        readings={c: block_reading(result, c, instrument, t) for c in (*BLOCKS, *ECOSYSTEM)},
        reasons=reasons,
        governance_verdict=governance_verdict(result, t), gap_lines=gap_lines(result, instrument, t),
        lowest_behaviour=lowest_items(result, instrument, "gedrag"), group_name=group_name,
        shortened=shortened, answer_limit=ANSWER_LIMIT, not_compared=not_compared_line(result, instrument, t),
        network_lines=network_lines(result, t), recommendations_intro=recommendations_intro(result, t),
        org_names=lambda codes: [result.coalition.roster[code].name for code in codes],
        version=__version__, page_css=page_css(brand, t), logo=data_uri(brand.logo), sections=tuple(sections),
        commentary=commentary or Commentary(), draft_css=draft_css(t),
        leads=leads(result, instrument, t), trends={b: trend(result, b, t) for b in BLOCKS},
        response_line=response_line(result, t), next_steps=next_steps(result, instrument, t, reasons),
        questions=load_questions(brand.folder), quote_note=lambda text: language_note(text, t.lang),
        model=model_texts(result, instrument, t), response_texts=response_texts(result, instrument, t),
        **open_theme_context(result, load_themes(brand.folder), instrument, t),
        group_views=group_views(result, instrument, brand, t),
        dev=development_view(result, instrument, t),
    )


def open_theme_context(result: CoalitionResult, themes: ThemeCatalogue, instrument: Instrument,
                       t: Translator) -> dict[str, object]:
    """The template's names for the theme table and notes, the coder's measured precision and
    the comparison's minimum of other coalitions."""
    return {"theme_rows": theme_rows(result, themes, t), "themes_few": few_line(result, themes, t),
            "theme_notes": contradiction_lines(result, themes, instrument, t), "theme_measured": themes.measured,
            "min_others": MIN_OTHERS}


@dataclass(frozen=True)
class ReportSetup:
    """What every step needs besides the coalition's data."""

    instrument: Instrument
    brand: Brand
    t: Translator
    catalogue: Catalogue
    norm: Norm | None
    themes: ThemeCatalogue


def prepare(params: ReportParameters) -> ReportSetup:
    brand_dir = Path(params.brand_dir) if params.brand_dir else None
    return ReportSetup(load_instrument(), load_brand(brand_dir), Translator(params.lang), load_catalogue(brand_dir),
                       load_norm(Path(params.norm_file)) if params.norm_file else None, load_themes(brand_dir))


def read_coalition(params: ReportParameters) -> tuple[Coalition, dict[str, Responses]]:
    """The coalition folder and every wave's answers, read and checked; the run's own
    settings (`settings_overrides`) laid over those of coalition.yaml."""
    coalition = load_coalition(params.coalition_dir)
    if params.settings_overrides:
        coalition = replace(coalition, settings=coalition.settings.updated(
            params.settings_overrides, Path("settings_overrides (notebook parameter)")))
    return coalition, ingest_coalition(coalition)


def analyse_coalition(coalition: Coalition, waves: dict[str, Responses], params: ReportParameters,
                      setup: ReportSetup) -> CoalitionResult:
    """Every figure of the coalition. The comparison with other coalitions comes from the
    firm's reference store when there is one (an analyst's notebook finds the one beside the
    reports; without one the report compares with none)."""
    store = Path(params.reference_file) if params.reference_file else None
    reference = read_store(store) if store and store.is_file() else None
    return analyse(coalition, waves, setup.instrument, params.report_date, setup.catalogue, reference, setup.norm,
                   themes=setup.themes)


def analyse_folder(coalition_dir: Path | str, today: date | None = None, brand_dir: Path | str | None = None,
                   reference_file: Path | str | None = None,
                   norm_file: Path | str | None = None) -> tuple[Coalition, dict[str, Responses], CoalitionResult]:
    """`read_coalition` and `analyse_coalition` in one call, for tests and scripts."""
    params = ReportParameters(str(coalition_dir), "", today=today.isoformat() if today else None,
                              brand_dir=str(brand_dir) if brand_dir else None,
                              reference_file=str(reference_file) if reference_file else None,
                              norm_file=str(norm_file) if norm_file else None)
    coalition, waves = read_coalition(params)
    return coalition, waves, analyse_coalition(coalition, waves, params, prepare(params))


def draw_charts(result: CoalitionResult, setup: ReportSetup) -> dict[str, Chart]:
    return report_charts(result, setup.instrument, setup.brand, setup.t)


def write_report(result: CoalitionResult, charts: dict[str, Chart], setup: ReportSetup, out_dir: Path | str,
                 formats: Sequence[str] = ("pdf",), sections: Sequence[CustomSection] = (),
                 commentary: Commentary | None = None) -> list[Path]:
    """scores.json, then each format asked for: the PDF, the HTML edition, the workshop slides.
    The report itself only when the anonymity threshold is met. Without the advisor's
    `commentary` (commentary.md, `load_commentary`) the report is a draft and says so on every page."""
    out_dir = Path(out_dir)
    written = [write_scores(result, out_dir)]
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        raise ValueError(f"unknown report format(s) {', '.join(unknown)}; choose from {', '.join(FORMATS)}")
    check_anonymity(result)
    if commentary and "ontwikkeling" in commentary.notes and not (result.changes or result.not_compared):
        raise ConfigError(commentary.source, "'## ontwikkeling': a note for the development section, but this "
                          "coalition has no earlier wave, so the report has no such section")
    html = report_html(result, charts, setup.instrument, setup.brand, setup.t, sections, commentary)
    slug = result.coalition.slug
    if "pdf" in formats:
        written.append(out_dir / f"{slug}.pdf")
        write_pdf(html, written[-1], setup.brand.folder)
    if "html" in formats:
        written.append(out_dir / f"{slug}.html")
        write_text(written[-1], html)
    if "pptx" in formats:
        written.append(out_dir / f"{slug}.pptx")
        write_slides(result, charts, setup.brand, setup.t, written[-1], commentary)
    return written


# The steps of one report, in order. The notebook calls them one by one and shows what each
# made; `make_report` calls them in one go. A test fails when either drifts from this list.
REPORT_STEPS = (prepare, read_coalition, analyse_coalition, draw_charts, write_report)


def make_report(params: ReportParameters) -> CoalitionResult:
    """Every step of the notebook, without the notebook."""
    setup = prepare(params)
    coalition, waves = read_coalition(params)
    result = analyse_coalition(coalition, waves, params, setup)
    charts = draw_charts(result, setup)
    write_report(result, charts, setup, params.out_dir, params.format_list,
                 commentary=load_commentary(coalition.folder))
    return result
