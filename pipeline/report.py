"""One coalition from folder to files: the steps the notebook runs one by one, and that
`make_report` runs in one go (for tests and the benchmark's no-notebook floor)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from markupsafe import Markup

from pipeline import __version__
from pipeline.advice import load_catalogue
from pipeline.analysis import CoalitionResult, analyse
from pipeline.brand import Brand, load_brand
from pipeline.charts import BLOCKS, Chart, report_charts
from pipeline.coalition import Coalition, load_coalition
from pipeline.comparisons import load_norm
from pipeline.exceptions import TooFewRespondentsError
from pipeline.i18n import Translator
from pipeline.ingest import Responses, ingest_coalition
from pipeline.instrument import Instrument, load_instrument
from pipeline.reference import other_coalitions
from pipeline.render import atomic_write, render_html, write_pdf


@dataclass(frozen=True)
class Reading:
    """The short text under a building block's chart."""

    score: str
    best: str | None
    worst: str | None


def block_reading(result: CoalitionResult, construct: str, instrument: Instrument, t: Translator) -> Reading:
    summary = result.constructs[construct]
    name = instrument.constructs[construct].name(t.lang)
    if summary.mean is None:
        return Reading(t("reading_few", block=name), None, None)
    score = t("reading_score", block=name, mean=t.number(summary.mean), band=t.band(summary.band).lower(),
              agree=t.percent(summary.pct_agree))
    ranked = sorted((i for i in instrument.items_of(construct) if result.items[i.code].mean is not None),
                    key=lambda i: result.items[i.code].mean)
    if len(ranked) < 2:
        return Reading(score, None, None)
    return Reading(score, t("reading_best", text=ranked[-1].text(t.lang)),
                   t("reading_worst", text=ranked[0].text(t.lang)))


def check_anonymity(result: CoalitionResult) -> None:
    used, threshold = result.response["used"], int(result.settings["anonymity_threshold"])
    if used < threshold:
        raise TooFewRespondentsError(
            f"{result.coalition['name']}: only {used} usable responses, fewer than the anonymity threshold "
            f"of {threshold}; no report is made")


def write_scores(result: CoalitionResult, out_dir: Path) -> Path:
    target = out_dir / "scores.json"
    text = json.dumps(result.to_dict(), ensure_ascii=False, indent=2, sort_keys=True)
    atomic_write(target, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return target


def report_html(result: CoalitionResult, charts: dict[str, Chart], instrument: Instrument, brand: Brand,
                t: Translator) -> str:
    return render_html(
        "report.html.j2", r=result, charts=charts, instrument=instrument, brand=brand, t=t,
        blocks=BLOCKS, readings={b: block_reading(result, b, instrument, t) for b in BLOCKS},
        version=__version__, page_css=_page_css(brand, t),
    )


def _quoted(font: str) -> str:
    return "'" + "".join(ch for ch in font if ch.isalnum() or ch in " -") + "'"


def _css_string(text: str) -> str:
    return '"' + "".join(ch for ch in text if ch not in '"\\<>\n') + '"'


def _page_css(brand: Brand, t: Translator) -> Markup:
    """CSS built from brand.yaml, marked safe because every value is sanitised here: font
    names keep letters, digits, spaces and hyphens; texts lose quotes, backslashes and tags."""
    body, headings = f"{_quoted(brand.font)}, sans-serif", f"{_quoted(brand.heading_font)}, sans-serif"
    footer = f'{_css_string(t("page") + " ")} counter(page) {_css_string(" " + t("of") + " ")} counter(pages)'
    return Markup(
        f":root {{ {_css_vars(brand)} }}\n"
        f"html {{ font-family: {body}; }}\nh1, h2, h3 {{ font-family: {headings}; }}\n"
        f"@page {{ font-family: {body}; @bottom-left {{ content: {_css_string(brand.firm)}; }}\n"
        f"  @bottom-right {{ content: {footer}; }} }}")


def _css_vars(brand: Brand) -> str:
    pairs = {"--primary": brand.primary, "--secondary": brand.secondary, "--text": brand.text,
             "--muted": brand.muted, "--strength": brand.bands["strength"],
             "--attention": brand.bands["attention"], "--concern": brand.bands["concern"]}
    return "".join(f"{k}:{v};" for k, v in pairs.items() if all(c.isalnum() or c == "#" for c in v))


def render_report(result: CoalitionResult, charts: dict[str, Chart], instrument: Instrument, brand: Brand,
                  t: Translator, out_dir: Path) -> Path:
    check_anonymity(result)
    target = out_dir / f"{result.coalition['slug']}.pdf"
    write_pdf(report_html(result, charts, instrument, brand, t), target, brand.folder)
    return target


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


def make_report(coalition_dir: Path | str, out_dir: Path | str, lang: str = "nl",
                brand_dir: Path | str | None = None, reference_file: Path | str | None = None,
                norm_file: Path | str | None = None) -> CoalitionResult:
    """Every step of the notebook, without the notebook."""
    out_dir = Path(out_dir)
    instrument, brand, t = load_instrument(), load_brand(brand_dir), Translator(lang)
    _, _, result = analyse_folder(coalition_dir, None, brand_dir, reference_file, norm_file)
    write_scores(result, out_dir)
    render_report(result, report_charts(result, instrument, brand, t), instrument, brand, t, out_dir)
    return result
