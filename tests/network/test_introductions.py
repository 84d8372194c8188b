"""Acting on the network: the introductions log (who, through whom, when, outcome) and ties going quiet."""

import pandas as pd
import pytest

from workbench.errors import DataError
from workbench.network.connectors import rank_connectors
from workbench.network.demo import demo_network
from workbench.network.introductions import apply_introductions, log_introduction, read_introductions
from workbench.network.paths import warm_paths
from workbench.network.quiet import quiet_ties


def test_the_log_is_appended_atomically_and_read_back(tmp_path):
    path = tmp_path / "home" / "introductions.csv"
    log_introduction(path, target="Eve Fox", through="Bo Chen", date="2026-01-20", note="met at the fair")
    log = log_introduction(path, target="Eve Fox", through="Bo Chen", outcome="made", date="2026-01-27")
    again = read_introductions(path)
    assert again[["through", "outcome"]].values.tolist() == [["Bo Chen", "asked"], ["Bo Chen", "made"]]
    assert again["date"].tolist() == log["date"].tolist() == [pd.Timestamp("2026-01-20"), pd.Timestamp("2026-01-27")]
    assert not list(path.parent.glob("*.tmp"))


@pytest.mark.parametrize("row,column", [
    ("2026-13-01,Vega,Bo Chen,made,", "date"),
    ("2026-01-20,Vega,Bo Chen,maybe,", "outcome"),
    ("2026-01-20,,Bo Chen,made,", "target"),
])
def test_a_bad_log_line_names_its_row_and_column(tmp_path, row, column):
    path = tmp_path / "introductions.csv"
    path.write_text("date,target,through,outcome,note\n2026-01-19,Vega,Bo Chen,asked,\n" + row + "\n")
    with pytest.raises(DataError) as err:
        read_introductions(path)
    assert err.value.row == 3 and err.value.column == column


def test_a_made_introduction_makes_the_next_path_direct():
    net = demo_network()
    before = warm_paths(net, "Eve Fox", sources=["in/sam"])
    assert before["who_to_ask"].iloc[0] != "(direct)"
    after = apply_introductions(net, [{"date": "2026-01-25", "target": "Eve Fox", "through": "Bo Chen",
                                       "outcome": "made"}])
    path = warm_paths(after, "Eve Fox", sources=["in/sam"])
    assert path["who_to_ask"].iloc[0] == "(direct)"
    assert after.graph.edges["in/sam", "in/bo"]["strength"] > net.graph.edges["in/sam", "in/bo"]["strength"]
    assert len(net.ties) + 1 == len(after.ties)  # the original network is left as it was


def test_a_declined_introduction_sends_the_next_path_through_someone_else():
    net = demo_network()
    after = apply_introductions(net, [{"date": "2026-01-25", "target": "Vega", "through": "Bo Chen",
                                       "outcome": "declined"}])
    assert after.graph.edges["in/sam", "in/bo"]["strength"] == pytest.approx(
        net.graph.edges["in/sam", "in/bo"]["strength"] / 2)
    assert after.graph.edges["in/sam", "in/bo"]["distance"] > net.graph.edges["in/sam", "in/bo"]["distance"]


def test_the_next_ranking_takes_the_log_into_account():
    net = demo_network()
    plain = rank_connectors(net).set_index("person")
    made = apply_introductions(net, [{"date": "2026-01-25", "target": "Eve Fox", "through": "Cy Dube",
                                      "outcome": "made"}])
    declined = apply_introductions(net, [{"date": "2026-01-25", "target": "Vega", "through": "Cy Dube",
                                          "outcome": "declined"}])
    up = rank_connectors(made).set_index("person")
    down = rank_connectors(declined).set_index("person")
    assert up.loc["in/cy", "why"].startswith("Introduced you to Eve Fox on 2026-01-25")
    assert down.loc["in/cy", "why"].startswith("Did not introduce you to Vega")
    assert down.loc["in/cy", "combined"] < plain.loc["in/cy", "combined"]
    assert up.loc["in/cy", "rank"] <= plain.loc["in/cy", "rank"]


def test_quiet_ties_are_strong_ties_without_news_for_the_weeks_chosen():
    net = demo_network()
    quiet = quiet_ties(net, "in/sam", weeks=4)
    assert quiet["name"].tolist() == ["Bo Chen"]  # 6 weeks without news; Ana wrote 2 weeks ago
    assert quiet["weeks_quiet"].iloc[0] == 6 and quiet["was"].iloc[0] > quiet["now"].iloc[0]
    assert "Bo Chen" in quiet["next_action"].iloc[0] and "Atlas" in quiet["next_action"].iloc[0]
    assert quiet_ties(net, "in/sam", weeks=7).empty
    assert quiet_ties(net, "in/sam", weeks=1)["name"].tolist() == ["Ana Borges", "Bo Chen"]
    weak = quiet_ties(net, "in/sam", weeks=1, strong=0.99)
    assert weak.empty
