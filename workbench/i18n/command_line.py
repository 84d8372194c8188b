"""argparse's own words ("usage:", "error:", "the following arguments are required") in the user's language.

argparse writes its words through the module-level ``gettext`` of the standard library, in a
domain the workbench does not ship. :data:`ARGPARSE_WORDS` declares argparse's message ids in the
workbench's own catalogue, so translators see them beside the package's strings, and
:class:`ArgumentParser` makes argparse read them from that catalogue while it builds, parses and
prints: the help's headings and a command-line error are in ``WORKBENCH_LANG``'s language, and the
rest of the process keeps argparse as it was.

>>> from workbench.i18n.language import use_language
>>> parser = ArgumentParser(prog="workbench", add_help=False)
>>> _ = parser.add_argument("--out", required=True)
>>> with use_language("fr"):
...     parser.format_usage()
'utilisation\\xa0: workbench --out OUT\\n'
"""

from __future__ import annotations

import argparse
import functools
from collections.abc import Iterator
from contextlib import contextmanager

from .messages import N_, gettext, ngettext

#: The message ids argparse writes to a user (CPython 3.10 to 3.13), declared here so that extraction puts them
#: in the workbench's catalogue; ``%s`` and ``%(name)s`` are argparse's own placeholders, filled after
#: translation. Left out: the mistakes of a program building a parser, and "expected %s argument(s)", which
#: only ``nargs=<number>`` raises (the workbench's commands use none).
ARGPARSE_WORDS = (
    N_("usage: "), N_("positional arguments"), N_("options"), N_("show this help message and exit"),
    N_("show program's version number and exit"), N_("%(prog)s: error: %(message)s\n"),
    N_("the following arguments are required: %s"), N_("unrecognized arguments: %s"),
    N_("argument %(argument_name)s: %(message)s"), N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"), N_("expected one argument"), N_("expected at most one argument"),
    N_("expected at least one argument"), N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"), N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("ignored explicit argument %r"), N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
)


@contextmanager
def argparse_in_language() -> Iterator[None]:
    """Inside the block, argparse's words come from the workbench's catalogue in the current language.

    >>> from workbench.i18n.language import use_language
    >>> with use_language("fa"), argparse_in_language():
    ...     argparse._("options")
    'گزینه‌ها'
    """
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = gettext, ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


def _in_language(method):
    @functools.wraps(method)
    def speaking(self, *args, **kwargs):
        with argparse_in_language():
            return method(self, *args, **kwargs)
    return speaking


def _named_by_choices(method):
    """``method`` after naming each sub-command argument by its choices (``{copy,folder}``, as argparse's usage
    shows it) instead of its ``dest``, an English variable name that would appear in a translated error."""
    @functools.wraps(method)
    def naming(self, *args, **kwargs):
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction) and action.metavar is None and action.choices:
                action.metavar = "{" + ",".join(action.choices) + "}"
        return method(self, *args, **kwargs)
    return naming


class ArgumentParser(argparse.ArgumentParser):
    """An ``argparse.ArgumentParser`` that writes its usage, help and errors in the current language
    (its sub-command parsers too: argparse makes them of the same class).

    >>> from workbench.i18n.language import use_language
    >>> with use_language("bn"):
    ...     ArgumentParser(prog="workbench").format_help().splitlines()[-2:]
    ['বিকল্পসমূহ:', '  -h, --help  এই সহায়তা বার্তা দেখিয়ে বেরিয়ে যান']
    """

    __init__ = _in_language(argparse.ArgumentParser.__init__)
    parse_known_args = _named_by_choices(_in_language(argparse.ArgumentParser.parse_known_args))
    parse_args = _named_by_choices(_in_language(argparse.ArgumentParser.parse_args))
    format_usage = _named_by_choices(_in_language(argparse.ArgumentParser.format_usage))
    format_help = _named_by_choices(_in_language(argparse.ArgumentParser.format_help))
    error = _in_language(argparse.ArgumentParser.error)
