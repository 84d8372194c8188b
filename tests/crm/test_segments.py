"""RFM: recency, frequency, monetary, quintile scores with deterministic ties, the segment map."""

import numpy as np
import pandas as pd
import pytest

from workbench.crm import segments
from workbench.errors import InputError


def make_orders(n_customers=50, seed=0):
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n_customers):
        for _ in range(int(rng.integers(1, 8))):
            rows.append({"contact_id": f"C{i:03d}", "order_date": pd.Timestamp("2025-01-01")
                         + pd.Timedelta(days=int(rng.integers(0, 500))), "total": float(rng.integers(10, 500))})
    return pd.DataFrame(rows)


def test_recency_frequency_monetary_by_hand():
    orders = pd.DataFrame({"cust": ["a", "a", "b"], "day": ["2026-01-01", "2026-01-10", "2025-12-01"],
                           "value": [10, 15.5, 100]})
    t = segments.rfm(orders, customer="cust", date="day", amount="value", as_of="2026-01-31").set_index("cust")
    assert t.loc["a", "recency"] == 21 and t.loc["a", "frequency"] == 2 and t.loc["a", "monetary"] == 25.5
    assert t.loc["b", "recency"] == 61


def test_default_as_of_is_day_after_last_order_and_later_orders_ignored():
    orders = pd.DataFrame({"contact_id": ["a", "b"], "order_date": pd.to_datetime(["2026-01-01", "2026-01-05"]),
                           "total": [1.0, 2.0]})
    assert segments.rfm(orders)["recency"].tolist() == [5, 1]
    t = segments.rfm(orders, as_of="2026-01-02")
    assert t["contact_id"].tolist() == ["a"]


def test_scores_are_quintiles_most_recent_scores_5():
    t = segments.rfm(make_orders(100), as_of="2026-06-01")
    for letter in "rfm":
        assert t[letter].value_counts().to_dict() == {k: 20 for k in range(1, 6)}
    assert t.loc[t["recency"].idxmin(), "r"] == 5 and t.loc[t["recency"].idxmax(), "r"] == 1
    assert t.loc[t["monetary"].idxmax(), "m"] == 5
    assert (t["rfm"] == t["r"] * 100 + t["f"] * 10 + t["m"]).all()


def test_ties_are_deterministic_whatever_the_row_order():
    orders = make_orders(60)
    a = segments.rfm(orders, as_of="2026-06-01")
    b = segments.rfm(orders.sample(frac=1, random_state=3), as_of="2026-06-01")
    pd.testing.assert_frame_equal(a, b)


def test_ties_same_gives_identical_customers_one_score():
    orders = make_orders(100)
    split = segments.rfm(orders, as_of="2026-06-01")
    same = segments.rfm(orders, as_of="2026-06-01", ties="same")
    assert (split.groupby("frequency")["f"].nunique() > 1).any()  # the default splits some identical customers
    for value, letter in (("recency", "r"), ("frequency", "f"), ("monetary", "m")):
        assert (same.groupby(value)[letter].nunique() == 1).all()
        lowest = split.groupby(value)[letter].min()
        assert (same.set_index(value)[letter].groupby(level=0).first() == lowest).all()  # the group's lowest score
    shuffled = segments.rfm(orders.sample(frac=1, random_state=5), as_of="2026-06-01", ties="same")
    pd.testing.assert_frame_equal(same, shuffled)


def test_ties_must_be_first_or_same():
    with pytest.raises(InputError, match="ties must be 'first' or 'same'"):
        segments.rfm(make_orders(5), ties="max")
    with pytest.raises(InputError, match="ties must be 'first' or 'same'"):
        segments.scores(pd.Series([1, 2]), ties=None)


def test_order_column_counts_distinct_orders():
    lines = pd.DataFrame({"contact_id": ["a", "a", "a"], "order_id": ["O1", "O1", "O2"],
                          "order_date": pd.to_datetime(["2026-01-01"] * 3), "total": [1.0, 2.0, 3.0]})
    assert segments.rfm(lines, order="order_id")["frequency"].item() == 2
    assert segments.rfm(lines)["frequency"].item() == 3


def test_segment_map_rules_in_order():
    assert segments.segment_of(5, 5, 5) == "Champions"
    assert segments.segment_of(3, 4, 5) == "Loyal"
    assert segments.segment_of(5, 1, 2) == "New"
    assert segments.segment_of(3, 3, 3) == "Potential Loyalists"
    assert segments.segment_of(3, 1, 3) == "Promising"
    assert segments.segment_of(2, 5, 4) == "Cannot Lose Them"
    assert segments.segment_of(1, 3, 4) == "At Risk"
    assert segments.segment_of(2, 2, 5) == "Hibernating"
    assert segments.segment_of(3, 5, 1) == "Need Attention"
    every = [segments.segment_of(r, f, m) for r in range(1, 6) for f in range(1, 6) for m in range(1, 6)]
    assert set(every) == set(segments.SEGMENT_NAMES)


def test_summary_and_members():
    t = segments.rfm(make_orders(80), as_of="2026-06-01")
    s = segments.segment_summary(t)
    assert s["segment"].tolist() == list(segments.SEGMENT_NAMES)
    assert s["customers"].sum() == 80 and s["revenue"].sum() == pytest.approx(t["monetary"].sum())
    assert s["share"].sum() == pytest.approx(1, abs=1e-3)
    top = segments.segment_members(t, ["Champions", "Loyal"])
    assert set(top["segment"].astype(str)) <= {"Champions", "Loyal"}
    with pytest.raises(InputError, match="no segment"):
        segments.segment_members(t, "VIP")


def test_bad_input_is_clear():
    with pytest.raises(InputError, match="column 'total' is missing"):
        segments.rfm(pd.DataFrame({"contact_id": ["a"], "order_date": ["2026-01-01"]}))
    with pytest.raises(InputError, match="not a date"):
        segments.rfm(pd.DataFrame({"contact_id": ["a"], "order_date": ["soon"], "total": [1]}))
    with pytest.raises(InputError, match="no orders on or before"):
        segments.rfm(pd.DataFrame({"contact_id": ["a"], "order_date": ["2026-01-01"], "total": [1]}),
                     as_of="2020-01-01")
    with pytest.raises(InputError, match="DataFrame"):
        segments.rfm([1, 2, 3])


def test_single_customer_scores_middle():
    t = segments.rfm(pd.DataFrame({"contact_id": ["a"], "order_date": ["2026-01-01"], "total": [1]}))
    assert t[["r", "f", "m"]].values.tolist() == [[3, 3, 3]]


def test_chart_builds():
    fig = segments.segment_chart(segments.rfm(make_orders(30), as_of="2026-06-01"))
    assert fig.data and fig.data[0].type == "treemap"
