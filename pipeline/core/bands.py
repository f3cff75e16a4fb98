"""Which band a score is shown in: the one rule behind every colour and CSS class of a score.

The words of a score follow its 95% interval (`Translator.band_words`: "tussen aandachtspunt en
sterk punt" when it crosses a boundary), so its colour does too: a score drawn in the strength
colour by its mean while the text calls it "tussen" would claim a level the data do not show."""

from __future__ import annotations

BETWEEN = "between"
SHOWN_BANDS = ("strength", "attention", "concern", BETWEEN)     # the order of every legend


def shown_band(band: str | None, low: str | None = None, high: str | None = None) -> str | None:
    """`band` when the interval's ends (`low`, `high`; None: not known) lie in it, BETWEEN when
    one reaches into another band, None when there is no band (too few answers, or no level)."""
    if band is None:
        return None
    if (low and low != band) or (high and high != band):
        return BETWEEN
    return band
