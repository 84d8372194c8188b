"""Unix accounts the workbench creates as root: the grader's sandbox accounts and a class's trainees.

:func:`ensure_account` finds an account or creates it with ``useradd``; :func:`as_account`
is the ``setpriv`` prefix that runs a command as it (no capabilities, no new privileges);
:func:`remove_account` deletes one the workbench created (its comment says so), never another.

>>> as_account(Account("amina", 1500, 1500, Path("/home/amina")))[:3]
['setpriv', '--reuid=1500', '--regid=1500']
"""

from __future__ import annotations

import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

from .errors import WorkbenchError

MARK = "created by workbench"  # the comment (GECOS field) of every account the workbench creates
_ACCOUNTS_LOCK = threading.Lock()


class AccountError(WorkbenchError):
    """An account could not be created or is not the workbench's to use (the message says why)."""


@dataclass(frozen=True)
class Account:
    """A Unix account: its name, uid, gid and home folder."""

    name: str
    uid: int
    gid: int
    home: Path


def find_account(name: str) -> Account | None:
    """The account ``name``, or ``None`` when this machine has none."""
    import pwd

    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        return None
    return Account(entry.pw_name, entry.pw_uid, entry.pw_gid, Path(entry.pw_dir))


def is_ours(name: str) -> bool:
    """True when the account ``name`` was created by the workbench."""
    import pwd

    return pwd.getpwnam(name).pw_gecos.startswith(MARK)


def ensure_account(name: str, *, login: bool = False, purpose: str = "") -> Account:
    """The account ``name``, created when missing.

    ``login=False``: a system account with no home and no shell (a grading sandbox).
    ``login=True``: a person's account with a home of their own, readable by them alone
    (mode 0700); an account of that name that the workbench did not create is refused,
    so a roster can never hand a class the login of someone already on this machine.
    """
    with _ACCOUNTS_LOCK:  # useradd refuses to run while another one holds /etc/passwd
        return _ensure(name, login, purpose)


def _ensure(name: str, login: bool, purpose: str) -> Account:
    found = find_account(name)
    if found is not None:
        if login and not is_ours(name):
            raise AccountError(f"the account {name!r} already exists on this machine and was not created by the "
                               "workbench", where="accounts",
                               fix="choose another login for this trainee (the workbench never takes over an "
                                   "existing account)")
        return found
    comment = f"{MARK}{' - ' + purpose if purpose else ''}"  # no ':' (the passwd file's separator)
    argv = (["useradd", "--create-home", "--shell", "/bin/bash", "--user-group", "--comment", comment, name]
            if login else ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
                           "--user-group", "--comment", comment, name])
    done = subprocess.run(argv, capture_output=True, text=True)
    if done.returncode != 0 and "already exists" not in done.stderr:
        raise AccountError(f"the account {name} could not be created ({done.stderr.strip()[-200:]})",
                           where="accounts", fix="run this as root, on a machine with useradd")
    account = find_account(name)
    if login:
        account.home.chmod(0o700)
    return account


def as_account(account: Account) -> list[str]:
    """The command prefix that runs what follows as ``account``, with its home and no privileges."""
    return ["setpriv", f"--reuid={account.uid}", f"--regid={account.gid}", "--clear-groups", "--no-new-privs",
            "--inh-caps=-all", "--bounding-set=-all", "--"]


def remove_account(name: str) -> bool:
    """Delete the account ``name`` and its home if the workbench created it; ``False`` if there was none."""
    if find_account(name) is None:
        return False
    if not is_ours(name):
        raise AccountError(f"the account {name!r} was not created by the workbench", where="accounts",
                           fix="remove it yourself with userdel if you mean to")
    subprocess.run(["pkill", "-KILL", "-u", name], capture_output=True)
    done = subprocess.run(["userdel", "--remove", name], capture_output=True, text=True)
    if done.returncode not in (0, 12):  # 12: the home could not be removed (already gone)
        raise AccountError(f"the account {name} could not be removed ({done.stderr.strip()[-200:]})",
                           where="accounts", fix="run this as root")
    return True
