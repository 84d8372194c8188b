"""Is a translated lesson (or practice set) the English one in other words? What a translation must keep, checked.

Three checks, each a list of problems (empty when all is well), each problem saying where and what:

- :func:`notebook_differences`: a translated notebook has the English one's cells in the same
  order, with the same ids, types, exercise ids, metadata and code (solution regions included);
  only markdown text, the title and the goals (and the ``workbench.lang`` mark) may differ.
- :func:`entry_differences`: a translated catalogue entry keeps the English entry's link
  targets, anchors (``<a id="account"></a>``, which links from other lessons point to), inline
  code spans and fenced code, so links, anchors and code work the same in every language.
- :func:`catalogue_problems`: every entry of a language's lesson (or practice-set) catalogues, translated (not
  empty, not fuzzy) when the language is complete, and each translation keeping what
  :func:`entry_differences` asks.

>>> entry_differences("See [leads](../00-glossary.ipynb#lead) and `check()`.",
...                   "Voir les [pistes](../00-glossary.ipynb#piste) et `check()`.")
['link targets ../00-glossary.ipynb#lead became ../00-glossary.ipynb#piste']
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from .lesson_catalogues import LOCALE, catalogue_path, lesson_notebooks, read

# What a translation keeps exactly, by name: link and image targets, anchors, code.
KEPT = {
    "link targets": re.compile(r"\]\(([^)\s]+)[^)]*\)"),
    "anchors": re.compile(r"""\bid\s*=\s*["']([^"']+)["']"""),
    "code spans": re.compile(r"(?<!`)`([^`\n]+)`(?!`)"),
    "code blocks": re.compile(r"^```[^\n]*\n(.*?)^```", re.DOTALL | re.MULTILINE),
}
# Metadata a translation may change: the text a trainee reads, and the language mark.
TRANSLATED_METADATA = ("title", "goals", "lang")


def entry_differences(english: str, translation: str) -> list[str]:
    """What ``translation`` lost or changed of ``english``'s link targets, anchors and code.

    >>> entry_differences('<a id="lead"></a> **lead**: ...', '<a id="lead"></a> **piste** : ...')
    []
    >>> entry_differences("Run `wb.check(x)`", "Lancez `wb.verifier(x)`")
    ['code spans wb.check(x) became wb.verifier(x)']
    """
    found = []
    for name, pattern in KEPT.items():
        before, after = Counter(pattern.findall(english)), Counter(pattern.findall(translation))
        if before != after:
            lost, added = sorted((before - after).elements()), sorted((after - before).elements())
            found.append(f"{name} {', '.join(lost) or '(none)'} became {', '.join(added) or '(none)'}")
    return found


def _shape(nb) -> tuple[dict, list[dict]]:
    """What a translation must not change: the metadata but its text, and each cell but markdown text."""
    from ..lessons import cell_exercises

    meta = {key: value for key, value in nb.metadata.items() if key != "workbench"}
    meta["workbench"] = {key: value for key, value in nb.metadata.get("workbench", {}).items()
                         if key not in TRANSLATED_METADATA}
    cells = [{"id": cell.get("id"), "type": cell.cell_type, "metadata": cell.metadata,
              "exercises": cell_exercises(cell),
              **({"source": cell.source} if cell.cell_type != "markdown" else {})} for cell in nb.cells]
    return meta, cells


def notebook_differences(english, translated) -> list[str]:
    """How ``translated`` differs from ``english`` (nbformat notebooks) other than in its text.

    >>> import copy, nbformat
    >>> en = nbformat.v4.new_notebook()
    >>> en.cells = [nbformat.v4.new_markdown_cell("Hello", id="c00"), nbformat.v4.new_code_cell("x = 1", id="c01")]
    >>> fr = copy.deepcopy(en)
    >>> fr.cells[0].source = "Bonjour"
    >>> notebook_differences(en, fr)
    []
    >>> fr.cells[1].source = "x = 2"
    >>> notebook_differences(en, fr)
    ['cell 2 (c01): its source differs from the English one']
    """
    (meta_en, cells_en), (meta_tr, cells_tr) = _shape(english), _shape(translated)
    found = [f"notebook metadata {key!r} differs from the English one"
             for key in sorted(set(meta_en) | set(meta_tr)) if meta_en.get(key) != meta_tr.get(key)]
    if [c["id"] for c in cells_en] != [c["id"] for c in cells_tr]:
        found.append(f"cells are not the English ones in the same order: {[c['id'] for c in cells_tr]} "
                     f"instead of {[c['id'] for c in cells_en]}")
        return found
    for number, (en, tr) in enumerate(zip(cells_en, cells_tr), start=1):
        found += [f"cell {number} ({en['id']}): its {key} differs from the English one"
                  for key in en if en[key] != tr.get(key)]
    return found


def catalogue_problems(lang: str, notebooks: Path | None = None, locale: Path = LOCALE,
                       complete: bool = True, kind: str = "lessons") -> list[str]:
    """Every problem in ``lang``'s catalogues of ``kind`` (lessons, or practice sets), one line each, naming the
    catalogue and the entry.

    A translation that loses a link target, an anchor or code is always a problem; with ``complete``,
    so is a missing catalogue, an entry the English notebook has and the catalogue lacks, and an
    empty or fuzzy entry. ``notebooks`` defaults to the English ones of ``kind``.
    """
    import nbformat

    from .lesson_catalogues import english_folder, template

    found = []
    for lesson, path in lesson_notebooks(Path(notebooks or english_folder(kind))):
        po = catalogue_path(lesson, lang, locale, kind)
        if not po.exists():
            if complete:
                found.append(f"{po}: missing (write it with: python -m workbench.i18n.lesson_catalogues --lang {lang})")
            continue
        catalogue = read(po)
        for wanted in template(nbformat.read(path, as_version=4)):
            if not wanted.id:
                continue
            entry = catalogue.get(wanted.id, context=wanted.context)
            where = f"{po}, entry {wanted.context!r}"
            if entry is None or not entry.string or entry.fuzzy:
                if complete:
                    state = "missing" if entry is None else "fuzzy" if entry.fuzzy else "not translated"
                    found.append(f"{where}: {state}")
                continue
            found += [f"{where}: {problem}" for problem in entry_differences(wanted.id, entry.string)]
    return found
