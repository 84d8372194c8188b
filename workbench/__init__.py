"""CRM Workbench: learn CRM by doing, map a sales network, plan social-selling content.

The names a notebook needs are here, imported lazily so ``import workbench``
stays fast:

>>> import workbench as wb
>>> wb.check.__module__
'workbench.exercises.check'
"""

from __future__ import annotations

from .lazy import attributes

__version__ = "0.1.0"

_LAZY = {
    "start": "workbench.data.active",
    "active": "workbench.data.active",
    "load": "workbench.data.load",
    "load_sample": "workbench.data.load",
    "check": "workbench.exercises.check",
    "ask": "workbench.exercises.button",
    "check_button": "workbench.exercises.button",
    "my_progress": "workbench.exercises.progress",
    "course_progress": "workbench.exercises.course",
    "contact_explorer": "workbench.widgets.contacts",
    "practice_crm": "workbench.widgets.practice",
    "practice_task": "workbench.widgets.practice",
    "show_table": "workbench.widgets.tables",
    "Result": "workbench.exercises.result",
    "WorkbenchError": "workbench.errors",
    "DataError": "workbench.errors",
}

__all__ = sorted(_LAZY)


__getattr__, __dir__ = attributes(__name__, _LAZY, globals())
