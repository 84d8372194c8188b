"""Reach and coverage: level-1/level-2 counts, the few connectors who cover the most targets, referrals.

Seed 003 notes that a good post reaches a rep's level 1 (direct contacts) and
even level 2 (their contacts).  Here level 2 counts only the second-degree
people the evidence shows (shared threads, CRM co-occurrence, teammates'
exports, same company): LinkedIn does not export anyone's second degree.

Choosing connectors is *maximum coverage*: each connector reaches some target
accounts, and we want the ``k`` whose reach together is largest.  It is
NP-hard; the greedy choice (each time, the connector adding the most targets
not yet covered) is guaranteed to cover at least ``1 - 1/e`` (63 %) of the
best possible, and no polynomial method does better in general (Feige 1998).

>>> from workbench.network.demo import demo_network
>>> net = demo_network()
>>> reach(net, "in/sam")
{'level1': 4, 'level2': 1}
>>> greedy_max_cover({"x": {1, 2}, "y": {2, 3, 4}, "z": {1}}, 2)
[('y', [2, 3, 4]), ('x', [1])]
"""

from __future__ import annotations

import pandas as pd

from ..errors import InputError
from ..i18n.messages import _, joined
from .paths import target_people


def _graph(network):
    return network.graph if hasattr(network, "ties") else network


def _reps(G):
    return {v for v, d in G.nodes(data=True) if d.get("kind") == "rep"}


def levels(network, who) -> tuple[set, set]:
    """Level-1 and level-2 people of ``who`` (a key or a list of keys: a team), reps left out."""
    G = _graph(network)
    who = [who] if isinstance(who, str) else list(who)
    reps = _reps(G) | set(who)
    for w in who:
        if w not in G:
            raise InputError(_('{w!r} is not in the network').format(w=w), where="reach(who)", fix=_("give a rep's key"))
    l1 = {n for w in who for n in G.neighbors(w)} - reps
    l2 = {m for n in l1 for m in G.neighbors(n)} - l1 - reps
    return l1, l2


def reach(network, who) -> dict:
    """Level-1 and level-2 counts for a rep (a key) or a team (a list of keys)."""
    l1, l2 = levels(network, who)
    return {"level1": len(l1), "level2": len(l2)}


def reach_table(network) -> pd.DataFrame:
    """Level-1 and level-2 reach of every rep and of the whole team (last row).

    >>> from workbench.network.demo import demo_network
    >>> reach_table(demo_network()).values.tolist()
    [['in/lina', 'Lina Park', 4, 1], ['in/sam', 'Sam Lee', 4, 1], ['team', 'Team', 6, 0]]
    """
    G = _graph(network)
    reps = sorted(_reps(G))
    rows = [{"who": r, "name": G.nodes[r].get("name") or r, **reach(network, r)} for r in reps]
    if reps:
        rows.append({"who": "team", "name": "Team", **reach(network, reps)})
    return pd.DataFrame(rows, columns=["who", "name", "level1", "level2"])


def greedy_max_cover(sets: dict, k: int) -> list[tuple]:
    """Greedy maximum coverage: up to ``k`` keys of ``sets``, each adding the most new elements.

    Ties go to the key listed first.  Returns ``(key, sorted new elements)``
    pairs; it stops early when nothing new can be covered.
    """
    if k < 0:
        raise InputError(_("k must be 0 or more"), where="greedy_max_cover(k)", fix=_("ask for at least one connector"))
    covered: set = set()
    chosen = []
    remaining = {key: set(v) for key, v in sets.items()}
    for _round in range(k):
        best, gain = None, 0
        for key, elems in remaining.items():
            g = len(elems - covered)
            if g > gain:
                best, gain = key, g
        if best is None:
            break
        new = remaining.pop(best) - covered
        covered |= new
        chosen.append((best, sorted(new, key=str)))
    return chosen


def reach_sets(network, targets, *, candidates=None) -> dict:
    """For each candidate connector, the targets they reach (know someone at, or are part of).

    ``targets`` are account names/ids or people; ``candidates`` default to the
    reps' direct contacts (people the team can actually ask).
    """
    G = _graph(network)
    reps = _reps(G)
    people = {}
    for t in targets:
        try:
            people[t] = set(target_people(network, t))
        except InputError:
            people[t] = set()
    if candidates is None:
        candidates = sorted({n for r in reps for n in G.neighbors(r)} - reps, key=str)
    wanted = set(candidates)
    hits: dict = {}
    for t, ps in people.items():  # from each target's people out to their contacts: a few hops, not every candidate
        for p in ps:
            for q in (p, *G.neighbors(p)):
                if q in wanted:
                    hits.setdefault(q, set()).add(t)
    return {c: hits[c] for c in candidates if c in hits}


def promising_targets(network, n: int = 10) -> list:
    """Accounts worth a connector's help: reached by someone who reaches several accounts, most possible customers first.

    >>> from workbench.network.demo import demo_network
    >>> promising_targets(demo_network())
    ['Vega', 'Atlas']
    """
    from .strength import could_become_customer

    people = network.people[network.people["kind"] == "person"]
    accounts = sorted(people["account"].dropna().astype(str).unique())
    sets = reach_sets(network, accounts)
    opened = set().union(*(s for s in sets.values() if len(s) >= 2)) if sets else set()
    p = people[people["account"].isin(opened)]
    score = p.assign(prospect=could_become_customer(p).to_numpy()).groupby("account")["prospect"].sum()
    order = sorted(score.index, key=lambda a: (-score[a], str(a)))
    return order[:n]


def cover(network, targets, k: int = 3, *, candidates=None) -> pd.DataFrame:
    """The ``k`` connectors whose networks reach the most target accounts (greedy maximum coverage).

    Ties between connectors go to the one with the strongest tie to the team.
    Columns: ``step``, ``person``, ``name``, ``company``, ``new_targets``,
    ``n_new``, ``covered`` (so far), ``share`` (of all targets).
    ``result.attrs["uncovered"]`` lists the targets nobody reaches.

    >>> from workbench.network.demo import demo_network
    >>> cover(demo_network(), ["Orion", "Vega", "Atlas"], k=2)[["name", "new_targets", "covered"]].values.tolist()
    [['Eve Fox', 'Atlas, Vega', 2], ['Ana Borges', 'Orion', 3]]
    """
    G = _graph(network)
    targets = list(dict.fromkeys(targets))
    if not targets:
        raise InputError(_("no targets given"), where="cover(targets)", fix=_("list the target accounts"))
    sets = reach_sets(network, targets, candidates=candidates)
    reps = _reps(G)

    def team_strength(c):
        return max((G.edges[c, r].get("strength", 0) for r in reps if G.has_edge(c, r)), default=0.0)

    order = sorted(sets, key=lambda c: (-len(sets[c]), -team_strength(c), str(G.nodes[c].get("name") or c)))
    chosen = greedy_max_cover({c: sets[c] for c in order}, k)
    rows, total = [], 0
    for step, (c, new) in enumerate(chosen, 1):
        total += len(new)
        rows.append({"step": step, "person": c, "name": G.nodes[c].get("name") or c,
                     "company": G.nodes[c].get("company"), "new_targets": ", ".join(map(str, new)),
                     "n_new": len(new), "covered": total, "share": round(total / len(targets), 4)})
    out = pd.DataFrame(rows, columns=["step", "person", "name", "company", "new_targets", "n_new", "covered",
                                      "share"])
    reached = set().union(*sets.values()) if sets else set()
    out.attrs["uncovered"] = [t for t in targets if t not in reached]
    return out


def referral_plan(network, rep=None, *, targets=None, per_week: int = 5) -> pd.DataFrame:
    """Whom to ask this week for one or two names, and which names to ask for.

    Candidates are the rep's Strong and Familiar contacts who know people the
    rep does not.  Each gets up to two names to ask for: people at target
    accounts first, then possible customers, strongest tie first.  The
    ``per_week`` best, ranked by ``strength x (new people they can introduce)``.

    >>> from workbench.network.demo import demo_network
    >>> plan = referral_plan(demo_network(), "in/sam")
    >>> plan[["name", "ask_for"]].values.tolist()
    [['Bo Chen', 'Eve Fox (Vega)']]
    """
    from .strength import could_become_customer

    G = _graph(network)
    rep = network.rep_key(rep) if hasattr(network, "rep_key") else rep
    reps = _reps(G) | {rep}
    target_set = set()
    for t in targets or []:
        try:
            target_set |= set(target_people(network, t))
        except InputError:
            pass
    mine = set(G.neighbors(rep))
    pairs = []
    for c in mine - reps:
        if G.edges[rep, c].get("class") not in ("Strong", "Familiar"):
            continue
        pairs += [(c, n, d.get("strength", 0.0)) for n, d in G[c].items() if n not in mine and n not in reps]
    cols = ["person", "name", "class", "strength", "can_introduce", "at_targets", "ask_for", "score", "message"]
    if not pairs:
        return pd.DataFrame(columns=cols)
    df = pd.DataFrame(pairs, columns=["c", "person", "tie"])
    info = network.people.set_index("person") if hasattr(network, "people") else \
        pd.DataFrame([{"person": v, **d} for v, d in G.nodes(data=True)]).set_index("person")
    df = df.join(info[[c for c in ("name", "company", "position", "lifecycle_stage") if c in info]], on="person")
    df["target"] = df["person"].isin(target_set)
    df["prospect"] = could_become_customer(df).to_numpy()
    df = df.sort_values(["c", "target", "prospect", "tie", "person"], ascending=[True, False, False, False, True])
    label = df["name"].astype(str).where(df["company"].isna(), df["name"].astype(str) + " (" + df["company"].astype(str) + ")")
    df["label"] = label
    rows = []
    for c, group in df.groupby("c", sort=False):
        e = G.edges[rep, c]
        names = group["label"].head(2).tolist()
        at_targets = int(group["target"].sum())
        cname = G.nodes[c].get("name") or c
        rows.append({"person": c, "name": cname, "class": e.get("class"), "strength": e.get("strength"),
                     "can_introduce": len(group), "at_targets": at_targets, "ask_for": joined(names),
                     "score": round(e.get("strength", 0) * (len(group) + 2 * at_targets), 4),
                     "message": _("Ask {name} for an introduction to {people}, and say why: what you can bring "
                                  "them.").format(name=cname, people=names[0] if len(names) == 1 else
                                                  _("{first} and {second}").format(first=names[0], second=names[1]))})
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["score", "name"], ascending=[False, True]).head(per_week).reset_index(drop=True)
