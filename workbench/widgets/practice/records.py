"""Screens over the records: search and list, a record with its timeline, the form to create or edit one.

>>> from workbench.practice.database import sandbox, tiny_dataset
>>> s = SearchScreen(sandbox(tiny_dataset()))
>>> s.query.value = "jahan"
>>> [label for label, _ in s.results.options]  # names between bidi isolates, for right-to-left names
['\\u2068Nusrat Jahan\\u2069 · nusrat.jahan@dhakatex.example (C001)', '\\u2068Nusrat Jahan\\u2069 · n.jahan@dhakatex.example (C003)']
"""

from __future__ import annotations

import html

import pandas as pd

from ...data.schema import SCHEMA
from ...exercises.words import CHANGE, COLUMNS, LEAD_STATUS, REASON, audit_action, in_words, said, stage_name
from ...i18n.messages import N_, _, joined, ngettext
from ...i18n.numbers import format_number
from ...practice import activities, audit, consent, records
from ...practice.records import PossibleDuplicate, ValidationError
from ...text import isolate
from .. import in_language
from ..tables import column_words, readable
from .activities import FollowUpScreen, LogActivityScreen
from .consent import CONSENT_COLUMNS, ConsentScreen
from .dates import DateBox
from .screen import (
    STYLE,
    WIDTH,
    HTMLScreen,
    Screen,
    as_day,
    ipywidgets,
    problems_html,
    read_days,
    status_html,
    table_html,
    tagged,
)

TITLES = {"contacts": N_("Contacts"), "accounts": N_("Accounts"), "leads": N_("Leads"), "opportunities": N_("Deals")}
#: One record of each table, as a form's title and button name it (English message ids).
ONE_RECORD = {"contacts": N_("contact"), "accounts": N_("account"), "leads": N_("lead"), "opportunities": N_("deal")}
SMALL_REFS = {"users", "stages", "products"}  # reference pickers shown as a list; others take an id
#: The look-alikes found as a record is saved, as a trainee reads them.
MATCH_COLUMNS = {"key": N_("id"), "label": N_("record"), "score": N_("likeness"), "reason": N_("why")}
#: A record's activity timeline, and the people a contact referred, as a trainee reads them.
TIMELINE_COLUMNS = {"when": N_("when"), "type": N_("type"), "status": N_("status"), "subject": N_("subject"),
                    "outcome": N_("outcome"), "direction": N_("direction")}
HISTORY_COLUMNS = {"at": N_("when"), "who": N_("who"), "action": N_("what"), "op": N_("change"),
                   "changes": N_("fields")}
REFERRAL_COLUMNS = {"person": N_("person"), "record": N_("now a")}


def people_first(db):
    """The users as a list offers them (k: id, l: name): the trainee's own user first, then those who
    did the most in the last 90 days, then by name.

    >>> from workbench.practice.database import sandbox, tiny_dataset
    >>> db = sandbox(tiny_dataset())
    >>> people_first(db)["k"].iloc[0] == db.user_id
    True
    """
    since = (db.today - pd.Timedelta(days=90)).strftime("%Y-%m-%d")
    return db.query("SELECT u.user_id AS k, u.name AS l FROM users u LEFT JOIN activities a ON a.owner_id = u.user_id "
                    "AND coalesce(a.completed_at, a.due_at) >= ? GROUP BY u.user_id "
                    "ORDER BY u.user_id = ? DESC, count(a.activity_id) DESC, u.name", (since, db.user_id))


def field_widget(db, table: str, name: str, value=None):
    """The input for one schema field: a list for allowed values, a date picker, or a text box."""
    w = ipywidgets()
    column = SCHEMA[table].column(name)
    common = dict(description=column_words(name), style=STYLE, layout={"width": "100%"})
    if column.choices:
        kind = COLUMNS.get(table, {}).get(name)
        return w.Dropdown(options=[("—", None)] + [(said(kind, c) if kind else _(c.replace("_", " ")), c)
                                                   for c in column.choices],
                          value=value if value in column.choices else None, **common)
    if column.ref and column.ref.split(".")[0] in SMALL_REFS:
        target, key = column.ref.split(".")
        label_col = "name" if target != "stages" else "stage"
        rows = people_first(db) if target == "users" else \
            db.query(f'SELECT "{key}" AS k, "{label_col}" AS l FROM "{target}" ORDER BY 2')
        shown = stage_name if target == "stages" else isolate
        options = [("—", None)] + [(f"{shown(r.l)} ({r.k})", r.k) for r in rows.itertuples()]
        return w.Dropdown(options=options, value=value if value in set(rows["k"]) else None, **common)
    if column.kind == "date":
        return DateBox(name.replace("_", " "), as_day(value), style=STYLE)
    placeholder = {"email": "name@company.com", "phone": "+33 6 12 34 56 78"}.get(name, "")
    if column.ref:
        target = column.ref.split(".")[0]
        placeholder = _("id of the {record}, e.g. from the search").format(record=_(ONE_RECORD.get(target, target)))
    return w.Text(value="" if value is None else str(value), placeholder=placeholder, continuous_update=False,
                  **common)


def _changes_text(changes: dict) -> str:
    """An audit entry's changes as a person reads them: ``field: before → after``, one field after another.

    >>> _changes_text({"title": ("CEO", "Directrice"), "phone": (None, "+33 6")})
    'title: CEO → Directrice; phone: → +33 6'
    """
    return joined(f"{column_words(field)}: {'' if old is None else old} → {'' if new is None else new}"
                     for field, (old, new) in changes.items())


class RecordForm(Screen):
    """Create (``key=None``) or edit a contact, account, lead or deal, with inline validation."""

    def __init__(self, db, table: str, key=None, *, on_saved=None):
        w = ipywidgets()
        self.db, self.table, self.key, self.on_saved = db, table, key, on_saved
        records.prepare(db, table)
        current = records.get(db, table, key) if key is not None else {}
        self.fields = {}
        self.errors = {}
        rows = []
        for name in records.EDITABLE[table]:
            field = field_widget(db, table, name, current.get(name))
            error = w.HTML(layout={"margin": "0 0 0 12.5em"})
            field.observe(self.guarded(lambda name=name: self._check_one(name)), names="value")
            self.fields[name], self.errors[name] = field, error
            rows += [getattr(field, "widget", field), error]
        kind = _(ONE_RECORD.get(table, table))
        verb = _("Save changes") if key is not None else _("Create {kind}").format(kind=kind)
        self.save = w.Button(description=verb, button_style="primary", icon="save",
                             tooltip=_('{verb} (checks every field first)').format(verb=verb))
        self.save_anyway = w.Button(description=_("Save anyway"), button_style="warning",
                                    tooltip=_("It is a different record: create it despite the look-alikes"),
                                    layout={"display": "none"})
        self.message = w.HTML()
        self.saved_key = None
        self.save.on_click(self.guarded(lambda: self._save(False)))
        self.save_anyway.on_click(self.guarded(lambda: self._save(True)))
        title = (_("Edit {record}").format(record=isolate(records.label(db, table, key))) if key is not None
                 else _("New {kind}").format(kind=kind))
        self.widget = w.VBox([w.HTML(f"<h4>{html.escape(title)}</h4>"), *rows,
                              w.HBox([self.save, self.save_anyway]), self.message], layout={"width": WIDTH})

    def values(self) -> dict:
        """What the form holds now, field by field (blank fields as None); a ``ValidationError`` names
        every date that is not a day."""
        days = read_days(self.table, **{n: f for n, f in self.fields.items() if isinstance(f, DateBox)})
        out = {}
        for name, field in self.fields.items():
            value = days[name] if name in days else field.value
            out[name] = None if value in ("", None) else value
        return out

    def _check_one(self, name):
        field = self.fields[name]
        if isinstance(field, DateBox) and field.problem:
            self.errors[name].value = f'<span role="alert" style="color:#b3261e">{html.escape(field.problem)}</span>'
            return
        value = field.value
        if value in ("", None):
            self.errors[name].value = ""
            return
        problems = records.validate(self.db, self.table, {name: value}, key=self.key) if self.key else \
            records.clean(self.db, self.table, {name: value})[1]
        self.errors[name].value = (f'<span role="alert" style="color:#b3261e">{html.escape(problems[name])}</span>'
                                   if name in problems else "")

    def _save(self, allow_duplicate: bool):
        for error in self.errors.values():
            error.value = ""
        try:
            values = self.values()
            if self.key is None:
                self.saved_key = records.create(self.db, self.table, {k: v for k, v in values.items() if v is not None},
                                                allow_duplicate=allow_duplicate)
            else:
                records.update(self.db, self.table, self.key, values, allow_duplicate=allow_duplicate)
                self.saved_key = self.key
        except ValidationError as err:
            for name, problem in err.problems.items():
                if name in self.errors:
                    self.errors[name].value = f'<span role="alert" style="color:#b3261e">{html.escape(problem)}</span>'
            self.message.value = problems_html(err.problems)
            return
        except PossibleDuplicate as err:
            self.message.value = ('<div role="alert">' + tagged(_("This may already be in the CRM:"))
                                  + table_html(err.matches.assign(reason=[said(REASON, r) for r in err.matches["reason"]]),
                                               columns=MATCH_COLUMNS, units={"score": "%"})
                                  + html.escape(_("Open the existing record instead, or press Save anyway if it is "
                                                  "a different one.")) + "</div>")
            self.save_anyway.layout.display = None
            return
        self.save_anyway.layout.display = "none"
        self.message.value = status_html(True, _('Saved {isolate}.').format(isolate=isolate(records.label(self.db, self.table, self.saved_key))))
        if self.on_saved:
            self.on_saved(self.saved_key)


# ---------------------------------------------------------------- search and record view

class SearchScreen(Screen):
    """Search and list contacts, accounts, leads or deals; open one to see it with its timeline."""

    def __init__(self, db, table: str = "contacts"):
        w = ipywidgets()
        self.db = db
        records.prepare(db, *TITLES)
        self.table = w.ToggleButtons(options=[(_(v), k) for k, v in TITLES.items()], value=table,
                                     description=_("Find"), style={"button_width": "7em"})
        self.query = w.Text(placeholder=_("name, email, phone, company... (Enter to search)"), description=_("Search"),
                            continuous_update=False, layout={"width": "100%"})
        self.results = w.Select(options=[], rows=10, description=_("Results"), layout={"width": "100%"})
        self.count = w.HTML()
        self.open = w.Button(description=_("Open"), icon="folder-open", tooltip=_("Open the selected record"))
        self.new = w.Button(description=_("New"), icon="plus", tooltip=_("Create a record of this kind"))
        self.detail = w.VBox()
        self.message = w.HTML()
        self.table.observe(self.guarded(self.search), names="value")
        self.query.observe(self.guarded(self.search), names="value")
        self.open.on_click(self.guarded(lambda: self.show(self.results.value)))
        self.new.on_click(self.guarded(self.show_form))
        self.widget = w.VBox([self.table, self.query, self.count, self.results, w.HBox([self.open, self.new]),
                              self.message, self.detail], layout={"width": WIDTH})
        self.search()

    def search(self) -> pd.DataFrame:
        """Run the search with the screen's values; fill the result list and return the rows."""
        table = self.table.value
        self.message.value = ""
        found = records.search(self.db, table, self.query.value, limit=100)
        key = SCHEMA[table].key
        self.results.options = [(self._row_label(table, r), r[key]) for r in found.to_dict("records")]
        kind = _(TITLES[table]).lower()
        self.count.value = html.escape((_("{n} or more {kind} found") if len(found) == 100 else _("{n} {kind} found"))
                                       .format(n=len(found), kind=kind))
        return found

    @staticmethod
    def _row_label(table, r):
        if table == "contacts":
            return (f"{isolate(r['first_name'] + ' ' + r['last_name'])} · {r['email'] or r['phone'] or ''} "
                    f"({r['contact_id']})")
        if table == "leads":
            return f"{isolate(r['name'])} · {isolate(r['company'])} · {said(LEAD_STATUS, r['status'])} ({r['lead_id']})"
        if table == "opportunities":
            return (f"{isolate(r['name'])} · {stage_name(r['stage'])} · {format_number(r['amount'], decimals=0)} "
                    f"({r['opportunity_id']})")
        return f"{isolate(r['name'])} · {r['industry']} · {r['country']} ({r['account_id']})"

    def show(self, key):
        """Open record ``key`` of the current kind below the list."""
        if key is None:
            self.detail.children = [ipywidgets().HTML(status_html(False, _("Select a record in the list first.")))]
            return None
        view = RecordView(self.db, self.table.value, key)
        self.detail.children = [view.widget]
        self.view = view
        return view

    def show_form(self):
        form = RecordForm(self.db, self.table.value, on_saved=lambda key: (self.search(), self.show(key)))
        self.detail.children = [form.widget]
        self.form = form
        return form


class RecordView(Screen):
    """One record: its fields, its consents (contacts), its activity timeline, and what to do next."""

    def __init__(self, db, table: str, key):
        w = ipywidgets()
        self.db, self.table, self.key = db, table, key
        self.fields = w.HTML()
        self.timeline = w.HTML()
        self.consents = w.HTML()
        self.edit = w.Button(description=_("Edit"), icon="pencil")
        self.log = w.Button(description=_("Log activity"), icon="phone",
                            layout={"display": None if table != "leads" else "none"})
        self.plan = w.Button(description=_("Plan follow-up"), icon="calendar",
                             layout={"display": None if table != "leads" else "none"})
        self.consent = w.Button(description=_("Consent"), icon="check-square",
                                layout={"display": None if table == "contacts" else "none"})
        self.history = w.Button(description=_("History"), icon="history", tooltip=_("Who changed this record, and how"))
        self.panel = w.VBox()
        self.message = w.HTML()
        link = {SCHEMA[table].key: key}
        self.edit.on_click(self.guarded(lambda: self._panel(RecordForm(db, table, key,
                                                                       on_saved=lambda _k: self.refresh()))))
        self.log.on_click(self.guarded(lambda: self._panel(LogActivityScreen(db, **link,
                                                                             on_logged=lambda _k: self.refresh()))))
        self.plan.on_click(self.guarded(lambda: self._panel(FollowUpScreen(db, **link,
                                                                           on_planned=lambda _k: self.refresh()))))
        self.consent.on_click(self.guarded(lambda: self._panel(ConsentScreen(db, key, on_saved=self.refresh))))
        self.history.on_click(self.guarded(lambda: self._panel(HTMLScreen(in_language(self._history_html())))))
        self.widget = w.VBox([self.fields, self.consents, w.HBox([self.edit, self.log, self.plan, self.consent, self.history]),
                              self.message, self.panel, w.HTML(tagged(_('Timeline'), "b")), self.timeline], layout={"width": WIDTH})
        self.refresh()

    def _panel(self, screen):
        self.panel.children = [screen.widget]
        self.screen = screen
        return screen

    def _history_html(self) -> str:
        h = audit.history(self.db, self.table, self.key, since_reset=True)
        if h.empty:
            return tagged(_('No change made in the practice CRM yet.'), "i")
        h = h.assign(action=[audit_action(a) for a in h["action"]], op=[said(CHANGE, op) for op in h["op"]],
                     changes=[_changes_text(c) for c in h["changes"]])
        return table_html(h, columns=HISTORY_COLUMNS)

    def _referrals_html(self) -> str:
        """The people this contact brought to the company: a connector shows here."""
        sent = self.db.query("SELECT first_name || ' ' || last_name AS person, 'contact' AS record FROM contacts "
                             "WHERE referred_by = ? UNION ALL SELECT name, 'lead' FROM leads WHERE referred_by = ?",
                             (self.key, self.key))
        if sent.empty:
            return ""
        sent["record"] = [_(record) for record in sent["record"]]  # "contact" or "lead", as ONE_RECORD names them
        heading = ngettext("Referred {n} person to us", "Referred {n} people to us", len(sent)).format(n=len(sent))
        return f"<b>{html.escape(heading)}</b>" + table_html(sent, columns=REFERRAL_COLUMNS)

    def refresh(self):
        row = records.get(self.db, self.table, self.key)
        if row.get("referred_by"):
            row = {**row, "referred_by": records.label(self.db, "contacts", row["referred_by"])}
        shown = readable(in_words(pd.DataFrame([row]), COLUMNS.get(self.table, {}))).iloc[0]
        items = "".join(f"<tr><th style='text-align:left;padding-right:1em'>{html.escape(k)}</th>"
                        f"<td dir='auto'>{html.escape(v)}</td></tr>" for k, v in shown.items())
        self.fields.value = (f"<h4>{html.escape(isolate(records.label(self.db, self.table, self.key)))}</h4>"
                             f"<table>{items}</table>")
        if self.table == "contacts":
            self.consents.value = (tagged(_('Consent'), "b")
                                   + table_html(consent.status(self.db, self.key), columns=CONSENT_COLUMNS,
                                                values=COLUMNS["consents"]) + self._referrals_html())
        if self.table != "leads":
            line = activities.timeline(self.db, **{SCHEMA[self.table].key: self.key})
            self.timeline.value = table_html(line, columns=TIMELINE_COLUMNS, values=COLUMNS["activities"])
        else:
            self.timeline.value = tagged(_('Leads have no activities: convert the lead to work with it.'), "i")



__all__ = ["MATCH_COLUMNS", "SMALL_REFS", "TITLES", "RecordForm", "RecordView", "SearchScreen", "field_widget",
           "people_first"]
