"""The practice CRM database: creation from a validated folder, constraints, WAL and concurrency,
schema version and upgrades, reset with a backup, and the audit log."""

from __future__ import annotations

import json
import multiprocessing
import sqlite3

import pandas as pd
import pytest

from workbench import practice
from workbench.errors import DataError, InputError
from workbench.exercises import check
from workbench.practice import database, lifecycle, migrations, records, schema


def test_open_creates_the_trainee_file_from_a_folder(home, company_export):
    folder = company_export
    handle = practice.open(trainee="Nusrat Jahan", data=folder)
    assert handle.path == home / "practice" / "Nusrat-Jahan.sqlite"
    assert handle.path.exists()
    counts = handle.query("SELECT (SELECT count(*) FROM contacts) c, (SELECT count(*) FROM activities) a").iloc[0]
    assert (counts["c"], counts["a"]) == (4, 3)
    assert handle.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert handle.schema_version == database.SCHEMA_VERSION
    assert handle.meta["trainee"] == "Nusrat Jahan" and handle.meta["as_of"] == "2026-06-30"
    assert handle.user_id == "U01"
    typed = handle.table("opportunities")
    assert typed["close_date"].dtype.kind == "M" and str(typed["is_closed"].dtype) == "boolean"


def test_the_trainee_defaults_to_the_learner_and_reopening_keeps_work(home, company):
    first = practice.open(data=company)
    assert first.trainee == "tester"
    records.update(first, "contacts", "C002", {"title": "Directrice"})
    first.close()
    again = practice.open()  # no data needed once it exists
    assert again.row("contacts", "C002")["title"] == "Directrice"


def test_a_bad_company_folder_is_refused_before_anything_is_written(home, company_export):
    folder = company_export
    contacts = pd.read_csv(folder / "contacts.csv").drop(columns=["last_name"])
    contacts.to_csv(folder / "contacts.csv", index=False)
    with pytest.raises(DataError, match="last_name"):
        practice.open(trainee="x", data=folder)
    assert not (home / "practice" / "x.sqlite").exists()


def test_open_refuses_a_blank_trainee_and_odd_data(home):
    with pytest.raises(InputError, match="blank"):
        practice.open(trainee="  ")
    with pytest.raises(InputError, match="cannot build"):
        practice.open(trainee="y", data=42)


def test_schema_constraints_are_enforced_by_the_database(db):
    conn = db.conn
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        conn.execute("UPDATE contacts SET lifecycle_stage = 'friend' WHERE contact_id = 'C001'")
    with pytest.raises(sqlite3.IntegrityError, match="NOT NULL"):
        conn.execute("UPDATE contacts SET last_name = NULL WHERE contact_id = 'C001'")
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        conn.execute("UPDATE contacts SET created_at = '12/01/2025' WHERE contact_id = 'C001'")
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE|PRIMARY"):
        conn.execute("INSERT INTO stages VALUES ('Proposal', 9, 10, 0, 0)")
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        with db.transaction("orphan"):
            conn.execute("UPDATE contacts SET account_id = 'A999' WHERE contact_id = 'C001'")
    assert db.row("contacts", "C001")["account_id"] == "A001"


def test_table_sql_is_generated_from_the_schema():
    sql = schema.table_sql(schema.SCHEMA["opportunities"])
    assert '"opportunity_id" TEXT PRIMARY KEY NOT NULL' in sql
    assert 'REFERENCES "stages"("stage")' in sql
    assert '"is_won" INTEGER NOT NULL CHECK ("is_won" IN (0, 1))' in sql


def test_a_failed_transaction_leaves_nothing_behind(db):
    with pytest.raises(RuntimeError):
        with db.transaction("half done"):
            db.conn.execute("UPDATE contacts SET title = 'X' WHERE contact_id = 'C001'")
            raise RuntimeError("boom")
    assert db.row("contacts", "C001")["title"] == "Buyer"
    assert db.query("SELECT count(*) n FROM audit_log")["n"].iloc[0] == 0


def test_two_connections_interleaving_writes_lose_nothing(db):
    other = practice.open(trainee="tester")
    for i in range(5):
        practice.activities.log(db, "note", f"from the first notebook {i}", contact_id="C001")
        practice.activities.log(other, "note", f"from the second notebook {i}", contact_id="C002")
    notes = db.query("SELECT activity_id, subject FROM activities WHERE type = 'note'")
    assert len(notes) == 10 and notes["activity_id"].is_unique
    assert len(other.query("SELECT * FROM activities WHERE type = 'note'")) == 10
    other.close()


def _write_notes(path, trainee, tag, count):
    handle = practice.open(trainee=trainee, path=path)
    for i in range(count):
        practice.activities.log(handle, "note", f"{tag} {i}", contact_id="C001")
    handle.close()


def test_two_processes_writing_at_once_lose_nothing(db):
    db.close()
    ctx = multiprocessing.get_context("fork")
    workers = [ctx.Process(target=_write_notes, args=(db.path, "tester", tag, 25)) for tag in ("left", "right")]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
        assert w.exitcode == 0
    handle = practice.open(trainee="tester")
    notes = handle.query("SELECT activity_id, subject FROM activities WHERE type = 'note'")
    assert len(notes) == 50 and notes["activity_id"].is_unique
    assert handle.query("SELECT count(*) n FROM audit_log WHERE op = 'insert'")["n"].iloc[0] == 50


def test_an_older_database_missing_a_column_is_upgraded_with_a_backup(db):
    db.close()
    raw = sqlite3.connect(db.path)
    raw.execute("ALTER TABLE opportunities DROP COLUMN next_step")
    raw.close()
    handle = practice.open(trainee="tester")
    assert "next_step" in handle.query("SELECT * FROM opportunities").columns
    assert handle.notes and "opportunities.next_step" in handle.notes[0]
    saved = practice.backups(handle)
    assert len(saved) == 1 and "before-upgrade" in saved[0].name
    old = sqlite3.connect(saved[0])
    assert "next_step" not in [r[1] for r in old.execute("PRAGMA table_info(opportunities)")]


def _as_format_1(path):
    """Turn a database file back into format 1: no duplicate list, no reset mark in the audit log."""
    raw = sqlite3.connect(path)
    raw.execute("DROP TABLE duplicate_candidates")
    raw.execute("ALTER TABLE audit_log DROP COLUMN reset_at")
    raw.execute("PRAGMA user_version = 1")
    raw.commit()
    raw.close()


def test_a_format_1_database_gets_its_duplicate_list_on_upgrade(db):
    db.close()
    _as_format_1(db.path)
    handle = practice.open(trainee="tester")
    assert handle.schema_version == database.SCHEMA_VERSION == 3
    assert handle.meta["upgraded_from"] == "1"
    assert practice.merge.find_duplicates(handle)[["keep", "remove"]].values.tolist() == [["C001", "C003"]]
    assert "reset_at" in handle.query("SELECT * FROM audit_log").columns
    assert "from format 1 to 3" in handle.notes[0] and len(practice.backups(handle)) == 1


def test_a_reset_after_an_upgrade_restores_the_current_format(db):
    db.close()
    _as_format_1(db.path)
    _as_format_1(lifecycle.start_copy(db.path))  # made by the same old workbench
    handle = practice.open(trainee="tester")
    practice.reset(handle, confirm=True)
    assert handle.schema_version == database.SCHEMA_VERSION
    assert practice.merge.find_duplicates(handle)[["keep", "remove"]].values.tolist() == [["C001", "C003"]]
    records.update(handle, "contacts", "C002", {"title": "CFO"})  # and it audits
    assert practice.audit.history(handle, since_reset=True)["record_key"].tolist() == ["C002"]
    practice.reset(handle, confirm=True)  # the starting copy itself was upgraded: a second reset is plain
    assert handle.schema_version == database.SCHEMA_VERSION


def test_an_older_format_is_migrated_step_by_step(db, monkeypatch):
    db.close()

    def add_column(conn):
        conn.execute("ALTER TABLE practice_tasks ADD COLUMN done_at TEXT")

    monkeypatch.setattr(schema, "SCHEMA_VERSION", 4)
    monkeypatch.setattr(migrations, "MIGRATIONS", {**migrations.MIGRATIONS, 3: add_column})
    handle = practice.open(trainee="tester")
    assert handle.schema_version == 4
    assert "done_at" in handle.query("SELECT * FROM practice_tasks").columns
    assert handle.meta["upgraded_from"] == "3"


def test_a_task_added_to_the_workbench_later_gets_its_subject_from_the_starting_copy(db):
    db.conn.execute("DELETE FROM practice_tasks WHERE task_id = 'record-consent-revocation'")
    raw = sqlite3.connect(lifecycle.start_copy(db.path))
    raw.execute("DELETE FROM practice_tasks WHERE task_id = 'record-consent-revocation'")
    raw.commit()
    raw.close()
    records.update(db, "contacts", "C004", {"email": None, "preferred_channel": "phone"})  # not a subject now
    db.close()
    handle = practice.open(trainee="tester")
    assert practice.tasks.params(handle, "record-consent-revocation")["contact_id"] == "C004"
    practice.reset(handle, confirm=True)
    assert practice.tasks.params(handle, "record-consent-revocation")["contact_id"] == "C004"


def test_an_old_format_without_a_migration_is_refused_clearly(db, monkeypatch):
    db.close()
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 4)
    with pytest.raises(DataError, match="old format.*Fix: reset"):
        practice.open(trainee="tester")


def test_a_newer_format_and_a_foreign_file_are_refused(db, home):
    db.conn.execute("PRAGMA user_version = 99")
    db.close()
    with pytest.raises(DataError, match="newer workbench"):
        practice.open(trainee="tester")
    other = home / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)")
    with pytest.raises(DataError, match="not a practice CRM"):
        practice.open(trainee="tester", path=other)


def test_reset_needs_confirmation_and_keeps_a_backup(db):
    key = records.create(db, "contacts", {"first_name": "Ali", "last_name": "Rezaei"})
    with pytest.raises(InputError, match="confirm=True"):
        practice.reset(db)
    assert db.row("contacts", key) is not None
    backup = practice.reset(db, confirm=True)
    assert db.row("contacts", key) is None
    saved = sqlite3.connect(backup)
    assert saved.execute("SELECT count(*) FROM contacts WHERE contact_id = ?", (key,)).fetchone()[0] == 1
    # the database still works and audits after a reset
    records.update(db, "contacts", "C002", {"title": "CFO"})
    assert len(practice.audit.history(db, since_reset=True)) == 1


def test_the_audit_log_outlives_a_reset_marked_with_it(db):
    key = records.create(db, "contacts", {"first_name": "Ali", "last_name": "Rezaei"})
    practice.reset(db, confirm=True)
    first_reset = db.meta["reset_at"]
    records.update(db, "contacts", "C002", {"title": "CFO"})
    practice.reset(db, confirm=True)
    practice.activities.log(db, "note", "Third try", contact_id="C001")
    h = practice.audit.history(db)
    assert h[["action", "record_key"]].values.tolist() == [
        ["create contact", key], ["edit contact", "C002"], ["log note", "ACT0004"]]
    assert h["reset_at"].tolist()[:2] == [pd.Timestamp(first_reset), pd.Timestamp(db.meta["reset_at"])]
    assert pd.isna(h["reset_at"].iloc[2])
    assert h["audit_id"].is_unique and h["audit_id"].is_monotonic_increasing
    assert practice.audit.history(db, since_reset=True)["action"].tolist() == ["log note"]
    # what the checks read is only what was done since the reset
    assert practice.tasks.added(db, "contacts").empty
    assert practice.tasks.added(db, "activities")["activity_id"].tolist() == ["ACT0004"]


def test_another_notebook_sees_the_reset(db):
    other = practice.open(trainee="tester")
    records.update(db, "contacts", "C002", {"title": "CFO"})
    practice.reset(db, confirm=True)
    assert other.row("contacts", "C002")["title"] == "CEO"
    other.close()


def test_every_write_is_audited_with_who_when_what_before_after(db):
    records.update(db, "contacts", "C002", {"title": "CFO"})
    practice.activities.log(db, "call", "Quick call", contact_id="C002")
    h = practice.audit.history(db)
    assert h[["who", "action", "op", "table_name"]].values.tolist() == [
        ["tester", "edit contact", "update", "contacts"], ["tester", "log call", "insert", "activities"]]
    assert h["changes"].iloc[0] == {"title": ("CEO", "CFO")}
    assert h["after"].iloc[1]["subject"] == "Quick call" and h["before"].iloc[1] is None
    assert h["at"].notna().all()
    raw = db.query("SELECT before, after FROM audit_log").iloc[0]
    assert json.loads(raw["before"])["title"] == "CEO"
    assert practice.audit.summary(db)["changes"].sum() == 2


def test_sandbox_databases_are_independent(company):
    a, b = practice.sandbox(company), practice.sandbox(company)
    records.update(a, "contacts", "C002", {"title": "CFO"})
    assert b.row("contacts", "C002")["title"] == "CEO"
    assert a.path != b.path


def test_open_existing_never_creates_a_database_and_lists_the_trainees(db, home):
    with pytest.raises(InputError, match="'nobdy' has no practice CRM yet.*trainees with a practice CRM: tester"):
        practice.open_existing("nobdy")
    assert not (home / "practice" / "nobdy.sqlite").exists()
    assert practice.trainees() == ["tester"]
    again = practice.open_existing("tester")
    records.update(again, "contacts", "C002", {"title": "CFO"})
    assert db.row("contacts", "C002")["title"] == "CFO"
    again.close()


def test_open_existing_by_path_takes_the_trainee_from_the_file(db, tmp_path):
    db.close()
    handed_in = tmp_path / "handed-in" / "tester.sqlite"
    handed_in.parent.mkdir()
    lifecycle.copy_database(db.path, handed_in)
    other = practice.open_existing(path=handed_in)
    assert other.trainee == "tester" and other.path == handed_in
    with pytest.raises(DataError, match="no practice CRM in this file.*practice CRMs in that folder: tester"):
        practice.open_existing(path=handed_in.with_name("testr.sqlite"))


def test_open_existing_in_an_empty_home_says_how_databases_come_about(home):
    assert practice.trainees() == []
    with pytest.raises(InputError, match="nobody has a practice CRM here yet"):
        practice.open_existing("amina")


def test_a_handed_in_database_opens_read_only_and_stays_untouched(db, tmp_path):
    practice.activities.log(db, "call", "Asked for a quote", contact_id="C002", direction="inbound")
    db.close()
    handed_in = tmp_path / "tester.sqlite"
    lifecycle.copy_database(db.path, handed_in)
    before = handed_in.read_bytes()
    graded = practice.open_existing(path=handed_in, read_only=True)
    assert graded.trainee == "tester"
    assert check("crm.practice.log-call-and-follow-up", graded, record=False).points == 1
    with pytest.raises(sqlite3.OperationalError, match="readonly|read-only|query_only"):
        records.update(graded, "contacts", "C002", {"title": "CFO"})
    graded.close()
    assert handed_in.read_bytes() == before


def test_an_older_handed_in_database_is_upgraded_in_memory_only(db, tmp_path):
    db.close()
    handed_in = tmp_path / "old.sqlite"
    lifecycle.copy_database(db.path, handed_in)
    _as_format_1(handed_in)
    before = handed_in.read_bytes()
    graded = practice.open_existing(path=handed_in, read_only=True)
    assert graded.schema_version == database.SCHEMA_VERSION
    assert not check("crm.practice.merge-duplicates", graded, record=False).passed
    graded.close()
    assert handed_in.read_bytes() == before and not practice.backups(graded)


def test_a_file_that_is_not_a_database_is_refused_read_only(tmp_path):
    junk = tmp_path / "notes.sqlite"
    junk.write_text("hello")
    with pytest.raises(DataError, match="cannot be read as a practice CRM"):
        practice.open_existing(path=junk, read_only=True)


# ---------------------------------------------------------------- damaged files, atomic reset, the command

def _damage(path):
    """Overwrite the file's header and first pages, as a disk fault or a half-copied file does."""
    with open(path, "r+b") as f:
        f.write(b"\x00garbage\x00" * 800)


def test_a_damaged_database_is_refused_clearly_on_opening(db):
    db.close()
    _damage(db.path)
    with pytest.raises(DataError, match=r"tester.sqlite: this practice CRM is damaged.*Fix: reset it: run "
                                        r"`workbench practice reset --trainee tester`"):
        practice.open(trainee="tester")
    with pytest.raises(DataError, match="damaged"):
        practice.open_existing("tester")


def test_resetting_a_damaged_database_rebuilds_it_and_recovers_the_audit_log(db):
    from workbench.practice.lifecycle import reset_file

    records.update(db, "contacts", "C002", {"title": "CFO"})
    database.backup_copy(db, reason="nightly")  # the latest backup holds the audit row above
    db.close()
    _damage(db.path)
    damaged = db.path.read_bytes()
    done = reset_file("tester", confirm=True)
    assert done.notes[0] == "the practice CRM tester.sqlite is damaged (file is not a database)"
    assert "rebuilt from its starting copy" in done.notes[1] and "recovered from the backup" in done.notes[2]
    assert done.kept_at.read_bytes() == damaged, "the damaged file is kept, nothing is lost"
    handle = practice.open(trainee="tester")
    assert handle.row("contacts", "C002")["title"] == "CEO"
    history = practice.audit.history(handle)
    assert history["record_key"].tolist() == ["C002"] and history["reset_at"].notna().all()
    records.update(handle, "contacts", "C002", {"title": "COO"})  # it works and audits again
    assert len(practice.audit.history(handle, since_reset=True)) == 1


def test_a_damaged_database_without_a_starting_copy_or_backup_starts_afresh_and_says_so(db, company, monkeypatch):
    from workbench.practice import lifecycle

    db.close()
    _damage(db.path)
    lifecycle.start_copy(db.path).unlink()
    monkeypatch.setattr(lifecycle, "as_dataset", lambda data: company)
    done = lifecycle.reset_file("tester", confirm=True)
    assert "starting copy was missing: a new one was made from the data of Tiny" in done.notes[1]
    assert "no readable backup" in done.notes[3]
    handle = practice.open(trainee="tester")
    assert handle.row("contacts", "C001")["first_name"] == "Nusrat" and practice.audit.history(handle).empty
    assert lifecycle.start_copy(db.path).exists()


def test_a_damaged_starting_copy_is_refused_by_reset_and_made_again_by_the_command(db, company, monkeypatch):
    from workbench.cli import main
    from workbench.practice import lifecycle

    records.update(db, "contacts", "C002", {"title": "CFO"})
    _damage(lifecycle.start_copy(db.path))
    with pytest.raises(DataError, match=r"starting copy of this practice CRM is damaged.*"
                                        r"Fix: run `workbench practice reset --trainee tester`"):
        practice.reset(db, confirm=True)
    assert db.row("contacts", "C002")["title"] == "CFO"
    db.close()
    monkeypatch.setattr(lifecycle, "as_dataset", lambda data: company)
    assert main(["practice", "reset", "--trainee", "tester", "--yes"]) == 0
    handle = practice.open(trainee="tester")
    assert handle.row("contacts", "C002")["title"] == "CEO"
    assert practice.audit.history(handle)["record_key"].tolist() == ["C002"], "the audit log is carried over"


def test_the_command_resets_a_damaged_database_and_says_what_it_did(db, capsys):
    from workbench.cli import main

    db.close()
    _damage(db.path)
    assert main(["practice", "reset", "--trainee", "tester", "--yes"]) == 0
    out = capsys.readouterr().out
    assert "note: the practice CRM tester.sqlite is damaged" in out and "the damaged file is kept at" in out
    assert practice.open(trainee="tester").row("contacts", "C002")["last_name"] == "Dupont"


def test_a_reset_that_fails_half_way_changes_nothing(db, monkeypatch):
    from workbench.practice import lifecycle

    key = records.create(db, "contacts", {"first_name": "Ali", "last_name": "Rezaei"})
    audit_before = db.query("SELECT * FROM audit_log")
    copied = []

    def copy_then_fail(conn, name):
        if copied:
            raise OSError("disk full")
        copied.append(name)
        original(conn, name)

    original = lifecycle._copy_table
    monkeypatch.setattr(lifecycle, "_copy_table", copy_then_fail)
    with pytest.raises(OSError, match="disk full"):
        practice.reset(db, confirm=True)
    assert db.row("contacts", key) is not None
    pd.testing.assert_frame_equal(db.query("SELECT * FROM audit_log"), audit_before)
    assert "reset_at" not in db.meta


_KILLED_MID_RESET = """
import os, signal
from workbench import practice
from workbench.practice import lifecycle

original = lifecycle._copy_table
def copy_then_die(conn, name):
    original(conn, name)
    if name == "contacts":  # the contacts are already the starting ones: die before the commit
        os.kill(os.getpid(), signal.SIGKILL)
lifecycle._copy_table = copy_then_die
practice.reset(practice.open(trainee="tester"), confirm=True)
"""


def test_a_reset_killed_half_way_leaves_the_database_and_its_audit_log_whole(db):
    import subprocess
    import sys

    key = records.create(db, "contacts", {"first_name": "Ali", "last_name": "Rezaei"})
    records.update(db, "contacts", "C002", {"title": "CFO"})
    audit_before = db.query("SELECT * FROM audit_log")
    db.close()
    done = subprocess.run([sys.executable, "-c", _KILLED_MID_RESET], capture_output=True, text=True, timeout=120)
    assert done.returncode == -9, done.stderr
    handle = practice.open(trainee="tester")
    assert handle.row("contacts", key) is not None and handle.row("contacts", "C002")["title"] == "CFO"
    pd.testing.assert_frame_equal(handle.query("SELECT * FROM audit_log"), audit_before)
    practice.reset(handle, confirm=True)  # and a reset run to the end works
    assert handle.row("contacts", key) is None and len(practice.audit.history(handle)) == 2


@pytest.mark.parametrize("stdin", ["devnull", "closed"])
def test_reset_with_no_input_to_answer_refuses_clearly(db, stdin):
    import subprocess
    import sys

    records.update(db, "contacts", "C002", {"title": "CFO"})
    db.close()
    command = [sys.executable, "-m", "workbench.cli", "practice", "reset", "--trainee", "tester"]
    if stdin == "devnull":
        done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)
    else:
        done = subprocess.run(" ".join(command) + " <&-", shell=True, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith("error: workbench practice reset: no answer to the confirmation question")
    assert "Fix: add --yes" in done.stderr
    assert practice.open(trainee="tester").row("contacts", "C002")["title"] == "CFO"
