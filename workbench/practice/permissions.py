"""Who sees what in the practice CRM: roles, the management line, and private deals and leads.

A shared customer database does not mean everyone sees everything. The practice CRM
follows the sharing model most CRMs ship with:

- **Shared records.** Accounts, contacts, activities, consents and service cases are
  read by every user: that is the point of one central customer database.
- **Private records.** A deal (opportunity) is seen by its owner, by the owner's teammates
  in the same region (a sales rep sees the deals of the sales reps of their region), and by
  every manager above the owner, up to the head of the company; a lead too, and also by the
  marketing team, whose job is to bring leads in and nurture them. Nobody else sees them: a
  service agent, a rep of another region or a manager of another team cannot open them.
- **Editing** a private record is for the people who see it; the trainee, who runs the
  practice CRM, is its administrator and may view it as any user.

A user's role comes from the users table: the head of the company manages everyone
(no manager above them), a manager has people reporting to them, everyone else is a
member of their team (sales, marketing, service...).

>>> from workbench.practice.database import sandbox, tiny_dataset
>>> db = sandbox(tiny_dataset())
>>> role(db, "U01"), role(db, "U02")
('head of the company', 'service')
>>> sorted(visible(db, "opportunities", "U01")["opportunity_id"]), len(visible(db, "opportunities", "U02"))
(['O001', 'O002'], 0)
>>> can_see(db, "U02", "contacts", "C001"), can_see(db, "U02", "opportunities", "O001")
(True, False)
"""

from __future__ import annotations

import pandas as pd

from ..data.schema import SCHEMA
from ..errors import InputError
from ..i18n.messages import _

#: Tables every user reads: the shared customer database.
SHARED = ("accounts", "contacts", "activities", "consents", "cases", "products", "stages", "users")
#: Tables whose rows only their owner and the owner's managers see, plus the teams named here.
PRIVATE = {"opportunities": (), "leads": ("marketing",)}


def _users(db) -> pd.DataFrame:
    return db.query("SELECT user_id, name, team, manager_id, region FROM users ORDER BY user_id")


def _user(db, user_id: str) -> dict:
    users = _users(db).set_index("user_id")
    if user_id not in users.index:
        raise InputError(_("there is no user {user_id!r} in the practice CRM").format(user_id=user_id), where="users",
                         fix=_("pick one of: {users}").format(users=", ".join(users.index)))
    return {"user_id": user_id, **users.loc[user_id].to_dict()}


def reports_of(db, user_id: str) -> set[str]:
    """Everyone below ``user_id`` in the management line (their reports, their reports' reports...).

    >>> from workbench.practice.database import sandbox, tiny_dataset
    >>> reports_of(sandbox(tiny_dataset()), "U01")
    {'U02'}
    """
    _user(db, user_id)
    return below(_users(db), user_id)


def below(users: pd.DataFrame, user_id: str) -> set[str]:
    """Everyone below ``user_id`` in a users table (``user_id``, ``manager_id`` columns).

    >>> users = pd.DataFrame({"user_id": ["U1", "U2", "U3"], "manager_id": [None, "U1", "U2"]})
    >>> sorted(below(users, "U1")), below(users, "U3")
    (['U2', 'U3'], set())
    """
    found, frontier = set(), {user_id}
    while frontier:
        frontier = set(users.loc[users["manager_id"].isin(frontier), "user_id"]) - found - {user_id}
        found |= frontier
    return found


def role(db, user_id: str) -> str:
    """The user's role: ``head of the company``, ``<team> manager`` or their team's name."""
    user = _user(db, user_id)
    team = str(user["team"] or "staff")
    if not user["manager_id"] or pd.isna(user["manager_id"]):
        return "head of the company"
    return f"{team} manager" if reports_of(db, user_id) else team


def owners_seen(users: pd.DataFrame, user_id: str) -> set[str]:
    """The users whose private records ``user_id`` sees: themselves, their teammates in the same region, and
    everyone below them (a users table with ``user_id``, ``manager_id``, ``team`` and ``region`` columns).

    >>> users = pd.DataFrame({"user_id": ["U1", "U2", "U3", "U4"], "manager_id": [None, "U1", "U1", "U1"],
    ...                       "team": ["sales", "sales", "sales", "service"], "region": ["FR", "FR", "UK", "FR"]})
    >>> sorted(owners_seen(users, "U2")), sorted(owners_seen(users, "U4"))
    (['U1', 'U2'], ['U4'])
    """
    me = users.set_index("user_id").loc[user_id]
    teammates = users.loc[(users["team"] == me["team"]) & (users["region"] == me["region"]), "user_id"]
    return {user_id} | set(teammates) | below(users, user_id)


def visible(db, table: str, user_id: str) -> pd.DataFrame:
    """The rows of ``table`` that ``user_id`` sees."""
    rows = db.table(table)
    if table not in PRIVATE:
        _user(db, user_id)
        return rows
    if _user(db, user_id)["team"] in PRIVATE[table]:
        return rows
    return rows[rows["owner_id"].isin(owners_seen(_users(db), user_id))].reset_index(drop=True)


def can_see(db, user_id: str, table: str, key) -> bool:
    """Whether ``user_id`` may open the record ``key`` of ``table``."""
    rows = visible(db, table, user_id)
    return bool((rows[SCHEMA[table].key] == key).any())


def who_sees(db, table: str, key) -> list[str]:
    """The users who may open record ``key`` of ``table``, by user id.

    >>> from workbench.practice.database import sandbox, tiny_dataset
    >>> who_sees(sandbox(tiny_dataset()), "opportunities", "O001")
    ['U01']
    """
    return [u for u in _users(db)["user_id"] if can_see(db, u, table, key)]


def access_summary(db) -> pd.DataFrame:
    """One row per user: name, team, role and how many deals and leads they see (the "Who sees what" screen)."""
    rows = []
    for user in _users(db).itertuples():
        rows.append({"user_id": user.user_id, "name": user.name, "team": user.team, "role": role(db, user.user_id),
                     **{f"{table} seen": len(visible(db, table, user.user_id)) for table in PRIVATE}})
    return pd.DataFrame(rows)


__all__ = ["PRIVATE", "SHARED", "access_summary", "below", "can_see", "owners_seen", "reports_of", "role", "visible",
           "who_sees"]
