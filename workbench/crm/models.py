"""The same customer data seen through the three classic database models.

* **relational**: tables linked by keys, combined with joins (:func:`customer_view`);
* **hierarchical**: a tree, parent account -> account -> contact -> activities
  (:func:`account_tree`, drawn by :func:`plot_account_tree`);
* **network**: people, companies and staff as nodes, any relation as a link
  (:func:`relationship_graph`).

>>> from workbench.data import load_sample
>>> data = load_sample()
>>> view = customer_view(data)
>>> {"account_name", "owner_name", "activities"} <= set(view.columns)
True
>>> len(view) == len(data.contacts)
True
"""

from __future__ import annotations

import pandas as pd

from ..errors import InputError
from ..i18n.messages import _


def customer_view(data) -> pd.DataFrame:
    """One row per contact, joined with its account, the account owner and activity counts.

    This is the relational model at work: three tables combined through the
    keys ``account_id``, ``owner_id`` and ``contact_id``.
    """
    accounts = data.accounts[["account_id", "name", "industry", "owner_id"]].rename(
        columns={"name": "account_name"})
    owners = data.users[["user_id", "name"]].rename(columns={"user_id": "owner_id", "name": "owner_name"})
    counts = data.activities.groupby("contact_id").size().rename("activities")
    view = (data.contacts
            .merge(accounts, on="account_id", how="left")
            .merge(owners, on="owner_id", how="left")
            .merge(counts, left_on="contact_id", right_index=True, how="left"))
    view["activities"] = view["activities"].fillna(0).astype(int)
    return view


def account_tree(data, account_id: str) -> pd.DataFrame:
    """The hierarchy under one account: its subsidiaries, their contacts and activity counts.

    Returns one row per node with ``id``, ``parent``, ``label``, ``level`` and
    ``activities`` (the count below that node), the shape a treemap or sunburst needs.

    >>> from workbench.data import load_sample
    >>> data = load_sample()
    >>> parent = data.accounts["parent_account_id"].dropna().iloc[0]
    >>> tree = account_tree(data, parent)
    >>> tree.iloc[0]["level"], tree.iloc[0]["parent"]
    ('account', '')
    """
    accounts = data.accounts.set_index("account_id")
    if account_id not in accounts.index:
        raise InputError(_('there is no account {account_id!r}').format(account_id=account_id), where="account_tree(data, account_id)",
                         fix=_("use an account_id from data.accounts, e.g. ") + accounts.index[0])
    rows = [{"id": account_id, "parent": "", "label": accounts.loc[account_id, "name"], "level": "account"}]
    children = accounts.index[accounts["parent_account_id"] == account_id].tolist()
    for child in children:
        rows.append({"id": child, "parent": account_id, "label": accounts.loc[child, "name"],
                     "level": "subsidiary"})
    per_contact = data.activities.groupby("contact_id").size()
    for acc in [account_id, *children]:
        for _row, c in data.contacts[data.contacts["account_id"] == acc].iterrows():
            rows.append({"id": c["contact_id"], "parent": acc,
                         "label": f"{c['first_name']} {c['last_name']}", "level": "contact",
                         "activities": int(per_contact.get(c["contact_id"], 0))})
    tree = pd.DataFrame(rows)
    if "activities" not in tree:
        tree["activities"] = 0
    tree["activities"] = _rolled_up(tree, tree["activities"].fillna(0).astype(int))
    return tree


def _rolled_up(tree: pd.DataFrame, leaves: pd.Series) -> pd.Series:
    """``leaves`` (the contacts' values) with each account and subsidiary set to the sum below it."""
    values = leaves.copy()
    for level in ("subsidiary", "account"):  # deepest first, so a subsidiary's total is ready for its group
        for i in tree.index[tree["level"] == level]:
            values.at[i] = int(values[tree["parent"] == tree.at[i, "id"]].sum())
    return values


def plot_account_tree(data, account_id: str):
    """A plotly sunburst of :func:`account_tree`: click a slice to zoom into it.

    Each ring adds up to the slice it sits in (``branchvalues="total"``): a slice's size is its
    activities, counting a contact with none as one so that they still show; the hover gives
    the true count.

    >>> from workbench.data import load_sample
    >>> data = load_sample()
    >>> trace = plot_account_tree(data, data.accounts["parent_account_id"].dropna().iloc[0]).data[0]
    >>> size = dict(zip(trace.ids, trace.values))
    >>> all(size[p] == sum(size[i] for i, q in zip(trace.ids, trace.parents) if q == p)
    ...     for p in set(trace.parents) - {""})
    True
    """
    import plotly.graph_objects as go

    tree = account_tree(data, account_id)
    sizes = _rolled_up(tree, tree["activities"].where(tree["level"] != "contact", tree["activities"].clip(lower=1)))
    fig = go.Figure(go.Sunburst(ids=tree["id"], parents=tree["parent"], labels=tree["label"],
                                values=sizes, branchvalues="total", customdata=tree["activities"],
                                hovertemplate="%{label}<br>%{customdata} activities<extra></extra>"))
    fig.update_layout(margin=dict(t=40, l=0, r=0, b=0), height=480,
                      title=f"{tree.iloc[0]['label']}: accounts, contacts and their activities")
    return fig


def relationship_graph(data):
    """A networkx graph of staff, accounts and contacts with every relation as an edge.

    Node attribute ``kind`` is ``user``, ``account`` or ``contact``; edge
    attribute ``relation`` is ``owns``, ``works_at``, ``subsidiary_of`` or
    ``activity`` (with ``weight`` = how many activities).

    >>> from workbench.data import load_sample
    >>> g = relationship_graph(load_sample())
    >>> sorted({k for _, k in g.nodes(data="kind")})
    ['account', 'contact', 'user']
    """
    import networkx as nx

    g = nx.Graph()
    for row in data.users.itertuples():
        g.add_node(row.user_id, kind="user", label=row.name)
    for row in data.accounts.itertuples():
        g.add_node(row.account_id, kind="account", label=row.name)
        g.add_edge(row.owner_id, row.account_id, relation="owns")
        if isinstance(row.parent_account_id, str):
            g.add_edge(row.account_id, row.parent_account_id, relation="subsidiary_of")
    for row in data.contacts.itertuples():
        g.add_node(row.contact_id, kind="contact", label=f"{row.first_name} {row.last_name}")
        if isinstance(row.account_id, str):
            g.add_edge(row.contact_id, row.account_id, relation="works_at")
    links = data.activities.dropna(subset=["contact_id"]).groupby(["owner_id", "contact_id"]).size()
    for (owner, contact), n in links.items():
        g.add_edge(owner, contact, relation="activity", weight=int(n))
    return g


def reach_by_user(data) -> pd.DataFrame:
    """For each staff member: accounts owned, and distinct accounts reached through activities.

    >>> from workbench.data import load_sample
    >>> table = reach_by_user(load_sample())
    >>> list(table.columns)
    ['name', 'team', 'accounts_owned', 'accounts_reached']
    """
    owned = data.accounts.groupby("owner_id").size()
    acts = data.activities.merge(data.contacts[["contact_id", "account_id"]], on="contact_id",
                                 how="left", suffixes=("", "_of_contact"))
    account = acts["account_id"].fillna(acts["account_id_of_contact"])
    reached = account.groupby(acts["owner_id"]).nunique()
    out = data.users.set_index("user_id")[["name", "team"]].copy()
    out["accounts_owned"] = owned.reindex(out.index).fillna(0).astype(int)
    out["accounts_reached"] = reached.reindex(out.index).fillna(0).astype(int)
    return out.sort_values("accounts_reached", ascending=False)
