"""A decision question: one right option among at least four plausible ones, a message and a hint for each.

The assessments ask many of them; each wrong option says why it falls short and points the way
without naming the right one.

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
from workbench.exercises import Result, exercise
from workbench.exercises.answers import Choice


def decision(id: str, *, title: str, right: str, why: str, wrong: dict[str, tuple[str, str]],
             label: str = "Your choice") -> None:
    """Register exercise ``id``: ``right`` earns the point with the message ``why``; each option of ``wrong``
    maps to ``(message, hint)``. The options are offered in alphabetical order, so their place says nothing."""
    if len(wrong) < 3:
        raise ExerciseError(f"{id} offers {len(wrong) + 1} options", fix="give at least three wrong options")
    options = sorted([right, *wrong], key=str.lower)

    @exercise(id, title=title, answer=Choice(options, label=label), solution=lambda ctx: right,
              wrong=[(lambda ctx, o=o: o, hint) for o, (_, hint) in wrong.items()])
    def _check(answer, ctx):
        if answer == right:
            return Result.right(1, why)
        if answer in wrong:
            return Result.wrong(1, *wrong[answer])
        return Result.wrong(1, f"{answer!r} is not one of the options.", "Pick one of the options in the list.")
