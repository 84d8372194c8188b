"""Which SQLite journal a practice CRM uses: write-ahead logging on a local disk, a rollback journal on a network one.

Write-ahead logging (WAL) lets two notebooks read and write one database at once, but it
keeps its index in shared memory beside the file, which a network file system cannot share
between machines, and its locks are not reliable there: SQLite's own documentation says WAL
does not work over a network file system. Home folders on NFS are common on a JupyterHub,
so :func:`use_journal` looks up the file system of the database's folder in the mount table
(``/proc/mounts``) and uses a rollback journal (``journal_mode=DELETE``, with full syncs)
on NFS, CIFS/SMB, SSHFS and the like, telling the user once why.

>>> table = "server:/homes /home nfs4 rw,relatime 0 0\\n/dev/sda1 / ext4 rw 0 0\\n"
>>> file_system(Path("/home/amina/.workbench/practice"), table)
'nfs4'
>>> journal_mode(Path("/home/amina/.workbench/practice"), table), journal_mode(Path("/tmp"), table)
('DELETE', 'WAL')
"""

from __future__ import annotations

import re
import sqlite3
import warnings
from pathlib import Path

MOUNTS = Path("/proc/mounts")
#: File system types (as the mount table names them) whose files live on another machine.
NETWORK_FILE_SYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "ncpfs", "afs", "9p", "ceph", "glusterfs", "lustre",
    "gpfs", "beegfs", "davfs", "fuse.sshfs", "fuse.glusterfs", "fuse.cephfs", "fuse.s3fs", "fuse.rclone",
    "fuse.gcsfuse", "fuse.davfs2", "fuse.juicefs",
})
_told: set[Path] = set()


class NetworkFileSystemNotice(UserWarning):
    """The practice CRM runs with a rollback journal because its folder is on a network file system."""


def _unescaped(field: str) -> str:
    r"""A mount table field with its octal escapes (``\040`` for a space) decoded.

    >>> _unescaped(r"/media/my\040share")
    '/media/my share'
    """
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def file_system(folder: Path, mounts: str | None = None) -> str | None:
    """The type of the file system ``folder`` is on, from the mount table (``/proc/mounts`` unless given).

    The deepest mount point holding the folder wins; ``None`` when the table cannot be read
    (a system without ``/proc``).

    >>> file_system(Path("/srv/share/x"), "/dev/sda1 / ext4 rw 0 0\\n//nas/share /srv/share cifs rw 0 0\\n")
    'cifs'
    >>> file_system(Path("/srv/other"), "/dev/sda1 / ext4 rw 0 0\\n//nas/share /srv/share cifs rw 0 0\\n")
    'ext4'
    """
    if mounts is None:
        try:
            mounts = MOUNTS.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    folder = Path(folder).resolve()  # links followed as far as the folder exists (a home may not be made yet)
    found, depth = None, -1
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = Path(_unescaped(fields[1]))
        if (folder == point or point in folder.parents) and len(point.parts) >= depth:
            found, depth = fields[2], len(point.parts)
    return found


def journal_mode(folder: Path, mounts: str | None = None) -> str:
    """``"DELETE"`` (a rollback journal) when ``folder`` is on a network file system, else ``"WAL"``.

    >>> journal_mode(Path("/data"), "host:/data /data fuse.sshfs rw 0 0\\n")
    'DELETE'
    """
    return "DELETE" if file_system(folder, mounts) in NETWORK_FILE_SYSTEMS else "WAL"


def use_journal(conn: sqlite3.Connection, path: Path, mounts: str | None = None) -> str:
    """Put the database at ``path`` in the journal mode its folder allows; returns the mode SQLite reports.

    The first time a folder is found on a network file system, a :class:`NetworkFileSystemNotice`
    says so and why.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "crm.sqlite"
    >>> use_journal(sqlite3.connect(path), path, "/dev/sda1 / ext4 rw 0 0\\n")
    'wal'
    """
    folder = Path(path).parent
    kind = file_system(folder, mounts)
    wanted = "DELETE" if kind in NETWORK_FILE_SYSTEMS else "WAL"
    if wanted == "DELETE":
        conn.execute("PRAGMA synchronous = FULL")  # a rollback journal is only safe with full syncs
        if folder not in _told:
            _told.add(folder)
            warnings.warn(NetworkFileSystemNotice(
                f"The practice CRM in {folder} is on a network file system ({kind}), where SQLite's write-ahead "
                "log does not work: it uses a rollback journal instead. Nothing is lost; saving is a little "
                "slower, and two notebooks writing at the same moment wait for each other."), stacklevel=2)
    return conn.execute(f"PRAGMA journal_mode = {wanted}").fetchone()[0]


__all__ = ["NETWORK_FILE_SYSTEMS", "NetworkFileSystemNotice", "file_system", "journal_mode", "use_journal"]
