"""Number arguments: numpy's numbers (what a value read from a table is) count as numbers; yes/no and text do not."""

from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

from workbench.crm import costs, dedupe, experiments, pipeline, pressure, privacy
from workbench.crm.columns import is_number
from workbench.errors import InputError


@pytest.mark.parametrize("value", [3, 2.5, np.int64(3), np.int32(3), np.float32(0.5), np.float64(7), Fraction(1, 2)])
def test_real_numbers_are_numbers(value):
    assert is_number(value)


@pytest.mark.parametrize("value", [True, np.bool_(False), "3", None, float("nan"), np.nan, [3], pd.NA, 1j])
def test_other_values_are_not(value):
    assert not is_number(value)


def test_whole_numbers():
    assert is_number(np.int64(12), whole=True) and is_number(12.0, whole=True)
    assert not is_number(12.5, whole=True) and not is_number(np.float64(0.1), whole=True)


PEOPLE = pd.DataFrame({"contact_id": ["A", "B", "C"], "max_msgs_per_week": [1, 5, None]})
NAMES = pd.DataFrame({"first_name": ["Ana", "Ana", "Bob"], "last_name": ["Silva", "Silvaa", "Stone"],
                      "email": ["ana@x.test", "ana@x.test", "bob@y.test"]})


@pytest.mark.parametrize("numpy_call, plain_call", [
    (lambda: pipeline.sales_velocity(np.int64(40), np.float64(25_000), np.float32(0.25), np.int32(90)),
     lambda: pipeline.sales_velocity(40, 25_000, 0.25, 90)),
    (lambda: experiments.ab_test(np.int64(200), np.int64(2000), np.int32(260), np.int64(2000), alpha=np.float64(0.05)),
     lambda: experiments.ab_test(200, 2000, 260, 2000)),
    (lambda: experiments.sample_size(np.float64(0.10), np.float64(0.02)), lambda: experiments.sample_size(0.10, 0.02)),
    (lambda: costs.tco(np.int64(12), years=np.int64(3), setup=np.float64(500)), lambda: costs.tco(12, 3, setup=500)),
    (lambda: costs.monthly_cost(costs.price_table(), np.int64(5)), lambda: costs.monthly_cost(costs.price_table(), 5)),
    (lambda: costs.break_even_users(np.float64(124), np.int64(23)), lambda: costs.break_even_users(124, 23)),
    (lambda: pressure.caps(PEOPLE, global_cap=np.int64(3)), lambda: pressure.caps(PEOPLE, 3)),
    (lambda: dedupe.find_duplicates(NAMES, on=list(NAMES), threshold=np.float64(86), max_block=np.int64(50),
                                    window=np.int64(5)),
     lambda: dedupe.find_duplicates(NAMES, on=list(NAMES), threshold=86, max_block=50, window=5)),
    (lambda: privacy.pseudonymise(["Ana"], "a long salt", length=np.int64(8)),
     lambda: privacy.pseudonymise(["Ana"], "a long salt", length=8)),
])
def test_numpy_numbers_give_the_same_answer_as_python_numbers(numpy_call, plain_call):
    got, expected = numpy_call(), plain_call()
    if isinstance(expected, pd.Series):
        pd.testing.assert_series_equal(got, expected)
    elif isinstance(expected, pd.DataFrame):
        pd.testing.assert_frame_equal(got, expected)
    else:
        assert got == expected


@pytest.mark.parametrize("call, message", [
    (lambda: pipeline.sales_velocity(True, 1, 0.5, 10), "open_opportunities must be a number"),
    (lambda: experiments.ab_test(np.float64(1.5), 10, 1, 10), "successes_a must be a whole number"),
    (lambda: experiments.ab_test(1, 10, 1, 10, alpha="5%"), "alpha must be between 0 and 1"),
    (lambda: costs.tco(np.bool_(True)), "team_size must be a whole number"),
    (lambda: pressure.caps(PEOPLE, global_cap="3"), "global_cap must be a number"),
    (lambda: dedupe.find_duplicates(NAMES, on=list(NAMES), max_block=2.5), "max_block must be an integer"),
    (lambda: dedupe.duplicate_pairs(NAMES, on=list(NAMES), window=0), "window at least 1"),
    (lambda: dedupe.find_duplicates(NAMES, on=list(NAMES), threshold="high"), "threshold must be a number"),
])
def test_non_numbers_are_refused_with_a_clear_error(call, message):
    with pytest.raises(InputError, match=message):
        call()
