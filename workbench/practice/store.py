"""An open practice CRM: the :class:`PracticeDB` handle over a SQLite connection.

It reads (:meth:`~PracticeDB.query`, :meth:`~PracticeDB.table`), caches what
is derived from the data until the data changes, and runs each write as one
audited transaction.  Creating, opening, resetting and backing up a database
are in :mod:`workbench.practice.lifecycle`.

>>> from workbench.practice.lifecycle import sandbox
>>> from workbench.practice.sample import tiny_dataset
>>> db = sandbox(tiny_dataset())
>>> int(db.query("SELECT count(*) AS n FROM contacts")["n"].iloc[0]), db.user_id
(4, 'U01')
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from ..data.schema import SCHEMA
from ..errors import InputError
from ..i18n.messages import _
from .schema import PRACTICE_TABLES, quote, typed_frame


class PracticeDB:
    """An open practice CRM: a SQLite connection plus who is practising.

    Read with :meth:`query` and :meth:`table`; write through the functions of
    :mod:`workbench.practice` (``records.create``, ``activities.log``...), which
    wrap each change in :meth:`transaction` so it is validated, atomic and audited.
    """

    def __init__(self, path: Path, trainee: str, conn: sqlite3.Connection):
        self.path = Path(path)
        self.trainee = trainee
        self.conn = conn
        self._action = None
        self._depth = 0
        self._auditing = True
        self.notes: list[str] = []
        self._cache: dict = {}
        conn.create_function("practice_who", 0, lambda: self.trainee)
        conn.create_function("practice_action", 0, lambda: self._action)
        conn.create_function("practice_auditing", 0, lambda: 1 if self._auditing else 0)
        conn.create_function("practice_clock", 0, utc_now)
        from .records import fold

        conn.create_function("practice_fold", 1, fold, deterministic=True)

    # -- reading
    def query(self, sql: str, params=()) -> pd.DataFrame:
        """Run a ``SELECT`` and return the rows as a DataFrame (values as stored)."""
        cur = self.conn.execute(sql, params)
        names = [d[0] for d in cur.description] if cur.description else []
        return pd.DataFrame.from_records(cur.fetchall(), columns=names)

    def table(self, name: str, where: str = "", params=()) -> pd.DataFrame:
        """One table (optionally filtered by an SQL ``where``), typed like the loaders type it.

        >>> from workbench.practice.lifecycle import sandbox
        >>> from workbench.practice.sample import tiny_dataset
        >>> db = sandbox(tiny_dataset())
        >>> db.table("contacts", "last_name = ?", ["Dupont"])["first_name"].tolist()
        ['Claire']
        """
        if name not in SCHEMA and name not in PRACTICE_TABLES:
            raise InputError(_('there is no table called {name!r}').format(name=name), where="db.table(name)",
                             fix=_('use one of: {schema}').format(schema=', '.join(SCHEMA)))
        sql = f"SELECT * FROM {quote(name)}" + (f" WHERE {where}" if where else "")
        return typed_frame(name, self.query(sql, params))

    def row(self, table: str, key) -> dict | None:
        """One record as a dict of stored values, or ``None`` when there is no such key."""
        info = SCHEMA[table]
        cur = self.conn.execute(f"SELECT * FROM {quote(table)} WHERE {quote(info.key)} = ?", (key,))
        found = cur.fetchone()
        if found is None:
            return None
        return dict(zip([d[0] for d in cur.description], found))

    @property
    def meta(self) -> dict:
        """The database's own facts: trainee, created_at, as_of, source, user_id, schema_version."""
        return dict(self.conn.execute("SELECT key, value FROM practice_meta").fetchall())

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    @property
    def today(self) -> pd.Timestamp:
        """The practice CRM's "today": the data's as-of day (so reminders match the sample)."""
        return pd.Timestamp(self.meta["as_of"]).normalize()

    @property
    def user_id(self) -> str:
        """The CRM user the trainee acts as: owner of what they create."""
        return self.meta["user_id"]

    def now(self) -> pd.Timestamp:
        """Practice "now": today's date at the real time of day, to the second."""
        clock = datetime.now()
        return self.today + pd.Timedelta(hours=clock.hour, minutes=clock.minute, seconds=clock.second)

    def stamp(self) -> tuple[int, int]:
        """Changes so far: this connection's writes and other connections' commits (cache key)."""
        return self.conn.total_changes, self.conn.execute("PRAGMA data_version").fetchone()[0]

    def cached(self, name: str, build):
        """``build()``, remembered until the database changes (by this notebook or another one)."""
        stamp = self.stamp()
        found = self._cache.get(name)
        if found is None or found[0] != stamp:
            found = (stamp, build())
            self._cache[name] = found
        return found[1]

    def maintained(self, name: str, table: str, build, apply):
        """A structure derived from ``table``: ``build()`` once, then kept in step through the audit log.

        Every change since the last call is replayed with ``apply(value, op, before, after)``
        (dicts of the row's values), so a search or duplicate index costs a full read only once
        per notebook, and a reset (or a change that was not audited) rebuilds it.
        """
        last_id, reset_at = self.conn.execute(
            "SELECT (SELECT max(audit_id) FROM audit_log WHERE table_name = ?), "
            "(SELECT value FROM practice_meta WHERE key = 'reset_at')", (table,)).fetchone()
        last_id = last_id or 0
        count = self.conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        found = self._cache.get(name)
        if found is not None and found["reset_at"] == reset_at and last_id >= found["last_id"]:
            if last_id > found["last_id"]:
                import json

                for op, before, after in self.conn.execute(
                        "SELECT op, before, after FROM audit_log WHERE table_name = ? AND audit_id > ? "
                        "ORDER BY audit_id", (table, found["last_id"])):
                    apply(found["value"], op, json.loads(before) if before else None,
                          json.loads(after) if after else None)
                found["last_id"] = last_id
            if found["size"](found["value"]) == count:
                return found["value"]
        value = build()
        self._cache[name] = {"value": value, "last_id": last_id, "reset_at": reset_at,
                             "size": lambda v: len(v["keys"]) if isinstance(v, dict) and "keys" in v else len(v)}
        return value

    # -- writing
    @contextmanager
    def transaction(self, action: str):
        """Run the block as one transaction, labelled ``action`` in the audit log.

        ``BEGIN IMMEDIATE`` takes the write lock at once, so a second notebook
        waits (up to the busy timeout) instead of failing half-way.
        """
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        self._action = action
        self.conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except sqlite3.IntegrityError:
                self.conn.execute("ROLLBACK")
                raise
        finally:
            self._depth = 0
            self._action = None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self) -> str:
        return f"<practice CRM of {self.trainee!r} at {self.path}>"

    def _repr_html_(self) -> str:
        counts = self.query("SELECT (SELECT count(*) FROM contacts) AS contacts, "
                            "(SELECT count(*) FROM accounts) AS accounts, (SELECT count(*) FROM leads) AS leads, "
                            "(SELECT count(*) FROM opportunities) AS deals, "
                            "(SELECT count(*) FROM audit_log) AS changes").iloc[0]
        parts = ", ".join(f"{int(v):,} {k}" for k, v in counts.items())
        return f"<b>Practice CRM of {self.trainee}</b> (today is {self.today.date()}): {parts}"


def utc_now() -> str:
    """The time now in UTC, to the millisecond, as the audit log writes it (``YYYY-MM-DD HH:MM:SS.mmm``)."""
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]


def connect(path: Path) -> sqlite3.Connection:
    """A connection to the database file at ``path``, set up for the practice CRM (keys on, patient locks)."""
    conn = sqlite3.connect(str(path), timeout=30, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 30000")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")  # with WAL: durable commits, no fsync per write
    return conn


__all__ = ["PracticeDB", "connect", "utc_now"]
