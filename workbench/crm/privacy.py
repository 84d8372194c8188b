"""Privacy: what not to keep in a CRM, and how to share an extract without exposing people.

Sharing an extract (with an agency, a consultant, a trainer) rarely needs to
say *who* each row is.  :func:`anonymise_extract` replaces names, emails,
phones and person ids with **pseudonyms** (a keyed hash: the same person gets
the same pseudonym in every table, so joins still work, but the name cannot be
read back without the secret salt), drops free-text fields (notes and
subjects hold things nobody meant to share) and coarsens dates to the month.

Pseudonymised data is still personal data for the law (whoever holds the
salt can re-identify); keep the salt out of the extract.

>>> import pandas as pd
>>> df = pd.DataFrame({"contact_id": ["C1"], "first_name": ["Amina"], "email": ["amina@x.test"],
...                    "outcome": ["said her husband is ill"], "created_at": pd.to_datetime(["2025-03-17"])})
>>> out = anonymise_extract(df, salt="acme-2026-training")
>>> out.columns.tolist()
['contact_id', 'first_name', 'email', 'created_at']
>>> out["created_at"].dt.strftime("%Y-%m-%d").tolist()
['2025-03-01']
"""

from __future__ import annotations

import hashlib
import hmac
import re

import pandas as pd

from ..errors import InputError, require_columns
from ..i18n.messages import _
from .columns import is_number

__all__ = ["pseudonymise", "coarsen_dates", "anonymise_extract", "what_not_to_store", "sensitive_columns"]

PERSON_ID_COLUMNS = ("contact_id", "lead_id", "primary_contact_id", "converted_contact_id")
FREE_TEXT_WORDS = ("subject", "outcome", "next_step", "body", "note", "comment", "description", "message",
                   "content", "text", "address", "street", "postcode", "zip")
UNITS = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y"}

_SENSITIVE_NAMES = {
    "health": "health data is a special category: keep it out of a sales CRM",
    "medical": "health data is a special category: keep it out of a sales CRM",
    "religion": "religious beliefs are a special category",
    "ethnic": "racial or ethnic origin is a special category",
    "politic": "political opinions are a special category",
    "union": "trade-union membership is a special category",
    "sexual": "sex life and sexual orientation are special categories",
    "biometric": "biometric data is a special category",
    "password": "passwords never belong in a CRM",
    "card": "payment card numbers belong to the payment system, not the CRM",
    "iban": "bank account numbers belong to accounting, with its own protection",
    "ssn": "national identity numbers are not needed to sell",
    "passport": "identity document numbers are not needed to sell",
    "national_id": "national identity numbers are not needed to sell",
    "birth": "a full date of birth is rarely needed: an age band is enough",
}
_CARD_RE = re.compile(r"\b(?:\d[ -]?){13,19}\b")
_IBAN_RE = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}\b")


def _salt(salt, where: str) -> bytes:
    if not isinstance(salt, str) or len(salt) < 8:
        raise InputError(_("the salt must be a secret text of at least 8 characters"), where=where,
                         fix=_("choose a long secret phrase, keep it out of the extract, and reuse it for every table"))
    return salt.encode("utf-8")


def _kind_of(column: str) -> str:
    from .comparisons import column_kind

    kind = column_kind(column)
    return kind if kind in ("name", "email", "phone") else "text"


def pseudonymise(values, salt: str, *, kind: str = "auto", prefix: str = "P", length: int = 12) -> pd.Series:
    """Replace each value with a keyed-hash pseudonym: same value and salt, same pseudonym.

    Values are cleaned first according to ``kind`` (``name``, ``email``,
    ``phone``, ``text``; ``auto`` guesses from the Series name), so
    ``AMINA@X.TEST`` and ``amina@x.test `` get one pseudonym.  Missing values
    stay missing.  ``length`` hex digits are kept (12 by default: two of
    100,000 people share a pseudonym with odds of about 1 in 50,000).

    >>> s = pd.Series(["Amina@X.test", " amina@x.test", None], name="email")
    >>> p = pseudonymise(s, "correct horse battery")
    >>> p.tolist()[0] == p.tolist()[1], p[0].startswith("P"), len(p[0]), bool(p.isna()[2])
    (True, True, 13, True)
    """
    from .quality import normalise_email, normalise_name, phone_key

    where = "pseudonymise(values, salt)"
    key = _salt(salt, where)
    if not isinstance(values, pd.Series):
        values = pd.Series(list(values) if isinstance(values, (list, tuple)) else values, dtype="object")
    if kind == "auto":
        kind = _kind_of(values.name or "")
    if kind not in ("name", "email", "phone", "text"):
        raise InputError(_('unknown kind {kind!r}').format(kind=kind), where=where, fix=_("use 'name', 'email', 'phone', 'text' or 'auto'"))
    if not is_number(length, whole=True) or not 6 <= length <= 64:
        raise InputError(_('length must be an integer from 6 to 64, got {length!r}').format(length=length), where=where,
                         fix=_("keep the default length=12"))
    length = int(length)
    if kind == "email":
        clean = normalise_email(values)
    elif kind == "phone":
        clean = phone_key(values)
    else:
        clean = normalise_name(values.astype("string"), for_matching=True)
    cache: dict[str, str] = {}

    def token(value):
        if value not in cache:
            cache[value] = prefix + hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()[:length]
        return cache[value]

    out = pd.Series(pd.NA, index=values.index, dtype="object", name=values.name)
    mask = clean.notna().to_numpy()
    out[mask] = [token(v) for v in clean[mask]]
    return out.astype("string")


def coarsen_dates(values, unit: str = "month") -> pd.Series:
    """Round dates down to the first day of their ``unit`` (day, week, month, quarter, year).

    >>> coarsen_dates(pd.Series(pd.to_datetime(["2025-03-17 14:02", "2025-11-30 08:00"])), "quarter").dt.date.tolist()
    [datetime.date(2025, 1, 1), datetime.date(2025, 10, 1)]
    """
    if unit not in UNITS:
        raise InputError(_('unknown unit {unit!r}').format(unit=unit), where="coarsen_dates(values, unit)",
                         fix=_('use one of {units}').format(units=', '.join(UNITS)))
    s = values if isinstance(values, pd.Series) else pd.Series(values)
    dates = pd.to_datetime(s, errors="coerce")
    if getattr(dates.dt, "tz", None) is not None:
        dates = dates.dt.tz_localize(None)
    return dates.dt.to_period(UNITS[unit]).dt.start_time


def _plan(df: pd.DataFrame, identifiers, drop, dates) -> dict[str, str]:
    plan = {}
    for column in df.columns:
        low = str(column).lower()
        if identifiers is None:
            if column in PERSON_ID_COLUMNS or _kind_of(low) in ("name", "email", "phone") or "linkedin" in low \
                    or low.endswith("_url"):
                plan[column] = "pseudonymised"
                continue
        elif column in identifiers:
            plan[column] = "pseudonymised"
            continue
        if drop is None:
            if any(word in low for word in FREE_TEXT_WORDS):
                plan[column] = "dropped"
                continue
        elif column in drop:
            plan[column] = "dropped"
            continue
        is_date = pd.api.types.is_datetime64_any_dtype(df[column])
        if (dates is None and is_date) or (dates is not None and column in dates):
            plan[column] = "coarsened"
            continue
        plan[column] = "kept"
    return plan


def anonymise_extract(df: pd.DataFrame, salt: str, *, identifiers=None, drop=None, dates=None,
                      unit: str = "month", report: bool = False):
    """A copy of ``df`` safe to share: people pseudonymised, free text dropped, dates coarsened.

    By default: name, email, phone and profile-URL columns and person ids
    (``contact_id``, ``lead_id``...) are pseudonymised with ``salt`` (use the
    same salt for every table of one extract so they still join); columns
    whose name says free text (subject, outcome, next_step, body, notes,
    description, address...) are dropped; date columns are coarsened to
    ``unit``.  Name the columns yourself with ``identifiers``, ``drop`` and
    ``dates`` (lists) to override each rule.  With ``report=True`` also
    returns a table saying what happened to each column.

    >>> df = pd.DataFrame({"lead_id": ["L1"], "name": ["Omar Haddad"], "fit_score": [70]})
    >>> out, what = anonymise_extract(df, "acme-2026-training", report=True)
    >>> what["action"].tolist()
    ['pseudonymised', 'pseudonymised', 'kept']
    """
    where = "anonymise_extract(df, salt)"
    require_columns(df, [], where=where)
    _salt(salt, where)
    for label, names in (("identifiers", identifiers), ("drop", drop), ("dates", dates)):
        if names is not None:
            require_columns(df, list(names), where=f"{where}, {label}=")
    plan = _plan(df, identifiers, drop, dates)
    out = df.copy()
    for column, action in plan.items():
        if action == "pseudonymised":
            kind = _kind_of(str(column).lower())
            out[column] = pseudonymise(out[column], salt, kind=kind)
        elif action == "coarsened":
            out[column] = coarsen_dates(out[column], unit)
    out = out.drop(columns=[c for c, a in plan.items() if a == "dropped"])
    if report:
        return out, pd.DataFrame({"column": list(plan), "action": list(plan.values())})
    return out


def what_not_to_store() -> pd.DataFrame:
    """Kinds of data a CRM should not hold, with an example and the reason.

    >>> what_not_to_store()["what"].head(2).tolist()
    ['special-category data', 'payment and bank details']
    """
    rows = [
        ("special-category data", "health, religion, ethnic origin, political opinions, union membership, "
         "sex life, biometrics", "the law protects these specially; selling never needs them"),
        ("payment and bank details", "full card numbers, card security codes, IBANs typed into notes",
         "they belong to the payment or accounting system, which is built to protect them"),
        ("secrets", "passwords, door codes, one-time codes", "anyone who can read the record can use them"),
        ("identity documents", "passport or national ID numbers, scans of ID cards",
         "a CRM does not need them to serve a customer, and a leak enables fraud"),
        ("opinions and gossip", "remarks on someone's character, family or private life in notes",
         "people may ask to see their record; write only facts you would show them"),
        ("more than the purpose needs", "a full date of birth when an age band will do, a home address for B2B",
         "collect only what a stated purpose needs (data minimisation)"),
        ("data without consent", "a bought email list, contacts who revoked consent still being mailed",
         "build your own opt-in list and honour every revocation"),
    ]
    return pd.DataFrame(rows, columns=["what", "examples", "why"])


def _luhn(digits: str) -> bool:
    """True when ``digits`` passes the Luhn checksum every payment card number carries."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _has_card_number(text: str) -> bool:
    for match in _CARD_RE.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if 13 <= len(digits) <= 19 and _luhn(digits):
            return True
    return False


def sensitive_columns(df: pd.DataFrame, *, sample: int = 2000) -> pd.DataFrame:
    """Columns that look like they hold what a CRM should not store, and why.

    Looks at column names (health, religion, password, card, iban, passport,
    birth...) and, in text columns, at up to ``sample`` values for card or
    bank-account numbers typed into free text (a card number must pass the
    Luhn checksum; phone columns are not searched for cards).

    >>> df = pd.DataFrame({"religion": ["x"], "outcome": ["card 4111 1111 1111 1111 exp 09/27"], "city": ["Lyon"]})
    >>> sensitive_columns(df)["column"].tolist()
    ['religion', 'outcome']
    """
    require_columns(df, [], where="sensitive_columns(df)")
    rows = []
    for column in df.columns:
        low = str(column).lower()
        reason = next((why for word, why in _SENSITIVE_NAMES.items() if word in low), None)
        if reason is None and (df[column].dtype == object or pd.api.types.is_string_dtype(df[column])):
            values = df[column].dropna().astype(str).head(sample)
            if _kind_of(low) != "phone" and values.map(_has_card_number).any():
                reason = "a value looks like a payment card number typed into text"
            elif values.str.contains(_IBAN_RE).any():
                reason = "a value looks like a bank account number (IBAN) typed into text"
        if reason:
            rows.append((column, reason))
    return pd.DataFrame(rows, columns=["column", "reason"])
