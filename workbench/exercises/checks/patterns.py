"""Two exercise shapes many lessons share, registered in one call: tick every option that applies,
and pick the one right option among several.

Each registers an exercise with its answer form, its reference solution and its
plausible wrong answers, so a lesson module only states the question, the options
and what to say.

>>> from workbench.exercises import check
>>> one_right_choice("start.patterns-demo.colour", title="Which colour is the sky?",
...                  options=["blue", "green"], right_option="blue", right="Yes: blue.",
...                  wrong_message="Not {answer}.", hint="Look up.", wrong=[("green", "look")])
>>> check("start.patterns-demo.colour", "green", record=False).text()
'0/1 · Not green. Hint: Look up.'
>>> from workbench.exercises.registry import _REGISTRY
>>> _ = _REGISTRY.pop("start.patterns-demo.colour")  # a demonstration, not a real exercise
"""

from __future__ import annotations

from workbench.exercises import Result, exercise
from workbench.exercises.forms import Choice, MultiChoice, option_label
from workbench.exercises.result import hint_steps
from workbench.i18n.messages import _


def tick_exercise(id: str, *, title: str, options: dict, right: str, extra: tuple[str, str],
                  missed: tuple[str, str], wrong: list[tuple[list, str]], max_points: float = 2) -> None:
    """Register a tick-every-option-that-applies exercise graded by :meth:`Result.for_ticks`.

    ``options`` maps each option to whether it belongs; ``wrong`` lists plausible
    answers (the options ticked) with the words their hint must contain.

    >>> from workbench.exercises import check
    >>> tick_exercise("start.patterns-demo.fruit", title="Tick the fruit.", options={"apple": True, "leek": False},
    ...               right="Yes.", extra=("'{option}' is a vegetable.", "Think of dessert."),
    ...               missed=("You left out '{option}'.", "Think of dessert."), wrong=[(["leek"], "dessert")])
    >>> check("start.patterns-demo.fruit", ["apple", "leek"], record=False).text()
    "1/2 · 'leek' is a vegetable. Hint: Think of dessert."
    >>> from workbench.exercises.registry import _REGISTRY
    >>> _ = _REGISTRY.pop("start.patterns-demo.fruit")  # a demonstration, not a real exercise
    """
    belong = [option for option, yes in options.items() if yes]

    def grade(answer, ctx):
        return Result.for_ticks(options, answer, right=_(right), extra=_pair(extra), missed=_pair(missed),
                                max_points=max_points)

    exercise(id, title=title, answer=MultiChoice(list(options)), max_points=max_points,
             solution=lambda ctx: list(belong),
             wrong=[(lambda ctx, ticked=ticked: list(ticked), words) for ticked, words in wrong],
             texts=(right, extra, missed))(grade)


def _pair(declared: tuple[str, object]) -> tuple[str, tuple[str, ...]]:
    """A declared ``(message, hint)`` in the trainee's language, the hint's steps each translated."""
    message, hint = declared
    return _(message), tuple(_(step) for step in hint_steps(hint))


def one_right_choice(id: str, *, title: str, options: list, right_option, right: str, wrong_message: str,
                     hint: str, wrong: list[tuple[object, str]], label: str = "Your answer") -> None:
    """Register a pick-one exercise with a single right option.

    ``wrong_message`` may name the answer as ``{answer}``; the same ``hint`` serves
    every wrong option, so it must point the way without naming the right one.
    """
    if right_option not in options:
        raise ValueError(f"{id}: the right option {right_option!r} is not among the options")

    def grade(answer, ctx):
        if answer == right_option:
            return Result.right(1, _(right))
        if answer in options:
            return Result.wrong(1, _(wrong_message).format(answer=option_label(answer)),
                                tuple(_(step) for step in hint_steps(hint)))
        return Result.wrong(1, _('{answer!r} is not one of the options.').format(answer=answer), (_('Look at the list under the question: the answer is one of its options.'), _("Pick one of the options.")))

    exercise(id, title=title, answer=Choice(list(options), label=label), solution=lambda ctx: right_option,
             wrong=[(lambda ctx, option=option: option, words) for option, words in wrong],
             texts=(right, wrong_message, hint))(grade)
