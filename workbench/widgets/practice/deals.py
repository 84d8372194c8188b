"""Screens over the pipeline: convert a lead into an account, a contact and a deal; move a deal to a stage.

>>> from workbench.practice.database import sandbox, tiny_dataset
>>> s = MoveDealScreen(sandbox(tiny_dataset()), "O002")
>>> s.stage.value = "Negotiation"
>>> s.next_step.value = "Send the contract on Friday"
>>> s.submit()["probability"]
80
"""

from __future__ import annotations

from ...errors import WorkbenchError
from ...practice import deals, leads, records
from ...practice.records import PossibleDuplicate
from .screen import STYLE, WIDTH, Screen, as_day, failure_html, ipywidgets, status_html, table_html


class ConvertLeadScreen(Screen):
    """Convert a lead into an account, a contact and (ticked) an opportunity."""

    def __init__(self, db, lead_id=None):
        w = ipywidgets()
        self.db = db
        records.prepare(db, "leads", "contacts", "accounts")
        self.find = w.Text(description="find a lead", style=STYLE, continuous_update=False,
                           placeholder="name, company or id (Enter)", layout={"width": "100%"})
        self.lead = w.Dropdown(description="lead", style=STYLE, layout={"width": "100%"})
        known = db.query("SELECT DISTINCT industry FROM accounts ORDER BY 1")["industry"].tolist()
        countries = db.query("SELECT DISTINCT country FROM accounts ORDER BY 1")["country"].tolist()
        self.industry = w.Combobox(options=known, description="industry (new account)", style=STYLE,
                                   placeholder="needed when the company is new")
        self.country = w.Combobox(options=countries, description="country (new account)", style=STYLE)
        self.with_deal = w.Checkbox(value=True, description="Create an opportunity", indent=False)
        self.deal_name = w.Text(description="deal name", style=STYLE, layout={"width": "100%"},
                                placeholder="leave blank for '<company> - new deal'")
        self.amount = w.Text(description="amount", style=STYLE, placeholder="e.g. 15000")
        self.close_date = w.DatePicker(description="close date", style=STYLE)
        self.convert = w.Button(description="Convert", button_style="primary", icon="exchange")
        self.anyway = w.Button(description="Create a new contact anyway", button_style="warning",
                               layout={"display": "none"})
        self.attach = w.Button(description="Use the existing contact", layout={"display": "none"})
        self.message = w.HTML()
        self.result = None
        self._match = None
        self.convert.on_click(lambda _: self.submit())
        self.anyway.on_click(lambda _: self.submit(allow_duplicate=True))
        self.attach.on_click(lambda _: self.submit(contact_id=self._match))
        self.find.observe(lambda _: self.refresh(), names="value")
        self.widget = w.VBox([w.HTML("<h4>Convert a lead</h4>"), self.find, self.lead, self.industry, self.country,
                              self.with_deal, self.deal_name, self.amount, self.close_date,
                              w.HBox([self.convert, self.attach, self.anyway]), self.message], layout={"width": WIDTH})
        self.refresh(lead_id)

    def refresh(self, lead_id=None):
        """Fill the lead list from the find box; select ``lead_id`` (finding it when it is not listed)."""
        self._list(self.lead, leads.open_leads(self.db, self.find.value), "lead_id",
                   lambda r: f"{r.name} · {r.company} · {r.status} ({r.lead_id})", lead_id)

    def submit(self, *, allow_duplicate: bool = False, contact_id=None):
        account = {k: v for k, v in (("industry", self.industry.value.strip()),
                                     ("country", self.country.value.strip())) if v}
        deal = None
        if self.with_deal.value:
            deal = {"amount": self.amount.value, "close_date": self.close_date.value}
            if self.deal_name.value.strip():
                deal["name"] = self.deal_name.value.strip()
        try:
            self.result = leads.convert(self.db, self.lead.value, account=account, opportunity=deal,
                                        contact_id=contact_id, allow_duplicate=allow_duplicate)
        except PossibleDuplicate as err:
            self._match = err.matches["key"].iloc[0]
            self.message.value = ('<div role="alert"><b>This person may already be a contact:</b>'
                                  + table_html(err.matches) + "</div>")
            self.anyway.layout.display = self.attach.layout.display = None
            return None
        except WorkbenchError as err:
            self.message.value = failure_html(err)
            return None
        self.anyway.layout.display = self.attach.layout.display = "none"
        made = ", ".join(f"{k.replace('_id', '')} {v}" for k, v in self.result.items() if v)
        self.message.value = status_html(True, f"Converted: {made}.")
        self.refresh()
        return self.result


class MoveDealScreen(Screen):
    """Move a deal to another stage; the probability follows the stage table; write the next step."""

    def __init__(self, db, opportunity_id=None):
        w = ipywidgets()
        self.db = db
        records.prepare(db, "opportunities")
        self.stage_table = deals.stages(db)
        self.find = w.Text(description="find a deal", style=STYLE, continuous_update=False,
                           placeholder="deal name, stage or id (Enter)", layout={"width": "100%"})
        self.deal = w.Dropdown(description="deal", style=STYLE, layout={"width": "100%"})
        self.stage = w.Dropdown(options=self.stage_table["stage"].tolist(), description="new stage", style=STYLE)
        self.probability = w.HTML()
        self.next_step = w.Text(description="next step", style=STYLE, layout={"width": "100%"},
                                placeholder="what you will do next, and when")
        self.close_date = w.DatePicker(description="close date", style=STYLE)
        self.move = w.Button(description="Move deal", button_style="primary", icon="arrow-right")
        self.message = w.HTML()
        self.deal.observe(lambda _: self._load(), names="value")
        self.stage.observe(lambda _: self._show_probability(), names="value")
        self.move.on_click(lambda _: self.submit())
        self.find.observe(lambda _: self.refresh(), names="value")
        self.widget = w.VBox([w.HTML("<h4>Move a deal</h4>"), self.find, self.deal, self.stage, self.probability,
                              self.next_step, self.close_date, self.move, self.message], layout={"width": WIDTH})
        self.refresh(opportunity_id)

    def refresh(self, opportunity_id=None):
        """Fill the deal list from the find box; select ``opportunity_id`` (finding it when not listed)."""
        if self._list(self.deal, deals.open_deals(self.db, self.find.value), "opportunity_id",
                      lambda r: f"{r.name} · {r.account} · {r.stage} ({r.opportunity_id})", opportunity_id):
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
            self.probability.value = (f"<span style='margin-left:10.5em'>probability at this stage: "
                                      f"<b>{int(found['default_probability'].iloc[0])}%</b></span>")

    def submit(self):
        try:
            row = deals.move(self.db, self.deal.value, self.stage.value, next_step=self.next_step.value,
                             close_date=self.close_date.value)
        except WorkbenchError as err:
            self.message.value = failure_html(err)
            return None
        self.message.value = status_html(True, f"{row['name']} is now at {row['stage']} ({row['probability']}%).")
        self.refresh(row["opportunity_id"] if not row["is_closed"] else None)
        return row



__all__ = ["ConvertLeadScreen", "MoveDealScreen"]
