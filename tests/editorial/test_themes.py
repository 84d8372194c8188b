import pandas as pd
import pytest

from workbench.editorial.personas import Persona
from workbench.editorial.themes import (
    due_reviews,
    group_near_duplicates,
    kind_balance,
    load_brainstorm,
    load_line,
    map_personas,
    review_reminder,
    save_line,
    shortlist,
    tally_votes,
    ties_at_cut,
)
from workbench.errors import DataError, InputError


def _bs(ideas, votes, kinds=None):
    """ideas: {id: text}; votes: [(id, voter, points)]."""
    kinds = kinds or {}
    return pd.DataFrame([{"idea_id": i, "idea": ideas[i], "proposed_by": "x", "kind": kinds.get(i, "evergreen"),
                          "voter": v, "points": p} for i, v, p in votes])


def test_near_duplicates_merge_and_voter_counts_once():
    bs = _bs({"I1": "AI in sales", "I2": "A.I. in Sales!", "I3": "Trade fairs"},
             [("I1", "ana", 3), ("I2", "ana", 2), ("I2", "bo", 1), ("I3", "bo", 3)])
    t = tally_votes(bs)
    top = t.iloc[0]
    assert top["theme"] == "AI in sales"
    assert top["points"] == 4  # ana counts once with her best score (3), bo 1
    assert top["voters"] == 2 and top["merged"] == ["A.I. in Sales!"]
    assert len(t) == 2


def test_different_ideas_stay_apart():
    groups = group_near_duplicates(pd.DataFrame({"idea_id": ["a", "b"],
                                                 "idea": ["Cash-flow forecasting", "Cash-flow for startups"]}))
    assert groups["a"] != groups["b"]


def test_top_ten_and_tie_break_rule():
    words = ["pricing", "hiring", "logistics", "security", "onboarding", "forecasting", "retention", "branding",
             "procurement", "compliance", "training", "events", "partnerships", "support"]
    ideas = {f"I{i:02d}": f"{w.capitalize()} for small firms" for i, w in enumerate(words)}
    votes = []
    for i in range(14):
        pts = 14 - i if i < 9 else 3  # ideas 9..13 all level on 3 points, one voter each
        votes.append((f"I{i:02d}", "v1", min(pts, 3)))
        if i < 9:
            votes.append((f"I{i:02d}", "v2", 3))
            votes.append((f"I{i:02d}", "v3", 3 if i < 5 else 2))
    line = shortlist(_bs(ideas, votes), n=10, as_of="2026-01-31")
    assert len(line) == 10
    assert line["theme_id"].tolist()[0] == "T01"
    # the 10th is one of the level ideas, picked alphabetically, and flagged as tied
    assert line.iloc[9]["tied_at_cut"] and not line.iloc[0]["tied_at_cut"]
    ties = ties_at_cut(_bs(ideas, votes), n=10)
    assert len(ties) == 5 and ties["kept"].sum() == 1
    assert (line["review_on"] == pd.Timestamp("2026-07-31")).all()


def test_clean_cut_has_no_ties():
    bs = _bs({"a": "Alpha topic", "b": "Beta subject"}, [("a", "x", 3), ("b", "x", 1)])
    assert ties_at_cut(bs, n=1).empty
    assert not shortlist(bs, n=1)["tied_at_cut"].any()


def test_review_due_and_reminder():
    line = shortlist(_bs({"a": "Alpha topic"}, [("a", "x", 3)]), as_of="2026-01-01")
    assert due_reviews(line, "2026-06-30").empty
    assert review_reminder(line, "2026-06-30") is None
    assert len(due_reviews(line, "2026-07-01")) == 1
    assert "review due" in review_reminder(line, "2026-07-03") and "2 days ago" in review_reminder(line, "2026-07-03")


def test_map_personas_and_manual_override():
    ps = [Persona("P1", "Olivia", role="operations", challenges=["late deliveries", "stock errors"]),
          Persona("P2", "Farid", role="finance", objectives=["lower costs", "cash flow"])]
    line = pd.DataFrame({"theme": ["Stock errors: five causes", "Cash flow in winter", "Weather"]})
    got = map_personas(line, ps)
    assert got[0] == ["P1"] and got[1] == ["P2"]
    assert len(got[2]) == 1  # no overlap still gets a reader
    assert map_personas(line, ps, mapping={"Weather": ["P2", "P1"]})[2] == ["P2", "P1"]
    with pytest.raises(InputError, match="unknown"):
        map_personas(line, ps, mapping={"Weather": ["P9"]})


def test_every_persona_gets_a_theme_unless_mapped_by_hand():
    ps = [Persona("P1", "Olivia", role="operations", challenges=["late deliveries", "stock errors"]),
          Persona("P2", "Farid", role="finance", objectives=["lower costs", "cash flow"]),
          Persona("P3", "Lina", role="legal counsel", challenges=["contracts"])]  # no theme speaks of contracts
    line = pd.DataFrame({"theme": ["Stock errors: five causes", "Cash flow in winter", "Lower stock costs"]})
    assert map_personas(line, ps) == [["P1", "P3"], ["P2"], ["P2", "P1"]]  # P3 joins a theme with one reader
    by_hand = dict(zip(line["theme"], [["P1"], ["P2"], ["P1"]]))
    assert map_personas(line, ps, mapping=by_hand) == [["P1"], ["P2"], ["P1"]]


def test_bad_brainstorm_rows_are_located(tmp_path):
    path = tmp_path / "brainstorm.csv"
    _bs({"a": "Alpha"}, [("a", "x", 3)]).assign(kind="cold").to_csv(path, index=False)
    with pytest.raises(DataError, match="row 2, column 'kind'"):
        load_brainstorm(path)
    with pytest.raises(DataError, match="not found"):
        load_brainstorm(tmp_path / "none.csv")


def test_kind_balance():
    assert kind_balance(pd.DataFrame({"kind": ["news", "evergreen"]}))["warning"] is None
    assert "no news" in kind_balance(pd.DataFrame({"kind": ["evergreen"]}))["warning"]


def test_typos_merge_but_template_phrases_do_not():
    ideas = pd.DataFrame({"idea_id": ["a", "b", "c", "d"],
                          "idea": ["Custmer retention tips", "Customer retention tips",
                                   "Pricing for small firms", "Hiring for small firms"]})
    g = group_near_duplicates(ideas)
    assert g["a"] == g["b"] and g["c"] != g["d"]


def test_saved_line_round_trips_and_its_review_comes_due(tmp_path):
    ps = [Persona("P1", "Olivia", role="operations", challenges=["stock errors"]),
          Persona("P2", "Farid", role="finance", objectives=["lower costs"])]
    bs = _bs({"a": "Stock errors: five causes", "b": "Lower costs in winter", "c": "Trade fairs"},
             [("a", "x", 3), ("b", "x", 2), ("c", "y", 1)], kinds={"c": "news"})
    line = shortlist(bs, as_of="2026-01-15", personas=ps)
    back = load_line(save_line(line, tmp_path / "line.json"))
    pd.testing.assert_frame_equal(back, line)
    assert review_reminder(back, "2026-07-14") is None
    assert "3 of 3 themes" in review_reminder(back, "2026-07-15") and "(today)" in review_reminder(back, "2026-07-15")


def test_bad_saved_lines_are_explained(tmp_path):
    path = tmp_path / "line.json"
    with pytest.raises(DataError, match="not found"):
        load_line(path)
    path.write_text("[{", encoding="utf-8")
    with pytest.raises(DataError, match="not valid JSON"):
        load_line(path)
    path.write_text('[{"theme": "Trade fairs", "review_on": "next spring"}]', encoding="utf-8")
    with pytest.raises(DataError, match=r"theme 1 \(Trade fairs\): review_on 'next spring' is not a date"):
        load_line(path)
    path.write_text('[{"theme": "Trade fairs", "review_on": "2026-07-01", "personas": "P1"}]', encoding="utf-8")
    with pytest.raises(DataError, match="personas must be a list"):
        load_line(path)


def test_a_saved_line_without_its_review_date_is_refused_clearly(tmp_path):
    path = tmp_path / "line.json"
    path.write_text('[{"theme": "Stock errors", "personas": []}]', encoding="utf-8")
    with pytest.raises(DataError, match="review_on is missing"):
        load_line(path)


def test_ideas_in_persian_and_bengali_are_not_grouped_together():
    from workbench.editorial.themes import group_near_duplicates

    ideas = pd.DataFrame({"idea_id": ["I1", "I2", "I3"],
                          "idea": ["هوش مصنوعی در فروش", "বিক্রয়ে কৃত্রিম বুদ্ধিমত্তা", "هوش مصنوعي در فروش"]})
    assert group_near_duplicates(ideas).to_dict() == {"I1": "I1", "I2": "I2", "I3": "I1"}


def test_the_review_reminder_in_persian_and_french_is_whole(english_words_left, english_runs_left):
    from workbench.i18n.language import use_language

    line = shortlist(_bs({"a": "Alpha topic"}, [("a", "x", 3)]), as_of="2026-01-01")
    with use_language("fa"):
        late = review_reminder(line, "2026-07-03")
    with use_language("fr"):
        today = review_reminder(line, "2026-07-01")
    assert "زمان بازبینی خط تحریریه است" in late and "۲ روز پیش" in late
    assert english_words_left(late) == []
    assert "(aujourd'hui)" in today and english_runs_left(today) == []
