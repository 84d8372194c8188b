"""Building the lessons in another language from its catalogues."""

from __future__ import annotations

import nbformat
import pytest

from workbench.cli import main
from workbench.i18n import LANGUAGES, RIGHT_TO_LEFT
from workbench.i18n.lesson_build import build
from workbench.i18n.lesson_catalogues import lesson_notebooks
from workbench.lessons import NOTEBOOKS, PRACTICE_SETS

TRANSLATED = LANGUAGES[1:]


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

    monkeypatch.setattr(lesson_build, "catalogue_path", lambda lesson, lang, locale, kind: tmp_path / "none.po")
    assert main(["lessons", "build", "--lang", "fa", "--out", str(tmp_path / "fa")]) == 0
    out = capsys.readouterr().out
    assert "00-start-here: 0 of 7 cells translated" in out
    assert "exercises/crm/06-segmentation-rfm: 0 of 5 cells translated" in out
    assert (tmp_path / "fa" / "exercises" / "crm" / "06-segmentation-rfm.ipynb").is_file()
    notebooks = len(lesson_notebooks(NOTEBOOKS)) + len(lesson_notebooks(PRACTICE_SETS))
    assert out.rstrip().endswith(f"; {notebooks} not completely translated (their untranslated text is in English)")
    assert main(["lessons", "build", "--lang", "fa", "--out", str(tmp_path / "fa"), "--strict"]) == 1
    assert "--strict" in capsys.readouterr().err


def test_english_or_an_unknown_language_is_a_clear_error(tmp_path, capsys):
    assert main(["lessons", "build", "--lang", "en", "--out", str(tmp_path)]) == 2
    assert "English is the lessons themselves" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["lessons", "build", "--lang", "de", "--out", str(tmp_path)])
    assert "choose one of en, fr, ar, fa, bn" in capsys.readouterr().err


# --- the practice sets -------------------------------------------------------------------------------

def test_the_command_writes_the_practice_sets_where_the_lab_has_them(tmp_path, capsys):
    """``lessons build`` puts the practice sets in ``exercises/``, beside the lessons, as ``make lab`` copies them."""
    assert main(["lessons", "build", "--lang", "bn", "--out", str(tmp_path), "--strict"]) == 0
    practice = sorted(p.relative_to(tmp_path / "exercises").as_posix() for p in (tmp_path / "exercises").rglob("*.ipynb"))
    assert practice == sorted(f"{lesson}.ipynb" for lesson, _ in lesson_notebooks(PRACTICE_SETS))
    built = nbformat.read(tmp_path / "exercises" / "crm" / "06-segmentation-rfm.ipynb", 4)
    assert built.metadata.workbench["lang"] == "bn" and "অনুশীলন" in built.metadata.workbench["title"]
    assert "14 practice sets in bn" in capsys.readouterr().out


def test_a_pseudo_arabic_practice_set_is_right_to_left_its_code_english(tmp_path, pseudo_locale):
    build("ar", tmp_path, locale=pseudo_locale, kind="practice")
    english = nbformat.read(PRACTICE_SETS / "crm" / "01-what-a-crm-is.ipynb", 4)
    built = nbformat.read(tmp_path / "crm" / "01-what-a-crm-is.ipynb", 4)
    assert all(c.source.startswith('<div dir="rtl" lang="ar">') for c in built.cells if c.cell_type == "markdown")
    assert [c.source for c in built.cells if c.cell_type == "code"] == \
        [c.source for c in english.cells if c.cell_type == "code"]


@pytest.fixture(scope="module")
def practice_run(tmp_path_factory):
    """Run one practice set headless in a language (``WORKBENCH_LANG`` set for its kernel): its check outputs."""
    import functools
    import os

    from nbclient import NotebookClient

    from workbench.i18n.lesson_build import in_language

    lesson = "crm/01-what-a-crm-is"
    path = PRACTICE_SETS / f"{lesson}.ipynb"

    @functools.cache
    def run(lang: str) -> list[tuple[str, str]]:
        folder = tmp_path_factory.mktemp(f"practice-run-{lang}")
        nb = nbformat.read(path, 4) if lang == "en" else in_language(path, lesson, lang, kind="practice")[0]
        saved = {name: os.environ.get(name) for name in ("WORKBENCH_LANG", "WORKBENCH_HOME")}
        os.environ.update(WORKBENCH_LANG=lang, WORKBENCH_HOME=str(folder / "home"))
        try:
            NotebookClient(nb, timeout=300, kernel_name="python3",
                           resources={"metadata": {"path": str(folder)}}).execute()
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name)
                else:
                    os.environ[name] = value
        return [(cell.id, output["data"]["text/html"]) for cell in nb.cells if cell.cell_type == "code"
                for output in cell.outputs if "text/html" in output.get("data", {}) and 'role="status"' in
                output["data"]["text/html"]]
    return run


@pytest.mark.notebooks
@pytest.mark.parametrize("lang", TRANSLATED)
def test_a_translated_practice_set_runs_and_its_checks_speak_the_language(practice_run, lang):
    """The built practice set runs headless; every check passes as in English, with its message in the language
    (marked with it, right to left in Arabic and Persian) and not the English one."""
    english, translated = practice_run("en"), practice_run(lang)
    assert [cell for cell, _ in translated] == [cell for cell, _ in english] and len(english) == 4
    direction = "rtl" if lang in RIGHT_TO_LEFT else "ltr"
    for (cell, html), (_, html_en) in zip(translated, english):
        assert f'lang="{lang}" dir="{direction}"' in html, cell
        assert "✔ " in html and "✔ 1/1" in html_en, cell
        assert _message(html) != _message(html_en), f"{cell}: the check spoke English"


def _message(html: str) -> str:
    """The words of a check's status box, without its mark and score."""
    import re

    return re.sub(r"<[^>]+>", "", html).split(" ", 2)[-1]


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
