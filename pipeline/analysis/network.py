"""The network's structure from the relational questions: who works with whom, and who trusts whom.

Every respondent rates every other organisation on the roster for collaboration (0-3) and
trust (1-4). Ratings are pooled per organisation pair, so the map and its figures describe
organisations, never people: a pair's value is the mean of every rating between the two, in
either direction, and a tie is a pair whose pooled collaboration reaches the tie setting.

Relational answers are personal answers, so the anonymity rule holds for them too (k, the
anonymity threshold): a pair's strength is shown only when at least k people rated it, both
directions together; below k only that the tie exists is shown, never its strength. Figures
for the whole network (density, centralisation, reciprocity, trust) need at least k people
who answered the relation questions; with fewer they are not computed.

An organisation without respondents can still be rated by others, but what rests on its own
answers is not computed for it: no degree, never central, loose or isolated, and reciprocity
and centralisation count responding organisations only. Density is the share of tied pairs
among the pairs somebody rated: a pair of two silent organisations is unknown, not untied.

Measures (as in the PARTNER tool and Provan & Kenis):
- density: share of rated organisation pairs with a tie;
- degree centralisation (Freeman): 0 when every organisation has as many ties, 1 for a star;
- reciprocity: share of directed ties that are returned;
- trust density: share of rated pairs whose mean trust is high; mean trust over all ratings.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from pipeline.core.coalition import Organisation
from pipeline.core.instrument import RELATION_SEPARATOR

if TYPE_CHECKING:
    # imported where a graph is built: the batch's own process reads `NetworkStructure` through
    # the result model and never builds one, and networkx takes 0.2 s to import
    import networkx as nx

INTENSITY, TRUST = "rel_intensiteit", "rel_vertrouwen"
CENTRAL_SHOWN = 3
MAP_LIMIT = 30      # more organisations than this: the map shows the best-connected ones, a table all


@dataclass(frozen=True)
class Tie:
    source: str
    target: str
    intensity: float | None   # mean collaboration over both directions, 0-3; None: fewer than k raters


@dataclass(frozen=True)
class PairRatings:
    """All ratings between two organisations, both directions together."""

    mean: float
    raters: int


@dataclass(frozen=True)
class NetworkStructure:
    organisations: int
    responding_organisations: int
    ties: tuple[Tie, ...]
    density: float | None
    centralisation: float | None
    reciprocity: float | None
    trust_density: float | None
    mean_trust: float | None
    rated_pairs: int
    components: int
    degrees: Mapping[str, int]         # responding organisation code -> number of ties
    central: tuple[str, ...]           # codes of the most connected responding organisations (most_connected)
    isolated: tuple[str, ...]          # responding codes with no tie
    peripheral: tuple[str, ...]        # responding codes with exactly one tie
    layout: Mapping[str, tuple[float, float]]  # code -> x, y on the network map (the core above MAP_LIMIT)
    not_responding: tuple[str, ...] = ()   # codes of organisations without respondents
    raters: int = 0                        # respondents who answered a relation question


def directed_ratings(frame: pd.DataFrame, question: str, codes: list[str]) -> pd.DataFrame:
    """Mean rating per (rating organisation, rated organisation); NaN where nobody rated."""
    columns = {f"{question}{RELATION_SEPARATOR}{code}": code for code in codes}
    present = [c for c in columns if c in frame]
    ratings = frame[present].rename(columns=columns).astype(float)
    means = ratings.groupby(frame["organisatie"]).mean()
    matrix = means.reindex(index=codes, columns=codes)
    for code in codes:
        matrix.loc[code, code] = float("nan")
    return matrix


def pair_ratings(frame: pd.DataFrame, question: str, codes: list[str]) -> dict[tuple[str, str], PairRatings]:
    """Mean and number of ratings between two organisations, in either direction, per unordered
    pair (codes sorted). Each respondent rates each organisation once, so ratings are raters."""
    columns = {f"{question}{RELATION_SEPARATOR}{code}": code for code in codes}
    long = (frame[[c for c in columns if c in frame]].rename(columns=columns).astype(float)
            .assign(rater=frame["organisatie"]).melt(id_vars="rater", var_name="rated").dropna())
    long = long[long["rater"] != long["rated"]]
    rater, rated = long["rater"].to_numpy(dtype=object), long["rated"].to_numpy(dtype=object)
    swap = rater > rated                  # row-wise min and max of two strings, without pandas' slow path
    first = pd.Series(np.where(swap, rated, rater), index=long.index)
    second = pd.Series(np.where(swap, rater, rated), index=long.index)
    grouped = long["value"].groupby([first, second]).agg(["mean", "count"])
    return {(str(a), str(b)): PairRatings(float(row["mean"]), int(row["count"])) for (a, b), row in grouped.iterrows()}


def relation_raters(frame: pd.DataFrame, question: str) -> int:
    """Respondents who gave at least one rating for this relation question."""
    columns = [c for c in frame if c.startswith(question + RELATION_SEPARATOR)]
    return int(frame[columns].notna().any(axis=1).sum()) if columns else 0


def degree_centralisation(graph: nx.Graph) -> float | None:
    n: int = graph.number_of_nodes()
    if n < 3:
        return None
    degrees: list[int] = [d for _, d in graph.degree()]
    return sum(max(degrees) - d for d in degrees) / ((n - 1) * (n - 2))


def most_connected(ranked: list[str], degrees: Mapping[str, int], shown: int = CENTRAL_SHOWN) -> tuple[str, ...]:
    """The organisations named as most connected, never a cut through a tie. Of the responding
    organisations with more than one tie (one tie is loose, not central), most ties first:
    all of them when they are at most `shown`; otherwise those with more ties than the one
    ranked `shown`-th (the cut-off degree), so every organisation tied at the cut-off is left
    out together. When none is above the cut-off, no organisation stands out and none is named."""
    candidates = [c for c in ranked if degrees[c] > 1]
    if len(candidates) <= shown:
        return tuple(candidates)
    cut = degrees[candidates[shown - 1]]
    return tuple(c for c in candidates if degrees[c] > cut)


def shown_strength(pair: PairRatings, threshold: int) -> float | None:
    """The pair's mean collaboration, or None when fewer than `threshold` people rated the pair."""
    return round(pair.mean, 3) if pair.raters >= threshold else None


def network_structure(frame: pd.DataFrame, organisations: tuple[Organisation, ...], tie_intensity: float,
                      high_trust: float, threshold: int) -> NetworkStructure:
    """The organisation network; `threshold` is the anonymity threshold k."""
    import networkx as nx

    codes = [o.code for o in organisations]
    intensity = directed_ratings(frame, INTENSITY, codes)
    responding = [c for c in codes if intensity.loc[c].notna().any()]
    pooled = pair_ratings(frame, INTENSITY, codes)
    ties = [Tie(a, b, shown_strength(pair, threshold)) for (a, b), pair in sorted(pooled.items())
            if pair.mean >= tie_intensity]
    graph = nx.Graph()
    graph.add_nodes_from(codes)
    graph.add_edges_from((t.source, t.target) for t in ties)
    directed = nx.DiGraph()
    directed.add_nodes_from(responding)
    directed.add_edges_from((a, b) for a in responding for b in responding if intensity.loc[a, b] >= tie_intensity)
    raters = relation_raters(frame, INTENSITY)
    enough = raters >= threshold
    trust = pair_ratings(frame, TRUST, codes)
    trust_ratings = frame[[c for c in frame if c.startswith(TRUST + RELATION_SEPARATOR)]].stack()
    trusted = relation_raters(frame, TRUST) >= threshold and bool(trust)
    degrees = {c: int(d) for c, d in graph.degree() if c in responding}
    ranked = sorted(responding, key=lambda c: (-degrees[c], codes.index(c)))
    return NetworkStructure(
        organisations=len(codes),
        responding_organisations=len(responding),
        ties=tuple(ties),
        density=len(ties) / len(pooled) if enough and pooled else None,
        centralisation=degree_centralisation(graph.subgraph(responding)) if enough else None,
        reciprocity=nx.reciprocity(directed) if enough and directed.number_of_edges() else None,
        trust_density=sum(p.mean >= high_trust for p in trust.values()) / len(trust) if trusted else None,
        mean_trust=float(trust_ratings.astype(float).mean()) if trusted else None,
        rated_pairs=len(trust),
        components=nx.number_connected_components(graph) if codes else 0,
        degrees=degrees,
        central=most_connected(ranked, degrees),
        isolated=tuple(c for c in responding if degrees[c] == 0),
        peripheral=tuple(c for c in responding if degrees[c] == 1),
        layout=map_layout(graph.subgraph(map_core(graph, responding, codes))),
        not_responding=tuple(c for c in codes if c not in responding),
        raters=raters,
    )


def map_core(graph: nx.Graph, responding: list[str], codes: list[str]) -> list[str]:
    """The organisations the map draws: all of them up to MAP_LIMIT; above it the MAP_LIMIT
    best-connected responding organisations, since sixty labelled dots cannot be read."""
    if len(codes) <= MAP_LIMIT:
        return codes
    ranked = sorted(responding, key=lambda c: (-graph.degree(c), codes.index(c)))
    core = set(ranked[:MAP_LIMIT])
    return [c for c in codes if c in core]


# the map's layout in units of a typical tie's length: dots at least MAP_APART apart, a dot at
# least MAP_CLEAR from every tie it is not an end of, parts MAP_GAP apart
MAP_APART, MAP_CLEAR, MAP_GAP = 0.8, 0.4, 1.6
MAP_ROW = 1.4       # between the dots of the row of organisations without a tie


def map_layout(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Positions for the network map; deterministic, so the same answers always draw the same map.

    One layout for a disconnected graph lets its parts and lone organisations land on each other,
    so that an organisation without a tie looks tied. Each connected part is laid out on its own
    (Kamada-Kawai, scaled so that a typical tie is one unit long, then nudged until no dot sits on
    another or on a tie it is not an end of) and the parts stand side by side, largest first;
    organisations without a tie stand apart in a row along the bottom. The units are the same
    both ways: the map draws them at equal scale (`charts._draw_network`)."""
    nodes = list(graph.nodes)
    if not nodes:
        return {}
    import networkx as nx

    order = {node: i for i, node in enumerate(nodes)}
    parts = sorted((sorted(part, key=order.__getitem__) for part in nx.connected_components(graph) if len(part) > 1),
                   key=lambda part: (-len(part), order[part[0]]))
    lone = [node for node in nodes if graph.degree(node) == 0]
    laid = [_part_layout(graph.subgraph(part), part) for part in parts]
    widths = [max(x for x, _ in p.values()) - min(x for x, _ in p.values()) for p in laid]
    # the parts side by side, on shelves when that gives the map a larger scale: try each width
    # a shelf may have and keep the arrangement whose bounds fit the map's shape best
    limits = sorted({sum(widths[:n]) + MAP_GAP * (n - 1) for n in range(1, len(laid) + 1)}) or [0.0]
    arranged = [_arrange(laid, lone, limit) for limit in limits]
    positions = min(arranged, key=_squeeze)
    return {node: (round(float(x), 4), round(float(y), 4)) for node, (x, y) in
            ((node, positions[node]) for node in nodes)}


MAP_SHAPE = 1.3    # the map's room, width over height, for the parts (its labels need room at the sides)


def _squeeze(positions: dict[str, tuple[float, float]]) -> float:
    """How small an arrangement draws on the map: its bounds against the map's shape."""
    xs, ys = [x for x, _ in positions.values()], [y for _, y in positions.values()]
    return max((max(xs) - min(xs)) / MAP_SHAPE, max(ys) - min(ys))


def _arrange(laid: list[dict[str, tuple[float, float]]], lone: list[str],
             limit: float) -> dict[str, tuple[float, float]]:
    """The parts (largest first) side by side on shelves at most `limit` wide, top-aligned, and the
    organisations without a tie in rows under them."""
    positions: dict[str, tuple[float, float]] = {}
    cursor, top, shelf, width = 0.0, 0.0, 0.0, 0.0
    for placed in laid:
        xs, ys = [x for x, _ in placed.values()], [y for _, y in placed.values()]
        part_width, part_height = max(xs) - min(xs), max(ys) - min(ys)
        if cursor > 0 and cursor + part_width > limit + 1e-9:
            cursor, top, shelf = 0.0, top - shelf - MAP_GAP, 0.0
        shift_x, shift_y = cursor - min(xs), top - max(ys)
        positions |= {node: (x + shift_x, y + shift_y) for node, (x, y) in placed.items()}
        width = max(width, cursor + part_width)
        cursor += part_width + MAP_GAP
        shelf = max(shelf, part_height)
    if lone:
        per_row = max(int(max(width, 4 * MAP_ROW) // MAP_ROW) + 1, 1)
        below = min(y for _, y in positions.values()) - MAP_GAP if positions else 0.0
        for i, node in enumerate(lone):
            row, column = divmod(i, per_row)
            count = min(per_row, len(lone) - row * per_row)
            start = (width - MAP_ROW * (count - 1)) / 2
            positions[node] = (start + MAP_ROW * column, below - row * MAP_ROW * 0.8)
    return positions


def _part_layout(part: nx.Graph, nodes: list[str]) -> dict[str, tuple[float, float]]:
    """A connected part's positions, a typical tie one unit long, no dot on another or on a tie."""
    if len(nodes) == 2:
        return {nodes[0]: (0.0, 0.0), nodes[1]: (1.0, 0.0)}
    import networkx as nx

    start = nx.circular_layout(nodes)
    found = nx.kamada_kawai_layout(part, pos=start)
    points = np.array([found[node] for node in nodes], dtype=float)
    index = {node: i for i, node in enumerate(nodes)}
    edges = [(index[a], index[b]) for a, b in part.edges]
    lengths = [float(np.linalg.norm(points[a] - points[b])) for a, b in edges]
    points /= float(np.median(lengths)) or 1.0
    points = _lie_flat(_spread(points, edges))
    return {node: (float(x), float(y)) for node, (x, y) in zip(nodes, points, strict=True)}


def _lie_flat(points: np.ndarray) -> np.ndarray:
    """Turn a part so that its longest extent runs across: the map is wider than it is tall.
    The sign of each axis is fixed (the first dot left of and above the middle), so the same
    part always lies the same way."""
    centred = points - points.mean(axis=0)
    _, vectors = np.linalg.eigh(centred.T @ centred)
    turned: np.ndarray = centred @ vectors[:, ::-1]          # the axis of largest spread first
    for axis, sign in ((0, -1), (1, 1)):
        if turned[0, axis] * sign < 0:
            turned[:, axis] *= -1
    return turned


def _spread(points: np.ndarray, edges: list[tuple[int, int]], rounds: int = 400) -> np.ndarray:
    """Nudge dots apart until each is MAP_APART from every other and MAP_CLEAR from every tie it
    is not an end of (or the rounds run out); deterministic."""
    points = points.copy()
    count = len(points)
    for _ in range(rounds):
        moved = False
        for i in range(count):
            for j in range(i + 1, count):
                step = points[j] - points[i]
                distance = float(np.hypot(*step))
                if distance < MAP_APART:
                    direction = step / distance if distance > 1e-9 else np.array([1.0, 0.3]) / np.hypot(1.0, 0.3)
                    push = (MAP_APART - distance) / 2 + 1e-3
                    points[i] -= direction * push
                    points[j] += direction * push
                    moved = True
        for a, b in edges:
            segment = points[b] - points[a]
            squared = float(segment @ segment) or 1e-12
            for k in range(count):
                if k in (a, b):
                    continue
                along = min(max(float((points[k] - points[a]) @ segment) / squared, 0.0), 1.0)
                away = points[k] - (points[a] + along * segment)
                distance = float(np.hypot(*away))
                if distance < MAP_CLEAR:
                    direction = (away / distance if distance > 1e-9
                                 else np.array([-segment[1], segment[0]]) / math.sqrt(squared))
                    points[k] += direction * (MAP_CLEAR - distance + 1e-3)
                    moved = True
        if not moved:
            break
    return points
