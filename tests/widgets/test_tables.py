"""The one table display helper: what a trainee reads under a question."""

from __future__ import annotations

import pandas as pd

from workbench.widgets.tables import column_words, readable, show_table, table_html


def test_a_count_is_given_and_rows_are_not_numbered_from_zero():
    deals = pd.DataFrame({"name": [f"Deal {i}" for i in range(15)], "amount": [1000.0] * 15})
    shown = table_html(deals, count_label="open deals")
    assert "<b>15</b> open deals" in shown
    assert "<th></th>" not in shown and ">14<" not in shown  # no pandas index to miscount


def test_numbers_are_rounded_with_units_and_flags_read_yes_or_no():
    deals = pd.DataFrame({"amount": [18000.456], "probability": [62.5], "is_closed": [True]})
    shown = readable(deals, units={"amount": "€", "probability": "%"})
    assert shown.iloc[0].to_dict() == {"amount": "18,000 €", "probability": "62 %", "closed": "yes"}
    assert readable(deals, {"probability": "chance"}, units={"probability": "%"}, decimals=1).iloc[0, 0] == "62.5 %"


def test_a_grouped_result_keeps_its_groups_as_a_column_and_no_dtype_line():
    by_stage = pd.Series([3.0, 5.0], index=pd.Index(["Proposal", "Negotiation"], name="stage"), name="deal_count")
    html = show_table(by_stage, {"stage": "stage", "deal_count": "deals"}).data
    assert "<th>stage</th>" in html and "<td dir=\"auto\">Negotiation</td>" in html and "dtype" not in html
    assert "<td dir=\"auto\">5</td>" in html


def test_dates_follow_the_trainees_order(monkeypatch):
    monkeypatch.setenv("WORKBENCH_DATE_ORDER", "DMY")
    shown = readable(pd.DataFrame({"close_date": [pd.Timestamp("2026-09-30")], "due_at": [pd.Timestamp("2026-07-03 09:30")]}))
    assert shown.iloc[0].to_dict() == {"close date": "30/09/2026", "due at": "03/07/2026 09:30"}
    assert column_words("is_won") == "won"


def test_a_table_reads_in_bengali(english_left):
    import pandas as pd

    from workbench.i18n.language import use_language
    from workbench.widgets.tables import table_html

    deals = pd.DataFrame({"close_date": [None, None], "amount": [18000.4, 950.0], "is_closed": [False, True]})
    with use_language("bn"):
        shown = table_html(deals, count_label="open deals", units={"amount": "€"}, max_rows=1)
        empty = table_html(deals.head(0))
    assert "১৮,০০০ €" in shown and "<b>২</b>" in shown  # Bengali digits
    assert ">না</td>" in shown or ">না<" in shown  # False, in words
    assert english_left(shown) == [] and english_left(empty) == []
