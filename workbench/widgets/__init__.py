"""ipywidgets front-ends over the workbench functions (no logic of their own)."""


def in_a_kernel() -> bool:
    """Whether this runs in a notebook's kernel, where an Output widget can show what is drawn.

    Outside one (a test, a script, a doctest) widgets keep their results on the object and draw nothing.

    >>> in_a_kernel()
    False
    """
    from IPython import get_ipython

    return hasattr(get_ipython(), "kernel")


def in_language(content: str) -> str:
    """``content`` (HTML) in a block carrying the current language and its direction: right to left in
    Arabic and Persian, so headings, tables and lists start from the right.

    >>> from workbench.i18n.language import use_language
    >>> with use_language("fa"):
    ...     in_language("<p>x</p>")
    '<div lang="fa" dir="rtl"><p>x</p></div>'
    """
    from ..i18n.html import language_attributes

    return f"<div {language_attributes()}>{content}</div>"
