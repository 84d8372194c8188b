"""The Check button: an exercise's answer form, a button and the feedback below it.

``ask("crm.intro.count-contacts")`` shows the form the exercise declares
(a number box, a choice, ticks...) with a Check button; ``check_button(id,
get_answer)`` puts a button under any widget a lesson built itself.

>>> box = ask("crm.intro.count-contacts")
>>> form, row, feedback = box.children
>>> row.children[0].description
'Check'
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def check_button(id: str, get_answer: Callable[[], Any], *, ctx=None):
    """A Check button that marks ``get_answer()`` for exercise ``id`` and shows the result.

    Returns an ``ipywidgets.VBox`` whose last child holds the feedback (an HTML widget).
    """
    import ipywidgets as w

    from .check import check

    button = w.Button(description="Check", button_style="primary", icon="check",
                      tooltip=f"Check your answer to {id}", layout={"width": "8em"})
    label = w.HTML(f'<span style="color:#666;font-size:90%">exercise <code>{id}</code></span>')
    feedback = w.HTML(layout={"min_height": "2em"})
    feedback.add_class("workbench-feedback")

    def on_click(_):
        feedback.value = '<span role="status">Checking…</span>'
        try:
            answer = get_answer()
        except Exception as err:  # a broken form must not show a traceback either
            answer = err
        if isinstance(answer, Exception):
            feedback.value = (f'<div role="status">Could not read the form ({type(answer).__name__}). '
                              "Fill in every field, then check again.</div>")
            return
        feedback.value = check(id, answer, ctx=ctx)._repr_html_()

    button.on_click(on_click)
    return w.VBox([w.HBox([button, label]), feedback])


def ask(id: str, *, ctx=None):
    """The exercise's own answer form with a Check button under it."""
    import ipywidgets as w

    from . import registry
    from .check import Context

    exercise = registry.get(id)
    if exercise.answer is None:
        raise TypeError(f"exercise {id} has no answer form; use check_button with your own widget")
    ctx = ctx or Context()
    form = exercise.answer.widget(ctx)
    title = w.HTML(f"<b>{exercise.title}</b>")
    checker = check_button(id, lambda: exercise.answer.read(form), ctx=ctx)
    return w.VBox([w.VBox([title, form]), *checker.children])
