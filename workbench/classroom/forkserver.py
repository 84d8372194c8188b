"""The labs' fork server: one Jupyter server loaded once, forked into each trainee's lab.

A trainee's lab spends most of its start importing Jupyter Server, JupyterLab and
JupyterHub's single-user extension (about 1.5 s of CPU in a fresh Python); forked with them
loaded, it answers after about 0.1 s of its own CPU (``benchmarks/bench_classroom.py``).  A
class logging in at once pays the imports thirty times over on a small machine.  The fork server pays it once: started by the hub's spawner (as root, in a
bubblewrap that hides root's home and Node.js, see :mod:`~workbench.classroom.spawner`), it
imports the lab's modules, then forks a lab for every request.  Each lab is

.. code-block:: text

    keeper   root; its own session, mount and PID namespaces; waits and ends with the lab's status
     └ init  PID 1 of the lab's namespace, the pid the hub knows: passes the hub's signals on,
        │    reaps orphans; when it ends, everything the lab started ends with it
        └ lab   the trainee's uid and gid, no other groups, no capabilities, no new privileges,
                their environment and home; runs :func:`workbench.classroom.singleuser.main`

each killed when its parent ends (the fork server, and so the hub, included).

The hub writes one request a line on the fork server's standard input, a JSON object
``{"uid", "gid", "home", "env", "args"}``, and reads ``{"pid": ...}`` or ``{"error": ...}``
on its standard output, one answer per request, in order.  The fork server itself never
reads a request: a request carries the trainee's token, and what the fork server's memory
holds, every later lab inherits.  It forks when a request is waiting; the keeper reads it
and answers through the fork server (which answers for it if it ended without a word).

>>> LabOrder.from_json('{"uid": 5001, "gid": 5001, "home": "/home/amina", "env": {"HOME": "/home/amina"}, '
...                    '"args": ["--port=8001"]}').uid
5001
>>> LabOrder.from_json('{"uid": 0, "gid": 0, "home": "/root", "env": {}, "args": []}')
Traceback (most recent call last):
ValueError: a lab is never started as root
"""

from __future__ import annotations

import atexit
import fcntl
import gc
import importlib
import io
import json
import os
import select
import signal
import struct
import sys
import termios
import threading
import traceback
from dataclasses import dataclass

from . import linux

REAP_EVERY = 2.0  # seconds between two looks for ended keepers while no request comes
PRELOADED = (  # what a lab imports as it starts: imported once, here
    "jupyterhub.singleuser", "jupyterlab.labapp", "jupyter_server.serverapp",
    "jupyter_server.services.kernels.kernelmanager", "jupyter_server.services.contents.largefilemanager",
    "jupyter_server.services.sessions.sessionmanager", "jupyter_server.gateway.managers",
    "jupyter_client.ioloop", "jupyter_client.provisioning", "nbformat", "jupyterlab_server.handlers",
)
USER_MODULES = ("send2trash.plat_other",)  # modules that read the user's home and uid when imported
FORWARDED_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


@dataclass(frozen=True)
class LabOrder:
    """One lab to start: whose (``uid``, ``gid``, ``home``), with which environment and server arguments."""

    uid: int
    gid: int
    home: str
    env: dict
    args: list

    @classmethod
    def from_json(cls, line: str | bytes) -> LabOrder:
        fields = json.loads(line)
        order = cls(int(fields["uid"]), int(fields["gid"]), str(fields["home"]),
                    {str(k): str(v) for k, v in fields["env"].items()}, [str(a) for a in fields["args"]])
        if order.uid == 0 or order.gid == 0:
            raise ValueError("a lab is never started as root")
        return order

    def to_json(self) -> str:
        return json.dumps({"uid": self.uid, "gid": self.gid, "home": self.home, "env": self.env,
                           "args": self.args})


def preload() -> None:
    """Import what a lab imports as it starts (the unused imports of :mod:`.singleuser` blocked first)."""
    from .singleuser import block_unused_imports

    block_unused_imports()
    for name in PRELOADED:
        __import__(name)
    if threading.active_count() != 1:  # a thread would be lost in every fork, its locks held for good
        raise RuntimeError(f"preloading started threads: {[t.name for t in threading.enumerate()]}")
    gc.collect()
    gc.freeze()  # the collector leaves what the labs share untouched, so forks copy less


def home_options() -> list[str]:
    """Options giving JupyterLab again, in the lab, the settings whose defaults it computes when imported (from the
    home of whoever imports it: the fork server's): where the trainee's settings, their language among them, and
    workspaces are.  Run where the trainee's environment is set.

    >>> [option.split("=")[0] for option in home_options()]
    ['--LabApp.user_settings_dir', '--LabApp.workspaces_dir']
    """
    from jupyterlab.commands import get_user_settings_dir, get_workspaces_dir

    return [f"--LabApp.user_settings_dir={get_user_settings_dir()}", f"--LabApp.workspaces_dir={get_workspaces_dir()}"]


def reload_user_modules() -> None:
    """Import again, in the lab, each of :data:`USER_MODULES` the fork server loaded (where Jupyter's file
    deletion puts files in the trainee's trash: their home, their uid)."""
    for name in USER_MODULES:
        if name in sys.modules:
            importlib.reload(sys.modules[name])


def waiting_bytes(fd: int) -> int:
    """How many bytes can be read from the pipe ``fd`` now (0 with its writer gone)."""
    return struct.unpack("i", fcntl.ioctl(fd, termios.FIONREAD, b"\0\0\0\0"))[0]


def read_line(fd: int) -> bytes:
    """One line from ``fd``, read a byte at a time so nothing after it is taken."""
    line = b""
    while not line.endswith(b"\n"):
        byte = os.read(fd, 1)
        if not byte:
            break
        line += byte
    return line


def reap() -> None:
    """Collect every ended child (keepers of labs that stopped), without waiting."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def in_child(work) -> None:
    """In a just-forked process: run ``work()`` and end with its status; never return to the caller's code."""
    status = 1
    try:
        for number in FORWARDED_SIGNALS:
            signal.signal(number, signal.SIG_DFL)
        status = work()
    except SystemExit as stop:
        status = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    except BaseException:
        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(0 if status is None else status if isinstance(status, int) else 1)


def plain_streams(*kept: int) -> None:
    """Standard input from /dev/null, output to the hub's log (standard error), no other descriptor open but
    ``kept``: the hub's pipes are the fork server's alone."""
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(2, 1)
    for low, high in zip((3, *(k + 1 for k in sorted(kept))), (*sorted(kept), os.sysconf("SC_OPEN_MAX"))):
        os.closerange(low, high)


def error_line(message: str) -> bytes:
    """A refusal for the hub, as one line.

    >>> error_line("no")
    b'{"error": "no"}\\n'
    """
    return json.dumps({"error": message}).encode() + b"\n"


def discard_request(requests: int) -> None:
    """Take the waiting request off the pipe without holding it: a byte at a time, each overwriting the last."""
    byte = bytearray(1)
    with io.FileIO(requests, "rb", closefd=False) as pipe:
        while pipe.readinto(byte) and byte != b"\n":
            pass


def serve(requests: int = 0, replies: int = 1) -> int:
    """The fork server's loop: preload, say ready, then start a lab for each request until the hub goes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the hub stops the labs itself, then closes the requests
    linux.set_name("wb-lab-forks")
    preload()
    os.write(replies, b'{"ready": true}\n')
    server = os.getpid()
    while True:
        readable, _, _ = select.select([requests], [], [], REAP_EVERY)
        reap()
        if not readable:
            continue
        if not waiting_bytes(requests):  # the hub closed its end
            return 0
        os.write(replies, keeper_answer(server, requests))


def keeper_answer(server: int, requests: int) -> bytes:
    """Fork the keeper of the waiting request; its answer for the hub (a line), or why there is none."""
    answer, tell = os.pipe()
    try:
        keeper_pid = os.fork()
    except OSError as err:  # too many processes, no memory: this request fails, the labs already started stay
        os.close(answer)
        os.close(tell)
        discard_request(requests)
        return error_line(f"the fork server could not start a lab ({err.strerror})")
    if keeper_pid == 0:
        os.close(answer)
        in_child(lambda: keeper(server, requests, tell))
    os.close(tell)
    line = read_line(answer)
    os.close(answer)
    return line if line.endswith(b"\n") else error_line("the lab's keeper ended before it answered")


def keeper(server: int, requests: int, answer: int) -> int:
    """Read one request, make the lab's namespaces, fork its init; answer with init's pid; wait for it."""
    line = read_line(requests)
    plain_streams(answer)
    linux.set_name("wb-lab-keeper")
    try:
        order = LabOrder.from_json(line)
        linux.die_with_parent(server)
        os.setsid()  # the lab has a session of its own: the hub's terminal signals do not reach it
        linux.unshare(linux.CLONE_NEWNS | linux.CLONE_NEWPID)
        linux.mount(None, "/", None, linux.MS_REC | linux.MS_PRIVATE)
        init_pid = os.fork()
        if init_pid == 0:
            in_child(lambda: init(order))
    except Exception as err:  # a refused request: the hub reads why
        os.write(answer, error_line(f"{type(err).__name__}: {err}"))
        return 1
    os.write(answer, json.dumps({"pid": init_pid}).encode() + b"\n")
    os.close(answer)
    _, status = os.waitpid(init_pid, 0)
    return os.waitstatus_to_exitcode(status) % 256


def init(order: LabOrder) -> int:
    """PID 1 of the lab's namespace: a fresh /proc, the lab forked, signals passed on, orphans reaped."""
    linux.die_with_parent(0)  # its parent, the keeper, is outside the namespace: seen as pid 0
    linux.set_name("wb-lab-init")
    linux.mount("proc", "/proc", "proc", linux.MS_NOSUID | linux.MS_NODEV | linux.MS_NOEXEC)
    plain_streams()
    init_pid = os.getpid()
    lab_pid = os.fork()
    if lab_pid == 0:
        in_child(lambda: lab(init_pid, order))
    linux.become(order.uid, order.gid)
    linux.die_with_parent(0)  # again: a change of identity clears it
    for number in FORWARDED_SIGNALS:
        signal.signal(number, lambda received, frame: os.kill(lab_pid, received))
    while True:
        pid, status = os.waitpid(-1, 0)
        if pid == lab_pid:
            return os.waitstatus_to_exitcode(status) % 256


def lab(init_pid: int, order: LabOrder) -> int:
    """The trainee's lab: their identity, environment and home, then JupyterHub's single-user server."""
    linux.become(order.uid, order.gid)
    linux.die_with_parent(init_pid)  # after: a change of identity clears it
    linux.set_name("wb-lab")
    os.environ.clear()
    os.environ.update(order.env)
    os.chdir(order.home)
    reload_user_modules()
    signal.signal(signal.SIGINT, signal.default_int_handler)
    from .singleuser import main

    sys.argv = ["jupyterhub-singleuser", *home_options(), *order.args]  # the hub's arguments come last, and win
    try:
        return main()
    finally:
        atexit._run_exitfuncs()


if __name__ == "__main__":
    sys.exit(serve())
