"""Building the lessons in another language from its catalogues."""

from __future__ import annotations

import nbformat
import pytest

from workbench.cli import main
from workbench.i18n.lesson_build import build
from workbench.i18n.lesson_catalogues import lesson_notebooks
from workbench.lessons import NOTEBOOKS


def test_every_lesson_is_written_with_its_own_path(arabic_lessons):
    out, counts = arabic_lessons
    lessons = [lesson for lesson, _ in lesson_notebooks(NOTEBOOKS)]
    assert [count.lesson for count in counts] == lessons
    assert all((out / f"{lesson}.ipynb").is_file() for lesson in lessons)


def test_a_translated_lesson_is_in_its_script_right_to_left_and_marked(arabic_lessons):
    out, counts = arabic_lessons
    nb = nbformat.read(out / "00-start-here.ipynb", as_version=4)
    markdown = [cell.source for cell in nb.cells if cell.cell_type == "markdown"]
    assert all(text.startswith('<div dir="rtl" lang="ar">') for text in markdown)
    assert "بالعربية" in markdown[0] and "بالعربية" in nb.metadata.workbench["title"]
    assert nb.metadata.workbench["lang"] == "ar"
    assert all(count.complete and count.translated == count.cells for count in counts)


def test_the_translated_glossary_keeps_its_anchors(arabic_lessons):
    out, _ = arabic_lessons
    anchors = {cell.source.split('"')[1] for cell in nbformat.read(NOTEBOOKS / "00-glossary.ipynb", 4).cells
               if cell.source.startswith("<a id=")}
    translated = "\n".join(cell.source for cell in nbformat.read(out / "00-glossary.ipynb", 4).cells)
    assert anchors and all(f'<a id="{anchor}"></a>' in translated for anchor in anchors)


def test_without_translations_the_text_stays_english_left_to_right_and_is_counted(tmp_path):
    counts = build("ar", tmp_path / "out", locale=tmp_path / "no-catalogues")
    english = nbformat.read(NOTEBOOKS / "00-start-here.ipynb", 4)
    built = nbformat.read(tmp_path / "out" / "00-start-here.ipynb", 4)
    assert [c.source for c in built.cells] == [c.source for c in english.cells]
    start = next(count for count in counts if count.lesson == "00-start-here")
    assert start.translated == 0 and start.text().startswith(f"0 of {start.cells} cells translated")


def test_the_command_counts_and_strict_fails_on_untranslated(tmp_path, capsys, monkeypatch):
    import workbench.i18n.lesson_build as lesson_build

    monkeypatch.setattr(lesson_build, "catalogue_path", lambda lesson, lang, locale: tmp_path / "none.po")
    assert main(["lessons", "build", "--lang", "fa", "--out", str(tmp_path / "fa")]) == 0
    out = capsys.readouterr().out
    assert "00-start-here: 0 of 7 cells translated" in out
    assert main(["lessons", "build", "--lang", "fa", "--out", str(tmp_path / "fa"), "--strict"]) == 1
    assert "--strict" in capsys.readouterr().err


def test_english_or_an_unknown_language_is_a_clear_error(tmp_path, capsys):
    assert main(["lessons", "build", "--lang", "en", "--out", str(tmp_path)]) == 2
    assert "English is the lessons themselves" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["lessons", "build", "--lang", "de", "--out", str(tmp_path)])
    assert "choose one of en, fr, ar, fa, bn" in capsys.readouterr().err


def test_a_lesson_s_count_is_told_in_the_language_of_the_command_line():
    from workbench.i18n.language import use_language
    from workbench.i18n.lesson_build import Count

    count = Count("crm/01", cells=3, translated=2, untranslated=["c01", "title", "goal 2"])
    with use_language("bn"):
        assert count.text() == "৩টি সেলের মধ্যে ২টি অনূদিত; শিরোনাম ও ১টি লক্ষ্য অনূদিত হয়নি"
    assert count.text() == "2 of 3 cells translated; title and 1 goal(s) untranslated"


def test_a_lesson_is_named_by_its_translated_title_and_goals():
    from workbench.i18n.lesson_build import lesson_in_language
    from workbench.lessons import NOTEBOOKS, read_lesson

    lesson = read_lesson(NOTEBOOKS / "crm" / "01-what-a-crm-is.ipynb")
    arabic = lesson_in_language(lesson, "ar")
    assert arabic.title != lesson.title and len(arabic.goals) == len(lesson.goals)
    assert not any(goal in lesson.goals for goal in arabic.goals)
    assert lesson_in_language(lesson, "en") is lesson
