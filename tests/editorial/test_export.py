"""CSV and iCalendar exports: round trips, stable UIDs, DTSTAMP, folding, and refusal of bad calendars."""
import pandas as pd
import pytest

from workbench.editorial.export import plan_to_csv, plan_to_ics, read_ics, read_plan_csv
from workbench.editorial.planner import plan_calendar
from workbench.editorial.rules import Rep
from workbench.editorial.workflow import schedule_item, set_status
from workbench.errors import DataError, InputError

LINE = pd.DataFrame({"theme_id": [f"T{i}" for i in range(9)],
                     "theme": [f"Thème {i}, long; with \\ specials and a very long tail of words to fold" for i in range(9)]})


@pytest.fixture
def plan():
    return plan_calendar([Rep("U1", "Amina Rahman"), Rep("U2", "Farid")], LINE, ["P1", "P2"], weeks=3,
                         start="2026-03-02", manager="Lina")


def test_ics_round_trip_with_own_parser(plan):
    text = plan_to_ics(plan, stamp="2026-02-20 10:00")
    events = read_ics(text)
    assert len(events) == len(plan)
    assert events["uid"].is_unique
    assert (events["dtstamp"] == "20260220T100000Z").all()
    assert events["summary"].iloc[0].endswith("(Amina Rahman)")
    assert "Thème 0, long; with \\ specials" in " ".join(events["summary"])
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert text.endswith("\r\n")


def test_ics_parses_with_icalendar(plan):
    icalendar = pytest.importorskip("icalendar")
    cal = icalendar.Calendar.from_ical(plan_to_ics(plan, stamp="2026-02-20 10:00"))
    events = cal.walk("VEVENT")
    assert len(events) == len(plan)
    assert str(cal["VERSION"]) == "2.0" and "PRODID" in cal
    for ev in events:
        assert ev.get("UID") and ev.get("DTSTAMP") and ev.decoded("SEQUENCE") == 0
    first = events[0]
    assert first.decoded("DTSTART") == plan["planned_on"].iloc[0].date()
    assert "Thème" in str(first["SUMMARY"])


def test_uids_are_stable_across_exports(plan, tmp_path):
    again = plan_calendar([Rep("U1", "Amina Rahman"), Rep("U2", "Farid")], LINE, ["P1", "P2"], weeks=3,
                          start="2026-03-02")
    a = read_ics(plan_to_ics(plan, tmp_path / "a.ics"))
    b = read_ics(tmp_path.joinpath("a.ics"))
    c = read_ics(plan_to_ics(again))
    assert a["uid"].tolist() == b["uid"].tolist() == c["uid"].tolist()
    assert plan_to_ics(plan, stamp="2026-01-01") == plan_to_ics(again, stamp="2026-01-01")


def test_scheduled_item_becomes_a_timed_event(plan):
    item = plan.loc[plan["level"] == "produce", "item_id"].iloc[0]
    for status, by in (("draft", "Amina"), ("in review", "Amina"), ("approved", "Lina")):
        plan = set_status(plan, item, status, by=by)
    before = read_ics(plan_to_ics(plan)).set_index("uid")
    plan = schedule_item(plan, item, "2026-03-02 08:30", by="Amina")
    text = plan_to_ics(plan, tz="Europe/Paris")
    ev = read_ics(text).set_index("uid").loc[f"{item}@crm-workbench.editorial"]
    assert ev["dtstart"] == "20260302T073000Z" and ev["status"] == "CONFIRMED"  # 08:30 in Paris, in UTC
    # the same UID with a higher SEQUENCE: a calendar replaces its copy of the event
    assert (ev["sequence"], before.loc[ev.name, "sequence"]) == ("4", "3")
    icalendar = pytest.importorskip("icalendar")
    event = next(e for e in icalendar.Calendar.from_ical(text).walk("VEVENT") if str(e["UID"]) == ev.name)
    assert event.decoded("DTSTART") == pd.Timestamp("2026-03-02 07:30", tz="UTC").to_pydatetime()
    assert event.decoded("SEQUENCE") == 4
    with pytest.raises(InputError, match="unknown time zone"):
        plan_to_ics(plan, tz="Mars/Olympus")


def test_csv_round_trip(plan, tmp_path):
    plan_to_csv(plan, tmp_path / "plan.csv")
    back = read_plan_csv(tmp_path / "plan.csv")
    assert back["item_id"].tolist() == plan["item_id"].tolist()
    assert (back["planned_on"] == plan["planned_on"]).all()
    assert back["theme"].tolist() == plan["theme"].tolist()


def test_bad_calendars_are_refused():
    good = plan_to_ics(pd.DataFrame({"item_id": ["x"], "planned_on": [pd.Timestamp("2026-03-02")],
                                     "level": ["react"]}), stamp="2026-01-01")
    with pytest.raises(DataError, match="1 UID|0 DTSTAMP"):
        read_ics(good.replace("DTSTAMP:20260101T000000Z\r\n", ""))
    with pytest.raises(DataError, match="no PRODID"):
        read_ics(good.replace("PRODID:", "X-PRODID:"))
    twice = good.replace("END:VCALENDAR", good.split("METHOD:PUBLISH\r\n")[1].split("END:VCALENDAR")[0]
                         .split("X-WR-CALNAME:Editorial plan\r\n")[1] + "END:VCALENDAR")
    with pytest.raises(DataError, match="appears twice"):
        read_ics(twice)
    with pytest.raises(InputError, match="appears twice"):
        plan_to_ics(pd.DataFrame({"item_id": ["x", "x"], "planned_on": [pd.Timestamp("2026-03-02")] * 2,
                                  "level": ["react"] * 2}))


def _calendar(*event_lines):
    return "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Another tool//EN", "BEGIN:VEVENT",
                        "UID:meeting-1@example.com", "DTSTAMP:20260101T000000Z", *event_lines, "END:VEVENT",
                        "END:VCALENDAR"]) + "\r\n"


def test_an_event_in_a_named_time_zone_comes_back_in_utc_not_floating():
    winter = read_ics(_calendar("DTSTART;TZID=Europe/Paris:20260302T083000",
                                "DTEND;TZID=Asia/Dhaka:20260302T150000")).iloc[0]
    assert (winter["dtstart"], winter["dtend"]) == ("20260302T073000Z", "20260302T090000Z")
    summer = read_ics(_calendar("DTSTART;TZID=Europe/Paris:20260702T083000")).iloc[0]
    assert summer["dtstart"] == "20260702T063000Z"  # summer time: two hours ahead of UTC
    floating = read_ics(_calendar("DTSTART:20260302T083000")).iloc[0]
    assert floating["dtstart"] == "20260302T083000"  # no zone in the file: none invented


def test_quoted_parameters_holding_separators_do_not_split_the_value():
    event = read_ics(_calendar('SUMMARY;LANGUAGE="fr;CA";X-NOTE="a:b,c":Démo: Loom X, salle 2',
                               'DESCRIPTION;ALTREP="cid:part1.0001@example.org":Ordre du jour\\; café',
                               "DTSTART;VALUE=DATE:20260302")).iloc[0]
    assert event["summary"] == "Démo: Loom X, salle 2"
    assert event["description"] == "Ordre du jour; café"
    assert event["dtstart"] == "20260302"
