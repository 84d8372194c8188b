"""The rules a record's values follow, shared by the loaders and the practice CRM's forms.

Two kinds: **formats** (an ``email`` column holds an email address, a ``phone``
column a phone number; the patterns are in :mod:`workbench.data.formats`) and
the **contact rule** that links three fields (a preferred channel needs its
address: email needs an email, sms and phone need a phone number).  A form
refuses a value that breaks a rule; the loader accepts the file and lists the
rows as warnings (company exports and the sample data hold such rows, and
lesson 5 teaches how to find and fix them).

>>> format_problem("email", "ali@")
"'ali@' is not an email address: write it as name@domain.tld, for example amina.rahman@example.com"
>>> format_problem("email", "ali@rezaei.example") is None, format_problem("title", "ali@") is None
(True, True)
>>> channel_problem("sms", email="ali@rezaei.example", phone=None)
('phone', 'the preferred channel is sms: give a phone number or choose another channel')
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from ..i18n.messages import N_, _, pgettext
from . import formats


class Format(NamedTuple):
    """What a column's values must look like: a test, the problem of a value that fails it (a whole sentence
    with ``{value!r}``), what the loader's warning calls such values, and how to write one (English, read
    through the catalogue)."""

    test: object  # str -> bool
    problem: str
    what: str
    fix: str


#: The columns, in any table, whose values must have a format.
FORMATS = {
    "email": Format(formats.is_email, N_("{value!r} is not an email address: write it as name@domain.tld, for "
                                         "example amina.rahman@example.com"),
                    N_("not an email address"), formats.EMAIL_FIX),
    "phone": Format(formats.is_phone, N_("{value!r} is not a phone number: write digits with an optional leading +, "
                                         "spaces or dashes, for example +33 6 12 34 56 78"),
                    N_("not a phone number"), formats.PHONE_FIX),
}

#: The field each preferred channel needs filled in.
CHANNEL_ADDRESS = {"email": "email", "sms": "phone", "phone": "phone"}
#: The fields the contact rule reads: an edit touching one of them is checked against it.
CHANNEL_FIELDS = ("preferred_channel", "email", "phone")


def format_problem(column: str, value) -> str | None:
    """Why ``value`` does not fit column ``column``'s format, or ``None`` (also for blanks and free columns)."""
    rule = FORMATS.get(column)
    if rule is None or value is None or (isinstance(value, str) and not value.strip()):
        return None
    return None if rule.test(value) else _(rule.problem).format(value=value)


def bad_format(column: str, values: pd.Series) -> pd.Series:
    """True for each filled value of ``values`` that breaks column ``column``'s format.

    >>> bad_format("phone", pd.Series(["+33 6 12 34 56 78", None, "call me"])).tolist()
    [False, False, True]
    """
    rule = FORMATS.get(column)
    present = values.notna()
    if rule is None:
        return pd.Series(False, index=values.index)
    passes = values.map(lambda v: bool(rule.test(v)), na_action="ignore")
    return present & ~passes.astype("boolean").fillna(True).astype(bool)


def channel_problem(channel, *, email, phone) -> tuple[str, str] | None:
    """(field, message) when the preferred ``channel`` has no address to use, else ``None``."""
    field = CHANNEL_ADDRESS.get(channel)
    if field is None or {"email": email, "phone": phone}[field] not in (None, ""):
        return None
    said = pgettext("contact channel", channel)
    if field == "email":
        return field, _("the preferred channel is {channel}: give an email address or choose another channel").format(
            channel=said)
    return field, _("the preferred channel is {channel}: give a phone number or choose another channel").format(
        channel=said)


def channel_without_address(contacts: pd.DataFrame) -> pd.Series:
    """True for each contact whose preferred channel has no address (the contact rule, row by row).

    >>> df = pd.DataFrame({"preferred_channel": ["sms", "email", None], "email": ["a@b.example", None, None],
    ...                    "phone": [None, None, None]})
    >>> channel_without_address(df).tolist()
    [True, True, False]
    """
    channel = contacts["preferred_channel"].astype(object)
    blank = {c: contacts[c].isna() | contacts[c].astype(str).str.strip().eq("") for c in ("email", "phone")}
    missing = pd.Series(False, index=contacts.index)
    for name, field in CHANNEL_ADDRESS.items():
        missing |= channel.eq(name).fillna(False).astype(bool) & blank[field]
    return missing


def record_problems(table: str, row: dict) -> dict[str, str]:
    """The rules a whole stored record breaks, one message per field (empty when it is clean).

    >>> record_problems("contacts", {"preferred_channel": "phone", "email": "x@y", "phone": None})
    {'email': "'x@y' is not an email address: write it as name@domain.tld, for example amina.rahman@example.com", 'phone': 'the preferred channel is phone: give a phone number or choose another channel'}
    """
    problems = {c: p for c in FORMATS if (p := format_problem(c, row.get(c)))}
    if table == "contacts":
        found = channel_problem(row.get("preferred_channel"), email=row.get("email"), phone=row.get("phone"))
        if found and found[0] not in problems:
            problems[found[0]] = found[1]
    return problems


__all__ = ["CHANNEL_ADDRESS", "CHANNEL_FIELDS", "FORMATS", "Format", "bad_format", "channel_problem",
           "channel_without_address", "format_problem", "record_problems"]
