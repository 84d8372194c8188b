"""Open answers a trainer marks: a short text (an email, a post, a plan) and the rubric it is marked with.

An open exercise asks for a few sentences no check can judge.  Check saves the
text and says it waits for the trainer's mark, showing the rubric the trainer
will use; an empty or too-short text gets a message and a two-step hint instead.
Progress counts the exercise as done once handed in ("handed in, waiting for a
mark").  ``workbench session grade`` collects the last text each trainee handed
in into a marking sheet, and ``workbench session marks`` brings the trainer's
marks back into the grades (:mod:`workbench.sessions.marking_sheet`).

An open exercise is registered in the same registry as every other, with
:func:`open_exercise`, in its lesson's check module.  Its title, question, rubric,
hints and label are declared in English: they are the exercise's message ids (the
catalogue extractor reads them), translated when a trainee or trainer reads them:

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
import sys
from dataclasses import dataclass

from ..i18n.messages import _, ngettext
from .forms import LongText
from .result import Result


@dataclass(frozen=True)
class Criterion:
    """One line of a rubric: what it is called, how many points, what earns them."""

    name: str
    points: float
    earns: str

    def text(self) -> str:
        """The criterion in the reader's language: its name, its points, what earns them."""
        return ngettext("{name} ({points:g} point): {earns}", "{name} ({points:g} points): {earns}",
                        self.points).format(name=_(self.name), points=self.points, earns=_(self.earns))


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
        items = "".join(f"<li><b>{html.escape(_(c.name))}</b> ({c.points:g}): {html.escape(_(c.earns))}</li>"
                        for c in self.criteria)
        heading = _("Your trainer marks this out of {points:g} points:").format(points=self.max_points)
        return f'<div style="font-size:95%">{html.escape(heading)}<ul style="margin:2px 0 6px 0">{items}</ul></div>'

    def texts(self) -> tuple[str, ...]:
        """Every text of the rubric, in English: the message ids the catalogue holds."""
        return tuple(text for c in self.criteria for text in (c.name, c.earns))


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
    form = LongText(label=label, rows=10, intro=rubric.html)

    def hand_in(answer, ctx):
        shown = tuple(_(hint) for hint in hints)
        if not isinstance(answer, str):
            return Result.wrong(rubric.max_points, _("Your answer is not a text."), shown)
        count = words(answer)
        if count == 0:
            return Result.wrong(rubric.max_points, _("Your text is empty."), shown)
        if count < min_words:
            return Result.wrong(rubric.max_points, ngettext(
                "Your text has {count} word; your trainer needs at least {least} to mark it.",
                "Your text has {count} words; your trainer needs at least {least} to mark it.",
                count).format(count=count, least=min_words), shown)
        criteria = ", ".join(f"{_(c.name)} ({c.points:g})" for c in rubric.criteria)
        return Result.for_marking(rubric.max_points, _(
            "Saved ({count} words). Your trainer marks it out of {points:g} points with the rubric above: "
            "{criteria}. It counts as done now; your last text is the one marked.").format(
            count=count, points=rubric.max_points, criteria=criteria))

    hand_in.__module__ = sys._getframe(1).f_globals.get("__name__", __name__)  # the declaring module, as for a check
    exercise(id, title=title, solution=lambda ctx: model, answer=form, max_points=rubric.max_points,
             open_task=task, texts=(question, *hints, *rubric.texts()),
             wrong=[(lambda ctx: " ".join(model.split()[:max(min_words // 4, 1)]), hints[1])])(hand_in)
    return hand_in
