"""Calls, emails and meetings in the practice CRM: log them, plan follow-ups, see today's to-do list.

A logged activity is *completed* (it happened); a follow-up is *planned*, with
a due time and an optional reminder.  Every activity names the contact,
account or deal it is about (the account is filled in from the contact or the
deal).  Emailing or phoning someone who withdrew that consent is refused.

>>> from workbench.practice.database import sandbox, tiny_dataset
>>> db = sandbox(tiny_dataset())
>>> friday = next_weekday(db.today, "friday")
>>> friday.day_name(), str(friday.date())
('Friday', '2026-07-03')
>>> a = log(db, "call", "Discussed the quote", contact_id="C002", outcome="wants a discount")
>>> t = follow_up(db, "Call back about the discount", friday, contact_id="C002", reminder=friday)
>>> timeline(db, contact_id="C002")[["type", "subject", "status"]].values.tolist()[:2]
[['task', 'Call back about the discount', 'planned'], ['meeting', 'Visit', 'planned']]
"""

from __future__ import annotations

import pandas as pd

from ..data.schema import ACTIVITY_TYPES
from ..i18n.messages import _
from . import consent
from .records import ValidationError, clean, insert, new_key

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DEFAULT_HOUR = 9  # a follow-up given as a day is due at 09:00
TIMELINE_COLUMNS = ["activity_id", "when", "type", "subject", "status", "direction", "outcome", "contact_id",
                    "account_id", "opportunity_id", "due_at", "reminder_at", "completed_at", "owner_id"]


def next_weekday(day, weekday: str | int) -> pd.Timestamp:
    """The first ``weekday`` strictly after ``day`` ("friday" or 4 for Friday).

    >>> str(next_weekday("2026-07-03", "friday").date())  # a Friday: the next one
    '2026-07-10'
    """
    if isinstance(weekday, str):
        if weekday.lower() not in WEEKDAYS:
            raise ValidationError("activities", {"due_at": _("{weekday!r} is not a day of the week").format(weekday=weekday)})
        weekday = WEEKDAYS.index(weekday.lower())
    day = pd.Timestamp(day).normalize()
    return day + pd.Timedelta(days=(weekday - day.weekday() - 1) % 7 + 1)


def _moment(value, default_hour=DEFAULT_HOUR):
    if value is None or value == "":
        return None
    stamp = pd.Timestamp(value)
    if stamp == stamp.normalize() and not (isinstance(value, str) and ":" in value):
        stamp += pd.Timedelta(hours=default_hour)
    return stamp


def _links(db, contact_id, account_id, opportunity_id, problems) -> dict:
    if opportunity_id and not account_id:
        row = db.row("opportunities", opportunity_id)
        account_id = row["account_id"] if row else None
    if contact_id and not account_id:
        row = db.row("contacts", contact_id)
        account_id = row["account_id"] if row else None
    if not (contact_id or account_id or opportunity_id):
        problems["contact_id"] = _("say who the activity is about: pick a contact, an account or a deal")
    return {"contact_id": contact_id, "account_id": account_id, "opportunity_id": opportunity_id}


def _not_a_type(type_) -> str:
    return _("{type!r} is not an activity type: use one of {types}").format(type=type_, types=", ".join(ACTIVITY_TYPES))


#: Why a done activity cannot be completed again, per status (a whole sentence each).
_ALREADY = {"completed": lambda: _("this activity is already completed"),
            "cancelled": lambda: _("this activity is already cancelled")}


def _consent_rule(db, type_, direction, contact_id, problems):
    channel = {"email": "email", "call": "phone"}.get(type_)
    if channel and direction == "outbound" and contact_id and consent.allowed(db, contact_id, channel) is False:
        problems["type"] = (_("this contact withdrew consent to be emailed: do not contact them this way (log an "
                              "inbound email if they contacted you)") if channel == "email" else
                            _("this contact withdrew consent to be phoned: do not contact them this way (log an "
                              "inbound call if they contacted you)"))


def _save(db, values: dict, problems: dict, action: str) -> str:
    out, more = clean(db, "activities", values)
    problems = {**more, **problems}
    if problems:
        raise ValidationError("activities", problems)
    with db.transaction(action):
        out["activity_id"] = new_key(db, "activities")
        insert(db, "activities", out)
    return out["activity_id"]


def log(db, type: str, subject: str, *, contact_id=None, account_id=None, opportunity_id=None,  # noqa: A002
        outcome: str | None = None, direction: str = "outbound", at=None) -> str:
    """Record a call, email, meeting or note that happened; return its id."""
    problems: dict = {}
    if type not in ACTIVITY_TYPES:
        problems["type"] = _not_a_type(type)
    when = _moment(at) if at is not None else db.now()
    if when is not None and when > db.now() + pd.Timedelta(minutes=1):
        problems["completed_at"] = _("a logged activity has already happened: use a follow-up to plan one")
    links = _links(db, contact_id, account_id, opportunity_id, problems)
    _consent_rule(db, type, direction, contact_id, problems)
    values = {"type": type, "subject": subject, "status": "completed", "completed_at": when,
              "owner_id": db.user_id, "direction": direction if type in ("call", "email") else None,
              "outcome": outcome, **links}
    return _save(db, values, problems, f"log {type}")


def follow_up(db, subject: str, due, *, type: str = "task", contact_id=None, account_id=None,  # noqa: A002
              opportunity_id=None, reminder=None) -> str:
    """Plan an activity due at ``due`` (a day means 09:00), with an optional ``reminder``; return its id."""
    problems: dict = {}
    if type not in ACTIVITY_TYPES:
        problems["type"] = _not_a_type(type)
    due_at = _moment(due)
    if due_at is None:
        problems["due_at"] = _("required: say when it is due")
    elif due_at.normalize() < db.today:
        problems["due_at"] = _("{day} is in the past: a follow-up is due today ({today}) or later").format(
            day=due_at.date(), today=db.today.date())
    remind_at = _moment(reminder, default_hour=8)
    if remind_at is not None and due_at is not None and remind_at > due_at:
        problems["reminder_at"] = _("the reminder comes after the due time: set it earlier")
    links = _links(db, contact_id, account_id, opportunity_id, problems)
    values = {"type": type, "subject": subject, "status": "planned", "due_at": due_at, "reminder_at": remind_at,
              "owner_id": db.user_id, **links}
    return _save(db, values, problems, "plan follow-up")


def set_reminder(db, activity_id: str, at) -> None:
    """Set (or move) the reminder of a planned activity."""
    from .records import get

    row = get(db, "activities", activity_id)
    when = _moment(at, default_hour=8)
    problems = {}
    if row["status"] != "planned":
        problems["reminder_at"] = _("this activity is already done: reminders are for planned ones")
    elif when is None:
        problems["reminder_at"] = _("required: say when to be reminded")
    elif row["due_at"] and when > pd.Timestamp(row["due_at"]):
        problems["reminder_at"] = _("the reminder comes after the due time: set it earlier")
    if problems:
        raise ValidationError("activities", problems)
    with db.transaction("set reminder"):
        db.conn.execute("UPDATE activities SET reminder_at = ? WHERE activity_id = ?",
                        (when.strftime("%Y-%m-%d %H:%M:%S"), activity_id))


def complete(db, activity_id: str, outcome: str | None = None, at=None) -> None:
    """Mark a planned activity as done, with what came of it."""
    from .records import get

    row = get(db, "activities", activity_id)
    if row["status"] != "planned":
        raise ValidationError("activities", {"status": _ALREADY.get(row["status"], _ALREADY["completed"])()})
    when = _moment(at) if at is not None else db.now()
    with db.transaction("complete activity"):
        db.conn.execute("UPDATE activities SET status = 'completed', completed_at = ?, outcome = "
                        "coalesce(?, outcome) WHERE activity_id = ?",
                        (when.strftime("%Y-%m-%d %H:%M:%S"), outcome, activity_id))


def todo(db, day=None, *, owner_id: str | None = None) -> pd.DataFrame:
    """Planned activities due by the end of ``day`` (default: practice today), oldest first.

    Columns: activity_id, due_at, type, subject, contact (a label), reminder_at,
    overdue (due before practice today).
    """
    day = pd.Timestamp(day).normalize() if day is not None else db.today
    end = (day + pd.Timedelta(days=1)).strftime("%Y-%m-%d 00:00:00")
    df = db.query("SELECT a.activity_id, a.due_at, a.type, a.subject, "
                  "coalesce(c.first_name || ' ' || c.last_name, ac.name, '') AS contact, a.reminder_at, "
                  "a.contact_id, a.account_id, a.opportunity_id FROM activities a "
                  "LEFT JOIN contacts c ON c.contact_id = a.contact_id "
                  "LEFT JOIN accounts ac ON ac.account_id = a.account_id "
                  "WHERE a.status = 'planned' AND a.due_at < ? AND a.owner_id = ? ORDER BY a.due_at, a.activity_id",
                  (end, owner_id or db.user_id))
    df["due_at"] = pd.to_datetime(df["due_at"], format="ISO8601")
    df["reminder_at"] = pd.to_datetime(df["reminder_at"], format="ISO8601")
    df["overdue"] = df["due_at"] < db.today
    return df


def reminders(db, at=None, *, owner_id: str | None = None) -> pd.DataFrame:
    """Planned activities whose reminder time has come (by ``at``, default practice now)."""
    at = pd.Timestamp(at) if at is not None else db.now()
    df = db.query("SELECT activity_id, reminder_at, due_at, type, subject, contact_id FROM activities "
                  "WHERE status = 'planned' AND reminder_at IS NOT NULL AND reminder_at <= ? AND owner_id = ? "
                  "ORDER BY reminder_at", (at.strftime("%Y-%m-%d %H:%M:%S"), owner_id or db.user_id))
    return df


def timeline(db, *, contact_id=None, account_id=None, opportunity_id=None) -> pd.DataFrame:
    """Every activity about a contact, account or deal, newest first (planned ones by due time)."""
    column, value = next(((c, v) for c, v in (("contact_id", contact_id), ("account_id", account_id),
                                              ("opportunity_id", opportunity_id)) if v is not None),
                         (None, None))
    if column is None:
        raise ValidationError("activities", {"contact_id": _("name a contact, an account or a deal")})
    df = db.query(f"SELECT *, coalesce(completed_at, due_at) AS \"when\" FROM activities WHERE {column} = ? "
                  f"ORDER BY coalesce(completed_at, due_at) DESC, activity_id DESC", (value,))
    if df.empty:
        return pd.DataFrame(columns=TIMELINE_COLUMNS)
    df["when"] = pd.to_datetime(df["when"], format="ISO8601")
    return df[TIMELINE_COLUMNS]


__all__ = ["complete", "follow_up", "log", "next_weekday", "reminders", "set_reminder", "timeline", "todo"]
