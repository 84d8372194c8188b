"""Engagement formulas, comparisons, charts and suggestions."""
import pandas as pd
import pytest

from workbench.editorial.engagement import (FORMULAS, check_posts, compare, comparison_chart, engagement_rate,
                                            load_posts, suggest_changes)
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
