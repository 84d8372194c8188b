"""The exercise engine: results, the registry, check(), progress and the Check button."""

import json
import multiprocessing

import pytest

from workbench.errors import ExerciseError, InputError
from workbench.exercises import Mistake, ProgressLog, Result, check, exercise, get
from workbench.exercises.check import Context, run_check
from workbench.exercises.solutions import SolutionMarkerError, strip_notebook, strip_source


@exercise("test.engine.double", title="Double it", solution=lambda ctx: 4,
          wrong=[(lambda ctx: 3, "twice")], max_points=2)
def _double(answer, ctx):
    if not isinstance(answer, (int, float)):
        raise InputError("the answer must be a number", fix="type a number such as 4")
    if answer == 4:
        return Result.right(2, "Right: 2 doubled is 4.")
    if answer == 2:
        return Result.wrong(2, "That is the number itself.", "Multiply it by two (twice).", points=1)
    return Result.wrong(2, f"{answer} is not 2 doubled.", "Twice 2 is?")


@exercise("test.engine.broken", title="A check that breaks on strings", solution=lambda ctx: 1,
          wrong=[(lambda ctx: "x", "whole number")])
def _broken(answer, ctx):
    return Result.right(1, "ok") if answer + 0 == 1 else Result.wrong(1, "no", "no")


def test_right_answer_gets_full_marks_and_is_logged(workbench_home):
    result = check("test.engine.double", 4)
    assert result.passed and result.points == 2
    records, problems = ProgressLog(workbench_home / "progress" / "tester.jsonl").read()
    assert problems == []
    assert records[-1]["exercise"] == "test.engine.double" and records[-1]["passed"] is True


def test_partial_credit_explains_and_hints():
    result = check("test.engine.double", 2)
    assert (result.points, result.max_points) == (1, 2)
    assert "twice" in result.hint


def test_blank_stub_is_not_an_error():
    result = check("test.engine.double", ...)
    assert not result.passed and "No answer yet" in result.message


def test_workbench_error_in_answer_becomes_message():
    result = check("test.engine.double", "four")
    assert not result.passed
    assert "must be a number" in result.message and "4" in result.how


def test_exception_in_check_never_reaches_trainee():
    """A code exercise without a form: what it expects comes from its reference solution."""
    result = check("test.engine.broken", "x")
    assert not result.passed
    assert result.message == ("Your answer could not be checked: the exercise expects a whole number, "
                              "and you gave the text 'x'.")
    assert "TypeError" not in result.text() and "Give a whole number" in result.hint


@pytest.mark.parametrize("id, answer, expects, gave", [
    ("superusers.class-report.completion", "80 percent", "a whole number", "the text '80 percent'"),
    ("crm.intro.what-a-crm-records", 3, "a list of the options that apply in the form", "the number 3"),
    ("crm.intro.busiest-account", ["Taylor LLC", "Aubry"], "one of the options", "a list of 2 items"),
])
def test_a_wrongly_shaped_answer_says_what_was_expected(id, answer, expects, gave):
    import pandas as pd

    result = check(id, answer)
    assert not result.passed
    assert f"expects {expects}" in result.message and f"you gave {gave}" in result.message
    assert "Error" not in result.text() and "ambiguous" not in result.text() and result.hint
    table = check(id, pd.DataFrame({"contact_id": ["C1"]}))
    assert "you gave a table of 1 row with the column contact_id" in table.message


def test_an_answer_of_the_right_kind_the_check_cannot_read():
    """crm.quality.clean-phone gets text, but not a phone number: no 'expects text, gave text'."""
    result = check("crm.quality.clean-phone", "call me")
    assert result.message == "Your answer (the text 'call me') could not be checked."
    assert "'Phone' box" in result.hint and "+..." in result.hint


def test_unknown_id_is_a_message_with_known_ids():
    result = check("test.engine.tripple", 3)
    assert "no exercise called" in result.message
    assert "test.engine.double" in result.hint
    with pytest.raises(ExerciseError):
        get("not-an-id")


def test_strict_mode_raises_for_wrong_answers(monkeypatch):
    monkeypatch.setenv("WORKBENCH_STRICT", "1")
    assert check("test.engine.double", 4).passed
    with pytest.raises(AssertionError, match="test.engine.double"):
        check("test.engine.double", 3)


def test_widget_answers_are_unwrapped():
    import ipywidgets as w

    assert check("test.engine.double", w.IntText(value=4)).passed


def test_exercise_needs_a_plausible_wrong_answer():
    with pytest.raises(ExerciseError, match="wrong"):
        exercise("test.engine.nowrong", title="t", solution=lambda c: 1, wrong=[])


def test_progress_attempts_count_up_and_corrupt_lines_are_skipped(tmp_path):
    log = ProgressLog(tmp_path / "p.jsonl")
    log.append({"exercise": "a.b.c", "points": 0, "max_points": 1})
    with log.path.open("a") as fh:
        fh.write('{"broken": \n')
        fh.write("[1, 2]\n")
    log.append({"exercise": "a.b.c", "points": 1, "max_points": 1})
    records, problems = log.read()
    assert [r["attempt"] for r in records] == [1, 2]
    assert len(problems) == 2 and "line 2" in problems[0]
    summary = log.summary()
    assert summary.loc[0, "attempts"] == 2 and bool(summary.loc[0, "passed"])


def test_an_append_after_a_torn_line_keeps_its_own_line(tmp_path):
    """A write cut short leaves no newline; the next attempt must not glue onto it."""
    log = ProgressLog(tmp_path / "p.jsonl")
    log.append({"exercise": "a.b.c", "points": 0, "max_points": 1})
    with log.path.open("a") as fh:
        fh.write('{"exercise": "a.b.c", "poi')  # the torn record: no closing brace, no newline
    log.append({"exercise": "a.b.c", "points": 1, "max_points": 1})
    records, problems = log.read()
    assert [r["points"] for r in records] == [0, 1]
    assert problems == ["p.jsonl, line 2: not valid JSON, skipped"]
    assert log.path.read_text().endswith("\n")


def test_my_progress_says_no_checks_yet_then_shows_skipped_lines(workbench_home):
    from workbench.exercises.progress import my_progress

    first = my_progress()
    assert "no checks yet" in first._repr_html_() and "<table" not in first._repr_html_()
    check("test.engine.double", 4)
    with (workbench_home / "progress" / "tester.jsonl").open("a") as fh:
        fh.write("{torn")
    check("test.engine.double", 3)
    page = my_progress()._repr_html_()
    assert "tester: 1 of 1 exercises passed (2 of 2 points)" in page and "<table" in page
    assert "1 line of" in page and "tester.jsonl, line 2: not valid JSON, skipped" in page


def _append_many(path, n):
    log = ProgressLog(path)
    for i in range(n):
        log.append({"exercise": "a.b.c", "points": i, "max_points": n, "pad": "x" * 2000})


def test_concurrent_appends_never_interleave(tmp_path):
    path = tmp_path / "p.jsonl"
    procs = [multiprocessing.Process(target=_append_many, args=(path, 50)) for _ in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    lines = path.read_text().splitlines()
    assert len(lines) == 200
    assert all(json.loads(line)["exercise"] == "a.b.c" for line in lines)


def test_check_button_shows_feedback():
    from workbench.exercises import check_button

    box = check_button("test.engine.double", lambda: 2)
    row, feedback = box.children
    row.children[0].click()
    assert "1/2" in feedback.value and "twice" in feedback.value


def test_check_button_survives_a_broken_form():
    from workbench.exercises import check_button

    box = check_button("test.engine.double", lambda: 1 / 0)
    box.children[0].children[0].click()
    assert "Could not read the form" in box.children[1].value


def test_strip_solutions():
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = ...\n    ### BEGIN SOLUTION\n    x = 1\n    ### END SOLUTION\ncheck(x)")]
    nb.cells[0].outputs = [nbformat.v4.new_output("stream", text="hi")]
    out = strip_notebook(nb)
    assert "x = 1" not in out.cells[0].source
    assert "    # YOUR ANSWER HERE" in out.cells[0].source
    assert out.cells[0].outputs == [] and "x = 1" in nb.cells[0].source
    with pytest.raises(SolutionMarkerError, match="line 1: BEGIN SOLUTION is never closed"):
        strip_source("### BEGIN SOLUTION\nx = 1")
    with pytest.raises(SolutionMarkerError, match="line 1: END SOLUTION without BEGIN"):
        strip_source("### END SOLUTION")


def test_a_broken_solution_region_names_notebook_cell_and_line():
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Practice"), nbformat.v4.new_code_cell("x = 1"),
                nbformat.v4.new_code_cell("x = ...\nprint(x)\n### END SOLUTION")]
    with pytest.raises(SolutionMarkerError) as raised:
        strip_notebook(nb, path="exercises/crm/01-practice.ipynb")
    err = raised.value
    assert isinstance(err, ExerciseError) and (err.cell, err.line) == (3, 3)
    assert str(err).startswith("01-practice.ipynb, cell 3, line 3: END SOLUTION without BEGIN SOLUTION.")
    assert "Fix: add '### BEGIN SOLUTION'" in str(err)


def test_run_check_rejects_a_check_returning_garbage():
    from workbench.exercises.registry import Exercise

    ex = Exercise(id="a.b.c", title="t", check=lambda a, c: True)
    with pytest.raises(TypeError):
        run_check(ex, 1, Context())


@exercise("test.engine.steps", title="Hints in two steps", solution=lambda ctx: 4,
          wrong=[Mistake(lambda ctx: 3, "{answer} is one short.", ("Look at the last row.", "Count it too."))])
def _steps(answer, ctx):
    if answer == 4:
        return Result.right(1, "Right.")
    return Result.wrong(1, "Not yet.", ("Look at the table above.", "Count its rows."))


def test_a_hint_may_come_in_two_steps_and_one_text_is_the_first():
    assert check("test.engine.steps", 5, record=False).hints == ("Look at the table above.", "Count its rows.")
    assert check("test.engine.double", 7, record=False).hints == ("Twice 2 is?",)
    mistaken = check("test.engine.steps", 3, record=False)
    assert (mistaken.message, mistaken.hint, mistaken.how) == ("3 is one short.", "Look at the last row.", "Count it too.")
    with pytest.raises(ValueError, match="one text or two"):
        Result.wrong(1, "no", ("where", "how", "and more"))


def test_check_button_gives_the_second_hint_step_from_the_second_wrong_attempt():
    from workbench.exercises import check_button

    box = check_button("test.engine.steps", lambda: 5)
    button, feedback = box.children[0].children[0], box.children[1]
    button.click()
    assert "Look at the table above." in feedback.value and "Count its rows." not in feedback.value
    button.click()
    assert "Count its rows." in feedback.value and "Look at the table above." not in feedback.value
    button.click()
    assert "Count its rows." in feedback.value


def test_a_form_carries_a_note_for_a_lost_kernel_hidden_until_jupyterlab_marks_it_disconnected():
    from workbench.exercises import check_button

    label = check_button("test.engine.steps", lambda: 4).children[0].children[1].value
    assert "lost its connection to Python" in label and "Run All Above" in label
    assert ".jupyter-widgets-disconnected .workbench-kernel-lost{display:block}" in label


def test_ask_before_the_data_is_loaded_says_what_to_run_first(monkeypatch):
    import importlib

    from workbench.exercises import ask

    monkeypatch.setattr(importlib.import_module("workbench.data.active"), "_CURRENT", None)
    note = ask("crm.intro.count-contacts")
    assert "wb.start(...)" in note.value and "first" in note.value
    assert not hasattr(note, "children")


def test_a_lesson_exercise_cell_run_alone_in_a_fresh_python_says_what_to_run_first():
    """After a kernel restart a trainee may run one exercise cell alone: no NameError, a note instead."""
    import subprocess
    import sys
    from pathlib import Path

    import nbformat

    lesson = nbformat.read(Path(__file__).resolve().parents[2] / "notebooks/crm/01-what-a-crm-is.ipynb", as_version=4)
    cell = next(c for c in lesson.cells if c.metadata.get("workbench", {}).get("exercise"))
    assert cell.source.startswith("import workbench as wb\n")
    *body, last = cell.source.splitlines()
    shown = subprocess.run([sys.executable, "-c", "\n".join([*body, f"print(({last}).value)"])],
                           capture_output=True, text=True, check=True).stdout
    assert "wb.start(...)" in shown and "first" in shown
