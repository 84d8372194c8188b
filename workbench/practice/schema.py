"""The practice database's layout in SQL: tables and constraints generated from the data schema.

The tables of :mod:`workbench.data.schema` become SQLite tables whose keys,
references, required values and allowed values refuse what the loaders
refuse; the practice-only tables (meta facts, tasks, the audit log, the
duplicate list, merged contacts) are declared in :data:`PRACTICE_TABLES`.
Values cross the border with :func:`to_sql_values` (DataFrame to SQLite) and
:func:`typed_frame` (SQLite to typed DataFrame); :func:`install_audit_triggers`
records every write in the audit log.

>>> import sqlite3
>>> conn = sqlite3.connect(":memory:")
>>> create_schema(conn)
>>> conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
True
>>> missing_schema(conn)
[]
"""

from __future__ import annotations

import sqlite3

import pandas as pd

from ..data.schema import SCHEMA, TABLES, Column, Table

#: The layout of the practice database.  Bump it, and add a step to
#: :data:`workbench.practice.migrations.MIGRATIONS`, whenever a practice-only table changes shape.
SCHEMA_VERSION = 3

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


def quote(name: str) -> str:
    """An SQL identifier, quoted.

    >>> print(quote("order"))
    "order"
    """
    return '"' + name.replace('"', '""') + '"'


def literal(value: str) -> str:
    """An SQL text literal.

    >>> literal("O'Neil")
    "'O''Neil'"
    """
    return "'" + str(value).replace("'", "''") + "'"


def column_sql(table: Table, column: Column, *, for_alter: bool = False) -> str:
    """The SQL definition of one schema column, with its constraints.

    >>> column_sql(SCHEMA["contacts"], SCHEMA["contacts"].column("preferred_channel"))
    '"preferred_channel" TEXT CHECK ("preferred_channel" IN (\\'email\\', \\'sms\\', \\'phone\\'))'
    """
    name = quote(column.name)
    parts = [name, _SQL_TYPE.get(column.kind, "TEXT")]
    if table.key == column.name and not for_alter:
        parts.append("PRIMARY KEY")
    if column.required and not for_alter:
        parts.append("NOT NULL")
    if column.choices:
        parts.append(f"CHECK ({name} IN ({', '.join(map(literal, column.choices))}))")
    elif column.kind == "bool":
        parts.append(f"CHECK ({name} IN (0, 1))")
    elif column.kind == "date":
        parts.append(f"CHECK ({name} GLOB '{_DATE_GLOB}')")
    elif column.kind == "datetime":
        parts.append(f"CHECK ({name} GLOB '{_DATE_GLOB} {_TIME_GLOB}')")
    if column.ref:
        target, target_column = column.ref.split(".")
        parts.append(f"REFERENCES {quote(target)}({quote(target_column)}) DEFERRABLE INITIALLY DEFERRED")
    return " ".join(parts)


def table_sql(table: Table) -> str:
    """``CREATE TABLE`` for one schema table.

    >>> print(table_sql(SCHEMA["stages"]).splitlines()[0])
    CREATE TABLE IF NOT EXISTS "stages" (
    """
    body = ",\n  ".join(column_sql(table, c) for c in table.columns)
    return f"CREATE TABLE IF NOT EXISTS {quote(table.name)} (\n  {body}\n)"


def _index_sql(table: Table) -> list[str]:
    return [f"CREATE INDEX IF NOT EXISTS {quote(f'ix_{table.name}_{c.name}')} ON {quote(table.name)}({quote(c.name)})"
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


# ---------------------------------------------------------------- the whole layout

def create_schema(conn: sqlite3.Connection) -> None:
    """Create every table and index the practice CRM needs (those missing), and stamp the format."""
    for table in TABLES:
        conn.execute(table_sql(table))
        for sql in _index_sql(table):
            conn.execute(sql)
    for name, body in PRACTICE_TABLES.items():
        conn.execute(f"CREATE TABLE IF NOT EXISTS {quote(name)} ({body})")
    conn.execute("CREATE INDEX IF NOT EXISTS ix_audit_record ON audit_log(table_name, record_key)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def missing_schema(conn) -> list[tuple[str, str | None]]:
    """Schema tables and columns the database lacks, as (table, column or None)."""
    missing = []
    for table in TABLES:
        have = [r[1] for r in conn.execute(f"PRAGMA table_info({quote(table.name)})")]
        if not have:
            missing.append((table.name, None))
            continue
        missing += [(table.name, c.name) for c in table.columns if c.name not in have]
    return missing


def drop_audit_triggers(conn: sqlite3.Connection) -> None:
    """Remove this connection's audit triggers (other connections keep theirs)."""
    for (name,) in conn.execute("SELECT name FROM sqlite_temp_master WHERE type = 'trigger' AND name LIKE 'audit%'"
                                ).fetchall():
        conn.execute(f"DROP TRIGGER temp.{quote(name)}")


def install_audit_triggers(conn: sqlite3.Connection) -> None:
    """Temporary triggers writing every insert, update and delete of a schema table to audit_log."""
    for table in TABLES:
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({quote(table.name)})")]
        key = table.key or "rowid"

        def obj(prefix, cols=cols):
            return "json_object(" + ", ".join(f"{literal(c)}, {prefix}.{quote(c)}" for c in cols) + ")"

        for op, when, key_of, before, after in (
                ("insert", "AFTER INSERT", "NEW", "NULL", obj("NEW")),
                ("update", "AFTER UPDATE", "NEW", obj("OLD"), obj("NEW")),
                ("delete", "AFTER DELETE", "OLD", obj("OLD"), "NULL")):
            conn.execute(
                f"CREATE TEMP TRIGGER IF NOT EXISTS {quote(f'audit_{table.name}_{op}')} {when} ON main.{quote(table.name)} "
                f"WHEN practice_auditing() BEGIN INSERT INTO audit_log "
                f"(at, who, action, table_name, record_key, op, before, after) VALUES (practice_clock(), "
                f"practice_who(), practice_action(), {literal(table.name)}, {key_of}.{quote(key) if key != 'rowid' else 'rowid'}, "
                f"'{op}', {before}, {after}); END")


__all__ = ["PRACTICE_TABLES", "SCHEMA", "SCHEMA_VERSION", "column_sql", "create_schema", "drop_audit_triggers",
           "install_audit_triggers",
           "literal", "missing_schema", "quote", "table_sql", "to_sql_values", "typed_frame"]
