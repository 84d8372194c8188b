"""Answer forms: how a trainee answers an exercise without writing code.

Each form builds an ipywidget for the exercise and reads the answer back from
it.  Options may be a list or a function of the check context, so a picker
can offer the learner's own records.  A form also says what answer it wants
(``expects``, ``accepts``, ``how``), so that when an answer breaks a check the
trainee reads what was expected and what they gave (:func:`describe`); a code
exercise without a form is described by its reference solution (:class:`Like`).

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

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

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

    def expects(self, ctx) -> str:
        return "a whole number" if self.integer else "a number"

    def accepts(self, value, ctx) -> bool:
        return _is_number(value) and (not self.integer or float(value).is_integer())

    def how(self, ctx) -> str:
        return f"Type {self.expects(ctx)} in the '{self.label}' box, digits only (no quotes, units or spaces)."


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

    def expects(self, ctx) -> str:
        return "a short text"

    def accepts(self, value, ctx) -> bool:
        return isinstance(value, str)

    def how(self, ctx) -> str:
        example = f", such as {self.placeholder!r}" if self.placeholder.strip(". ") else ""
        return f"Type your answer in the '{self.label}' box, written the way the question asks{example}."


@dataclass(frozen=True)
class LongText:
    """A box of several lines for a short text (an email, a post, a plan), with an optional note above it.

    ``intro`` is HTML shown above the box (an open exercise shows its rubric there).

    >>> form = LongText(label="Your email", rows=6)
    >>> w = form.widget(None)
    >>> w.children[1].value = "  Dear Ms Jahan,\\nthank you for the call.  "
    >>> form.read(w)
    'Dear Ms Jahan,\\nthank you for the call.'
    """

    label: str = "Your text"
    placeholder: str = ""
    rows: int = 8
    intro: str = ""

    def widget(self, ctx):
        import ipywidgets as w

        box = w.Textarea(placeholder=self.placeholder, rows=self.rows,
                         layout={"width": "min(100%, 48em)"})
        return w.VBox([w.HTML(f"{self.intro}<b>{html.escape(self.label)}</b>"), box])

    def read(self, widget):
        return widget.children[1].value.strip()

    def expects(self, ctx) -> str:
        return "a text of a few sentences"

    def accepts(self, value, ctx) -> bool:
        return isinstance(value, str)

    def how(self, ctx) -> str:
        return f"Write your text in the '{self.label}' box, then press Check."


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

    def expects(self, ctx) -> str:
        return _options_phrase("one of the options", _resolve(self.options, ctx))

    def accepts(self, value, ctx) -> bool:
        return _hashable(value) and value in _resolve(self.options, ctx)

    def how(self, ctx) -> str:
        return "Pick one option in the form; in code, copy one option exactly, in quotes."


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

    def expects(self, ctx) -> str:
        return _options_phrase("a list of the options that apply", _resolve(self.options, ctx))

    def accepts(self, value, ctx) -> bool:
        return isinstance(value, (list, tuple, set)) and all(_hashable(v) for v in value)

    def how(self, ctx) -> str:
        return ("Tick every option that applies in the form; in code, give a list of options such as "
                f"{_resolve(self.options, ctx)[:2]!r}.")


@dataclass(frozen=True)
class Like:
    """What a code exercise without a form expects: an answer shaped like its reference solution."""

    example: Any

    def expects(self, ctx) -> str:
        return kind(self.example)

    def accepts(self, value, ctx) -> bool:
        import pandas as pd

        if isinstance(self.example, pd.DataFrame):
            return isinstance(value, pd.DataFrame) and set(self.example.columns) <= set(value.columns)
        if _is_number(self.example):
            return _is_number(value)
        return isinstance(value, type(self.example))

    def how(self, ctx) -> str:
        return f"Give {self.expects(ctx)}; the example above the exercise shows how to build it."


def expectation(exercise, ctx):
    """The answer spec of ``exercise``: its form, else one shaped like its reference; ``None`` if neither."""
    if exercise.answer is not None:
        return exercise.answer
    try:
        return Like(exercise.reference(ctx))
    except Exception:  # no reference, or one that needs what this learner lacks: say nothing false
        return None


def kind(value) -> str:
    """The kind of answer ``value`` is, in a trainee's words.

    >>> import pandas as pd
    >>> kind(pd.DataFrame({"contact_id": [], "phone": []})), kind(3), kind(2.5), kind(["a"])
    ('a table with the columns contact_id, phone', 'a whole number', 'a number', 'a list')
    """
    import pandas as pd

    if isinstance(value, pd.DataFrame):
        return f"a table with {_columns(value)}"
    if isinstance(value, pd.Series):
        return "a column of values (one per row)"
    if isinstance(value, bool):
        return "True or False"
    if _is_number(value):
        return "a whole number" if float(value).is_integer() and not isinstance(value, float) else "a number"
    if isinstance(value, str):
        return "a text"
    if isinstance(value, (list, tuple, set)):
        return "a list"
    if isinstance(value, dict):
        return "a dictionary"
    names = {"Graph": "a network (a networkx graph)", "DiGraph": "a network (a networkx graph)",
             "Figure": "a chart (a plotly figure)"}
    return names.get(type(value).__name__, f"a {type(value).__name__}")


def describe(value) -> str:
    """What a trainee gave, in a few words.

    >>> import pandas as pd
    >>> describe(pd.DataFrame({"x": [1]})), describe("hello"), describe(3), describe([1, 2])
    ('a table of 1 row with the column x', "the text 'hello'", 'the number 3', 'a list of 2 items')
    """
    import pandas as pd

    if isinstance(value, pd.DataFrame):
        rows = f"{len(value)} row{'s' * (len(value) != 1)}"
        return f"a table of {rows} with {_columns(value)}" if len(value.columns) else "an empty table"
    if isinstance(value, pd.Series):
        return f"a column of {len(value)} values"
    if isinstance(value, bool):
        return f"{value} (a yes/no value)"
    if _is_number(value):
        return f"the number {value:g}"
    if isinstance(value, str):
        return f"the text {value[:40] + '...' if len(value) > 40 else value!r}" if value.strip() else "an empty text"
    if isinstance(value, (list, tuple, set)):
        return f"a list of {len(value)} item{'s' * (len(value) != 1)}"
    if isinstance(value, dict):
        return f"a dictionary of {len(value)} entr{'ies' if len(value) != 1 else 'y'}"
    return kind(value)


def _columns(df) -> str:
    """``the column x`` or ``the columns x, y, ...``."""
    names = [str(c) for c in df.columns]
    return (f"the column{'s' * (len(names) != 1)} " + ", ".join(names[:8])
            + (f", ... ({len(names)} in all)" if len(names) > 8 else ""))


def _options_phrase(what: str, options: list) -> str:
    shown = _listing(options)
    return f"{what} ({shown})" if shown else f"{what} in the form"


def _is_number(value) -> bool:
    import numbers

    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _hashable(value) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _listing(items, *, most: int = 4, width: int = 70) -> str | None:
    """A short list of ``items``: up to ``most`` of them, then how many; ``None`` when they are too
    long to list in ``width`` characters.

    >>> _listing(["relational", "hierarchical", "network"])
    "'relational', 'hierarchical', 'network'"
    >>> _listing([f"option {i}" for i in range(9)])
    "'option 0', 'option 1', 'option 2', 'option 3', ... (9 in all)"
    >>> _listing(["a long sentence that a trainee ticks " * 2, "another"]) is None
    True
    """
    items = list(items)
    shown = [repr(i) if isinstance(i, str) else str(i) for i in items[:most]]
    if sum(len(t) + 2 for t in shown) > width:
        return None
    return ", ".join(shown) + (f", ... ({len(items)} in all)" if len(items) > most else "")
