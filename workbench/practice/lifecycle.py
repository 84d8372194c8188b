"""The life of a practice CRM: create it, open it, back it up, reset it, recover it.

``open(trainee=..., data=...)`` creates the database the first time (from the
sample company, a session variant or a company export folder, which is
validated first) and opens it afterwards.  The database runs in WAL mode (a rollback
journal on a network file system: :mod:`workbench.practice.journal`) and every write is one transaction, so two notebooks open on the same database
lose nothing; every write is recorded in the audit log (who, when, what,
before and after).

>>> import tempfile
>>> from workbench.practice.sample import tiny_dataset
>>> db = open(trainee="doctest", data=tiny_dataset(), path=Path(tempfile.mkdtemp()) / "crm.sqlite")
>>> int(db.query("SELECT count(*) AS n FROM contacts")["n"].iloc[0])
4
>>> db.schema_version == schema.SCHEMA_VERSION, db.today.date().isoformat()
(True, '2026-06-30')
>>> db.close()
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..data.schema import TABLES
from ..errors import DataError, InputError
from ..i18n.messages import _
from . import migrations, schema
from .journal import use_journal
from .schema import drop_audit_triggers, install_audit_triggers, quote
from .seeding import as_dataset, write_fresh
from .store import PracticeDB, connect, utc_now

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

# ---------------------------------------------------------------- creating and opening

def default_path(trainee: str, home: Path | None = None) -> Path:
    """Where ``trainee``'s practice database lives: ``<home>/practice/<name>.sqlite``.

    >>> default_path("Nusrat Jahan", Path("/tmp/wb"))
    PosixPath('/tmp/wb/practice/Nusrat-Jahan.sqlite')
    """
    from ..settings import practice_database

    return practice_database(_home(home), trainee)


def _home(home: Path | None = None) -> Path:
    """``home``, or the current settings' home."""
    from ..settings import current

    return Path(home) if home is not None else current().home


def _folder(home: Path | None = None) -> Path:
    """The folder of the practice databases (under the current settings' home by default)."""
    from ..settings import practice_folder

    return practice_folder(_home(home))


def start_copy(path: Path) -> Path:
    """Where the starting state of the database at ``path`` is kept: a reset goes back to it.

    >>> start_copy(Path("/tmp/wb/practice/amina.sqlite"))
    PosixPath('/tmp/wb/practice/.start/amina.sqlite')
    """
    return path.parent / ".start" / path.name


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
    """Write a fresh database for ``trainee`` at ``path`` (beside it first, then moved in) and its starting copy."""
    tmp = path.with_name(path.name + ".new")
    write_fresh(tmp, dataset, trainee)
    os.replace(tmp, path)
    start = start_copy(path)
    start.parent.mkdir(parents=True, exist_ok=True)
    copy_database(path, start)


def copy_database(source: Path, dest: Path) -> None:
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
        dataset = as_dataset(data)
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
    >>> from workbench.practice.sample import tiny_dataset
    >>> open(trainee="amina", data=tiny_dataset(), path=folder / "amina.sqlite").close()
    >>> db = open_existing(path=folder / "amina.sqlite", read_only=True)
    >>> db.trainee, int(db.query("SELECT count(*) AS n FROM contacts")["n"].iloc[0])
    ('amina', 4)
    >>> open_existing(path=folder / "amnia.sqlite")
    Traceback (most recent call last):
    ...
    workbench.errors.DataError: amnia.sqlite: there is no practice CRM in this file. Fix: check the path; practice CRMs in that folder: amina.
    """
    path = existing_path(trainee, path=path)
    if read_only:
        return _open_read_only(path, trainee)
    return _open_file(path, trainee)


def existing_path(trainee: str | None = None, *, path: str | Path | None = None) -> Path:
    """The file of a practice CRM that must already exist: ``trainee``'s in the workbench home, or ``path``.

    A trainee without one raises :class:`~workbench.errors.InputError` listing those who have one;
    a path that is not a file raises :class:`~workbench.errors.DataError`.
    """
    if path is None:
        trainee = _trainee_name(trainee, "practice.open_existing(trainee=...)")
        path = default_path(trainee)
        if not path.exists():
            known = trainees()
            raise InputError(_('{trainee!r} has no practice CRM yet').format(trainee=trainee), where="practice.open_existing(trainee=...)",
                             fix=(_('check the spelling; trainees with a practice CRM: {known}').format(known=', '.join(known)) if known
                                  else _("nobody has a practice CRM here yet: it is created when a trainee "
                                       "opens a lesson's hands-on part (practice.open())")))
    path = Path(path)
    if not path.is_file():
        known = trainees(folder=path.parent)
        raise DataError(_("there is no practice CRM in this file"), file=path,
                        fix=_("check the path") + (_('; practice CRMs in that folder: {known}').format(known=', '.join(known)) if known else ""))
    return path


def trainees(home: Path | None = None, *, folder: Path | None = None) -> list[str]:
    """The trainees who have a practice CRM (the names of their files), sorted.

    Looks in ``<home>/practice`` (the current settings' home by default), or in ``folder``.

    >>> import tempfile
    >>> home = Path(tempfile.mkdtemp())
    >>> from workbench.practice.sample import tiny_dataset
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
        raise InputError(_("the trainee's name is blank"), where=where,
                         fix=_("give the trainee's name, for example practice.open(trainee='amina')"))
    return trainee


def _open_file(path: Path, trainee: str | None) -> PracticeDB:
    """Open an existing database for work: upgraded when older, new tasks given their subjects, audited."""
    damage = damage_of(path)
    if damage:
        raise DataError(_('this practice CRM is damaged and cannot be opened ({damage})').format(damage=damage), file=path,
                        fix=_('reset it: run `workbench practice reset --trainee {stem}` in a terminal (the damaged file is kept aside, '
                               'the audit log is recovered from the latest backup)').format(stem=path.stem))
    conn = connect(path)
    try:
        db = PracticeDB(path, trainee or _stored_trainee(conn, path), conn)
        _check_and_upgrade(db)
        use_journal(conn, path)
        install_audit_triggers(conn)
    except BaseException:
        conn.close()
        raise
    return db


def damage_of(path: Path) -> str | None:
    """What is wrong with a damaged database file (SQLite's own words), or ``None`` when it reads whole.

    >>> import tempfile
    >>> junk = Path(tempfile.mkdtemp()) / "junk.sqlite"
    >>> _ = junk.write_bytes(b"not a database" * 100)
    >>> damage_of(junk)
    'file is not a database'
    """
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    try:
        found = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
    except sqlite3.DatabaseError as err:
        if isinstance(err, sqlite3.OperationalError):  # locked, busy, unreadable: not damage
            raise
        return str(err)
    finally:
        conn.close()
    return None if found == "ok" else found


def _open_read_only(path: Path, trainee: str | None) -> PracticeDB:
    """Open a database without writing to its file; an older one is copied into memory and upgraded there."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None,
                           check_same_thread=False)
    try:
        pending = migrations.pending_upgrade(conn, path)
    except sqlite3.DatabaseError as err:
        conn.close()
        raise DataError(_('this file cannot be read as a practice CRM ({err})').format(err=err), file=path,
                        fix=_("give the .sqlite file of a practice CRM")) from None
    except BaseException:
        conn.close()
        raise
    if pending:
        memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        conn.backup(memory)
        conn.close()
        conn = memory
        migrations.upgrade(conn, *pending)
    conn.execute("PRAGMA query_only = ON")
    return PracticeDB(path, trainee or _stored_trainee(conn, path), conn)


def _stored_trainee(conn, path: Path) -> str:
    found = conn.execute("SELECT value FROM practice_meta WHERE key = 'trainee'").fetchone()
    return found[0] if found else path.stem


def sandbox(data=None, trainee: str = "sandbox") -> PracticeDB:
    """A fresh practice CRM in a temporary folder (for trying things, tests and reference solutions).

    >>> from workbench.practice.sample import tiny_dataset
    >>> db = sandbox(tiny_dataset())
    >>> db.path.name
    'sandbox.sqlite'
    """
    import weakref

    folder = Path(tempfile.mkdtemp(prefix="workbench-practice-"))
    db = open(trainee=trainee, data=data, path=folder / "sandbox.sqlite")
    weakref.finalize(db, shutil.rmtree, folder, True)  # the folder goes when the handle does
    return db



# ---------------------------------------------------------------- upgrades and new tasks on opening

def _check_and_upgrade(db: PracticeDB) -> None:
    """Upgrade an older database (keeping a backup), and give tasks added since it was made their subject."""
    pending = migrations.pending_upgrade(db.conn, db.path)
    if pending:
        version, missing = pending
        backup = backup_copy(db, reason=f"before-upgrade-v{version}")
        migrations.upgrade(db.conn, version, missing)
        added = ", ".join(f"{t}.{c}" if c else t for t, c in missing)
        upgraded = (_("Upgraded your practice CRM from format {old} to {new} (added {added}); the old copy is kept "
                      "at {backup}.") if added else
                    _("Upgraded your practice CRM from format {old} to {new}; the old copy is kept at {backup}."))
        db.notes.append(upgraded.format(old=version, new=schema.SCHEMA_VERSION, added=added, backup=backup))
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
    start = start_copy(db.path)
    if not _start_usable(start):
        tasks.assign(db.conn)
        return
    migrations.prepare_start(start)
    src = sqlite3.connect(str(start))
    try:
        rows = src.execute("SELECT task_id, params FROM practice_tasks").fetchall()
    finally:
        src.close()
    db.conn.execute("BEGIN IMMEDIATE")
    db.conn.executemany("INSERT OR IGNORE INTO practice_tasks VALUES (?, ?)", rows)
    db.conn.execute("COMMIT")


# ---------------------------------------------------------------- backups and reset

def backup_copy(db: PracticeDB, reason: str = "backup") -> Path:
    """Copy the database to ``<home>/practice/backups/<name>-<reason>-<time>.sqlite``; return the path."""
    dest = _backup_path(db.path, reason)
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
    got there.  The reset is one transaction: stopped half-way (even killed),
    it leaves the database as it was.  Returns the path of the backup.

    >>> from workbench.practice.sample import tiny_dataset
    >>> db = sandbox(tiny_dataset())
    >>> reset(db)
    Traceback (most recent call last):
    ...
    workbench.errors.InputError: practice.reset(db): a reset removes everything you did in the practice CRM. Fix: to go ahead, call practice.reset(db, confirm=True); a backup is kept.
    >>> reset(db, confirm=True).parent.name
    'backups'
    """
    if not isinstance(db, PracticeDB):
        raise InputError(_('expected the practice CRM, got {name__}').format(name__=type(db).__name__), where="practice.reset(db)",
                         fix=_("pass the database from practice.open(), e.g. practice.reset(db, confirm=True)"))
    if confirm is not True:
        raise InputError(_("a reset removes everything you did in the practice CRM"), where="practice.reset(db)",
                         fix=_("to go ahead, call practice.reset(db, confirm=True); a backup is kept"))
    start = start_copy(db.path)
    if not _start_usable(start):
        raise DataError(_('the starting copy of this practice CRM is {value}').format(value='damaged' if start.exists() else 'missing'),
                        file=start, fix=_('run `workbench practice reset --trainee {stem}` in a terminal: it starts afresh from your '
                                           'data, keeping the old database as a backup').format(stem=db.path.stem))
    migrations.prepare_start(start)  # a copy made by an older workbench comes back in today's format
    backup = backup_copy(db, reason="before-reset")
    db._cache.clear()
    drop_audit_triggers(db.conn)  # the reset itself is not a trainee's change
    cache = db.conn.execute("PRAGMA cache_size").fetchone()[0]
    db.conn.execute("PRAGMA foreign_keys = OFF")  # the starting copy is whole: no need to check every row again
    db.conn.execute("PRAGMA cache_size = -65536")  # the whole transaction in memory, not spilled page by page
    try:
        _restore_start(db.conn, start, db.trainee)
    finally:
        db.conn.execute(f"PRAGMA cache_size = {int(cache)}")
        db.conn.execute("PRAGMA foreign_keys = ON")
        install_audit_triggers(db.conn)
    return backup


#: What a reset brings back from the starting copy (the audit log stays, marked).
_RESET_TABLES = [t.name for t in TABLES] + ["practice_meta", "practice_tasks", "duplicate_candidates",
                                             "merged_contacts"]


def _restore_start(conn: sqlite3.Connection, start: Path, trainee: str) -> None:
    """Copy the starting state of ``start`` into ``conn``'s database in one transaction; mark the audit rows."""
    conn.execute("ATTACH DATABASE ? AS start", (str(start),))
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            for name in _RESET_TABLES:
                _copy_table(conn, name)
            now = utc_now()
            conn.execute("UPDATE main.audit_log SET reset_at = ? WHERE reset_at IS NULL", (now,))
            conn.executemany("INSERT OR REPLACE INTO main.practice_meta VALUES (?, ?)",
                             [("trainee", trainee), ("reset_at", now)])
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        conn.execute("DETACH DATABASE start")


def _copy_table(conn: sqlite3.Connection, name: str, source: str = "start") -> None:
    """Replace the rows of table ``name`` by those of the attached database ``source``, column by column name."""
    have = {r[1] for r in conn.execute(f"PRAGMA {source}.table_info({quote(name)})")}
    columns = ", ".join(quote(r[1]) for r in conn.execute(f"PRAGMA main.table_info({quote(name)})") if r[1] in have)
    conn.execute(f"DELETE FROM main.{quote(name)}")
    conn.execute(f"INSERT INTO main.{quote(name)} ({columns}) SELECT {columns} FROM {source}.{quote(name)}")


@dataclass(frozen=True)
class ResetDone:
    """What :func:`reset_file` did: where the database as it was is kept, and anything beyond a plain reset."""

    kept_at: Path
    notes: tuple[str, ...] = ()


def reset_file(trainee: str | None = None, *, path: str | Path | None = None, confirm: bool = False) -> ResetDone:
    """Reset the practice CRM of ``trainee`` (or the file at ``path``), even one too damaged to open.

    A sound database is reset as :func:`reset` does.  A damaged one (SQLite
    cannot read it) is rebuilt beside it from its starting copy, with the
    audit log recovered from the latest readable backup; the damaged file is
    kept in the backups folder and the new one takes its place in one move.
    A starting copy that is lost or damaged is made again from the learner's
    data.  ``notes`` says what was found and done.

    >>> import tempfile
    >>> from workbench.practice.sample import tiny_dataset
    >>> path = Path(tempfile.mkdtemp()) / "amina.sqlite"
    >>> open(trainee="amina", data=tiny_dataset(), path=path).close()
    >>> _ = path.write_bytes(b"this is not a database" * 100)
    >>> done = reset_file(path=path, confirm=True)
    >>> done.kept_at.name.startswith("amina-damaged-"), done.notes[0]
    (True, 'the practice CRM amina.sqlite is damaged (file is not a database)')
    >>> open(trainee="amina", path=path).row("contacts", "C002")["last_name"]
    'Dupont'
    """
    path = existing_path(trainee, path=path)
    if confirm is not True:
        raise InputError(_("a reset removes everything done in the practice CRM"), where="reset_file()",
                         fix=_("to go ahead, call reset_file(..., confirm=True); a backup is kept"))
    damage = damage_of(path)
    if damage:
        return _rebuild_damaged(path, trainee, damage)
    start = start_copy(path)
    notes = () if _start_usable(start) else (_fresh_start(start, trainee or path.stem),)
    with _open_file(path, trainee) as db:
        return ResetDone(reset(db, confirm=True), notes)


def _fresh_start(start: Path, trainee: str) -> str:
    """Make the starting copy at ``start`` again from the learner's data; say so."""
    what = "damaged" if start.exists() else "missing"
    dataset = as_dataset(None)
    tmp = start.with_name(start.name + ".new")
    start.parent.mkdir(parents=True, exist_ok=True)
    write_fresh(tmp, dataset, trainee)
    os.replace(tmp, start)
    return f"its starting copy was {what}: a new one was made from the data of {dataset.name}"


def _rebuild_damaged(path: Path, trainee: str | None, damage: str) -> ResetDone:
    notes = [f"the practice CRM {path.name} is damaged ({damage})"]
    tmp = path.with_name(path.name + ".reset")
    start = start_copy(path)
    trainee = trainee or path.stem
    if not _start_usable(start):
        notes.append(_fresh_start(start, trainee))
    migrations.prepare_start(start)
    copy_database(start, tmp)
    notes.append(_("it was rebuilt from its starting copy"))
    found = next((b for b in reversed(_backups_of(path)) if _readable(b)), None)
    conn = connect(tmp)
    try:
        now = utc_now()
        conn.execute("BEGIN IMMEDIATE")
        if found is not None:
            conn.execute("ATTACH DATABASE ? AS saved", (str(found),))
            _copy_table(conn, "audit_log", source="saved")
            conn.execute("UPDATE main.audit_log SET reset_at = ? WHERE reset_at IS NULL", (now,))
            notes.append(_("its audit log was recovered from the backup {backup} (changes made after that backup are "
                           "only in the damaged file)").format(backup=found.name))
        else:
            notes.append(_("no readable backup was found: its audit log starts again empty"))
        conn.executemany("INSERT OR REPLACE INTO main.practice_meta VALUES (?, ?)",
                         [("trainee", trainee), ("reset_at", now)])
        conn.execute("COMMIT")
        if found is not None:
            conn.execute("DETACH DATABASE saved")
        use_journal(conn, path)
    finally:
        conn.close()
    kept = _backup_path(path, "damaged")
    for suffix in ("", "-wal", "-shm"):  # the damaged file and its journal, kept together
        part = path.with_name(path.name + suffix)
        if part.exists():
            shutil.copyfile(part, kept.with_name(kept.name + suffix))
    for suffix in ("-wal", "-shm"):  # a stale journal must never meet the new file
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    os.replace(tmp, path)
    notes.append(_("the damaged file is kept at {path}").format(path=kept))
    return ResetDone(kept, tuple(notes))


def _start_usable(start: Path) -> bool:
    """Whether the starting copy at ``start`` is there and whole (an older format is upgraded when used)."""
    return start.is_file() and damage_of(start) is None


def _readable(path: Path) -> bool:
    """Whether ``path`` is a whole practice database (exists, reads, has its tables)."""
    if not path.is_file():
        return False
    if damage_of(path) is not None:
        return False
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return migrations.pending_upgrade(conn, path) is None
    except (sqlite3.DatabaseError, DataError):
        return False
    finally:
        conn.close()


def _backup_path(path: Path, reason: str) -> Path:
    """``<folder>/backups/<name>-<reason>-<time>.sqlite`` for the database at ``path`` (the folder is made)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    folder = path.parent / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{path.stem}-{reason}-{stamp}.sqlite"


def _backups_of(path: Path) -> list[Path]:
    folder = path.parent / "backups"
    return sorted(folder.glob(f"{path.stem}-*.sqlite")) if folder.exists() else []


def backups(db: PracticeDB) -> list[Path]:
    """The backups kept for this practice CRM, oldest first."""
    return _backups_of(db.path)

