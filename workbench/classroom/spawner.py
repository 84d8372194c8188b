"""The spawner of a class: JupyterHub's LocalProcessSpawner, becoming the trainee through ``setpriv``.

JupyterHub's own spawner switches user in Python between fork and exec; this one runs
each trainee's server through the same ``setpriv`` prefix the grading sandbox uses
(:func:`workbench.accounts.as_account`): the trainee's uid and gid, no supplementary
groups, no capabilities and no new privileges, in their home.  It starts servers only
for accounts the workbench created.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from jupyterhub.spawner import LocalProcessSpawner

from ..accounts import AccountError, as_account, find_account, is_ours


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
        self.cmd = [*as_account(account), *server_command()]
        return await super().start()
