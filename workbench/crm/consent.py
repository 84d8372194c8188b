"""Consent: who agreed to hear from us, on which channel, and since when.

The consent log holds one row per event: a contact opted in (``granted``) or
withdrew (``revoked``) for a channel (email, sms, phone).  The current status
is the newest event per contact and channel; when two events carry the same
time, ``revoked`` wins, because doubt must go the customer's way.  A contact
with no event for a channel has not opted in: opt-in means silence is a no.

>>> import pandas as pd
>>> log = pd.DataFrame({"contact_id": ["C1", "C1", "C2"], "channel": ["email"] * 3,
...                     "status": ["granted", "revoked", "granted"],
...                     "at": pd.to_datetime(["2025-01-05", "2025-03-01", "2025-02-01"])})
>>> current_consent(log)[["contact_id", "channel", "status"]]
  contact_id channel   status
0         C1   email  revoked
1         C2   email  granted
>>> may_contact(log, "email")
['C2']
>>> may_contact(log, "email", as_of="2025-02-15")
['C1', 'C2']
"""

from __future__ import annotations

import pandas as pd

from ..errors import InputError, require_columns
from ..i18n.messages import _
from . import columns as col

__all__ = ["current_consent", "may_contact", "mailing_list", "contacted_without_consent", "consent_summary"]

CONSENT_COLUMNS = ["contact_id", "channel", "status", "at"]
STATUSES = ("granted", "revoked")
_FIX = "pass the consent log (data.consents): contact_id, channel, status (granted/revoked), at"


def _timestamp(value, where: str) -> pd.Timestamp | None:
    """``as_of`` as a Timestamp; ``None`` stays ``None`` (no cut-off)."""
    return None if value is None else col.timestamp(value, where=where)


def _checked_log(consents: pd.DataFrame, where: str) -> pd.DataFrame:
    require_columns(consents, CONSENT_COLUMNS, where=where, fix=_FIX)
    log = consents.copy()
    log["status"] = log["status"].astype("string").str.strip().str.lower()
    log["channel"] = log["channel"].astype("string").str.strip().str.lower()
    bad = log.index[~log["status"].isin(STATUSES).fillna(False)]
    if len(bad):
        value = consents.loc[bad[0], "status"]
        raise InputError(_('status {value!r} in row {index} is neither granted nor revoked').format(value=value, index=list(consents.index).index(bad[0]) + 2),
                         where=where, fix=_("write each consent event as 'granted' or 'revoked'"))
    log["at"] = col.dates(log, "at", where=where, allow_missing=False)
    return log


def current_consent(consents: pd.DataFrame, *, as_of=None) -> pd.DataFrame:
    """The status in force per contact and channel: the newest event wins.

    Events after ``as_of`` (a date; default: all events) are ignored, so you can
    ask "what was the status on the day we sent that campaign?".  Returns one
    row per contact and channel with the winning event's columns and
    ``granted`` (True/False), sorted by contact and channel.

    >>> log = pd.DataFrame({"contact_id": ["C1", "C1"], "channel": ["sms", "sms"],
    ...                     "status": ["granted", "revoked"], "at": ["2025-01-01 09:00", "2025-01-01 09:00"]})
    >>> current_consent(log)[["contact_id", "status", "granted"]]
      contact_id   status  granted
    0         C1  revoked    False
    """
    where = "current_consent(consents)"
    log = _checked_log(consents, where)
    as_of = _timestamp(as_of, where)
    if as_of is not None:
        log = log[log["at"] <= as_of]
    log = log.assign(_revoked=log["status"].eq("revoked"))
    log = log.sort_values(["contact_id", "channel", "at", "_revoked"], kind="stable")
    out = log.groupby(["contact_id", "channel"], sort=False, observed=True).tail(1).drop(columns="_revoked")
    out["granted"] = out["status"].eq("granted").astype(bool)
    return out.sort_values(["contact_id", "channel"], kind="stable").reset_index(drop=True)


def may_contact(consents: pd.DataFrame, channel: str = "email", *, as_of=None) -> list[str]:
    """The contact ids whose consent for ``channel`` is granted now (or on ``as_of``), sorted.

    >>> log = pd.DataFrame({"contact_id": ["C9"], "channel": ["email"], "status": ["granted"],
    ...                     "at": ["2025-05-01"]})
    >>> may_contact(log, "sms")
    []
    """
    if not isinstance(channel, str) or not channel.strip():
        raise InputError(_('channel {channel!r} is not a channel name').format(channel=channel), where="may_contact(consents, channel)",
                         fix=_("use 'email', 'sms' or 'phone'"))
    current = current_consent(consents, as_of=as_of)
    ids = current.loc[current["granted"] & current["channel"].eq(channel.strip().lower()), "contact_id"]
    return sorted(ids.astype(str).unique())


def consent_summary(consents: pd.DataFrame, *, as_of=None) -> pd.DataFrame:
    """Contacts currently granted and revoked, per channel.

    >>> log = pd.DataFrame({"contact_id": ["C1", "C2", "C2"], "channel": ["email", "email", "sms"],
    ...                     "status": ["granted", "revoked", "granted"], "at": ["2025-01-01"] * 3})
    >>> consent_summary(log)
             granted  revoked  share_granted
    channel
    email          1        1            0.5
    sms            1        0            1.0
    """
    current = current_consent(consents, as_of=as_of)
    out = pd.crosstab(current["channel"], current["status"]).reindex(columns=list(STATUSES), fill_value=0)
    out.columns.name = None
    out.index = out.index.astype(str)
    out.index.name = "channel"
    out["share_granted"] = (out["granted"] / out.sum(axis=1)).round(2)
    return out


def mailing_list(contacts: pd.DataFrame, consents: pd.DataFrame, channel: str = "email", *, as_of=None,
                 explain: bool = False) -> pd.DataFrame:
    """An opt-in mailing list: contacts who granted ``channel`` and have a usable address.

    Email lists need a valid ``email``; sms and phone lists need a ``phone``.
    Two contacts sharing one address get one message (the first contact
    keeps it).  With ``explain=True`` every contact is returned with
    ``included`` and a plain ``reason``: ``opted in``, ``no consent given``,
    ``consent revoked``, ``no address``, ``address not valid`` or
    ``same address as <contact_id>``.

    >>> contacts = pd.DataFrame({"contact_id": ["C1", "C2", "C3"], "first_name": ["Amina", "Omar", "Lea"],
    ...                          "email": ["amina@x.test", "omar@x.test", None]})
    >>> log = pd.DataFrame({"contact_id": ["C1", "C2", "C3"], "channel": ["email"] * 3,
    ...                     "status": ["granted", "revoked", "granted"], "at": ["2025-01-01"] * 3})
    >>> mailing_list(contacts, log)["contact_id"].tolist()
    ['C1']
    >>> mailing_list(contacts, log, explain=True)[["contact_id", "reason"]].values.tolist()
    [['C1', 'opted in'], ['C2', 'consent revoked'], ['C3', 'no address']]
    """
    from ..data.formats import is_email
    from .quality import normalise_email, normalise_phone

    where = "mailing_list(contacts, consents, channel)"
    if channel not in ("email", "sms", "phone"):
        raise InputError(_('channel {channel!r} is not email, sms or phone').format(channel=channel), where=where,
                         fix=_("use channel='email', 'sms' or 'phone'"))
    address = "email" if channel == "email" else "phone"
    require_columns(contacts, ["contact_id", address], where=where)
    current = current_consent(consents, as_of=as_of)
    current = current[current["channel"].eq(channel)].set_index("contact_id")
    out = contacts.copy()
    status = out["contact_id"].map(current["status"])
    out["consent_at"] = out["contact_id"].map(current["at"])
    if "wording_version" in current.columns:
        out["wording_version"] = out["contact_id"].map(current["wording_version"])
    clean = normalise_email(out[address]) if address == "email" else normalise_phone(out[address])
    valid = clean.map(lambda v: pd.notna(v) and (is_email(v) if address == "email" else len(v) >= 6))
    reason = pd.Series("opted in", index=out.index, dtype="object")
    reason[status.isna().to_numpy()] = "no consent given"
    reason[status.eq("revoked").fillna(False).to_numpy()] = "consent revoked"
    ok = reason.eq("opted in")
    reason[(ok & clean.isna()).to_numpy()] = "no address"
    reason[(ok & clean.notna() & ~valid.astype(bool)).to_numpy()] = "address not valid"
    ok = reason.eq("opted in")
    first = out.loc[ok].assign(_key=clean[ok]).drop_duplicates("_key")
    keeper = first.set_index("_key")["contact_id"]
    repeat = ok & ~out.index.isin(first.index)
    reason[repeat.to_numpy()] = ["same address as " + str(keeper[k]) for k in clean[repeat]]
    out["included"] = reason.eq("opted in").to_numpy()
    out["reason"] = reason.to_numpy()
    if explain:
        return out.reset_index(drop=True)
    keep = [c for c in ("contact_id", "first_name", "last_name", address, "preferred_channel",
                        "consent_at", "wording_version") if c in out.columns]
    result = out.loc[out["included"], keep].copy()
    result[address] = clean[out["included"]]
    return result.reset_index(drop=True)


def contacted_without_consent(messages: pd.DataFrame, consents: pd.DataFrame, channel: str = "email", *,
                              contact: str = "contact_id", at: str = "sent_at",
                              only_revoked: bool = False) -> pd.DataFrame:
    """Messages sent on ``channel`` when the contact's consent for it was not granted.

    ``messages`` is any table with a contact column and a send-time column
    (campaign members with ``sent_at``, or the output of
    ``workbench.crm.pressure.messages`` with ``at="at"``); when it has a
    ``channel`` column only that channel's messages are judged.  For each
    message the consent in force at that moment is looked up; the rows
    returned were sent after a revocation (``consent_status`` = ``revoked``,
    with ``consent_changed_at``) or, unless ``only_revoked``, before any
    opt-in (``none``).  Messages without a send time are left out.

    >>> sent = pd.DataFrame({"contact_id": ["C1", "C1", "C2"],
    ...                      "sent_at": pd.to_datetime(["2025-02-01", "2025-04-01", "2025-04-01"])})
    >>> log = pd.DataFrame({"contact_id": ["C1", "C1", "C2"], "channel": ["email"] * 3,
    ...                     "status": ["granted", "revoked", "granted"],
    ...                     "at": pd.to_datetime(["2025-01-05", "2025-03-01", "2025-02-01"])})
    >>> contacted_without_consent(sent, log)[["contact_id", "sent_at", "consent_status"]]
      contact_id    sent_at consent_status
    0         C1 2025-04-01        revoked
    """
    where = "contacted_without_consent(messages, consents)"
    require_columns(messages, [contact, at], where=where,
                    fix=_("pass messages with '{contact}' and '{at}' columns, or name them with contact=, at=").format(
                        contact=contact, at=at))
    log = _checked_log(consents, where)
    log = log[log["channel"].eq(str(channel).lower())]
    sent = messages.copy()
    if "channel" in sent.columns:
        sent = sent[sent["channel"].astype("string").str.lower().eq(str(channel).lower()).fillna(False)]
    sent["_at"] = col.dates(sent, at, where=where)
    sent["_row"] = range(len(sent))
    sent["_contact"] = sent[contact].astype("string")
    sent = sent[sent["_at"].notna() & sent["_contact"].notna()].sort_values("_at", kind="stable")
    log = log.assign(_contact=log["contact_id"].astype("string"), _revoked=log["status"].eq("revoked"))
    log = log.sort_values(["at", "_revoked"], kind="stable")[["_contact", "at", "status"]]
    log = log.rename(columns={"at": "consent_changed_at", "status": "consent_status"})
    merged = pd.merge_asof(sent, log.sort_values("consent_changed_at", kind="stable"), left_on="_at",
                           right_on="consent_changed_at", by="_contact", direction="backward")
    merged["consent_status"] = merged["consent_status"].astype("object").fillna("none")
    flagged = merged["consent_status"].eq("revoked") if only_revoked else merged["consent_status"].ne("granted")
    bad = merged[flagged].sort_values("_row", kind="stable")
    return bad.drop(columns=["_at", "_row", "_contact"]).reset_index(drop=True)
