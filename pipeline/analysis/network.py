"""The network's structure from the relational questions: who works with whom, and who trusts whom.

Every respondent rates every other organisation on the roster for collaboration (0-3) and
trust (1-4). Ratings are pooled per organisation, so the map and its figures describe
organisations, never people: a tie between two organisations is the mean of everything
their respondents said about each other. Organisations without respondents can still
receive ties; they just cannot send any, so reciprocity is measured among responding
organisations only.

Measures (as in the PARTNER tool and Provan & Kenis):
- density: share of organisation pairs with a tie;
- degree centralisation (Freeman): 0 when every organisation has as many ties, 1 for a star;
- reciprocity: share of directed ties that are returned;
- trust density: share of rated pairs whose mean trust is high; mean trust over all ratings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx
import pandas as pd

from pipeline.core.coalition import Organisation
from pipeline.core.instrument import RELATION_SEPARATOR

INTENSITY, TRUST = "rel_intensiteit", "rel_vertrouwen"
CENTRAL_SHOWN = 3


@dataclass(frozen=True)
class Tie:
    source: str
    target: str
    intensity: float          # mean collaboration over both directions, 0-3


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
    degrees: Mapping[str, int]         # organisation code -> number of ties
    central: tuple[str, ...]           # codes of the most connected organisations
    isolated: tuple[str, ...]          # codes with no tie
    peripheral: tuple[str, ...]        # codes with exactly one tie
    layout: Mapping[str, tuple[float, float]]  # code -> x, y on the network map


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


def pair_means(frame: pd.DataFrame, question: str, codes: list[str]) -> dict[tuple[str, str], float]:
    """Mean of every rating between two organisations, in either direction, per unordered pair."""
    columns = {f"{question}{RELATION_SEPARATOR}{code}": code for code in codes}
    long = (frame[[c for c in columns if c in frame]].rename(columns=columns).astype(float)
            .assign(rater=frame["organisatie"]).melt(id_vars="rater", var_name="rated").dropna())
    long = long[long["rater"] != long["rated"]]
    first = long[["rater", "rated"]].min(axis=1)
    second = long[["rater", "rated"]].max(axis=1)
    means = long["value"].groupby([first, second]).mean()
    return {(str(a), str(b)): float(v) for (a, b), v in means.items()}


def degree_centralisation(graph: nx.Graph) -> float | None:
    n: int = graph.number_of_nodes()
    if n < 3:
        return None
    degrees: list[int] = [d for _, d in graph.degree()]
    return sum(max(degrees) - d for d in degrees) / ((n - 1) * (n - 2))


def network_structure(frame: pd.DataFrame, organisations: tuple[Organisation, ...], tie_intensity: float,
                      high_trust: float) -> NetworkStructure:
    codes = [o.code for o in organisations]
    intensity = directed_ratings(frame, INTENSITY, codes)
    directed = nx.DiGraph()
    directed.add_nodes_from(codes)
    directed.add_edges_from((a, b) for a in codes for b in codes if intensity.loc[a, b] >= tie_intensity)
    graph = nx.Graph()
    graph.add_nodes_from(codes)
    pooled = pair_means(frame, INTENSITY, codes)
    ties = [Tie(a, b, round(pooled.get((min(a, b), max(a, b)), float("nan")), 3))
            for a, b in directed.to_undirected().edges()]
    graph.add_edges_from((t.source, t.target) for t in ties)
    responding = [c for c in codes if intensity.loc[c].notna().any()]
    answered = directed.subgraph(responding)
    trust = pair_means(frame, TRUST, codes)
    ratings = frame[[c for c in frame if c.startswith(TRUST + RELATION_SEPARATOR)]].stack()
    degrees = dict(graph.degree())
    ranked = sorted(codes, key=lambda c: (-degrees[c], codes.index(c)))
    return NetworkStructure(
        organisations=len(codes),
        responding_organisations=len(responding),
        ties=tuple(ties),
        density=nx.density(graph) if len(codes) > 1 else None,
        centralisation=degree_centralisation(graph),
        reciprocity=nx.reciprocity(answered) if answered.number_of_edges() else None,
        trust_density=(sum(v >= high_trust for v in trust.values()) / len(trust)) if trust else None,
        mean_trust=float(ratings.astype(float).mean()) if len(ratings) else None,
        rated_pairs=len(trust),
        components=nx.number_connected_components(graph) if codes else 0,
        degrees=degrees,
        central=tuple(c for c in ranked[:CENTRAL_SHOWN] if degrees[c] > 1),   # one tie is loose, not central
        isolated=tuple(c for c in codes if degrees[c] == 0),
        peripheral=tuple(c for c in codes if degrees[c] == 1),
        layout=map_layout(graph),
    )


def map_layout(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Positions for the network map; seeded, so the same answers always draw the same map."""
    if graph.number_of_nodes() == 0:
        return {}
    positions = nx.kamada_kawai_layout(graph) if graph.number_of_edges() else nx.circular_layout(graph)
    return {node: (round(float(x), 4), round(float(y), 4)) for node, (x, y) in positions.items()}
