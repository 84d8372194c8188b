"""The practice CRM refuses write-ahead logging on a network file system, and says so once (faked mount tables)."""

from __future__ import annotations

import sqlite3
import warnings

import pytest

from workbench.practice import journal, lifecycle
from workbench.practice.sample import tiny_dataset


@pytest.fixture
def mounted(tmp_path, monkeypatch):
    """Fake the mount table: ``tmp_path/nfs`` is an NFS share, ``tmp_path/local`` a local disk."""
    for name in ("nfs", "local"):
        (tmp_path / name).mkdir()
    table = tmp_path / "mounts"
    table.write_text(f"/dev/sda1 / ext4 rw,relatime 0 0\n"
                     f"server:/export/homes {tmp_path.resolve() / 'nfs'} nfs4 rw,vers=4.2 0 0\n"
                     f"tmpfs {tmp_path.resolve() / 'local'} tmpfs rw 0 0\n")
    monkeypatch.setattr(journal, "MOUNTS", table)
    monkeypatch.setattr(journal, "_told", set())
    return tmp_path


def mode_of(path) -> str:
    return sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0]


def test_on_nfs_the_practice_crm_uses_a_rollback_journal_and_says_why_once(mounted):
    path = mounted / "nfs" / "home" / "amina.sqlite"
    path.parent.mkdir()
    with pytest.warns(journal.NetworkFileSystemNotice, match=r"network file system \(nfs4\).*rollback journal"):
        db = lifecycle.open(trainee="amina", data=tiny_dataset(), path=path)
    db.close()
    assert mode_of(path) == "delete"
    with warnings.catch_warnings():
        warnings.simplefilter("error", journal.NetworkFileSystemNotice)  # said once, not at every opening
        lifecycle.open(trainee="amina", path=path).close()
    assert not path.with_name(path.name + "-wal").exists()


def test_on_a_local_disk_the_practice_crm_keeps_write_ahead_logging(mounted):
    path = mounted / "local" / "amina.sqlite"
    with warnings.catch_warnings():
        warnings.simplefilter("error", journal.NetworkFileSystemNotice)
        lifecycle.open(trainee="amina", data=tiny_dataset(), path=path).close()
    assert mode_of(path) == "wal"


def test_a_database_made_on_a_local_disk_leaves_wal_when_opened_from_a_share(mounted):
    local = mounted / "local" / "amina.sqlite"
    lifecycle.open(trainee="amina", data=tiny_dataset(), path=local).close()
    shared = mounted / "nfs" / "amina.sqlite"
    shared.write_bytes(local.read_bytes())
    with pytest.warns(journal.NetworkFileSystemNotice):
        lifecycle.open(trainee="amina", path=shared).close()
    assert mode_of(shared) == "delete"


@pytest.mark.parametrize(("kind", "mode"), [("cifs", "DELETE"), ("fuse.sshfs", "DELETE"), ("smb3", "DELETE"),
                                            ("ext4", "WAL"), ("overlay", "WAL"), ("fuse.portal", "WAL")])
def test_each_file_system_gets_its_journal(kind, mode):
    assert journal.journal_mode(journal.Path("/mnt/x/y"), f"/dev/sda1 / ext4 rw 0 0\nsrc /mnt/x {kind} rw 0 0\n") == mode


def test_the_deepest_mount_wins_and_escaped_spaces_are_read(tmp_path):
    table = ("/dev/sda1 / ext4 rw 0 0\nserver:/h /home nfs rw 0 0\n"
             "/dev/sdb1 /home/local\\040disk xfs rw 0 0\n")
    assert journal.file_system(journal.Path("/home/local disk/amina"), table) == "xfs"
    assert journal.file_system(journal.Path("/home/amina"), table) == "nfs"


def test_without_a_mount_table_the_database_keeps_write_ahead_logging(tmp_path, monkeypatch):
    monkeypatch.setattr(journal, "MOUNTS", tmp_path / "no-such-file")
    assert journal.file_system(tmp_path) is None
    assert journal.journal_mode(tmp_path) == "WAL"
