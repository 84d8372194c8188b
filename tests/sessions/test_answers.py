"""Answers written down in a kernel and checked again by the grader: the round trip keeps every verdict."""

import datetime as dt
import json

import numpy as np
import pandas as pd
import pytest

from workbench.sessions.answers import MAX_BYTES, Unsupported, decode, encode, written_down


def round_trip(value):
    return decode(json.loads(json.dumps(encode(value))))


@pytest.mark.parametrize("value", [
    3, -2.5, "Amina", None, True, ..., [1, "a", None], ("x", 2), {"a", "b"}, frozenset({1}),
    {"count": 3, 7: "seven", ("a", 1): [1.5]}, float("nan"), float("inf"),
    np.int64(4), np.float64(0.25), np.array([1, 2, 3]), np.array(["a", "b"]),
    dt.date(2026, 6, 30), dt.datetime(2026, 6, 30, 9, 15), dt.timedelta(days=2),
    pd.Timestamp("2026-06-30 10:00", tz="Europe/Paris"), pd.Timedelta(hours=3), pd.NA, pd.NaT,
])
def test_plain_values_come_back_equal_and_of_the_same_type(value):
    again = round_trip(value)
    assert type(again) is type(value)
    if isinstance(value, np.ndarray):
        assert again.dtype == value.dtype and (again == value).all()
    elif isinstance(value, float) and value != value:
        assert again != again
    elif value is not pd.NA and value is not pd.NaT:
        assert again == value


def test_tables_keep_their_column_types_index_and_column_names():
    table = pd.DataFrame({
        "stage": pd.Categorical(["Won", "Lost", None], categories=["Lost", "Won"], ordered=True),
        "amount": [1200.5, None, 3.0], "count": pd.array([1, None, 3], dtype="Int64"),
        "won": pd.array([True, None, False], dtype="boolean"), "flag": [True, False, True],
        "owner": pd.array(["U001", None, "U003"], dtype="str"), "mixed": ["a", 2, [1, 2]],
        "close": pd.to_datetime(["2026-06-30 00:00", None, "2026-07-01 12:30"]).as_unit("us"),
        "seen": pd.to_datetime(["2026-06-30T08:00Z", None, None], utc=True),
        "took": pd.to_timedelta(["1h", None, "2 days"]),
    }, index=pd.Index(["O1", "O2", "O3"], name="opportunity_id"))
    again = round_trip(table)
    assert again.dtypes.equals(table.dtypes)
    pd.testing.assert_frame_equal(again, table)
    grouped = table.groupby(["stage", "flag"], observed=True)["amount"].sum()
    pd.testing.assert_series_equal(round_trip(grouped), grouped)
    wide = pd.DataFrame([[1, 2]], columns=pd.MultiIndex.from_tuples([("a", 1), ("a", 2)]))
    pd.testing.assert_frame_equal(round_trip(wide), wide)
    pd.testing.assert_frame_equal(round_trip(table.iloc[0:0]), table.iloc[0:0])


@pytest.mark.parametrize("value, words", [(object(), "object"), (lambda: 1, "function"),
                                          (pd.Series([pd.Period("2026-01")]), "Period")])
def test_what_cannot_be_written_down_says_so(value, words):
    with pytest.raises(Unsupported, match=words):
        encode(value)
    assert words in written_down(value)["unsupported"]


def test_decoding_builds_data_never_anything_else():
    for bad in ({"$": "__import__", "value": "os"}, {"no": "kind"}, {"$": "dict", "items": [[[1], 2]]}):
        with pytest.raises(ValueError):
            decode(bad)


def test_an_answer_too_large_is_not_kept():
    assert set(written_down("x" * (MAX_BYTES + 1))) == {"unsupported"}


def test_every_check_logs_the_answer_it_was_given_without_changing_what_the_trainee_sees(tmp_path, monkeypatch):
    import workbench as wb
    from workbench.exercises.progress import ProgressLog
    from workbench.settings import current

    monkeypatch.setenv("WORKBENCH_HOME", str(tmp_path))
    before = wb.check("superusers.formats.match-format", "e-learning", record=False)
    after = wb.check("superusers.formats.match-format", "e-learning")
    wb.check("superusers.formats.match-format", ...)
    wb.check("superusers.formats.match-format", open)
    assert after == before
    records, problems = ProgressLog(current().progress_file).read()
    assert not problems and [r.get("answer") for r in records] == ["e-learning", {"$": "..."}, None]
    assert [r["points"] for r in records] == [1, 0, 0]
    assert "cannot be checked again" in records[2]["unsupported"]


@pytest.mark.slow  # runs every check four times: about 20 s
def test_every_reference_and_wrong_answer_gets_the_same_verdict_after_the_round_trip():
    from workbench.exercises import Context, all_exercises
    from workbench.exercises.check import run_check

    ctx = Context()
    for exercise in all_exercises():
        if exercise.id.startswith("crm.practice."):  # answered with the practice CRM: checked on the database
            continue
        for answer in (exercise.reference(ctx), exercise.wrong[0][0](ctx)):
            first, again = run_check(exercise, answer, ctx), run_check(exercise, round_trip(answer), ctx)
            assert (again.points, again.message, again.hint) == (first.points, first.message, first.hint), exercise.id


def test_why_an_answer_cannot_be_written_down_is_said_in_the_trainee_s_language():
    from workbench.i18n.language import use_language

    with use_language("fr"):
        assert written_down(open)["unsupported"] == ("une réponse de type builtin_function_or_method ne peut pas "
                                                     "être revérifiée hors du notebook")
