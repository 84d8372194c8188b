"""Checks of the practice CRM tasks (``crm.practice.<task>``): the answer is the trainee's database.

A trainee does the task in their practice CRM, then presses Check under
``wb.check_button("crm.practice.convert-lead", lambda: db)``; the check reads
the database; a handed-in ``.sqlite`` file is read without being changed
(``check("crm.practice.convert-lead", "amina.sqlite")``).  The reference
solution does the task in a fresh practice CRM built from the learner's data,
through the same public functions the screens use, and hands that database over.

>>> from workbench.practice import sandbox, tiny_dataset
>>> db = sandbox(tiny_dataset())
>>> from workbench.exercises import check
>>> print(check("crm.practice.merge-duplicates", db, record=False).text())
0/1 · Both records (C001 and C003) are still there. Hint: Open Merge duplicates, pick the pair C001 and C003, choose the record to keep and press Merge.
"""

from __future__ import annotations

from pathlib import Path

from workbench.errors import InputError
from workbench.exercises import exercise
from workbench.practice import database, tasks


def as_db(answer, ctx=None):
    """The practice database behind an answer: the database itself, a screen holding one, or its file path.

    A path (a database a trainee handed in) is opened read-only: checking it changes nothing in the file.
    """
    if isinstance(answer, database.PracticeDB):
        return answer
    inner = getattr(answer, "db", None)
    if isinstance(inner, database.PracticeDB):
        return inner
    if isinstance(answer, (str, Path)) and Path(answer).suffix == ".sqlite" and Path(answer).exists():
        return database.open_existing(path=answer, read_only=True)
    raise InputError(f"expected your practice CRM, got {type(answer).__name__}", where="practice task",
                     fix="check the database you worked in: wb.check_button(id, lambda: db) with "
                         "db = practice.open()")


def _fresh(ctx):
    return database.sandbox(ctx.data, trainee=f"{ctx.settings.learner}-reference")


def _register(task):
    def solution(ctx):
        db = _fresh(ctx)
        tasks.solve(db, task.id)
        return db

    def mistake(do):
        def attempt(ctx):
            db = _fresh(ctx)
            do(db, tasks.params(db, task.id))
            return db
        return attempt

    @exercise(f"crm.practice.{task.id}", title=task.title, max_points=task.max_points, solution=solution,
              wrong=[(mistake(do), words) for do, words in task.mistakes])
    def _(answer, ctx):
        return tasks.check(as_db(answer, ctx), task.id)


for _task in tasks.TASKS.values():
    _register(_task)
