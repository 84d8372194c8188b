"""The trainee's own practice CRM: a real SQLite database seeded from the company data.

``open(trainee=..., data=...)`` creates the database the first time (from the
sample company, a session variant or a company export folder, which is
validated first) and opens it afterwards.  The tables, keys, references and
allowed values are generated from :mod:`workbench.data.schema`, so the
database refuses what the loaders refuse.  The database runs in WAL mode and
every write is one transaction, so two notebooks open on the same database
lose nothing; every write is recorded in the audit log (who, when, what,
before and after).

>>> import tempfile
>>> db = open(trainee="doctest", data=tiny_dataset(), path=Path(tempfile.mkdtemp()) / "crm.sqlite")
>>> int(db.query("SELECT count(*) AS n FROM contacts")["n"].iloc[0])
4
>>> db.schema_version == SCHEMA_VERSION, db.today.date().isoformat()
(True, '2026-06-30')
>>> db.close()
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from ..data.schema import SCHEMA, TABLES, Column, Table
from ..errors import DataError, InputError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

#: The layout of the practice database.  Bump it, and add a step to MIGRATIONS,
#: whenever a practice-only table changes shape.
SCHEMA_VERSION = 3


def _add_duplicate_candidates(conn) -> None:
    """Format 1 -> 2: the list of likely duplicate contacts, kept up to date instead of rescanned."""
    from .merge import rescan

    conn.execute(f"CREATE TABLE IF NOT EXISTS duplicate_candidates ({PRACTICE_TABLES['duplicate_candidates']})")
    rescan(conn)


def _add_reset_mark(conn) -> None:
    """Format 2 -> 3: audit rows outlive a reset, marked with the time of the reset that undid them."""
    conn.execute("ALTER TABLE audit_log ADD COLUMN reset_at TEXT")


#: ``{version: function(conn)}`` upgrading a database from ``version`` to ``version + 1``.
MIGRATIONS: dict = {1: _add_duplicate_candidates, 2: _add_reset_mark}

PRACTICE_TABLES = {
    "practice_meta": "key TEXT PRIMARY KEY, value TEXT",
    "practice_tasks": "task_id TEXT PRIMARY KEY, params TEXT NOT NULL",
    "audit_log": ("audit_id INTEGER PRIMARY KEY, at TEXT NOT NULL, who TEXT NOT NULL, action TEXT, "
                  "table_name TEXT NOT NULL, record_key TEXT, "
                  "op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')), before TEXT, after TEXT, "
                  "reset_at TEXT"),
    "duplicate_candidates": ("keep TEXT NOT NULL, remove TEXT NOT NULL, score REAL NOT NULL, reason TEXT NOT NULL, "
                             "PRIMARY KEY (keep, remove)"),
    "merged_contacts": ("contact_id TEXT PRIMARY KEY, merged_into TEXT NOT NULL, merged_at TEXT NOT NULL, "
                        "record TEXT NOT NULL"),
}

_DATE_GLOB = "[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]"
_TIME_GLOB = "[0-2][0-9]:[0-5][0-9]:[0-5][0-9]"
_SQL_TYPE = {"int": "INTEGER", "float": "REAL", "bool": "INTEGER"}


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lit(value: str) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def column_sql(table: Table, column: Column, *, for_alter: bool = False) -> str:
    """The SQL definition of one schema column, with its constraints.

    >>> column_sql(SCHEMA["contacts"], SCHEMA["contacts"].column("preferred_channel"))
    '"preferred_channel" TEXT CHECK ("preferred_channel" IN (\\'email\\', \\'sms\\', \\'phone\\'))'
    """
    name = _q(column.name)
    parts = [name, _SQL_TYPE.get(column.kind, "TEXT")]
    if table.key == column.name and not for_alter:
        parts.append("PRIMARY KEY")
    if column.required and not for_alter:
        parts.append("NOT NULL")
    if column.choices:
        parts.append(f"CHECK ({name} IN ({', '.join(map(_lit, column.choices))}))")
    elif column.kind == "bool":
        parts.append(f"CHECK ({name} IN (0, 1))")
    elif column.kind == "date":
        parts.append(f"CHECK ({name} GLOB '{_DATE_GLOB}')")
    elif column.kind == "datetime":
        parts.append(f"CHECK ({name} GLOB '{_DATE_GLOB} {_TIME_GLOB}')")
    if column.ref:
        target, target_column = column.ref.split(".")
        parts.append(f"REFERENCES {_q(target)}({_q(target_column)}) DEFERRABLE INITIALLY DEFERRED")
    return " ".join(parts)


def table_sql(table: Table) -> str:
    """``CREATE TABLE`` for one schema table.

    >>> print(table_sql(SCHEMA["stages"]).splitlines()[0])
    CREATE TABLE IF NOT EXISTS "stages" (
    """
    body = ",\n  ".join(column_sql(table, c) for c in table.columns)
    return f"CREATE TABLE IF NOT EXISTS {_q(table.name)} (\n  {body}\n)"


def _index_sql(table: Table) -> list[str]:
    return [f"CREATE INDEX IF NOT EXISTS {_q(f'ix_{table.name}_{c.name}')} ON {_q(table.name)}({_q(c.name)})"
            for c in table.columns if c.ref]


# ---------------------------------------------------------------- values in and out

def to_sql_values(table: Table, df: pd.DataFrame) -> list[tuple]:
    """The rows of ``df`` as tuples of SQLite values, in schema column order.

    Dates become ``YYYY-MM-DD`` text, moments ``YYYY-MM-DD HH:MM:SS``, yes/no 1/0,
    blanks ``None``.

    >>> df = pd.DataFrame({"stage": ["Won"], "sort_order": [9], "default_probability": [100],
    ...                    "is_closed": [True], "is_won": [True]})
    >>> to_sql_values(SCHEMA["stages"], df)
    [('Won', 9, 100, 1, 1)]
    """
    columns = []
    for column in table.columns:
        s = df[column.name] if column.name in df.columns else pd.Series([None] * len(df), index=df.index)
        columns.append(_to_sql_series(column, s).tolist())
    return list(zip(*columns)) if columns else []


def _to_sql_series(column: Column, s: pd.Series) -> pd.Series:
    present = s.notna()
    if column.kind in ("date", "datetime"):
        fmt = "%Y-%m-%d" if column.kind == "date" else "%Y-%m-%d %H:%M:%S"
        out = pd.to_datetime(s, format="ISO8601", errors="raise").dt.strftime(fmt)
    elif column.kind == "bool":
        from ..data.formats import parse_bool

        out = s.map(lambda v: int(parse_bool(v)) if parse_bool(v) is not None else None, na_action="ignore")
    elif column.kind == "int":
        out = pd.to_numeric(s, errors="raise").astype("Int64")
    elif column.kind == "float":
        out = pd.to_numeric(s, errors="raise").astype(float)
    else:
        out = s.astype(object).map(str, na_action="ignore")
    out = out.astype(object).where(present, None)
    if column.kind == "int":
        out = out.map(lambda v: None if v is None else int(v))
    return out


def typed_frame(table_name: str, df: pd.DataFrame) -> pd.DataFrame:
    """Give the columns of a table read from SQLite their schema types (dates, Int64, boolean...).

    >>> raw = pd.DataFrame({"stage": ["Won"], "sort_order": [9], "default_probability": [100],
    ...                     "is_closed": [1], "is_won": [1]})
    >>> typed_frame("stages", raw).dtypes["is_won"]
    BooleanDtype
    """
    table = SCHEMA.get(table_name)
    if table is None:
        return df
    df = df.copy()
    for column in table.columns:
        if column.name not in df.columns:
            continue
        s = df[column.name]
        if column.kind in ("date", "datetime"):
            df[column.name] = pd.to_datetime(s, format="ISO8601", errors="coerce").astype("datetime64[ns]")
        elif column.kind == "int":
            df[column.name] = pd.to_numeric(s, errors="coerce").astype("Int64")
        elif column.kind == "float":
            df[column.name] = pd.to_numeric(s, errors="coerce").astype(float)
        elif column.kind == "bool":
            df[column.name] = pd.to_numeric(s, errors="coerce").astype("Int64").astype("boolean")
        elif column.kind == "category" and column.choices:
            df[column.name] = pd.Categorical(s, categories=list(column.choices))
        else:
            df[column.name] = s.astype(object).where(s.notna(), None)
    return df


# ---------------------------------------------------------------- the handle

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
        conn.create_function("practice_clock", 0, _utc_now)
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

        >>> db = sandbox(tiny_dataset())
        >>> db.table("contacts", "last_name = ?", ["Dupont"])["first_name"].tolist()
        ['Claire']
        """
        if name not in SCHEMA and name not in PRACTICE_TABLES:
            raise InputError(f"there is no table called {name!r}", where="db.table(name)",
                             fix=f"use one of: {', '.join(SCHEMA)}")
        sql = f"SELECT * FROM {_q(name)}" + (f" WHERE {where}" if where else "")
        return typed_frame(name, self.query(sql, params))

    def row(self, table: str, key) -> dict | None:
        """One record as a dict of stored values, or ``None`` when there is no such key."""
        info = SCHEMA[table]
        cur = self.conn.execute(f"SELECT * FROM {_q(table)} WHERE {_q(info.key)} = ?", (key,))
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


def _utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]


# ---------------------------------------------------------------- creating and opening

def default_path(trainee: str, home: Path | None = None) -> Path:
    """Where ``trainee``'s practice database lives: ``<home>/practice/<name>.sqlite``.

    >>> default_path("Nusrat Jahan", Path("/tmp/wb"))
    PosixPath('/tmp/wb/practice/Nusrat-Jahan.sqlite')
    """
    from ..settings import safe_name

    return _folder(home) / f"{safe_name(trainee)}.sqlite"


def _folder(home: Path | None = None) -> Path:
    """The folder of the practice databases: ``<home>/practice`` (the current settings' home by default)."""
    from ..settings import current

    return (Path(home) if home is not None else current().home) / "practice"


def _start_copy(path: Path) -> Path:
    return path.parent / ".start" / path.name


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=30, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 30000")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")  # with WAL: durable commits, no fsync per write
    return conn


def _as_dataset(data):
    """Turn ``data`` (None, a folder, a Dataset) into a Dataset, validating a folder first."""
    from ..data import active, load

    if data is None:
        return active()
    if isinstance(data, (str, Path)):
        return load(data)  # raises DataError naming file, row and column
    if hasattr(data, "tables") and hasattr(data, "as_of"):
        return data
    raise InputError(f"cannot build a practice CRM from a {type(data).__name__}",
                     where="practice.open(data=...)",
                     fix="pass nothing (the sample company), a folder of CSV files, or the data from wb.start()")


_SEEDED: dict = {}  # id(dataset) -> (dataset, in-memory seeded connection)


def _seed_memory(dataset) -> sqlite3.Connection:
    """A seeded in-memory database for ``dataset``, built once per process."""
    cached = _SEEDED.get(id(dataset))
    if cached is not None and cached[0] is dataset:
        return cached[1]
    mem = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    mem.execute("PRAGMA foreign_keys = ON")
    _create_schema(mem)
    mem.execute("BEGIN")
    for table in TABLES:
        df = dataset.tables.get(table.name)
        if df is None or df.empty:
            continue
        marks = ", ".join("?" * len(table.columns))
        names = ", ".join(_q(c.name) for c in table.columns)
        try:
            mem.executemany(f"INSERT INTO {_q(table.name)} ({names}) VALUES ({marks})", to_sql_values(table, df))
        except sqlite3.IntegrityError as err:
            mem.execute("ROLLBACK")
            raise DataError(f"cannot be stored in the practice CRM ({err})", file=table.file,
                            fix="run `workbench data validate` on the folder and correct the rows it names") from None
    problems = mem.execute("PRAGMA foreign_key_check").fetchall()
    if problems:
        mem.execute("ROLLBACK")
        table_name, rowid, parent, _ = problems[0]
        raise DataError(f"record {rowid} refers to a missing {parent} record", file=f"{table_name}.csv",
                        fix="run `workbench data validate` on the folder and correct the references")
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


def _create_schema(conn: sqlite3.Connection) -> None:
    for table in TABLES:
        conn.execute(table_sql(table))
        for sql in _index_sql(table):
            conn.execute(sql)
    for name, body in PRACTICE_TABLES.items():
        conn.execute(f"CREATE TABLE IF NOT EXISTS {_q(name)} ({body})")
    conn.execute("CREATE INDEX IF NOT EXISTS ix_audit_record ON audit_log(table_name, record_key)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _acting_user(conn) -> str:
    """The user a trainee acts as: the first sales rep, else the first user."""
    rows = conn.execute("SELECT user_id, team FROM users ORDER BY user_id").fetchall()
    if not rows:
        raise DataError("the users table is empty", file="users.csv",
                        fix="add at least one user: the practice CRM needs an owner for new records")
    for user_id, team in rows:
        if team and "sales" in str(team).lower():
            return user_id
    return rows[0][0]


@contextmanager
def _file_lock(path: Path):
    lock = path.with_suffix(".lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if fcntl:
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _create(path: Path, dataset, trainee: str) -> None:
    mem = _seed_memory(dataset)
    tmp = path.with_name(path.name + ".new")
    if tmp.exists():
        tmp.unlink()
    out = sqlite3.connect(str(tmp), isolation_level=None)
    try:
        mem.backup(out)
        out.executemany("INSERT OR REPLACE INTO practice_meta VALUES (?, ?)",
                        [("trainee", trainee), ("created_at", _utc_now())])
        out.execute("PRAGMA journal_mode = WAL")
    finally:
        out.close()
    os.replace(tmp, path)
    start = _start_copy(path)
    start.parent.mkdir(parents=True, exist_ok=True)
    _copy_db(path, start)


def _copy_db(source: Path, dest: Path) -> None:
    """Copy a database consistently (the SQLite backup API), even while it is open elsewhere."""
    src = sqlite3.connect(str(source), timeout=30)
    out = sqlite3.connect(str(dest))
    try:
        src.backup(out)
    finally:
        out.close()
        src.close()


def open(trainee: str | None = None, data=None, *, path: str | Path | None = None) -> PracticeDB:  # noqa: A001
    """Open ``trainee``'s practice CRM, creating it from ``data`` the first time.

    ``trainee`` defaults to the learner of the current settings; ``data`` is
    the sample company when omitted, a folder of CSV files (validated first:
    a bad folder raises :class:`~workbench.errors.DataError`) or a Dataset from
    ``wb.start()``.  ``data`` is ignored when the database already exists: use
    :func:`reset` to start again.  ``path`` overrides where the file lives.
    An older database is upgraded (a backup is kept); one written by a newer
    workbench, or a file that is not a practice CRM, is refused.  To open a
    database that must already exist (a superuser's tools), use :func:`open_existing`.
    """
    trainee = _trainee_name(trainee, "practice.open(trainee=...)")
    path = Path(path) if path is not None else default_path(trainee)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        dataset = _as_dataset(data)
        with _file_lock(path):
            if not path.exists():
                _create(path, dataset, trainee)
    return _open_file(path, trainee)


def open_existing(trainee: str | None = None, *, path: str | Path | None = None,
                  read_only: bool = False) -> PracticeDB:
    """Open a practice CRM that already exists, never creating one.

    Name the ``trainee`` (their file in the workbench home) or give the file's
    ``path`` (a database a trainee handed in); with a path, the trainee is the
    one the database was made for.  A trainee without a practice CRM raises
    :class:`~workbench.errors.InputError` listing those who have one (see
    :func:`trainees`).  ``read_only=True`` opens it without changing the file
    at all, for grading or auditing: any write is refused, and an older format
    is upgraded in memory only.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> open(trainee="amina", data=tiny_dataset(), path=folder / "amina.sqlite").close()
    >>> db = open_existing(path=folder / "amina.sqlite", read_only=True)
    >>> db.trainee, int(db.query("SELECT count(*) AS n FROM contacts")["n"].iloc[0])
    ('amina', 4)
    >>> open_existing(path=folder / "amnia.sqlite")
    Traceback (most recent call last):
    ...
    workbench.errors.DataError: amnia.sqlite: there is no practice CRM in this file. Fix: check the path; practice CRMs in that folder: amina.
    """
    if path is None:
        trainee = _trainee_name(trainee, "practice.open_existing(trainee=...)")
        path = default_path(trainee)
        if not path.exists():
            known = trainees()
            raise InputError(f"{trainee!r} has no practice CRM yet", where="practice.open_existing(trainee=...)",
                             fix=(f"check the spelling; trainees with a practice CRM: {', '.join(known)}" if known
                                  else "nobody has a practice CRM here yet: it is created when a trainee "
                                       "opens a lesson's hands-on part (practice.open())"))
    path = Path(path)
    if not path.is_file():
        known = trainees(folder=path.parent)
        raise DataError("there is no practice CRM in this file", file=path,
                        fix="check the path" + (f"; practice CRMs in that folder: {', '.join(known)}" if known else ""))
    if read_only:
        return _open_read_only(path, trainee)
    return _open_file(path, trainee)


def trainees(home: Path | None = None, *, folder: Path | None = None) -> list[str]:
    """The trainees who have a practice CRM (the names of their files), sorted.

    Looks in ``<home>/practice`` (the current settings' home by default), or in ``folder``.

    >>> import tempfile
    >>> home = Path(tempfile.mkdtemp())
    >>> open(trainee="Nusrat Jahan", data=tiny_dataset(), path=default_path("Nusrat Jahan", home)).close()
    >>> trainees(home)
    ['Nusrat-Jahan']
    """
    folder = Path(folder) if folder is not None else _folder(home)
    return sorted(p.stem for p in folder.glob("*.sqlite")) if folder.is_dir() else []


def _trainee_name(trainee, where: str) -> str:
    from ..settings import current

    if trainee is None:
        trainee = current().learner
    if not isinstance(trainee, str) or not trainee.strip():
        raise InputError("the trainee's name is blank", where=where,
                         fix="give the trainee's name, for example practice.open(trainee='amina')")
    return trainee


def _open_file(path: Path, trainee: str | None) -> PracticeDB:
    """Open an existing database for work: upgraded when older, new tasks given their subjects, audited."""
    conn = _connect(path)
    try:
        db = PracticeDB(path, trainee or _stored_trainee(conn, path), conn)
        _check_and_upgrade(db)
        conn.execute("PRAGMA journal_mode = WAL")
        _install_audit_triggers(conn)
    except BaseException:
        conn.close()
        raise
    return db


def _open_read_only(path: Path, trainee: str | None) -> PracticeDB:
    """Open a database without writing to its file; an older one is copied into memory and upgraded there."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None,
                           check_same_thread=False)
    try:
        pending = _pending_upgrade(conn, path)
    except sqlite3.DatabaseError as err:
        conn.close()
        raise DataError(f"this file cannot be read as a practice CRM ({err})", file=path,
                        fix="give the .sqlite file of a practice CRM") from None
    except BaseException:
        conn.close()
        raise
    if pending:
        memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        conn.backup(memory)
        conn.close()
        conn = memory
        _upgrade(conn, *pending)
    conn.execute("PRAGMA query_only = ON")
    return PracticeDB(path, trainee or _stored_trainee(conn, path), conn)


def _stored_trainee(conn, path: Path) -> str:
    found = conn.execute("SELECT value FROM practice_meta WHERE key = 'trainee'").fetchone()
    return found[0] if found else path.stem


def sandbox(data=None, trainee: str = "sandbox") -> PracticeDB:
    """A fresh practice CRM in a temporary folder (for trying things, tests and reference solutions).

    >>> db = sandbox(tiny_dataset())
    >>> db.path.name
    'sandbox.sqlite'
    """
    import shutil
    import weakref

    folder = Path(tempfile.mkdtemp(prefix="workbench-practice-"))
    db = open(trainee=trainee, data=data, path=folder / "sandbox.sqlite")
    weakref.finalize(db, shutil.rmtree, folder, True)  # the folder goes when the handle does
    return db


# ---------------------------------------------------------------- formats and upgrades

def _pending_upgrade(conn, path: Path) -> tuple[int, list] | None:
    """What an older database needs, as (its format, missing schema), or None; raises when it cannot be done."""
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "practice_meta" not in names:
        raise DataError("this file is not a practice CRM database", file=path,
                        fix="give another path, or move the file away and open again to create one")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise DataError(f"this practice CRM was written by a newer workbench (format {version}, "
                        f"this one reads up to {SCHEMA_VERSION})", file=path,
                        fix="update the workbench (pip install -U workbench), or reset the practice CRM")
    missing = _missing_schema(conn)
    if version == SCHEMA_VERSION and not missing:
        return None
    for step in range(version, SCHEMA_VERSION):
        if step not in MIGRATIONS:
            raise DataError(f"this practice CRM is in an old format ({version}) that cannot be upgraded",
                            file=path, fix="reset it: practice.reset(db, confirm=True) "
                                           "(your old database is kept as a backup)")
    return version, missing


def _upgrade(conn, version: int, missing: list) -> None:
    """Bring a database from format ``version`` to the current one, in one transaction.

    Runs on a connection without audit triggers (before :func:`open` installs them), so
    nothing of it reaches the audit log.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        for step in range(version, SCHEMA_VERSION):
            MIGRATIONS[step](conn)
        for table, column in missing:
            if column is None:
                conn.execute(table_sql(SCHEMA[table]))
            else:
                conn.execute(f"ALTER TABLE {_q(table)} ADD COLUMN "
                             f"{column_sql(SCHEMA[table], SCHEMA[table].column(column), for_alter=True)}")
        _create_schema(conn)
        conn.execute("INSERT OR REPLACE INTO practice_meta VALUES ('upgraded_from', ?)", (str(version),))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _check_and_upgrade(db: PracticeDB) -> None:
    """Upgrade an older database (keeping a backup), and give tasks added since it was made their subject."""
    pending = _pending_upgrade(db.conn, db.path)
    if pending:
        version, missing = pending
        backup = backup_copy(db, reason=f"before-upgrade-v{version}")
        _upgrade(db.conn, version, missing)
        added = ", ".join(f"{t}.{c}" if c else t for t, c in missing)
        db.notes.append(f"Upgraded your practice CRM from format {version} to {SCHEMA_VERSION}"
                        + (f" (added {added})" if added else "") + f"; the old copy is kept at {backup}.")
    _assign_new_tasks(db)


def _assign_new_tasks(db: PracticeDB) -> None:
    """Tasks added to the workbench after this database was made get their subject from its starting copy.

    Choosing from the starting state (not from what the trainee changed since) keeps the
    subject the same after a reset.
    """
    from . import tasks

    stored = {r[0] for r in db.conn.execute("SELECT task_id FROM practice_tasks")}
    if set(tasks.TASKS) <= stored:
        return
    start = _start_copy(db.path)
    if not start.exists():
        tasks.assign(db.conn)
        return
    _prepare_start(start)
    src = sqlite3.connect(str(start))
    try:
        rows = src.execute("SELECT task_id, params FROM practice_tasks").fetchall()
    finally:
        src.close()
    db.conn.execute("BEGIN IMMEDIATE")
    db.conn.executemany("INSERT OR IGNORE INTO practice_tasks VALUES (?, ?)", rows)
    db.conn.execute("COMMIT")


def _prepare_start(start: Path) -> None:
    """Bring the starting copy to the current format, with a subject for every task."""
    from . import tasks

    conn = _connect(start)
    try:
        try:
            pending = _pending_upgrade(conn, start)
        except DataError as err:
            raise DataError(f"the starting copy of this practice CRM cannot be used: {err.what}", file=start,
                            fix="delete the practice database file and open it again to create a fresh one") from None
        if pending:
            _upgrade(conn, *pending)
        tasks.assign(conn)
    finally:
        conn.close()


def _missing_schema(conn) -> list[tuple[str, str | None]]:
    """Schema tables and columns the database lacks, as (table, column or None)."""
    missing = []
    for table in TABLES:
        have = [r[1] for r in conn.execute(f"PRAGMA table_info({_q(table.name)})")]
        if not have:
            missing.append((table.name, None))
            continue
        missing += [(table.name, c.name) for c in table.columns if c.name not in have]
    return missing


def _install_audit_triggers(conn: sqlite3.Connection) -> None:
    """Temporary triggers writing every insert, update and delete of a schema table to audit_log."""
    for table in TABLES:
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({_q(table.name)})")]
        key = table.key or "rowid"

        def obj(prefix, cols=cols):
            return "json_object(" + ", ".join(f"{_lit(c)}, {prefix}.{_q(c)}" for c in cols) + ")"

        for op, when, key_of, before, after in (
                ("insert", "AFTER INSERT", "NEW", "NULL", obj("NEW")),
                ("update", "AFTER UPDATE", "NEW", obj("OLD"), obj("NEW")),
                ("delete", "AFTER DELETE", "OLD", obj("OLD"), "NULL")):
            conn.execute(
                f"CREATE TEMP TRIGGER IF NOT EXISTS {_q(f'audit_{table.name}_{op}')} {when} ON main.{_q(table.name)} "
                f"WHEN practice_auditing() BEGIN INSERT INTO audit_log "
                f"(at, who, action, table_name, record_key, op, before, after) VALUES (practice_clock(), "
                f"practice_who(), practice_action(), {_lit(table.name)}, {key_of}.{_q(key) if key != 'rowid' else 'rowid'}, "
                f"'{op}', {before}, {after}); END")


# ---------------------------------------------------------------- backups and reset

def backup_copy(db: PracticeDB, reason: str = "backup") -> Path:
    """Copy the database to ``<home>/practice/backups/<name>-<reason>-<time>.sqlite``; return the path."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    folder = db.path.parent / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    dest = folder / f"{db.path.stem}-{reason}-{stamp}.sqlite"
    out = sqlite3.connect(str(dest))
    try:
        db.conn.backup(out)
    finally:
        out.close()
    return dest


def reset(db: PracticeDB, *, confirm: bool = False) -> Path:
    """Put the practice CRM back in its starting state, keeping a timestamped backup.

    Nothing happens unless ``confirm=True``: a reset removes everything the
    trainee did.  The audit log survives it: its rows stay, marked with the
    time of the reset (``reset_at``), so a superuser still sees how the trainee
    got there.  Returns the path of the backup.

    >>> db = sandbox(tiny_dataset())
    >>> reset(db)
    Traceback (most recent call last):
    ...
    workbench.errors.InputError: practice.reset(db): a reset removes everything you did in the practice CRM. Fix: to go ahead, call practice.reset(db, confirm=True); a backup is kept.
    """
    if not isinstance(db, PracticeDB):
        raise InputError(f"expected the practice CRM, got {type(db).__name__}", where="practice.reset(db)",
                         fix="pass the database from practice.open(), e.g. practice.reset(db, confirm=True)")
    if confirm is not True:
        raise InputError("a reset removes everything you did in the practice CRM", where="practice.reset(db)",
                         fix="to go ahead, call practice.reset(db, confirm=True); a backup is kept")
    start = _start_copy(db.path)
    if not start.exists():
        raise DataError("the starting copy of this practice CRM is missing", file=start,
                        fix="delete the practice database file and open it again to create a fresh one")
    _prepare_start(start)  # a copy made by an older workbench comes back in today's format
    backup = backup_copy(db, reason="before-reset")
    cur = db.conn.execute("SELECT * FROM audit_log ORDER BY audit_id")
    columns = [d[0] for d in cur.description]
    carried = cur.fetchall()
    db._cache.clear()
    src = sqlite3.connect(str(start))
    try:
        src.backup(db.conn)
    finally:
        src.close()
    now = _utc_now()
    mark = columns.index("reset_at")
    db.conn.execute("BEGIN IMMEDIATE")
    db.conn.executemany(f"INSERT INTO audit_log ({', '.join(map(_q, columns))}) VALUES "
                        f"({', '.join('?' * len(columns))})",
                        [(*row[:mark], row[mark] or now, *row[mark + 1:]) for row in carried])
    db.conn.executemany("INSERT OR REPLACE INTO practice_meta VALUES (?, ?)",
                        [("trainee", db.trainee), ("reset_at", now)])
    db.conn.execute("COMMIT")
    _install_audit_triggers(db.conn)
    return backup


def backups(db: PracticeDB) -> list[Path]:
    """The backups kept for this practice CRM, oldest first."""
    folder = db.path.parent / "backups"
    return sorted(folder.glob(f"{db.path.stem}-*.sqlite")) if folder.exists() else []


# ---------------------------------------------------------------- a tiny company for examples

def tiny_dataset():
    """A four-contact company for doctests and quick trials (not the sample company).

    >>> tiny_dataset().contacts["last_name"].tolist()
    ['Jahan', 'Dupont', 'Jahan', 'Karimi']
    """
    from ..data.load import Dataset

    return _TINY if _TINY is not None else _make_tiny(Dataset)


_TINY = None


def _make_tiny(Dataset):
    global _TINY
    f = pd.DataFrame
    tables = {
        "users": f({"user_id": ["U01", "U02"], "name": ["Amina Rahman", "Paul Martin"],
                    "team": ["sales", "service"], "manager_id": [None, "U01"], "region": ["EMEA", "EMEA"]}),
        "accounts": f({"account_id": ["A001", "A002"], "name": ["Dhaka Textiles", "Lumière SA"],
                       "industry": ["textiles", "retail"], "country": ["BD", "FR"], "employees": [250, 40],
                       "annual_revenue": [1.2e7, 3.0e6], "parent_account_id": [None, None],
                       "owner_id": ["U01", "U01"], "created_at": pd.to_datetime(["2025-01-10", "2025-03-02"])}),
        "contacts": f({"contact_id": ["C001", "C002", "C003", "C004"], "account_id": ["A001", "A002", "A001", None],
                       "first_name": ["Nusrat", "Claire", "Nusrat", "Reza"],
                       "last_name": ["Jahan", "Dupont", "Jahan", "Karimi"],
                       "email": ["nusrat.jahan@dhakatex.example", "claire.dupont@lumiere.example",
                                 "n.jahan@dhakatex.example", "reza.karimi@example.com"],
                       "phone": ["+880 1711 000111", "+33 6 12 34 56 78", None, "+98 912 000 1111"],
                       "title": ["Buyer", "CEO", "Buyer", "Engineer"],
                       "lifecycle_stage": ["customer", "opportunity", "customer", "lead"],
                       "preferred_channel": ["email", "phone", "email", "email"], "max_msgs_per_week": [2, 1, 2, 3],
                       "city": ["Dhaka", "Lyon", "Dhaka", "Tehran"], "country": ["BD", "FR", "BD", "IR"],
                       "source": ["web", "event", "import", "web"], "linkedin_url": [None, None, None, None],
                       "created_at": pd.to_datetime(["2025-01-12", "2025-03-05", "2025-09-01", "2026-02-01"])}),
        "consents": f({"contact_id": ["C001", "C002", "C004"], "channel": ["email", "email", "email"],
                       "status": ["granted", "granted", "granted"],
                       "at": pd.to_datetime(["2025-01-12 10:00:00", "2025-03-05 09:30:00", "2026-02-01 08:00:00"]),
                       "source": ["web_form", "event", "web_form"], "wording_version": ["v1", "v1", "v2"]}),
        "leads": f({"lead_id": ["L001", "L002"], "company": ["Tabriz Tools", "Nile Foods"],
                    "name": ["Leila Ahmadi", "Omar Haddad"], "email": ["leila@tabriztools.example", None],
                    "lead_source": ["web", "event"], "status": ["qualified", "new"], "fit_score": [80, 40],
                    "engagement_score": [70, 10], "owner_id": ["U01", "U01"],
                    "created_at": pd.to_datetime(["2026-05-01", "2026-06-01"]), "converted_at": pd.NaT,
                    "converted_contact_id": None, "converted_opportunity_id": None}),
        "stages": f({"stage": ["Prospecting", "Qualification", "Proposal", "Negotiation", "Closed Won",
                               "Closed Lost"], "sort_order": [1, 2, 3, 4, 5, 6],
                     "default_probability": [10, 20, 50, 80, 100, 0],
                     "is_closed": [False, False, False, False, True, True],
                     "is_won": [False, False, False, False, True, False]}),
        "products": f({"product_id": ["P01"], "name": ["Loom X"], "series": ["X"], "list_price": [12000.0]}),
        "opportunities": f({"opportunity_id": ["O001", "O002"], "name": ["Dhaka Textiles - Loom X", "Lumière - Loom X"],
                            "account_id": ["A001", "A002"], "primary_contact_id": ["C001", "C002"],
                            "owner_id": ["U01", "U01"], "product_id": ["P01", "P01"],
                            "stage": ["Qualification", "Proposal"], "probability": [20, 50],
                            "amount": [24000.0, 12000.0], "created_at": pd.to_datetime(["2026-04-01", "2026-05-01"]),
                            "close_date": pd.to_datetime(["2026-08-31", "2026-07-31"]),
                            "is_closed": [False, False], "is_won": [False, False],
                            "lead_source": ["web", "event"], "next_step": ["demo", None]}),
        "activities": f({"activity_id": ["ACT0001", "ACT0002", "ACT0003"], "type": ["call", "email", "meeting"],
                         "subject": ["Intro call", "Price list", "Visit"],
                         "status": ["completed", "completed", "planned"],
                         "due_at": pd.to_datetime([None, None, "2026-07-02 10:00:00"]),
                         "reminder_at": pd.to_datetime([None, None, "2026-07-01 09:00:00"]),
                         "completed_at": pd.to_datetime(["2026-05-02 11:00:00", "2026-05-20 15:00:00", None]),
                         "owner_id": ["U01", "U01", "U01"], "contact_id": ["C001", "C003", "C002"],
                         "account_id": ["A001", "A001", "A002"], "opportunity_id": ["O001", None, "O002"],
                         "direction": ["outbound", "outbound", None], "outcome": ["interested", None, None]}),
    }
    for table in TABLES:
        if table.name not in tables:
            tables[table.name] = pd.DataFrame({c.name: pd.Series(dtype=object) for c in table.columns})
    _TINY = Dataset(tables, Path("tiny"), {"company": "Tiny", "as_of": "2026-06-30"})
    return _TINY


__all__ = ["MIGRATIONS", "PracticeDB", "SCHEMA_VERSION", "backup_copy", "backups", "default_path", "open",
           "open_existing", "reset", "sandbox", "table_sql", "tiny_dataset", "trainees", "typed_frame"]
