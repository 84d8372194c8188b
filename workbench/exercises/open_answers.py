"""Open answers a trainer marks: a short text (an email, a post, a plan) and the rubric it is marked with.

An open exercise asks for a few sentences no check can judge.  Check saves the
text and says it waits for the trainer's mark, showing the rubric the trainer
will use; an empty or too-short text gets a message and a two-step hint instead.
Progress counts the exercise as done once handed in ("handed in, waiting for a
mark").  ``workbench session grade`` collects the last text each trainee handed
in into a marking sheet, and ``workbench session marks`` brings the trainer's
marks back into the grades (:mod:`workbench.sessions.marking_sheet`).

An open exercise is registered in the same registry as every other, with
:func:`open_exercise`, in its lesson's check module:

>>> from workbench.exercises import check, get
>>> from workbench.exercises.check import Context
>>> email = get("crm.activities.follow-up-email")  # registered in checks/crm/activities.py
>>> email.max_points, email.is_open
(5, True)
>>> print(check(email.id, "Thanks!", ctx=Context(), record=False).text())
0/5 · Your text has 1 word; your trainer needs at least 40 to mark it. Hint: Reread the call above the box: what did you promise, and what did you suggest?
>>> check(email.id, email.reference(None), ctx=Context(), record=False).to_mark
True
>>> rubric = Rubric([Criterion("Purpose", 1, "says in the first line why you write"),
...                  Criterion("Next step", 2, "proposes a date and what happens then")])
>>> print(rubric.text())
Purpose (1 point): says in the first line why you write
Next step (2 points): proposes a date and what happens then
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from .forms import LongText
from .result import Result


@dataclass(frozen=True)
class Criterion:
    """One line of a rubric: what it is called, how many points, what earns them."""

    name: str
    points: float
    earns: str

    def text(self) -> str:
        return f"{self.name} ({self.points:g} point{'s' * (self.points != 1)}): {self.earns}"


@dataclass(frozen=True)
class Rubric:
    """The criteria a trainer marks an open answer with; the answer's points are their sum."""

    criteria: tuple[Criterion, ...]

    def __init__(self, criteria):
        criteria = tuple(criteria)
        names = [c.name for c in criteria]
        if not criteria or len(set(names)) != len(names) or any(c.points <= 0 for c in criteria):
            raise ValueError(f"a rubric needs criteria with different names and positive points: {names}")
        object.__setattr__(self, "criteria", criteria)

    @property
    def max_points(self) -> float:
        return sum(c.points for c in self.criteria)

    def text(self) -> str:
        """The rubric as plain text, one criterion a line."""
        return "\n".join(c.text() for c in self.criteria)

    def html(self) -> str:
        """The rubric as a short list, as the trainee reads it above the box.

        >>> "<li><b>Tone</b>" in Rubric([Criterion("Tone", 1, "polite")]).html()
        True
        """
        items = "".join(f"<li><b>{html.escape(c.name)}</b> ({c.points:g}): {html.escape(c.earns)}</li>"
                        for c in self.criteria)
        return (f'<div style="font-size:95%">Your trainer marks this out of {self.max_points:g} points:'
                f'<ul style="margin:2px 0 6px 0">{items}</ul></div>')


@dataclass(frozen=True)
class OpenTask:
    """What an open exercise asks (the question the marking sheet shows) and how it is marked."""

    question: str
    rubric: Rubric
    min_words: int


def words(text: str) -> int:
    """How many words ``text`` holds.

    >>> words("Dear Ms Jahan,  thank you."), words("")
    (5, 0)
    """
    return len(text.split())


def open_exercise(id: str, *, title: str, question: str, rubric: Rubric, model: str, hints: tuple[str, str],
                  min_words: int = 40, label: str = "Your text"):
    """Register the open exercise ``id``: a text of at least ``min_words`` words, marked with ``rubric``.

    ``question`` is the task as the trainer reads it in the marking sheet; ``model`` an answer that
    would earn every point (the reference the tests hand in); ``hints`` the two steps a trainee
    whose text is empty or too short reads (where to look, how).
    """
    from .registry import exercise

    task = OpenTask(question, rubric, min_words)
    form = LongText(label=label, rows=10, intro=rubric.html())

    def hand_in(answer, ctx):
        if not isinstance(answer, str):
            return Result.wrong(rubric.max_points, "Your answer is not a text.", hints)
        count = words(answer)
        if count == 0:
            return Result.wrong(rubric.max_points, "Your text is empty.", hints)
        if count < min_words:
            return Result.wrong(rubric.max_points, f"Your text has {count} word{'s' * (count != 1)}; your trainer "
                                                   f"needs at least {min_words} to mark it.", hints)
        criteria = ", ".join(f"{c.name} ({c.points:g})" for c in rubric.criteria)
        return Result.for_marking(rubric.max_points, f"Saved ({count} words). Your trainer marks it out of "
                                                     f"{rubric.max_points:g} points with the rubric above: {criteria}. "
                                                     "It counts as done now; your last text is the one marked.")

    exercise(id, title=title, solution=lambda ctx: model, answer=form, max_points=rubric.max_points,
             open_task=task, wrong=[(lambda ctx: " ".join(model.split()[:max(min_words // 4, 1)]), hints[1])])(hand_in)
    return hand_in
