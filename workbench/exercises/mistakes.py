"""Plausible mistakes, declared once: how to make one, how to know it, what to tell the trainee who made it.

An exercise lists its mistakes in ``wrong=``.  A :class:`Mistake` with a message
and a hint is known by the engine: when a check does not pass an answer, the
engine compares the answer with each declared mistake, in order, and the first
that matches answers with its own message and hint, so the check body holds no
ladder of ``if answer == the_mistake(ctx)``.  A mistake given as ``(make, words)``
(a wrong practice CRM, a tick list) is one the check body recognises itself; the
tests still make it and ask that the hint contain ``words``.

>>> m = Mistake(lambda ctx: 12, "{answer} counts every planned activity.", "Keep the overdue ones.")
>>> [m.recognise(answer, None, max_points=1) is not None for answer in (12.0, 13, True)]
[True, False, False]
>>> print(m.recognise(12, None, max_points=1).text())
0/1 · 12 counts every planned activity. Hint: Keep the overdue ones.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable
from typing import Any, NamedTuple

from ..i18n.messages import _
from .result import Result, hint_steps


class Mistake(NamedTuple):
    """One plausible wrong answer.

    ``make(ctx)`` returns it, as a trainee would give it.  ``message`` and ``hint`` are what the
    trainee reads (the hint as one text or the steps ``(where, how)``); in them ``{answer}`` is the trainee's answer, ``{mistake}`` the mistaken value
    made for their data and ``{ctx}`` the check context (format specs allowed: ``{answer:,}``,
    ``{ctx.data.as_of:%Y-%m-%d}``).  ``points`` is partial credit.  Numbers within ``tolerance`` of
    the mistaken one count as it; ``compare(answer, mistaken)`` replaces that comparison (to read
    text as a number, or compare tables by their ids).  ``words`` (the short form ``(make, words)``)
    are words the hint must contain, for a mistake the check body recognises itself.
    """

    make: Callable[[Any], Any]
    message: str | None = None
    hint: str | tuple[str, str] | None = None
    points: float = 0
    tolerance: float = 0
    compare: Callable[[Any, Any], bool] | None = None
    words: str | None = None

    @classmethod
    def declared(cls, entry) -> Mistake:
        """A ``wrong=`` entry as a Mistake: itself, or the short form ``(make, words)``.

        >>> Mistake.declared((len, "contacts")).words
        'contacts'
        """
        if isinstance(entry, cls):
            return entry
        make, words = entry
        return cls(make, words=words)

    @property
    def known(self) -> bool:
        """Whether the engine recognises this mistake itself (it has a message and a hint)."""
        return self.message is not None and self.hint is not None

    def recognise(self, answer, ctx, max_points: float) -> Result | None:
        """What the trainee who made this mistake reads, or ``None`` when ``answer`` is not this mistake.

        The mistaken answer is made once. The declared message and hint are English message ids,
        translated here into the trainee's language before their placeholders are filled.
        """
        mistaken = self.make(ctx)
        if not self._is(answer, mistaken):
            return None
        shown = _(answer) if isinstance(answer, str) else answer  # a chosen option, in the trainee's language
        values = {"answer": shown, "mistake": mistaken, "ctx": ctx}
        hint = tuple(_(step).format(**values) for step in hint_steps(self.hint))
        return Result.wrong(max_points, _(self.message).format(**values), hint, points=self.points)

    def _is(self, answer, mistaken) -> bool:
        if self.compare is not None:
            return bool(self.compare(answer, mistaken))
        return same(answer, mistaken, self.tolerance)


def same(answer, mistaken, tolerance: float = 0) -> bool:
    """Whether two answers are the same: numbers within ``tolerance``, anything else equal and of one kind.

    A yes/no is never a number here, and a table is compared only through a ``key``.

    >>> same(3, 3.0), same(0.251, 0.25, tolerance=0.002), same(True, 1), same({"a"}, {"a"}), same("a", ["a"])
    (True, True, False, True, False)
    """
    if isinstance(answer, bool) or isinstance(mistaken, bool):
        return type(answer) is type(mistaken) and answer == mistaken
    if isinstance(answer, numbers.Real) and isinstance(mistaken, numbers.Real):
        return abs(answer - mistaken) <= tolerance
    if isinstance(answer, (str, set, frozenset, list, tuple, dict)) and type(answer) is type(mistaken):
        return answer == mistaken
    return False


def recognise(mistakes, answer, ctx, max_points: float) -> Result | None:
    """What the first of ``mistakes`` that the engine knows and ``answer`` is says; ``None`` if none.

    Making or reading a mistake may fail on an answer of another shape: then it is not that mistake.
    """
    for mistake in mistakes:
        if not mistake.known:
            continue
        try:
            said = mistake.recognise(answer, ctx, max_points)
        except Exception:  # noqa: BLE001 - an answer of another shape is simply not this mistake
            continue
        if said is not None:
            return said
    return None
