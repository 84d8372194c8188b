"""Engagement formulas, comparisons, charts and suggestions."""
import pandas as pd
import pytest

from workbench.editorial.engagement import (
    FORMULAS,
    check_posts,
    compare,
    comparison_chart,
    engagement_rate,
    load_posts,
    plan_vs_actual,
    suggest_changes,
)
from workbench.editorial.planner import plan_calendar
from workbench.editorial.rules import Rep
from workbench.editorial.workflow import mark_published, schedule_item, set_status
from workbench.errors import DataError, InputError


def _posts():
    return check_posts(pd.DataFrame({
        "post_id": list("abcdef"), "rep_id": ["U1"] * 6,
        "published_at": ["2026-01-05 09:00:00", "2026-01-06 09:00:00", "2026-01-07 09:00:00",
                         "2026-01-12 09:00:00", "2026-01-13 09:00:00", "2026-01-14 09:00:00"],
        "theme": ["A", "A", "A", "B", "B", "B"], "format": ["video", "article"] * 3,
        "persona_id": ["P1", "P2"] * 3, "level": ["produce"] * 6,
        "impressions": ["1000", "500", "0", "800", "400", "200"], "reactions": ["30", "5", "0", "8", "4", "2"],
        "comments": ["5", "0", "0", "1", "0", "0"], "shares": ["5", "0", "0", "0", "0", "0"],
        "clicks": ["10", "5", "0", "7", "0", "0"]}))


def test_formulas_are_named_and_computed():
    er = engagement_rate(_posts())
    assert er.attrs["formula"] == "(reactions + comments + shares + clicks) / impressions x 100"
    assert er["engagement_rate"].iloc[0] == 5.0  # (30 + 5 + 5 + 10) / 1000
    assert pd.isna(er["engagement_rate"].iloc[2])  # no impressions: no rate, not a division error
    er2 = engagement_rate(_posts(), formula="interactions")
    assert er2["engagement_rate"].iloc[0] == 4.0
    assert er2.attrs["formula"] == FORMULAS["interactions"][1]
    with pytest.raises(InputError, match="unknown formula"):
        engagement_rate(_posts(), formula="likes")


def test_group_rate_is_total_over_total():
    t = compare(_posts(), "theme").set_index("theme")
    assert t.loc["A", "engagement_rate"] == round(100 * (50 + 10) / 1500, 2)
    assert t.loc["A", "posts"] == 3
    assert t["formula"].iloc[0].startswith("(reactions")


def test_compare_by_weekday_format_persona():
    w = compare(_posts(), "weekday")
    assert set(w["weekday"]) == {"Monday", "Tuesday", "Wednesday"}
    assert compare(_posts(), "format").iloc[0]["format"] == "video"
    assert set(compare(_posts(), "persona")["persona_id"]) == {"P1", "P2"}
    with pytest.raises(InputError, match="cannot compare"):
        compare(_posts(), "colour")


def test_chart_names_the_formula():
    fig = comparison_chart(_posts(), "format")
    assert "impressions x 100" in fig.layout.title.text
    assert list(fig.data[0].x) == ["video", "article"]


def test_suggestions():
    s = suggest_changes(_posts(), min_posts=3)
    assert "Plan more video" in " ".join(s["advice"])
    assert "Rethink article" in " ".join(s["advice"])
    assert suggest_changes(_posts(), min_posts=10).empty


def test_load_posts_errors(tmp_path):
    with pytest.raises(DataError, match="not found"):
        load_posts(tmp_path / "posts.csv")
    bad = pd.DataFrame({"published_at": ["2026-01-05 09:00:00", "soon"], "impressions": [1, 2], "reactions": [0, 0],
                        "comments": [0, 0], "shares": [0, 0], "clicks": [0, 0]})
    bad.to_csv(tmp_path / "posts.csv", index=False)
    with pytest.raises(DataError, match="row 3, column 'published_at'"):
        load_posts(tmp_path / "posts.csv")


def test_plan_vs_actual_joins_published_items_with_their_posts():
    line = pd.DataFrame({"theme": [f"Theme {i}" for i in range(10)]})
    plan = plan_calendar([Rep("U1", "Amina")], line, ["P1"], weeks=2, start="2026-01-05", manager="Lina")
    items = plan.loc[plan["level"] == "produce", "item_id"].tolist()
    for item, post in zip(items, ["a", "e"]):
        for status, by in (("draft", "Amina"), ("in review", "Amina"), ("approved", "Lina")):
            plan = set_status(plan, item, status, by=by)
        plan = mark_published(schedule_item(plan, item, "2026-01-05 09:00", by="Amina"), item, post)
    out = plan_vs_actual(plan, _posts())
    assert len(out) == 6 and "react" not in set(out["level"])  # 3 publications a week, reactions left out
    done = out.set_index("item_id").loc[items]
    assert done["engagement_rate"].tolist() == [5.0, 1.0]  # posts a (50 / 1000) and e (4 / 400)
    assert done["days_late"].tolist() == [0.0, 1.0]  # post e went out the day after its planned Monday
    assert out.attrs["published"] == 2 and out.attrs["published_pct"] == round(100 * 2 / 6, 1)
    assert out.attrs["engagement_rate"] == round(100 * (50 + 4) / 1400, 2)
    assert out.attrs["formula"].startswith("(reactions + comments + shares + clicks)")
    assert out.loc[~out["item_id"].isin(items), "impressions"].isna().all()


def test_plan_vs_actual_refuses_links_to_unknown_posts():
    plan = pd.DataFrame({"item_id": ["x"], "planned_on": [pd.Timestamp("2026-01-05")], "level": ["produce"],
                         "published_post_id": ["zz"]})
    with pytest.raises(InputError, match="item 'x' is linked to post 'zz'"):
        plan_vs_actual(plan, _posts())
    with pytest.raises(InputError, match="post_id 'a' appears twice"):
        plan_vs_actual(plan, pd.concat([_posts(), _posts()]))


def test_the_chart_and_the_advice_in_french_and_arabic(english_runs_left, english_words_left):
    from workbench.i18n.language import use_language

    with use_language("fr"):
        fig = comparison_chart(_posts(), "format")
        advice = suggest_changes(_posts(), min_posts=3)["advice"].tolist()
    assert fig.layout.title.text.startswith("Taux d'engagement par format<br>")
    assert any(a.startswith("Prévoyez davantage de « video »") for a in advice)
    assert all(english_runs_left(a) == [] for a in advice)
    with use_language("ar"):
        fig = comparison_chart(_posts(), "persona")
        advice = suggest_changes(_posts(), min_posts=3)["advice"].tolist()
    assert fig.layout.title.text.startswith("معدل التفاعل حسب الشخصية")
    assert all(english_words_left(a, "video", "article", "short_post", "P1", "P2") == [] for a in advice), advice
