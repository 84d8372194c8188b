"""The persona editor and the calendar planner widgets: thin, and never raising at a trainee."""
import pandas as pd

from workbench.editorial.personas import Persona, load_personas
from workbench.editorial.rules import Rep
from workbench.widgets.editorial import CalendarPlanner, PersonaEditor

LINE = pd.DataFrame({"theme": [f"Theme {i}" for i in range(10)]})


def test_persona_editor_add_apply_remove_save(tmp_path):
    ed = PersonaEditor([Persona("P1", "Olivia", role="COO")], path=tmp_path / "personas.json")
    ed.add()
    assert len(ed.personas) == 2 and ed.picker.value == 1
    ed.fields["id"].value = "P2"
    ed.fields["name"].value = "Farid"
    ed.fields["challenges"].value = "cash flow\n\nhiring"
    ed.apply()
    assert ed.personas[1].challenges == ["cash flow", "hiring"]
    ed.save()
    assert [p.id for p in load_personas(tmp_path / "personas.json")] == ["P1", "P2"]
    ed.fields["id"].value = "P1"  # duplicate id: explained in the status line, not raised
    ed._safely(ed.apply)
    ed._safely(ed.save)
    assert "used twice" in ed.status.value
    ed.remove()
    assert len(ed.personas) == 1


def test_planner_explains_an_impossible_plan():
    pl = CalendarPlanner([Rep("U1", "Amina")], LINE, ["P1"], start="2026-03-02")
    pl.controls["posts_per_week"].value = 5
    pl.controls["theme_gap_weeks"].value = 3
    pl.run()
    assert pl.plan is None and "theme spacing" in pl.summary.value


def test_planner_plans_with_the_chosen_mix():
    pl = CalendarPlanner([Rep("U1", "Amina"), Rep("U2", "Bo")], LINE, ["P1"], start="2026-03-02", weeks=3)
    pl.controls["mix"].value = "5-3-2"
    pl.run()
    assert pl.breaches == 0 and pl.plan["week"].max() == 3
    assert "humanising" in pl.summary.value
    assert pl.chart.data


def test_planner_keeps_each_reps_own_settings_until_unticked():
    team = [Rep("U1", "Amina", posts_per_week=2, react_per_week=1, hours_per_week=6),
            Rep("U2", "Bo", posts_per_week=3, react_per_week=2)]
    pl = CalendarPlanner(team, LINE, ["P1"], start="2026-03-02", weeks=2)
    assert pl.own_settings.value and pl.controls["posts_per_week"].disabled
    pl.run()
    pub = pl.plan[pl.plan["level"] != "react"].groupby("rep_id").size()
    react = pl.plan[pl.plan["level"] == "react"].groupby("rep_id").size()
    assert pub.to_dict() == {"U1": 4, "U2": 6} and react.to_dict() == {"U1": 2, "U2": 4}
    pl.own_settings.value = False  # the same cadence for everyone, from the controls
    assert not pl.controls["posts_per_week"].disabled
    pl.controls["posts_per_week"].value = 2
    pl.controls["react_per_week"].value = 0
    pl.run()
    assert pl.plan[pl.plan["level"] != "react"].groupby("rep_id").size().to_dict() == {"U1": 4, "U2": 4}
    assert (pl.plan["level"] != "react").all()
    assert [r.hours_per_week for r in pl.team()] == [6.0, 6.0]  # the controls start from the first rep


def test_planner_takes_a_reps_table_and_shared_settings_start_the_controls():
    table = pd.DataFrame({"rep_id": ["U1", "U2"], "name": ["Amina", "Bo"], "posts_per_week": ["2", "2"],
                          "react_per_week": ["1", "1"], "hours_per_week": ["5", "5"]})
    pl = CalendarPlanner(table, LINE, ["P1"], start="2026-03-02")
    assert not pl.own_settings.value
    assert [pl.controls[k].value for k in ("posts_per_week", "react_per_week", "hours_per_week")] == [2, 1, 5.0]


def test_the_editor_and_the_planner_speak_bengali(tmp_path, english_left):
    from workbench.i18n.language import use_language

    with use_language("bn"):
        ed = PersonaEditor([Persona("P1", "Olivia", role="COO")])
        buttons = [b.description for b in ed.widget.children[-2].children]
        empty = ed.status.value
        ed.save()
        no_file = ed.status.value
        pl = CalendarPlanner([Rep("U1", "Amina")], LINE, ["P1"], start="2026-03-02", weeks=2)
        pl.run()
        summary = pl.summary.value
    assert buttons == ["প্রয়োগ করুন", "যোগ করুন", "সরান", "সংরক্ষণ করুন"]
    assert ed.fields["decision_process"].description == "সিদ্ধান্ত প্রক্রিয়া"
    assert "এখনো ফাঁকা" in empty and "দায়িত্ব" in empty
    assert "বাছাই করা" in summary and "২ সপ্তাহ" in summary
    for markup in (empty, no_file, summary):
        assert english_left(markup) == [], markup
