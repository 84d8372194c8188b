"""Upgrading a practice database written by an older workbench, step by step.

A database records its format in ``PRAGMA user_version``.  Opening an older
one runs the steps of :data:`MIGRATIONS` from its format to
:data:`~workbench.practice.schema.SCHEMA_VERSION`, adds the schema tables and
columns it lacks, and notes ``upgraded_from`` in its meta facts.  A newer
format, a file that is not a practice CRM, or a format without a step is
refused with a :class:`~workbench.errors.DataError` saying what to do.

>>> import sqlite3
>>> from workbench.practice.schema import create_schema
>>> conn = sqlite3.connect(":memory:", isolation_level=None)
>>> create_schema(conn)
>>> pending_upgrade(conn, "crm.sqlite") is None
True
"""

from __future__ import annotations

from pathlib import Path

from ..data.schema import SCHEMA
from ..errors import DataError
from ..i18n.messages import _
from . import schema
from .schema import PRACTICE_TABLES, column_sql, create_schema, missing_schema, quote, table_sql
from .store import connect


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


def pending_upgrade(conn, path: Path) -> tuple[int, list] | None:
    """What an older database needs, as (its format, missing schema), or None; raises when it cannot be done."""
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "practice_meta" not in names:
        raise DataError(_("this file is not a practice CRM database"), file=path,
                        fix=_("give another path, or move the file away and open again to create one"))
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > schema.SCHEMA_VERSION:
        raise DataError(_('this practice CRM was written by a newer workbench (format {version}, this one reads up to {schema_version})').format(version=version, schema_version=schema.SCHEMA_VERSION), file=path,
                        fix=_("update the workbench (pip install -U workbench), or reset the practice CRM"))
    missing = missing_schema(conn)
    if version == schema.SCHEMA_VERSION and not missing:
        return None
    for step in range(version, schema.SCHEMA_VERSION):
        if step not in MIGRATIONS:
            raise DataError(_('this practice CRM is in an old format ({version}) that cannot be upgraded').format(version=version),
                            file=path, fix=_("reset it: practice.reset(db, confirm=True) "
                                           "(your old database is kept as a backup)"))
    return version, missing


def upgrade(conn, version: int, missing: list) -> None:
    """Bring a database from format ``version`` to the current one, in one transaction.

    Runs on a connection without audit triggers (before opening installs them), so
    nothing of it reaches the audit log.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        for step in range(version, schema.SCHEMA_VERSION):
            MIGRATIONS[step](conn)
        for table, column in missing:
            if column is None:
                conn.execute(table_sql(SCHEMA[table]))
            else:
                conn.execute(f"ALTER TABLE {quote(table)} ADD COLUMN "
                             f"{column_sql(SCHEMA[table], SCHEMA[table].column(column), for_alter=True)}")
        create_schema(conn)
        conn.execute("INSERT OR REPLACE INTO practice_meta VALUES ('upgraded_from', ?)", (str(version),))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def prepare_start(start: Path) -> None:
    """Bring the starting copy to the current format, with a subject for every task."""
    from . import tasks

    conn = connect(start)
    try:
        try:
            pending = pending_upgrade(conn, start)
        except DataError as err:
            raise DataError(_('the starting copy of this practice CRM cannot be used: {what}').format(what=err.what), file=start,
                            fix=_("delete the practice database file and open it again to create a fresh one")) from None
        if pending:
            upgrade(conn, *pending)
        tasks.assign(conn)
    finally:
        conn.close()


__all__ = ["MIGRATIONS", "pending_upgrade", "prepare_start", "upgrade"]
