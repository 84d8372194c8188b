"""The spawner of a class: JupyterHub's LocalProcessSpawner, the trainee's server in a bubblewrap of its own.

JupyterHub's own spawner switches user in Python between fork and exec; this one runs
each trainee's server

- in a PID namespace of its own (bubblewrap, as the grading sandbox): when the hub or the
  idle culler stops the server, its kernels and everything they started end with it;
- with the home of the account running the hub (root's, holding its workbench home)
  hidden under an empty folder, Python and the package left visible, read-only, when they
  are installed there (a virtualenv made from a Python in ``/root``);
- with Node.js hidden (JupyterLab would start it at each lab start to read the npm registry
  of a build no trainee makes);
- through the ``setpriv`` prefix of :func:`workbench.accounts.as_account`: the trainee's uid
  and gid, no supplementary groups, no capabilities and no new privileges, in their home;
- as :mod:`workbench.classroom.singleuser`: JupyterHub's single-user server without what
  a class does not use.

It starts servers only for accounts the workbench created.  A class logging in at once
starts its labs a few at a time (:attr:`TraineeSpawner.starts_at_once`, one per CPU core),
first come first served: on a small machine the first trainees get their lab in seconds
instead of the whole class sharing the cores and waiting for the last lab.  Each start
returns once the lab answers on its port (checked every tenth of a second), so the hub's
own wait, whose pauses grow to 5 s, finds it at its first try.

>>> server_wrapper(Path("/nonexistent"), hidden_files=[])[:5]
['bwrap', '--die-with-parent', '--unshare-pid', '--dev-bind', '/']
>>> server_wrapper(Path("/nonexistent"), hidden_files=[Path("/usr/bin/node")])[8:11]
['--ro-bind', '/dev/null', '/usr/bin/node']
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import time
from pathlib import Path

from jupyterhub.spawner import LocalProcessSpawner
from traitlets import Integer

from ..accounts import AccountError, as_account, find_account, is_ours
from ..errors import WorkbenchError
from ..sessions.sandbox import show_needed
from .singleuser import LAB_OPTIONS

PORT_CHECK_EVERY = 0.1  # seconds between two looks at a starting lab's port


def node_files() -> list[Path]:
    """The Node.js executables on this machine's ``PATH`` (real files, each once)."""
    found = {Path(path).resolve() for path in (shutil.which("node"), shutil.which("nodejs")) if path}
    return sorted(found)


def server_wrapper(hidden: Path, hidden_files: list[Path] | None = None) -> list[str]:
    """The bubblewrap prefix of a trainee's server: own PID namespace, ``hidden`` emptied, Python visible,
    each of ``hidden_files`` (default: :func:`node_files`) replaced by an empty, unrunnable one."""
    options, _ = show_needed([hidden]) if hidden.is_dir() else ([], [])
    hide = ["--tmpfs", str(hidden)] if hidden.is_dir() else []
    for path in node_files() if hidden_files is None else hidden_files:
        hide += ["--ro-bind", "/dev/null", str(path)]
    return ["bwrap", "--die-with-parent", "--unshare-pid", "--dev-bind", "/", "/", "--proc", "/proc", *hide,
            *options, "--"]


def server_command() -> list[str]:
    """The single-user server of this project's virtualenv (JupyterLab, with the workbench), lightened."""
    return [sys.executable, "-m", "workbench.classroom.singleuser", *LAB_OPTIONS]


async def wait_for_port(ip: str, port: int, alive, timeout: float) -> bool:
    """Until something listens on ``ip:port``: ``True``; ``False`` as soon as ``alive()`` is false or at ``timeout``.

    >>> from concurrent.futures import ThreadPoolExecutor  # a thread of its own: a loop may already run here
    >>> ThreadPoolExecutor().submit(asyncio.run, wait_for_port("127.0.0.1", 9, lambda: False, 5)).result()
    False
    """
    deadline = time.monotonic() + timeout
    while alive() and time.monotonic() < deadline:
        try:
            _, writer = await asyncio.open_connection(ip, port)
        except OSError:
            await asyncio.sleep(PORT_CHECK_EVERY)
            continue
        writer.close()
        return True
    return False


class TraineeSpawner(LocalProcessSpawner):
    """Start a trainee's ``jupyter lab`` as their own account, through ``setpriv``, a few at a time."""

    starts_at_once = Integer(os.cpu_count() or 1, config=True,
                             help="How many labs may be starting at the same moment (the others wait their turn)")
    _starting: asyncio.Semaphore | None = None  # shared by every trainee's spawner of this hub

    def make_preexec_fn(self, name):
        home = find_account(name).home
        return lambda: os.chdir(home)

    async def start(self):
        account = find_account(self.user.name)
        if account is None or not is_ours(account.name):
            raise AccountError(f"{self.user.name} has no trainee account on this machine", where="classroom",
                               fix="restart the class with this login in the roster")
        self.cmd = [*server_wrapper(Path.home()), *as_account(account), *server_command()]
        if TraineeSpawner._starting is None:
            TraineeSpawner._starting = asyncio.Semaphore(self.starts_at_once)
        async with TraineeSpawner._starting:
            ip, port = await super().start()
            if not await wait_for_port(ip, port, lambda: self.proc.poll() is None, timeout=self.http_timeout):
                status = self.proc.poll()
                what = f"stopped as it started (status {status})" if status is not None else (
                    f"did not answer within {self.http_timeout:.0f} s")
                raise WorkbenchError(f"the lab of {self.user.name} {what}", where="classroom",
                                     fix="read the hub log in the class folder")
        return ip, port
