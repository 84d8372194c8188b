"""The grader's diagnostic notes as stable codes with parameters, worded where a page is written.

The sandboxed runner, the hand-in copier and the submission finder run outside any trainee's language,
and a runner's result file sits where the trainee's code could rewrite it.  So they record a note as
``{"code": ..., parameters}`` (:func:`note`) and :func:`describe` words it in the language in force where
the feedback page or class report is written.  Only a known code picks a message, from this module's own
table; a parameter is shown as text, never read as a template (in Arabic and Persian, a left-to-right
isolate: a path or an error message keeps its order); anything else is shown as it came.

>>> describe(note("symlink-left-out", path="notes/link.txt"))
'notes/link.txt is a symbolic link: not followed, left out'
>>> describe({"code": "no-such-code"})
'the grader noted a problem it cannot describe'
>>> describe_all([note("kernel-died"), "a plain note"])
'the kernel died (the notebook crashed Python or used too much memory); a plain note'
>>> from workbench.i18n.language import use_language
>>> with use_language("fa"):
...     describe(note("not-notebook", path="a.txt"))
'\u2066a.txt\u2069 فایل دفترچه (notebook) نیست'
"""

from __future__ import annotations

from ..i18n.language import current_language, direction
from ..i18n.messages import N_, _, joined

#: The message of every code; ``{name}`` fields are the parameters :func:`note` records.
MESSAGES = {
    "symlink-left-out": N_("{path} is a symbolic link: not followed, left out"),
    "too-big-left-out": N_("{path} and the rest: the folder is larger than {mb} MB, left out"),
    "not-plain-file": N_("{path} is not a plain file: left out"),
    "other-practice-crm": N_("the practice CRM handed in is {found}, not {expected}"),
    "several-practice-crms": N_("{n} practice CRMs handed in and none is {expected}: none was checked"),
    "seed-not-whole": N_("the seed in {config} ({value}) is not a whole number: graded on the sample company"),
    "entry-symlink": N_("{path} is a symbolic link: links are not followed, so it was not graded"),
    "handin-unreadable": N_("what you handed in could not be read ({error})"),
    "notebook-symlink": N_("{path} is a symbolic link, not followed"),
    "notebook-folder": N_("{path} is a folder, not a notebook file"),
    "not-notebook": N_("{path} is not a notebook file"),
    "runner-failed": N_("the runner failed: {error}"),
    "runner-stopped": N_("the runner was stopped after {seconds} s"),
    "unreadable-notebook": N_("the file is not a readable notebook: {error}"),
    "not-json": N_("the file is not a readable notebook: it is not valid JSON (line {line}, column {column})"),
    "no-cells": N_("the file is not a readable notebook: it is valid JSON but holds no list of cells"),
    "cell-not-object": N_("the file is not a readable notebook: one of its cells is not a JSON object"),
    "metadata-cleared": N_("cell metadata that was not an object was cleared"),
    "ids-renumbered": N_("duplicated cell ids renumbered"),
    "cell-timeout": N_("still running after {seconds} s, interrupted"),
    "notebook-timeout": N_("the notebook ran past its time limit ({seconds} s)"),
    "kernel-died": N_("the kernel died (the notebook crashed Python or used too much memory)"),
    "could-not-run": N_("could not run the notebook: {error}"),
    "grader-could-not-run": N_("the grader could not run this notebook: {error}"),
}
UNKNOWN = N_("the grader noted a problem it cannot describe")
LONGEST = 300  # characters of a parameter shown: a hand-in's text never floods a page


def note(code: str, **parameters) -> dict:
    """A note to word later: ``code`` is a key of :data:`MESSAGES`, ``parameters`` its fields.

    >>> note("cell-timeout", seconds=30)
    {'code': 'cell-timeout', 'seconds': '30'}
    """
    if code not in MESSAGES:
        raise KeyError(code)
    return {"code": code, **{k: (f"{v:g}" if isinstance(v, float) else str(v)) for k, v in parameters.items()}}


def describe(problem) -> str:
    """``problem`` worded in the current language: a note through its code's message, any other text as it is."""
    if not isinstance(problem, dict):
        return str(problem)[:LONGEST * 4]
    message = MESSAGES.get(problem.get("code")) if isinstance(problem.get("code"), str) else None
    if message is None:
        return _(UNKNOWN)
    fields = {k: str(v)[:LONGEST] for k, v in problem.items() if k != "code"}
    if direction(current_language()) == "rtl":  # paths, numbers and errors stay left to right in the sentence
        fields = {k: f"\u2066{v}\u2069" for k, v in fields.items()}
    try:
        return _(message).format(**fields)
    except (KeyError, IndexError, ValueError):  # a forged note lacking a field
        return _(UNKNOWN)


def describe_all(problems) -> str:
    """Every problem worded (:func:`describe`), as one list (:func:`~workbench.i18n.messages.joined`)."""
    return joined(describe(p) for p in problems)
