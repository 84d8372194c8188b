"""The glossary holds every term of the registry, with its anchor, and every lesson links its first mentions."""

import copy

import nbformat
import pytest

from workbench.glossary import GLOSSARY_NOTEBOOK, TERMS, mentions, term
from workbench.glossary_links import _NOT_PROSE, glossary_notebook, link_lesson, link_text
from workbench.lessons import NOTEBOOKS, lesson_paths

LESSONS = [p for p in lesson_paths() if p.name != GLOSSARY_NOTEBOOK]


def rel(p):
    return p.relative_to(NOTEBOOKS).as_posix()


def test_terms_have_unique_anchors_and_plain_definitions():
    anchors = [t.anchor for t in TERMS]
    assert len(anchors) == len(set(anchors))
    for t in TERMS:
        assert t.definition.endswith(".") and len(t.definition.split()) >= 8, t.name
        assert "seed" not in t.definition.lower() and "_" not in t.definition, t.name


def test_the_required_terms_are_defined():
    for name in ["lead", "opportunity", "pipeline", "stage", "forecast", "RFM", "segment", "consent", "opt-in",
                 "contact pressure", "duplicate", "connector", "structural hole", "warm introduction",
                 "level-1 reach", "level-2 reach", "persona", "editorial line", "levels of action"]:
        assert term(name).definition


def test_the_glossary_notebook_holds_every_term_with_its_anchor():
    path = NOTEBOOKS / GLOSSARY_NOTEBOOK
    nb = nbformat.read(path, as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    for t in TERMS:
        assert f'<a id="{t.anchor}"></a>' in text and f"**{t.name}**" in text, t.name
    assert nb == glossary_notebook(), "the glossary is out of date: run python -m workbench.glossary_links"


def test_mentions_skip_code_and_links():
    text = "Use `lead_id` and [the pipeline](x.ipynb), then score RFM; rfm in lower case is code."
    skip = [m.span() for m in _NOT_PROSE.finditer(text)]
    assert [t.name for t, *_ in mentions(text, skip)] == ["RFM"]


def test_a_term_linked_further_up_is_not_linked_again():
    seen = set()
    first = link_text("Each [lead](../00-glossary.ipynb#lead) counts.", "../00-glossary.ipynb", seen)
    assert first == "Each [lead](../00-glossary.ipynb#lead) counts."
    assert link_text("Another lead.", "../00-glossary.ipynb", seen) == "Another lead."


@pytest.mark.parametrize("path", LESSONS, ids=rel)
def test_each_lesson_links_the_first_mention_of_every_term(path):
    nb = nbformat.read(path, as_version=4)
    assert not link_lesson(copy.deepcopy(nb), path), \
        f"{rel(path)} mentions glossary terms without a link: run python -m workbench.glossary_links"
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    if mentions(text, [m.span() for m in _NOT_PROSE.finditer(text)]) or GLOSSARY_NOTEBOOK in text:
        assert GLOSSARY_NOTEBOOK + "#" in text, f"{rel(path)} never links the glossary"
