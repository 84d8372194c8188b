"""The spawner of a class: each trainee's lab forked from the labs' fork server, in namespaces of its own.

JupyterHub's own LocalProcessSpawner starts a fresh ``jupyterhub-singleuser`` for each
user, switching user in Python between fork and exec.  This one asks the labs' fork server
(:mod:`~workbench.classroom.forkserver`), which has the lab's modules loaded already, and
which gives each lab

- a PID namespace of its own: when the hub or the idle culler stops the server, its
  kernels and everything they started end with it;
- the trainee's uid and gid, no supplementary groups, no capabilities and no new
  privileges, in their home, with the environment the hub gives it;
- :mod:`workbench.classroom.singleuser`: JupyterHub's single-user server without what a
  class does not use.

The fork server runs in a bubblewrap of its own (:func:`fork_server_wrapper`): the home of
the account running the hub (root's, holding its workbench home) hidden under an empty
folder, Python and the package left visible, read-only, when they are installed there (a
virtualenv made from a Python in ``/root``), and Node.js hidden (JupyterLab would start it
at each lab start to read the npm registry of a build no trainee makes).  It starts with
the first lab the hub asks for, and again if it ended.

It starts servers only for accounts the workbench created.  A class logging in at once
starts its labs a few at a time (:attr:`TraineeSpawner.starts_at_once`, one per CPU core),
first come first served: on a small machine the first trainees get their lab in seconds
instead of the whole class sharing the cores and waiting for the last lab.  Each start
returns once the lab answers on its port (checked every tenth of a second), so the hub's
own wait, whose pauses grow to 5 s, finds it at its first try.

>>> fork_server_wrapper(Path("/nonexistent"), hidden_files=[])[:4]
['bwrap', '--die-with-parent', '--dev-bind', '/']
>>> fork_server_wrapper(Path("/nonexistent"), hidden_files=[Path("/usr/bin/node")])[5:8]
['--ro-bind', '/dev/null', '/usr/bin/node']
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

from jupyterhub.spawner import LocalProcessSpawner
from traitlets import Integer

from ..accounts import AccountError, find_account, is_ours
from ..errors import WorkbenchError
from ..sessions.sandbox import show_needed
from .forkserver import LabOrder
from .singleuser import LAB_OPTIONS

PORT_CHECK_EVERY = 0.1  # seconds between two looks at a starting lab's port
FORK_SERVER_TIMEOUT = 120  # seconds the fork server may take to load, or to answer a request


def node_files() -> list[Path]:
    """The Node.js executables on this machine's ``PATH`` (real files, each once)."""
    found = {Path(path).resolve() for path in (shutil.which("node"), shutil.which("nodejs")) if path}
    return sorted(found)


def fork_server_wrapper(hidden: Path, hidden_files: list[Path] | None = None) -> list[str]:
    """The bubblewrap prefix of the fork server: ``hidden`` emptied, Python visible, each of ``hidden_files``
    (default: :func:`node_files`) replaced by an empty, unrunnable one."""
    options, _ = show_needed([hidden]) if hidden.is_dir() else ([], [])
    hide = ["--tmpfs", str(hidden)] if hidden.is_dir() else []
    for path in node_files() if hidden_files is None else hidden_files:
        hide += ["--ro-bind", "/dev/null", str(path)]
    return ["bwrap", "--die-with-parent", "--dev-bind", "/", "/", *hide, *options, "--"]


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


def lab_ports() -> range:
    """The ports labs listen on: the ten thousand below the kernel's range of ephemeral ports.

    Every "random free port" on the machine (each kernel's five, the proxy's, JupyterHub's
    own ``random_port``) is an ephemeral one, chosen free and bound a moment later: a lab's
    port taken from that range could be taken again, by a classmate's kernel, before the lab
    binds it (seen with 60 trainees logging in at once).

    >>> ports = lab_ports()
    >>> 1024 <= ports.start < ports.stop <= 65536
    True
    """
    try:
        low = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        low = 32768  # Linux's default
    return range(max(1024, low - 10000), low)


def is_free(port: int, ip: str = "127.0.0.1") -> bool:
    """Whether nothing listens on ``ip:port`` and it can be bound now."""
    with socket.socket() as probe:
        try:
            probe.bind((ip, port))
        except OSError:
            return False
    return True


def is_running(pid: int) -> bool:
    """Whether process ``pid`` exists (and is not yet collected).

    >>> is_running(os.getpid())
    True
    """
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


class ForkServer:
    """The hub's end of the labs' fork server (:mod:`~workbench.classroom.forkserver`): one request at a time."""

    def __init__(self, command: list[str], env: dict[str, str]):
        self.command, self.env = command, env
        self.process: subprocess.Popen | None = None
        self.ready = False  # whether the running fork server said it had loaded the lab's modules
        self.lock = asyncio.Lock()

    async def start_lab(self, order: LabOrder) -> int:
        """Start the lab ``order`` describes; the pid the hub signals to stop it."""
        async with self.lock:
            if self.process is None or self.process.poll() is not None:
                self.start()
            if not self.ready:
                await self._reply()  # {"ready": true} once the lab's modules are loaded
                self.ready = True
            self.process.stdin.write(order.to_json().encode() + b"\n")
            self.process.stdin.flush()
            reply = await self._reply()
        if "pid" not in reply:
            raise WorkbenchError(f"the fork server refused the lab: {reply.get('error', reply)}", where="classroom",
                                 fix="read the hub log in the class folder")
        return int(reply["pid"])

    def start(self) -> None:
        """Start the fork server.  It ends when the thread calling this ends (bubblewrap's --die-with-parent
        follows the thread): the hub calls it on its event loop's thread."""
        self.process = subprocess.Popen(self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=self.env)
        self.ready = False

    async def _reply(self) -> dict:
        try:
            line = await asyncio.wait_for(asyncio.get_running_loop().run_in_executor(
                None, self.process.stdout.readline), FORK_SERVER_TIMEOUT)
        except TimeoutError:
            self.stop()
            raise WorkbenchError(f"the fork server did not answer within {FORK_SERVER_TIMEOUT} s",
                                 where="classroom", fix="read the hub log in the class folder") from None
        if not line:
            status = self.process.wait()
            raise WorkbenchError(f"the fork server ended (status {status})", where="classroom",
                                 fix="read the hub log in the class folder for the reason")
        return json.loads(line)

    def stop(self) -> None:
        """End the fork server, and with it every lab it started."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


class TraineeSpawner(LocalProcessSpawner):
    """Start a trainee's lab as their own account, forked from the labs' fork server, a few at a time."""

    starts_at_once = Integer(os.cpu_count() or 1, config=True,
                             help="How many labs may be starting at the same moment (the others wait their turn)")
    _starting: asyncio.Semaphore | None = None  # shared by every trainee's spawner of this hub
    _fork_server: ForkServer | None = None  # likewise
    _ports_starting: set[int] = set()  # ports given to labs not yet listening

    def choose_port(self) -> int:
        """A free port of :func:`lab_ports` that no lab still starting was given."""
        ports = lab_ports()
        for port in random.sample(ports, len(ports)):
            if port not in self._ports_starting and is_free(port, self.ip or "127.0.0.1"):
                return port
        raise WorkbenchError(f"no free port for a lab between {ports.start} and {ports.stop - 1}", where="classroom",
                             fix="stop labs that are not used, or free ports in that range")

    def fork_server(self) -> ForkServer:
        """The fork server every trainee's lab of this hub comes from."""
        if TraineeSpawner._fork_server is None:
            env = {name: os.environ[name] for name in self.env_keep if name in os.environ}
            command = [*fork_server_wrapper(Path.home()), sys.executable, "-m", "workbench.classroom.forkserver"]
            TraineeSpawner._fork_server = ForkServer(command, env)
        return TraineeSpawner._fork_server

    async def start(self):
        account = find_account(self.user.name)
        if account is None or not is_ours(account.name):
            raise AccountError(f"{self.user.name} has no trainee account on this machine", where="classroom",
                               fix="restart the class with this login in the roster")
        if TraineeSpawner._starting is None:
            TraineeSpawner._starting = asyncio.Semaphore(self.starts_at_once)
        async with TraineeSpawner._starting:
            self.port = self.choose_port()  # a new one at each start: the last one may be taken since
            self._ports_starting.add(self.port)
            try:
                await self._start_lab(account)
            finally:
                self._ports_starting.discard(self.port)
        return self.ip or "127.0.0.1", self.port

    async def _start_lab(self, account) -> None:
        order = LabOrder(account.uid, account.gid, str(account.home), self.get_env(),
                         [*LAB_OPTIONS, *self.get_args()])
        self.log.info("Starting the lab of %s from the fork server, on port %d", self.user.name, self.port)
        self.pid = await self.fork_server().start_lab(order)
        if not await wait_for_port(self.ip or "127.0.0.1", self.port, lambda: is_running(self.pid),
                                   timeout=self.http_timeout):
            what = "stopped as it started" if not is_running(self.pid) else (
                f"did not answer within {self.http_timeout:.0f} s")
            raise WorkbenchError(f"the lab of {self.user.name} {what}", where="classroom",
                                 fix="read the hub log in the class folder")
