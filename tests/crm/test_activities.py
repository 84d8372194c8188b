"""Activities: log, to-do list, reminders, overdue follow-ups, silent deals, weekly plan."""

import pandas as pd
import pytest

from workbench.crm.activities import (
    activity_log,
    deals_without_next_step,
    overdue_followups,
    reminders_due,
    todo_list,
    weekly_plan,
)
from workbench.errors import InputError

AS_OF = pd.Timestamp("2026-03-04 12:00")  # a Wednesday


@pytest.fixture
def acts():
    return pd.DataFrame({
        "activity_id": ["A1", "A2", "A3", "A4", "A5", "A6"],
        "type": ["call", "email", "meeting", "task", "call", "note"],
        "subject": ["s"] * 6,
        "status": ["completed", "planned", "planned", "planned", "cancelled", "planned"],
        "due_at": pd.to_datetime(["2026-02-20 09:00", "2026-02-27 10:00", "2026-03-05 14:00", "2026-03-16 09:00",
                                  "2026-02-01 09:00", None]),
        "reminder_at": pd.to_datetime([None, "2026-02-26 09:00", "2026-03-04 09:00", "2026-03-15 09:00", None, None]),
        "completed_at": pd.to_datetime(["2026-02-20 09:30", None, None, None, None, None]),
        "owner_id": ["U1", "U1", "U1", "U2", "U1", "U1"], "contact_id": ["C1", "C1", "C2", "C3", "C1", "C2"],
        "opportunity_id": ["O1", "O1", None, "O3", None, None]})


def test_log_is_newest_first_and_filters(acts):
    log = activity_log(acts, contact="C1")
    assert log["activity_id"].tolist() == ["A2", "A1", "A5"]
    assert activity_log(acts, owner=["U2"])["activity_id"].tolist() == ["A4"]


def test_todo_overdue_and_reminders(acts):
    todo = todo_list(acts, AS_OF)
    assert todo["activity_id"].tolist() == ["A2", "A3", "A4", "A6"]  # undated last, cancelled and done left out
    assert overdue_followups(acts, AS_OF)[["activity_id", "days_overdue"]].values.tolist() == [["A2", 5]]
    assert reminders_due(acts, AS_OF)["activity_id"].tolist() == ["A2", "A3"]
    assert reminders_due(acts, AS_OF, owner="U2").empty


def test_weekly_plan_carries_overdue_to_today(acts):
    plan = weekly_plan(acts, "U1", AS_OF)
    assert plan[["activity_id", "weekday", "overdue"]].values.tolist() == [["A2", "Wednesday", True],
                                                                            ["A3", "Thursday", False]]
    assert weekly_plan(acts, "U1", AS_OF, include_overdue=False)["activity_id"].tolist() == ["A3"]
    assert weekly_plan(acts, "U9", AS_OF).empty


def test_deals_without_next_step(acts):
    opps = pd.DataFrame({"opportunity_id": ["O1", "O2", "O3"], "is_closed": [False, False, False]})
    out = deals_without_next_step(opps, acts, AS_OF)
    assert out["opportunity_id"].tolist() == ["O2", "O1"]  # never touched first, then O1 (its call is overdue)
    assert out.set_index("opportunity_id").loc["O1", "days_since_activity"] == 12


def test_dates_written_as_text_work_and_bad_ones_are_named(acts):
    text = acts.assign(due_at=acts["due_at"].dt.strftime("%Y-%m-%d %H:%M").where(acts["due_at"].notna(), None))
    assert overdue_followups(text, "2026-03-04 12:00")["activity_id"].tolist() == ["A2"]
    with pytest.raises(InputError, match="not a date: 'next week'"):
        todo_list(text.assign(due_at=["next week"] * 6), AS_OF)


def test_bad_input(acts):
    with pytest.raises(InputError, match="as_of is missing"):
        todo_list(acts, None)
    with pytest.raises(InputError, match="owner"):
        weekly_plan(acts, "", AS_OF)
    with pytest.raises(InputError, match="column 'status'"):
        overdue_followups(acts.drop(columns="status"), AS_OF)


@pytest.fixture(scope="module")
def small_acme(tmp_path_factory):
    """A small generated company; ``data.meta["planted"]`` says what was hidden in it."""
    from workbench.data import load
    from workbench.data.sample import generate

    return load(generate(tmp_path_factory.mktemp("acme"), seed=3, scale=0.3))


def test_generated_silent_rep_has_the_fewest_activities(small_acme):
    log = activity_log(small_acme.activities)
    counts = log["owner_id"].astype(str).value_counts()
    silent = small_acme.meta["planted"]["silent_rep"]
    owners = set(small_acme.opportunities.loc[~small_acme.opportunities["is_closed"], "owner_id"].astype(str))
    assert counts.get(silent, 0) == min(counts.get(o, 0) for o in owners)
    assert len(overdue_followups(small_acme.activities, small_acme.as_of)) > 0
