"""The result of checking one answer: points, a message, and a hint when wrong.

A hint comes in up to two steps: the first points to where to look, the second
to how.  Give it as one text (the first step only) or as a pair ``(where, how)``;
the Check button shows the first step on the first wrong attempt and the second
from the next one on.

>>> r = Result(1, 2, "The count is right, the total is not.", hint="Sum the amounts.")
>>> r.passed, r.score
(False, 0.5)
>>> print(r.text())
1/2 · The count is right, the total is not. Hint: Sum the amounts.
>>> r = Result.wrong(1, "Not yet.", ("Look at the deals table.", "Count the open ones."))
>>> r.hint, r.hint_at(1), r.hint_at(2), r.hint_at(5)
('Look at the deals table.', 'Look at the deals table.', 'Count the open ones.', 'Count the open ones.')

An open answer (a text a trainer marks, :mod:`workbench.exercises.open_answers`) is
neither passed nor failed when handed in: it waits for the trainer's mark.

>>> r = Result.for_marking(5, "Handed in.")
>>> r.passed, r.to_mark, r.text()
(False, True, 'handed in, waiting for a mark (5 points) · Handed in.')
"""

from __future__ import annotations

import html
from dataclasses import asdict, dataclass

from ..i18n.html import language_attributes
from ..i18n.messages import _


def hint_steps(hint) -> tuple[str, ...]:
    """The steps of a hint given as one text, a pair ``(where, how)``, or ``None``.

    >>> hint_steps("Look at the stage."), hint_steps(("Look at the stage.", "Count the won deals.")), hint_steps(None)
    (('Look at the stage.',), ('Look at the stage.', 'Count the won deals.'), ())
    """
    if hint is None:
        return ()
    steps = (hint,) if isinstance(hint, str) else tuple(hint)
    if not 1 <= len(steps) <= 2 or not all(isinstance(step, str) and step for step in steps):
        raise ValueError(f"a hint is one text or two (where to look, how): got {hint!r}")
    return steps


@dataclass(frozen=True)
class Result:
    """What a check says about an answer.

    ``points`` out of ``max_points``; ``message`` says what is right and the
    first thing that is wrong; ``hint`` points to where to look (``None`` when
    passed) and ``how`` is the second step, shown from the second wrong attempt
    on.  ``hint`` may also be given as the pair ``(where, how)``.
    """

    points: float
    max_points: float
    message: str
    hint: str | None = None
    how: str | None = None
    to_mark: bool = False  # handed in, waiting for the trainer's mark (an open answer)

    def __post_init__(self):
        if self.hint is not None and not isinstance(self.hint, str):
            where, *how = hint_steps(self.hint)
            object.__setattr__(self, "hint", where)
            object.__setattr__(self, "how", how[0] if how else self.how)

    @property
    def hints(self) -> tuple[str, ...]:
        """Every step of the hint, first to last."""
        return tuple(step for step in (self.hint, self.how) if step)

    def hint_at(self, wrong_attempts: int) -> str | None:
        """The hint step for a trainee on their ``wrong_attempts``-th wrong answer (1 = the first)."""
        steps = self.hints
        return steps[min(max(wrong_attempts, 1), len(steps)) - 1] if steps else None

    @classmethod
    def right(cls, max_points: float, message: str) -> Result:
        """Full marks.

        >>> Result.right(2, "Well done.").passed
        True
        """
        return cls(max_points, max_points, message)

    @classmethod
    def wrong(cls, max_points: float, message: str, hint, points: float = 0) -> Result:
        """No (or partial) marks, with a hint: one text, or the steps ``(where, how)``.

        >>> Result.wrong(3, "Not yet.", "Look at the stage column.", points=1).points
        1
        """
        return cls(points, max_points, message, hint)

    @classmethod
    def for_marking(cls, max_points: float, message: str) -> Result:
        """An open answer handed in: no points yet, the trainer marks it out of ``max_points``."""
        return cls(0, max_points, message, to_mark=True)

    @classmethod
    def for_ticks(cls, options: dict, answer, *, right: str, extra: tuple[str, str], missed: tuple[str, str],
                  max_points: float = 2) -> Result:
        """Grade a tick-all-that-apply answer; ``options`` maps each option to whether it belongs.

        Full marks for exactly the right ticks, half for one mistake. ``extra`` and ``missed`` are
        the (message, hint) for the first option ticked wrongly or left out; ``{option}`` in a
        message names it (translated: the options are English message ids).

        >>> options = {"email": True, "card number": False}
        >>> r = Result.for_ticks(options, ["email", "card number"], right="Yes.",
        ...                      extra=("'{option}' does not belong.", "Keep what serves the customer."),
        ...                      missed=("You left out '{option}'.", "Think again."))
        >>> r.points, r.message
        (1.0, "'card number' does not belong.")
        """
        chosen = set(answer or [])
        unknown = sorted(chosen - set(options))
        if unknown:
            return cls.wrong(max_points, _("{option!r} is not one of the options.").format(option=unknown[0]),
                             _("Tick options from the list."))
        should = {option for option, belongs in options.items() if belongs}
        wrongly, left_out = sorted(chosen - should), sorted(should - chosen)
        if not wrongly and not left_out:
            return cls.right(max_points, right)
        points = max_points / 2 if len(wrongly) + len(left_out) == 1 else 0
        message, hint = extra if wrongly else missed
        return cls.wrong(max_points, message.format(option=_((wrongly or left_out)[0])), hint, points=points)

    @property
    def passed(self) -> bool:
        return self.points >= self.max_points

    @property
    def score(self) -> float:
        return self.points / self.max_points if self.max_points else 0.0

    def text(self, wrong_attempts: int = 1) -> str:
        """One line of plain text, as printed outside a notebook, with the hint step for ``wrong_attempts``."""
        if self.to_mark:
            return _("handed in, waiting for a mark ({points} points) · {message}").format(
                points=_fmt(self.max_points), message=self.message)
        out = f"{_fmt(self.points)}/{_fmt(self.max_points)} · {self.message}"
        if self.hint and not self.passed:
            out += " " + _("Hint: {hint}").format(hint=self.hint_at(wrong_attempts))
        return out

    def as_dict(self) -> dict:
        return asdict(self)

    def __str__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        return self.html()

    def html(self, wrong_attempts: int = 1) -> str:
        """The result as a coloured note, with the hint step for ``wrong_attempts``.

        >>> r = Result.wrong(1, "Not yet.", ("Look at the deals.", "Count the open ones."))
        >>> "Count the open ones." in r.html(2), "Count the open ones." in r.html(1)
        (True, False)
        """
        colour, mark = ("#1b7f3b", "✔") if self.passed else (("#a15c00", "◐") if self.points else ("#b3261e", "✘"))
        score = f"{_fmt(self.points)}/{_fmt(self.max_points)}"
        if self.to_mark:
            colour, mark, score = "#1f5fa8", "✎", _("handed in, waiting for a mark")
        hint = ""
        if self.hint and not self.passed:
            step = _("Hint:") if wrong_attempts <= 1 or not self.how else _("Next hint:")
            hint = (f'<div style="margin-top:4px"><b>{html.escape(step)}</b> '
                    f'{html.escape(self.hint_at(wrong_attempts))}</div>')
        return (f'<div role="status" {language_attributes()} style="border-inline-start:4px solid {colour};padding:6px 10px;'
                f'margin:4px 0;font-family:sans-serif">'
                f'<b style="color:{colour}">{mark} {score}</b> '
                f'{html.escape(self.message)}{hint}</div>')


def _fmt(x: float) -> str:
    return f"{x:g}"
