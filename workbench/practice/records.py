"""Create, edit, find and read records in the practice CRM, with the loaders' rules.

Every value is checked before it is written: required fields, kinds (numbers,
dates), allowed values, email and phone formats (:mod:`workbench.data.rules`, shared with the loaders),
references to existing records, and the contact rules (a preferred channel
needs its address).  Problems come back together, one message per field, in a
:class:`ValidationError`.  Creating a record that looks like one already there
raises :class:`PossibleDuplicate` listing the likely matches, unless
``allow_duplicate=True``.

>>> from workbench.practice.database import sandbox, tiny_dataset
>>> db = sandbox(tiny_dataset())
>>> validate(db, "contacts", {"first_name": "Ali", "email": "ali@"})
{'last_name': 'required: fill it in', 'email': "'ali@' is not an email address: write it as name@domain.tld, for example amina.rahman@example.com"}
>>> key = create(db, "contacts", {"first_name": "Ali", "last_name": "Rezaei", "email": "ali@rezaei.example"})
>>> key, get(db, "contacts", key)["lifecycle_stage"]
('C005', 'lead')
>>> search(db, "contacts", "rezaei")["contact_id"].tolist()
['C005']
"""

from __future__ import annotations

import re

import pandas as pd

from ..data import formats, rules
from ..data.schema import SCHEMA, Column
from ..errors import InputError
from ..i18n.messages import N_, _
from ..text import fold
from . import duplicates

#: What a trainee may type in a form, per table (keys, dates of creation and
#: stage bookkeeping are filled in by the CRM).
EDITABLE = {
    "contacts": ("first_name", "last_name", "account_id", "email", "phone", "title", "lifecycle_stage",
                 "preferred_channel", "max_msgs_per_week", "city", "country", "source", "linkedin_url", "referred_by"),
    "accounts": ("name", "industry", "country", "employees", "annual_revenue", "parent_account_id", "owner_id"),
    "leads": ("name", "company", "email", "lead_source", "status", "fit_score", "engagement_score", "owner_id",
              "referred_by"),
    "opportunities": ("name", "account_id", "primary_contact_id", "product_id", "amount", "close_date",
                      "next_step", "lead_source", "owner_id"),
}
#: The columns a search looks in, and the columns a result list shows.
SEARCH_IN = {
    "contacts": ("first_name", "last_name", "email", "phone", "city"),
    "accounts": ("name", "industry", "country"),
    "leads": ("name", "company", "email"),
    "opportunities": ("name", "stage", "next_step"),
}
LIST_COLUMNS = {
    "contacts": ("contact_id", "first_name", "last_name", "email", "phone", "account_id", "lifecycle_stage"),
    "accounts": ("account_id", "name", "industry", "country", "owner_id"),
    "leads": ("lead_id", "name", "company", "email", "status", "fit_score"),
    "opportunities": ("opportunity_id", "name", "account_id", "stage", "probability", "amount", "close_date",
                      "next_step"),
}
NONNEGATIVE = {"employees", "annual_revenue", "max_msgs_per_week", "amount", "list_price", "qty"}
PERCENT = {"probability", "fit_score", "engagement_score", "default_probability"}


class ValidationError(InputError):
    """Some values cannot be saved; ``problems`` maps each field to its message."""

    def __init__(self, table: str, problems: dict[str, str]):
        self.problems = dict(problems)
        first, message = next(iter(problems.items()))
        more = _(" (and {n} more)").format(n=len(problems) - 1) if len(problems) > 1 else ""
        super().__init__(f"{first}: {message}{more}", where=_("{table} form").format(table=table),
                         fix=_("correct the fields marked, then save again"))


class PossibleDuplicate(InputError):
    """The new record looks like records already there; ``matches`` lists them, best first."""

    def __init__(self, table: str, matches: pd.DataFrame, *, key=None):
        self.matches = matches
        names = "; ".join(f"{r.label} ({r.key}, {r.reason})" for r in matches.head(3).itertuples())
        where = f"new {record_kind(table)}" if key is None else f"{record_kind(table)} {key}"
        super().__init__(f"this may already exist: {names}", where=where,
                         fix="open the existing record instead, or save anyway if it is a different one "
                             "(allow_duplicate=True)")


def record_kind(table: str) -> str:
    """What one record of ``table`` is called in the audit log and in messages.

    >>> record_kind("opportunities"), record_kind("activities"), record_kind("contacts"), record_kind("consent")
    ('opportunity', 'activity', 'contact', 'consent')
    """
    if table.endswith("ies"):
        return table[:-3] + "y"
    return table[:-1] if table.endswith("s") else table


#: "There is no such record", a whole sentence for each table a trainee works in (others name their table).
NOT_FOUND = {"accounts": N_("there is no account {key!r}"), "contacts": N_("there is no contact {key!r}"),
             "consents": N_("there is no consent {key!r}"), "leads": N_("there is no lead {key!r}"),
             "opportunities": N_("there is no deal {key!r}"), "activities": N_("there is no activity {key!r}")}


def not_found(table: str, key) -> str:
    """The sentence saying ``table`` holds no record ``key``, in the reader's language.

    >>> not_found("opportunities", "O9"), not_found("orders", "R1")
    ("there is no deal 'O9'", "there is no record 'R1' in the table orders")
    """
    if table in NOT_FOUND:
        return _(NOT_FOUND[table]).format(key=key)
    return _("there is no record {key!r} in the table {table}").format(key=key, table=table)


def _table(table: str):
    if table not in EDITABLE:
        raise InputError(_('the practice CRM has no form for {table!r}').format(table=table), where="table",
                         fix=_('use one of: {tables}').format(tables=', '.join(EDITABLE)))
    return SCHEMA[table]


# ---------------------------------------------------------------- validation

def _clean_value(column: Column, value):
    """(stored value, problem or None) for one typed-in value."""
    if isinstance(value, str):
        value = value.strip()
    if value is None or value == "" or (not isinstance(value, str) and pd.isna(value)):
        return None, None
    kind = column.kind
    try:
        if kind == "int":
            number = float(str(value).replace(",", "")) if isinstance(value, str) else float(value)
            if number % 1:
                return None, f"{value!r} is not a whole number"
            return int(number), None
        if kind == "float":
            return float(str(value).replace(",", "")) if isinstance(value, str) else float(value), None
        if kind == "bool":
            parsed = formats.parse_bool(value)
            return (None if parsed is None else int(parsed)), None
        if kind in ("date", "datetime"):
            stamp = pd.Timestamp(value)
            if pd.isna(stamp):
                return None, None
            return stamp.strftime("%Y-%m-%d" if kind == "date" else "%Y-%m-%d %H:%M:%S"), None
    except (ValueError, TypeError):
        words = {"int": "a whole number", "float": "a number", "bool": "yes or no",
                 "date": "a date (YYYY-MM-DD)", "datetime": "a date and time (YYYY-MM-DD HH:MM)"}
        return None, f"{value!r} is not {words[kind]}"
    return str(value), None


def clean(db, table: str, values: dict, *, key=None, linked: bool = True) -> tuple[dict, dict[str, str]]:
    """Typed values ready to store, and a message per field that breaks a rule.

    ``key`` names the record being edited: only the fields in ``values`` are
    checked, and the stored values count for the rule that links fields (a
    preferred channel needs its address), which applies when ``values`` touch
    one of them, so a record that already broke it can still be edited elsewhere.
    ``linked=False`` leaves that rule out (a merge only brings together values
    the two records already held).
    """
    info = SCHEMA[table]
    problems: dict[str, str] = {}
    out: dict = {}
    for name, value in values.items():
        try:
            column = info.column(name)
        except KeyError:
            problems[name] = _('{table} have no field called {name!r}').format(table=table, name=name)
            continue
        stored, problem = _clean_value(column, value)
        if problem:
            problems[name] = problem
        out[name] = stored
    current = (db.row(table, key) or {}) if key is not None else {}
    merged = {**current, **out}
    for column in info.columns:
        name = column.name
        value = merged.get(name)
        if name in problems:
            continue
        if column.required and value is None and (key is None or name in out):
            if column.name != info.key:
                problems[name] = _("required: fill it in")
            continue
        if value is None or name not in out:
            continue
        if column.choices and value not in column.choices:
            problems[name] = _('{value!r} is not allowed: use one of {choices}').format(value=value, choices=', '.join(column.choices))
        elif problem := rules.format_problem(name, value):
            problems[name] = problem
        elif name in NONNEGATIVE and value < 0:
            problems[name] = _('{value} is negative: enter zero or more').format(value=value)
        elif name in PERCENT and not 0 <= value <= 100:
            problems[name] = _('{value} is not a percentage: enter 0 to 100').format(value=value)
        elif column.ref and name != info.key:
            target, target_column = column.ref.split(".")
            found = db.conn.execute(f'SELECT 1 FROM "{target}" WHERE "{target_column}" = ?', (value,)).fetchone()
            if found is None:
                problems[name] = _('there is no {kind} {value!r}: pick one from the list').format(kind=target[:-1] if target.endswith('s') else target, value=value)
    if table == "contacts" and key is not None and out.get("referred_by") == key and "referred_by" not in problems:
        problems["referred_by"] = _("a contact cannot refer themselves: pick the person who introduced them")
    if table == "leads" and out.get("status") == "converted" and not merged.get("converted_contact_id"):
        problems["status"] = _("a lead becomes converted by converting it: use Convert lead, which creates the contact")
    if table == "contacts" and linked and (key is None or any(f in out for f in rules.CHANNEL_FIELDS)):
        found = rules.channel_problem(merged.get("preferred_channel"), email=merged.get("email"),
                                      phone=merged.get("phone"))
        if found and found[0] not in problems:
            problems[found[0]] = found[1]
    return out, problems


def validate(db, table: str, values: dict, *, key=None) -> dict[str, str]:
    """The problems ``values`` would cause, one message per field (empty when all is well)."""
    _table(table)
    if key is None:
        values = {**_defaults(db, table), **values}
    return clean(db, table, values, key=key)[1]


# ---------------------------------------------------------------- duplicates

def likely_duplicates(db, table: str, values: dict, *, exclude=None, limit: int = 5) -> pd.DataFrame:
    """Records that look like ``values`` (:func:`workbench.practice.duplicates.likely_duplicates`).

    Returns a DataFrame (key, label, score 0-100, reason), best first.

    >>> from workbench.practice.database import sandbox, tiny_dataset
    >>> likely_duplicates(sandbox(tiny_dataset()), "contacts",
    ...                   {"first_name": "Nusrat", "last_name": "Jahann"})["key"].tolist()
    ['C001', 'C003']
    """
    _table(table)
    return duplicates.likely_duplicates(db, table, values, exclude=exclude, limit=limit)


# ---------------------------------------------------------------- writing

def new_key(db, table: str) -> str:
    """The next free key of ``table``, continuing its numbering (``C00041`` after ``C00040``)."""
    info = SCHEMA[table]
    last = db.conn.execute(f'SELECT max("{info.key}") FROM "{table}"').fetchone()  # uses the key's index
    last = last if last and last[0] is not None else None
    prefix, number, width = table[0].upper(), 0, 5
    if last:
        match = re.match(r"^(.*?)(\d+)$", str(last[0]))
        if match:
            prefix, number, width = match.group(1), int(match.group(2)), len(match.group(2))
    while True:
        number += 1
        candidate = f"{prefix}{number:0{width}d}"
        if db.conn.execute(f'SELECT 1 FROM "{table}" WHERE "{info.key}" = ?', (candidate,)).fetchone() is None:
            return candidate


def _defaults(db, table: str) -> dict:
    today = db.today.strftime("%Y-%m-%d")
    out = {"created_at": today}
    if table in ("accounts", "leads", "opportunities"):
        out["owner_id"] = db.user_id
    if table == "contacts":
        out["lifecycle_stage"] = "lead"
    if table == "leads":
        out["status"] = "new"
    if table == "opportunities":
        first = db.conn.execute("SELECT stage, default_probability FROM stages WHERE is_closed = 0 "
                                "ORDER BY sort_order LIMIT 1").fetchone()
        if first:
            out.update(stage=first[0], probability=first[1], is_closed=0, is_won=0)
    return out


def insert(db, table: str, values: dict) -> None:
    """Write one already-checked row (inside the caller's transaction)."""
    names = ", ".join(f'"{k}"' for k in values)
    db.conn.execute(f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(values))})',
                    tuple(values.values()))


def create(db, table: str, values: dict, *, allow_duplicate: bool = False, action: str | None = None) -> str:
    """Check ``values``, warn about likely duplicates, and add the record; return its key.

    Owner, creation date and (for deals) the first stage are filled in when not given.
    """
    info = _table(table)
    values = {**_defaults(db, table), **{k: v for k, v in values.items() if v not in (None, "")}}
    out, problems = clean(db, table, values)
    if problems:
        raise ValidationError(table, problems)
    matches = likely_duplicates(db, table, out) if (table == "contacts" or not allow_duplicate) else None
    if not allow_duplicate and not matches.empty:
        raise PossibleDuplicate(table, matches)
    with db.transaction(action or f"create {record_kind(table)}"):
        key = out.get(info.key) or new_key(db, table)
        out[info.key] = key
        insert(db, table, out)
        if table == "contacts" and not matches.empty:  # saved anyway: list it under Merge duplicates
            duplicates.remember(db, key, matches)
    return key


def update(db, table: str, key, changes: dict, *, allow_duplicate: bool = False, action: str | None = None) -> dict:
    """Check ``changes`` to record ``key`` and save them; return the record as saved.

    An edit that makes the record look like others (a name, email or phone now
    like theirs) raises :class:`PossibleDuplicate` naming them, as a new record
    would, unless ``allow_duplicate=True``; look-alikes it had before the edit
    are not named again.

    >>> from workbench.practice.database import sandbox, tiny_dataset
    >>> db = sandbox(tiny_dataset())
    >>> update(db, "contacts", "C004", {"email": "claire.dupont@lumiere.example"})
    Traceback (most recent call last):
    ...
    workbench.practice.records.PossibleDuplicate: contact C004: this may already exist: Claire Dupont (C002, same email). Fix: open the existing record instead, or save anyway if it is a different one (allow_duplicate=True).
    """
    info = _table(table)
    current = db.row(table, key)
    if current is None:
        raise InputError(not_found(table, key), where=f"update {table}", fix=_("search for the record and use its id"))
    if info.key in changes and changes[info.key] != key:
        raise ValidationError(table, {info.key: _("a record's id cannot change")})
    out, problems = clean(db, table, changes, key=key)
    if problems:
        raise ValidationError(table, problems)
    out = {k: v for k, v in out.items() if v != current[k]}
    matches = _new_look_alikes(db, table, key, current, out)
    if not allow_duplicate and not matches.empty:
        raise PossibleDuplicate(table, matches, key=key)
    if out:
        sets = ", ".join(f'"{k}" = ?' for k in out)
        with db.transaction(action or f"edit {record_kind(table)}"):
            db.conn.execute(f'UPDATE "{table}" SET {sets} WHERE "{info.key}" = ?', (*out.values(), key))
            if table == "contacts" and not matches.empty:  # saved anyway: list it under Merge duplicates
                duplicates.remember(db, key, matches)
    return db.row(table, key)


def _new_look_alikes(db, table: str, key, current: dict, out: dict) -> pd.DataFrame:
    """The records an edit makes ``key`` look like, that it did not look like before."""
    if not any(c in out for c in duplicates.COMPARED[table]):
        return likely_duplicates(db, table, {}, exclude=key).head(0)
    before = set(likely_duplicates(db, table, current, exclude=key)["key"])
    after = likely_duplicates(db, table, {**current, **out}, exclude=key)
    return after[~after["key"].isin(before)].reset_index(drop=True)


def get(db, table: str, key) -> dict:
    """One record (of any table with a key) as a dict; a clear error when there is none."""
    if table not in SCHEMA or not SCHEMA[table].key:
        raise InputError(_('there is no table of records called {table!r}').format(table=table), where=table,
                         fix=_('use one of: {tables}').format(tables=', '.join(t for t in SCHEMA if SCHEMA[t].key)))
    found = db.row(table, key)
    if found is None:
        raise InputError(not_found(table, key), where=table, fix=_("search for it and use the id shown"))
    return found


def _search_texts(db, table: str) -> dict:
    """Folded searchable text of every record of ``table`` by key, kept in step with the table."""
    key = SCHEMA[table].key
    columns = (key, *SEARCH_IN[table])

    def text(row):
        return fold(" ".join(str(row.get(c) or "") for c in columns))

    def build():
        rows = db.conn.execute(f'SELECT {", ".join(chr(34) + c + chr(34) for c in columns)} FROM "{table}" '
                               f'ORDER BY "{key}"').fetchall()
        return {r[0]: text(dict(zip(columns, r))) for r in rows}

    def apply(value, op, before, after):
        if before:
            value.pop(before[key], None)
        if after:
            value[after[key]] = text(after)

    return db.maintained(f"search:{table}", table, build, apply)


def search(db, table: str, text: str = "", *, limit: int = 50) -> pd.DataFrame:
    """Records whose name, email, phone... contain every word of ``text`` (accents and case ignored).

    Returns the list columns (:data:`LIST_COLUMNS`), at most ``limit`` rows, sorted by key.
    """
    info = _table(table)
    words = fold(text).split()
    hits = []
    for key, haystack in _search_texts(db, table).items():
        if all(word in haystack for word in words):
            hits.append(key)
            if len(hits) >= limit:
                break
    columns = ", ".join(f'"{c}"' for c in LIST_COLUMNS[table])
    if not hits:
        return db.query(f'SELECT {columns} FROM "{table}" WHERE 0')
    marks = ", ".join("?" * len(hits))
    return db.query(f'SELECT {columns} FROM "{table}" WHERE "{info.key}" IN ({marks}) ORDER BY "{info.key}"', hits)


def prepare(db, *tables: str) -> None:
    """Build the search and duplicate indexes of ``tables`` now, once per notebook.

    A screen calls it when it opens, so that its first search or save answers as fast as
    the next ones (on a large CRM, building an index takes a few tenths of a second).

    >>> from workbench.practice.database import sandbox, tiny_dataset
    >>> prepare(sandbox(tiny_dataset()), "contacts", "opportunities")
    """
    for table in tables:
        _search_texts(db, table)
        if table in duplicates.COMPARED:
            duplicates.likely_duplicates(db, table, {})


def label(db, table: str, key) -> str:
    """A short human label for a record ("Nusrat Jahan (C001)").

    >>> from workbench.practice.database import sandbox, tiny_dataset
    >>> label(sandbox(tiny_dataset()), "contacts", "C001")
    'Nusrat Jahan (C001)'
    """
    row = db.row(table, key)
    if row is None:
        return str(key)
    if table == "contacts":
        return f"{row['first_name']} {row['last_name']} ({key})"
    return f"{row.get('name', key)} ({key})"


__all__ = ["EDITABLE", "LIST_COLUMNS", "PossibleDuplicate", "ValidationError", "clean", "create", "fold", "get",
           "label", "likely_duplicates", "new_key", "prepare", "search", "update", "validate"]
