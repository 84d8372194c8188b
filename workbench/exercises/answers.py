"""Answer forms: how a trainee answers an exercise without writing code.

Each form builds an ipywidget for the exercise and reads the answer back from
it.  Options may be a list or a function of the check context, so a picker
can offer the learner's own records.

>>> form = Choice(["relational", "network", "hierarchical"], label="Model")
>>> w = form.widget(None)
>>> w.value = "network"
>>> form.read(w)
'network'
>>> form = MultiChoice(["a", "b", "c"])
>>> w = form.widget(None)
>>> w.children[2].value = True  # children[0] is the label
>>> form.read(w)
['b']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

Options = Sequence[Any] | Callable[[Any], Sequence[Any]]

_LAYOUT = {"width": "min(100%, 32em)"}
_STYLE = {"description_width": "initial"}


def _resolve(options: Options, ctx) -> list:
    return list(options(ctx) if callable(options) else options)


@dataclass(frozen=True)
class Number:
    """A number box (``integer=True`` for counts)."""

    label: str = "Your answer"
    integer: bool = False

    def widget(self, ctx):
        import ipywidgets as w

        cls = w.IntText if self.integer else w.FloatText
        return cls(description=self.label, style=_STYLE, layout=_LAYOUT)

    def read(self, widget):
        return widget.value


@dataclass(frozen=True)
class Text:
    """A one-line text box."""

    label: str = "Your answer"
    placeholder: str = ""

    def widget(self, ctx):
        import ipywidgets as w

        return w.Text(description=self.label, placeholder=self.placeholder, style=_STYLE, layout=_LAYOUT)

    def read(self, widget):
        return widget.value.strip()


@dataclass(frozen=True)
class Choice:
    """One option among several (radio buttons, or a dropdown when there are many)."""

    options: Options
    label: str = "Your answer"

    def widget(self, ctx):
        import ipywidgets as w

        options = _resolve(self.options, ctx)
        cls = w.Dropdown if len(options) > 6 else w.RadioButtons
        return cls(options=options, value=None, description=self.label, style=_STYLE,
                   layout={"width": "max-content"})

    def read(self, widget):
        return widget.value


@dataclass(frozen=True)
class MultiChoice:
    """Tick every option that applies (a column of checkboxes, keyboard friendly)."""

    options: Options
    label: str = "Tick every answer that applies"
    labels: dict = field(default_factory=dict)

    def widget(self, ctx):
        import ipywidgets as w

        boxes = [w.Checkbox(value=False, description=str(self.labels.get(o, o)), indent=False,
                            layout={"width": "auto"}) for o in _resolve(self.options, ctx)]
        box = w.VBox([w.HTML(f"<b>{self.label}</b>"), *boxes])
        box._options = _resolve(self.options, ctx)
        return box

    def read(self, widget):
        return [o for o, b in zip(widget._options, widget.children[1:]) if b.value]
