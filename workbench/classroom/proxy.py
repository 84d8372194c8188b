"""The hub's proxy: configurable-http-proxy, installed from npm beside the virtualenv beforehand.

JupyterHub routes every trainee's browser through this proxy.  :func:`install` puts it
in ``<venv>/hub-proxy/`` (Node and npm from apt when missing, as root), which
``make classroom`` runs before the hub starts; :func:`proxy_command` finds it there, so
nothing is downloaded when the hub starts.

>>> PROXY_PACKAGE
'configurable-http-proxy@5'
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from ..errors import InputError

PROXY_PACKAGE = "configurable-http-proxy@5"
PROXY_FOLDER = Path(sys.prefix) / "hub-proxy"


def _installed() -> Path:
    return PROXY_FOLDER / "node_modules" / ".bin" / "configurable-http-proxy"


def proxy_command() -> str:
    """The proxy's executable, or an :class:`InputError` saying how to install it."""
    for candidate in (_installed(), shutil.which("configurable-http-proxy")):
        if candidate and Path(candidate).exists():
            return str(candidate)
    raise InputError("the hub's proxy (configurable-http-proxy) is not installed", where="classroom",
                     fix="run `make classroom` once, or `workbench classroom install`")


def _run(argv: list[str]) -> None:
    done = subprocess.run(argv, capture_output=True, text=True, env={**os.environ,
                                                                      "DEBIAN_FRONTEND": "noninteractive"})
    if done.returncode != 0:
        raise InputError(f"`{' '.join(argv)}` failed: {(done.stderr or done.stdout).strip()[-300:]}",
                         where="classroom install", fix="install Node.js 20 or later and npm, then try again")


def install() -> str:
    """Install the proxy (and Node with npm from apt when missing, as root); returns its executable."""
    if _installed().exists():
        return str(_installed())
    if shutil.which("npm") is None:
        if os.geteuid() != 0 or shutil.which("apt-get") is None:
            raise InputError("npm is not installed", where="classroom install",
                             fix="install Node.js and npm (sudo apt-get install nodejs npm), then try again")
        _run(["apt-get", "update", "-qq"])
        _run(["apt-get", "install", "-y", "-qq", "nodejs", "npm"])
    PROXY_FOLDER.mkdir(parents=True, exist_ok=True)
    _run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(PROXY_FOLDER), PROXY_PACKAGE])
    return proxy_command()
