"""Templates and mail merge: reusable email and SMS texts with ``{placeholders}``.

A template is written once (``"Hello {first_name}, ..."``) and filled in for
each contact.  A contact missing a field the template needs is reported, not
sent a message with a hole in it.  SMS are billed by segment: 160 characters
in the GSM-7 alphabet (153 per part when split), but only 70 (67 per part)
as soon as one character is outside it, such as an Arabic, Bengali or Persian
letter, or an emoji.

>>> placeholders("Hi {first_name}, your order {order_id} shipped")
['first_name', 'order_id']
>>> render("Hi {first_name}!", {"first_name": "Amina"})
'Hi Amina!'
>>> sms_length("Bonjour Amina")["segments"], sms_length("سلام امینا")["encoding"]
(1, 'UCS-2')
"""

from __future__ import annotations

import string

import pandas as pd

from ..errors import InputError
from ..i18n.messages import _
from . import columns as col

# The GSM 03.38 default alphabet; the extension characters count twice (escape + character).
GSM7_BASIC = set("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
                 "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
GSM7_EXTENDED = set("^{}\\[~]|€\f")


def placeholders(text: str) -> list[str]:
    """The field names a template uses, in order of first appearance.

    >>> placeholders("{first_name} {first_name} {city}")
    ['first_name', 'city']
    """
    if not isinstance(text, str):
        raise InputError(_('a template must be text, got {name__}').format(name__=type(text).__name__), where="placeholders(text)",
                         fix=_("pass the template body, for example data.templates['body'][0]"))
    try:
        fields = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError as err:
        raise InputError(_('the template has a broken placeholder ({err})').format(err=err), where="placeholders(text)",
                         fix=_("write placeholders as {field_name}, and double braces {{ }} for a literal brace")) from None
    if "" in fields:
        raise InputError(_("the template has an empty placeholder {}"), where="placeholders(text)",
                         fix=_("put a field name inside the braces, for example {first_name}"))
    return list(dict.fromkeys(fields))


def _blank(value) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def missing_fields(text: str, record) -> list[str]:
    """The placeholders of ``text`` that ``record`` (dict or Series) lacks or leaves blank.

    >>> missing_fields("Hi {first_name} from {city}", {"first_name": "Omar", "city": None})
    ['city']
    """
    return [f for f in placeholders(text) if f not in record or _blank(record[f])]


def render(text: str, record) -> str:
    """Fill the placeholders of ``text`` from ``record``; a clear error names any missing field.

    >>> render("Hi {first_name}", {"first_name": "Omar", "city": "Lyon"})
    'Hi Omar'
    >>> render("Hi {first_name} in {city}", {"first_name": "Omar"})
    Traceback (most recent call last):
    ...
    workbench.errors.InputError: render(text, record): the record has no value for {city}. Fix: fill in city for this contact, or remove {city} from the template.
    """
    missing = missing_fields(text, record)
    if missing:
        names = ", ".join("{" + m + "}" for m in missing)
        raise InputError(_('the record has no value for {names}').format(names=names), where="render(text, record)",
                         fix=_('fill in {missing} for this contact, or remove {names} from the template').format(missing=', '.join(missing), names=names))
    values = {f: _format_value(record[f]) for f in placeholders(text)}
    return text.format_map(values)


def _format_value(value):
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d") if value == value.normalize() else value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def sms_length(text: str) -> dict:
    """Characters, encoding (``GSM-7`` or ``UCS-2``) and billed segments of one SMS.

    >>> sms_length("x" * 160)["segments"], sms_length("x" * 161)["segments"]
    (1, 2)
    >>> sms_length("€" * 80)
    {'characters': 80, 'units': 160, 'encoding': 'GSM-7', 'segments': 1, 'per_segment': 160}
    >>> sms_length("é" * 70)["segments"], sms_length("ا" * 71)["segments"]
    (1, 2)
    """
    if not isinstance(text, str):
        raise InputError(_('an SMS must be text, got {name__}').format(name__=type(text).__name__), where="sms_length(text)",
                         fix=_("pass the rendered message text"))
    if all(ch in GSM7_BASIC or ch in GSM7_EXTENDED for ch in text):
        encoding, units = "GSM-7", sum(2 if ch in GSM7_EXTENDED else 1 for ch in text)
        single, part = 160, 153
    else:
        # UCS-2 counts UTF-16 code units: an emoji outside the basic plane takes two
        encoding, units = "UCS-2", len(text.encode("utf-16-le")) // 2
        single, part = 70, 67
    segments = 0 if units == 0 else (1 if units <= single else -(-units // part))
    return {"characters": len(text), "units": units, "encoding": encoding, "segments": segments,
            "per_segment": single if segments <= 1 else part}


def _template_parts(template, channel):
    """(subject, body, channel) from a text, a dict or a row of the templates table."""
    if isinstance(template, str):
        return None, template, channel or "email"
    if isinstance(template, (dict, pd.Series)):
        if "body" not in template or _blank(template["body"]):
            raise InputError(_("the template has no body"), where="mail_merge(template, contacts)",
                             fix=_("pass a row of data.templates (with a 'body') or the text itself"))
        subject = template.get("subject")
        return (None if _blank(subject) else str(subject), str(template["body"]),
                channel or str(template.get("channel") or "email"))
    raise InputError(_('cannot read a template from {name__}').format(name__=type(template).__name__),
                     where="mail_merge(template, contacts)",
                     fix=_("pass the body text, or a row of data.templates such as data.templates.iloc[0]"))


def mail_merge(template, contacts: pd.DataFrame, *, channel: str | None = None, key: str = "contact_id",
               extra: dict | None = None) -> pd.DataFrame:
    """One message per contact: the filled-in subject and body, or the fields that are missing.

    ``template`` is the body text or a row of ``data.templates`` (``subject``,
    ``body``, ``channel``).  ``extra`` gives values shared by every message
    (``{"offer_end": "31 May"}``).  The result has ``key``, ``subject``, ``body``
    (empty when something is missing), ``missing`` (comma-separated field names),
    ``ok``, and for SMS ``characters``, ``encoding`` and ``segments``.

    >>> import pandas as pd
    >>> people = pd.DataFrame({"contact_id": ["C1", "C2"], "first_name": ["Nusrat", None]})
    >>> mail_merge("Hello {first_name}", people)[["contact_id", "body", "missing", "ok"]]
      contact_id          body     missing     ok
    0         C1  Hello Nusrat              True
    1         C2                first_name  False
    """
    where = "mail_merge(template, contacts)"
    subject, body, channel = _template_parts(template, channel)
    if channel not in ("email", "sms"):
        raise InputError(_('unknown channel {channel!r}').format(channel=channel), where=where, fix=_("use channel='email' or channel='sms'"))
    needed = placeholders(body) + (placeholders(subject) if subject else [])
    col.table(contacts, [key], where=where, fix=_("pass the contacts table (data.contacts)"))
    extra = dict(extra or {})
    records = contacts.to_dict("records")
    rows = []
    for record in records:
        record = {**extra, **record}
        missing = [f for f in dict.fromkeys(needed) if f not in record or _blank(record[f])]
        row = {key: record[key], "subject": "", "body": "", "missing": ", ".join(missing), "ok": not missing}
        if not missing:
            row["body"] = render(body, record)
            row["subject"] = render(subject, record) if subject else ""
        rows.append(row)
    out = pd.DataFrame(rows, columns=[key, "subject", "body", "missing", "ok"])
    if channel == "sms":
        lengths = pd.DataFrame([sms_length(b) for b in out["body"]], index=out.index)
        out[["characters", "encoding", "segments"]] = lengths[["characters", "encoding", "segments"]]
        out = out.drop(columns="subject")
    return out


def merge_report(merged: pd.DataFrame) -> pd.DataFrame:
    """How many messages are ready and, per missing field, how many contacts lack it.

    >>> import pandas as pd
    >>> merged = pd.DataFrame({"ok": [True, False, False], "missing": ["", "city", "city, title"]})
    >>> merge_report(merged)
           field  contacts
    0  (ready to send)         1
    1       city         2
    2      title         1
    """
    col.table(merged, ["ok", "missing"], where="merge_report(merged)", fix=_("pass the table mail_merge(...) returned"))
    fields = merged.loc[~merged["ok"].astype(bool), "missing"].str.split(", ").explode()
    counts = fields[fields.astype(bool)].value_counts()
    out = pd.DataFrame({"field": ["(ready to send)", *counts.index],
                        "contacts": [int(merged["ok"].astype(bool).sum()), *counts.to_numpy().tolist()]})
    return out


def merge_fields(data) -> pd.DataFrame:
    """The contacts with the fields templates usually need: ``company`` (the account's
    name) and ``rep_name`` (the account owner's name), next to every contact column.

    ``data`` is a Dataset (``wb.start()``) with contacts, accounts and users.

    >>> import pandas as pd
    >>> from types import SimpleNamespace
    >>> data = SimpleNamespace(contacts=pd.DataFrame({"contact_id": ["C1"], "account_id": ["A1"],
    ...                                               "first_name": ["Amina"]}),
    ...                        accounts=pd.DataFrame({"account_id": ["A1"], "name": ["Lumière SA"],
    ...                                               "owner_id": ["U1"]}),
    ...                        users=pd.DataFrame({"user_id": ["U1"], "name": ["Omar Haddad"]}))
    >>> render("Dear {first_name}, {rep_name} of Acme here, about {company}.", merge_fields(data).iloc[0])
    'Dear Amina, Omar Haddad of Acme here, about Lumière SA.'
    """
    where = "merge_fields(data)"
    for name in ("contacts", "accounts", "users"):
        if not isinstance(getattr(data, name, None), pd.DataFrame):
            raise InputError(_('the data has no {name} table').format(name=name), where=where, fix=_("pass the Dataset wb.start() returned"))
    contacts, accounts, users = data.contacts, data.accounts, data.users
    col.table(contacts, ["contact_id", "account_id"], where=where)
    col.table(accounts, ["account_id", "name", "owner_id"], where=where)
    col.table(users, ["user_id", "name"], where=where)
    company = dict(zip(accounts["account_id"].astype(str), accounts["name"]))
    owner = dict(zip(accounts["account_id"].astype(str), accounts["owner_id"].astype(str)))
    rep = dict(zip(users["user_id"].astype(str), users["name"]))
    out = contacts.copy()
    account = out["account_id"].astype(str)
    out["company"] = account.map(company)
    out["rep_name"] = account.map(owner).map(rep)
    return out
