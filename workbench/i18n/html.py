"""HTML in the trainee's language: ``lang`` and ``dir`` attributes, left-to-right islands, Jinja2 templates.

Arabic and Persian pages and widgets are written right to left; an email, a phone number,
an id or a piece of code inside them stays left to right in an island of its own (``<bdi
dir="ltr">``), so ``+33 6 12 34 56 78`` never comes out reversed.

>>> from workbench.i18n.language import use_language
>>> with use_language("ar"):
...     language_attributes(), ltr("nusrat@example.com")
('lang="ar" dir="rtl"', '<bdi dir="ltr">nusrat@example.com</bdi>')
>>> language_attributes("fr")
'lang="fr" dir="ltr"'
"""

from __future__ import annotations

import html as html_module

from .language import choose, current_language, direction


def language_attributes(lang: str | None = None) -> str:
    """The ``lang`` and ``dir`` attributes of an element written in ``lang`` (the current language by default)."""
    lang = choose(lang) if lang else current_language()
    return f'lang="{lang}" dir="{direction(lang)}"'


def ltr(text) -> str:
    """``text`` escaped, as a left-to-right island inside text of either direction.

    >>> ltr("<C12>")
    '<bdi dir="ltr">&lt;C12&gt;</bdi>'
    """
    return f'<bdi dir="ltr">{html_module.escape(str(text))}</bdi>'


def environment(loader, lang: str | None = None, **options):
    """A Jinja2 environment that speaks ``lang``: the i18n extension with the package's catalogue,
    ``lang`` and ``dir`` for the ``<html>`` element, the ``ltr`` filter for islands, ``number`` for numbers
    and ``translated`` for a text held in data that may be an English message id (a grade's hint).

    >>> import jinja2
    >>> env = environment(jinja2.DictLoader({"t": '<p dir="{{ dir }}">{{ _("Hint:") }} {{ email|ltr }}</p>'}), "fa")
    >>> env.get_template("t").render(email="a@b.c")
    '<p dir="rtl">راهنمایی: <bdi dir="ltr">a@b.c</bdi></p>'
    """
    import jinja2
    from markupsafe import Markup

    from .messages import translations
    from .numbers import format_number

    lang = choose(lang) if lang else current_language()
    env = jinja2.Environment(loader=loader, extensions=["jinja2.ext.i18n"], autoescape=True, **options)
    catalogue = translations(lang)
    env.install_gettext_translations(catalogue, newstyle=True)
    env.filters["translated"] = lambda text: catalogue.gettext(text) if isinstance(text, str) and text else text
    env.globals.update(lang=lang, dir=direction(lang))
    env.filters["ltr"] = lambda text: Markup(ltr(text))
    env.filters["number"] = lambda value, decimals=None: format_number(value, lang, decimals=decimals)
    return env
