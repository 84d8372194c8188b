"""Consent in the practice CRM: what each contact agreed to, per channel, and recording a change.

The consent log only grows: a change is a new row, and the newest row per
channel wins.  Recording one follows the rules the lessons teach: say how it
was given or withdrawn (the source), never date it in the future, and only
grant a channel the contact has an address for.

>>> from workbench.practice.database import sandbox, tiny_dataset
>>> db = sandbox(tiny_dataset())
>>> allowed(db, "C001", "email")
True
>>> record(db, "C001", "email", "revoked", source="phone_call")
>>> allowed(db, "C001", "email"), allowed(db, "C001", "sms")
(False, None)
"""

from __future__ import annotations

import pandas as pd

from ..data.schema import CHANNELS
from ..i18n.messages import _
from .records import ValidationError, get

SOURCES = ("phone_call", "email", "web_form", "event", "in_person", "letter")


def status(db, contact_id: str) -> pd.DataFrame:
    """The current consent per channel for one contact (the newest row of each channel)."""
    return db.query("SELECT channel, status, at, source, wording_version FROM consents c WHERE contact_id = ? "
                    "AND rowid = (SELECT rowid FROM consents d WHERE d.contact_id = c.contact_id AND "
                    "d.channel = c.channel ORDER BY d.at DESC, d.rowid DESC LIMIT 1) ORDER BY channel",
                    (contact_id,))


def allowed(db, contact_id: str, channel: str) -> bool | None:
    """True when the newest consent for ``channel`` is granted, False when revoked, None when never asked."""
    rows = status(db, contact_id)
    rows = rows[rows["channel"] == channel]
    return None if rows.empty else bool(rows["status"].iloc[0] == "granted")


def record(db, contact_id: str, channel: str, status: str, *, source: str, wording_version: str | None = None,
           at=None) -> None:
    """Add a consent (``status`` granted) or a withdrawal (``revoked``) for one channel."""
    contact = get(db, "contacts", contact_id)
    problems = {}
    if channel not in CHANNELS:
        problems["channel"] = _("{channel!r} is not a channel: use one of {channels}").format(
            channel=channel, channels=", ".join(CHANNELS))
    if status not in ("granted", "revoked"):
        problems["status"] = _("{status!r} is not a consent status: use granted or revoked").format(status=status)
    if not (source or "").strip():
        problems["source"] = _("say how the consent was given or withdrawn (for example phone_call or web_form): "
                                "it is your proof")
    when = pd.Timestamp(at) if at is not None else db.now()
    if pd.isna(when) or when > db.now() + pd.Timedelta(minutes=1):
        problems["at"] = _("a consent cannot be dated in the future: leave it blank for now")
    if status == "granted" and channel == "email" and not contact.get("email"):
        problems["channel"] = _("this contact has no email address: add one before recording an email opt-in")
    if status == "granted" and channel in ("sms", "phone") and not contact.get("phone"):
        problems["channel"] = (_("this contact has no phone number: add one before recording an sms opt-in")
                               if channel == "sms" else
                               _("this contact has no phone number: add one before recording a phone opt-in"))
    if problems:
        raise ValidationError("consents", problems)
    with db.transaction(f"record consent {status}"):
        db.conn.execute("INSERT INTO consents (contact_id, channel, status, at, source, wording_version) "
                        "VALUES (?, ?, ?, ?, ?, ?)", (contact_id, channel, status,
                                                      when.strftime("%Y-%m-%d %H:%M:%S"), source.strip(),
                                                      wording_version))


__all__ = ["SOURCES", "allowed", "record", "status"]
