"""The Check button: an exercise's answer form, a button and the feedback below it.

``ask("crm.intro.count-contacts")`` shows the form the exercise declares
(a number box, a choice, ticks...) with a Check button; ``check_button(id,
get_answer)`` puts a button under any widget a lesson built itself.

The hint grows with the trainee's wrong attempts (counted in their progress
log): the first step on the first wrong answer, the second from the next on.

A form whose Python kernel is gone (restarted or stopped) cannot answer any
more; JupyterLab then marks each of its widgets ``jupyter-widgets-disconnected``,
and the note written into the form, hidden until then, says so and how to
recover, while the stale verdict is hidden.  The note needs no kernel: it is
part of the widget's rendered HTML.

>>> from workbench.data.active import start
>>> _ = start(None)
>>> box = ask("crm.intro.count-contacts")
>>> form, row, feedback = box.children
>>> row.children[0].description
'Check'
>>> "workbench-kernel-lost" in row.children[1].value
True
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from ..i18n.html import language_attributes
from ..i18n.messages import N_, _

KERNEL_LOST = N_("This form lost its connection to Python (the kernel was restarted or stopped), so Check "
               "cannot answer. Run the lesson again from the top: menu Run, then Run All Above Selected Cell "
               "with this cell selected, then run this cell.")
NOT_STARTED = N_("This exercise needs the lesson's data, and it is not loaded yet: the cells above have not been "
               "run since Python (the kernel) started. Run the cell with wb.start(...) near the top of the "
               "lesson first (menu Run, then Run All Above Selected Cell), then run this cell again.")

# Shown only while JupyterLab marks the widget as cut off from its kernel; the old verdict hides meanwhile.
_KERNEL_LOST_STYLE = ("<style>.workbench-kernel-lost{display:none}"
                      ".jupyter-widgets-disconnected .workbench-kernel-lost{display:block}"
                      ".workbench-feedback.jupyter-widgets-disconnected{display:none}</style>")


def kernel_lost_note() -> str:
    """The HTML note a form carries, hidden until the form loses its kernel.

    >>> "Run All Above" in kernel_lost_note()
    True
    """
    return (f'{_KERNEL_LOST_STYLE}<div class="workbench-kernel-lost" role="alert" '
            f'style="color:#b3261e;margin-top:4px" {language_attributes()}>⚠ {html.escape(_(KERNEL_LOST))}</div>')


def check_button(id: str, get_answer: Callable[[], Any], *, ctx=None):
    """A Check button that marks ``get_answer()`` for exercise ``id`` and shows the result.

    Returns an ``ipywidgets.VBox`` whose last child holds the feedback (an HTML widget).
    """
    import ipywidgets as w

    from .check import Context, check

    button = w.Button(description=_("Check"), button_style="primary", icon="check",
                      tooltip=_("Check your answer to {id}").format(id=id), layout={"width": "8em"})
    said = html.escape(_("exercise"))
    label = w.HTML(f'<span style="color:#666;font-size:90%" {language_attributes()}>{said} '
                   f'<code dir="ltr">{html.escape(id)}</code></span>{kernel_lost_note()}')
    feedback = w.HTML(layout={"min_height": "2em"})
    feedback.add_class("workbench-feedback")

    def on_click(_button):
        checking = html.escape(_("Checking…"))
        feedback.value = f'<span role="status" {language_attributes()}>{checking}</span>'
        try:
            answer = get_answer()
        except Exception as err:  # a broken form must not show a traceback either
            answer = err
        if isinstance(answer, Exception):
            said = _("Could not read the form ({problem}). Fill in every field, then check again.").format(
                problem=type(answer).__name__)
            feedback.value = f'<div role="status" {language_attributes()}>{html.escape(said)}</div>'
            return
        context = ctx or Context()
        result = check(id, answer, ctx=context)
        feedback.value = result.html(wrong_attempts(id, context))

    button.on_click(on_click)
    return w.VBox([w.HBox([button, label]), feedback])


def wrong_attempts(id: str, ctx) -> int:
    """How many wrong answers to ``id`` the learner's progress log holds (0 when it cannot be read)."""
    from .progress import ProgressLog

    try:
        return ProgressLog(ctx.settings.progress_file).wrong_attempts(id)
    except OSError:
        return 1


def ask(id: str, *, ctx=None):
    """The exercise's own answer form with a Check button under it.

    Before the lesson's data is loaded (a cell run on its own after a restart) it shows
    what to run first instead of a form built on the wrong data.
    """
    import ipywidgets as w

    from ..data.active import started
    from . import registry
    from .check import Context

    exercise = registry.get(id)
    if exercise.answer is None:
        raise TypeError(f"exercise {id} has no answer form; use check_button with your own widget")
    if ctx is None and not started():
        return w.HTML(f'<div role="alert" style="color:#b3261e" {language_attributes()}>⚠ '
                      f'{html.escape(_(NOT_STARTED))}</div>')
    ctx = ctx or Context()
    form = exercise.answer.widget(ctx)
    title = w.HTML(f"<b {language_attributes()}>{html.escape(_(exercise.title))}</b>")
    checker = check_button(id, lambda: exercise.answer.read(form), ctx=ctx)
    return w.VBox([w.VBox([title, form]), *checker.children])
