"""The operating-system sandbox a graded notebook runs in (bubblewrap, an account of its own, limits).

Trainee code is untrusted.  :func:`open_sandbox` finds out whether this machine can
give each notebook a sandbox, and :meth:`Sandbox.command` wraps the command that runs
it.  Inside, a notebook's processes:

- run as an unprivileged account of their own (``wbgrade-1``, ``wbgrade-2``... one per
  notebook running at once, created with ``useradd`` when the grader runs as root; a
  grader that is not root gets an unprivileged user namespace from bubblewrap);
- live in a PID namespace of their own: when the notebook's runner ends, or the grader
  stops it, every process it started ends with it (``--die-with-parent``; a process that
  started a session of its own is no exception), and ``/proc`` shows only them;
- have no network (``--unshare-net``: only a loopback of their own, which the kernel's
  messages use), and none of the grader's environment (``--clearenv``);
- see ``/`` read-only (the package, the sample data, the Python environment), a fresh
  ``/tmp``, and can write only their scratch folder;
- do not see the class folder, the grader's output, its cache of data variants, its own
  workbench home (progress log) or any other trainee's scratch folder: each is hidden
  under an empty ``tmpfs``;
- have memory (address space) and process-count limits (``prlimit``; the process count is
  per account, so it is set only where each notebook has one, under a root grader).

When bubblewrap is missing or does not work here (a container without user namespaces),
:func:`open_sandbox` raises :class:`NoSandbox` saying why; grading then refuses unless the
superuser asks for ``unsafe`` grading.

>>> box = Sandbox(accounts=(), memory=2 << 30, processes=128)
>>> argv = box.command(["python", "-c", "pass"], scratch=Path("/s"), hidden=[], env={"A": "1"})
>>> argv[:4], argv[argv.index("--bind"):argv.index("--bind") + 3]
(['bwrap', '--die-with-parent', '--new-session', '--unshare-pid'], ['--bind', '/s', '/s'])
>>> argv[-6:]
['prlimit', '--as=2147483648', '--', 'python', '-c', 'pass']
"""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..accounts import Account, AccountError, as_account, ensure_account
from ..errors import WorkbenchError
from ..i18n.messages import _

ACCOUNT_PREFIX = "wbgrade-"
MEMORY = 4 << 30  # bytes of address space a notebook's processes may map each (pandas and a kernel need ~1.5 GB)
PROCESSES = 256  # processes the account may run at once (a notebook's kernel needs a handful)


class NoSandbox(WorkbenchError):
    """This machine cannot give a graded notebook its sandbox (the message says why)."""


def _probe(sandbox: Sandbox) -> str:
    """``""`` when ``sandbox`` runs a command here, else why not (a whole sentence, in the current language)."""
    argv = sandbox.command(["true"], scratch=Path(tempfile.gettempdir()), hidden=[], env={},
                           account=sandbox.accounts[0] if sandbox.accounts else None)
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as err:
        return _("bubblewrap could not be started ({error}), so trainee code cannot be sandboxed").format(error=err)
    if done.returncode == 0:
        return ""
    return _("bubblewrap fails here ({error}), so trainee code cannot be sandboxed").format(
        error=done.stderr.strip()[-200:] or done.returncode)


def needed_paths() -> list[Path]:
    """What every notebook must see even where it lies in a hidden folder: Python, its packages, the workbench."""
    import sysconfig

    import workbench

    found = [Path(sys.prefix), Path(sys.base_prefix), Path(sys.executable).resolve().parent.parent,
             Path(workbench.__file__).resolve().parent.parent]
    found += [Path(p) for p in sysconfig.get_paths().values()]
    found += [Path(p) for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    return sorted({p.resolve() for p in found if p.exists()})


def _passage(path: Path, hidden: list[Path]) -> list[str]:
    """bubblewrap options making the folders between a hidden (empty) folder and ``path`` passable by anyone.

    >>> _passage(Path("/tmp/a/b/c"), [Path("/tmp")])
    ['--perms', '0711', '--dir', '/tmp/a', '--perms', '0711', '--dir', '/tmp/a/b']
    """
    tops = [h for h in hidden if h in path.parents]
    if not tops:
        return []
    top = max(tops, key=lambda h: len(h.parts))
    options = []
    for folder in reversed([a for a in path.parents if top in a.parents]):
        options += ["--perms", "0711", "--dir", str(folder)]
    return options


def _account(name: str) -> tuple[int, int]:
    """The uid and gid of the grading account ``name``, created (no home, no login) when missing."""
    try:
        found = ensure_account(name, purpose="grading sandbox")
    except AccountError as err:
        raise NoSandbox(_("the grading account {name} could not be created ({why})").format(name=name, why=err.what),
                        where="grade", fix=_("run the grader as root, or create the accounts wbgrade-1... "
                                             "yourself")) from None
    return found.uid, found.gid


def show_needed(emptied: list[Path]) -> tuple[list[str], list[Path]]:
    """bubblewrap options keeping Python and the package visible (read-only) in the ``emptied`` folders.

    Returns the options and the paths they show.
    """
    shown = [p for p in needed_paths() if any(h == p or h in p.parents for h in emptied)]
    shown = [p for p in shown if not any(q in p.parents for q in shown)]
    options = []
    for path in shown:
        options += _passage(path, emptied) + ["--ro-bind", str(path), str(path)]
    return options, shown


@dataclass
class Sandbox:
    """How every graded notebook is wrapped: the accounts it may run as and its limits.

    ``accounts`` holds one ``(uid, gid)`` per notebook running at once (empty when the
    grader is not root: bubblewrap's user namespace is then the unprivileged identity).
    """

    accounts: tuple[tuple[int, int], ...]
    memory: int = MEMORY
    processes: int = PROCESSES
    _free: queue.Queue = field(default_factory=queue.Queue, repr=False)

    def __post_init__(self):
        for account in self.accounts:
            self._free.put(account)

    @contextmanager
    def account(self):
        """An account no other notebook uses while this one runs (``None`` without accounts)."""
        if not self.accounts:
            yield None
            return
        account = self._free.get()
        try:
            yield account
        finally:
            self._free.put(account)

    def command(self, argv: list[str], *, scratch: Path, hidden: list[Path], env: dict[str, str],
                account: tuple[int, int] | None = None) -> list[str]:
        """``argv`` wrapped so that it runs in the sandbox, writing only ``scratch``, not seeing ``hidden``.

        As root, bubblewrap sets up the namespaces and ``setpriv`` then becomes ``account``
        (no capabilities, no new privileges); otherwise bubblewrap's user namespace is the
        unprivileged identity.
        """
        box = ["bwrap", "--die-with-parent", "--new-session", "--unshare-pid", "--unshare-net", "--unshare-ipc",
               "--unshare-uts", "--unshare-cgroup-try", *([] if account else ["--unshare-user"]),
               "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp", "--tmpfs", "/dev/shm"]
        hidden = [p for p in hidden if p.is_dir()]
        for path in hidden:
            box += ["--tmpfs", str(path)]
        emptied = [Path("/tmp"), *hidden]  # a fresh /tmp hides what lies there too (a checkout in /tmp, say)
        options, shown = show_needed(emptied)
        box += options
        for path in hidden:  # ...and what is hidden inside them stays hidden
            if any(path != p and p in path.parents for p in shown):
                box += ["--tmpfs", str(path)]
        box += _passage(scratch, emptied)
        box += ["--bind", str(scratch), str(scratch), "--chdir", str(scratch), "--clearenv"]
        for name, value in env.items():
            box += ["--setenv", name, value]
        become = []
        if account is not None:
            uid, gid = account
            become = as_account(Account("", uid, gid, scratch))
        limits = ["prlimit", f"--as={self.memory}"] + ([f"--nproc={self.processes}"] if account else [])
        return box + ["--", *become, *limits, "--", *argv]

    def hand_over(self, scratch: Path, account: tuple[int, int] | None) -> None:
        """Make ``scratch`` (and everything in it) the notebook account's own, so it can write there."""
        if account is None:
            return
        uid, gid = account
        for folder, dirs, files in os.walk(scratch):
            for name in [folder, *(os.path.join(folder, n) for n in dirs + files)]:
                os.lchown(name, uid, gid)


def open_sandbox(jobs: int) -> Sandbox:
    """The sandbox for ``jobs`` notebooks at once, or :class:`NoSandbox` saying why there is none."""
    fix = _("install bubblewrap (apt-get install bubblewrap; `make` does it when run as root) on a system with "
            "user namespaces, or grade with --unsafe if you trust every trainee's code")
    for tool in ("bwrap", "prlimit") + (("setpriv", "useradd") if os.geteuid() == 0 else ()):
        if shutil.which(tool) is None:
            raise NoSandbox(_('{tool} is not installed, so trainee code cannot be sandboxed').format(tool=tool), where="grade", fix=fix)
    accounts = tuple(_account(f"{ACCOUNT_PREFIX}{n}") for n in range(1, jobs + 1)) if os.geteuid() == 0 else ()
    sandbox = Sandbox(accounts)
    why = _probe(sandbox)
    if why:
        raise NoSandbox(why, where="grade", fix=fix)
    return sandbox
