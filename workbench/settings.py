"""Where the workbench keeps things, and who is learning.

Settings come, in order of precedence, from environment variables, from a
``.workbench.json`` file in the working folder or one of its parents (a
released trainee folder has one), and from defaults:

=====================  ===========================  ==============================
setting                environment variable         default
=====================  ===========================  ==============================
learner                ``WORKBENCH_LEARNER``        ``JUPYTERHUB_USER`` on a hub, else the login name
home (progress, data)  ``WORKBENCH_HOME``           ``~/.workbench``
data folder            ``WORKBENCH_DATA``           the committed sample company
data seed (variant)    ``WORKBENCH_SEED``           none: the committed sample
language of messages   ``WORKBENCH_LANG``           ``en`` (or ``fr``, ``ar``, ``fa``, ``bn``)
=====================  ===========================  ==============================

The language is read here and chosen in :mod:`workbench.i18n.messages`, which says
clearly when it is not one of the workbench's languages.

The trainee's home holds everything the workbench writes for them, each place named once here
(a function of the home folder, and a property of :class:`Settings` for the current one):

=============================  ==========================================  =========================
place                          path under the home                         written by
=============================  ==========================================  =========================
:func:`progress_file`          ``progress/<learner>.jsonl``                every Check
:func:`practice_database`      ``practice/<learner>.sqlite``               the practice CRM
:func:`variant_folder`         ``data/acme-seed-<seed>/``                  a data variant, made once
:func:`data_cache`             ``cache/data/``                             ``wb.start()``, its checked load
:func:`lesson_copies`          ``lessons/``                                ``workbench lessons``
:func:`backups_folder`         ``backups/``                                lesson copies set aside
:func:`network_uploads`        ``network/<learner>/``                      the LinkedIn archive
:func:`certificate_key`        ``certificate.key``                         the first certificate
=============================  ==========================================  =========================

>>> s = Settings(learner="amina", home=Path("/tmp/wb"))
>>> s.progress_file
PosixPath('/tmp/wb/progress/amina.jsonl')
>>> s.practice_database, s.network_uploads
(PosixPath('/tmp/wb/practice/amina.sqlite'), PosixPath('/tmp/wb/network/amina'))
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
    language: str = "en"
    config_file: Path | None = field(default=None, compare=False)

    @property
    def progress_file(self) -> Path:
        """The learner's append-only progress log."""
        return progress_file(self.home, self.learner)

    @property
    def practice_folder(self) -> Path:
        """The folder of the practice CRM databases."""
        return practice_folder(self.home)

    @property
    def practice_database(self) -> Path:
        """The learner's practice CRM database."""
        return practice_database(self.home, self.learner)

    @property
    def variants_folder(self) -> Path:
        """The folder of the generated data variants."""
        return variants_folder(self.home)

    @property
    def data_cache(self) -> Path:
        """Where the checked loads of the learner's data are kept between kernels."""
        return data_cache(self.home)

    @property
    def lesson_copies(self) -> Path:
        """The learner's copies of the lessons, which JupyterLab opens."""
        return lesson_copies(self.home)

    @property
    def backups_folder(self) -> Path:
        """Where files set aside (rather than overwritten) are kept."""
        return backups_folder(self.home)

    @property
    def network_uploads(self) -> Path:
        """The learner's uploaded network files (the LinkedIn archive and its kin)."""
        return network_uploads(self.home, self.learner)

    @property
    def certificate_key(self) -> Path:
        """The installation's certificate signing key."""
        return certificate_key(self.home)


# ---------------------------------------------------------------- the places of a home

def progress_folder(home: Path) -> Path:
    """The folder of the progress logs, one per learner."""
    return Path(home) / "progress"


def progress_file(home: Path, learner: str) -> Path:
    """``learner``'s append-only progress log under ``home``.

    >>> progress_file(Path("/tmp/wb"), "Nusrat Jahan").as_posix()
    '/tmp/wb/progress/Nusrat-Jahan.jsonl'
    """
    return progress_folder(home) / f"{safe_name(learner)}.jsonl"


def practice_folder(home: Path) -> Path:
    """The folder of the practice CRM databases (and their backups)."""
    return Path(home) / "practice"


def practice_database(home: Path, learner: str) -> Path:
    """``learner``'s practice CRM database under ``home``.

    >>> practice_database(Path("/tmp/wb"), "Nusrat Jahan").as_posix()
    '/tmp/wb/practice/Nusrat-Jahan.sqlite'
    """
    return practice_folder(home) / f"{safe_name(learner)}.sqlite"


def variants_folder(home: Path) -> Path:
    """The folder of the data variants generated from seeds (a grader's cache of them too)."""
    return Path(home) / "data"


def variant_folder(home: Path, seed: int) -> Path:
    """Where the data variant for ``seed`` is generated (once) and kept.

    >>> variant_folder(Path("/tmp/wb"), 7).as_posix()
    '/tmp/wb/data/acme-seed-7'
    """
    return variants_folder(home) / f"acme-seed-{seed}"


def data_cache(home: Path) -> Path:
    """Where the checked loads of data folders are kept, so a new kernel need not check the CSV files again.

    >>> data_cache(Path("/tmp/wb")).as_posix()
    '/tmp/wb/cache/data'
    """
    return Path(home) / "cache" / "data"


def lesson_copies(home: Path, lang: str = "en") -> Path:
    """The folder JupyterLab opens: the trainee's copies of the lessons (in ``lang``: one folder per language).

    >>> lesson_copies(Path("/home/amina/.workbench")).as_posix(), lesson_copies(Path("/h"), "fa").as_posix()
    ('/home/amina/.workbench/lessons', '/h/lessons-fa')
    """
    return Path(home).expanduser().resolve() / ("lessons" if lang == "en" else f"lessons-{lang}")


def backups_folder(home: Path) -> Path:
    """Where files set aside instead of being overwritten are kept, one dated folder each."""
    return Path(home) / "backups"


def network_uploads(home: Path, learner: str) -> Path:
    """``learner``'s network files (the LinkedIn archive as sent, introductions) under ``home``."""
    return Path(home) / "network" / safe_name(learner)


def certificate_key(home: Path) -> Path:
    """The installation's key that signs and verifies certificate codes."""
    return Path(home) / "certificate.key"


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

    learner = pick("WORKBENCH_LEARNER", "learner") or env.get("JUPYTERHUB_USER") or _login()

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
    language = pick("WORKBENCH_LANG", "language") or "en"
    return Settings(learner=str(learner), home=home,
                    data_dir=data_dir,
                    seed=int(seed) if seed not in (None, "") else None,
                    language=str(language).strip(),
                    config_file=config_file)


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "learner"
