"""The firm's portfolio overview: every coalition of a batch side by side in one landscape
PDF, read back from the `scores.json` files of an output folder.

It is for the firm itself, so it names all coalitions; it shows no figure of a coalition
with fewer usable responses than its anonymity threshold, just as no report is made for one.
Each file is read through the result's own model (`CoalitionResult.from_json`), so the
portfolio reads exactly what the reports were made from; a file that cannot be read, or does
not fit the model (half written, edited by hand, another schema version), gets a row that
says so instead of vanishing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from markupsafe import Markup

from pipeline import __version__
from pipeline.analysis.result import CoalitionResult
from pipeline.core.bands import SHOWN_BANDS
from pipeline.core.coalition import GOVERNANCE_MODES
from pipeline.core.i18n import Translator
from pipeline.core.instrument import Instrument, load_instrument
from pipeline.core.settings import Settings
from pipeline.report.brand import Brand
from pipeline.report.page_style import css_colour, page_css
from pipeline.report.render import render_html, write_pdf

BANDS = SHOWN_BANDS          # "between": the interval crosses a boundary, as the report colours it
ROLE_FLAGS = ("unfilled", "single_group")      # role statuses the table marks


@dataclass(frozen=True)
class Score:
    """One coloured cell: a construct mean and the band it is shown in (`Summary.shown_band`:
    "between" when its interval crosses a boundary, as the report says it; None: too few answers)."""

    mean: float | None
    band: str | None


@dataclass(frozen=True)
class Row:
    """One coalition in the table, already checked and in the portfolio's language."""

    slug: str
    name: str
    region: str
    wave: str
    used: int | None
    received: int | None
    invited: int | None                   # None: the coalition did not say (then no response rate)
    rate: float | None                    # usable responses of the invited, when that can be a rate
    blocks: dict[str, Score]
    roles: dict[str, Score]
    role_flags: dict[str, str | None]     # role → "unfilled" / "single_group" / None
    declared: str | None
    fitting: str | None
    mismatch: bool
    trust_density: float | None
    advice_count: int
    top_advice: str | None
    withheld: str | None                  # locale key of why no figures are shown, else None
    threshold: int
    bands: tuple[float, float] = (Settings.band_strength, Settings.band_attention)   # strength, attention


def _choice(value: str | None, allowed: tuple[str, ...]) -> str | None:
    return value if value in allowed else None


def _score(result: CoalitionResult, construct: str) -> Score:
    summary = result.constructs.get(construct)
    return Score(summary.mean, _choice(summary.shown_band, BANDS)) if summary else Score(None, None)


def portfolio_row(result: CoalitionResult, slug: str, instrument: Instrument, lang: str) -> Row:
    """A table row from one coalition's result as read back from its scores.json."""
    blocks = [c.code for c in instrument.constructs_in("bouwsteen")]
    roles = [c.code.removeprefix("rol_") for c in instrument.constructs_in("rol")]
    used, threshold = result.response.used, result.settings.anonymity_threshold
    found = result.governance
    # the invited only when every organisation says it and no count exceeds it (`Participation.rate`)
    taking_part = result.participation
    invited = taking_part.invited if taking_part and taking_part.rate is not None and taking_part.invited else None
    return Row(
        slug=slug, name=result.coalition.name or slug, region=result.coalition.region, wave=result.wave,
        used=used, received=result.response.received,
        invited=invited, rate=used / invited if invited else None,
        blocks={b: _score(result, b) for b in blocks},
        roles={r: _score(result, f"rol_{r}") for r in roles},
        role_flags={r: _choice(role.status if (role := result.roles.get(r)) else None, ROLE_FLAGS) for r in roles},
        declared=_choice(found.declared, GOVERNANCE_MODES),
        fitting=_choice(found.fitting, GOVERNANCE_MODES),
        mismatch=found.mismatch,
        trust_density=result.network.trust_density if result.network else None,
        advice_count=len(result.advice),
        top_advice=(result.advice[0].title.get(lang) or None) if result.advice else None,
        withheld=None if used >= threshold else "portfolio_too_few",
        threshold=threshold, bands=(result.settings.band_strength, result.settings.band_attention),
    )


def legend_bands(rows: list[Row]) -> tuple[tuple[float, float], list[Row]]:
    """The band thresholds most coalitions were read with, for the legend, and the rows read
    with other thresholds (named in the legend with their own)."""
    pairs = [row.bands for row in rows if not row.withheld]
    common = max(set(pairs), key=pairs.count) if pairs else (Settings.band_strength, Settings.band_attention)
    return common, [row for row in rows if not row.withheld and row.bands != common]


def unreadable_row(slug: str) -> Row:
    return Row(slug=slug, name=slug, region="", wave="", used=None, received=None, invited=None, rate=None,
               blocks={}, roles={},
               role_flags={}, declared=None, fitting=None, mismatch=False, trust_density=None,
               advice_count=0, top_advice=None, withheld="portfolio_unreadable",
               threshold=Settings.anonymity_threshold)


def read_rows(out_dir: Path, instrument: Instrument, lang: str) -> list[Row]:
    """One row per `<slug>/scores.json` in the folder (not in hidden folders such as the
    batch's staging area), sorted by coalition name."""
    rows = []
    for path in out_dir.glob("*/scores.json"):
        slug = path.parent.name
        if slug.startswith("."):
            continue
        try:
            result = CoalitionResult.from_json(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):     # ValueError: not UTF-8, not JSON, or not a result of this schema
            rows.append(unreadable_row(slug))
            continue
        rows.append(portfolio_row(result, slug, instrument, lang))
    return sorted(rows, key=lambda row: (row.name.casefold(), row.slug))


def _tint(colour: str, share: float) -> str | None:
    """The colour mixed with white (share of the colour kept), for a cell background that
    keeps dark text readable whatever band colours a brand picks; None if not #rgb/#rrggbb."""
    digits = colour.lstrip("#")
    if not colour.startswith("#") or len(digits) not in (3, 6):
        return None
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    try:
        channels = [int(digits[i:i + 2], 16) for i in (0, 2, 4)]
    except ValueError:
        return None
    return "#" + "".join(f"{round(255 - (255 - c) * share):02X}" for c in channels)


def band_css(brand: Brand) -> Markup:
    """Cell backgrounds per band: a light tint of the band colour (safe: built from checked hex)."""
    rules = []
    for band in BANDS:
        colour = css_colour(brand.bands[band])
        tint = _tint(colour, 0.35) if colour else None
        if tint:
            rules.append(f"td.band-{band}, .swatch.band-{band} {{ background: {tint}; }}")
    return Markup("\n".join(rules))


def portfolio_html(rows: list[Row], instrument: Instrument, brand: Brand, t: Translator, today: str) -> str:
    bands, own_bands = legend_bands(rows)
    return render_html(
        "portfolio.html.j2", brand.folder, rows=rows, instrument=instrument, brand=brand, t=t, today=today,
        blocks=[c.code for c in instrument.constructs_in("bouwsteen")],
        roles=[c.code.removeprefix("rol_") for c in instrument.constructs_in("rol")],
        version=__version__, page_css=page_css(brand, t), band_css=band_css(brand), bands=bands, band_names=BANDS,
        own_bands=own_bands,
    )


def folder_rows(out_dir: Path, t: Translator) -> list[Row]:
    """The rows of every coalition in an output folder (none when there is no folder)."""
    return read_rows(out_dir, load_instrument(), t.lang) if out_dir.is_dir() else []


def write_portfolio(out_dir: Path, brand: Brand, t: Translator, today: str | None = None,
                    rows: list[Row] | None = None) -> Path | None:
    """Write `out_dir/portfolio.pdf` from the coalitions' scores.json files (or the `rows`
    already read from them); None (and no file written) when the folder holds no results."""
    out_dir = Path(out_dir)
    instrument = load_instrument()
    rows = folder_rows(out_dir, t) if rows is None else rows
    if not rows:
        return None
    target = out_dir / "portfolio.pdf"
    write_pdf(portfolio_html(rows, instrument, brand, t, today or date.today().isoformat()), target, brand.folder)
    return target
