"""Total cost of ownership over the seed-004 price list: per-user against flat pricing."""

import pandas as pd
import pytest

from workbench.crm import costs
from workbench.errors import InputError


def test_price_table_holds_the_six_products_and_trials():
    p = costs.price_table()
    assert set(p["product"]) == {"Zendesk Sell", "HubSpot", "Pipedrive", "Salesforce", "Zoho", "Bitrix24"}
    trials = p.groupby("product")["trial_days"].first().to_dict()
    assert trials == {"Zendesk Sell": 14, "HubSpot": 14, "Pipedrive": 14, "Salesforce": 30, "Zoho": 15,
                      "Bitrix24": 30}
    sf = p[p["product"] == "Salesforce"].set_index("tier")["monthly_price"].to_dict()
    assert sf == {"Essentials": 25, "Professional": 75, "Enterprise": 150, "Unlimited": 300}
    assert p.set_index(["product", "tier"]).loc[("Pipedrive", "Essential"), "monthly_price"] == 14.90


def test_per_user_grows_with_the_team_flat_does_not():
    small, big = costs.tco(5, years=1), costs.tco(50, years=1)
    key = ["product", "tier"]
    s, b = small.set_index(key)["total"], big.set_index(key)["total"]
    assert b[("Zoho", "Standard")] == 10 * s[("Zoho", "Standard")] == 14 * 50 * 12
    assert b[("Bitrix24", "Basic")] == s[("Bitrix24", "Basic")] == 61 * 12


def test_other_costs_and_levels():
    t = costs.tco(10, years=3, level=2, setup=5000, training_per_user=200, upkeep_per_year=1000)
    assert set(t["level"]) == {2}
    row = t.set_index(["product", "tier"]).loc[("Salesforce", "Professional")]
    assert row["licences"] == 75 * 10 * 36 and row["other"] == 5000 + 2000 + 3000
    assert row["per_user_month"] == pytest.approx(row["total"] / 10 / 36, abs=0.01)
    assert t["total"].is_monotonic_increasing


def test_bitrix_enterprise_caps_at_250_users():
    assert ("Bitrix24", "Enterprise") in set(map(tuple, costs.tco(250)[["product", "tier"]].values))
    assert ("Bitrix24", "Enterprise") not in set(map(tuple, costs.tco(251)[["product", "tier"]].values))


def test_break_even():
    assert costs.break_even_users(124, 23) == 6   # 5 users: 115 < 124; 6 users: 138 > 124
    assert costs.break_even_users(61, 14) == 5
    assert costs.break_even_users(60, 20) == 4    # equal at 3 users: flat is cheaper from 4


def test_own_price_list():
    mine = costs.price_table()
    mine.loc[mine["product"] == "Zoho", "monthly_price"] *= 2
    t = costs.tco(3, years=1, prices=mine).set_index(["product", "tier"])
    assert t.loc[("Zoho", "Standard"), "total"] == 28 * 3 * 12


@pytest.mark.parametrize("kwargs, word", [({"team_size": 0}, "team_size"), ({"team_size": 2.5}, "team_size"),
                                          ({"team_size": 5, "years": -1}, "years"),
                                          ({"team_size": 5, "level": 7}, "level"),
                                          ({"team_size": 5, "prices": pd.DataFrame({"x": [1]})}, "price table")])
def test_bad_input(kwargs, word):
    with pytest.raises(InputError, match=word):
        costs.tco(**kwargs)


def test_chart_builds():
    assert len(costs.tco_chart(costs.tco(12)).data) == 2
