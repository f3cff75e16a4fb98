"""One coalition from folder to files: the steps the notebook runs one by one, and that
`make_report` runs in one go (for tests and the benchmark's no-notebook floor)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pipeline import __version__
from pipeline.advice import Advice, load_catalogue
from pipeline.analysis import CoalitionResult, analyse
from pipeline.brand import Brand, load_brand
from pipeline.charts import BLOCKS, Chart, report_charts
from pipeline.coalition import Coalition, load_coalition
from pipeline.comparisons import load_norm
from pipeline.exceptions import TooFewRespondentsError
from pipeline.i18n import Translator
from pipeline.ingest import Responses, ingest_coalition
from pipeline.labels import group_name
from pipeline.instrument import Instrument, Item, load_instrument
from pipeline.reference import other_coalitions
from pipeline.page_style import page_css
from pipeline.render import atomic_write, render_html, write_pdf


ECOSYSTEM = ("ecosysteem", "gedeelde_verantwoordelijkheid")


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
    score = t("reading_score", block=name, mean=t.number(summary.mean), agree=t.percent(summary.pct_agree))
    # a negatively worded statement cannot be quoted as what people are "most positive about"
    ranked = sorted((i for i in instrument.items_of(construct)
                     if not i.reverse and result.items[i.code].mean is not None),
                    key=lambda i: result.items[i.code].mean)
    if len(ranked) < 2:
        return Reading(score, None, None)
    return Reading(score, t("reading_best", text=ranked[-1].text(t.lang)),
                   t("reading_worst", text=ranked[0].text(t.lang)))


def advice_reason(advice: Advice, result: CoalitionResult, instrument: Instrument, t: Translator) -> str:
    """The figures behind an advice, in one sentence a client can check against the report."""
    d, e = advice.diagnosis, advice.diagnosis.evidence
    construct = instrument.constructs[d.subject].name(t.lang) if d.subject in instrument.constructs else ""
    role = instrument.constructs.get(f"rol_{d.subject}")
    if d.kind == "governance_mismatch":
        return t("why_governance_mismatch", declared=t(f"mode_{e['declared']}"), fitting=t(f"mode_{e['fitting']}"))
    if d.kind == "role_unfilled":
        return t("why_role_unfilled", share=t.percent(e["nobody"]), role=role.name(t.lang).lower())
    if d.kind == "role_single_group":
        return t("why_role_single_group", role=role.name(t.lang).lower(),
                 holder=group_name(instrument, "rolhouder", str(e["holders"][0]), t))
    if d.kind == "low_trust":
        return t("why_low_trust", share=t.percent(e["trust_density"]))
    if d.kind == "decline":
        change = result.changes[d.subject]
        return t("why_decline", construct=construct, before=t.number(change.previous_mean),
                 after=t.number(change.current_mean), previous=change.previous_wave)
    if d.kind == "gap":
        by = str(e["by"])
        return t("why_gap", construct=construct, gap=t.number(float(e["gap"])),
                 high=group_name(instrument, by, str(e["high_group"]), t),
                 low=group_name(instrument, by, str(e["low_group"]), t))
    if d.kind == "fragmented":
        return t("why_fragmented", names=t.join([str(n) for n in e["names"]]))
    return t("why_construct", construct=construct, mean=t.number(float(e["mean"])), band=t.band(str(e["band"])).lower())


def governance_verdict(result: CoalitionResult, t: Translator) -> str:
    found = result.governance
    if found.fitting is None:
        return t("governance_unknown")
    if found.mismatch:
        return t("governance_mismatch", fitting=t(f"mode_{found.fitting}"), declared=t(f"mode_{found.declared}"))
    return t("governance_match", mode=t(f"mode_{found.declared}"))


def gap_lines(result: CoalitionResult, instrument: Instrument, t: Translator, limit: int = 4) -> list[str]:
    """The largest gaps between groups that chance does not explain, largest first."""
    gaps = [d for d in result.diagnoses if d.kind == "gap"]
    lines = []
    for d in sorted(gaps, key=lambda d: d.order)[:limit]:
        e = d.evidence
        table = result.groups[str(e["by"])]
        high, low = str(e["high_group"]), str(e["low_group"])
        lines.append(t("gap_line", construct=instrument.constructs[d.subject].name(t.lang),
                       high=group_name(instrument, table.by, high, t), low=group_name(instrument, table.by, low, t),
                       high_mean=t.number(table.means[d.subject][high]),
                       low_mean=t.number(table.means[d.subject][low])))
    return lines


def lowest_items(result: CoalitionResult, instrument: Instrument, group: str, count: int = 3) -> list[Item]:
    items = [i for c in instrument.constructs_in(group) for i in instrument.items_of(c.code)
             if result.items[i.code].mean is not None]
    return sorted(items, key=lambda i: result.items[i.code].mean)[:count]


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
        blocks=BLOCKS, ecosystem=ECOSYSTEM, readings={c: block_reading(result, c, instrument, t) for c in (*BLOCKS, *ECOSYSTEM)},
        reasons=[advice_reason(a, result, instrument, t) for a in result.advice],
        governance_verdict=governance_verdict(result, t), gap_lines=gap_lines(result, instrument, t),
        lowest_behaviour=lowest_items(result, instrument, "gedrag"), group_name=group_name,
        org_names=lambda codes: [result.coalition["roster"][code]["name"] for code in codes],
        version=__version__, page_css=page_css(brand, t),
    )


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
