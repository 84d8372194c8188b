"""The JupyterHub configuration of a class, applied by the class folder's ``jupyterhub_config.py``.

- **Authentication**: :class:`~workbench.classroom.authenticator.ClassAuthenticator`
  (FirstUseAuthenticator, hashing off the hub's event loop): each trainee sets their password
  the first time they log in (stored hashed in the class folder); only the roster's logins
  (and the admin) may log in.  A company directory instead: see :data:`OTHER_AUTHENTICATORS`.
- **Servers**: :class:`~workbench.classroom.spawner.TraineeSpawner`, the hub running as root: each trainee's lab,
  forked from the labs' fork server, runs as their own Unix account, in their own home,
  opening ``00-start-here`` in their copies of the lessons, with ``WORKBENCH_LEARNER``,
  ``WORKBENCH_SEED`` (their data variant) and ``WORKBENCH_LANG`` (when the roster gives one)
  set from the roster row of the hub user.
- **Services**: jupyterhub-idle-culler stops servers idle longer than the class's timeout;
  the ``workbench`` service is what ``workbench classroom`` commands use on the hub's API.
- **State**: database, cookie secret, passwords and proxy pid in the class folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .folder import ClassFolder
from .proxy import proxy_command
from .roster import Trainee, course_language

# How to use the company's directory instead of first-use passwords: set these in the
# class folder's jupyterhub_config.py after configure(c, __file__) (pip install the package).
OTHER_AUTHENTICATORS = {
    "ldap": ('c.JupyterHub.authenticator_class = "ldapauthenticator.LDAPAuthenticator"\n'
             'c.LDAPAuthenticator.server_address = "ldap.example.com"\n'
             'c.LDAPAuthenticator.bind_dn_template = ["uid={username},ou=people,dc=example,dc=com"]'),
    "oauth": ('c.JupyterHub.authenticator_class = "oauthenticator.generic.GenericOAuthenticator"\n'
              'c.GenericOAuthenticator.oauth_callback_url = "https://hub.example.com/hub/oauth_callback"\n'
              'c.GenericOAuthenticator.client_id = "..."; c.GenericOAuthenticator.client_secret = "..."\n'
              'c.GenericOAuthenticator.username_claim = "preferred_username"'),
}
SERVICE = "workbench"  # the service the workbench classroom commands speak to the hub as
SERVICE_SCOPES = ["list:users", "read:users", "admin:users", "admin:servers", "access:servers", "tokens"]
CULLER_SCOPES = ["list:users", "read:users:activity", "read:servers", "delete:servers"]


def spawner_environment(trainee: Trainee) -> dict[str, str]:
    """What a trainee's server is told: who learns, on which data variant, in which language.

    >>> spawner_environment(Trainee("amina", "Amina", seed=1001, lang="fr"))
    {'WORKBENCH_LEARNER': 'amina', 'WORKBENCH_SEED': '1001', 'WORKBENCH_LANG': 'fr'}
    """
    env = {"WORKBENCH_LEARNER": trainee.login, "WORKBENCH_SEED": str(trainee.seed)}
    if trainee.lang:
        env["WORKBENCH_LANG"] = course_language(trainee.lang)
    return env


def lab_folder_in_home(trainee: Trainee) -> str:
    """The folder a trainee's lab opens, from their home: their copies of the lessons, in their language.

    >>> lab_folder_in_home(Trainee("amina", "Amina", lang="fr-FR")), lab_folder_in_home(Trainee("bo", "Bo"))
    ('~/.workbench/lessons-fr', '~/.workbench/lessons')
    """
    from ..settings import lesson_copies
    from .trainees import WORKBENCH_HOME

    return f"~/{WORKBENCH_HOME}/{lesson_copies(Path('/'), course_language(trainee.lang)).name}"


def start_timeout(trainees: int, cores: int | None = None) -> int:
    """Seconds the hub lets a lab take to start, waiting its turn included: labs start one per core at a time,
    so the last of a class logging in at once waits for the others (3 minutes, and 20 s per lab ahead of it
    on its core, a lab's start on a busy small machine).

    >>> start_timeout(30, cores=2), start_timeout(1, cores=2)
    (470, 180)
    """
    return 180 + 20 * max(0, trainees - 1) // (cores or os.cpu_count() or 1)


def configure(c, config_file) -> None:
    """Fill JupyterHub's config object ``c`` for the class whose folder holds ``config_file``."""
    folder = ClassFolder(Path(config_file).parent)
    settings = folder.settings()
    roster = {t.login: t for t in folder.trainees()}

    c.JupyterHub.ip = settings["ip"]
    c.JupyterHub.port = settings["port"]
    c.JupyterHub.hub_ip = "127.0.0.1"
    c.JupyterHub.hub_port = settings["hub_port"]
    c.JupyterHub.db_url = f"sqlite:///{folder.database}"
    c.JupyterHub.cookie_secret_file = str(folder.cookie_secret)
    c.JupyterHub.pid_file = str(folder.path / "hub.pid")
    c.ConfigurableHTTPProxy.command = [proxy_command()]
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{settings['proxy_api_port']}"
    c.ConfigurableHTTPProxy.pid_file = str(folder.path / "proxy.pid")

    c.JupyterHub.authenticator_class = "workbench.classroom.authenticator.ClassAuthenticator"
    c.FirstUseAuthenticator.dbm_path = str(folder.passwords)
    c.FirstUseAuthenticator.create_users = False
    c.Authenticator.allowed_users = set(roster)
    c.Authenticator.admin_users = {settings["admin"]}

    c.JupyterHub.spawner_class = "workbench.classroom.spawner.TraineeSpawner"
    c.Spawner.default_url = "/lab/tree/00-start-here.ipynb"
    c.Spawner.start_timeout = start_timeout(len(roster))
    c.Spawner.http_timeout = 180

    def pre_spawn_hook(spawner):
        trainee = roster.get(spawner.user.name)
        if trainee is None:
            raise ValueError(f"{spawner.user.name} is not a trainee of this class: the admin has no lab here")
        spawner.environment.update(spawner_environment(trainee))
        spawner.notebook_dir = lab_folder_in_home(trainee)

    c.Spawner.pre_spawn_hook = pre_spawn_hook

    c.JupyterHub.services = [
        {"name": "idle-culler", "command": [sys.executable, "-m", "jupyterhub_idle_culler",
                                            f"--timeout={int(settings['idle_timeout'])}"]},
        {"name": SERVICE, "api_token": folder.api_token()},
    ]
    c.JupyterHub.load_roles = [
        {"name": "idle-culler", "scopes": CULLER_SCOPES, "services": ["idle-culler"]},
        {"name": "workbench-classroom", "scopes": SERVICE_SCOPES, "services": [SERVICE]},
    ]
