"""Network widgets: an explorer of warm paths into a target, a picker of the team's reps, the connectors.

Thin over :mod:`workbench.network`.  In :class:`NetworkExplorer`,
:func:`~workbench.network.paths.warm_paths` finds the paths,
:func:`~workbench.network.reach.reach_sets` the connectors and
:func:`~workbench.network.plots.network_map` draws the best path;
``explorer.paths`` and ``explorer.connectors`` hold the current tables.
:class:`RepView` shows one rep's inventory, referral plan or weekly means,
for the rep picked in its list.  :class:`ConnectorsView` ranks the connectors
with their reasons, by the measure picked, and lets anyone compare the
default ranking with the one computed from exact betweenness.

>>> from workbench.network.demo import demo_network
>>> ex = NetworkExplorer(demo_network())
>>> ex.target.value = "Vega"
>>> ex.paths[["from_name", "who_to_ask"]].values.tolist()[0]
['Lina Park', '(direct)']
>>> ex.connectors["name"].tolist()
['Eve Fox', 'Bo Chen', 'Gil Hart']
"""

from __future__ import annotations

import html

import pandas as pd

from ..errors import WorkbenchError
from ..i18n.messages import _
from . import in_a_kernel

_STYLE = {"description_width": "8em"}


def _draw(out, shown) -> None:
    """Show each object of ``shown`` in the Output ``out``, in place of what it showed.

    Outside a notebook's kernel there is nowhere to draw: ``shown`` (a
    generator) is not even run, so no figure is built, and the tables stay
    on the widget.
    """
    if not in_a_kernel():
        return
    from IPython.display import display

    out.clear_output()
    with out:
        for item in shown:
            display(item)


def target_options(network) -> list[str]:
    """Accounts (then people) a user can pick as a target, sorted.

    >>> from workbench.network.demo import demo_network
    >>> target_options(demo_network())[:3]
    ['Atlas', 'Nimbus', 'Orion']
    """
    people = network.people[network.people["kind"] == "person"]
    accounts = sorted(people["account"].dropna().astype(str).unique())
    names = sorted(people["name"].dropna().astype(str).unique())
    return accounts + [n for n in names if n not in set(accounts)]


class NetworkExplorer:
    """Pick a target (account or person) and a rep; see the strongest paths, who to ask, and connectors."""

    def __init__(self, network, *, targets=None, show_map: bool = True):
        import ipywidgets as w

        self.network = network
        self.show_map = show_map
        options = list(targets) if targets is not None else target_options(network)
        reps = [("whole team", None)] + [(network.name(r), r) for r in network.reps]
        self.target = w.Combobox(options=options, placeholder=_("type an account or a person"),
                                 description=_("Target"), ensure_option=False, continuous_update=False,
                                 style=_STYLE, layout={"width": "min(100%, 36em)"})  # recompute on Enter or leaving
        self.rep = w.Dropdown(options=reps, value=None, description=_("From"), style=_STYLE)
        self.out = w.Output()
        self.message = w.HTML()
        self.paths = pd.DataFrame()
        self.connectors = pd.DataFrame()
        self.target.observe(lambda _: self.update(), names="value")
        self.rep.observe(lambda _: self.update(), names="value")
        self.widget = w.VBox([w.HBox([self.target, self.rep]), self.message, self.out])

    def update(self):
        """Recompute the tables for the current choice and show them."""
        from ..network.paths import warm_paths
        from ..network.reach import reach_sets

        value = (self.target.value or "").strip()
        if not value:
            return
        sources = [self.rep.value] if self.rep.value else None
        try:
            self.paths = warm_paths(self.network, value, sources=sources)
            sets = reach_sets(self.network, [value])
        except WorkbenchError as err:
            self.paths, self.connectors = pd.DataFrame(), pd.DataFrame()
            self.message.value = f"<span role='status'>{html.escape(err.what)}. {html.escape(err.fix or '')}</span>"
            self.out.clear_output()
            return
        G = self.network.graph
        strength = {c: max((G.edges[c, r].get("strength", 0) for r in self.network.reps if G.has_edge(c, r)),
                           default=0.0) for c in sets}
        order = sorted(sets, key=lambda c: (-strength[c], str(G.nodes[c].get("name") or c)))
        self.connectors = pd.DataFrame({"person": order, "name": [G.nodes[c].get("name") or c for c in order],
                                        "company": [G.nodes[c].get("company") for c in order],
                                        "tie_to_team": [round(strength[c], 3) for c in order]})
        n = len(self.paths)
        self.message.value = (f"<span role='status'>{n} path{'s' if n != 1 else ''} into <b>{html.escape(value)}</b>; "
                              f"{len(self.connectors)} people know someone there.</span>")
        _draw(self.out, self._shown())

    def _shown(self):
        """What the output shows: the best paths, the connectors, then a map of the best path."""
        if len(self.paths):
            yield self.paths[["from_name", "target_name", "who_to_ask", "hops", "path_strength", "chain",
                              "other_introducers"]].head(8)
        if len(self.connectors):
            yield self.connectors.head(10)
        if self.show_map and len(self.paths):
            from ..network.plots import network_map

            best = list(self.paths["path"].iloc[0])
            yield network_map(self.network, highlight=best, max_nodes=80,
                              title=_('Best path: {chain}').format(chain=self.paths['chain'].iloc[0]))

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


REP_VIEWS = ("inventory", "referrals", "weekly means")


class RepView:
    """Pick one of the team's reps; see their inventory, referral plan or weekly means.

    ``view``: one of :data:`REP_VIEWS`.  ``data`` (the learner's Dataset) is
    needed for ``weekly means``: the reps' exports and CRM activities.
    ``view.table`` holds the current table.

    >>> from workbench.network.demo import demo_network
    >>> v = RepView(demo_network(), "referrals")
    >>> v.rep.value, v.table["name"].tolist()
    ('in/sam', ['Bo Chen'])
    >>> v.rep.value = "in/lina"
    >>> v.table["name"].tolist()
    []
    """

    def __init__(self, network, view: str = "inventory", *, data=None, rep=None):
        import ipywidgets as w

        from ..errors import InputError

        if view not in REP_VIEWS:
            raise InputError(_('no view called {view!r}').format(view=view), where="RepView(view)",
                             fix=_('use one of {rep_views}').format(rep_views=', '.join(REP_VIEWS)))
        if view == "weekly means" and data is None:
            raise InputError(_("weekly means need the data"), where="RepView(data)",
                             fix=_("pass data=data, what wb.start() returned"))
        self.network, self.view, self.data = network, view, data
        self.rep = w.Dropdown(options=[(network.name(r), r) for r in network.reps],
                              value=network.rep_key(rep), description=_("Rep"), style=_STYLE)
        self.out = w.Output()
        self.table = pd.DataFrame()
        self.rep.observe(lambda _: self.update(), names="value")
        self.widget = w.VBox([self.rep, self.out])
        self.update()

    def update(self):
        """Recompute the table for the rep picked and show it."""
        from ..network.means import weekly_means
        from ..network.reach import referral_plan
        from ..network.strength import inventory

        rep = self.rep.value
        if self.view == "inventory":
            inv = inventory(self.network, rep)
            self.table = inv[["name", "company", "position", "class", "strength", "last_contact",
                              "could_become_customer", "next_action"]]
        elif self.view == "referrals":
            self.table = referral_plan(self.network, rep)[["name", "class", "can_introduce", "ask_for", "message"]]
        else:
            from ..network.exports import read_team

            export = next(e for e in read_team(self.data.social) if e.owner == rep)
            self.table = weekly_means(export, self.data, as_of=self.data.as_of, weeks=8)
        _draw(self.out, self._shown())

    def _shown(self):
        """What the output shows: the table, below a bar of its classes for the inventory."""
        if self.view == "inventory":
            from ..network.plots import class_bar

            yield class_bar(self.table)
        yield self.table.head(12)

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


class ConnectorsView:
    """The connector ranking with one reason each; pick the measure, and ``auto`` or ``exact`` betweenness.

    ``view.table`` holds the rows shown (``rank``, ``name``, ``company``, ``why``, ``details``).

    >>> from workbench.network.demo import demo_network
    >>> v = ConnectorsView(demo_network(), top=3)
    >>> v.betweenness.value = "exact"
    >>> v.table["name"].tolist()[0], v.table.attrs["betweenness_engine"].startswith("exact")
    ('Bo Chen', True)
    """

    def __init__(self, network, *, top: int = 15, group="account"):
        import ipywidgets as w

        from ..network.connectors import ORDERS

        self.network, self.top, self.group = network, top, group
        self.by = w.Dropdown(options=list(ORDERS), value="combined", description=_("Rank by"), style=_STYLE)
        self.betweenness = w.ToggleButtons(options=[("default", "auto"), ("exact", "exact")], value="auto",
                                           description=_("Betweenness"), style=_STYLE)
        self.out = w.Output()
        self.table = pd.DataFrame()
        self.by.observe(lambda _: self.update(), names="value")
        self.betweenness.observe(lambda _: self.update(), names="value")
        self.widget = w.VBox([w.HBox([self.by, self.betweenness]), self.out])
        self.update()

    def update(self):
        """Rank again with the measure and the betweenness picked, and show the table."""
        from ..network.connectors import rank_connectors

        ranking = rank_connectors(self.network, by=self.by.value, top=self.top, group=self.group,
                                  engine=self.betweenness.value)
        self.table = ranking[["rank", "name", "company", "why", "details"]]
        self.table.attrs.update(ranking.attrs)
        _draw(self.out, [self.table])

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


def connectors_view(network, **kwargs) -> ConnectorsView:
    """Show a :class:`ConnectorsView` over ``network`` (returns it, so its table can be read)."""
    return ConnectorsView(network, **kwargs)


def rep_view(network, view: str = "inventory", **kwargs) -> RepView:
    """Show a :class:`RepView` over ``network`` (returns it, so its table can be read)."""
    return RepView(network, view, **kwargs)


def explorer(network, **kwargs) -> NetworkExplorer:
    """Show a :class:`NetworkExplorer` over ``network`` (returns it, so its tables can be read)."""
    return NetworkExplorer(network, **kwargs)
