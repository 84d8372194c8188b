"""The pipeline board widget: columns by stage, moving a deal updates the weighted totals."""

import pandas as pd
import pytest

from workbench.errors import InputError
from workbench.widgets.pipeline import PipelineBoard


@pytest.fixture
def board():
    deals = pd.DataFrame({"opportunity_id": ["O1", "O2", "O3"], "name": ["Alpha", "Beta", "Old"],
                          "stage": ["A", "B", "Won"], "probability": [10, 60, 100],
                          "amount": [1000.0, 500.0, 99.0], "is_closed": [False, False, True]})
    stages = pd.DataFrame({"stage": ["A", "B", "Won"], "sort_order": [1, 2, 3], "default_probability": [10, 60, 100],
                           "is_closed": [False, False, True], "is_won": [False, False, True]})
    return PipelineBoard(deals, stages)


def test_columns_follow_the_stage_order_and_hold_open_deals(board):
    widget = board.widget
    total, columns, controls, status = widget.children
    assert len(columns.children) == 3
    assert [o[1] for o in columns.children[0].children[1].options] == ["O1"]
    assert columns.children[2].children[1].options == ()  # closed deals are not on the board
    assert "400" in total.value


def test_moving_through_the_controls_updates_totals(board):
    widget = board.widget
    columns = widget.children[1]
    columns.children[0].children[1].value = "O1"  # picking a deal in a column selects it
    assert board._deal.value == "O1"
    board._target.value = "Won"
    board._button.click()
    assert board.deals.set_index("opportunity_id").loc["O1", "stage"] == "Won"
    assert board.weighted == 300.0 and "300" in widget.children[0].value
    assert "Moved O1 to Won" in widget.children[3].value
    assert [o[1] for o in widget.children[1].children[2].children[1].options] == ["O1"]
    assert board.history == [("O1", "A", "Won")]


def test_bad_input():
    with pytest.raises(InputError, match="amount"):
        PipelineBoard(pd.DataFrame({"opportunity_id": ["O1"], "stage": ["A"]}))
