"""Connector ranking: reference values (Florentine families, Krackhardt kite, Burt), brokerage, sampling, reasons."""

import importlib.util
import itertools

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from workbench.errors import InputError
from workbench.network.betweenness import betweenness, top_agreement
from workbench.network.brokerage import brokerage
from workbench.network.command import connectors_output
from workbench.network.connectors import rank_connectors
from workbench.network.holes import structural_holes

FLORENTINE = {"Medici": 0.522, "Guadagni": 0.255, "Albizzi": 0.212, "Salviati": 0.143, "Ridolfi": 0.114,
              "Bischeri": 0.104, "Strozzi": 0.103, "Barbadori": 0.093, "Tornabuoni": 0.092,
              "Castellani": 0.055, "Peruzzi": 0.022}


@pytest.mark.parametrize("engine", ["exact", "auto", "networkx"])
def test_florentine_betweenness(engine):
    b = betweenness(nx.florentine_families_graph(), engine=engine)
    for family, value in FLORENTINE.items():
        assert b[family] == pytest.approx(value, abs=1e-3)
    for family in set(b.index) - set(FLORENTINE):
        assert b[family] == 0


def test_florentine_with_igraph_when_installed():
    pytest.importorskip("igraph")
    b = betweenness(nx.florentine_families_graph(), engine="igraph")
    assert b["Medici"] == pytest.approx(0.522, abs=1e-3)


def test_krackhardt_kite_raw_and_normalised():
    G = nx.krackhardt_kite_graph()
    raw = betweenness(G, normalized=False)
    expected = {0: 0.833, 1: 0.833, 2: 0, 3: 3.667, 4: 0, 5: 8.333, 6: 8.333, 7: 14.0, 8: 8.0, 9: 0}
    for node, value in expected.items():
        assert raw[node] == pytest.approx(value, abs=1e-3)
    norm = betweenness(G)
    assert norm[7] == pytest.approx(0.389, abs=1e-3)
    assert norm[3] == pytest.approx(0.102, abs=1e-3)


def test_karate_club_and_disconnected_graph_match_networkx():
    G = nx.karate_club_graph()
    b = betweenness(G)
    assert b[0] == pytest.approx(0.4376, abs=1e-4) and b[33] == pytest.approx(0.3041, abs=1e-4)
    H = nx.disjoint_union(nx.path_graph(5), nx.star_graph(4))
    H.add_node("alone")
    ours, ref = betweenness(H), nx.betweenness_centrality(H)
    assert all(ours[v] == pytest.approx(ref[v]) for v in H)


def test_sampled_with_all_sources_is_exact_and_small_sample_is_close():
    G = nx.barabasi_albert_graph(400, 3, seed=3)
    exact = betweenness(G, engine="exact")
    full = betweenness(G, engine="sampled", k=400)
    assert np.allclose(full.to_numpy(), exact.to_numpy())
    est = betweenness(G, engine="sampled", k=120, seed=1)
    assert top_agreement(est, exact, 10) >= 8
    assert est.sum() == pytest.approx(exact.sum(), rel=0.2)


def test_auto_switches_to_sampling_on_large_graphs(monkeypatch):
    import importlib

    c = importlib.import_module("workbench.network.betweenness")
    G = nx.barabasi_albert_graph(300, 2, seed=1)
    monkeypatch.setattr(c, "EXACT_BUDGET", 10)
    monkeypatch.setattr(c, "MIN_SAMPLES", 100)
    monkeypatch.setattr(c, "SAMPLE_BUDGET", 1)
    est = c.betweenness(G)
    exact = nx.betweenness_centrality(G)
    assert est.attrs["sources"] == 100 and est.attrs["engine"] == "sampled"
    assert not np.allclose(est.to_numpy(), pd.Series(exact).to_numpy())  # it sampled
    assert top_agreement(est, pd.Series(exact), 5) >= 4
    assert c.betweenness(G, engine="sampled", k=64).attrs["sources"] == 64  # a given k is kept
    assert c.betweenness(G, engine="exact").attrs["sources"] == 300


def test_linear_scaling_ranks_the_middle_better_than_plain_sampling():
    """Brandes & Pich credit a sampled source's whole path to the people near it; linear scaling does not."""
    import importlib

    from scipy.sparse.csgraph import connected_components

    from workbench.network.adjacency import adjacency

    c = importlib.import_module("workbench.network.betweenness")
    G = nx.barabasi_albert_graph(1500, 3, seed=4)
    A, nodes = adjacency(G)
    _, label = connected_components(A, directed=False)
    reach = np.bincount(label)[label]
    every = np.arange(len(nodes))
    assert np.allclose(c._brandes_batch(A, every, reach), c._brandes_batch(A, every, reach, linear=True))
    exact = pd.Series(c._brandes_batch(A, every, reach), index=nodes)
    sources = np.sort(np.random.default_rng(0).permutation(len(nodes))[:150])
    plain = pd.Series(c._brandes_batch(A, sources, reach), index=nodes)
    linear = pd.Series(c._brandes_batch(A, sources, reach, linear=True), index=nodes)
    assert top_agreement(linear, exact, 150) > top_agreement(plain, exact, 150)


@pytest.mark.skipif(importlib.util.find_spec("networkit") is None, reason="networkit (the [fast] extra) missing")
def test_kadabra_is_seeded_deterministic_and_normalised_like_networkx():
    G = nx.karate_club_graph()
    a = betweenness(G, engine="kadabra", epsilon=0.01, seed=3)
    assert a.equals(betweenness(G, engine="kadabra", epsilon=0.01, seed=3))
    exact = pd.Series(nx.betweenness_centrality(G))
    assert (a - exact).abs().max() < 0.03
    assert a.attrs["engine"] == "kadabra"


def test_an_unknown_engine_says_which_exist():
    with pytest.raises(InputError, match="exact"):
        betweenness(nx.path_graph(3), engine="magic")


@pytest.mark.parametrize("engine", ["auto", "networkx", "sampled"])
def test_weighted_betweenness_follows_the_strongest_chains(engine):
    G = nx.Graph()
    for u, v, s in [("me", "a", 0.9), ("a", "t", 0.9), ("me", "b", 0.2), ("b", "t", 0.2), ("t", "z", 0.5)]:
        G.add_edge(u, v, strength=s, distance=-np.log(s))
    hops = betweenness(G, engine=engine, normalized=False)
    assert hops["a"] == hops["b"] == pytest.approx(1.0)  # me-t and me-z: half of their chains each
    strong = betweenness(G, engine=engine, weight="distance", normalized=False, k=5)
    assert strong["a"] == pytest.approx(2.0) and strong["b"] == 0  # me-t and me-z both go through a
    ref = nx.betweenness_centrality(nx.florentine_families_graph())
    assert betweenness(nx.florentine_families_graph(), weight="weight", engine=engine)["Medici"] == \
        pytest.approx(ref["Medici"])


def burt_graph(weighted=False):
    edges = {("A", "B"): 2, ("A", "F"): 3, ("A", "G"): 5, ("A", "E"): 2, ("E", "G"): 8, ("F", "G"): 3,
             ("B", "G"): 4, ("B", "D"): 1, ("D", "G"): 3, ("G", "C"): 10}
    G = nx.Graph()
    for (u, v), w in edges.items():
        G.add_edge(u, v, weight=w)
    return G


def test_burt_constraint_and_effective_size_reference_values():
    sh = structural_holes(burt_graph(), weight=None)
    assert sh.loc["G", "constraint"] == pytest.approx(0.400, abs=1e-3)
    assert sh.loc["A", "constraint"] == pytest.approx(0.595, abs=1e-3)
    assert sh.loc["C", "constraint"] == pytest.approx(1.000, abs=1e-3)
    assert sh.loc["G", "effective_size"] == pytest.approx(4.67, abs=1e-2)
    assert sh.loc["A", "effective_size"] == pytest.approx(2.50, abs=1e-2)
    assert sh.loc["C", "effective_size"] == pytest.approx(1, abs=1e-3)


def test_burt_weighted_matches_reference_and_networkx():
    G = burt_graph()
    sh = structural_holes(G, weight="weight")
    assert sh.loc["G", "constraint"] == pytest.approx(0.299, abs=1e-3)
    assert sh.loc["A", "constraint"] == pytest.approx(0.795, abs=1e-3)
    # networkx 3.6's all-nodes fast path for weighted graphs normalises by the wrong axis; its
    # per-node path (nodes=...) follows Burt's definition, which is what we match.
    ref = nx.effective_size(G, weight="weight", nodes=list(G))
    for v in G:
        assert sh.loc[v, "effective_size"] == pytest.approx(ref[v])


def test_medici_has_the_lowest_constraint_and_an_effective_size_of_5_667():
    sh = structural_holes(nx.florentine_families_graph(), weight=None)
    assert sh.loc["Medici", "effective_size"] == pytest.approx(5.667, abs=1e-3)
    assert sh.loc["Medici", "constraint"] == pytest.approx(0.2099, abs=1e-4)
    assert sh["constraint"].idxmin() == "Medici"


def test_isolated_node_is_nan():
    G = burt_graph()
    G.add_node("H")
    sh = structural_holes(G, weight=None)
    assert np.isnan(sh.loc["H", "constraint"]) and np.isnan(sh.loc["H", "effective_size"])


def naive_brokerage(G, groups):
    out = {v: dict(coordinator=0, itinerant=0, gatekeeper=0, liaison=0) for v in G}
    for v in G:
        if groups.get(v) is None:
            continue
        nbrs = [n for n in G[v] if groups.get(n) is not None]
        for i, j in itertools.combinations(nbrs, 2):
            if G.has_edge(i, j):
                continue
            gi, gj, gv = groups[i], groups[j], groups[v]
            if gi == gj == gv:
                out[v]["coordinator"] += 1
            elif gi == gj:
                out[v]["itinerant"] += 1
            elif gv in (gi, gj):
                out[v]["gatekeeper"] += 1
            else:
                out[v]["liaison"] += 1
    return pd.DataFrame(out).T


def test_gould_fernandez_brokerage_matches_brute_force():
    G = nx.gnp_random_graph(60, 0.12, seed=7)
    rng = np.random.default_rng(0)
    groups = {v: (None if rng.random() < 0.1 else f"g{rng.integers(4)}") for v in G}
    ours = brokerage(G, groups)
    ref = naive_brokerage(G, groups)
    for role in ("coordinator", "itinerant", "gatekeeper", "liaison"):
        assert ours[role].astype(int).tolist() == ref.loc[ours.index, role].astype(int).tolist(), role
    assert (ours["brokerage"] == ours[["coordinator", "itinerant", "gatekeeper", "liaison"]].sum(axis=1)).all()


def test_rank_connectors_florentine_and_explanations():
    G = nx.florentine_families_graph()
    r = rank_connectors(G, group=None)
    assert r.columns[0] == "person" and r["person"].iloc[0] == "Medici"
    assert r["rank"].tolist() == list(range(1, len(r) + 1))
    assert "shortest chains" in r["why"].iloc[0]
    assert r["why"].nunique() == len(r)  # one reason each, no two alike
    assert "betweenness 0.522 (share of shortest paths between others)" in r["details"].iloc[0]
    by_c = rank_connectors(G, by="constraint", group=None)
    assert by_c["constraint"].is_monotonic_increasing
    assert by_c["person"].iloc[0] == "Medici"  # lowest constraint (0.21)
    assert by_c["constraint"].iloc[0] == pytest.approx(0.2099, abs=1e-3)
    with pytest.raises(InputError):
        rank_connectors(G, by="charisma")


def test_rank_connectors_on_team_network_leaves_reps_out_and_is_cached():
    from workbench.network.demo import demo_network

    net = demo_network()
    r = rank_connectors(net)
    assert not set(r["person"]) & set(net.reps)
    assert r.equals(rank_connectors(net))
    assert rank_connectors(net, top=2).shape[0] == 2


def test_connectors_output_formats():
    G = nx.krackhardt_kite_graph()
    assert connectors_output(G, top=3, by="betweenness", format="csv").splitlines()[1].startswith("7,")
    assert connectors_output(G, top=3, format="json").lstrip().startswith("[")
    table = connectors_output(G, top=3)
    assert table.splitlines()[0].strip().startswith("1. 7") and "shortest chains" in table
    with pytest.raises(InputError):
        connectors_output(G, format="xml")


def test_connectors_command_on_an_export_folder_json_group_and_scripts():
    import json

    from workbench.network.command import connectors_from_path
    from workbench.network.demo import demo_exports

    folder = demo_exports()[0].folder
    text = connectors_from_path(folder, top=3, format="json", group="company")
    rows = json.loads(text)
    assert [r["person"] for r in rows][:1] == ["in/ana"] and len(rows) == 3
    assert "in/ana" in text and "\\/" not in text  # keys as they are, "/" not escaped
    assert connectors_from_path(folder, top=2, format="csv", group="none").splitlines()[0].startswith("person,")
    G = nx.Graph([("سارا", "Ana"), ("Ana", "Bo"), ("Bo", "Cy")])
    assert "سارا" in connectors_output(G, format="json")
    with pytest.raises(InputError, match="account, company, industry or none"):
        connectors_from_path(folder, group="zodiac")


def test_the_top_people_get_the_same_reasons_as_in_the_whole_ranking():
    """Only the people returned are explained (a report shows 15 of 30,000): the same rows as the whole table's head."""
    from workbench.network.demo import demo_network

    net = demo_network()
    whole = rank_connectors(net)
    top = rank_connectors(net, top=3)
    assert top.equals(whole.head(3))
    assert rank_connectors(net, top=3).equals(top)  # served from the network's memo
    assert top.attrs == whole.attrs


def test_a_sampled_ranking_sharpens_its_first_people_never_a_rep(monkeypatch):
    connectors = importlib.import_module("workbench.network.connectors")
    engine = importlib.import_module("workbench.network.betweenness")
    G = nx.barabasi_albert_graph(400, 2, seed=1)
    nx.set_node_attributes(G, {0: "rep"}, "kind")
    monkeypatch.setattr(engine, "EXACT_BUDGET", 0)
    monkeypatch.setattr(engine, "SAMPLE_BUDGET", 80 * 2 * G.number_of_edges())
    focused = []

    def watched(*args, focus=None, **kwargs):
        def first(estimate):
            focused.append(list(focus(estimate)))
            return focused[-1]

        return engine.betweenness(*args, focus=first if focus else None, **kwargs)

    monkeypatch.setattr(connectors, "betweenness", watched)
    ranking = connectors.rank_connectors(G, group=None)
    assert ranking.attrs["betweenness_engine"] == "sampled"
    assert len(focused) == 1 and len(focused[0]) == connectors.FOCUS and 0 not in focused[0]
    assert ranking["person"].iloc[0] in focused[0]
    connectors.rank_connectors(G, group=None, by="constraint")  # betweenness does not order it: no second pass
    assert len(focused) == 1
