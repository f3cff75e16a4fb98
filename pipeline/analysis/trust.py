"""How trust is spread over the organisations: its density and how centralised it is.

Provan & Kenis name both: shared governance needs trust that is dense and spread over every
pair, a lead organisation works where trust is thin but centred on one organisation that
the others trust. Density is the share of rated pairs with high mean trust; centralisation
is Freeman's degree centralisation of the graph of those high-trust pairs (0: every
organisation trusted by as many others, 1: one organisation in the middle of a star). Pairs
are pooled over both directions (`pair_ratings`), so a figure describes organisations. Like
the network's own trust figures it is only computed when at least k people rated trust."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pipeline.analysis.network import TRUST, pair_ratings

CENTRES_SHOWN = 2


@dataclass(frozen=True)
class TrustSpread:
    density: float | None           # share of rated pairs with mean trust >= high_trust
    centralisation: float | None    # Freeman degree centralisation of the high-trust pairs, 0-1
    centres: tuple[str, ...]        # organisations with the most high-trust pairs (when centralised)
    rated_pairs: int


def trust_spread(frame: pd.DataFrame, codes: list[str], high_trust: float) -> TrustSpread:
    """Density and centralisation of high trust among the roster's organisations."""
    pairs = {pair: r.mean for pair, r in pair_ratings(frame, TRUST, codes).items()} if codes else {}
    if not pairs:
        return TrustSpread(None, None, (), 0)
    rated: dict[str, int] = {}
    trusted: dict[str, int] = {}
    for pair, value in pairs.items():
        for code in pair:
            rated[code] = rated.get(code, 0) + 1
            trusted[code] = trusted.get(code, 0) + (value >= high_trust)
    shares = {c: trusted[c] / rated[c] for c in codes if c in rated}
    density = sum(v >= high_trust for v in pairs.values()) / len(pairs)
    top = max(shares.values())
    centres = tuple(c for c in shares if top > 0 and shares[c] == top)[:CENTRES_SHOWN]
    # without a single high-trust pair there is no trust to be centred or spread: not measured
    return TrustSpread(density, centralisation(list(shares.values())) if top > 0 else None, centres, len(pairs))


def centralisation(shares: list[float]) -> float | None:
    """Freeman's degree centralisation on each organisation's share of its rated pairs that are
    high-trust: sum of the distances to the highest share over n − 2, which is 0 when trust is
    spread evenly and 1 for a star (one organisation trusted by all, the others by it alone).
    With every pair rated it equals Freeman's measure on the high-trust graph; the shares keep
    pairs nobody rated (two organisations without respondents) from counting as distrust."""
    n = len(shares)
    if n < 3:
        return None
    return min(1.0, sum(max(shares) - s for s in shares) / (n - 2))
