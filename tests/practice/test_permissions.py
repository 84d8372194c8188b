"""Who sees what in the practice CRM: shared customer records, private deals and leads, the management line."""

import pytest

from workbench import practice
from workbench.errors import InputError
from workbench.practice import permissions, records


@pytest.fixture(scope="module")
def acme(tmp_path_factory):
    """The practice CRM on the sample company: 12 users in three teams under one head."""
    import workbench as wb

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("WORKBENCH_HOME", str(tmp_path_factory.mktemp("home")))
        db = practice.open(trainee="perm", data=wb.start(None))
        yield db
        db.close()


def test_roles_follow_the_management_line(acme):
    users = acme.query("SELECT user_id, team, manager_id FROM users")
    head = users.loc[users["manager_id"].isna(), "user_id"].item()
    assert permissions.role(acme, head) == "head of the company"
    assert permissions.reports_of(acme, head) == set(users["user_id"]) - {head}
    managers = {u for u in users["manager_id"].dropna() if u != head}
    for user in managers:
        assert permissions.role(acme, user).endswith(" manager")


def test_a_rep_sees_the_deals_of_their_team_in_their_region_and_the_head_sees_them_all(acme):
    deals, users = acme.table("opportunities"), acme.query("SELECT * FROM users").set_index("user_id")
    for user_id in users.index[(users["team"] == "sales") & users["manager_id"].notna()]:
        if permissions.reports_of(acme, user_id):
            continue
        region = users.loc[user_id, "region"]
        peers = users.index[(users["team"] == "sales") & (users["region"] == region)]
        seen = permissions.visible(acme, "opportunities", user_id)
        assert set(seen["opportunity_id"]) == set(deals.loc[deals["owner_id"].isin(peers), "opportunity_id"])
    head = users.index[users["manager_id"].isna()].item()
    assert len(permissions.visible(acme, "opportunities", head)) == len(deals)


def test_another_team_cannot_see_the_sales_teams_deals(acme):
    users = acme.query("SELECT user_id, team FROM users")
    for user_id in users.loc[users["team"].isin(["service", "marketing"]), "user_id"]:
        assert permissions.visible(acme, "opportunities", user_id).empty
    deal = acme.table("opportunities")["opportunity_id"].iloc[0]
    service = users.loc[users["team"] == "service", "user_id"]
    assert not any(permissions.can_see(acme, u, "opportunities", deal) for u in service)


def test_marketing_sees_every_lead_and_service_none(acme):
    users = acme.query("SELECT user_id, team FROM users")
    every = len(acme.table("leads"))
    for user in users.itertuples():
        seen = len(permissions.visible(acme, "leads", user.user_id))
        if user.team == "marketing":
            assert seen == every
        elif user.team == "service":
            assert seen == 0


def test_customer_records_are_shared_with_everyone(acme):
    contacts = len(acme.table("contacts"))
    for user_id in acme.query("SELECT user_id FROM users")["user_id"]:
        assert len(permissions.visible(acme, "contacts", user_id)) == contacts


def test_who_sees_a_deal_is_its_owner_the_teammates_of_its_region_and_the_managers_above(acme):
    users = acme.query("SELECT * FROM users").set_index("user_id")
    deal = acme.table("opportunities").iloc[0]
    owner = users.loc[deal["owner_id"]]
    expected = set(users.index[(users["team"] == owner["team"]) & (users["region"] == owner["region"])])
    user = deal["owner_id"]
    while users.loc[user, "manager_id"]:
        user = users.loc[user, "manager_id"]
        expected.add(user)
    assert set(permissions.who_sees(acme, "opportunities", deal["opportunity_id"])) == expected


def test_an_unknown_user_is_named_with_the_choices(acme):
    with pytest.raises(InputError, match="no user 'U999'.*U001"):
        permissions.visible(acme, "opportunities", "U999")


def test_referred_by_is_edited_in_the_form_rules_and_a_contact_cannot_refer_themselves(db):
    assert "referred_by" in records.EDITABLE["contacts"] and "referred_by" in records.EDITABLE["leads"]
    records.update(db, "contacts", "C002", {"referred_by": "C001"})
    assert db.row("contacts", "C002")["referred_by"] == "C001"
    assert "refer themselves" in records.validate(db, "contacts", {"referred_by": "C002"}, key="C002")["referred_by"]
    assert "no contact 'C999'" in records.validate(db, "leads", {"referred_by": "C999"}, key="L001")["referred_by"]
