"""The spawner of a class: JupyterHub's LocalProcessSpawner, the trainee's server in a bubblewrap of its own.

JupyterHub's own spawner switches user in Python between fork and exec; this one runs
each trainee's server

- in a PID namespace of its own (bubblewrap, as the grading sandbox): when the hub or the
  idle culler stops the server, its kernels and everything they started end with it;
- with the home of the account running the hub (root's, holding its workbench home)
  hidden under an empty folder, Python and the package left visible, read-only, when they
  are installed there (a virtualenv made from a Python in ``/root``);
- through the ``setpriv`` prefix of :func:`workbench.accounts.as_account`: the trainee's uid
  and gid, no supplementary groups, no capabilities and no new privileges, in their home.

It starts servers only for accounts the workbench created.

>>> server_wrapper(Path("/nonexistent"))[:5]
['bwrap', '--die-with-parent', '--unshare-pid', '--dev-bind', '/']
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from jupyterhub.spawner import LocalProcessSpawner

from ..accounts import AccountError, as_account, find_account, is_ours
from ..sessions.sandbox import show_needed


def server_wrapper(hidden: Path) -> list[str]:
    """The bubblewrap prefix of a trainee's server: own PID namespace, ``hidden`` emptied, Python visible."""
    options, _ = show_needed([hidden]) if hidden.is_dir() else ([], [])
    hide = ["--tmpfs", str(hidden)] if hidden.is_dir() else []
    return ["bwrap", "--die-with-parent", "--unshare-pid", "--dev-bind", "/", "/", "--proc", "/proc", *hide,
            *options, "--"]


def server_command() -> list[str]:
    """The single-user server of this project's virtualenv (JupyterLab, with the workbench)."""
    return [str(Path(sys.executable).with_name("jupyterhub-singleuser"))]


class TraineeSpawner(LocalProcessSpawner):
    """Start a trainee's ``jupyter lab`` as their own account, through ``setpriv``."""

    def make_preexec_fn(self, name):
        home = find_account(name).home
        return lambda: os.chdir(home)

    async def start(self):
        account = find_account(self.user.name)
        if account is None or not is_ours(account.name):
            raise AccountError(f"{self.user.name} has no trainee account on this machine", where="classroom",
                               fix="restart the class with this login in the roster")
        self.cmd = [*server_wrapper(Path.home()), *as_account(account), *server_command()]
        return await super().start()
