"""Column kinds and their comparisons; blocking that survives a typo in any one field; the EM fit."""

import numpy as np
import pandas as pd
import pytest

from workbench.crm.blocking import candidate_pairs
from workbench.crm.comparisons import column_kind, compare, prepare
from workbench.crm.dedupe import find_duplicates
from workbench.crm.fellegi_sunter import best_threshold, fit


@pytest.mark.parametrize("column, kind", [
    ("given_name", "name"), ("surname", "name"), ("Nom de famille", "name"), ("prénom", "name"),
    ("date_of_birth", "date"), ("date de naissance", "date"), ("DOB", "date"),
    ("postcode", "postcode"), ("code postal", "postcode"), ("zip", "postcode"),
    ("street_number", "number"), ("numéro", "number"), ("address_1", "address"), ("adresse", "address"),
    ("suburb", "city"), ("ville", "city"), ("state", "state"), ("région", "state"),
    ("courriel", "email"), ("téléphone portable", "phone"), ("soc_sec_id", "exact"), ("notes", "text"),
])
def test_kinds_are_guessed_from_english_and_french_column_names(column, kind):
    assert column_kind(column) == kind


def test_kinds_can_be_given():
    df = pd.DataFrame({"x": ["1990-03-04", "1990-04-03", "1971-01-01"], "y": ["Ana", "Ana", "Bo"],
                       "z": ["a@x.io", None, "b@y.io"]})
    levels = compare("date", prepare(df["x"], "date"), [0], [1])
    assert levels.tolist() == [2]  # day and month swapped
    find_duplicates(df, on=["x", "y", "z"], kinds={"x": "date", "y": "name", "z": "email"})


@pytest.mark.parametrize("kind, a, b, level", [
    ("date", "19900304", "19900304", 3), ("date", "19900304", "19900403", 2), ("date", "19900304", "19900305", 2),
    ("date", "19900304", "19910305", 1), ("date", "19900304", "20011225", 0),
    ("number", "12", "13", 1), ("number", "12", "12", 2), ("number", "12", "45", 0),
    ("postcode", "2000", "2001", 1), ("address", "12 rue de la paix", "rue de la paix", 2),
    ("address", "rue de la paix", "avenue foch", 0),
    ("name", "jahan", "jahaan", 2), ("name", "jean pierre", "jeanpierre", 3),
    ("phone", "612345678", "612345679", 1), ("exact", "a1", "a2", 0), ("exact", "6988048", "6988043", 1),
])
def test_each_kind_has_a_comparison_that_fits_it(kind, a, b, level):
    values = pd.Series([a, b], dtype="string")
    assert compare(kind, values, [0], [1]).tolist() == [level]


@pytest.mark.parametrize("kind", ["name", "email", "phone", "date", "postcode", "number", "address", "city",
                                  "state", "text", "exact"])
def test_a_pair_of_values_gets_one_level_however_often_it_repeats(kind):
    """Each distinct pair of values is compared once: the level must be the one it gets on its own."""
    raw = ["Ana Silva", "ana silva", "Anna Silva", "Bo Stone", None, "jean pierre", "Jeanpierre", "12 rue de la paix",
           "rue de la paix", "19900304", "19900403", "612345678", "612345679", "ana@x.io", "ana@gmail.com",
           "anna@x.io", "2000", "2001", "6988048", "6988043"]
    values = prepare(pd.Series(raw * 3), kind)
    rng = np.random.default_rng(1)
    left, right = rng.integers(0, len(values), 80), rng.integers(0, len(values), 80)
    together = compare(kind, values, left, right)
    one_by_one = [compare(kind, values, [a], [b])[0] for a, b in zip(left, right)]
    assert together.tolist() == one_by_one
    other = values.sample(frac=1.0, random_state=2).reset_index(drop=True)  # two columns, as names compared crossed
    crossed = compare(kind, values, left, right, other=other)
    assert crossed.tolist() == [compare(kind, values[[a]], [0], [0], other=other[[b]])[0] for a, b in zip(left, right)]


def test_blocking_finds_a_pair_with_a_typo_in_any_one_field():
    rng = np.random.default_rng(3)
    n = 400
    letters = list("abcdefghijklmnopqrstuvwxyz")
    people = pd.DataFrame({
        "given_name": ["".join(rng.choice(letters, 6)) for _ in range(n)],
        "surname": ["".join(rng.choice(letters, 8)) for _ in range(n)],
        "date_of_birth": [f"19{rng.integers(40, 99)}{rng.integers(1, 12):02d}{rng.integers(1, 28):02d}" for _ in range(n)],
        "postcode": [str(rng.integers(1000, 9999)) for _ in range(n)]})
    for column in people.columns:  # a copy of row 0 with a typo in this one field
        copy = people.iloc[[0]].copy()
        value = copy.at[0, column]
        copy.at[0, column] = value[:2] + ("x" if value[2] != "x" else "y") + value[3:]
        frame = pd.concat([people, copy], ignore_index=True)
        keys = {c: prepare(frame[c], column_kind(c)) for c in frame.columns}
        left, right, passes = candidate_pairs(keys, {c: column_kind(c) for c in frame.columns})
        assert (0, n) in set(zip(left.tolist(), right.tolist())), column
        assert passes["all passes"] < n * (n + 1) / 2 / 4  # far fewer than all pairs


def test_em_learns_that_rare_agreement_counts_more():
    rng = np.random.default_rng(0)
    matches = np.column_stack([rng.random(500) < 0.95, rng.random(500) < 0.95])
    strangers = np.column_stack([rng.random(5000) < 0.3, rng.random(5000) < 0.01])  # often share a, rarely b
    model = fit(np.vstack([matches, strangers]).astype(np.int8), [2, 2], columns=["a", "b"])
    weights = model.weights()["weight"]
    assert weights[("b", 1)] > weights[("a", 1)] > 0 > weights[("a", 0)]
    assert 0.05 < model.prior < 0.15
    assert best_threshold(model.probability(np.array([[1, 1], [0, 0]]))) >= 0.5
