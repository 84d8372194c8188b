"""The running hub: start it on the class folder, wait until it answers, speak to its API, stop it.

JupyterHub runs as root (its LocalProcessSpawner starts each trainee's server as their
own account); its log goes to ``hub.log`` in the class folder.  When it stops, it stops
every trainee's server and its proxy with it.

>>> api_url("http://127.0.0.1:8000", "users/amina")
'http://127.0.0.1:8000/hub/api/users/amina'
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from ..errors import InputError, WorkbenchError
from .folder import ClassFolder


class HubError(WorkbenchError):
    """The hub did not start, or did not answer (the message quotes its log)."""


def api_url(base: str, path: str) -> str:
    """The URL of ``path`` on the hub's REST API."""
    return f"{base.rstrip('/')}/hub/api/{path.lstrip('/')}"


def api(folder: ClassFolder, path: str, method: str = "GET", body: dict | None = None, timeout: float = 30):
    """Call the hub's REST API as the ``workbench`` service; the reply's JSON (``None`` when empty)."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(api_url(folder.url, path), data=data, method=method,
                                     headers={"Authorization": f"token {folder.api_token()}",
                                              "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            text = reply.read()
    except urllib.error.HTTPError as err:
        raise HubError(f"the hub answered {err.code} to {method} {path}: {err.read()[:300]!r}", where="classroom",
                       fix=f"read the hub log: {folder.log}") from None
    except (urllib.error.URLError, OSError) as err:
        raise HubError(f"the hub does not answer at {folder.url} ({getattr(err, 'reason', err)})",
                       where="classroom", fix="start it: workbench classroom start ROSTER.csv") from None
    return json.loads(text) if text.strip() else None


def compile_package() -> Path:
    """Write the bytecode of every workbench module beside it, as root; the package's folder.

    Trainees' kernels import the workbench from a folder they cannot write to: where no
    bytecode was written (a checkout, or ``PYTHONDONTWRITEBYTECODE`` set), each kernel would
    compile the modules it imports from source again, about 0.2 s of CPU per kernel.
    """
    import compileall

    package = Path(__file__).resolve().parents[1]
    compileall.compile_dir(package, quiet=1)
    return package


def start_hub(folder: ClassFolder) -> subprocess.Popen:
    """Start JupyterHub on the class folder, in a session of its own, its output in ``hub.log`` (the workbench's
    bytecode written first, see :func:`compile_package`)."""
    if os.geteuid() != 0:
        raise InputError("the hub must run as root, to start each trainee's lab as their own account",
                         where="classroom start", fix="run it with sudo (sudo make classroom ROSTER=...)")
    folder.settings()
    compile_package()
    jupyterhub = Path(sys.executable).with_name("jupyterhub")
    with open(folder.log, "ab") as log:
        return subprocess.Popen([str(jupyterhub), "-f", str(folder.config)], cwd=folder.path, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)


def _log_tail(folder: ClassFolder, chars: int = 2000) -> str:
    try:
        return folder.log.read_text(encoding="utf-8", errors="replace")[-chars:]
    except OSError:
        return ""


def wait_ready(folder: ClassFolder, process: subprocess.Popen, timeout: float = 120) -> None:
    """Return once the hub answers through its proxy; a :class:`HubError` quoting its log if it does not."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise HubError(f"the hub stopped at once (status {process.returncode}):\n{_log_tail(folder)}",
                           where="classroom start", fix=f"read the hub log: {folder.log}")
        try:
            with urllib.request.urlopen(api_url(folder.url, ""), timeout=2) as reply:
                if reply.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.3)
    stop_hub(process)
    raise HubError(f"the hub did not answer within {timeout:.0f} s:\n{_log_tail(folder)}", where="classroom start",
                   fix=f"read the hub log: {folder.log}")


def stop_hub(process: subprocess.Popen, timeout: float = 60) -> None:
    """Stop the hub (it stops the trainees' servers and its proxy), then anything left in its session."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()


def serve(folder: ClassFolder) -> int:
    """Run the hub in the foreground until Ctrl-C; its exit status."""
    process = start_hub(folder)
    try:
        wait_ready(folder, process)
        settings = folder.settings()
        print(f"the class is served on http://{settings['ip']}:{settings['port']}/ (admin page: /hub/admin, "
              f"log: {folder.log}); stop it with Ctrl-C", flush=True)
        return process.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        stop_hub(process)
