"""The learner's team network and the choices the network lessons build on, computed once per data.

Every answer is computed from ``ctx.data`` (each trainee may have their own
variant), never hard-coded.

>>> from workbench.exercises.check import Context
>>> ctx = Context()
>>> focus_rep(ctx).startswith("in/")
True
"""

from __future__ import annotations

import itertools

import pandas as pd


def net(ctx):
    """The team network of the learner's data (cached by ``team_network``)."""
    from workbench.network.graph import team_network

    return team_network(ctx.data)


def focus_rep(ctx) -> str:
    """The rep the lessons follow: the first rep listed in ``social/reps.csv``."""
    return net(ctx).reps[0]


def label(network, person) -> str:
    """How a person is shown in a picker: ``Name (Company)``."""
    G = network.graph
    d = G.nodes[person]
    name = d.get("name") or str(person)
    return f"{name} ({d['company']})" if d.get("company") else name


def person_of(network, answer, candidates) -> str | None:
    """The key of the person an answer names: a label, a name or a key among ``candidates``."""
    text = str(answer).strip()
    for c in candidates:
        if text in (c, label(network, c)):
            return c
    for c in candidates:
        if text.lower() == str(network.graph.nodes[c].get("name") or "").lower():
            return c
    return None


def memo(network, key, compute):
    if key not in network.memo:
        network.memo[key] = compute()
    return network.memo[key]


def inventory(ctx) -> pd.DataFrame:
    from workbench.network.strength import inventory as _inventory

    n = net(ctx)
    return memo(n, ("lesson-inventory", focus_rep(ctx)), lambda: _inventory(n, focus_rep(ctx)))


def connector_candidates(ctx) -> list[str]:
    """The eight best connectors by combined score: the lesson's pickers offer these."""
    from workbench.network.connectors import rank_connectors

    return rank_connectors(net(ctx), top=8)["person"].tolist()


def lesson_target(ctx) -> dict:
    """The lesson's target account: one the focus rep reaches best through one introducer.

    An account where the rep knows nobody, whose strongest path has two hops;
    preferably through an outside contact, else through a teammate.
    """
    n = net(ctx)

    def compute():
        import networkx as nx

        from workbench.network.paths import path_table

        rep = focus_rep(ctx)
        G = n.graph
        mine = set(G.neighbors(rep))
        dist, paths = nx.single_source_dijkstra(G, rep, weight="distance")
        people = n.people[(n.people["kind"] == "person") & n.people["account"].notna()]
        crm_accounts = set(people.loc[people["account_id"].notna(), "account"])
        best = {}
        for account, group in people.groupby("account", sort=True):
            members = [p for p in group["person"] if p in dist]
            if account not in crm_accounts or not members or set(group["person"]) & mine:
                continue  # unreachable, or the rep already knows someone there
            target = min(members, key=lambda p: (dist[p], str(p)))
            info = path_table(G, paths[target])
            if info["hops"] != 2:
                continue
            introducer = paths[target][1]
            kind = "teammate" if introducer in n.reps else "contact"
            if kind not in best or info["path_strength"] > best[kind]["path_strength"]:
                best[kind] = {"account": account, "target": target, "introducer": introducer,
                              "path_strength": info["path_strength"], "weakest_link": info["weakest_link"],
                              "kind": kind}
        # prefer an account reached through an outside contact; else through a teammate (TeamLink)
        return best.get("contact") or best.get("teammate")
    return memo(n, ("lesson-target", focus_rep(ctx)), compute)


def introducer_options(ctx) -> list[str]:
    """The focus rep's contacts who know someone at the lesson's target account (labels)."""
    n = net(ctx)
    t = lesson_target(ctx)
    if t is None:
        return []
    G = n.graph
    rep = focus_rep(ctx)
    people = set(n.people.loc[n.people["account"] == t["account"], "person"])
    def by_strength(c):
        return (-G.edges[rep, c]["strength"], str(c))

    options = sorted((c for c in G.neighbors(rep) if set(G.neighbors(c)) & people), key=by_strength)[:6]
    if t["introducer"] not in options:
        options.append(t["introducer"])
    # a few of the rep's strongest contacts as well: strong ties are not always the best path
    for c in sorted(G.neighbors(rep), key=by_strength):
        if len(options) >= 5:
            break
        if c not in options:
            options.append(c)
    return sorted(label(n, c) for c in options)


def cover_targets(ctx) -> list[str]:
    from workbench.network.reach import promising_targets

    n = net(ctx)
    return memo(n, ("lesson-cover-targets",), lambda: promising_targets(n, n=10))


def cover_candidates(ctx) -> tuple[list[str], dict]:
    """Six connectors who reach the most target accounts on their own, and what each reaches."""
    from workbench.network.reach import reach_sets

    n = net(ctx)

    def compute():
        sets = reach_sets(n, cover_targets(ctx))
        order = sorted(sets, key=lambda c: (-len(sets[c]), label(n, c)))[:6]
        return order, {c: sets[c] for c in order}
    return memo(n, ("lesson-cover",), compute)


def best_pair_coverage(ctx) -> int:
    """The most target accounts any two of the candidates reach together (brute force)."""
    cands, sets = cover_candidates(ctx)
    return max((len(sets[a] | sets[b]) for a, b in itertools.combinations(cands, 2)), default=0)
