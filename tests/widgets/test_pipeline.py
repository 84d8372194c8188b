"""The pipeline board widget: columns by stage, paging, search, and moving a deal updates the totals."""

import pandas as pd
import pytest

from workbench.errors import InputError
from workbench.widgets.pipeline import PipelineBoard


@pytest.fixture
def stages():
    return pd.DataFrame({"stage": ["A", "B", "Won"], "sort_order": [1, 2, 3], "default_probability": [10, 60, 100],
                         "is_closed": [False, False, True], "is_won": [False, False, True]})


@pytest.fixture
def board(stages):
    deals = pd.DataFrame({"opportunity_id": ["O1", "O2", "O3"], "name": ["Alpha", "Beta", "Old"],
                          "stage": ["A", "B", "Won"], "probability": [10, 60, 100],
                          "amount": [1000.0, 500.0, 99.0], "is_closed": [False, False, True]})
    return PipelineBoard(deals, stages)


@pytest.fixture
def big(stages):
    """25 open deals in stage A (amounts 100 to 2,500), two in B."""
    n = 25
    deals = pd.DataFrame({"opportunity_id": [f"O{i:02d}" for i in range(1, n + 3)],
                          "name": [f"Deal {i}" for i in range(1, n + 1)] + ["Warranty Dhaka", "Warranty Paris"],
                          "stage": ["A"] * n + ["B", "B"], "probability": [10] * n + [60, 60],
                          "amount": [100.0 * i for i in range(1, n + 1)] + [50.0, 70.0],
                          "is_closed": [False] * (n + 2)})
    return PipelineBoard(deals, stages, rows=10, picker_size=5)


def options(column):
    return [value for _, value in column.deals.options]


def test_columns_follow_the_stage_order_and_hold_open_deals(board):
    widget = board.widget
    assert list(board.stage_columns) == ["A", "B", "Won"]
    assert widget.children[1].children == tuple(c.box for c in board.stage_columns.values())
    assert options(board.stage_columns["A"]) == ["O1"]
    assert options(board.stage_columns["Won"]) == []  # closed deals are not on the board
    assert "400" in board.total.value and "2 open deals" in board.total.value


def test_moving_through_the_controls_updates_totals(board):
    _ = board.widget  # built on first use
    board.stage_columns["A"].deals.value = "O1"  # picking a deal in a column selects it
    assert board.deal.value == "O1"
    board.target.value = "Won"
    board.button.click()
    assert board.deals.set_index("opportunity_id").loc["O1", "stage"] == "Won"
    assert board.weighted == 300.0 and "300" in board.total.value
    assert "Moved <bdi>O1</bdi> to <bdi>Won</bdi>" in board.status.value
    assert options(board.stage_columns["Won"]) == ["O1"] and options(board.stage_columns["A"]) == []
    assert "1 deal ·" in board.stage_columns["Won"].header.value
    assert board.history == [("O1", "A", "Won")]


def test_a_move_redraws_only_the_two_columns_it_touches(big, stages):
    _ = big.widget  # built on first use
    b_column = big.stage_columns["B"]
    b_column.header.value = "untouched"
    big.stage_columns["A"].deals.value = "O25"
    big.target.value = "Won"
    big.button.click()
    assert b_column.header.value == "untouched"
    assert options(big.stage_columns["Won"]) == ["O25"]
    assert options(big.stage_columns["A"])[0] == "O24"


def test_columns_show_the_largest_deals_first_one_page_at_a_time(big):
    _ = big.widget  # built on first use
    a = big.stage_columns["A"]
    assert options(a) == [f"O{i:02d}" for i in range(25, 15, -1)]
    assert "1–10 of 25" in a.shown.value and a.previous.disabled and not a.next.disabled
    a.next.click()
    assert options(a) == [f"O{i:02d}" for i in range(15, 5, -1)] and "11–20 of 25" in a.shown.value
    a.next.click()
    assert options(a) == [f"O{i:02d}" for i in range(5, 0, -1)] and a.next.disabled
    a.previous.click()
    assert "11–20 of 25" in a.shown.value


def test_the_picker_offers_the_largest_deals_and_any_deal_picked_in_a_column(big):
    _ = big.widget  # built on first use
    assert [v for _, v in big.deal.options] == ["O25", "O24", "O23", "O22", "O21"]
    big.stage_columns["B"].deals.value = "O27"  # not among the five largest: added to the picker
    assert big.deal.value == "O27" and "O27" in [v for _, v in big.deal.options]


def test_searching_narrows_every_column_and_the_picker(big):
    _ = big.widget  # built on first use
    big.search.value = "warranty"
    assert options(big.stage_columns["A"]) == [] and options(big.stage_columns["B"]) == ["O27", "O26"]
    assert [v for _, v in big.deal.options] == ["O27", "O26"]
    assert "2 match" in big.stage_columns["B"].header.value
    big.search.value = "Deal 2"  # every word, in the id or the name: "deal" and "2"
    assert options(big.stage_columns["A"]) == ["O25", "O24", "O23", "O22", "O21", "O20", "O12", "O02"]
    assert options(big.stage_columns["B"]) == []
    big.search.value = ""
    assert len(options(big.stage_columns["A"])) == 10


def test_moving_without_a_deal_or_to_a_bad_stage_says_so(big):
    _ = big.widget  # built on first use
    big.search.value = "nothing like this"
    assert big.deal.value is None
    big.button.click()
    assert "Choose a deal" in big.status.value
    with pytest.raises(InputError, match="not in the stages table"):
        big.move("O01", "Nowhere")


def test_moving_to_a_stage_the_board_did_not_show_adds_its_column():
    deals = pd.DataFrame({"opportunity_id": ["O1", "O2"], "stage": ["A", "B"], "probability": [10, 50],
                          "amount": [100.0, 200.0]})
    board = PipelineBoard(deals)
    _ = board.widget  # built on first use
    board.move("O1", "C")
    assert list(board.stage_columns) == ["C", "B"]  # without a stages table: in order of appearance
    assert options(board.stage_columns["C"]) == ["O1"]
    assert list(board.target.options) == ["C", "B"]


def test_bad_input(stages):
    with pytest.raises(InputError, match="amount"):
        PipelineBoard(pd.DataFrame({"opportunity_id": ["O1"], "stage": ["A"]}))
    deals = pd.DataFrame({"opportunity_id": ["O1"], "stage": ["A"], "probability": [10], "amount": [1.0]})
    with pytest.raises(InputError, match="rows must be a positive whole number"):
        PipelineBoard(deals, stages, rows=0)
    with pytest.raises(InputError, match="search must be text"):
        PipelineBoard(deals, stages).find(3)


def test_the_board_speaks_bengali(stages, english_left):
    from workbench.i18n.language import use_language

    deals = pd.DataFrame({"opportunity_id": ["O1", "O2"], "name": ["Alpha", "Beta"], "stage": ["A", "B"],
                          "probability": [10, 60], "amount": [12000.0, 500.0], "is_closed": [False, False]})
    with use_language("bn"):
        board = PipelineBoard(deals, stages)
        assert board.widget is not None  # built, as a notebook shows it
        board.deal.value, board.target.value = "O1", "B"
        board._on_move()
        board.deal.value = None
        board._on_move()
        refused = board.status.value
        board.deal.value, board.target.value = "O1", "B"
        board._on_move()
        moved = board.status.value
        header = board.stage_columns["B"].header.value
        shown = board.stage_columns["B"].shown.value
    assert "ভারযুক্ত পাইপলাইন: ৭,৫০০" in board.total.value  # 12,000 and 500 at 60 %, Bengali digits
    assert "আগে একটি ডিল আর একটি ধাপ বেছে নিন।" in refused
    assert "<bdi>O1</bdi>" in moved and "ভারযুক্ত পাইপলাইন" in moved
    assert "২টি ডিল" in header and "২টির মধ্যে ১–২" in shown  # Bengali digits
    for markup in (board.total.value, refused, moved, header, shown):
        assert english_left(markup) == []
