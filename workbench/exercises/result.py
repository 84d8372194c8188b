"""The result of checking one answer: points, a message, and a hint when wrong.

>>> r = Result(1, 2, "The count is right, the total is not.", hint="Sum the 'amount' column.")
>>> r.passed, r.score
(False, 0.5)
>>> print(r.text())
1/2 · The count is right, the total is not. Hint: Sum the 'amount' column.
"""

from __future__ import annotations

import html
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Result:
    """What a check says about an answer.

    ``points`` out of ``max_points``; ``message`` says what is right and the
    first thing that is wrong; ``hint`` points to the fix (``None`` when passed).
    """

    points: float
    max_points: float
    message: str
    hint: str | None = None

    @classmethod
    def right(cls, max_points: float, message: str) -> Result:
        """Full marks.

        >>> Result.right(2, "Well done.").passed
        True
        """
        return cls(max_points, max_points, message)

    @classmethod
    def wrong(cls, max_points: float, message: str, hint: str, points: float = 0) -> Result:
        """No (or partial) marks, with a hint.

        >>> Result.wrong(3, "Not yet.", "Look at the stage column.", points=1).points
        1
        """
        return cls(points, max_points, message, hint)

    @classmethod
    def for_ticks(cls, options: dict, answer, *, right: str, extra: tuple[str, str], missed: tuple[str, str],
                  max_points: float = 2) -> Result:
        """Grade a tick-all-that-apply answer; ``options`` maps each option to whether it belongs.

        Full marks for exactly the right ticks, half for one mistake. ``extra`` and ``missed`` are
        the (message, hint) for the first option ticked wrongly or left out; ``{option}`` in a
        message names it.

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
            return cls.wrong(max_points, f"{unknown[0]!r} is not one of the options.", "Tick options from the list.")
        should = {option for option, belongs in options.items() if belongs}
        wrongly, left_out = sorted(chosen - should), sorted(should - chosen)
        if not wrongly and not left_out:
            return cls.right(max_points, right)
        points = max_points / 2 if len(wrongly) + len(left_out) == 1 else 0
        message, hint = extra if wrongly else missed
        return cls.wrong(max_points, message.format(option=(wrongly or left_out)[0]), hint, points=points)

    @property
    def passed(self) -> bool:
        return self.points >= self.max_points

    @property
    def score(self) -> float:
        return self.points / self.max_points if self.max_points else 0.0

    def text(self) -> str:
        """One line of plain text, as printed outside a notebook."""
        out = f"{_fmt(self.points)}/{_fmt(self.max_points)} · {self.message}"
        if self.hint and not self.passed:
            out += f" Hint: {self.hint}"
        return out

    def as_dict(self) -> dict:
        return asdict(self)

    def __str__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        colour, mark = ("#1b7f3b", "✔") if self.passed else (("#a15c00", "◐") if self.points else ("#b3261e", "✘"))
        hint = ""
        if self.hint and not self.passed:
            hint = f'<div style="margin-top:4px"><b>Hint:</b> {html.escape(self.hint)}</div>'
        return (f'<div role="status" style="border-left:4px solid {colour};padding:6px 10px;'
                f'margin:4px 0;font-family:sans-serif">'
                f'<b style="color:{colour}">{mark} {_fmt(self.points)}/{_fmt(self.max_points)}</b> '
                f'{html.escape(self.message)}{hint}</div>')


def _fmt(x: float) -> str:
    return f"{x:g}"
