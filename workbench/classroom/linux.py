"""The Linux calls a lab's fork server makes that Python's ``os`` module lacks, through the C library.

Each wrapper raises :class:`OSError` with the call's name when the kernel refuses:

>>> prctl(-1, 0)
Traceback (most recent call last):
OSError: [Errno 22] prctl: Invalid argument
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
from pathlib import Path

CLONE_NEWNS = 0x00020000  # a mount namespace of its own
CLONE_NEWPID = 0x20000000  # a PID namespace of its own (for the children forked next)
MS_NOSUID, MS_NODEV, MS_NOEXEC = 0x2, 0x4, 0x8
MS_REC, MS_PRIVATE = 0x4000, 0x40000
PR_SET_PDEATHSIG, PR_SET_NAME, PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS = 1, 15, 24, 38
_CAPABILITY_VERSION_3 = 0x20080522

_libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)


class _CapabilityHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapabilitySets(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def _checked(result: int, call: str) -> None:
    if result != 0:
        number = ctypes.get_errno()
        raise OSError(number, f"{call}: {os.strerror(number)}")


def prctl(option: int, argument: int) -> None:
    """``prctl(option, argument)``."""
    _checked(_libc.prctl(option, ctypes.c_ulong(argument), 0, 0, 0), "prctl")


def set_name(name: str) -> None:
    """Name this process as ``ps``, ``top`` and ``pkill`` show it (its first 15 bytes).

    >>> from threading import Thread  # (a thread of its own: this one keeps its name)
    >>> def named():
    ...     set_name("wb-doctest-name-cut")
    ...     print(Path("/proc/thread-self/comm").read_text().strip())
    >>> thread = Thread(target=named); thread.start(); thread.join()
    wb-doctest-name
    """
    _checked(_libc.prctl(PR_SET_NAME, ctypes.c_char_p(name.encode()[:15]), 0, 0, 0), "prctl")


def unshare(flags: int) -> None:
    """Leave the namespaces named by ``flags`` (``CLONE_NEWNS | CLONE_NEWPID``...) for new ones."""
    _checked(_libc.unshare(flags), "unshare")


def mount(source: str | None, target: str, fstype: str | None, flags: int) -> None:
    """``mount(2)``: ``mount(None, "/", None, MS_REC | MS_PRIVATE)`` keeps later mounts to this namespace."""
    source_bytes, fstype_bytes = (None if text is None else os.fsencode(text) for text in (source, fstype))
    _checked(_libc.mount(source_bytes, os.fsencode(target), fstype_bytes, ctypes.c_ulong(flags), None), "mount")


def die_with_parent(parent: int) -> None:
    """Be killed when the process that forked this one ends; if it already ended (the parent pid is no longer
    ``parent``), end now.  (A parent outside this process's PID namespace is pid 0 to it, alive or not.)"""
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it ended before the request above took hold
        os._exit(1)


def become(uid: int, gid: int) -> None:
    """Be ``uid``:``gid`` for good: no supplementary groups, no capabilities (the bounding set emptied too, as
    ``setpriv --bounding-set=-all --inh-caps=-all`` does) and no new privileges for what it runs.  The kernel
    forgets :func:`die_with_parent` on the change: ask for it after."""
    if uid == 0 or gid == 0:
        raise PermissionError("a lab never runs as root")
    for capability in range(int(Path("/proc/sys/kernel/cap_last_cap").read_text()) + 1):
        prctl(PR_CAPBSET_DROP, capability)
    os.setgroups([])
    os.setresgid(gid, gid, gid)
    os.setresuid(uid, uid, uid)
    header, sets = _CapabilityHeader(_CAPABILITY_VERSION_3, 0), (_CapabilitySets * 2)()
    _checked(_libc.capset(ctypes.byref(header), sets), "capset")
    prctl(PR_SET_NO_NEW_PRIVS, 1)
