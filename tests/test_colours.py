"""The report's colours stay apart for readers with a red-green colour-vision deficiency.

Each palette is simulated for deuteranopia and protanopia (colorspacious, severity 100) and
every pair of neighbours (Likert answers next to each other in a stacked bar; every pair of
bands, which sit side by side in tiles and charts) must differ by at least `MIN_DIFFERENCE`
in CAM02-UCS, where about 1 is just noticeable; categories a reader must tell apart at a
glance need far more."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import matplotlib.colors as mcolors
import pytest
from colorspacious import cspace_convert, deltaE

from pipeline.core.bands import SHOWN_BANDS
from pipeline.report.brand import BAND_COLOURS, load_brand
from pipeline.report.charts import likert_colours

MIN_DIFFERENCE = 12.0
BRANDS = Path(__file__).resolve().parents[1] / "templates" / "brands"
DEFICIENCIES = ("deuteranomaly", "protanomaly")


def seen(colour: str, deficiency: str) -> tuple[float, float, float]:
    simulated = cspace_convert(mcolors.to_rgb(colour), {"name": "sRGB1+CVD", "cvd_type": deficiency,
                                                        "severity": 100}, "sRGB1")
    return tuple(float(min(max(v, 0.0), 1.0)) for v in simulated)


def difference(a: str, b: str, deficiency: str) -> float:
    return float(deltaE(seen(a, deficiency), seen(b, deficiency), input_space="sRGB1", uniform_space="CAM02-UCS"))


@pytest.mark.parametrize("deficiency", DEFICIENCIES)
def test_neighbouring_likert_answers_stay_apart(deficiency):
    colours = likert_colours(load_brand())
    for a, b in zip(colours, colours[1:], strict=False):
        assert difference(a, b, deficiency) >= MIN_DIFFERENCE, (a, b, round(difference(a, b, deficiency), 1))


@pytest.mark.parametrize("deficiency", DEFICIENCIES)
def test_every_pair_of_bands_stays_apart(deficiency):
    assert "between" in BAND_COLOURS        # the colour of a score whose interval crosses a boundary
    for a, b in combinations(BAND_COLOURS.values(), 2):
        assert difference(a, b, deficiency) >= MIN_DIFFERENCE, (a, b, round(difference(a, b, deficiency), 1))


@pytest.mark.parametrize("brand", [None, BRANDS / "zuidkust-advies"])
@pytest.mark.parametrize("deficiency", DEFICIENCIES)
def test_each_brand_keeps_its_bands_and_between_apart(brand, deficiency):
    """Both shipped brands, with their "between" colour, and apart from the grey of a score
    with too few answers (the brand's muted colour on a badge)."""
    loaded = load_brand(brand)
    colours = [*(loaded.bands[band] for band in SHOWN_BANDS), loaded.muted]
    assert len(colours) == 5
    for a, b in combinations(colours, 2):
        assert difference(a, b, deficiency) >= MIN_DIFFERENCE, (a, b, round(difference(a, b, deficiency), 1))


def test_a_palette_that_collapses_is_caught():
    """The check can fail: red and green of equal lightness look alike to a deuteranope."""
    assert difference("#D55E00", "#5E8C00", "deuteranomaly") < MIN_DIFFERENCE
