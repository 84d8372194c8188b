"""Reach, greedy maximum coverage (checked by brute force) and referral plans."""

import itertools
import math
import random

import networkx as nx
import pytest

from workbench.errors import InputError
from workbench.network.demo import demo_network
from workbench.network.reach import cover, greedy_max_cover, levels, reach, reach_table, referral_plan


def test_levels_on_a_small_graph():
    G = nx.Graph([("me", "a"), ("me", "b"), ("a", "c"), ("b", "c"), ("c", "d"), ("a", "b")])
    G.nodes["me"]["kind"] = "rep"
    l1, l2 = levels(G, "me")
    assert l1 == {"a", "b"} and l2 == {"c"}
    assert reach(G, "me") == {"level1": 2, "level2": 1}
    with pytest.raises(InputError):
        reach(G, "ghost")


def test_team_reach_is_the_union():
    t = reach_table(demo_network()).set_index("who")
    assert t.loc["team", "level1"] == 6
    assert t.loc["team", "level1"] <= t.loc["in/sam", "level1"] + t.loc["in/lina", "level1"]


def brute_force_best(sets, k):
    return max(len(set().union(*(sets[c] for c in combo))) if combo else 0
               for combo in itertools.combinations(sets, min(k, len(sets))))


def test_greedy_cover_tricky_case_and_guarantee():
    # the classic case where greedy is not optimal: it takes the big middle set first
    sets = {"mid": {1, 2, 3, 4}, "left": {1, 2, 5}, "right": {3, 4, 6}}
    chosen = greedy_max_cover(sets, 2)
    assert [c for c, _ in chosen] == ["mid", "left"]
    assert len(set().union(*(set(n) for _, n in chosen))) == 5
    assert brute_force_best(sets, 2) == 6
    assert 5 >= (1 - 1 / math.e) * 6


@pytest.mark.parametrize("seed", range(20))
def test_greedy_cover_reaches_one_minus_one_over_e_of_brute_force(seed):
    rnd = random.Random(seed)
    sets = {f"c{i}": set(rnd.sample(range(15), rnd.randint(1, 6))) for i in range(8)}
    for k in (1, 2, 3):
        got = sum(len(n) for _, n in greedy_max_cover(sets, k))
        best = brute_force_best(sets, k)
        assert got >= (1 - 1 / math.e) * best
        if k == 1:
            assert got == best


def test_greedy_stops_when_nothing_new_and_rejects_negative_k():
    assert greedy_max_cover({"a": {1}, "b": {1}}, 5) == [("a", [1])]
    with pytest.raises(InputError):
        greedy_max_cover({}, -1)


def test_cover_on_demo_network():
    df = cover(demo_network(), ["Orion", "Vega", "Atlas", "Nowhere"], k=3)
    assert df["covered"].iloc[-1] == 3
    assert df.attrs["uncovered"] == ["Nowhere"]
    assert df["covered"].is_monotonic_increasing
    with pytest.raises(InputError):
        cover(demo_network(), [], k=2)


def test_referral_plan_suggests_names_the_rep_does_not_know():
    plan = referral_plan(demo_network(), "Sam Lee", targets=["Vega"])
    row = plan.iloc[0]
    assert row["name"] == "Bo Chen" and row["at_targets"] == 1 and "Eve Fox" in row["ask_for"]
    assert "introduction" in row["message"]
