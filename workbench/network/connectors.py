"""Find the connectors: people who work like hubs between parts of a network.

Seed 003 advises looking for *connectors*, people whose contacts give you
access to whole networks.  Four published measures find them, each in its
own module, and this one combines them into one ranking:

* **betweenness** (:mod:`.betweenness`): the share of shortest paths between
  other people that pass through someone;
* **Burt's constraint** and **effective size** (:mod:`.holes`): whether a
  person's contacts know each other, and how many non-redundant contacts they have;
* **Gould-Fernandez brokerage** (:mod:`.brokerage`): pairs of contacts from
  different groups that the person links.

Each person gets one reason in plain words (:mod:`.reasons`), and the
introductions a rep logged (:mod:`.introductions`) move people up or down.

>>> import networkx as nx
>>> ranking = rank_connectors(nx.florentine_families_graph(), group=None)
>>> ranking["person"].iloc[0]
'Medici'
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import InputError
from ..i18n.language import current_language
from ..i18n.messages import _
from .adjacency import adjacency, as_graph
from .betweenness import ENGINES, betweenness
from .brokerage import brokerage, node_groups
from .holes import structural_holes
from .reasons import details, reasons

__all__ = ["rank_connectors", "combined_score", "GROUPS", "ORDERS", "WEIGHTS", "INTRO_BONUS"]

GROUPS = {"account": "account", "company": "company", "industry": "industry", "none": None}
ORDERS = {"combined": False, "betweenness": False, "constraint": True, "effective_size": False,
          "brokerage": False}  # True: lowest first
WEIGHTS = {"betweenness": 0.4, "open": 0.2, "size": 0.2, "cross": 0.2}
FOCUS = 40  # people whose betweenness a sampled estimate sharpens: twice the 20 a rep is shown
INTRO_BONUS = 0.05  # added to the combined score per introduction made, taken off per one declined
COLUMNS = ["person", "name", "company", "degree", "betweenness", "constraint", "effective_size", "coordinator",
           "itinerant", "gatekeeper", "liaison", "brokerage", "groups_reached", "combined", "rank", "why",
           "details"]


def _pct(series: pd.Series, ascending=True) -> pd.Series:
    return series.rank(pct=True, ascending=ascending, method="average").fillna(0.0)


def combined_score(measures: pd.DataFrame) -> pd.DataFrame:
    """The percentiles of each measure (``pct_*``) and their weighted mean, ``combined`` (0 to 1).

    Betweenness 40 %, low constraint 20 %, effective size 20 %, brokerage
    across groups 20 % (:data:`WEIGHTS`), each as a percentile rank over
    everyone in the network.

    >>> m = pd.DataFrame({"betweenness": [0.5, 0.0], "constraint": [0.2, 1.0], "effective_size": [3.0, 1.0],
    ...                   "itinerant": [0, 0], "gatekeeper": [1, 0], "liaison": [1, 0]})
    >>> combined_score(m)["combined"].tolist()
    [1.0, 0.5]
    """
    out = pd.DataFrame(index=measures.index)
    out["cross_pairs"] = measures["itinerant"] + measures["gatekeeper"] + measures["liaison"]
    out["pct_betweenness"] = _pct(measures["betweenness"])
    out["pct_open"] = _pct(measures["constraint"], ascending=False)
    out["pct_size"] = _pct(measures["effective_size"])
    out["pct_cross"] = _pct(out["cross_pairs"])
    out["combined"] = sum(WEIGHTS[k] * out[f"pct_{k}"] for k in WEIGHTS).round(4)
    return out


def _top_groups(graph, labels: pd.Series, nodes: list, wanted: list) -> dict:
    """For each of ``wanted``, the two groups most of their contacts belong to."""
    A, order = adjacency(graph)
    index = {v: i for i, v in enumerate(order)}
    codes, uniques = pd.factorize(labels.reindex(order), use_na_sentinel=True)
    out = {}
    for v in wanted:
        i = index[v]
        neighbours = codes[A.indices[A.indptr[i]:A.indptr[i + 1]]]
        neighbours = neighbours[neighbours >= 0]
        if len(neighbours):
            counts = np.bincount(neighbours)
            best = np.argsort(-counts, kind="stable")[:2]
            out[v] = [uniques[j] for j in best if counts[j] > 0 and uniques[j] != "(team)"]
        else:
            out[v] = []
    return out


def rank_connectors(G, *, by: str = "combined", top: int | None = None, group="account",
                    include_reps: bool = False, engine: str = "auto", weight: str | None = None, seed: int = 0,
                    introductions: pd.DataFrame | None = None, progress: bool = False) -> pd.DataFrame:
    """Rank people as connectors, best first, with one plain reason each.

    ``G``: a :class:`~workbench.network.graph.Network` or a networkx graph.
    ``by``: ``combined`` (default, :func:`combined_score`), ``betweenness``,
    ``constraint`` (lowest first), ``effective_size`` or ``brokerage``.
    ``group``: the node attribute whose values are the groups for brokerage
    (``account``, ``industry``...), a dict, or ``None``.  Reps are left out
    of the list unless ``include_reps``.

    ``engine``: the betweenness engine, ``"auto"`` (exact on small networks,
    a guaranteed estimate on large ones) or ``"exact"`` to compare, or any
    of :data:`~workbench.network.betweenness.ENGINES`.  Betweenness counts
    hops by default (``weight=None``): a connector is someone many short
    chains of people pass through, however warm each tie is; warm
    introductions are where strength matters, and
    :func:`~workbench.network.paths.warm_paths` follows the strongest chains.
    ``df.attrs["betweenness_engine"]`` says which engine ran.

    ``introductions``: the rep's log (:func:`~workbench.network.introductions.read_introductions`):
    each introduction a person made adds :data:`INTRO_BONUS` to their
    combined score, each one they declined takes it off, and the reason says so.

    Columns: ``person``, ``name``, ``company``, ``degree``, ``betweenness``,
    ``constraint``, ``effective_size``, ``coordinator``, ``itinerant``,
    ``gatekeeper``, ``liaison``, ``brokerage``, ``groups_reached``,
    ``combined``, ``rank``, ``why`` (one plain sentence) and ``details`` (the
    measures with their units).
    """
    if by not in ORDERS:
        raise InputError(_('cannot rank by {by!r}').format(by=by), where="rank_connectors(by=...)",
                         fix=_("use combined, betweenness, constraint, effective_size or brokerage"))
    if engine not in ENGINES:
        raise InputError(_('unknown betweenness {engine!r}').format(engine=engine), where="--betweenness",
                         fix=_("use auto (the default) or exact"))
    if introductions is None:
        introductions = getattr(G, "introductions", None)
    if introductions is not None and "through_key" not in introductions:
        from .introductions import with_keys

        introductions = with_keys(G, introductions)
    memo = getattr(G, "memo", None)
    memo_key = ("rank_connectors", current_language(), by, repr(group), include_reps, engine, weight, seed,
                None if introductions is None else
                tuple(map(tuple, introductions[["through_key", "target", "outcome"]].astype(str).to_numpy())))
    if memo is not None and (*memo_key, top) in memo:
        return memo[(*memo_key, top)].copy()
    graph = as_graph(G)
    if memo is not None and memo_key in memo:
        df, history, engine_used, sources = memo[memo_key]
    else:
        df, history, engine_used, sources = _ranked(graph, by, group, include_reps, engine, weight, seed,
                                                    introductions, progress)
        if memo is not None:
            memo[memo_key] = (df, history, engine_used, sources)
    # only the people returned get their reasons: a rep's report shows 15 of 30,000
    df = _explain((df.head(top) if top else df).copy(), graph, group, history, top)
    out = df[COLUMNS].reset_index(drop=True)
    out.attrs["betweenness_engine"] = engine_used
    out.attrs["betweenness_sources"] = sources
    if memo is not None:
        memo[(*memo_key, top)] = out
    return out.copy()


def _ranked(graph, by, group, include_reps, engine, weight, seed, introductions, progress):
    """Every measure and the order of :func:`rank_connectors`, before the reasons."""
    if graph.number_of_nodes() == 0:
        raise InputError(_("the network is empty"), where="rank_connectors(G)", fix=_("build it from an export first"))
    adjacency(graph, weight="strength")  # one pass over the edges serves every measure below
    nodes = list(graph.nodes)
    attrs = dict(graph.nodes(data=True))
    df = pd.DataFrame({"person": nodes}).set_index("person", drop=False)
    df["name"] = [attrs[v].get("name") or str(v) for v in nodes]
    df["company"] = [attrs[v].get("company") for v in nodes]
    df["kind"] = [attrs[v].get("kind") or "person" for v in nodes]
    df["degree"] = [graph.degree(v) for v in nodes]
    df = df.join(structural_holes(graph, weight="strength")).join(brokerage(graph, group))
    bt = betweenness(graph, engine=engine, weight=weight, seed=seed, progress=progress,
                     focus=_focus(df, by, include_reps))
    df["betweenness"] = bt.reindex(nodes).to_numpy()
    df = df.join(combined_score(df))
    history = _history(introductions, df["person"])
    df["combined"] = (df["combined"] + INTRO_BONUS * (history["made"] - history["declined"])).round(4)
    if not include_reps:
        df = df[df["kind"] != "rep"]
    key = df[by].fillna(np.inf if ORDERS[by] else -np.inf)
    df = df.reset_index(drop=True).assign(_k=key.to_numpy(), _p=df["person"].astype(str).to_numpy())
    df = df.sort_values(["_k", "betweenness", "_p"], ascending=[ORDERS[by], False, True]).reset_index(drop=True)
    df["rank"] = np.arange(1, len(df) + 1)
    return df, history, bt.attrs.get("engine", engine), int(bt.attrs.get("sources", graph.number_of_nodes()))


def _focus(df: pd.DataFrame, by: str, include_reps: bool):
    """Who a sampled betweenness should sharpen: the first :data:`FOCUS` of the ranking its estimate gives.

    The people near the top, and near the cut of a top 20, are where an
    error changes what a rep sees; a ranking that betweenness does not
    drive (``constraint``...) needs none.
    """
    if by not in ("combined", "betweenness"):
        return None
    shown = df["kind"].ne("rep") | include_reps

    def first(estimate: pd.Series) -> pd.Index:
        bt = estimate.reindex(df.index)
        key = bt if by == "betweenness" else combined_score(df.assign(betweenness=bt.to_numpy()))["combined"]
        return key[shown].sort_values(ascending=False, kind="stable").index[:FOCUS]

    return first


def _history(introductions, people: pd.Series) -> pd.DataFrame:
    """Introductions made and declined by each person, and the latest one's sentence."""
    out = pd.DataFrame({"made": 0, "declined": 0, "said": ""}, index=people.to_numpy())
    if introductions is None or len(introductions) == 0:
        return out
    log = introductions[introductions["through_key"].isin(out.index)].sort_values("date")
    for key, rows in log.groupby("through_key"):
        made = rows[rows["outcome"] == "made"]
        declined = rows[rows["outcome"].isin(["declined", "no answer"])]
        out.loc[key, ["made", "declined"]] = [len(made), len(declined)]
        last = rows.iloc[-1]
        when = pd.Timestamp(last["date"]).date()
        if last["outcome"] == "made":
            said = _("Introduced you to {target} on {day}: thank them, and ask again.")
        elif last["outcome"] == "asked":
            said = _("You asked them on {day} for an introduction to {target}: follow up.")
        elif last["outcome"] == "declined":
            said = _("Did not introduce you to {target} (declined, {day}): ask someone else first.")
        else:
            said = _("Did not introduce you to {target} (no answer, {day}): ask someone else first.")
        out.loc[key, "said"] = said.format(target=last["target"], day=when)
    return out


def _group_word(group) -> str:
    return {"account": "accounts", "company": "companies", "industry": "industries"}.get(group, "groups") \
        if isinstance(group, str) or group is None else "groups"


def _explain(df: pd.DataFrame, graph, group, history: pd.DataFrame, top) -> pd.DataFrame:
    """Fill ``why`` and ``details``: the people shown get their groups named and distinct reasons."""
    shown = df["person"].head(max(top or 0, 200)).tolist()
    shown_set = set(shown)
    named = _top_groups(graph, node_groups(graph, group), list(graph.nodes), shown) if group is not None else {}
    fields = ["name", "degree", "betweenness", "constraint", "effective_size", "cross_pairs", "groups_reached",
              "pct_betweenness", "pct_open", "pct_size", "pct_cross"]
    rows = [dict(zip(fields, values)) for values in zip(*(df[f].tolist() for f in fields))]
    for row, person in zip(rows, df["person"].tolist()):
        row["top_groups"] = named.get(person, [])
        if person in shown_set:
            ties = sorted(graph[person].items(), key=lambda kv: (-kv[1].get("strength", 0), str(kv[0])))
            row["contacts"] = [graph.nodes[v].get("name") or str(v) for v, _ in ties[:2]]
    df["why"] = reasons(rows, group_word=_group_word(group))
    said = history["said"].reindex(df["person"]).fillna("").to_numpy()
    df["why"] = np.where(said != "", said, df["why"].to_numpy())
    df["details"] = [details(row) for row in rows]
    return df
