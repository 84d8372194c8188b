"""The evidence graph and tie strength."""

import pandas as pd
import pytest

from workbench.errors import DataError, InputError
from workbench.network.demo import demo_exports, demo_network
from workbench.network.graph import build_network, edge_list_network, group_pairs
from workbench.network.strength import class_counts, classify, could_become_customer, inventory, tie_strength


def test_demo_network_ties_keep_their_sources():
    net = demo_network()
    G = net.graph
    assert set(net.reps) == {"in/sam", "in/lina"}
    assert G.edges["in/sam", "in/ana"]["sources"] == ("connection", "message")
    assert "thread" in G.edges["in/ana", "in/cy"]["sources"]          # a group conversation
    assert G.edges["in/eve", "in/gil"]["sources"] == ("connection",) or \
        "same_company" in G.edges["in/eve", "in/gil"]["sources"]       # same current company
    assert G.edges["in/sam", "in/lina"]["sources"] == ("team",)
    assert G.nodes["in/sam"]["kind"] == "rep"
    assert 0 < G.edges["in/sam", "in/ana"]["strength"] <= 1


def test_one_way_traffic_is_unknown_two_way_is_classified():
    G = demo_network().graph
    assert G.edges["in/sam", "in/dee"]["class"] == "Unknown"   # Sam wrote twice, Dee never answered
    assert G.edges["in/sam", "in/ana"]["class"] == "Strong"
    assert G.edges["in/sam", "in/bo"]["class"] == "Familiar"


def test_strength_decays_slower_for_long_relationships():
    base = dict(n_out=[4, 4], n_in=[4, 4], n_mutual=[0, 0], n_recent=[0, 0],
                last_at=pd.to_datetime(["2025-08-01", "2025-08-01"]))
    ties = pd.DataFrame({**base, "first_at": pd.to_datetime(["2025-07-01", "2019-07-01"])})
    s = tie_strength(ties, as_of="2026-02-01")
    assert s["recency"].iloc[1] > s["recency"].iloc[0]
    assert s["strength"].iloc[1] > s["strength"].iloc[0]


def test_recent_frequent_reciprocal_ties_are_stronger():
    ties = pd.DataFrame({"n_out": [10, 10, 1], "n_in": [10, 1, 1], "n_mutual": [0, 0, 0], "n_recent": [20, 11, 2],
                         "first_at": pd.to_datetime(["2024-01-01"] * 3),
                         "last_at": pd.to_datetime(["2026-01-25"] * 3)})
    s = tie_strength(ties, as_of="2026-02-01")["strength"].tolist()
    assert s[0] > s[1] and s[0] > s[2]  # reciprocal beats one-sided, frequent beats rare


def test_classify_thresholds_and_counts():
    assert classify([0.6, 0.3, 0.29], [True] * 3).tolist() == ["Strong", "Familiar", "Weak"]
    with pytest.raises(InputError):
        tie_strength(pd.DataFrame({"n_out": [1]}))
    with pytest.raises(InputError):
        class_counts(pd.DataFrame({"x": [1]}))


def test_inventory_flags_prospects_and_suggests_actions():
    inv = inventory(demo_network(), "Sam Lee")
    assert inv.columns[0] == "person"
    assert inv["name"].tolist() == ["Ana Borges", "Bo Chen", "Dee Evans", "Cy Dube"]
    assert inv.set_index("name").loc["Dee Evans", "could_become_customer"]  # a CEO
    assert not inv.set_index("name").loc["Cy Dube", "could_become_customer"]  # an engineer
    assert inv["next_action"].str.len().gt(10).all()
    with pytest.raises(InputError, match="not one of the reps"):
        inventory(demo_network(), "Nobody")


def test_could_become_customer_uses_crm_stage_first():
    df = pd.DataFrame({"lifecycle_stage": ["customer", "sales_qualified"], "position": ["CEO", "Analyst"]})
    assert could_become_customer(df).tolist() == [False, True]


def test_group_pairs_skip_large_groups():
    df = pd.DataFrame({"g": ["a"] * 40 + ["b", "b"], "p": [f"x{i}" for i in range(40)] + ["y", "z"]})
    assert group_pairs(df, "g", "p", max_group=30)[["a", "b"]].values.tolist() == [["y", "z"]]


def crm_tables():
    users = pd.DataFrame({"user_id": ["U-sam", "U9"], "name": ["Sam Lee", "Pat Roy"]})
    accounts = pd.DataFrame({"account_id": ["A1", "A2"], "name": ["Orion", "Kappa"], "industry": ["bank", "retail"]})
    contacts = pd.DataFrame({"contact_id": ["C1", "C2", "C3"], "account_id": ["A1", "A2", "A2"],
                             "first_name": ["Ana", "Kim", "Lou"], "last_name": ["Borges", "Ng", "Ray"],
                             "title": ["CFO", "Buyer", "Analyst"],
                             "lifecycle_stage": ["customer", "opportunity", "lead"],
                             "linkedin_url": ["https://www.linkedin.com/in/ana", None, None],
                             "created_at": pd.to_datetime(["2024-01-01"] * 3)})
    t = pd.to_datetime
    activities = pd.DataFrame({
        "activity_id": ["X1", "X2", "X3", "X4"], "type": ["meeting", "meeting", "email", "call"],
        "subject": ["Kick-off", "Kick-off", "Offer", "Catch-up"],
        "status": ["completed", "completed", "completed", "cancelled"],
        "due_at": t(["2026-01-10 10:00", "2026-01-10 10:00", "2026-01-12 00:00", "2026-01-15 00:00"]),
        "completed_at": t(["2026-01-10 10:00", "2026-01-10 10:00", "2026-01-12 00:00", None]),
        "owner_id": ["U-sam", "U-sam", "U9", "U-sam"], "contact_id": ["C2", "C3", "C2", "C1"],
        "account_id": ["A2", "A2", "A2", "A1"], "opportunity_id": ["O1", None, None, None],
        "direction": [None, None, "outbound", "outbound"]})
    opportunities = pd.DataFrame({"opportunity_id": ["O1"], "primary_contact_id": ["C3"],
                                  "created_at": t(["2026-01-01"])})
    return {"users": users, "accounts": accounts, "contacts": contacts, "activities": activities,
            "opportunities": opportunities}


def test_crm_evidence_meetings_deals_accounts_and_colleagues():
    net = build_network(demo_exports()[0], crm_tables(), as_of="2026-02-01")
    G = net.graph
    kim, lou = "contact:C2", "contact:C3"
    assert set(G.edges[kim, lou]["sources"]) == {"same_meeting", "same_opportunity", "same_account"}
    assert G.edges["in/sam", kim]["sources"] == ("crm_activity",)
    assert G.edges["in/sam", kim]["class"] != "Unknown"              # a meeting is two-way
    assert G.edges["user:U9", kim]["class"] == "Unknown"            # one email, no answer
    assert G.nodes["user:U9"]["kind"] == "colleague"
    assert not G.has_edge("in/sam", "in/ana") or "crm_activity" not in G.edges["in/sam", "in/ana"]["sources"]
    assert G.nodes["in/ana"]["account"] == "Orion" and G.nodes["in/ana"]["lifecycle_stage"] == "customer"


@pytest.mark.parametrize("outcome,status,two_way", [
    ("connected", "completed", True), ("call back later", "completed", True), ("", "completed", True),
    ("no answer", "completed", False), ("left voicemail", "completed", False)])
def test_only_calls_that_connected_count_both_ways(outcome, status, two_way):
    tables = crm_tables()
    acts = tables["activities"]
    acts.loc[acts["activity_id"] == "X3", ["type", "owner_id", "outcome"]] = ["call", "U9", outcome]
    acts.loc[acts["activity_id"] == "X3", "status"] = status
    G = build_network(demo_exports()[0], tables, as_of="2026-02-01").graph
    tie = G.edges["user:U9", "contact:C2"]
    assert (tie["class"] != "Unknown") == two_way


def test_edge_list_input(tmp_path):
    p = tmp_path / "edges.csv"
    p.write_text("source,target,weight\na,b,0.9\nb,c,0.2\n")
    net = edge_list_network(p)
    assert net.graph.edges["a", "b"]["strength"] == 0.9
    p.write_text("source,target,weight\na,b,heavy\n")
    with pytest.raises(DataError) as err:
        edge_list_network(p)
    assert err.value.row == 2 and err.value.column == "weight"
    p.write_text("from,to\na,b\n")
    with pytest.raises(DataError, match="source"):
        edge_list_network(p)


def test_edge_list_weights_above_one_are_scaled_by_the_largest(tmp_path):
    p = tmp_path / "edges.csv"
    p.write_text("source,target,weight\na,b,40\nb,c,10\nc,d,0.5\n")
    strength = edge_list_network(p).ties.set_index(["a", "b"])["strength"]
    assert strength.tolist() == [1.0, 0.25, 0.0125]


def test_a_csv_is_read_by_its_header_whatever_its_name(tmp_path):
    from workbench.network.graph import load_network

    edges = tmp_path / "connections-of-the-team.csv"
    edges.write_text("source,target\na,b\nb,c\n")
    assert load_network(edges).reps == [] and load_network(edges).graph.has_edge("a", "b")
    export = tmp_path / "sam.csv"
    export.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                      "Ana,Borges,https://www.linkedin.com/in/ana,,Orion,CFO,15 Mar 2023\n")
    assert load_network(export).graph.has_edge("me", "in/ana")


def test_sample_team_network():
    from workbench.data import SAMPLE_FOLDER, load_sample
    from workbench.network.graph import team_network

    if not (SAMPLE_FOLDER / "social" / "reps.csv").exists():
        pytest.skip("sample social data not generated yet")
    data = load_sample()
    net = team_network(data)
    assert len(net.reps) == 3 and team_network(data) is net
    sources = set(net.ties["sources"].explode())
    assert {"connection", "message", "crm_activity", "same_account", "thread", "same_company", "same_meeting",
            "same_opportunity"} <= sources
    inv = inventory(net, net.reps[0])
    assert set(inv["class"].astype(str)) <= {"Strong", "Familiar", "Weak", "Unknown"}
    assert inv["in_crm"].any()
