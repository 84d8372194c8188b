"""The assessments' two kinds of question, declared rather than coded one by one.

A *decision*: one right option among at least four plausible ones, each wrong option with the
message saying why it falls short and a hint pointing the way without naming the right one.
A *number question*: a number computed from the learner's data, the numbers that plausible
mistakes give (each with its message and hint), and what to say about any other number.

>>> from workbench.exercises import check, get
>>> decision("start.example.colour", title="Which colour means go?", right="green", why="Yes.",
...          wrong={"red": ("Red means stop.", "Think of a traffic light."),
...                 "blue": ("No light is blue.", "Think of a traffic light."),
...                 "amber": ("Amber means wait.", "Think of a traffic light.")})
>>> get("start.example.colour").answer.options
['amber', 'blue', 'green', 'red']
>>> print(check("start.example.colour", "red", record=False).text())
0/1 · Red means stop. Hint: Think of a traffic light.
>>> from workbench.exercises import registry
>>> del registry._REGISTRY["start.example.colour"]  # an example, not an exercise of the course
"""

from __future__ import annotations

from workbench.errors import ExerciseError
from workbench.exercises import Mistake, Result, exercise
from workbench.exercises.forms import Choice, Number
from workbench.exercises.marking import close
from workbench.i18n.messages import _


def decision(id: str, *, title: str, right: str, why: str, wrong: dict[str, tuple[str, str]],
             label: str = "Your choice") -> None:
    """Register exercise ``id``: ``right`` earns the point with the message ``why``; each option of ``wrong``
    maps to ``(message, hint)``. The options are offered in alphabetical order, so their place says nothing."""
    if len(wrong) < 3:
        raise ExerciseError(_('{id} offers {n_wrong} options').format(id=id, n_wrong=len(wrong) + 1), fix=_("give at least three wrong options"))
    options = sorted([right, *wrong], key=str.lower)

    @exercise(id, title=title, answer=Choice(options, label=label), solution=lambda ctx: right,
              wrong=[Mistake(lambda ctx, o=o: o, message, hint) for o, (message, hint) in wrong.items()],
              texts=(why,))
    def _check(answer, ctx):  # each wrong option is a declared mistake: the engine answers with its own words
        if answer == right:
            return Result.right(1, _(why))
        return Result.wrong(1, _('{answer!r} is not one of the options.').format(answer=answer), _("Pick one of the options in the list."))


def number_question(id: str, *, title: str, label: str, value, right, mistakes, otherwise: tuple[str, str],
                    tolerance: float = 0) -> None:
    """Register exercise ``id``, answered with a whole number: ``value(ctx)``, within ``tolerance``.

    ``right(ctx, expected)`` is the message for the right number; ``mistakes`` lists
    ``(ctx -> the number a mistake gives, message, hint)``, tried in order; ``otherwise`` is the
    ``(message, hint)`` for any other number, ``{answer}`` in the message naming it.

    >>> from workbench.exercises import check, registry
    >>> number_question("start.example.legs", title="How many legs has a spider?", label="Legs",
    ...                 value=lambda ctx: 8, right=lambda ctx, n: f"Yes: {n}.",
    ...                 mistakes=[(lambda ctx: 6, "Six is an insect.", "Spiders are not insects.")],
    ...                 otherwise=("{answer} legs? No.", "Count the pairs."))
    >>> print(check("start.example.legs", 6, record=False).text())
    0/1 · Six is an insect. Hint: Spiders are not insects.
    >>> print(check("start.example.legs", 3, record=False).text())
    0/1 · 3 legs? No. Hint: Count the pairs.
    >>> del registry._REGISTRY["start.example.legs"]  # an example, not an exercise of the course
    """
    def near(answer, mistaken):
        return close(answer, mistaken, tolerance=tolerance)

    @exercise(id, title=title, answer=Number(label, integer=True), solution=value,
              wrong=[Mistake(make, message, hint, compare=near) for make, message, hint in mistakes], texts=otherwise)
    def _check(answer, ctx):  # the engine tries the declared mistakes, in order, when this fails
        expected = value(ctx)
        if near(answer, expected):
            return Result.right(1, right(ctx, expected))
        return Result.wrong(1, _(otherwise[0]).format(answer=answer), _(otherwise[1]))
