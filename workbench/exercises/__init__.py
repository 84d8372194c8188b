"""Exercises: the Check/Result API, the registry, progress and the Check button.

>>> from workbench.exercises import Result, check
"""

from .button import ask, check_button
from .check import Context, check
from .progress import ProgressLog
from .registry import Exercise, all_exercises, exercise, get
from .result import Result

__all__ = ["Context", "Exercise", "ProgressLog", "Result", "all_exercises", "ask", "check",
           "check_button", "exercise", "get"]
