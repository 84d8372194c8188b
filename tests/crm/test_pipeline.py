"""Weighted pipeline, sales velocity, win rate, slipped deals, forecast, board and moving a deal."""

import pandas as pd
import pytest

from workbench.crm import pipeline
from workbench.errors import InputError


@pytest.fixture
def deals():
    return pd.DataFrame({
        "opportunity_id": ["O1", "O2", "O3", "O4", "O5"],
        "owner_id": ["U1", "U1", "U2", "U2", "U2"],
        "stage": ["Prospecting", "Negotiation/Review", "Closed Won", "Closed Lost", "Proposal/Price Quote"],
        "probability": pd.array([10, 90, 100, 0, 50], dtype="Int64"),
        "amount": [10_000.0, 20_000.0, 5_000.0, 7_000.0, 4_000.0],
        "created_at": pd.to_datetime(["2026-01-01", "2026-01-15", "2026-01-01", "2026-02-01", "2026-03-01"]),
        "close_date": pd.to_datetime(["2026-07-10", "2026-06-01", "2026-01-31", "2026-03-01", "2026-07-20"]),
        "is_closed": pd.array([False, False, True, True, False], dtype="boolean"),
        "is_won": pd.array([False, False, True, False, False], dtype="boolean"),
    })


def test_published_sales_velocity_examples():
    assert pipeline.sales_velocity(40, 25_000, 0.25, 90) == pytest.approx(2777.78, abs=0.01)
    assert pipeline.sales_velocity(50, 12_000, 0.25, 90) == pytest.approx(1666.67, abs=0.01)


@pytest.mark.parametrize("args, word", [((40, 25_000, 25, 90), "fraction"), ((40, 25_000, 0.25, 0), "cycle_days"),
                                        ((-1, 25_000, 0.25, 90), "negative"), (("40", 1, 0.1, 9), "number")])
def test_sales_velocity_rejects_bad_input(args, word):
    with pytest.raises(InputError, match=word):
        pipeline.sales_velocity(*args)


def test_weighted_pipeline_counts_open_deals_only(deals):
    # open: 10000*10% + 20000*90% + 4000*50%
    assert pipeline.weighted_pipeline(deals) == 1000 + 18000 + 2000


def test_vendor_stage_tables_disagree(deals):
    sf = pipeline.weighted_pipeline(deals, "salesforce")   # 10, 90, 75
    suite = pipeline.weighted_pipeline(deals, "suitecrm")  # 10, 80, 65
    assert sf == pytest.approx(1000 + 18000 + 3000)
    assert suite == pytest.approx(1000 + 16000 + 2600)
    assert pipeline.weighted_pipeline(deals, "espocrm") == sf


def test_weighted_pipeline_with_stages_table_and_by(deals):
    stages = pd.DataFrame({"stage": deals["stage"], "sort_order": range(5),
                           "default_probability": [20, 80, 100, 0, 60]})
    assert pipeline.weighted_pipeline(deals, stages) == pytest.approx(2000 + 16000 + 2400)
    by = pipeline.weighted_pipeline(deals, by="owner_id").set_index("owner_id")
    assert by.loc["U1", "weighted"] == 19000 and by.loc["U2", "deals"] == 1


def test_unknown_stage_and_missing_column_are_clear(deals):
    with pytest.raises(InputError, match="not in the stage table"):
        pipeline.weighted_pipeline(deals, "hubspot")
    with pytest.raises(InputError, match="column 'amount' is missing"):
        pipeline.weighted_pipeline(deals.drop(columns="amount"))
    with pytest.raises(InputError, match="no stage table"):
        pipeline.stage_probabilities("oracle")
    bad = deals.assign(amount=["1", "x", "3", "4", "5"])
    with pytest.raises(InputError, match="row 3"):
        pipeline.weighted_pipeline(bad)


def test_win_rate_and_velocity_inputs(deals):
    assert pipeline.win_rate(deals) == 0.5
    by = pipeline.win_rate(deals, by="owner_id").set_index("owner_id")
    assert pd.isna(by.loc["U1", "win_rate"]) and by.loc["U2", "win_rate"] == 0.5
    inputs = pipeline.velocity_inputs(deals)
    assert inputs["open_opportunities"] == 3 and inputs["avg_deal_value"] == 5000 and inputs["cycle_days"] == 30
    assert inputs["velocity_per_day"] == pytest.approx(3 * 5000 * 0.5 / 30)


def test_velocity_needs_a_won_deal(deals):
    with pytest.raises(InputError, match="no won deal"):
        pipeline.velocity_inputs(deals.assign(is_won=False))


def test_slipped_deals_against_as_of(deals):
    slipped = pipeline.slipped_deals(deals, as_of=pd.Timestamp("2026-06-30"))
    assert slipped["opportunity_id"].tolist() == ["O2"] and slipped["days_overdue"].tolist() == [29]
    assert pipeline.slipped_deals(deals, "2026-08-01")["opportunity_id"].tolist() == ["O2", "O1", "O5"]
    with pytest.raises(InputError, match="as_of"):
        pipeline.slipped_deals(deals, "someday")


def test_forecast_by_month_and_owner(deals):
    fc = pipeline.forecast(deals)
    assert fc["weighted"].sum() == pipeline.weighted_pipeline(deals)
    assert set(fc["month"].dt.month) == {6, 7}
    late = pipeline.forecast(deals, by=None, as_of="2026-06-30")  # O2 slipped: counted in June
    assert late.set_index("month").loc["2026-06-01", "weighted"] == 18000


def test_board_and_move_deal(deals):
    stages = pd.DataFrame({"stage": ["Prospecting", "Proposal/Price Quote", "Negotiation/Review", "Closed Won",
                                     "Closed Lost"], "sort_order": [1, 2, 3, 4, 5],
                           "default_probability": [10, 75, 90, 100, 0],
                           "is_closed": [False, False, False, True, True], "is_won": [False, False, False, True, False]})
    b = pipeline.board(deals, stages)
    assert b["stage"].tolist() == stages["stage"].tolist() and b["deals"].sum() == 5
    moved = pipeline.move_deal(deals, "O1", "Closed Won", stages)
    row = moved.set_index("opportunity_id").loc["O1"]
    assert row["stage"] == "Closed Won" and row["probability"] == 100 and row["is_closed"] and row["is_won"]
    assert deals.loc[0, "stage"] == "Prospecting"  # the input is not changed
    assert pipeline.weighted_pipeline(moved) == pipeline.weighted_pipeline(deals) - 1000
    with pytest.raises(InputError, match="no deal"):
        pipeline.move_deal(deals, "O99", "Closed Won", stages)
    with pytest.raises(InputError, match="not in the stages table"):
        pipeline.move_deal(deals, "O1", "Won!", stages)


def test_works_with_categorical_stage_and_string_flags(deals):
    other = deals.assign(stage=deals["stage"].astype("category"), is_closed=["no", "no", "yes", "yes", "no"])
    assert pipeline.weighted_pipeline(other) == pipeline.weighted_pipeline(deals)
    moved = pipeline.move_deal(other, "O1", "Brand new stage")
    assert moved.loc[0, "stage"] == "Brand new stage"


def test_sample_overdue_deals_are_exactly_the_slipped_ones(sample):
    data, planted = sample
    slipped = pipeline.slipped_deals(data.opportunities, data.as_of)
    assert set(slipped["opportunity_id"]) == set(planted["overdue_deals"])


def test_sample_probability_mismatches_change_the_weighted_pipeline(sample):
    data, planted = sample
    own = pipeline.deal_probabilities(data.opportunities)
    by_stage = pipeline.deal_probabilities(data.opportunities, data.stages)
    differs = set(data.opportunities.loc[own != by_stage, "opportunity_id"])
    assert differs == set(planted["probability_mismatch"])


@pytest.mark.parametrize("bad, row", [([60, 150], 3), ([-10, 50], 2)])
def test_a_probability_outside_0_to_100_is_refused(bad, row):
    deals = pd.DataFrame({"amount": [100.0, 200.0], "probability": bad})
    with pytest.raises(InputError, match=f"probability in row {row} is .*outside 0 to 100"):
        pipeline.weighted_pipeline(deals)


def test_fractions_are_refused_with_the_fix():
    deals = pd.DataFrame({"amount": [100.0, 200.0, 50.0], "probability": [0.2, 0.6, None]})
    with pytest.raises(InputError, match=r"look like fractions.*100 times too small.*\* 100"):
        pipeline.weighted_pipeline(deals)
    fixed = deals.assign(probability=deals["probability"] * 100)
    assert pipeline.weighted_pipeline(fixed) == 140.0


def test_percent_probabilities_of_0_and_100_are_fine():
    deals = pd.DataFrame({"amount": [100.0, 200.0], "probability": [0, 0], "stage": ["Lost", "Lost"]})
    assert pipeline.weighted_pipeline(deals) == 0.0
    assert pipeline.weighted_pipeline(deals.assign(probability=[100, 1])) == 102.0
