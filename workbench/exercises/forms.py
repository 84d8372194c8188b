"""Answer forms: how a trainee answers an exercise without writing code.

Each form builds an ipywidget for the exercise and reads the answer back from
it.  Options may be a list or a function of the check context, so a picker
can offer the learner's own records.  Labels and fixed options are English message ids, shown
in the trainee's language; the answer read back is always the English option (its stable key).  A form also says what answer it wants
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

from ..errors import InputError
from ..i18n import LANGUAGES
from ..i18n.messages import _, ngettext, translations

Options = Sequence[Any] | Callable[[Any], Sequence[Any]]

_LAYOUT = {"width": "min(100%, 32em)"}
_STYLE = {"description_width": "initial"}


def _resolve(options: Options, ctx) -> list:
    return list(options(ctx) if callable(options) else options)


def _shown(options: Options, ctx) -> list[tuple[str, Any]]:
    """``(label in the trainee's language, stable key)`` for each option; options drawn from the
    learner's data (a callable) are names and ids, shown as they are."""
    if callable(options):
        return [(str(o), o) for o in options(ctx)]
    return [(_(o) if isinstance(o, str) else str(o), o) for o in options]


def option_label(option) -> str:
    """An option as the trainee reads it: a fixed option (an English message id) in their language.

    >>> option_label("network"), option_label(3)
    ('network', '3')
    """
    return _(option) if isinstance(option, str) and option else str(option)


def option_key(options: Options, value, ctx):
    """The stable key of the option ``value`` names: the key itself, or its label in any language of the
    workbench (the trainee's first), compared without case and accents; ``value`` itself when none matches.

    A trainee may type the option as they read it, and a recorded answer is re-checked by a grader
    who may speak another language, so every language's label leads back to the same key.

    >>> option_key(["network", "relational"], " NETWORK ", None), option_key(["network"], "star", None)
    ('network', 'star')
    """
    from ..i18n.language import current_language
    from ..text import fold

    if not isinstance(value, str):
        return value
    keys = [o for o in _resolve(options, ctx) if isinstance(o, str)]
    if value in keys:
        return value
    wanted = fold(value)
    first = current_language()
    for lang in (first, *(lang for lang in LANGUAGES if lang != first)):
        for key in keys:
            if fold(translations(lang).gettext(key) if lang != "en" else key) == wanted:
                return key
    return value


@dataclass(frozen=True)
class Number:
    """A number box (``integer=True`` for counts) that reads any digits: ``۱۲``, ``١٢``, ``১২`` and ``12`` alike.

    >>> form = Number("Contacts", integer=True)
    >>> box = form.widget(None)
    >>> box.value = "۱٬۲۵۰"
    >>> form.read(box)
    1250
    """

    label: str = "Your answer"
    integer: bool = False

    def widget(self, ctx):
        import ipywidgets as w

        return w.Text(description=_(self.label), style=_STYLE, layout=_LAYOUT)

    def read(self, widget):
        """The number typed (in the trainee's digits and separators); ``None`` when empty, the text itself
        when it is not a number (the check then says so)."""
        text = str(widget.value).strip()
        if not text:
            return None
        try:
            return self.stable(text, None)
        except InputError:  # a number that reads two ways: checking it says which two
            return text

    def stable(self, answer, ctx):
        """A number typed as text (``"12,5"``, ``"۱۲٫۵"``) as the number; other text as it is.

        A number that reads two ways in the trainee's language is an :class:`~workbench.errors.InputError`
        naming both readings.

        >>> Number("Rate").stable("12,5", None), Number("Deals", integer=True).stable("۱۲", None)
        (12.5, 12)
        """
        from ..i18n.numbers import AmbiguousNumber, read_number
        from .marking import ambiguous

        if not isinstance(answer, str):
            return answer
        try:
            value = read_number(answer)
        except AmbiguousNumber as err:
            raise ambiguous(err) from None
        except ValueError:
            return answer
        return int(value) if self.integer and value.is_integer() else value

    def expects(self, ctx) -> str:
        return _("a whole number") if self.integer else _("a number")

    def accepts(self, value, ctx) -> bool:
        return _is_number(value) and (not self.integer or float(value).is_integer())

    def how(self, ctx) -> str:
        return _("Type {expected} in the '{label}' box, digits only (no quotes or units).").format(
            expected=self.expects(ctx), label=_(self.label))


@dataclass(frozen=True)
class Text:
    """A one-line text box."""

    label: str = "Your answer"
    placeholder: str = ""

    def widget(self, ctx):
        import ipywidgets as w

        return w.Text(description=_(self.label), placeholder=_(self.placeholder), style=_STYLE, layout=_LAYOUT)

    def read(self, widget):
        return widget.value.strip()

    def expects(self, ctx) -> str:
        return _("a short text")

    def accepts(self, value, ctx) -> bool:
        return isinstance(value, str)

    def how(self, ctx) -> str:
        if self.placeholder.strip(". "):
            return _("Type your answer in the '{label}' box, written the way the question asks, such as {example!r}."
                     ).format(label=_(self.label), example=_(self.placeholder))
        return _("Type your answer in the '{label}' box, written the way the question asks.").format(label=_(self.label))


@dataclass(frozen=True)
class LongText:
    """A box of several lines for a short text (an email, a post, a plan), with an optional note above it.

    ``intro`` is HTML shown above the box, or a function writing it when the box is shown (an open exercise
    shows its rubric there, in the trainee's language).

    >>> form = LongText(label="Your email", rows=6)
    >>> w = form.widget(None)
    >>> w.children[1].value = "  Dear Ms Jahan,\\nthank you for the call.  "
    >>> form.read(w)
    'Dear Ms Jahan,\\nthank you for the call.'
    """

    label: str = "Your text"
    placeholder: str = ""
    rows: int = 8
    intro: str | Callable[[], str] = ""

    def widget(self, ctx):
        import ipywidgets as w

        box = w.Textarea(placeholder=_(self.placeholder) if self.placeholder else "", rows=self.rows,
                         layout={"width": "min(100%, 48em)"})
        intro = self.intro() if callable(self.intro) else self.intro
        return w.VBox([w.HTML(f"{intro}<b>{html.escape(_(self.label))}</b>"), box])

    def read(self, widget):
        return widget.children[1].value.strip()

    def expects(self, ctx) -> str:
        return _("a text of a few sentences")

    def accepts(self, value, ctx) -> bool:
        return isinstance(value, str)

    def how(self, ctx) -> str:
        return _("Write your text in the '{label}' box, then press Check.").format(label=_(self.label))


@dataclass(frozen=True)
class Choice:
    """One option among several (radio buttons, or a dropdown when there are many)."""

    options: Options
    label: str = "Your answer"

    def widget(self, ctx):
        import ipywidgets as w

        options = _shown(self.options, ctx)
        cls = w.Dropdown if len(options) > 6 else w.RadioButtons
        return cls(options=options, value=None, description=_(self.label), style=_STYLE,
                   layout={"width": "max-content"})

    def read(self, widget):
        return widget.value

    def stable(self, answer, ctx):
        """``answer`` with an option typed as its label (in any language) replaced by the option's key."""
        return option_key(self.options, answer, ctx)

    def expects(self, ctx) -> str:
        return _options_phrase(_("one of the options"), _resolve(self.options, ctx))

    def accepts(self, value, ctx) -> bool:
        return _hashable(value) and value in _resolve(self.options, ctx)

    def how(self, ctx) -> str:
        return _("Pick one option in the form; in code, copy one option exactly, in quotes.")


@dataclass(frozen=True)
class MultiChoice:
    """Tick every option that applies (a column of checkboxes, keyboard friendly)."""

    options: Options
    label: str = "Tick every answer that applies"
    labels: dict = field(default_factory=dict)

    def widget(self, ctx):
        import ipywidgets as w

        boxes = [w.Checkbox(value=False, description=_(str(self.labels[o])) if o in self.labels else label,
                            indent=False, layout={"width": "auto"}) for label, o in _shown(self.options, ctx)]
        box = w.VBox([w.HTML(f"<b>{_(self.label)}</b>"), *boxes])
        box._options = _resolve(self.options, ctx)
        return box

    def read(self, widget):
        return [o for o, b in zip(widget._options, widget.children[1:]) if b.value]

    def stable(self, answer, ctx):
        """``answer`` (a list) with each option typed as its label, in any language, replaced by its key."""
        if not isinstance(answer, (list, tuple, set)):
            return answer
        keyed = [self.labelled(item, ctx) for item in answer]
        return type(answer)(keyed) if not isinstance(answer, set) else set(keyed)

    def labelled(self, item, ctx):
        """The key of one ticked option typed as its label (its own label when it has one, else the option)."""
        key = option_key(self.options, item, ctx)
        if key != item or not self.labels:
            return key
        by_label = {str(label): option for option, label in self.labels.items()}
        label_key = option_key(list(by_label), item, ctx)
        return by_label.get(label_key, item)

    def expects(self, ctx) -> str:
        return _options_phrase(_("a list of the options that apply"), _resolve(self.options, ctx))

    def accepts(self, value, ctx) -> bool:
        return isinstance(value, (list, tuple, set)) and all(_hashable(v) for v in value)

    def how(self, ctx) -> str:
        return _("Tick every option that applies in the form; in code, give a list of options such as {examples!r}."
                 ).format(examples=_resolve(self.options, ctx)[:2])


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
        return _("Give {expected}; the example above the exercise shows how to build it.").format(
            expected=self.expects(ctx))


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
        return _("a table with {columns}").format(columns=_columns(value))
    if isinstance(value, pd.Series):
        return _("a column of values (one per row)")
    if isinstance(value, bool):
        return _("True or False")
    if _is_number(value):
        return _("a whole number") if float(value).is_integer() and not isinstance(value, float) else _("a number")
    if isinstance(value, str):
        return _("a text")
    if isinstance(value, (list, tuple, set)):
        return _("a list")
    if isinstance(value, dict):
        return _("a dictionary")
    names = {"Graph": _("a network (a networkx graph)"), "DiGraph": _("a network (a networkx graph)"),
             "Figure": _("a chart (a plotly figure)")}
    return names.get(type(value).__name__, _("a {kind}").format(kind=type(value).__name__))


def describe(value) -> str:
    """What a trainee gave, in a few words.

    >>> import pandas as pd
    >>> describe(pd.DataFrame({"x": [1]})), describe("hello"), describe(3), describe([1, 2])
    ('a table of 1 row with the column x', "the text 'hello'", 'the number 3', 'a list of 2 items')
    """
    import pandas as pd

    if isinstance(value, pd.DataFrame):
        if not len(value.columns):
            return _("an empty table")
        return ngettext("a table of {n} row with {columns}", "a table of {n} rows with {columns}",
                        len(value)).format(n=len(value), columns=_columns(value))
    if isinstance(value, pd.Series):
        return ngettext("a column of {n} value", "a column of {n} values", len(value)).format(n=len(value))
    if isinstance(value, bool):
        return _("{value} (a yes/no value)").format(value=value)
    if _is_number(value):
        return _("the number {value:g}").format(value=value)
    if isinstance(value, str):
        shown = value[:40] + "..." if len(value) > 40 else value
        return _("the text {text!r}").format(text=shown) if value.strip() else _("an empty text")
    if isinstance(value, (list, tuple, set)):
        return ngettext("a list of {n} item", "a list of {n} items", len(value)).format(n=len(value))
    if isinstance(value, dict):
        return ngettext("a dictionary of {n} entry", "a dictionary of {n} entries", len(value)).format(n=len(value))
    return kind(value)


def _columns(df) -> str:
    """``the column x`` or ``the columns x, y, ...``."""
    names = [str(c) for c in df.columns]
    listed = ", ".join(names[:8]) + (_(", ... ({n} in all)").format(n=len(names)) if len(names) > 8 else "")
    return ngettext("the column {names}", "the columns {names}", len(names)).format(names=listed)


def _options_phrase(what: str, options: list) -> str:
    shown = _listing(options)
    return (_("{what} ({options})").format(what=what, options=shown) if shown
            else _("{what} in the form").format(what=what))


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
    return ", ".join(shown) + (_(", ... ({n} in all)").format(n=len(items)) if len(items) > most else "")
