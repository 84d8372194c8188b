"""Exercises: the Check/Result API, the registry, declared mistakes, progress and the Check button.

Answer forms are in :mod:`.forms`, the readers checks mark answers with in :mod:`.marking`.

>>> from workbench.exercises import Result, check
"""

from .button import ask, check_button
from .check import Context, check
from .mistakes import Mistake
from .progress import ProgressLog
from .registry import Exercise, all_exercises, exercise, get
from .result import Result

__all__ = ["Context", "Exercise", "Mistake", "ProgressLog", "Result", "all_exercises", "ask", "check",
           "check_button", "exercise", "get"]
