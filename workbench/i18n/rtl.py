"""Lesson text laid out right to left, with left-to-right islands for what is read left to right.

An Arabic or Persian markdown cell is wrapped in ``<div dir="rtl" lang="ar">`` with blank lines
around its text, so JupyterLab (and any CommonMark renderer) still reads the inside as markdown and
lays out paragraphs, lists and tables from the right. Inside it, what a reader reads left to right
whatever the language around it becomes an island ``<bdi dir="ltr">…</bdi>``: email addresses,
phone numbers and dates written with digits, record and exercise ids, web addresses and inline code
spans; a fenced code block gets a ``<div dir="ltr">`` of its own. Link targets, HTML tags (the
glossary's anchors ``<a id="account"></a>``) and the text of fenced code are never changed, so
links and anchors keep working.

>>> print(right_to_left("Write to <a id='x'></a>amina@example.com", "ar"))
<div dir="rtl" lang="ar">
<BLANKLINE>
Write to <a id='x'></a><bdi dir="ltr">amina@example.com</bdi>
<BLANKLINE>
</div>
"""

from __future__ import annotations

import re

# Fenced code gets a left-to-right block of its own; its text is never changed.
_FENCE = re.compile(r"^(```|~~~)[^\n]*\n.*?^\1[ \t]*$", re.DOTALL | re.MULTILINE)
# Scanned left to right, first match wins: an inline code span is an island (even one holding a tag);
# a link or image (its target a path or an anchor) and an HTML tag (an anchor ``<a id=...>``) are kept
# as they are; then what is read left to right inside right-to-left text.
_RUNS = re.compile(
    r"(?P<island>`[^`\n]+`)"
    r"|(?P<kept>!?\[[^\]\n]*\]\([^)\n]*\)|<[^>\n]+>)"
    r"|(?P<text>https?://[^\s<>()]+[^\s<>().,;:!?]"  # a web address
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"                  # an email address
    r"|\+?\d[\d ().-]{6,}\d"                          # a phone number, a date written with digits
    r"|\b[A-Z]{1,4}-?\d{2,}\b"                        # a record id: C0042, OPP-0007, T07
    r"|\b[a-z]+(?:\.[a-z0-9-]+){2,}\b)",               # an exercise id: crm.pipeline.weighted-forecast
    re.ASCII)


def ltr_islands(text: str) -> str:
    """``text`` with each left-to-right run (module docstring) in ``<bdi dir="ltr">``.

    >>> ltr_islands("Call +33 6 12 34 56 78 about C0042 (`check()`)")
    'Call <bdi dir="ltr">+33 6 12 34 56 78</bdi> about <bdi dir="ltr">C0042</bdi> (<bdi dir="ltr">`check()`</bdi>)'
    >>> ltr_islands("[see C0042](../00-glossary.ipynb#lead) and <a id=\\"lead\\"></a> `<b>`")
    '[see C0042](../00-glossary.ipynb#lead) and <a id="lead"></a> <bdi dir="ltr">`<b>`</bdi>'
    """
    return _RUNS.sub(lambda m: m.group(0) if m.group("kept") else f'<bdi dir="ltr">{m.group(0)}</bdi>', text)


def right_to_left(markdown: str, lang: str) -> str:
    """A markdown cell's text laid out right to left in ``lang``, its left-to-right runs kept left to right.

    >>> print(right_to_left("Code:\\n```python\\ncheck('id', 1)\\n```", "fa"))
    <div dir="rtl" lang="fa">
    <BLANKLINE>
    Code:
    <div dir="ltr">
    <BLANKLINE>
    ```python
    check('id', 1)
    ```
    <BLANKLINE>
    </div>
    <BLANKLINE>
    </div>
    """
    pieces, start = [], 0
    for fence in _FENCE.finditer(markdown):
        pieces.append(ltr_islands(markdown[start:fence.start()]))
        pieces.append(f'<div dir="ltr">\n\n{fence.group(0)}\n\n</div>\n')
        start = fence.end()
    pieces.append(ltr_islands(markdown[start:]))
    return f'<div dir="rtl" lang="{lang}">\n\n' + "".join(pieces).strip("\n") + "\n\n</div>"

