"""Screens over activities: log a call or email that happened, plan a follow-up, the to-do list and reminders.

>>> from workbench.practice.database import sandbox, tiny_dataset
>>> s = LogActivityScreen(sandbox(tiny_dataset()), contact_id="C001")
>>> s.subject.value = "Discussed the quote"
>>> s.submit()
'ACT0004'
"""

from __future__ import annotations

import pandas as pd

from ...data.schema import ACTIVITY_TYPES
from ...errors import WorkbenchError
from ...exercises.words import ACTIVITY, COLUMNS, DIRECTION, activity_type, options
from ...i18n.messages import N_, _
from ...i18n.numbers import format_date, native_digits
from ...practice import activities
from ...text import isolate
from .dates import DateBox, format_day
from .screen import STYLE, WIDTH, Screen, failure_html, ipywidgets, read_days, status_html, table_html, tagged

_LINKS = ("contact_id", "account_id", "opportunity_id")


def _link_controls(contact_id, account_id, opportunity_id):
    """The boxes for the records an activity is about: (contact id, account id, deal id)."""
    w = ipywidgets()
    return (w.Text(value=contact_id or "", description=_("contact id"), style=STYLE,
                   placeholder=_("e.g. C00012 (search for the contact first)")),
            w.Text(value=account_id or "", description=_("account id"), style=STYLE),
            w.Text(value=opportunity_id or "", description=_("deal id"), style=STYLE))


def _links(screen) -> dict:
    """The ids typed in a screen's link boxes (see :func:`_link_controls`), a blank one as None."""
    return {k: (getattr(screen, k).value.strip() or None) for k in _LINKS}


def _due_controls(db):
    """A due date with its "Next Friday" button, and a reminder date: (due, friday, reminder)."""
    w = ipywidgets()
    due = DateBox(N_("due on"), style=STYLE)
    friday = w.Button(description=_("Next Friday"), tooltip=_("Set the due date to the coming Friday"))
    reminder = DateBox(N_("remind me on"), style=STYLE)
    friday.on_click(lambda _: setattr(due, "value", activities.next_weekday(db.today, "friday").date()))
    return due, friday, reminder


class LogActivityScreen(Screen):
    """Log a call, email or meeting that happened, and plan a follow-up with a reminder."""

    def __init__(self, db, *, contact_id=None, account_id=None, opportunity_id=None, on_logged=None):
        w = ipywidgets()
        self.db, self.on_logged = db, on_logged
        self.contact_id, self.account_id, self.opportunity_id = _link_controls(contact_id, account_id, opportunity_id)
        self.type = w.Dropdown(options=options(ACTIVITY, [t for t in ACTIVITY_TYPES if t != "task"]), value="call",
                               description=_("type"), style=STYLE)
        self.direction = w.ToggleButtons(options=options(DIRECTION, ["outbound", "inbound"]), value="outbound",
                                         description=_("direction"), style=STYLE)
        self.subject = w.Text(description=_("subject"), style=STYLE, layout={"width": "100%"},
                              placeholder=_("what it was about"))
        self.outcome = w.Textarea(description=_("outcome"), style=STYLE, layout={"width": "100%"},
                                  placeholder=_("what came of it"))
        self.follow = w.Checkbox(value=False, description=_("plan a follow-up"), indent=False)
        self.follow_subject = w.Text(description=_("follow-up"), style=STYLE, layout={"width": "100%"},
                                     placeholder=_("what you will do next"))
        self.due, self.friday, self.reminder = _due_controls(db)
        self.log = w.Button(description=_("Log activity"), button_style="primary", icon="check")
        self.message = w.HTML()
        self.activity_id = self.follow_up_id = None
        self.log.on_click(self.guarded(self.submit))
        self.widget = w.VBox([w.HTML(tagged(_('Log an activity'), "h4")), self.contact_id, self.account_id,
                              self.opportunity_id, self.type, self.direction, self.subject, self.outcome, self.follow,
                              self.follow_subject, w.HBox([self.due.widget, self.friday]), self.reminder.widget, self.log,
                              self.message], layout={"width": WIDTH})

    def submit(self):
        """Log the activity (and the follow-up, when ticked) in one transaction."""
        links = _links(self)
        self.activity_id = self.follow_up_id = None
        try:
            days = read_days("activities", due_at=self.due, reminder_at=self.reminder)
            with self.db.transaction(f"log {self.type.value}"):
                self.activity_id = activities.log(self.db, self.type.value, self.subject.value,
                                                  direction=self.direction.value,
                                                  outcome=self.outcome.value.strip() or None, **links)
                if self.follow.value:
                    self.follow_up_id = activities.follow_up(
                        self.db, self.follow_subject.value or _("Follow up: {subject}").format(subject=self.subject.value),
                        days["due_at"],
                        reminder=days["reminder_at"], **links)
        except WorkbenchError as err:
            self.activity_id = self.follow_up_id = None  # rolled back: nothing was saved
            self.message.value = failure_html(err)
            return None
        kind = activity_type(self.type.value)
        done = (_("Logged: {type} ({activity_id}).").format(type=kind, activity_id=isolate(self.activity_id))
                if not self.follow_up_id else
                _("Logged: {type} ({activity_id}); follow-up planned for {day} ({follow_up_id}).").format(
                    type=kind, activity_id=isolate(self.activity_id), day=isolate(format_day(days["due_at"])),
                    follow_up_id=isolate(self.follow_up_id)))
        self.message.value = status_html(True, done)
        if self.on_logged:
            self.on_logged(self.activity_id)
        return self.activity_id


class FollowUpScreen(Screen):
    """Plan a follow-up on its own (a call to make, a quote to send), due on a day, with a reminder."""

    def __init__(self, db, *, contact_id=None, account_id=None, opportunity_id=None, on_planned=None):
        w = ipywidgets()
        self.db, self.on_planned = db, on_planned
        self.contact_id, self.account_id, self.opportunity_id = _link_controls(contact_id, account_id, opportunity_id)
        self.type = w.Dropdown(options=options(ACTIVITY, ACTIVITY_TYPES), value="task", description=_("type"),
                               style=STYLE)
        self.subject = w.Text(description=_("subject"), style=STYLE, layout={"width": "100%"},
                              placeholder=_("what you will do, e.g. Send the quote"))
        self.due, self.friday, self.reminder = _due_controls(db)
        self.plan = w.Button(description=_("Plan follow-up"), button_style="primary", icon="calendar")
        self.message = w.HTML()
        self.activity_id = None
        self.plan.on_click(self.guarded(self.submit))
        self.widget = w.VBox([w.HTML(tagged(_('Plan a follow-up'), "h4")), self.contact_id, self.account_id,
                              self.opportunity_id, self.type, self.subject, w.HBox([self.due.widget, self.friday]),
                              self.reminder.widget, self.plan, self.message], layout={"width": WIDTH})

    def submit(self):
        """Plan the follow-up with the screen's values; return its id (None when refused)."""
        links = _links(self)
        self.activity_id = None
        try:
            days = read_days("activities", due_at=self.due, reminder_at=self.reminder)
            self.activity_id = activities.follow_up(self.db, self.subject.value.strip(), days["due_at"],
                                                    type=self.type.value, reminder=days["reminder_at"], **links)
        except WorkbenchError as err:
            self.message.value = failure_html(err)
            return None
        planned = (_("Planned for {day}, reminder on {reminder} ({activity_id}).") if days["reminder_at"]
                   else _("Planned for {day} ({activity_id})."))
        self.message.value = status_html(True, planned.format(day=isolate(format_day(days["due_at"])),
                                                              reminder=isolate(format_day(days["reminder_at"])),
                                                              activity_id=isolate(self.activity_id)))
        self.subject.value = ""
        if self.on_planned:
            self.on_planned(self.activity_id)
        return self.activity_id


#: The reminders due, as the to-do screen lists them.
REMINDER_COLUMNS = {"reminder_at": N_("reminder"), "due_at": N_("due"), "type": N_("type"), "subject": N_("subject"),
                    "contact_id": N_("contact")}


def _item_label(r) -> str:
    """One line of the to-do list: when (weekday and month in the trainee's language), type, subject, contact."""
    when = f"{format_date(r.due_at.date(), format='EEE d MMM')} {native_digits(f'{r.due_at:%H:%M}')}"
    parts = [when, activity_type(r.type), isolate(r.subject), isolate(r.contact)]
    return " · ".join([_("OVERDUE"), *parts] if r.overdue else parts)


class TodoScreen(Screen):
    """Today's to-do list (overdue first) and the reminders due; mark an item done, set its reminder,
    or plan a new follow-up."""

    def __init__(self, db):
        w = ipywidgets()
        self.db = db
        self.day = DateBox(N_("to-do for"), db.today.date(), style=STYLE)
        self.items = w.Select(options=[], rows=8, description=_("to do"), style=STYLE, layout={"width": "100%"})
        self.reminders = w.HTML()
        self.outcome = w.Text(description=_("outcome"), style=STYLE, placeholder=_("what came of it"))
        self.done = w.Button(description=_("Mark done"), icon="check", button_style="success")
        self.remind = DateBox(N_("remind me on"), style=STYLE)
        self.set_reminder = w.Button(description=_("Set reminder"), icon="bell",
                                     tooltip=_("Set (or move) the reminder of the selected item"))
        self.message = w.HTML()
        self.follow_up = FollowUpScreen(db, on_planned=lambda _k: self.refresh())
        self.day.observe(self.guarded(self.refresh), names="value")
        self.done.on_click(self.guarded(self.complete))
        self.set_reminder.on_click(self.guarded(self.remind_me))
        self.widget = w.VBox([w.HTML(tagged(_('To do'), "h4")), self.day.widget, self.items, w.HBox([self.outcome, self.done]),
                              w.HBox([self.remind.widget, self.set_reminder]), self.message, w.HTML(tagged(_('Reminders'), "b")),
                              self.reminders, self.follow_up.widget], layout={"width": WIDTH})
        self.refresh()

    def refresh(self) -> pd.DataFrame:
        day = read_days("activities", day=self.day)["day"] or self.db.today.date()
        items = activities.todo(self.db, day)
        self.items.options = [(_item_label(r), r.activity_id) for r in items.itertuples()]
        due = activities.reminders(self.db, pd.Timestamp(day) + pd.Timedelta(hours=23, minutes=59))
        self.reminders.value = table_html(due, columns=REMINDER_COLUMNS, values=COLUMNS["activities"])
        return items

    def complete(self):
        if self.items.value is None:
            self.message.value = status_html(False, _("Select an item of the list first."))
            return
        try:
            activities.complete(self.db, self.items.value, outcome=self.outcome.value.strip() or None)
        except WorkbenchError as err:
            self.message.value = failure_html(err)
            return
        self.message.value = status_html(True, _('Done: {item}.').format(item=self.items.value))
        self.outcome.value = ""
        self.refresh()

    def remind_me(self):
        """Set the reminder of the selected item to the day in "remind me on"."""
        if self.items.value is None:
            self.message.value = status_html(False, _("Select an item of the list first."))
            return
        try:
            day = read_days("activities", reminder_at=self.remind)["reminder_at"]
            activities.set_reminder(self.db, self.items.value, day)
        except WorkbenchError as err:
            self.message.value = failure_html(err)
            return
        self.message.value = status_html(True, _('Reminder set for {day}: {item}.').format(day=format_day(day), item=self.items.value))
        self.refresh()



__all__ = ["FollowUpScreen", "LogActivityScreen", "TodoScreen"]
