"""The practice CRM's duplicates are the lessons' duplicates: one detector (crm.dedupe) for the Merge screen,
and the same keys, comparisons and weights for the warning at entry."""

import numpy as np
import pandas as pd
import pytest

from workbench.crm.dedupe import duplicate_pairs, find_duplicates
from workbench.practice import duplicates, merge


@pytest.fixture(scope="module")
def company_db(tmp_path_factory):
    from workbench.data import load
    from workbench.data.sample import generate
    from workbench.practice.database import sandbox

    data = load(generate(tmp_path_factory.mktemp("acme"), seed=3, scale=0.3))
    return sandbox(data)


def test_the_merge_screen_proposes_exactly_the_pairs_find_duplicates_finds(company_db):
    proposed = merge.find_duplicates(company_db, limit=10**6)
    contacts = company_db.query("SELECT * FROM contacts")
    assert len(proposed) > 10
    found = duplicate_pairs(contacts.set_index("contact_id"), on=list(duplicates.ON))
    expected = {tuple(sorted(p)) for p in found[["left", "right"]].itertuples(index=False)}
    assert set(map(tuple, proposed[["keep", "remove"]].values)) == expected
    clusters = find_duplicates(contacts, on=list(duplicates.ON)).set_axis(contacts["contact_id"])
    assert all(clusters[a] == clusters[b] for a, b in expected)
    # and every cluster of find_duplicates is held together by proposed pairs
    from workbench.crm.dedupe import cluster_pairs

    position = pd.Series(np.arange(len(contacts)), index=contacts["contact_id"])
    joined = cluster_pairs(len(contacts), position[proposed["keep"]].to_numpy(), position[proposed["remove"]].to_numpy())
    assert pd.factorize(joined)[0].tolist() == clusters.tolist()


def test_a_new_contact_is_compared_only_with_records_sharing_a_key(company_db):
    contacts = company_db.query("SELECT * FROM contacts")
    one = contacts.dropna(subset=["email"]).iloc[0]
    typed = {"first_name": one["first_name"], "last_name": one["last_name"] + "e", "email": one["email"].upper()}
    found = duplicates.likely_duplicates(company_db, "contacts", typed)
    assert one["contact_id"] in set(found["key"]) and "same email" in set(found["reason"])
    assert duplicates.likely_duplicates(company_db, "contacts", {"first_name": "Zzyzx", "last_name": "Qwv"}).empty
