"""Group breakdowns under the anonymity rule: no small group shown, and none recoverable by
subtraction from the overall figures and the groups shown (complementary suppression)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from pipeline.analysis.analyse import analyse
from pipeline.analysis.groups import MERGED, anonymous_groups, group_table, hidden_cells
from pipeline.analysis.result import CoalitionResult
from pipeline.core.coalition import load_coalition
from pipeline.ingest.responses import ingest_coalition

K = 5
INPUTS = Path(__file__).resolve().parents[1] / "inputs"


def subtraction_attack(overall: pd.Series, shown_means: dict[str, float | None], shown_counts: dict[str, int],
                       truth: pd.Series, k: int) -> list[str]:
    """What an attacker recovers for one construct: the overall n and mean (printed in the
    report) minus every group cell shown leaves the respondents not shown. That remainder is
    a leak when it rests on fewer than k scores, or is exactly one group's scores. Returns
    the leaked groups' names (the true labels), empty when the attack fails."""
    scored = overall.dropna()
    n_rest = len(scored) - sum(shown_counts.values())
    if n_rest == 0 or not shown_counts:      # nothing shown: the remainder is the overall figure
        return []
    total_rest = scored.sum() - sum(shown_means[g] * shown_counts[g] for g in shown_counts
                                    if shown_means[g] is not None)
    recovered = total_rest / n_rest
    not_shown = scored[~scored.index.isin(_shown_index(truth, shown_counts))]
    assert len(not_shown) == n_rest
    owners = truth[not_shown.index].unique()
    if n_rest < k or len(owners) == 1:
        assert recovered == pytest.approx(not_shown.mean())    # the attack works: it is a leak
        return [str(o) for o in owners]
    return []


def _shown_index(truth: pd.Series, shown_counts: dict[str, int]) -> pd.Index:
    return truth.index[truth.isin(list(shown_counts))]


def _attack_table(scores: pd.DataFrame, labels: pd.Series, k: int = K) -> list[str]:
    table = group_table(scores, labels, "actortype", k)
    groups = anonymous_groups(labels, k)
    leaks = []
    for construct in scores.columns:
        counts = dict(table.counts[construct])
        # the attacker sees the merged cell as one cell: its members are the pooled labels
        truth = labels.where(groups != MERGED, MERGED)
        leaks += subtraction_attack(scores[construct], dict(table.means[construct]), counts, truth, k)
    return leaks


def test_old_rule_leaks_and_new_rule_does_not():
    # 6 ggz and 3 vvt: hiding vvt alone lets overall − ggz give the 3 vvt answers away
    scores = pd.DataFrame({"actor": [4.0] * 6 + [2.0, 2.5, 1.5]})
    labels = pd.Series(["ggz"] * 6 + ["vvt"] * 3)
    naive_counts = {"ggz": 6}
    assert subtraction_attack(scores["actor"], {"ggz": 4.0}, naive_counts, labels, K) == ["vvt"]
    assert _attack_table(scores, labels) == []
    table = group_table(scores, labels, "actortype", K)
    assert table.sizes == {}                        # one pooled group of everyone: no breakdown
    assert table.hidden == 9


def test_a_hidden_group_takes_the_smallest_shown_one_with_it():
    labels = pd.Series(["ggz"] * 12 + ["vvt"] * 7 + ["gemeente"] * 6 + ["burgers"] * 2)
    groups = anonymous_groups(labels, K)
    assert groups.isna().sum() == 0
    assert set(groups) == {"ggz", "vvt", MERGED}                  # gemeente (6) joins burgers (2)
    assert (groups == MERGED).sum() == 8


def test_small_groups_together_large_enough_are_merged_alone():
    labels = pd.Series(["ggz"] * 6 + ["vvt"] * 3 + ["gemeente"] * 2 + ["burgers"] * 1)
    groups = anonymous_groups(labels, K)
    assert set(groups) == {"ggz", MERGED} and (groups == MERGED).sum() == 6


def test_missing_labels_are_pooled_not_dropped():
    labels = pd.Series(["ggz"] * 8 + ["vvt"] * 8 + [None])
    groups = anonymous_groups(labels, K)
    assert groups.notna().all()
    assert (groups == MERGED).sum() == 9            # the one without a label and the smallest group


def test_missing_answers_hide_a_second_cell_per_construct():
    # groups of 8, 7 and 6; on 'actor' the vvt cell has only 3 scores
    rng = np.random.default_rng(1)
    labels = pd.Series(["ggz"] * 8 + ["vvt"] * 7 + ["gemeente"] * 6)
    actor = pd.Series(rng.uniform(1, 5, 21))
    actor[[8, 9, 10, 11]] = np.nan
    scores = pd.DataFrame({"actor": actor, "identiteit": rng.uniform(1, 5, 21)})
    table = group_table(scores, labels, "actortype", K)
    assert table.means["actor"]["vvt"] is None
    assert table.means["actor"]["gemeente"] is None                 # the smallest other cell with it
    assert table.means["actor"]["ggz"] is not None
    assert all(v is not None for v in table.means["identiteit"].values())
    assert _attack_table(scores, labels) == []
    assert not any(d.group in {"vvt", "gemeente"} for d in table.differences if d.construct == "actor")


def test_hidden_cells_that_cannot_reach_k_hide_the_row():
    assert hidden_cells({"a": 3, "b": 0, "c": 1}, K) == {"a", "b", "c"}
    assert hidden_cells({"a": 3, "b": 6, "c": 9}, K) == {"a", "b"}
    assert hidden_cells({"a": 6, "b": 9}, K) == set()


@pytest.mark.parametrize("seed", range(30))
def test_subtraction_attack_fails_on_random_breakdowns(seed):
    rng = np.random.default_rng(seed)
    sizes = rng.integers(1, 12, size=rng.integers(2, 7))
    labels = pd.Series([f"g{i}" for i, size in enumerate(sizes) for _ in range(size)])
    values = rng.uniform(1, 5, (len(labels), 3))
    values[rng.random(values.shape) < 0.2] = np.nan               # missing answers per construct
    scores = pd.DataFrame(values, columns=["actor", "identiteit", "ambities"])
    assert _attack_table(scores, labels) == []
    table = group_table(scores, labels, "actortype", K)
    assert all(n >= K for n in table.sizes.values())
    assert all(n >= K for cells in table.counts.values() for n in cells.values())


def test_single_organisation_groups_are_named():
    labels = pd.Series(["ggz"] * 6 + ["vvt"] * 6)
    organisations = pd.Series(["o1"] * 6 + ["o2"] * 3 + ["o3"] * 3)
    scores = pd.DataFrame({"actor": np.linspace(1, 5, 12)})
    table = group_table(scores, labels, "actortype", K, organisations)
    assert table.single_organisation == ("ggz",)


@pytest.mark.parametrize("slug", sorted(p.name for p in INPUTS.iterdir() if (p / "coalition.yaml").exists()))
def test_subtraction_attack_fails_on_the_examples_scores_json(slug):
    """On each example's scores.json (as written and read back): per construct, the overall n
    minus the shown cells is zero or holds at least k scores in at least two hidden cells."""
    coalition = load_coalition(INPUTS / slug)
    assert_no_subtraction_leak(CoalitionResult.from_json(analyse(coalition, ingest_coalition(coalition),
                                                                 advise=False).to_json()))


def assert_no_subtraction_leak(result: CoalitionResult) -> None:
    """The attack on a scores.json: per construct, the overall n minus every shown cell is zero,
    or holds at least k scores spread over at least two hidden cells (their sum is all it gives)."""
    k = result.settings.anonymity_threshold
    assert k >= 5
    for table in result.groups.values():
        if not table.sizes:         # no breakdown shown: the remainder is the overall figure itself
            continue
        assert all(n >= k for n in table.sizes.values())
        for construct, cells in table.counts.items():
            assert all(n >= k for n in cells.values())
            rest = result.constructs[construct].n - sum(cells.values())
            hidden = [g for g in table.sizes if g not in cells]
            assert rest == 0 or (rest >= k and len(hidden) >= 2), (table.by, construct, rest, hidden)
            assert set(cells) == {g for g, m in table.means[construct].items() if m is not None}
