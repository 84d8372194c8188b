"""Where the class stands: who is logged in, whose lab runs, how far each trainee is.

The hub says who has been active and whose server runs; each trainee's progress log,
read as root from their workbench home, says how many of the course's exercises they
have done.

>>> print(format_status([Standing("amina", "Amina Diallo", True, True, "2026-12-03T09:10", 3, 120)]))
login  name          logged in  lab      last active       progress
amina  Amina Diallo  yes        running  2026-12-03 09:10  3 of 120 exercises
"""

from __future__ import annotations

from dataclasses import dataclass

from ..accounts import find_account
from .folder import ClassFolder
from .trainees import WORKBENCH_HOME


@dataclass(frozen=True)
class Standing:
    """One trainee's standing in the class."""

    login: str
    name: str
    logged_in: bool
    running: bool
    last_active: str | None
    done: int
    total: int


def class_status(folder: ClassFolder) -> list[Standing]:
    """Every trainee's standing, from the running hub and their progress logs."""
    from ..exercises.course import course_progress
    from .hub import api

    users = {u["name"]: u for u in api(folder, "users")}
    rows = []
    for trainee in folder.trainees():
        user = users.get(trainee.login, {})
        account = find_account(trainee.login)
        progress = course_progress(learner=trainee.login, home=account.home / WORKBENCH_HOME) if account else None
        rows.append(Standing(trainee.login, trainee.name, logged_in=bool(user.get("last_activity")),
                             running=bool(user.get("servers")), last_active=user.get("last_activity"),
                             done=sum(t.done for t in progress.tracks) if progress else 0,
                             total=sum(t.total for t in progress.tracks) if progress else 0))
    return rows


def format_status(rows: list[Standing]) -> str:
    """The standings as a plain table, one trainee a line."""
    table = [("login", "name", "logged in", "lab", "last active", "progress")]
    for r in rows:
        table.append((r.login, r.name, "yes" if r.logged_in else "no", "running" if r.running else "stopped",
                      (r.last_active or "never")[:16].replace("T", " "), f"{r.done} of {r.total} exercises"))
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in table)
