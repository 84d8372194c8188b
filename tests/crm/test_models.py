"""workbench.crm.models: the hierarchical view adds up, ring by ring."""

import pytest

from workbench.crm import models
from workbench.data import load_sample


@pytest.fixture(scope="module")
def group():
    data = load_sample()
    return data, data.accounts["parent_account_id"].value_counts().index[0]


def test_the_group_counts_every_activity_of_its_contacts_once(group):
    data, group_id = group
    accounts = {group_id, *data.accounts.loc[data.accounts["parent_account_id"] == group_id, "account_id"]}
    contacts = data.contacts.loc[data.contacts["account_id"].isin(accounts), "contact_id"]
    expected = int(data.activities["contact_id"].isin(contacts).sum())
    tree = models.account_tree(data, group_id)
    assert tree.iloc[0]["activities"] == expected
    for _, node in tree[tree["level"] != "contact"].iterrows():
        assert node["activities"] == tree.loc[tree["parent"] == node["id"], "activities"].sum()


def test_each_ring_of_the_sunburst_fills_its_parent_exactly(group):
    data, group_id = group
    trace = models.plot_account_tree(data, group_id).data[0]
    assert trace.branchvalues == "total"  # values are totals: no slice counted twice
    size = dict(zip(trace.ids, trace.values))
    children = {}
    for node, parent in zip(trace.ids, trace.parents):
        children.setdefault(parent, []).append(node)
    for parent, below in children.items():
        if parent:
            assert size[parent] == sum(size[c] for c in below), parent
    tree = models.account_tree(data, group_id)
    assert list(trace.customdata) == tree["activities"].tolist()  # the hover shows the true counts
    assert min(size[c] for c in tree.loc[tree["level"] == "contact", "id"]) >= 1  # quiet contacts still show
