"""Each trainee's Unix account and home, made ready for their lab.

:func:`prepare` creates the account (``useradd`` as root, home mode 0700, so no trainee
reads another's files) and then, running as the trainee, copies the lessons into their
workbench home (``workbench lessons copy``), generates their data variant and, when the
roster gives a language whose JupyterLab language pack is installed, sets the lab's
menus to it.  Nothing in a trainee's home is written by root: a trainee could have put
a symbolic link there.  :func:`as_trainee` runs any command that way.

>>> lab_locale("fr"), lab_locale("ar-SA"), lab_locale("")
('fr_FR', 'ar_SA', '')
"""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..accounts import Account, as_account, ensure_account
from ..errors import WorkbenchError
from .roster import Trainee, course_language

WORKBENCH_HOME = ".workbench"  # a trainee's workbench home, in their Unix home
LAB_LOCALES = {"fr": "fr_FR", "ar": "ar_SA"}  # the JupyterLab language packs the [hub] extra installs
TRANSLATION_SETTINGS = Path(".jupyter/lab/user-settings/@jupyterlab/translation-extension/plugin.jupyterlab-settings")


def lab_locale(lang: str) -> str:
    """The JupyterLab locale of a roster language (``""``: the lab's default, English)."""
    if not lang:
        return ""
    base, _, region = lang.replace("_", "-").partition("-")
    return f"{base}_{region.upper()}" if region else LAB_LOCALES.get(base, "")


def environment(account: Account, trainee: Trainee) -> dict[str, str]:
    """What the workbench reads in a trainee's processes: who they are, their home, their data variant."""
    import os

    env = {"HOME": str(account.home), "USER": account.name, "LOGNAME": account.name,
           "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "WORKBENCH_LEARNER": trainee.login,
           "WORKBENCH_SEED": str(trainee.seed)}
    if os.environ.get("PYTHONPATH"):
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    if trainee.lang:
        env["WORKBENCH_LANG"] = course_language(trainee.lang)
    return env


def as_trainee(account: Account, trainee: Trainee, argv: list[str], **kwargs) -> subprocess.CompletedProcess:
    """Run ``argv`` as the trainee, in their home, with their environment (``kwargs`` go to subprocess.run)."""
    done = subprocess.run([*as_account(account), *argv], cwd=account.home, env=environment(account, trainee),
                          capture_output=True, **kwargs)
    if done.returncode != 0:
        err = done.stderr if isinstance(done.stderr, str) else done.stderr.decode(errors="replace")
        raise WorkbenchError(f"`{' '.join(argv[:3])}...` failed for {trainee.login}: {err.strip()[-300:]}",
                             where="classroom", fix="read the message above; the hub log is in the class folder")
    return done


def make_home_ready(seed: int, locale: str, lang: str = "en") -> None:
    """Run as the trainee, with their environment: lesson copies (in ``lang``), data variant and the lab's language
    in their home.  The variant is loaded and checked once here, and the load kept in their home
    (:mod:`workbench.data.load_cache`), so that their first kernel in class reads it back instead."""
    from ..data.active import start
    from ..lesson_copies import prepare as copy_lessons

    home = Path.home() / WORKBENCH_HOME
    copy_lessons(home, lang=lang)
    start(seed=seed)
    settings = Path.home() / TRANSLATION_SETTINGS
    if locale and not settings.exists():
        settings.parent.mkdir(parents=True, exist_ok=True)
        settings.write_text(json.dumps({"locale": locale}), encoding="utf-8")


def _installed_locales() -> set[str]:
    from importlib.metadata import distributions

    prefix = "jupyterlab-language-pack-"
    return {d.metadata["Name"].lower()[len(prefix):].replace("-", "_") for d in distributions()
            if (d.metadata["Name"] or "").lower().startswith(prefix)}


def prepare(trainees: list[Trainee], *, jobs: int | None = None) -> dict[str, Account]:
    """Every trainee's account, created when missing, and their home made ready (in parallel)."""
    import os

    installed = _installed_locales()

    def one(trainee: Trainee) -> Account:
        account = ensure_account(trainee.login, login=True, purpose="class trainee")
        locale = lab_locale(trainee.lang)
        locale = locale if locale.lower() in installed else ""
        as_trainee(account, trainee, [sys.executable, "-c", "from workbench.classroom.trainees import "
                                      f"make_home_ready; make_home_ready({int(trainee.seed)}, {locale!r}, "
                                      f"{course_language(trainee.lang)!r})"])
        return account

    with ThreadPoolExecutor(max_workers=jobs or os.cpu_count() or 1) as pool:
        return dict(zip((t.login for t in trainees), pool.map(one, trainees)))


def lab_folder(account: Account, trainee: Trainee) -> Path:
    """The folder a trainee's lab opens: their copies of the lessons, in their language."""
    from ..settings import lesson_copies

    return lesson_copies(account.home / WORKBENCH_HOME, course_language(trainee.lang))
