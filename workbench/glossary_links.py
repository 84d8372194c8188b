"""Link each lesson's first mention of a glossary term to its entry, and write the glossary notebook.

``python -m workbench.glossary_links`` writes ``notebooks/00-glossary.ipynb`` from
:data:`workbench.glossary.TERMS` and, in every lesson, turns the first mention of each term in
the lesson's text into a link to its entry (``[leads](../00-glossary.ipynb#lead)``). Headings,
code, existing links and HTML are left alone; a term already linked further up counts as
mentioned. A second run changes nothing, so authors run it after every edit and a test checks
that nothing is left to link.

>>> text = "A **lead** becomes an opportunity; another lead is linked once."
>>> print(link_text(text, "../00-glossary.ipynb", set()))
A **[lead](../00-glossary.ipynb#lead)** becomes an [opportunity](../00-glossary.ipynb#opportunity); another lead is linked once.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from .glossary import GLOSSARY_NOTEBOOK, TERMS, mentions, page_markdown

# What is not prose: fenced code, inline code, links and images, bare URLs, HTML tags, headings.
_NOT_PROSE = re.compile(r"```.*?```|`[^`\n]*`|!?\[[^\]\n]*\]\([^)\n]*\)|<[^>\n]+>|https?://\S+|^#[^\n]*",
                        re.DOTALL | re.MULTILINE)
_GLOSSARY_LINK = re.compile(r"\[[^\]\n]*\]\([^)\n]*" + re.escape(GLOSSARY_NOTEBOOK) + r"#([\w-]+)\)")
_ANCHORS = {t.anchor for t in TERMS}


def link_text(text: str, target: str, seen: set[str]) -> str:
    """``text`` with the first mention of each term not in ``seen`` (anchors) linked to ``target``.

    ``seen`` gains the anchors of the terms linked or found already linked, in text order.
    """
    events = [(m.start(), m.group(1), None) for m in _GLOSSARY_LINK.finditer(text) if m.group(1) in _ANCHORS]
    skip = [m.span() for m in _NOT_PROSE.finditer(text)]
    events += [(start, t.anchor, (start, end, words)) for t, start, end, words in mentions(text, skip)]
    edits = []
    for _, anchor, mention in sorted(events, key=lambda e: e[0]):
        if anchor in seen:
            continue
        seen.add(anchor)
        if mention:
            edits.append(mention + (anchor,))
    for start, end, words, anchor in sorted(edits, reverse=True):
        text = f"{text[:start]}[{words}]({target}#{anchor}){text[end:]}"
    return text


def link_lesson(nb, path: Path) -> bool:
    """Link the first mentions in a lesson's markdown cells; True if a cell changed."""
    from .lessons import notebooks_folder

    notebooks = notebooks_folder(path)
    if path.resolve() == (notebooks / GLOSSARY_NOTEBOOK).resolve():
        return False
    target = Path(os.path.relpath(notebooks / GLOSSARY_NOTEBOOK, path.resolve().parent)).as_posix()
    seen: set[str] = set()
    changed = False
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        linked = link_text(cell.source, target, seen)
        if linked != cell.source:
            cell.source, changed = linked, True
    return changed


def glossary_notebook():
    """The glossary as a lab notebook: one markdown cell per term, each with its anchor."""
    import nbformat

    v4 = nbformat.v4
    params = v4.new_code_cell("data_dir = None  # the glossary uses no data; kept so every lesson opens alike",
                              metadata={"tags": ["parameters"], "jupyter": {"source_hidden": True}})
    cells = [v4.new_markdown_cell(page_markdown()[0]), params,
             *(v4.new_markdown_cell(text) for text in page_markdown()[1:])]
    for number, cell in enumerate(cells):
        cell["id"] = f"glossary-{number:02d}"
    meta = {"title": "Glossary", "track": "start", "order": 1, "duration_minutes": 5,
            "goals": ["Look up a word a lesson uses"], "sources": ["the course's sources, in plain words"],
            "exercises": []}
    return v4.new_notebook(cells=cells, metadata={"workbench": meta, "kernelspec": {
        "display_name": "Python 3", "language": "python", "name": "python3"}, "language_info": {"name": "python"}})


def main(argv: list[str] | None = None) -> int:
    """Write the glossary notebook, then link the first mentions in every lesson; say what changed."""
    import nbformat

    from .lesson_files import rewrite_named
    from .lessons import NOTEBOOKS

    glossary = NOTEBOOKS / GLOSSARY_NOTEBOOK
    fresh = nbformat.writes(glossary_notebook()) + "\n"
    if not glossary.exists() or glossary.read_text(encoding="utf-8") != fresh:
        glossary.write_text(fresh, encoding="utf-8")
        print(f"glossary written: {glossary}")
    changed, paths = rewrite_named(argv, link_lesson)
    print(f"glossary links added in {len(changed)} of {len(paths)} lesson(s)")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
