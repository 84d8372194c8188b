"""The practice CRM's screens: ipywidgets forms over the public functions, nothing more.

Every screen is an object with a ``widget`` (shown when the object is the last
line of a cell) and the controls as attributes, so a test, or a curious
trainee, can fill a form and press a button in code::

    s = LogActivityScreen(db, contact_id="C001")
    s.subject.value = "Discussed the quote"
    s.log.click()
    s.message.value   # what the trainee sees

Each button calls one public function (``records.create``, ``activities.log``,
``leads.convert``, ``deals.move``, ``merge.merge_contacts``, ``consent.record``...)
and shows its answer or its validation messages next to the fields.  Every
control is a standard widget, reachable with Tab and used with the keyboard;
screens are at most 60em wide, to fit a laptop.

>>> from workbench.practice.database import sandbox, tiny_dataset
>>> s = SearchScreen(sandbox(tiny_dataset()))
>>> s.query.value = "jahan"
>>> [label for label, _ in s.results.options]
['Nusrat Jahan · nusrat.jahan@dhakatex.example (C001)', 'Nusrat Jahan · n.jahan@dhakatex.example (C003)']
"""

from __future__ import annotations

import html
from datetime import date

import pandas as pd

from ..data import rules
from ..data.schema import ACTIVITY_TYPES, CHANNELS, SCHEMA
from ..errors import WorkbenchError
from . import activities, audit, consent, deals, leads, merge, records, tasks
from .records import PossibleDuplicate, ValidationError

WIDTH = "min(100%, 60em)"
_STYLE = {"description_width": "10em"}
_TITLES = {"contacts": "Contacts", "accounts": "Accounts", "leads": "Leads", "opportunities": "Deals"}
SMALL_REFS = {"users", "stages", "products"}  # reference pickers shown as a list; others take an id


def _w():
    import ipywidgets

    return ipywidgets


def _status(ok: bool, text: str) -> str:
    colour = "#1b7f3b" if ok else "#b3261e"
    mark = "✔" if ok else "✘"
    return (f'<div role="status" style="border-left:4px solid {colour};padding:4px 8px;margin:4px 0">'
            f'<b style="color:{colour}">{mark}</b> {html.escape(text)}</div>')


def _problems_html(problems: dict, title: str = "Please correct:") -> str:
    items = "".join(f"<li><b>{html.escape(k)}</b>: {html.escape(v)}</li>" for k, v in problems.items())
    return f'<div role="alert" style="color:#b3261e">{html.escape(title)}<ul style="margin:2px 0">{items}</ul></div>'


def _failure(err: WorkbenchError) -> str:
    """What a refused action shows: the fields to correct, or the error in one line."""
    problems = getattr(err, "problems", None)
    return _problems_html(problems) if problems else _status(False, str(err))


def _table_html(df: pd.DataFrame, max_rows: int = 20) -> str:
    if df.empty:
        return "<i>nothing yet</i>"
    shown = df.head(max_rows).astype(object).where(df.head(max_rows).notna(), "")
    return shown.to_html(index=False, escape=True, border=0, classes="workbench-table")


def _day(value) -> date | None:
    if value is None or value == "" or (not isinstance(value, str) and pd.isna(value)):
        return None
    return pd.Timestamp(value).date()


class Screen:
    """A screen: ``widget`` is what is shown; subclasses build their controls in ``__init__``."""

    widget = None

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)

    def _list(self, picker, rows, key_column: str, label, select=None) -> bool:
        """List ``rows`` in ``picker`` (``label(row)`` shown) and select ``select``, else the first row.

        A ``select`` missing from ``rows`` is typed into the find box first, whose observer lists
        it again; then this returns False and the caller has nothing left to do.
        """
        keys = rows[key_column].tolist()
        if select is not None and select not in keys and self.find.value != select:
            self.find.value = select
            if picker.value != select:
                self.refresh(select)
            return False
        picker.options = [(label(r), getattr(r, key_column)) for r in rows.itertuples()]
        picker.value = select if select in keys else (keys[0] if keys else None)
        return True


# ---------------------------------------------------------------- forms

def field_widget(db, table: str, name: str, value=None):
    """The input for one schema field: a list for allowed values, a date picker, or a text box."""
    w = _w()
    column = SCHEMA[table].column(name)
    label = name.replace("_", " ")
    common = dict(description=label, style=_STYLE, layout={"width": "100%"})
    if column.choices:
        return w.Dropdown(options=[("—", None)] + [(c.replace("_", " "), c) for c in column.choices],
                          value=value if value in column.choices else None, **common)
    if column.ref and column.ref.split(".")[0] in SMALL_REFS:
        target, key = column.ref.split(".")
        label_col = "name" if target != "stages" else "stage"
        rows = db.query(f'SELECT "{key}" AS k, "{label_col}" AS l FROM "{target}" ORDER BY 2')
        options = [("—", None)] + [(f"{r.l} ({r.k})", r.k) for r in rows.itertuples()]
        return w.Dropdown(options=options, value=value if value in set(rows["k"]) else None, **common)
    if column.kind == "date":
        return w.DatePicker(value=_day(value), **common)
    placeholder = {"email": "name@company.com", "phone": "+33 6 12 34 56 78"}.get(name, "")
    if column.ref:
        placeholder = f"id of the {column.ref.split('.')[0][:-1]}, e.g. from the search"
    return w.Text(value="" if value is None else str(value), placeholder=placeholder, continuous_update=False,
                  **common)


class RecordForm(Screen):
    """Create (``key=None``) or edit a contact, account, lead or deal, with inline validation."""

    def __init__(self, db, table: str, key=None, *, on_saved=None):
        w = _w()
        self.db, self.table, self.key, self.on_saved = db, table, key, on_saved
        records.prepare(db, table)
        current = records.get(db, table, key) if key is not None else {}
        self.fields = {}
        self.errors = {}
        rows = []
        for name in records.EDITABLE[table]:
            field = field_widget(db, table, name, current.get(name))
            error = w.HTML(layout={"margin": "0 0 0 10.5em"})
            field.observe(lambda change, name=name: self._check_one(name), names="value")
            self.fields[name], self.errors[name] = field, error
            rows += [field, error]
        verb = "Save changes" if key is not None else f"Create {table[:-1]}"
        self.save = w.Button(description=verb, button_style="primary", icon="save",
                             tooltip=f"{verb} (checks every field first)")
        self.save_anyway = w.Button(description="Save anyway", button_style="warning",
                                    tooltip="It is a different record: create it despite the look-alikes",
                                    layout={"display": "none"})
        self.message = w.HTML()
        self.saved_key = None
        self.save.on_click(lambda _: self._save(False))
        self.save_anyway.on_click(lambda _: self._save(True))
        title = (f"Edit {records.label(db, table, key)}" if key is not None else f"New {table[:-1]}")
        self.widget = w.VBox([w.HTML(f"<h4>{html.escape(title)}</h4>"), *rows,
                              w.HBox([self.save, self.save_anyway]), self.message], layout={"width": WIDTH})

    def values(self) -> dict:
        """What the form holds now, field by field (blank fields as None)."""
        out = {}
        for name, field in self.fields.items():
            value = field.value
            out[name] = None if value in ("", None) else value
        return out

    def _check_one(self, name):
        value = self.fields[name].value
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
        values = self.values()
        try:
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
            self.message.value = _problems_html(err.problems)
            return
        except PossibleDuplicate as err:
            self.message.value = ('<div role="alert"><b>This may already be in the CRM:</b>'
                                  + _table_html(err.matches) + "Open the existing record instead, or press "
                                  "<b>Save anyway</b> if it is a different one.</div>")
            self.save_anyway.layout.display = None
            return
        self.save_anyway.layout.display = "none"
        self.message.value = _status(True, f"Saved {records.label(self.db, self.table, self.saved_key)}.")
        if self.on_saved:
            self.on_saved(self.saved_key)


# ---------------------------------------------------------------- search and record view

class SearchScreen(Screen):
    """Search and list contacts, accounts, leads or deals; open one to see it with its timeline."""

    def __init__(self, db, table: str = "contacts"):
        w = _w()
        self.db = db
        records.prepare(db, *_TITLES)
        self.table = w.ToggleButtons(options=[(v, k) for k, v in _TITLES.items()], value=table,
                                     description="Find", style={"button_width": "7em"})
        self.query = w.Text(placeholder="name, email, phone, company... (Enter to search)", description="Search",
                            continuous_update=False, layout={"width": "100%"})
        self.results = w.Select(options=[], rows=10, description="Results", layout={"width": "100%"})
        self.count = w.HTML()
        self.open = w.Button(description="Open", icon="folder-open", tooltip="Open the selected record")
        self.new = w.Button(description="New", icon="plus", tooltip="Create a record of this kind")
        self.detail = w.VBox()
        self.table.observe(lambda _: self.search(), names="value")
        self.query.observe(lambda _: self.search(), names="value")
        self.open.on_click(lambda _: self.show(self.results.value))
        self.new.on_click(lambda _: self.show_form())
        self.widget = w.VBox([self.table, self.query, self.count, self.results, w.HBox([self.open, self.new]),
                              self.detail], layout={"width": WIDTH})
        self.search()

    def search(self) -> pd.DataFrame:
        """Run the search with the screen's values; fill the result list and return the rows."""
        table = self.table.value
        found = records.search(self.db, table, self.query.value, limit=100)
        key = SCHEMA[table].key
        self.results.options = [(self._row_label(table, r), r[key]) for r in found.to_dict("records")]
        self.count.value = f"{len(found)} {'or more ' if len(found) == 100 else ''}{_TITLES[table].lower()} found"
        return found

    @staticmethod
    def _row_label(table, r):
        if table == "contacts":
            return f"{r['first_name']} {r['last_name']} · {r['email'] or r['phone'] or ''} ({r['contact_id']})"
        if table == "leads":
            return f"{r['name']} · {r['company']} · {r['status']} ({r['lead_id']})"
        if table == "opportunities":
            return f"{r['name']} · {r['stage']} · {r['amount']:,.0f} ({r['opportunity_id']})"
        return f"{r['name']} · {r['industry']} · {r['country']} ({r['account_id']})"

    def show(self, key):
        """Open record ``key`` of the current kind below the list."""
        if key is None:
            self.detail.children = [_w().HTML(_status(False, "Select a record in the list first."))]
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
        w = _w()
        self.db, self.table, self.key = db, table, key
        self.fields = w.HTML()
        self.timeline = w.HTML()
        self.consents = w.HTML()
        self.edit = w.Button(description="Edit", icon="pencil")
        self.log = w.Button(description="Log activity", icon="phone",
                            layout={"display": None if table != "leads" else "none"})
        self.plan = w.Button(description="Plan follow-up", icon="calendar",
                             layout={"display": None if table != "leads" else "none"})
        self.consent = w.Button(description="Consent", icon="check-square",
                                layout={"display": None if table == "contacts" else "none"})
        self.history = w.Button(description="History", icon="history", tooltip="Who changed this record, and how")
        self.panel = w.VBox()
        self.edit.on_click(lambda _: self._panel(RecordForm(db, table, key, on_saved=lambda _k: self.refresh())))
        self.log.on_click(lambda _: self._panel(LogActivityScreen(db, **{SCHEMA[table].key: key},
                                                                  on_logged=lambda _k: self.refresh())))
        self.plan.on_click(lambda _: self._panel(FollowUpScreen(db, **{SCHEMA[table].key: key},
                                                                on_planned=lambda _k: self.refresh())))
        self.consent.on_click(lambda _: self._panel(ConsentScreen(db, key, on_saved=self.refresh)))
        self.history.on_click(lambda _: self._panel(_HTMLScreen(self._history_html())))
        self.widget = w.VBox([self.fields, self.consents, w.HBox([self.edit, self.log, self.plan, self.consent, self.history]),
                              self.panel, w.HTML("<b>Timeline</b>"), self.timeline], layout={"width": WIDTH})
        self.refresh()

    def _panel(self, screen):
        self.panel.children = [screen.widget]
        self.screen = screen
        return screen

    def _history_html(self) -> str:
        h = audit.history(self.db, self.table, self.key, since_reset=True)
        if h.empty:
            return "<i>No change made in the practice CRM yet.</i>"
        return _table_html(h[["at", "who", "action", "op", "changes"]])

    def refresh(self):
        row = records.get(self.db, self.table, self.key)
        items = "".join(f"<tr><th style='text-align:left;padding-right:1em'>{html.escape(k.replace('_', ' '))}</th>"
                        f"<td>{html.escape('' if v is None else str(v))}</td></tr>" for k, v in row.items())
        self.fields.value = (f"<h4>{html.escape(records.label(self.db, self.table, self.key))}</h4>"
                             f"<table>{items}</table>")
        if self.table == "contacts":
            self.consents.value = "<b>Consent</b>" + _table_html(consent.status(self.db, self.key))
        if self.table != "leads":
            line = activities.timeline(self.db, **{SCHEMA[self.table].key: self.key})
            self.timeline.value = _table_html(line[["when", "type", "status", "subject", "outcome", "direction"]])
        else:
            self.timeline.value = "<i>Leads have no activities: convert the lead to work with it.</i>"


class _HTMLScreen(Screen):
    def __init__(self, text: str):
        self.widget = _w().HTML(text)


# ---------------------------------------------------------------- activities, reminders, to-do

_LINKS = ("contact_id", "account_id", "opportunity_id")


def _link_controls(contact_id, account_id, opportunity_id):
    """The boxes for the records an activity is about: (contact id, account id, deal id)."""
    w = _w()
    return (w.Text(value=contact_id or "", description="contact id", style=_STYLE,
                   placeholder="e.g. C00012 (search for the contact first)"),
            w.Text(value=account_id or "", description="account id", style=_STYLE),
            w.Text(value=opportunity_id or "", description="deal id", style=_STYLE))


def _links(screen) -> dict:
    """The ids typed in a screen's link boxes (see :func:`_link_controls`), a blank one as None."""
    return {k: (getattr(screen, k).value.strip() or None) for k in _LINKS}


def _due_controls(db):
    """A due date with its "Next Friday" button, and a reminder date: (due, friday, reminder)."""
    w = _w()
    due = w.DatePicker(description="due on", style=_STYLE)
    friday = w.Button(description="Next Friday", tooltip="Set the due date to the coming Friday")
    reminder = w.DatePicker(description="remind me on", style=_STYLE)
    friday.on_click(lambda _: setattr(due, "value", activities.next_weekday(db.today, "friday").date()))
    return due, friday, reminder


class LogActivityScreen(Screen):
    """Log a call, email or meeting that happened, and plan a follow-up with a reminder."""

    def __init__(self, db, *, contact_id=None, account_id=None, opportunity_id=None, on_logged=None):
        w = _w()
        self.db, self.on_logged = db, on_logged
        self.contact_id, self.account_id, self.opportunity_id = _link_controls(contact_id, account_id, opportunity_id)
        self.type = w.Dropdown(options=[t for t in ACTIVITY_TYPES if t != "task"], value="call", description="type",
                               style=_STYLE)
        self.direction = w.ToggleButtons(options=["outbound", "inbound"], value="outbound", description="direction",
                                         style=_STYLE)
        self.subject = w.Text(description="subject", style=_STYLE, layout={"width": "100%"},
                              placeholder="what it was about")
        self.outcome = w.Textarea(description="outcome", style=_STYLE, layout={"width": "100%"},
                                  placeholder="what came of it")
        self.follow = w.Checkbox(value=False, description="plan a follow-up", indent=False)
        self.follow_subject = w.Text(description="follow-up", style=_STYLE, layout={"width": "100%"},
                                     placeholder="what you will do next")
        self.due, self.friday, self.reminder = _due_controls(db)
        self.log = w.Button(description="Log activity", button_style="primary", icon="check")
        self.message = w.HTML()
        self.activity_id = self.follow_up_id = None
        self.log.on_click(lambda _: self.submit())
        self.widget = w.VBox([w.HTML("<h4>Log an activity</h4>"), self.contact_id, self.account_id,
                              self.opportunity_id, self.type, self.direction, self.subject, self.outcome, self.follow,
                              self.follow_subject, w.HBox([self.due, self.friday]), self.reminder, self.log,
                              self.message], layout={"width": WIDTH})

    def submit(self):
        """Log the activity (and the follow-up, when ticked) in one transaction."""
        links = _links(self)
        self.activity_id = self.follow_up_id = None
        try:
            with self.db.transaction(f"log {self.type.value}"):
                self.activity_id = activities.log(self.db, self.type.value, self.subject.value,
                                                  direction=self.direction.value,
                                                  outcome=self.outcome.value.strip() or None, **links)
                if self.follow.value:
                    self.follow_up_id = activities.follow_up(
                        self.db, self.follow_subject.value or f"Follow up: {self.subject.value}", self.due.value,
                        reminder=self.reminder.value, **links)
        except WorkbenchError as err:
            self.activity_id = self.follow_up_id = None  # rolled back: nothing was saved
            self.message.value = _failure(err)
            return None
        done = f"Logged the {self.type.value} ({self.activity_id})"
        if self.follow_up_id:
            done += f" and planned the follow-up for {self.due.value} ({self.follow_up_id})"
        self.message.value = _status(True, done + ".")
        if self.on_logged:
            self.on_logged(self.activity_id)
        return self.activity_id


class FollowUpScreen(Screen):
    """Plan a follow-up on its own (a call to make, a quote to send), due on a day, with a reminder."""

    def __init__(self, db, *, contact_id=None, account_id=None, opportunity_id=None, on_planned=None):
        w = _w()
        self.db, self.on_planned = db, on_planned
        self.contact_id, self.account_id, self.opportunity_id = _link_controls(contact_id, account_id, opportunity_id)
        self.type = w.Dropdown(options=list(ACTIVITY_TYPES), value="task", description="type", style=_STYLE)
        self.subject = w.Text(description="subject", style=_STYLE, layout={"width": "100%"},
                              placeholder="what you will do, e.g. Send the quote")
        self.due, self.friday, self.reminder = _due_controls(db)
        self.plan = w.Button(description="Plan follow-up", button_style="primary", icon="calendar")
        self.message = w.HTML()
        self.activity_id = None
        self.plan.on_click(lambda _: self.submit())
        self.widget = w.VBox([w.HTML("<h4>Plan a follow-up</h4>"), self.contact_id, self.account_id,
                              self.opportunity_id, self.type, self.subject, w.HBox([self.due, self.friday]),
                              self.reminder, self.plan, self.message], layout={"width": WIDTH})

    def submit(self):
        """Plan the follow-up with the screen's values; return its id (None when refused)."""
        links = _links(self)
        self.activity_id = None
        try:
            self.activity_id = activities.follow_up(self.db, self.subject.value.strip(), self.due.value,
                                                    type=self.type.value, reminder=self.reminder.value, **links)
        except WorkbenchError as err:
            self.message.value = _failure(err)
            return None
        remind = f", reminder on {self.reminder.value}" if self.reminder.value else ""
        self.message.value = _status(True, f"Planned for {self.due.value}{remind} ({self.activity_id}).")
        self.subject.value = ""
        if self.on_planned:
            self.on_planned(self.activity_id)
        return self.activity_id


class TodoScreen(Screen):
    """Today's to-do list (overdue first) and the reminders due; mark an item done, set its reminder,
    or plan a new follow-up."""

    def __init__(self, db):
        w = _w()
        self.db = db
        self.day = w.DatePicker(value=db.today.date(), description="to-do for", style=_STYLE)
        self.items = w.Select(options=[], rows=8, description="to do", style=_STYLE, layout={"width": "100%"})
        self.reminders = w.HTML()
        self.outcome = w.Text(description="outcome", style=_STYLE, placeholder="what came of it")
        self.done = w.Button(description="Mark done", icon="check", button_style="success")
        self.remind = w.DatePicker(description="remind me on", style=_STYLE)
        self.set_reminder = w.Button(description="Set reminder", icon="bell",
                                     tooltip="Set (or move) the reminder of the selected item")
        self.message = w.HTML()
        self.follow_up = FollowUpScreen(db, on_planned=lambda _k: self.refresh())
        self.day.observe(lambda _: self.refresh(), names="value")
        self.done.on_click(lambda _: self.complete())
        self.set_reminder.on_click(lambda _: self.remind_me())
        self.widget = w.VBox([w.HTML("<h4>To do</h4>"), self.day, self.items, w.HBox([self.outcome, self.done]),
                              w.HBox([self.remind, self.set_reminder]), self.message, w.HTML("<b>Reminders</b>"),
                              self.reminders, self.follow_up.widget], layout={"width": WIDTH})
        self.refresh()

    def refresh(self) -> pd.DataFrame:
        day = self.day.value or self.db.today.date()
        items = activities.todo(self.db, day)
        self.items.options = [(f"{'OVERDUE · ' if r.overdue else ''}{r.due_at:%a %d %b %H:%M} · {r.type} · "
                               f"{r.subject} · {r.contact}", r.activity_id) for r in items.itertuples()]
        due = activities.reminders(self.db, pd.Timestamp(day) + pd.Timedelta(hours=23, minutes=59))
        self.reminders.value = _table_html(due[["reminder_at", "due_at", "type", "subject", "contact_id"]])
        return items

    def complete(self):
        if self.items.value is None:
            self.message.value = _status(False, "Select an item of the list first.")
            return
        try:
            activities.complete(self.db, self.items.value, outcome=self.outcome.value.strip() or None)
        except WorkbenchError as err:
            self.message.value = _status(False, str(err))
            return
        self.message.value = _status(True, f"Done: {self.items.value}.")
        self.outcome.value = ""
        self.refresh()

    def remind_me(self):
        """Set the reminder of the selected item to the day in "remind me on"."""
        if self.items.value is None:
            self.message.value = _status(False, "Select an item of the list first.")
            return
        try:
            activities.set_reminder(self.db, self.items.value, self.remind.value)
        except WorkbenchError as err:
            self.message.value = _failure(err)
            return
        self.message.value = _status(True, f"Reminder set for {self.remind.value}: {self.items.value}.")
        self.refresh()


# ---------------------------------------------------------------- leads, deals, merge, consent

class ConvertLeadScreen(Screen):
    """Convert a lead into an account, a contact and (ticked) an opportunity."""

    def __init__(self, db, lead_id=None):
        w = _w()
        self.db = db
        records.prepare(db, "leads", "contacts", "accounts")
        self.find = w.Text(description="find a lead", style=_STYLE, continuous_update=False,
                           placeholder="name, company or id (Enter)", layout={"width": "100%"})
        self.lead = w.Dropdown(description="lead", style=_STYLE, layout={"width": "100%"})
        known = db.query("SELECT DISTINCT industry FROM accounts ORDER BY 1")["industry"].tolist()
        countries = db.query("SELECT DISTINCT country FROM accounts ORDER BY 1")["country"].tolist()
        self.industry = w.Combobox(options=known, description="industry (new account)", style=_STYLE,
                                   placeholder="needed when the company is new")
        self.country = w.Combobox(options=countries, description="country (new account)", style=_STYLE)
        self.with_deal = w.Checkbox(value=True, description="Create an opportunity", indent=False)
        self.deal_name = w.Text(description="deal name", style=_STYLE, layout={"width": "100%"},
                                placeholder="leave blank for '<company> - new deal'")
        self.amount = w.Text(description="amount", style=_STYLE, placeholder="e.g. 15000")
        self.close_date = w.DatePicker(description="close date", style=_STYLE)
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
                                  + _table_html(err.matches) + "</div>")
            self.anyway.layout.display = self.attach.layout.display = None
            return None
        except WorkbenchError as err:
            self.message.value = _failure(err)
            return None
        self.anyway.layout.display = self.attach.layout.display = "none"
        made = ", ".join(f"{k.replace('_id', '')} {v}" for k, v in self.result.items() if v)
        self.message.value = _status(True, f"Converted: {made}.")
        self.refresh()
        return self.result


class MoveDealScreen(Screen):
    """Move a deal to another stage; the probability follows the stage table; write the next step."""

    def __init__(self, db, opportunity_id=None):
        w = _w()
        self.db = db
        records.prepare(db, "opportunities")
        self.stage_table = deals.stages(db)
        self.find = w.Text(description="find a deal", style=_STYLE, continuous_update=False,
                           placeholder="deal name, stage or id (Enter)", layout={"width": "100%"})
        self.deal = w.Dropdown(description="deal", style=_STYLE, layout={"width": "100%"})
        self.stage = w.Dropdown(options=self.stage_table["stage"].tolist(), description="new stage", style=_STYLE)
        self.probability = w.HTML()
        self.next_step = w.Text(description="next step", style=_STYLE, layout={"width": "100%"},
                                placeholder="what you will do next, and when")
        self.close_date = w.DatePicker(description="close date", style=_STYLE)
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
        self.close_date.value = _day(row["close_date"])
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
            self.message.value = _failure(err)
            return None
        self.message.value = _status(True, f"{row['name']} is now at {row['stage']} ({row['probability']}%).")
        self.refresh(row["opportunity_id"] if not row["is_closed"] else None)
        return row


class MergeScreen(Screen):
    """Pick a likely duplicate pair, compare the two records, choose the one to keep and merge."""

    def __init__(self, db):
        w = _w()
        self.db = db
        self.pairs = w.Select(options=[], rows=6, description="look-alikes", style=_STYLE, layout={"width": "100%"})
        self.keep = w.Text(description="keep", style=_STYLE, placeholder="contact id to keep")
        self.remove = w.Text(description="merge away", style=_STYLE, placeholder="contact id to merge into it")
        self.swap = w.Button(description="Swap", icon="exchange", tooltip="Keep the other record instead")
        self.rescan = w.Button(description="Scan again", icon="search",
                               tooltip="Look through every contact again for look-alikes (after many edits)")
        self.comparison = w.HTML()
        self.merge = w.Button(description="Merge", button_style="danger", icon="compress")
        self.message = w.HTML()
        self.pairs.observe(lambda _: self._pick(), names="value")
        self.keep.observe(lambda _: self._compare(), names="value")
        self.remove.observe(lambda _: self._compare(), names="value")
        self.swap.on_click(lambda _: self._swap())
        self.merge.on_click(lambda _: self.submit())
        self.rescan.on_click(lambda _: self.refresh(rescan_all=True))
        self.widget = w.VBox([w.HTML("<h4>Merge duplicates</h4>"), w.HBox([self.pairs]), self.rescan, self.keep,
                              self.remove, self.swap, self.comparison, self.merge, self.message],
                             layout={"width": WIDTH})
        self.refresh()

    def refresh(self, rescan_all: bool = False):
        found = merge.find_duplicates(self.db, rescan_all=rescan_all)
        self.pairs.options = [(f"{r.keep_name} ({r.keep}) ~ {r.remove_name} ({r.remove}) · {r.reason}",
                               (r.keep, r.remove)) for r in found.itertuples()]
        return found

    def _pick(self):
        if self.pairs.value:
            self.keep.value, self.remove.value = self.pairs.value

    def _swap(self):
        self.keep.value, self.remove.value = self.remove.value, self.keep.value

    def _compare(self):
        if not (self.keep.value and self.remove.value) or self.keep.value == self.remove.value:
            self.comparison.value = ""
            return
        try:
            self.comparison.value = _table_html(merge.compare(self.db, self.keep.value.strip(),
                                                              self.remove.value.strip()), max_rows=30)
        except WorkbenchError as err:
            self.comparison.value = _status(False, str(err))

    def submit(self):
        try:
            kept = merge.merge_contacts(self.db, self.keep.value.strip(), self.remove.value.strip())
        except WorkbenchError as err:
            self.message.value = _failure(err)
            return None
        gone = self.remove.value.strip()
        left = rules.record_problems("contacts", kept)
        self.message.value = _status(True, f"Merged {gone} into {kept['first_name']} "
                                           f"{kept['last_name']} ({kept['contact_id']}), with both histories.")
        if left:
            self.message.value += _problems_html(left, f"Still to correct on {kept['contact_id']} (open it in "
                                                       "Search and press Edit):")
        self.keep.value = self.remove.value = ""
        # drop the pairs the merge settled, without searching the whole CRM again
        self.pairs.value = None
        self.pairs.options = [(label, pair) for label, pair in self.pairs.options if gone not in pair]
        self.pairs.value = None
        return kept


class ConsentScreen(Screen):
    """Record a contact's consent or its withdrawal, per channel, with how you learned it."""

    def __init__(self, db, contact_id=None, *, on_saved=None):
        w = _w()
        self.db, self.on_saved = db, on_saved
        self.contact_id = w.Text(value=contact_id or "", description="contact id", style=_STYLE,
                                 continuous_update=False)
        self.channel = w.Dropdown(options=list(CHANNELS), value="email", description="channel", style=_STYLE)
        self.status = w.ToggleButtons(options=[("withdrawn (revoked)", "revoked"), ("given (granted)", "granted")],
                                      value="revoked", description="consent", style=_STYLE)
        self.source = w.Dropdown(options=[("—", "")] + [(s.replace("_", " "), s) for s in consent.SOURCES], value="",
                                 description="how you learned it", style=_STYLE)
        self.wording = w.Text(description="wording version", style=_STYLE, placeholder="optional, e.g. v2")
        self.current = w.HTML()
        self.save = w.Button(description="Record", button_style="primary", icon="check")
        self.message = w.HTML()
        self.contact_id.observe(lambda _: self.refresh(), names="value")
        self.save.on_click(lambda _: self.submit())
        self.widget = w.VBox([w.HTML("<h4>Consent</h4>"), self.contact_id, self.current, self.channel, self.status,
                              self.source, self.wording, self.save, self.message], layout={"width": WIDTH})
        self.refresh()

    def refresh(self):
        key = self.contact_id.value.strip()
        if key and self.db.row("contacts", key) is not None:
            self.current.value = (f"<b>{html.escape(records.label(self.db, 'contacts', key))}</b> now: "
                                  + _table_html(consent.status(self.db, key)))
        else:
            self.current.value = ""

    def submit(self):
        try:
            consent.record(self.db, self.contact_id.value.strip(), self.channel.value, self.status.value,
                           source=self.source.value, wording_version=self.wording.value.strip() or None)
        except WorkbenchError as err:
            self.message.value = _failure(err)
            return False
        self.message.value = _status(True, f"Recorded: {self.channel.value} consent {self.status.value}.")
        self.refresh()
        if self.on_saved:
            self.on_saved()
        return True


class ResetScreen(Screen):
    """Start the practice CRM again from the sample company, after ticking a confirmation box."""

    def __init__(self, db):
        from .database import reset

        w = _w()
        self.db = db
        self.confirm = w.Checkbox(value=False, description="I understand: everything I did in the practice CRM is "
                                                           "undone (a backup is kept)", indent=False,
                                  layout={"width": "100%"})
        self.reset = w.Button(description="Reset my practice CRM", button_style="danger", icon="undo")
        self.message = w.HTML()

        def go(_):
            try:
                backup = reset(self.db, confirm=self.confirm.value)
            except WorkbenchError as err:
                self.message.value = _status(False, str(err))
                return
            self.confirm.value = False
            self.message.value = _status(True, f"Back to the start. Your previous state is kept in {backup}.")

        self.reset.on_click(go)
        self.widget = w.VBox([self.confirm, self.reset, self.message], layout={"width": WIDTH})


class TaskCard(Screen):
    """A practice task in words, with the Check button that reads the database."""

    def __init__(self, db, task_id: str):
        from ..exercises.button import check_button

        w = _w()
        task = tasks.get_task(task_id)
        self.db, self.exercise = db, f"crm.practice.{task.id}"
        self.text = w.HTML(f"<b>Practice task: {html.escape(task.title)}</b><br>"
                           f"{html.escape(tasks.describe(db, task.id))}")
        self.checker = check_button(self.exercise, lambda: self.db)
        self.check = self.checker.children[0].children[0]
        self.feedback = self.checker.children[-1]
        self.widget = w.VBox([self.text, self.checker], layout={"width": WIDTH})


class PracticeCRM(Screen):
    """All the screens in tabs: Search, New record, To do, Log activity, Consent, Convert lead,
    Move deal, Merge duplicates, Reset."""

    def __init__(self, db):
        w = _w()
        self.db = db
        self.search = SearchScreen(db)
        self.todo = TodoScreen(db)
        self.log = LogActivityScreen(db, on_logged=lambda _k: self.todo.refresh())
        self.consent = ConsentScreen(db)
        self.convert = ConvertLeadScreen(db)
        self.deals = MoveDealScreen(db)
        self.merge = MergeScreen(db)
        self.reset = ResetScreen(db)
        screens = [("Search", self.search), ("To do", self.todo), ("Log activity", self.log),
                   ("Consent", self.consent), ("Convert lead", self.convert), ("Move deal", self.deals),
                   ("Merge duplicates", self.merge), ("Reset", self.reset)]
        self.tabs = w.Tab(children=[s.widget for _, s in screens])
        for i, (title, _) in enumerate(screens):
            self.tabs.set_title(i, title)
        self.tabs.observe(lambda change: self._refresh(screens[change["new"]][1]), names="selected_index")
        header = w.HTML(f"<b>Practice CRM of {html.escape(db.trainee)}</b> · today is "
                        f"{db.today:%A %d %B %Y} · you act as user {html.escape(db.user_id)}")
        self.widget = w.VBox([header, self.tabs], layout={"width": WIDTH})

    @staticmethod
    def _refresh(screen):
        if hasattr(screen, "refresh"):
            screen.refresh()


def crm(db) -> PracticeCRM:
    """The whole practice CRM in one tabbed widget."""
    return PracticeCRM(db)


def task(db, task_id: str) -> TaskCard:
    """One practice task and its Check button (``task(db, "convert-lead")``)."""
    return TaskCard(db, task_id)


__all__ = ["ConsentScreen", "ConvertLeadScreen", "FollowUpScreen", "LogActivityScreen", "MergeScreen", "MoveDealScreen",
           "PracticeCRM",
           "RecordForm", "RecordView", "ResetScreen", "SearchScreen", "TaskCard", "TodoScreen", "crm",
           "field_widget", "task"]
