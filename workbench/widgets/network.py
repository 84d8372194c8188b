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
from ..i18n.messages import N_, _, ngettext
from . import in_a_kernel, in_language
from .tables import table_html

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
        reps = [(_("whole team"), None)] + [(network.name(r), r) for r in network.reps]
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
            self.message.value = in_language(f"<span role='status'>{html.escape(str(err))}</span>")
            self.out.clear_output()
            return
        G = self.network.graph
        strength = {c: max((G.edges[c, r].get("strength", 0) for r in self.network.reps if G.has_edge(c, r)),
                           default=0.0) for c in sets}
        order = sorted(sets, key=lambda c: (-strength[c], str(G.nodes[c].get("name") or c)))
        self.connectors = pd.DataFrame({"person": order, "name": [G.nodes[c].get("name") or c for c in order],
                                        "company": [G.nodes[c].get("company") for c in order],
                                        "tie_to_team": [round(strength[c], 3) for c in order]})
        n, m = len(self.paths), len(self.connectors)
        paths = ngettext("{n:,} path into <b>{target}</b>.", "{n:,} paths into <b>{target}</b>.", n).format(
            n=n, target=f"<bdi>{html.escape(value)}</bdi>")
        people = ngettext("{n:,} person knows someone there.", "{n:,} people know someone there.", m).format(n=m)
        self.message.value = in_language(f"<span role='status'>{paths} {people}</span>")
        _draw(self.out, self._shown())

    def _shown(self):
        """What the output shows: the best paths, the connectors, then a map of the best path."""
        from IPython.display import HTML

        if len(self.paths):
            yield HTML(in_language(table_html(self.paths, headings(
                ["from_name", "target_name", "who_to_ask", "hops", "path_strength", "chain", "other_introducers"]),
                max_rows=8, decimals=3)))
        if len(self.connectors):
            yield HTML(in_language(table_html(self.connectors, headings(["name", "company", "tie_to_team"]),
                                              max_rows=10, decimals=3)))
        if self.show_map and len(self.paths):
            from ..network.plots import network_map

            best = list(self.paths["path"].iloc[0])
            yield network_map(self.network, highlight=best, max_nodes=80,
                              title=_('Best path: {chain}').format(chain=self.paths['chain'].iloc[0]))

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


REP_VIEWS = ("inventory", "referrals", "weekly means")

#: The headings of the tables the network widgets show, beyond the report's (:func:`headings`).
_MORE_HEADINGS = {"hops": N_("steps"), "path_strength": N_("path strength"), "chain": N_("chain"),
                  "other_introducers": N_("others who could help"), "tie_to_team": N_("tie to the team"),
                  "strength": N_("strength"), "could_become_customer": N_("could become a customer"),
                  "can_introduce": N_("can introduce"), "at_targets": N_("at target accounts")}


def headings(columns) -> dict:
    """Each of ``columns`` with the heading a rep reads over it, in the current language.

    >>> headings(["from_name", "hops"])
    {'from_name': 'you', 'hops': 'steps'}
    """
    from ..network.report import column_headings

    words = column_headings()
    return {c: words[c] if c in words else _(_MORE_HEADINGS[c]) if c in _MORE_HEADINGS else _(str(c).replace("_", " "))
            for c in columns}


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
        from IPython.display import HTML

        yield HTML(in_language(table_html(self.table, headings(self.table.columns), max_rows=12, decimals=2)))

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


#: The measures a trainee can rank connectors by, in words (the ranking's own names are the values).
RANK_BY_WORDS = {"combined": N_("all measures combined"),
                 "betweenness": N_("who lies between others (betweenness)"),
                 "constraint": N_("whose contacts do not know each other (low constraint)"),
                 "effective_size": N_("how many different people they bring (effective size)"),
                 "brokerage": N_("how often they link two groups (brokerage)")}


def connectors_html(table: pd.DataFrame) -> str:
    """The connector ranking as a trainee reads it: rank, person, company and why each one, in words;
    the measures, with their units, folded under "Measures" on each row.

    >>> from workbench.network.connectors import rank_connectors
    >>> from workbench.network.demo import demo_network
    >>> shown = connectors_html(rank_connectors(demo_network(), top=2))
    >>> shown.count("<details>"), "betweenness" in shown.split("<details>")[0], ">Why them</th>" in shown
    (2, False, True)
    """
    e = html.escape
    left = ' style="text-align:start"'  # JupyterLab aligns table cells right, as for numbers: start is left or right
    head = "".join(f"<th{left}>{e(label)}</th>" for label in (_("Rank"), _("Person"), _("Company"), _("Why them")))
    rows = "".join(
        f'<tr><td>{int(row.rank)}</td><td dir="auto"{left}>{e(str(row.name))}</td>'
        f'<td dir="auto"{left}>{e(str(row.company))}</td>'
        f'<td{left}>{e(str(row.why))}<details><summary>' + e(_("Measures")) + f'</summary>'
        f"{e(str(row.details))}</details></td></tr>"
        for row in table.itertuples())
    return in_language(f'<table class="workbench-table"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>')


class ConnectorsView:
    """The connector ranking with one reason each; pick the measure, and ``auto`` or ``exact`` betweenness.

    ``view.table`` holds the rows shown (``rank``, ``name``, ``company``, ``why``, ``details``), drawn
    as :func:`connectors_html` shows them.

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
        self.by = w.Dropdown(options=[(_(RANK_BY_WORDS.get(by, by)), by) for by in ORDERS], value="combined",
                             description=_("Rank by"), style=_STYLE)
        self.betweenness = w.ToggleButtons(options=[(_("default"), "auto"), (_("exact"), "exact")], value="auto",
                                           description=_("Betweenness"), style=_STYLE)
        self.out = w.Output()
        self.table = pd.DataFrame()
        self.by.observe(lambda _: self.update(), names="value")
        self.betweenness.observe(lambda _: self.update(), names="value")
        self.widget = w.VBox([w.HBox([self.by, self.betweenness]), self.out])
        self.update()

    def update(self):
        """Rank again with the measure and the betweenness picked, and show the table."""
        from IPython.display import HTML

        from ..network.connectors import rank_connectors

        ranking = rank_connectors(self.network, by=self.by.value, top=self.top, group=self.group,
                                  engine=self.betweenness.value)
        self.table = ranking[["rank", "name", "company", "why", "details"]]
        self.table.attrs.update(ranking.attrs)
        _draw(self.out, [HTML(connectors_html(self.table))])

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
