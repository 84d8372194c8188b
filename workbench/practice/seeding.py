"""Seeding: a new practice database built from a company's data (the sample, a variant or an export).

The data are stored through the schema's constraints, so a folder the loaders
accept seeds without a fault, and each dataset is seeded in memory once per
process; :func:`write_fresh` copies that seeded database into a file.

>>> import tempfile
>>> from pathlib import Path
>>> from workbench.practice.sample import tiny_dataset
>>> dest = Path(tempfile.mkdtemp()) / "fresh.sqlite"
>>> write_fresh(dest, tiny_dataset(), trainee="amina")
>>> sqlite3.connect(dest).execute("SELECT value FROM practice_meta WHERE key = 'trainee'").fetchone()
('amina',)
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd

from ..data.schema import TABLES
from ..errors import DataError, InputError
from ..i18n.messages import _
from .journal import use_journal
from .schema import create_schema, quote, to_sql_values
from .store import utc_now


def as_dataset(data):
    """Turn ``data`` (None, a folder, a Dataset) into a Dataset, validating a folder first."""
    from ..data import active, load

    if data is None:
        return active()
    if isinstance(data, (str, Path)):
        return load(data)  # raises DataError naming file, row and column
    if hasattr(data, "tables") and hasattr(data, "as_of"):
        return data
    raise InputError(_('cannot build a practice CRM from a {name__}').format(name__=type(data).__name__),
                     where="practice.open(data=...)",
                     fix=_("pass nothing (the sample company), a folder of CSV files, or the data from wb.start()"))


_SEEDED: dict = {}  # id(dataset) -> (dataset, in-memory seeded connection)


def _seed_memory(dataset) -> sqlite3.Connection:
    """A seeded in-memory database for ``dataset``, built once per process."""
    cached = _SEEDED.get(id(dataset))
    if cached is not None and cached[0] is dataset:
        return cached[1]
    mem = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    mem.execute("PRAGMA foreign_keys = ON")
    create_schema(mem)
    mem.execute("BEGIN")
    for table in TABLES:
        df = dataset.tables.get(table.name)
        if df is None or df.empty:
            continue
        marks = ", ".join("?" * len(table.columns))
        names = ", ".join(quote(c.name) for c in table.columns)
        try:
            mem.executemany(f"INSERT INTO {quote(table.name)} ({names}) VALUES ({marks})", to_sql_values(table, df))
        except sqlite3.IntegrityError as err:
            mem.execute("ROLLBACK")
            raise DataError(_('cannot be stored in the practice CRM ({err})').format(err=err), file=table.file,
                            fix=_("run `workbench data validate` on the folder and correct the rows it names")) from None
    problems = mem.execute("PRAGMA foreign_key_check").fetchall()
    if problems:
        mem.execute("ROLLBACK")
        table_name, rowid, parent = problems[0][:3]
        raise DataError(_('record {rowid} refers to a missing {parent} record').format(rowid=rowid, parent=parent), file=f"{table_name}.csv",
                        fix=_("run `workbench data validate` on the folder and correct the references"))
    as_of = pd.Timestamp(dataset.as_of).normalize()
    meta = {"as_of": as_of.strftime("%Y-%m-%d"), "source": str(getattr(dataset, "folder", "")),
            "company": str(getattr(dataset, "name", "")), "user_id": _acting_user(mem)}
    mem.executemany("INSERT INTO practice_meta VALUES (?, ?)", list(meta.items()))
    mem.execute("COMMIT")
    from . import merge, tasks

    mem.execute("BEGIN")
    merge.rescan(mem)
    mem.execute("COMMIT")
    tasks.assign(mem)
    _SEEDED[id(dataset)] = (dataset, mem)
    return mem


def _acting_user(conn) -> str:
    """The user a trainee acts as: the first sales rep, else the first user."""
    rows = conn.execute("SELECT user_id, team FROM users ORDER BY user_id").fetchall()
    if not rows:
        raise DataError(_("the users table is empty"), file="users.csv",
                        fix=_("add at least one user: the practice CRM needs an owner for new records"))
    for user_id, team in rows:
        if team and "sales" in str(team).lower():
            return user_id
    return rows[0][0]


def write_fresh(dest: Path, dataset, trainee: str) -> None:
    """Write the seeded database of ``dataset`` to ``dest`` (replacing what is there), made for ``trainee``."""
    mem = _seed_memory(dataset)
    if dest.exists():
        dest.unlink()
    out = sqlite3.connect(str(dest), isolation_level=None)
    try:
        mem.backup(out)
        out.executemany("INSERT OR REPLACE INTO practice_meta VALUES (?, ?)",
                        [("trainee", trainee), ("created_at", utc_now())])
        use_journal(out, dest)
    finally:
        out.close()


__all__ = ["as_dataset", "write_fresh"]
