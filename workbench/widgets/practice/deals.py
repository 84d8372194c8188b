"""Screens over the pipeline: convert a lead into an account, a contact and a deal; move a deal to a stage.

>>> from workbench.practice.database import sandbox, tiny_dataset
>>> s = MoveDealScreen(sandbox(tiny_dataset()), "O002")
>>> s.stage.value = "Negotiation"
>>> s.next_step.value = "Send the contract on Friday"
>>> s.submit()["probability"]
80
"""

from __future__ import annotations

import html

from ...errors import WorkbenchError
from ...exercises.words import LEAD_STATUS, STAGE, options, said, stage_name
from ...i18n.messages import N_, _
from ...practice import deals, leads, records
from ...practice.records import PossibleDuplicate
from ...text import isolate
from .dates import DateBox
from .records import MATCH_COLUMNS, ONE_RECORD
from .screen import STYLE, WIDTH, Screen, as_day, failure_html, ipywidgets, read_days, status_html, table_html, tagged

#: The records a conversion makes, by the key it returns (named as :data:`.records.ONE_RECORD` names them).
_MADE = {"account_id": "accounts", "contact_id": "contacts", "opportunity_id": "opportunities"}


class ConvertLeadScreen(Screen):
    """Convert a lead into an account, a contact and (ticked) an opportunity.

    The form asks only what a salesperson knows: the lead's company is matched to
    its account when the CRM has one (shown, with its industry and country);
    otherwise the industry and country may be picked from those the CRM knows, or
    left "not known yet".  ``lead_id`` (the task's lead) is listed first and selected.
    """

    def __init__(self, db, lead_id=None):
        w = ipywidgets()
        self.db, self.first = db, lead_id
        records.prepare(db, "leads", "contacts", "accounts")
        self.find = w.Text(description=_("find a lead"), style=STYLE, continuous_update=False,
                           placeholder=_("name, company or id (Enter)"), layout={"width": "100%"})
        self.lead = w.Dropdown(description=_("lead"), style=STYLE, layout={"width": "100%"})
        self.account = w.HTML()
        self.industry = w.Dropdown(options=_known(db, "industry"), value="", description=_("industry"), style=STYLE)
        self.country = w.Dropdown(options=_known(db, "country"), value="", description=_("country"), style=STYLE)
        self.with_deal = w.Checkbox(value=True, description=_("Create an opportunity"), indent=False)
        self.deal_name = w.Text(description=_("deal name"), style=STYLE, layout={"width": "100%"},
                                placeholder=_("leave blank for '<company> - new deal'"))
        self.amount = w.Text(description=_("amount"), style=STYLE, placeholder=_("e.g. 15000"))
        self.close_date = DateBox(N_("close date"), style=STYLE)
        self.convert = w.Button(description=_("Convert"), button_style="primary", icon="exchange")
        self.anyway = w.Button(description=_("Create a new contact anyway"), button_style="warning",
                               layout={"display": "none", "width": "auto"})
        self.attach = w.Button(description=_("Use the existing contact"), layout={"display": "none", "width": "auto"})
        self.message = w.HTML()
        self.result = None
        self._match = None
        self.convert.on_click(self.guarded(self.submit))
        self.anyway.on_click(self.guarded(lambda: self.submit(allow_duplicate=True)))
        self.attach.on_click(self.guarded(lambda: self.submit(contact_id=self._match)))
        self.find.observe(self.guarded(self.refresh), names="value")
        self.lead.observe(self.guarded(self._show_account), names="value")
        self.new_account = w.VBox([self.industry, self.country])
        self.widget = w.VBox([w.HTML(tagged(_('Convert a lead'), "h4")), self.find, self.lead, self.account,
                              self.new_account, self.with_deal, self.deal_name, self.amount, self.close_date.widget,
                              w.HBox([self.convert, self.attach, self.anyway]), self.message], layout={"width": WIDTH})
        self.refresh(lead_id)

    def refresh(self, lead_id=None):
        """Fill the lead list from the find box, the task's lead first; select ``lead_id`` (finding it
        when it is not listed)."""
        rows = leads.open_leads(self.db, self.find.value)
        if self.first is not None:
            rows = rows.sort_values("lead_id", key=lambda k: k != self.first, kind="stable")
        if self._list(self.lead, rows, "lead_id",
                      lambda r: f"{isolate(r.name)} · {isolate(r.company)} · {said(LEAD_STATUS, r.status)} "
                                f"({r.lead_id})", lead_id):
            self._show_account()

    def _show_account(self):
        """Say which account the lead goes to; ask industry and country only for a new one."""
        row = self.db.row("leads", self.lead.value) if self.lead.value else None
        if row is None:
            self.account.value, self.new_account.layout.display = "", "none"
            return
        found = leads.existing_account(self.db, row["company"])
        company = html.escape(isolate(row["company"]))
        if found is not None:
            said_here = _("Goes to the account {company} ({account_id}, {industry}, {country}), already in the CRM.")
            self.account.value = "<div style='margin-inline-start:12.5em'>" + said_here.format(
                company=f"<b>{company}</b>", account_id=found["account_id"],
                industry=html.escape(str(found["industry"])), country=html.escape(str(found["country"]))) + "</div>"
            self.new_account.layout.display = "none"
        else:
            said_here = _("A new account {company} is created. The lead does not say its industry or country: "
                          "pick them if you know them, or leave them not known yet.")
            self.account.value = ("<div style='margin-inline-start:12.5em'>"
                                  + said_here.format(company=f"<b>{company}</b>") + "</div>")
            self.new_account.layout.display = None

    def submit(self, *, allow_duplicate: bool = False, contact_id=None):
        """Convert the selected lead with the form's values; return the keys made (None when refused)."""
        if self.lead.value is None:
            self.message.value = status_html(False, _("Select a lead in the list first."))
            return None
        account = {k: v for k, v in (("industry", self.industry.value), ("country", self.country.value)) if v}
        deal = None
        try:
            if self.with_deal.value:
                close = read_days("opportunities", close_date=self.close_date)["close_date"]
                deal = {"amount": self.amount.value.strip() or None, "close_date": close}
                if self.deal_name.value.strip():
                    deal["name"] = self.deal_name.value.strip()
            self.result = leads.convert(self.db, self.lead.value, account=account, opportunity=deal,
                                        contact_id=contact_id, allow_duplicate=allow_duplicate)
        except PossibleDuplicate as err:
            self._match = err.matches["key"].iloc[0]
            self.message.value = ('<div role="alert">' + tagged(_("This person may already be a contact:"))
                                  + table_html(err.matches, columns=MATCH_COLUMNS, units={"score": "%"}) + "</div>")
            self.anyway.layout.display = self.attach.layout.display = None
            return None
        except WorkbenchError as err:
            self.message.value = failure_html(err)
            return None
        self.anyway.layout.display = self.attach.layout.display = "none"
        made = _(", ").join(f"{_(ONE_RECORD[_MADE[k]])} {v}" for k, v in self.result.items() if v and k in _MADE)
        self.message.value = status_html(True, _('Converted: {made}.').format(made=made))
        self.refresh()
        return self.result


def _known(db, column: str) -> list:
    """The values of accounts' ``column`` the CRM already holds, after "not known yet"."""
    values = db.query(f'SELECT DISTINCT "{column}" AS v FROM accounts WHERE "{column}" IS NOT NULL '
                      f'AND "{column}" != ? ORDER BY 1', (leads.NOT_KNOWN,))["v"].tolist()
    return [(_("not known yet"), "")] + [(str(v).replace("_", " "), v) for v in values]


class MoveDealScreen(Screen):
    """Move a deal to another stage; the probability follows the stage table; write the next step."""

    def __init__(self, db, opportunity_id=None):
        w = ipywidgets()
        self.db = db
        records.prepare(db, "opportunities")
        self.stage_table = deals.stages(db)
        self.find = w.Text(description=_("find a deal"), style=STYLE, continuous_update=False,
                           placeholder=_("deal name, stage or id (Enter)"), layout={"width": "100%"})
        self.deal = w.Dropdown(description=_("deal"), style=STYLE, layout={"width": "100%"})
        self.stage = w.Dropdown(options=options(STAGE, self.stage_table["stage"].tolist()), description=_("new stage"),
                                style=STYLE)
        self.probability = w.HTML()
        self.next_step = w.Text(description=_("next step"), style=STYLE, layout={"width": "100%"},
                                placeholder=_("what you will do next, and when"))
        self.close_date = DateBox(N_("close date"), style=STYLE)
        self.move = w.Button(description=_("Move deal"), button_style="primary", icon="arrow-right")
        self.message = w.HTML()
        self.deal.observe(self.guarded(self._load), names="value")
        self.stage.observe(self.guarded(self._show_probability), names="value")
        self.move.on_click(self.guarded(self.submit))
        self.find.observe(self.guarded(self.refresh), names="value")
        self.widget = w.VBox([w.HTML(tagged(_('Move a deal'), "h4")), self.find, self.deal, self.stage, self.probability,
                              self.next_step, self.close_date.widget, self.move, self.message], layout={"width": WIDTH})
        self.refresh(opportunity_id)

    def refresh(self, opportunity_id=None):
        """Fill the deal list from the find box; select ``opportunity_id`` (finding it when not listed)."""
        if self._list(self.deal, deals.open_deals(self.db, self.find.value), "opportunity_id",
                      lambda r: f"{isolate(r.name)} · {isolate(r.account)} · {stage_name(r.stage)} ({r.opportunity_id})",
                      opportunity_id):
            self._load()

    def _load(self):
        if self.deal.value is None:
            return
        row = self.db.row("opportunities", self.deal.value)
        self.stage.value = row["stage"]
        self.next_step.value = row["next_step"] or ""
        self.close_date.value = as_day(row["close_date"])
        self._show_probability()

    def _show_probability(self):
        found = self.stage_table[self.stage_table["stage"] == self.stage.value]
        if len(found):
            said_here = _("probability at this stage: {probability}%").format(
                probability=int(found["default_probability"].iloc[0]))
            self.probability.value = f"<span style='margin-inline-start:12.5em'><b>{html.escape(said_here)}</b></span>"

    def submit(self):
        if self.deal.value is None:
            self.message.value = status_html(False, _("Select a deal in the list first."))
            return None
        try:
            close = read_days("opportunities", close_date=self.close_date)["close_date"]
            row = deals.move(self.db, self.deal.value, self.stage.value, next_step=self.next_step.value,
                             close_date=close)
        except WorkbenchError as err:
            self.message.value = failure_html(err)
            return None
        self.message.value = status_html(True, _('{isolate} is now at the stage {stage} ({probability}%).').format(
            isolate=isolate(row['name']), stage=stage_name(row['stage']), probability=row['probability']))
        self.refresh(row["opportunity_id"] if not row["is_closed"] else None)
        return row



__all__ = ["ConvertLeadScreen", "MoveDealScreen"]
