"""Right-to-left layout of lesson markdown, with left-to-right islands."""

from __future__ import annotations

import pytest

from workbench.i18n.rtl import ltr_islands, right_to_left


@pytest.mark.parametrize("run", ["amina@example.com", "+33 6 12 34 56 78", "06 12 34 56 78", "2026-07-06",
                                 "C0042", "OPP-0007", "crm.pipeline.weighted-forecast", "`wb.ask()`",
                                 "https://example.com/a?b=1"])
def test_each_left_to_right_run_is_an_island(run):
    assert ltr_islands(f"قبل {run} بعد") == f'قبل <bdi dir="ltr">{run}</bdi> بعد'


@pytest.mark.parametrize("kept", ['<a id="lead"></a>', "[الأدلة](../00-glossary.ipynb#lead)",
                                  "![chart](images/C0042-chart.png)", "<https://example.com>"])
def test_links_anchors_and_tags_are_never_changed(kept):
    assert ltr_islands(f"نص {kept} نص") == f"نص {kept} نص"


def test_the_cell_is_a_right_to_left_block_read_as_markdown():
    laid = right_to_left("# عنوان\n\n| a | b |\n|---|---|\n| 1 | 2 |", "ar")
    assert laid.startswith('<div dir="rtl" lang="ar">\n\n# عنوان') and laid.endswith("\n\n</div>")


def test_fenced_code_is_a_left_to_right_block_and_stays_as_written():
    code = "```python\nwb.ask('crm.intro.count-contacts')  # C0042\n```"
    laid = right_to_left(f"قبل\n{code}\nبعد", "fa")
    assert f'<div dir="ltr">\n\n{code}\n\n</div>\n\nبعد' in laid


def test_rendered_as_html_the_layout_holds():
    """What JupyterLab's markdown renderer makes of it: paragraphs inside the rtl block, islands inline."""
    import mistune  # nbconvert's markdown renderer

    html = mistune.html(right_to_left("**مرحبا** amina@example.com\n\nفقرة", "ar"))
    assert html.startswith('<div dir="rtl" lang="ar">')
    assert '<p><strong>مرحبا</strong> <bdi dir="ltr">amina@example.com</bdi></p>' in html
    assert "<p>فقرة</p>" in html
