"""Duplicate detection: blocking + rapidfuzz scoring + union-find clusters."""

import numpy as np
import pandas as pd
import pytest

from workbench.crm.dedupe import cluster_pairs, column_kind, duplicate_pairs, find_duplicates
from workbench.errors import InputError

ON = ["first_name", "last_name", "email", "phone"]


@pytest.fixture
def people():
    return pd.DataFrame({
        "first_name": ["Nusrat", "NUSRAT", "Jahan", "Amina", "Amina", "Omar", "Omar"],
        "last_name": ["Jahan", "Jahn", "Nusrat", "Rahman", "Rahman", "Haddad", "Haddad"],
        "email": ["nj@acme.test", None, "nj@acme.test", "amina@a.test", "amina.r@b.test", "omar@x.test", None],
        "phone": ["+880 1711 000111", "01711000111", None, "+33 6 11 11 11 11", "+44 20 7946 0000", None, None],
    }, index=[10, 11, 12, 13, 14, 15, 16])


def test_typo_case_missing_email_and_swapped_names_are_one_person(people):
    clusters = find_duplicates(people, on=ON)
    assert clusters.index.tolist() == people.index.tolist() and clusters.name == "cluster"
    assert clusters[10] == clusters[11] == clusters[12]
    assert clusters[13] != clusters[14]  # namesakes with different email and phone
    assert clusters[15] != clusters[16]  # names alone are not evidence enough


def test_names_only_tables_are_compared_on_names():
    df = pd.DataFrame({"name": ["Ana Silva", "ANA SILVA", "Bob Stone"]})
    assert find_duplicates(df, on="name").tolist() == [0, 0, 1]


def test_pairs_for_review(people):
    pairs = duplicate_pairs(people, on=ON)
    assert {(10, 11), (10, 12)} <= set(zip(pairs["left"], pairs["right"]))
    assert pairs["score"].is_monotonic_decreasing
    row = pairs.set_index(["left", "right"]).loc[(10, 12)]
    assert row["first_name_right"] == "Jahan" and row["weight_email"] > 0
    assert len(duplicate_pairs(people, on=ON, threshold=50)) >= len(pairs)


def test_exact_columns_and_custom_blocking():
    df = pd.DataFrame({"last_name": ["Martin", "Martin", "Martin"], "first_name": ["Léa", "Lea", "Lea"],
                       "account_id": ["A1", "A1", "A2"]})
    assert column_kind("account_id") == "exact"
    clusters = find_duplicates(df, on=["first_name", "last_name", "account_id"])
    assert clusters.tolist() == [0, 0, 1]
    assert find_duplicates(df, on=["first_name", "last_name", "account_id"], block_on=["account_id"]).tolist() == [0, 0, 1]


def test_big_blocks_use_sorted_neighbourhood():
    n = 60
    rng = np.random.default_rng(1)
    words = ["".join(rng.choice(list("abcdefghijklmnopqrstuvwxyz"), 8)) for _ in range(2 * n)]
    df = pd.DataFrame({"last_name": ["Smith"] * n, "first_name": words[:n],
                       "email": [f"{w}@x.test" for w in words[n:]]})
    df.loc[n - 1, ["first_name", "email"]] = [words[0], words[n]]
    clusters = find_duplicates(df, on=["first_name", "last_name", "email"], max_block=10, window=3)
    assert clusters[0] == clusters[n - 1]
    assert clusters.nunique() == n - 1


def test_union_find_is_transitive():
    assert cluster_pairs(6, [0, 1, 4], [1, 2, 5]).tolist() == [0, 0, 0, 1, 2, 2]
    assert cluster_pairs(3, [], []).tolist() == [0, 1, 2]
    with pytest.raises(InputError, match="outside"):
        cluster_pairs(2, [0], [5])


def test_bad_input_is_explained(people):
    with pytest.raises(InputError, match="column 'mobile'"):
        find_duplicates(people, on=["first_name", "mobile"])
    with pytest.raises(InputError, match="no columns"):
        find_duplicates(people, on=[])
    with pytest.raises(InputError, match="threshold"):
        find_duplicates(people, on=ON, threshold=150)
    with pytest.raises(InputError, match="kind"):
        find_duplicates(people, on=ON, kinds={"email": "fuzzy"})
    with pytest.raises(InputError, match="DataFrame"):
        find_duplicates([1, 2], on=ON)


def test_empty_and_single_row_tables():
    empty = pd.DataFrame({"first_name": [], "last_name": []})
    assert find_duplicates(empty, on=["first_name", "last_name"]).empty
    one = pd.DataFrame({"first_name": ["A"], "last_name": ["B"]})
    assert find_duplicates(one, on=["first_name", "last_name"]).tolist() == [0]


@pytest.fixture(scope="module")
def small_acme(tmp_path_factory):
    """A small generated company; ``data.meta["planted"]`` says what was hidden in it."""
    from workbench.data import load
    from workbench.data.sample import generate

    return load(generate(tmp_path_factory.mktemp("acme"), seed=3, scale=0.3))


def test_generated_planted_duplicates_are_found(small_acme):
    contacts = small_acme.contacts
    clusters = find_duplicates(contacts, on=ON + ["account_id"]).set_axis(contacts["contact_id"].astype(str))
    pairs = small_acme.meta["planted"]["duplicate_pairs"]
    found = sum(clusters[a] == clusters[b] for a, b in pairs)
    assert found >= 0.9 * len(pairs)
    assert clusters.nunique() >= len(contacts) - len(pairs) - 3  # few false merges


def test_two_work_addresses_at_two_companies_are_namesakes_not_one_person():
    on = ["first_name", "last_name", "email"]
    df = pd.DataFrame({"first_name": ["Amina"] * 4, "last_name": ["Rahman"] * 4,
                       "email": ["amina.rahman@lumiere.test", "amina.rahman@rajshahi-agro.test",
                                 "amina.rahman@gmail.com", "amina.rahman@lumiere.tset"]})
    assert find_duplicates(df.iloc[:2], on=on).tolist() == [0, 1]  # two employers: two mailboxes
    matched = set(zip(*duplicate_pairs(df, on=on)[["left", "right"]].to_numpy().T))
    assert {(0, 2), (0, 3)} <= matched and (0, 1) not in matched  # a private mailbox, or a typo in the domain
    pairs = duplicate_pairs(df, on=on, threshold=0).set_index(["left", "right"])
    assert pairs.loc[(0, 1), "weight_email"] < 0  # the mailbox name counts against: two employers


def test_a_nickname_counts_as_the_name_it_stands_for():
    df = pd.DataFrame({"first_name": ["William", "Bill", "Frédéric", "FRED", "Wilma"],
                       "last_name": ["Smith", "Smith", "Dupont", "Dupont", "Smith"],
                       "phone": ["0161 496 0000", "+44 161 496 0000", "01 23 45 67 89", "0123456789", None]})
    clusters = find_duplicates(df, on=["first_name", "last_name", "phone"])
    assert clusters[0] == clusters[1] and clusters[2] == clusters[3]
    assert clusters[4] not in (clusters[0], clusters[2])
    pairs = duplicate_pairs(df, on=["first_name", "last_name", "phone"]).set_index(["left", "right"])
    assert pairs.loc[(0, 1), "weight_first_name"] > 0 and pairs.loc[(0, 1), "first_name_right"] == "Bill"
