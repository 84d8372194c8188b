"""The four-pillar self-assessment: labelled as a proxy, bounded 0-25, measures traceable."""
import pandas as pd

from workbench.editorial.assessment import LABEL, PILLARS, assessment_measures, self_assessment


def _data():
    posts = pd.DataFrame({"published_at": pd.date_range("2026-01-05", periods=13, freq="7D"),
                          "level": ["produce", "curate", "react"] * 4 + ["produce"],
                          "text": ["You can save time with this."] * 13, "impressions": [400] * 13,
                          "reactions": [10] * 13, "comments": [2] * 13, "shares": [1] * 13, "clicks": [3] * 13})
    conns = pd.DataFrame({"person": ["u1", "u2", "u3", "u4"], "company": ["Globex", "Initech", "Globex", "Umbrella"],
                          "position": ["Head of Sales", "Analyst", "Directeur financier", "Intern"],
                          "connected_on": pd.to_datetime(["2026-02-08", "2026-03-01", "2025-01-15", "2026-03-02"])})
    msgs = pd.DataFrame({"conversation_id": ["c1", "c1", "c2"], "sender": ["me", "u1", "me"],
                         "recipient": ["u1", "me", "u3"],
                         "date": pd.to_datetime(["2026-03-01 10:00", "2026-03-02 10:00", "2026-03-03 10:00"])})
    inv = pd.DataFrame({"direction": ["OUTGOING", "OUTGOING", "INCOMING"], "message": ["Met at the fair", "", "hi"],
                        "sender": ["me", "me", "u7"], "recipient": ["u2", "u9", "me"],
                        "sent_at": pd.to_datetime(["2026-02-28"] * 3)})
    return dict(posts=posts, connections=conns, messages=msgs, invitations=inv)


def test_pillars_bounded_and_labelled():
    score = self_assessment(**_data(), targets=["Globex"], owner="me", as_of="2026-03-31")
    assert score["pillar"].tolist() == list(PILLARS)
    assert score["score"].between(0, 25).all()
    assert 0 <= score.attrs["total"] <= 100
    assert score.attrs["label"] == LABEL and "not LinkedIn" in LABEL


def test_measures_are_traceable():
    m = assessment_measures(**_data(), targets=["Globex"], owner="me", as_of="2026-03-31").set_index("measure")
    assert m.loc["share of connections who decide", "value"] == 0.5
    assert m.loc["share of connections at target companies", "value"] == 0.5
    assert m.loc["new connections", "value"] == 3
    assert m.loc["conversations with replies both ways", "value"] == 1
    assert m.loc["outgoing invitations that say why", "value"] == 0.5
    assert m.loc["outgoing invitations accepted", "value"] == 0.5
    assert m.loc["share of own posts facing the reader", "value"] == 1.0
    assert (m["points"] <= m["max_points"]).all()


def test_missing_data_scales_the_pillar():
    score = self_assessment(posts=_data()["posts"], as_of="2026-03-31")
    by = score.set_index("pillar")
    assert by.loc["build relationships", "measures"] == 0 and pd.isna(by.loc["build relationships", "score"])
    assert by.loc["professional brand", "score"] > 0


def test_reads_the_sample_reps_export():
    import pytest

    exports_module = pytest.importorskip("workbench.network.exports")
    from workbench.data import load_sample
    from workbench.editorial.engagement import load_posts

    data = load_sample()
    exports = exports_module.read_team(data.social)
    posts = load_posts(data.social / "posts.csv")
    ex = exports[0]
    mine = posts[posts["rep_id"] == ex.rep_id]
    score = self_assessment(export=ex, posts=mine, targets=data.accounts["name"], as_of=data.as_of)
    assert score["score"].notna().all() and score["score"].between(0, 25).all()
