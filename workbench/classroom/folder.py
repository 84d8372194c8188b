"""The class folder: everything the hub keeps for one class, in a folder the superuser names.

Never in the repository (a class's passwords and database are not source code); by default
``classroom/`` in the superuser's workbench home.  It holds, readable by its owner alone:

=========================  ============================================================
``class.json``             the trainees, the admin, where the hub listens, the idle timeout
``jupyterhub_config.py``   two lines applying :func:`workbench.classroom.hubconfig.configure`
``jupyterhub.sqlite``      the hub's database (written by JupyterHub)
``jupyterhub_cookie_secret``  the hub's cookie secret (written by JupyterHub)
``passwords.dbm``          the trainees' passwords, hashed (written by FirstUseAuthenticator)
``api-token``              the token ``workbench classroom`` commands use on the hub's API
``hub.log``                the hub's log
``release/``               the last release, as ``session release`` wrote it
=========================  ============================================================

>>> import tempfile
>>> folder = ClassFolder(Path(tempfile.mkdtemp()) / "class")
>>> folder.write([], admin="trainer", port=8000)
>>> folder.settings()["admin"], folder.config.read_text().splitlines()[-1]
('trainer', 'configure(c, __file__)')
>>> len(folder.api_token())
64
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

from ..errors import InputError
from .roster import Trainee

IDLE_TIMEOUT = 3600  # seconds a trainee's server may stay idle before the culler stops it


def free_port() -> int:
    """A TCP port free on the loopback now (the hub's own and its proxy's API port)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def default_location() -> Path:
    """``classroom/`` in this user's workbench home."""
    from ..settings import current

    return Path(current().home) / "classroom"


class ClassFolder:
    """The folder of one class (see the module docstring)."""

    def __init__(self, path=None):
        self.path = Path(path or default_location()).expanduser().absolute()

    config = property(lambda self: self.path / "jupyterhub_config.py")
    state = property(lambda self: self.path / "class.json")
    database = property(lambda self: self.path / "jupyterhub.sqlite")
    cookie_secret = property(lambda self: self.path / "jupyterhub_cookie_secret")
    passwords = property(lambda self: self.path / "passwords.dbm")
    token_file = property(lambda self: self.path / "api-token")
    log = property(lambda self: self.path / "hub.log")
    release = property(lambda self: self.path / "release")

    def write(self, trainees: list[Trainee], *, admin: str, port: int, ip: str = "0.0.0.0",
              idle_timeout: int = IDLE_TIMEOUT) -> None:
        """Write (or rewrite) the class's settings and the hub's config file; create the API token once."""
        from ..lessons import ROOT

        if self.path == ROOT or ROOT in self.path.parents:
            raise InputError(f"the class folder {self.path} is inside the repository", where="classroom",
                             fix="name a folder outside it with --class-dir (the default is in your workbench "
                                 "home)")
        self.path.mkdir(parents=True, exist_ok=True)
        self.path.chmod(0o700)
        settings = {"admin": admin, "ip": ip, "port": port, "hub_port": free_port(),
                    "proxy_api_port": free_port(), "idle_timeout": idle_timeout,
                    "trainees": [t.as_dict() for t in trainees]}
        self.state.write_text(json.dumps(settings, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        self.config.write_text('"""JupyterHub settings of this class (workbench classroom)."""\n'
                               "from workbench.classroom.hubconfig import configure\n\n"
                               "configure(c, __file__)\n", encoding="utf-8")
        self.api_token()

    def settings(self) -> dict:
        """What :meth:`write` recorded, or an :class:`InputError` when there is no class here."""
        try:
            return json.loads(self.state.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise InputError(f"no class in {self.path}", where="classroom",
                             fix="start it first: workbench classroom start ROSTER.csv (with the same "
                                 "--class-dir)") from None

    def trainees(self) -> list[Trainee]:
        """The class's trainees, as the roster gave them."""
        return [Trainee(**t) for t in self.settings()["trainees"]]

    def api_token(self) -> str:
        """The token of the ``workbench`` service on the hub's API, created (owner-only) the first time."""
        if not self.token_file.exists():
            self.path.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(self.token_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "w") as handle:
                handle.write(secrets.token_hex(32))
        return self.token_file.read_text().strip()

    @property
    def url(self) -> str:
        """Where the hub answers on this machine."""
        settings = self.settings()
        host = "127.0.0.1" if settings["ip"] in ("0.0.0.0", "", "::") else settings["ip"]
        return f"http://{host}:{settings['port']}"
