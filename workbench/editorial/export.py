"""Export a plan so it opens anywhere: CSV for spreadsheets, iCalendar (RFC 5545) for calendars.

Every event carries the two properties RFC 5545 requires of a VEVENT: a
``UID`` that stays the same each time the same plan item is exported (built
from the item id, so a calendar updates an event instead of duplicating it)
and a ``DTSTAMP`` in UTC.  Its ``SEQUENCE`` is the item's ``revision`` (one
more at each status change), so a calendar that already holds the event
knows the new export is the newer one.  A publishing slot is written in UTC,
never as floating local time.  The file is written and read with the
`icalendar <https://icalendar.readthedocs.io>`_ library (escaping, folding,
quoted parameters, time zones); :func:`plan_to_ics` reads its own output
back with :func:`read_ics` and refuses to write a file that does not round-trip.

>>> plan = pd.DataFrame({"item_id": ["U1-20260302-p1"], "planned_on": [pd.Timestamp("2026-03-02")],
...     "owner": ["Amina"], "level": ["produce"], "format": ["article"], "theme": ["Hybrid work; trends"],
...     "persona_id": ["P1"], "mix": ["original"], "status": ["idea"], "scheduled_at": [pd.NaT]})
>>> text = plan_to_ics(plan, stamp="2026-02-20 09:00:00")
>>> ev = read_ics(text).iloc[0]
>>> ev["uid"], ev["dtstamp"], ev["dtstart"], ev["sequence"], ev["summary"]
('U1-20260302-p1@crm-workbench.editorial', '20260220T090000Z', '20260302', '0', 'Produce · article · Hybrid work; trends (Amina)')
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from ..errors import DataError, InputError, require_columns
from ..i18n.messages import _
from .rules import PLAN_COLUMNS

PRODID = "-//CRM Workbench//Editorial plan//EN"
UID_DOMAIN = "crm-workbench.editorial"


def plan_to_csv(plan: pd.DataFrame, path: str | Path | None = None) -> str:
    """The plan as CSV text (dates ``YYYY-MM-DD``), written to ``path`` when given.

    >>> plan = pd.DataFrame({"item_id": ["x"], "planned_on": [pd.Timestamp("2026-03-02")], "level": ["react"]})
    >>> print(plan_to_csv(plan).strip())
    item_id,planned_on,level
    x,2026-03-02,react
    """
    require_columns(plan, ["item_id", "planned_on"], where="plan_to_csv(plan)")
    cols = [c for c in PLAN_COLUMNS if c in plan.columns] + [c for c in plan.columns if c not in PLAN_COLUMNS]
    out = plan[cols].copy()
    out["planned_on"] = pd.to_datetime(out["planned_on"]).dt.strftime("%Y-%m-%d")
    if "scheduled_at" in out.columns:
        out["scheduled_at"] = pd.to_datetime(out["scheduled_at"]).dt.strftime("%Y-%m-%d %H:%M:%S")
    text = out.to_csv(index=False, lineterminator="\n")
    if path is not None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(text, encoding="utf-8")
    return text


def read_plan_csv(path: str | Path) -> pd.DataFrame:
    """Read a plan written by :func:`plan_to_csv` back, with its dates parsed."""
    path = Path(path)
    if not path.is_file():
        raise DataError(_("plan file not found"), file=path, fix=_("export the plan with plan_to_csv first"))
    plan = pd.read_csv(path, dtype={"item_id": str, "rep_id": str, "persona_id": str, "theme_id": str})
    require_columns(plan, ["item_id", "planned_on"], where=path.name)
    plan["planned_on"] = pd.to_datetime(plan["planned_on"])
    if "scheduled_at" in plan.columns:
        plan["scheduled_at"] = pd.to_datetime(plan["scheduled_at"])
    return plan


def _stamp(stamp):
    """The DTSTAMP of an export: ``stamp`` (naive means UTC), else now, as a UTC datetime to the second."""
    ts = pd.Timestamp.now(tz="UTC") if stamp is None else pd.Timestamp(stamp)
    if ts.tzinfo is None:
        ts = ts.tz_localize("UTC")
    return ts.tz_convert("UTC").floor("s").to_pydatetime()


def plan_to_ics(plan: pd.DataFrame, path: str | Path | None = None, *, stamp=None,
                name: str = "Editorial plan", tz: str | None = None) -> str:
    """The plan as an iCalendar file (text), written to ``path`` when given.

    Planned items are all-day events on ``planned_on``; an item with a real
    publishing slot (``scheduled_at``) becomes a 30-minute event at that
    time, written in UTC.  ``tz`` is the time zone of slots given without one
    (an IANA name such as ``"Europe/Paris"``; default: the computer's).
    ``stamp`` (default: now, UTC) is the DTSTAMP of every event: pass a fixed
    value to get byte-identical files for the same plan.

    >>> plan = pd.DataFrame({"item_id": ["x"], "planned_on": [pd.Timestamp("2026-03-02")], "level": ["produce"],
    ...                      "revision": [4], "scheduled_at": [pd.Timestamp("2026-03-02 08:30")]})
    >>> ev = read_ics(plan_to_ics(plan, stamp="2026-02-20", tz="Europe/Paris")).iloc[0]
    >>> ev["dtstart"], ev["sequence"]
    ('20260302T073000Z', '4')
    """
    require_columns(plan, ["item_id", "planned_on", "level"], where="plan_to_ics(plan)")
    if plan["item_id"].duplicated().any():
        dup = plan.loc[plan["item_id"].duplicated(), "item_id"].iloc[0]
        raise InputError(_('item_id {dup!r} appears twice, so its calendar UID would not be unique').format(dup=dup),
                         where="plan_to_ics(plan)", fix=_("give every plan item its own item_id"))
    from icalendar import Calendar, Event

    dtstamp = _stamp(stamp)
    calendar = Calendar()
    for key, value in (("prodid", PRODID), ("version", "2.0"), ("calscale", "GREGORIAN"), ("method", "PUBLISH"),
                       ("x-wr-calname", name)):
        calendar.add(key, value)
    get = lambda row, key: row.get(key) if key in row and not _blank(row.get(key)) else ""  # noqa: E731
    for row in plan.to_dict("records"):
        day = pd.Timestamp(row["planned_on"])
        level = str(row["level"])
        summary = " · ".join(x for x in (level.capitalize(), get(row, "format"), get(row, "theme")) if x)
        if get(row, "owner"):
            summary += f" ({row['owner']})"
        description = "\n".join(f"{k}: {get(row, k)}" for k in ("persona_id", "mix", "status", "theme_id", "rep_id")
                                if get(row, k) != "")
        event = Event()
        event.add("uid", f"{row['item_id']}@{UID_DOMAIN}")
        event.add("dtstamp", dtstamp)
        revision = row.get("revision")
        event.add("sequence", 0 if _blank(revision) else int(revision))
        scheduled = row.get("scheduled_at")
        if not _blank(scheduled):
            event.add("dtstart", _utc(scheduled, tz).to_pydatetime())
            event.add("duration", pd.Timedelta(minutes=30).to_pytimedelta())
        else:
            event.add("dtstart", day.date())
            event.add("dtend", (day + pd.Timedelta(days=1)).date())
            event.add("transp", "TRANSPARENT")
        event.add("summary", summary)
        event.add("description", description)
        event.add("categories", [level] + ([str(get(row, "format"))] if get(row, "format") else []))
        status = str(get(row, "status"))
        event.add("status", "CONFIRMED" if status in ("scheduled", "published") else "TENTATIVE")
        calendar.add_component(event)
    text = calendar.to_ical().decode("utf-8")
    back = read_ics(text)
    if len(back) != len(plan) or back["uid"].tolist() != [f"{i}@{UID_DOMAIN}" for i in plan["item_id"]]:
        raise DataError(_("the calendar did not read back as written"), file=str(path or "plan.ics"),
                        fix=_("report this as a bug in workbench.editorial.export"))
    if path is not None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_bytes(text.encode("utf-8"))
    return text


def _utc(at, tz: str | None) -> pd.Timestamp:
    """A publishing slot in UTC; one without a time zone is read in ``tz`` (default: the computer's)."""
    at = pd.Timestamp(at)
    if at.tzinfo is None:
        if tz is None:
            from dateutil.tz import tzlocal

            zone = tzlocal()
        else:
            from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

            try:
                zone = ZoneInfo(tz)
            except (ZoneInfoNotFoundError, ValueError):
                raise InputError(_('unknown time zone {tz!r}').format(tz=tz), where="plan_to_ics(tz=...)",
                                 fix=_("use an IANA name such as 'Europe/Paris' or 'Asia/Dhaka'")) from None
        at = at.tz_localize(zone, ambiguous=True, nonexistent="shift_forward")
    return at.tz_convert("UTC")


def _blank(value) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def read_ics(source: str | Path) -> pd.DataFrame:
    """Parse an iCalendar file or text into one row per VEVENT, checking RFC 5545's musts.

    Checks: the calendar has VERSION and PRODID; each event has exactly one
    UID and one DTSTAMP; UIDs are unique.  Columns: ``uid``, ``dtstamp``,
    ``sequence``, ``dtstart``, ``dtend``, ``summary``, ``description``,
    ``categories``, ``status``.  Moments come back in UTC (``...Z``) whatever
    time zone the file gives them in (``TZID``); a day is ``YYYYMMDD``, and a
    floating local time (no zone in the file) stays without one.

    >>> text = ("BEGIN:VCALENDAR\\r\\nVERSION:2.0\\r\\nPRODID:-//Example//EN\\r\\nBEGIN:VEVENT\\r\\nUID:a1\\r\\n"
    ...         "DTSTAMP:20260101T000000Z\\r\\nDTSTART;TZID=Europe/Paris:20260302T083000\\r\\n"
    ...         'SUMMARY;LANGUAGE="fr:CA":Rendez-vous: démo\\r\\nEND:VEVENT\\r\\nEND:VCALENDAR\\r\\n')
    >>> read_ics(text).loc[0, ["dtstart", "summary"]].tolist()
    ['20260302T073000Z', 'Rendez-vous: démo']
    """
    from icalendar import Calendar

    if isinstance(source, Path) or (isinstance(source, str) and "BEGIN:VCALENDAR" not in source):
        path = Path(source)
        if not path.is_file():
            raise DataError(_("calendar file not found"), file=path, fix=_("give the path of a .ics file"))
        text, where = path.read_text(encoding="utf-8"), path.name
    else:
        text, where = source, "calendar"
    try:
        calendar = Calendar.from_ical(text)
    except ValueError as err:
        raise DataError(_('not an iCalendar file ({err})').format(err=err), file=where,
                        fix=_("export the plan again with plan_to_ics")) from None
    if calendar.name != "VCALENDAR":
        raise DataError(_("not an iCalendar file (BEGIN:VCALENDAR ... END:VCALENDAR)"), file=where,
                        fix=_("export the plan again with plan_to_ics"))
    for must in ("VERSION", "PRODID"):
        if must not in calendar:
            raise DataError(_('the calendar has no {must}').format(must=must), file=where, fix=_("RFC 5545 requires VERSION and PRODID"))
    starts = [n for n, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1)
              if line.strip() == "BEGIN:VEVENT"]
    events = []
    for number, event in zip(starts, calendar.walk("VEVENT")):
        for must in ("UID", "DTSTAMP"):
            found = event.get(must)
            count = 0 if found is None else len(found) if isinstance(found, list) else 1
            if count != 1:
                raise DataError(_('event has {count} {must} (RFC 5545 requires one)').format(count=count, must=must), file=where, row=number,
                                fix=_("export the plan again with plan_to_ics"))
        events.append({"uid": str(event["UID"]), "dtstamp": _moment(event, "DTSTAMP"),
                       "sequence": _text(event, "SEQUENCE"), "dtstart": _moment(event, "DTSTART"),
                       "dtend": _moment(event, "DTEND"), "summary": _text(event, "SUMMARY"),
                       "description": _text(event, "DESCRIPTION"), "categories": _categories(event),
                       "status": _text(event, "STATUS")})
    out = pd.DataFrame(events, columns=["uid", "dtstamp", "sequence", "dtstart", "dtend", "summary", "description",
                                        "categories", "status"])
    if out["uid"].duplicated().any():
        raise DataError(_('UID {iloc!r} appears twice').format(iloc=out.loc[out['uid'].duplicated(), 'uid'].iloc[0]), file=where,
                        fix=_("every event needs its own UID"))
    return out


def _first(event, name: str):
    """A property of ``event`` (the first, should the file repeat it), or ``None``."""
    value = event.get(name)
    return value[0] if isinstance(value, list) else value


def _text(event, name: str) -> str | None:
    """A property's value as text, unescaped."""
    value = _first(event, name)
    return None if value is None else str(value)


def _moment(event, name: str) -> str | None:
    """A date or time property as text: ``YYYYMMDD``, ``YYYYMMDDTHHMMSSZ`` in UTC, or floating ``YYYYMMDDTHHMMSS``."""
    value = _first(event, name)
    if value is None:
        return None
    moment = value.dt
    if not isinstance(moment, datetime):
        return moment.strftime("%Y%m%d")
    if moment.tzinfo is None:
        return moment.strftime("%Y%m%dT%H%M%S")
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _categories(event) -> str | None:
    """Every category of ``event``, separated by commas, as the file lists them."""
    found = event.get("CATEGORIES")
    if found is None:
        return None
    return ",".join(str(c) for part in (found if isinstance(found, list) else [found]) for c in part.cats)
