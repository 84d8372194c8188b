"""The "Who sees what" screen: pick a user of the practice CRM and see the deals and leads they may open.

The trainee runs the practice CRM as its administrator; this screen shows it as another
user would see it, with the rule that decides (:mod:`workbench.practice.permissions`).

>>> from workbench.practice.database import sandbox, tiny_dataset
>>> screen = AccessScreen(sandbox(tiny_dataset()))
>>> screen.user.value = "U02"
>>> "sees no deals" in screen.summary.value
True
"""

from __future__ import annotations

import html

from ...exercises.words import COLUMNS
from ...i18n.messages import N_, _, ngettext
from ...practice import permissions
from ...text import isolate
from .screen import STYLE, WIDTH, Screen, ipywidgets, table_html, tagged

DEAL_COLUMNS = {"opportunity_id": N_("deal"), "name": N_("name"), "owner": N_("owner"), "stage": N_("stage"),
                "amount": N_("amount")}
LEAD_COLUMNS = {"lead_id": N_("lead"), "name": N_("name"), "company": N_("company"), "owner": N_("owner"),
                "status": N_("status")}
HEAD = "head of the company"  # the role permissions gives the user nobody manages


def _people(db):
    """The users in the order the management line reads: the head first, then managers, then their teams."""
    summary = permissions.access_summary(db)
    rank = summary["role"].map(lambda r: 0 if r == HEAD else 1 if r.endswith("manager") else 2)
    return summary.assign(rank=rank).sort_values(["rank", "team", "name"])


def _role_said(role: str, team: str) -> str:
    """A user's role in the trainee's language (a team's name is the company's own, shown as it is)."""
    if role == HEAD:
        return _("head of the company")
    return _("manager, {team}").format(team=team) if role.endswith("manager") else str(team)


def _rule(name: str, role: str, deals: int) -> str:
    if role == HEAD:
        return _("{name} is the head of the company: everyone reports to them, so they see every deal and lead."
                 ).format(name=name)
    if deals == 0:
        return _("{name} sees no deals: a deal is seen by its owner, the owner's teammates in the same region "
                 "and the managers above the owner, and nobody on that list owns one here.").format(name=name)
    if role.endswith("manager"):
        return _("{name} sees their own deals, their teammates' in the same region and those of everyone who "
                 "reports to them.").format(name=name)
    return _("{name} sees the deals of their own team in their own region, their own included: a deal is private "
             "to its owner, the owner's teammates in the same region and the managers above the owner."
             ).format(name=name)


class AccessScreen(Screen):
    """Pick a user: their role, the rule that applies, and the deals and leads they may open."""

    def __init__(self, db):
        w = ipywidgets()
        self.db = db
        people = _people(db)
        self.user = w.Dropdown(description=_("View as"), style=STYLE, layout={"width": "100%"},
                               options=[(f"{isolate(p.name)} · {_role_said(p.role, p.team)} ({p.user_id})", p.user_id)
                                        for p in people.itertuples()], value=None)
        self.summary = w.HTML()
        self.deals = w.HTML()
        self.leads = w.HTML()
        self.message = w.HTML()
        self.user.observe(self.guarded(self.refresh), names="value")
        intro = html.escape(_("Who sees what: the practice CRM as another user sees it"))
        self.widget = w.VBox([w.HTML(f"<b>{intro}</b>"), self.user,
                              self.message, self.summary, self.deals, self.leads], layout={"width": WIDTH})

    def refresh(self):
        user_id = self.user.value
        if user_id is None:
            self.summary.value = tagged(_('Pick a user to see what they may open.'), "i")
            self.deals.value = self.leads.value = ""
            return
        names = dict(self.db.query("SELECT user_id, name FROM users").itertuples(index=False))
        role = permissions.role(self.db, user_id)
        deals = permissions.visible(self.db, "opportunities", user_id).assign(
            owner=lambda d: d["owner_id"].map(names))
        leads = permissions.visible(self.db, "leads", user_id).assign(owner=lambda d: d["owner_id"].map(names))
        name = isolate(names[user_id])
        counts = " · ".join([ngettext("{n} deal", "{n} deals", len(deals)).format(n=len(deals)),
                             ngettext("{n} lead", "{n} leads", len(leads)).format(n=len(leads))])
        self.summary.value = (f"<p dir='auto'>{html.escape(_rule(name, role, len(deals)))}</p>"
                              f"<p>{html.escape(counts)}</p>")
        self.deals.value = (tagged(_('Deals they see'), "b")
                            + table_html(deals, columns=DEAL_COLUMNS, values=COLUMNS["opportunities"]))
        self.leads.value = (tagged(_('Leads they see'), "b")
                            + table_html(leads, columns=LEAD_COLUMNS, values=COLUMNS["leads"]))


__all__ = ["AccessScreen"]
