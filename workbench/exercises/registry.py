"""The exercise registry: every exercise id, its check and how a trainee answers it.

An exercise id reads ``track.lesson.name`` (``crm.intro.count-contacts``).
Its check lives in ``workbench/exercises/checks/<track>/<lesson>.py`` (hyphens
become underscores) and is registered with :func:`exercise`; the module is
imported the first time one of its ids is asked for, so a notebook only pays
for its own lesson.

>>> ex = get("crm.intro.count-contacts")
>>> ex.title
'How many contacts does Acme have?'
>>> ex.max_points
1
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import ExerciseError
from ..i18n.messages import _
from .mistakes import Mistake, recognise
from .result import Result

_REGISTRY: dict[str, Exercise] = {}
CHECKS_PACKAGE = "workbench.exercises.checks"


@dataclass(frozen=True)
class Exercise:
    """One registered exercise."""

    id: str
    title: str
    check: Callable[[Any, Any], Any]
    max_points: float = 1
    answer: Any = None  # an answer form from workbench.exercises.forms (how to answer without code)
    lesson: str = ""
    solution: Callable[[Any], Any] | None = None  # ctx -> the reference answer
    wrong: tuple[Mistake, ...] = ()  # plausible wrong answers, see workbench.exercises.mistakes
    texts: tuple = ()  # other texts the check shows, declared in English (message ids for the catalogue)
    open_task: Any = None  # an open answer a trainer marks: its question and rubric (workbench.exercises.open_answers)

    @property
    def is_open(self) -> bool:
        """True for an open answer: a text handed in, marked by a trainer against a rubric."""
        return self.open_task is not None

    def mark(self, answer, ctx):
        """Mark ``answer``: the check's own verdict, unless it fails an answer that is a declared mistake,
        which then answers with its message and hint (tried in order, before the check's own messages).

        A mistake never overrides a pass: on some data a "mistake" may be right too.

        >>> ex = get("crm.intro.count-contacts")
        >>> from workbench.exercises import Context
        >>> ctx = Context()
        >>> ex.mark(len(ctx.data.accounts), ctx).hints
        ('You counted companies: look at the contacts table instead.', 'Count the rows of the contacts table: one row per person.')
        """
        result = self.check(answer, ctx)
        if not isinstance(result, Result) or result.passed or result.to_mark:  # garbage is run_check's to report
            return result
        return recognise(self.wrong, answer, ctx, self.max_points) or result

    def reference(self, ctx):
        """The reference answer for this learner's data."""
        if self.solution is None:
            raise ExerciseError(_('{id} has no reference solution').format(id=self.id), fix=_("give exercise() a solution="))
        return self.solution(ctx)


def exercise(id: str, *, title: str, solution, wrong, max_points: float = 1, answer=None, texts=(), open_task=None):
    """Register the decorated function as the check of exercise ``id``.

    The function takes ``(answer, ctx)`` and returns a
    :class:`~workbench.exercises.result.Result`; ``ctx`` gives the learner's
    data (``ctx.data``).

    ``solution(ctx)`` returns the reference answer and ``wrong`` lists
    plausible mistakes: each a :class:`~workbench.exercises.mistakes.Mistake`
    with its message and hint (the engine recognises it, so the check body
    does not test for it again), or ``(ctx -> answer, words the hint must
    contain)`` for one the check body recognises itself.  The test suite checks
    every exercise passes its solution, fails the blank stub and fails each
    mistake with its message and hint.  ``texts`` lists any other text the check shows that is declared
    in English rather than written through ``_()`` (a helper's ``why=``): the catalogue extractor reads
    them, and the check translates them when it shows them.  ``open_task`` marks an open answer (registered by
    :func:`workbench.exercises.open_answers.open_exercise`).
    """
    _validate_id(id)
    if not wrong:
        raise ExerciseError(_('{id} lists no plausible wrong answer').format(id=id), fix=_("give exercise() a wrong=[...]"))

    def register(fn):
        _REGISTRY[id] = Exercise(id=id, title=title, check=fn, max_points=max_points,
                                 answer=answer, lesson=".".join(id.split(".")[:2]),
                                 solution=solution, wrong=tuple(map(Mistake.declared, wrong)), texts=tuple(texts),
                                 open_task=open_task)
        return fn

    return register


def _validate_id(id: str) -> None:
    parts = id.split(".")
    if len(parts) != 3 or not all(parts):
        raise ExerciseError(_('exercise id {id!r} must read track.lesson.name').format(id=id),
                            fix=_("use three dot-separated parts, e.g. crm.intro.count-contacts"))


def _module_for(id: str) -> str:
    track, lesson, _ = id.split(".")
    return f"{CHECKS_PACKAGE}.{track}.{lesson.replace('-', '_')}"


def get(id: str) -> Exercise:
    """The exercise called ``id``; a clear :class:`ExerciseError` if there is none."""
    if not isinstance(id, str) or id.count(".") != 2:
        raise ExerciseError(_("{id!r} is not an exercise id").format(id=id),
                            fix=_("copy the id shown above the exercise, e.g. 'crm.intro.count-contacts'"))
    if id not in _REGISTRY:
        try:
            importlib.import_module(_module_for(id))
        except ModuleNotFoundError:
            pass
    if id not in _REGISTRY:
        lesson = ".".join(id.split(".")[:2])
        near = sorted(e for e in _REGISTRY if e.startswith(lesson + "."))
        fix = (_("known ids in {lesson}: {ids}").format(lesson=lesson, ids=", ".join(near)) if near
               else _("copy the id shown above the exercise"))
        raise ExerciseError(_("there is no exercise called {id!r}").format(id=id), fix=fix)
    return _REGISTRY[id]


def all_exercises() -> list[Exercise]:
    """Every exercise of every lesson, sorted by id (imports all check modules)."""
    package = importlib.import_module(CHECKS_PACKAGE)
    for info in pkgutil.walk_packages(package.__path__, prefix=CHECKS_PACKAGE + "."):
        importlib.import_module(info.name)
    return [_REGISTRY[k] for k in sorted(_REGISTRY)]
