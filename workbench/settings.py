"""Where the workbench keeps things, and who is learning.

Settings come, in order of precedence, from environment variables, from a
``.workbench.json`` file in the working folder or one of its parents (a
released trainee folder has one), and from defaults:

=====================  ===========================  ==============================
setting                environment variable         default
=====================  ===========================  ==============================
learner                ``WORKBENCH_LEARNER``        the login name
home (progress, data)  ``WORKBENCH_HOME``           ``~/.workbench``
data folder            ``WORKBENCH_DATA``           the committed sample company
data seed (variant)    ``WORKBENCH_SEED``           none: the committed sample
=====================  ===========================  ==============================

>>> s = Settings(learner="amina", home=Path("/tmp/wb"))
>>> s.progress_file
PosixPath('/tmp/wb/progress/amina.jsonl')
"""

from __future__ import annotations

import getpass
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

CONFIG_NAME = ".workbench.json"


@dataclass(frozen=True)
class Settings:
    learner: str
    home: Path
    data_dir: Path | None = None
    seed: int | None = None
    config_file: Path | None = field(default=None, compare=False)

    @property
    def progress_file(self) -> Path:
        """The learner's append-only progress log."""
        return self.home / "progress" / f"{safe_name(self.learner)}.jsonl"


def safe_name(text: str) -> str:
    """A file-name-safe version of a learner's name.

    >>> safe_name("Nusrat Jahan / group 2")
    'Nusrat-Jahan-group-2'
    """
    return re.sub(r"[^\w.-]+", "-", text, flags=re.UNICODE).strip("-") or "learner"


def find_config(start: Path | None = None) -> Path | None:
    """The nearest ``.workbench.json`` in ``start`` or its parents, if any."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def current(start: Path | None = None) -> Settings:
    """Settings for the running notebook or command."""
    config_file = find_config(start)
    config = {}
    if config_file:
        try:
            config = json.loads(config_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            config = {}
        if not isinstance(config, dict):  # a list or a number written by hand: no settings in it
            config = {}
    env = os.environ

    def pick(env_name, key):
        return env.get(env_name) or config.get(key)

    learner = pick("WORKBENCH_LEARNER", "learner") or _login()

    def path_of(env_name, key):
        """A path setting; a relative one written in the config file is relative to that file's folder."""
        value = pick(env_name, key)
        if not value:
            return None
        path = Path(value).expanduser()
        if config_file and not path.is_absolute() and not env.get(env_name):
            path = config_file.parent / path
        return path

    home = path_of("WORKBENCH_HOME", "home") or Path.home() / ".workbench"
    data_dir = path_of("WORKBENCH_DATA", "data_dir")
    seed = pick("WORKBENCH_SEED", "seed")
    return Settings(learner=str(learner), home=home,
                    data_dir=data_dir,
                    seed=int(seed) if seed not in (None, "") else None,
                    config_file=config_file)


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "learner"
