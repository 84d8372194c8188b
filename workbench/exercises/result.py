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
    def right(cls, max_points: float, message: str) -> "Result":
        """Full marks.

        >>> Result.right(2, "Well done.").passed
        True
        """
        return cls(max_points, max_points, message)

    @classmethod
    def wrong(cls, max_points: float, message: str, hint: str, points: float = 0) -> "Result":
        """No (or partial) marks, with a hint.

        >>> Result.wrong(3, "Not yet.", "Look at the stage column.", points=1).points
        1
        """
        return cls(points, max_points, message, hint)

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
