"""Run one handed-in notebook in its sandbox, then check its answers again in a process of the grader's own.

:func:`execute` gives a submission a scratch folder of its own (its notebook, a
verified copy of its data and of the practice CRM handed in), runs
:mod:`workbench.sessions.runner` on it inside the :mod:`~workbench.sessions.sandbox`
(or, when the superuser grades ``unsafe``, as a plain process whose tree is
ended with :mod:`psutil`), reads what the runner wrote, and has
:mod:`workbench.sessions.recheck` check every recorded answer again once every
process of the notebook has ended.

>>> env = sandbox_env(Path("/scratch"), WORKBENCH_LEARNER="amina")
>>> env["HOME"], env["WORKBENCH_LEARNER"], "AWS_SECRET_ACCESS_KEY" in env
('/scratch/user', 'amina', False)
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..settings import CONFIG_NAME, practice_folder, progress_file, progress_folder, variant_folder
from .diagnostics import note
from .sandbox import Sandbox
from .submissions import Submission

PRACTICE_PREFIX = "crm.practice."
#: What a notebook's process may know of the grader's environment (nothing secret: no tokens, no paths of its own).
PASSED_ON = ("PATH", "LANG", "LC_ALL", "TZ", "PYTHONPATH", "PLOTLY_RENDERER")


@dataclass
class Run:
    """How every notebook of one grading run is executed."""

    cell_timeout: float
    notebook_timeout: float
    sandbox: Sandbox | None  # None: graded unsafe, as the grader's own user
    hidden: list[Path] = field(default_factory=list)  # what no notebook may see (class folder, output, caches)


def sandbox_env(scratch: Path, **values: str) -> dict[str, str]:
    """The environment a notebook runs with: a few neutral variables of the grader's, and ``values``."""
    env = {name: os.environ[name] for name in PASSED_ON if name in os.environ}
    env.setdefault("PLOTLY_RENDERER", "json")
    env.update(HOME=str(scratch / "user"), **values)
    return env


def helper(module: str, *args: str) -> list[str]:
    """The command that runs ``python -m module args`` with this interpreter, never importing from the folder it runs in."""
    return [sys.executable, "-P", "-m", module, *args]


def run_process(command: list[str], cwd: Path, env: dict, limit: float) -> tuple[bytes, str | None]:
    """Run a helper process; ``(stderr, None)``, or ``(b"", why)`` when it overran and was stopped with its children."""
    proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _, err = proc.communicate(timeout=limit)
        return err, None
    except subprocess.TimeoutExpired:
        end_tree(proc.pid)
        proc.communicate()
        return b"", note("runner-stopped", seconds=limit)
    finally:
        end_tree(proc.pid)  # whatever it left running (in the sandbox, its PID namespace has ended already)


def end_tree(pid: int) -> None:
    """Kill the process ``pid`` and every process it started that is still its descendant."""
    import psutil

    try:
        root = psutil.Process(pid)
        family = root.children(recursive=True) + [root]
    except psutil.Error:
        return
    for proc in family:
        try:
            proc.kill()
        except psutil.Error:
            pass
    psutil.wait_procs(family, timeout=5)


def last_line(stderr: bytes) -> str:
    """The last line a helper process wrote to its error output: usually what went wrong."""
    lines = (stderr or b"").decode("utf-8", "replace").strip().splitlines()
    return lines[-1][:300] if lines else "no output"


def _data(sub: Submission, scratch: Path, home: Path, config: dict, env: dict) -> dict:
    """Copy the submission's data into its scratch folder; the parameters the notebook runs with."""
    from .copies import verified_copy

    if sub.data.seed is not None:
        if sub.data.folder is not None:
            verified_copy(sub.data.folder, variant_folder(home, sub.data.seed), sub.data.fingerprint)
        env["WORKBENCH_SEED"] = str(config.setdefault("seed", sub.data.seed))
        return {"data_dir": None, "data_seed": sub.data.seed}
    folder = verified_copy(sub.data.folder, scratch / "data", sub.data.fingerprint)
    env["WORKBENCH_DATA"] = config["data_dir"] = str(folder)
    return {"data_dir": str(folder), "data_seed": None}


def execute(sub: Submission, scratch: Path, executed: Path, run: Run) -> Submission:
    """Run one submission on its own copy of its data, in its sandbox, then check its answers again."""
    started = time.perf_counter()
    if scratch.exists():
        shutil.rmtree(scratch)
    home, work = scratch / "home", scratch / "work"
    for folder in (progress_folder(home), work, scratch / "user"):
        folder.mkdir(parents=True)
    if sub.path.is_symlink() or not sub.path.is_file() or sub.path.suffix != ".ipynb":
        code = ("notebook-symlink" if sub.path.is_symlink() else "notebook-folder" if sub.path.is_dir() else
                "not-notebook")
        sub.result = {"status": "unreadable", "cells": [], "seconds": 0.0,
                      "problems": [note(code, path=sub.path.name)]}
    else:
        config = {"learner": sub.trainee, "home": str(home)}
        env = sandbox_env(scratch, WORKBENCH_HOME=str(home), WORKBENCH_LEARNER=sub.trainee)
        parameters = _data(sub, scratch, home, config, env)
        if sub.handed.practice is not None:  # the notebook's cells show the trainee's own practice CRM
            from .copies import verified_copy

            verified_copy(sub.handed.practice, practice_folder(home), sub.handed.practice_fingerprint)
        copy = work / sub.path.name
        shutil.copyfile(sub.path, copy)
        (work / CONFIG_NAME).write_text(json.dumps(config), encoding="utf-8")
        result_file, inside = scratch / "result.json", scratch / "executed.ipynb"
        command = helper("workbench.sessions.runner", str(copy), str(result_file), "--executed", str(inside),
                         "--cell-timeout", str(run.cell_timeout), "--notebook-timeout", str(run.notebook_timeout),
                         "--parameters", json.dumps(parameters))
        err, why = _sandboxed(command, scratch, env, run)
        if why is None:
            try:
                if result_file.is_symlink():  # written in the notebook's scratch folder: never followed
                    raise ValueError("a link")
                sub.result = json.loads(result_file.read_text(encoding="utf-8"))
                if not isinstance(sub.result, dict) or not isinstance(sub.result.get("cells", []), list):
                    raise ValueError("not a result")
            except (OSError, ValueError):
                why = note("runner-failed", error=last_line(err))
        if why is not None:
            sub.result = {"status": "failed", "cells": [], "seconds": run.notebook_timeout, "problems": [why]}
        if inside.is_file() and not inside.is_symlink():
            executed.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(inside, executed)
    recheck(sub, scratch, cell_timeout=run.cell_timeout, limit=run.notebook_timeout)
    sub.seconds = round(time.perf_counter() - started, 3)
    return sub


def _sandboxed(command: list[str], scratch: Path, env: dict, run: Run) -> tuple[bytes, str | None]:
    """Run ``command`` for the notebook in ``scratch``: in its sandbox, or (unsafe) as a plain process."""
    limit = run.notebook_timeout + 60
    if run.sandbox is None:
        return run_process(command, scratch, {**os.environ, **env}, limit)
    with run.sandbox.account() as account:
        run.sandbox.hand_over(scratch, account)
        wrapped = run.sandbox.command(command, scratch=scratch, hidden=run.hidden, env=env, account=account)
        return run_process(wrapped, scratch, env, limit)


def recheck(sub: Submission, scratch: Path, *, cell_timeout: float, limit: float) -> None:
    """Check the notebook's answers and the practice CRM again, in a process of the grader's own."""
    wanted = sub.wanted()
    tasks = [e for e in wanted if e.startswith(PRACTICE_PREFIX)]
    run_log = progress_file(scratch / "home", sub.trainee)  # the graded run's own checks
    run_log = run_log if run_log.is_file() and not run_log.is_symlink() else None
    lab = sorted((r for r in sub.handed.records if r.get("exercise") in wanted and ("answer" in r or "unsupported" in r)),
                 key=lambda r: str(r.get("at", "")))  # several logs (two laptops): attempts in the order they were made
    practice = None
    if tasks and sub.handed.practice is not None:
        practice = {"folder": str(sub.handed.practice), "fingerprint": sub.handed.practice_fingerprint,
                    "tasks": tasks}
    if run_log is None and not lab and practice is None:
        return
    folder = Path(tempfile.mkdtemp(prefix="workbench-recheck-job-"))
    job = {"learner": sub.trainee, "exercises": [e for e in wanted if e not in tasks],
           "run": str(run_log) if run_log else None, "lab": str(folder / "lab.jsonl") if lab else None,
           "practice": practice,
           "data": {"source": str(sub.data.folder) if sub.data.folder else None, "fingerprint": sub.data.fingerprint,
                    "seed": sub.data.seed},
           "check_timeout": cell_timeout, "language": sub.language}
    try:
        (folder / "job.json").write_text(json.dumps(job), encoding="utf-8")
        (folder / "lab.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lab),
                                          encoding="utf-8")
        command = helper("workbench.sessions.recheck", str(folder / "job.json"), str(folder / "result.json"))
        err, why = run_process(command, folder, {k: v for k, v in os.environ.items()
                                                 if not k.startswith("WORKBENCH_")}, limit)
        try:
            sub.recheck = json.loads((folder / "result.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            sub.recheck = {"failed": why or last_line(err)}
    finally:
        shutil.rmtree(folder, ignore_errors=True)
