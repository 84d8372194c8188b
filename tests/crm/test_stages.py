"""Stages: vendor tables, stage-table checks, probability mismatches, lead conversion, funnel."""

import pandas as pd
import pytest

from workbench.crm.stages import (
    check_stage_table,
    compare_vendor_probabilities,
    lead_conversion,
    lifecycle_funnel,
    probability_mismatches,
    vendor_stage_tables,
)
from workbench.errors import InputError


def test_vendor_tables_match_the_research_notes():
    wide = compare_vendor_probabilities()
    assert wide["Salesforce / EspoCRM"].tolist() == [10, 10, 20, 50, 60, 70, 75, 90, 100, 0]
    assert wide["SuiteCRM"].tolist() == [10, 20, 25, 30, 40, 50, 65, 80, 100, 0]
    hub = vendor_stage_tables().query("vendor == 'HubSpot'")
    assert hub["probability"].tolist() == [20, 40, 60, 80, 90, 100, 0]
    assert hub.loc[hub["is_won"], "stage"].tolist() == ["closedwon"]


def test_vendor_tables_pass_their_own_check():
    t = vendor_stage_tables()
    for vendor, table in t.groupby("vendor"):
        assert check_stage_table(table.rename(columns={"probability": "default_probability"})).empty, vendor


def test_check_stage_table_finds_each_problem():
    st = pd.DataFrame({"stage": ["a", "b", "won", "lost"], "sort_order": [1, 2, 3, 4],
                       "default_probability": [10, 120, 90, 5], "is_closed": [False, False, True, True],
                       "is_won": [False, False, True, False]})
    problems = check_stage_table(st)["problem"].tolist()
    assert any("outside 0 to 100" in p for p in problems)
    assert any("won stage" in p for p in problems) and any("lost stage" in p for p in problems)


def test_probability_mismatches_sorted_by_gap_and_unknown_stage_reported():
    st = pd.DataFrame({"stage": ["S1", "S2"], "default_probability": [20, 60]})
    opps = pd.DataFrame({"opportunity_id": ["O1", "O2", "O3", "O4", "O5"], "stage": ["S1", "S2", "S2", "S9", "S1"],
                         "probability": [20, 50, 10, 40, 90], "is_closed": [False, False, False, False, True]})
    out = probability_mismatches(opps, st)
    assert out["opportunity_id"].tolist() == ["O4", "O3", "O2"]
    assert out["difference"].tolist()[1:] == [-50, -10]
    assert "O5" in probability_mismatches(opps, st, open_only=False)["opportunity_id"].tolist()
    with pytest.raises(InputError, match="default_probability"):
        probability_mismatches(opps, st.drop(columns="default_probability"))


def test_lead_conversion_overall_and_by_owner():
    leads = pd.DataFrame({"lead_id": ["L1", "L2", "L3", "L4"], "owner_id": ["U1", "U1", "U2", "U2"],
                          "status": ["converted", "working", "converted", "unqualified"],
                          "created_at": pd.to_datetime(["2025-01-01"] * 4),
                          "converted_at": pd.to_datetime(["2025-01-31", None, "2025-01-11", None]),
                          "converted_opportunity_id": ["O1", None, None, None]})
    overall = lead_conversion(leads)
    assert overall.iloc[0][["leads", "converted", "with_opportunity"]].tolist() == [4, 2, 1]
    assert overall["conversion_rate"].iloc[0] == 0.5 and overall["median_days_to_convert"].iloc[0] == 20
    assert lead_conversion(leads, by="owner_id")["converted"].to_dict() == {"U1": 1, "U2": 1}
    with pytest.raises(InputError, match="converted_at"):
        lead_conversion(leads.drop(columns="converted_at"))


def test_lifecycle_funnel_keeps_order_and_unknown_values():
    df = pd.DataFrame({"lifecycle_stage": ["customer", "lead", "prospect", "lead"]})
    out = lifecycle_funnel(df)
    assert out.index[0] == "subscriber" and out.loc["lead", "contacts"] == 2
    assert out.loc["(other value)", "contacts"] == 1


@pytest.fixture(scope="module")
def small_acme(tmp_path_factory):
    """A small generated company; ``data.meta["planted"]`` says what was hidden in it."""
    from workbench.data import load
    from workbench.data.sample import generate

    return load(generate(tmp_path_factory.mktemp("acme"), seed=3, scale=0.3))


def test_generated_mismatches_are_the_planted_ones(small_acme):
    found = set(probability_mismatches(small_acme.opportunities, small_acme.stages, open_only=False)["opportunity_id"])
    assert found == set(small_acme.meta["planted"]["probability_mismatch"])
    assert check_stage_table(small_acme.stages).empty


def test_raw_csv_text_is_read_and_bad_values_are_named():
    st = pd.DataFrame({"stage": ["S1", "S2"], "default_probability": ["20", "60"]})
    opps = pd.DataFrame({"opportunity_id": ["O1", "O2", "O3"], "stage": ["S1", "S2", "S2"],
                         "probability": ["20", "50", "10"], "is_closed": ["false", "False", "true"]})
    assert probability_mismatches(opps, st)["opportunity_id"].tolist() == ["O2"]
    with pytest.raises(InputError, match="not a number: 'thirty'"):
        probability_mismatches(opps.assign(probability=["20", "thirty", "1"]), st)
    with pytest.raises(InputError, match="yes/no"):
        probability_mismatches(opps.assign(is_closed=["maybe", "no", "yes"]), st)
