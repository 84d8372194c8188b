"""Practice tasks: work to do in the practice CRM, each about records of the trainee's own data.

Each task picks its subject from the trainee's own data when the database is
created (a contact to call, a duplicate pair, a deal, a lead), stores it in
``practice_tasks`` so it stays the same while the trainee works, and says what
to do, naming those records.  This module holds only what the trainee is asked:
each task is checked by the exercise ``crm.practice.<task>``, in
:mod:`workbench.exercises.checks.crm.practice`, as every other exercise is.

>>> from workbench.practice.database import sandbox, tiny_dataset
>>> db = sandbox(tiny_dataset())
>>> text = describe(db, "move-deal-to-negotiation")  # each name between bidi isolates (U+2068 ... U+2069)
>>> text.startswith("\u2068Lumière SA\u2069")
True
>>> print(text.replace("\u2068", "").replace("\u2069", ""))
Lumière SA is ready to discuss terms on the deal 'Lumière - Loom X' (O002). Move it to the stage Negotiation and write its next step.
>>> exercise_id("move-deal-to-negotiation")
'crm.practice.move-deal-to-negotiation'
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from ..errors import InputError
from ..i18n.messages import _
from ..text import isolate

EXERCISE_PREFIX = "crm.practice."


@dataclass(frozen=True)
class Task:
    """One practice task: how it picks its subject and how it says what to do."""

    id: str
    title: str
    choose: Callable  # (sqlite3 connection, set of contact ids already used) -> params or None
    describe: Callable  # params -> text
    max_points: float = 1  # what the task is worth, shown with it
    pick_order: int = 1  # tasks with scarce subjects (a duplicate pair) pick theirs first


def _frame(conn, sql, params=()) -> pd.DataFrame:
    cur = conn.execute(sql, params)
    df = pd.DataFrame.from_records(cur.fetchall(), columns=[d[0] for d in cur.description])
    return df.astype(object).where(df.notna(), None)


def _meta(conn) -> dict:
    return dict(conn.execute("SELECT key, value FROM practice_meta").fetchall())


def _contacts_of(params: dict) -> set:
    return {v for k, v in params.items() if k.startswith("contact") and isinstance(v, str)}


def assign(conn) -> dict:
    """Pick and store the subject of every task that has none yet (a sqlite3 connection); return the new ones.

    A seeded database gets all of them; an older one, the tasks added since.  Each
    task picks a contact no other task uses.
    """
    stored = {k: json.loads(v) for k, v in conn.execute("SELECT task_id, params FROM practice_tasks")}
    taken: set = set().union(*map(_contacts_of, stored.values()))
    chosen = {}
    for task in sorted(TASKS.values(), key=lambda t: t.pick_order):
        if task.id in stored:
            continue
        params = task.choose(conn, taken)
        if params is None:
            continue
        taken |= _contacts_of(params)
        chosen[task.id] = params
    if chosen:
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("INSERT OR IGNORE INTO practice_tasks VALUES (?, ?)",
                         [(k, json.dumps(v, ensure_ascii=False)) for k, v in chosen.items()])
        conn.execute("COMMIT")
    return chosen


def get_task(task_id: str) -> Task:
    """The task called ``task_id`` (also accepts the exercise id ``crm.practice.<task>``)."""
    task_id = task_id.removeprefix(EXERCISE_PREFIX)
    if task_id not in TASKS:
        raise InputError(_('there is no practice task called {task_id!r}').format(task_id=task_id), where="practice task",
                         fix=_('use one of: {tasks}').format(tasks=', '.join(TASKS)))
    return TASKS[task_id]


def exercise_id(task_id: str) -> str:
    """The id of the exercise that checks task ``task_id``."""
    return EXERCISE_PREFIX + get_task(task_id).id


def params(db, task_id: str) -> dict:
    """The subject this database's task is about (the contact, deal, lead... it names)."""
    task = get_task(task_id)
    row = db.conn.execute("SELECT params FROM practice_tasks WHERE task_id = ?", (task.id,)).fetchone()
    if row is None:
        raise InputError(_("the practice CRM has nothing to do the task '{title}' on").format(title=task.title),
                         where=f"practice task {task.id}",
                         fix=_("reset the practice CRM from the sample company, which has a record for every task"))
    return json.loads(row[0])


def describe(db, task_id: str) -> str:
    """The task in words, naming this trainee's records."""
    return get_task(task_id).describe(params(db, task_id))


def available(db) -> pd.DataFrame:
    """The tasks of this database: id, title and what to do."""
    rows = [{"task": t.id, "exercise": exercise_id(t.id), "title": _(t.title), "what to do": describe(db, t.id)}
            for t in TASKS.values() if db.conn.execute("SELECT 1 FROM practice_tasks WHERE task_id = ?",
                                                       (t.id,)).fetchone()]
    return pd.DataFrame(rows, columns=["task", "exercise", "title", "what to do"])


def added(db, table: str) -> pd.DataFrame:
    """The current state of the rows the trainee added to ``table`` since the last reset (from the audit log)."""
    from ..data.schema import SCHEMA

    key = SCHEMA[table].key
    keys = [r[0] for r in db.conn.execute("SELECT record_key FROM audit_log WHERE table_name = ? AND op = 'insert' "
                                          "AND reset_at IS NULL", (table,))]
    if not keys:
        return db.query(f'SELECT * FROM "{table}" WHERE 0')
    marks = ", ".join("?" * len(keys))
    column = key or "rowid"
    return db.query(f'SELECT {"rowid AS _rowid, " if not key else ""}* FROM "{table}" WHERE "{column}" IN ({marks})'
                    if key else f'SELECT * FROM "{table}" WHERE rowid IN ({marks})', keys)


# ---------------------------------------------------------------- choosing subjects

def _contact_choice(conn, taken, where: str, order: str = "c.contact_id") -> dict | None:
    df = _frame(conn, "SELECT c.contact_id, c.first_name || ' ' || c.last_name AS name, "
                      "coalesce(a.name, '') AS account FROM contacts c LEFT JOIN accounts a "
                      f"ON a.account_id = c.account_id WHERE {where} ORDER BY {order}")
    df = df[~df["contact_id"].isin(taken)]
    if df.empty:
        return None
    return df.iloc[0].to_dict()


_NEWEST = ("(SELECT status FROM consents s WHERE s.contact_id = c.contact_id AND s.channel = '{channel}' "
           "ORDER BY s.at DESC, s.rowid DESC LIMIT 1)")


def _choose_call(conn, taken):
    from .activities import next_weekday

    found = _contact_choice(
        conn, taken, "c.phone IS NOT NULL AND c.account_id IS NOT NULL AND coalesce("
        + _NEWEST.format(channel="phone") + ", 'granted') = 'granted'",
        order="(SELECT count(*) FROM opportunities o WHERE o.primary_contact_id = c.contact_id "
              "AND o.is_closed = 0) DESC, c.contact_id")
    if found is None:
        return None
    today = pd.Timestamp(_meta(conn)["as_of"])
    found["friday"] = next_weekday(today, "friday").strftime("%Y-%m-%d")
    return found


def _choose_duplicates(conn, taken):
    pairs = _frame(conn, "SELECT keep, remove FROM duplicate_candidates ORDER BY score DESC, keep, remove")
    pairs = pairs[~pairs["keep"].isin(taken) & ~pairs["remove"].isin(taken)]
    if pairs.empty:
        return None
    a, b = pairs["keep"].iloc[0], pairs["remove"].iloc[0]
    names = dict(conn.execute("SELECT contact_id, first_name || ' ' || last_name FROM contacts "
                              "WHERE contact_id IN (?, ?)", (a, b)).fetchall())
    history = {k: [r[0] for r in conn.execute("SELECT activity_id FROM activities WHERE contact_id = ?", (k,))]
               for k in (a, b)}
    return {"contact_a": a, "contact_b": b, "name_a": names[a], "name_b": names[b],
            "activities": history[a] + history[b]}


def negotiation_stage(conn) -> dict | None:
    """The stage a deal is negotiated in: the one named like "negotiation", else the last open stage."""
    stages = _frame(conn, "SELECT stage, sort_order, default_probability FROM stages WHERE is_closed = 0 "
                          "ORDER BY sort_order")
    if stages.empty:
        return None
    named = stages[stages["stage"].str.lower().str.contains("negotiat")]
    return (named.iloc[0] if len(named) else stages.iloc[-1]).to_dict()


def _choose_deal(conn, taken):
    stage = negotiation_stage(conn)
    if stage is None:
        return None
    deals = _frame(conn, "SELECT o.opportunity_id, o.name, o.stage AS from_stage, o.next_step, "
                         "coalesce(a.name, '') AS account FROM opportunities o JOIN stages s ON s.stage = o.stage "
                         "LEFT JOIN accounts a ON a.account_id = o.account_id "
                         "WHERE o.is_closed = 0 AND s.sort_order < ? "
                         "ORDER BY s.sort_order DESC, o.opportunity_id", (int(stage["sort_order"]),))
    if deals.empty:
        return None
    found = deals.iloc[0].to_dict()
    found.update(stage=stage["stage"], probability=int(stage["default_probability"]))
    return found


def _choose_lead(conn, taken):
    leads = _frame(conn, "SELECT lead_id, name, company FROM leads WHERE status NOT IN ('converted', 'unqualified') "
                         "AND email IS NOT NULL ORDER BY status = 'qualified' DESC, fit_score DESC, lead_id")
    if leads.empty:
        return None
    found = leads.iloc[0].to_dict()
    common = _frame(conn, "SELECT (SELECT industry FROM accounts GROUP BY industry ORDER BY count(*) DESC, industry "
                          "LIMIT 1) AS industry, (SELECT country FROM accounts GROUP BY country "
                          "ORDER BY count(*) DESC, country LIMIT 1) AS country").iloc[0]
    found.update(industry=common["industry"], country=common["country"])
    return found


def _choose_consent(conn, taken):
    return _contact_choice(conn, taken, "c.email IS NOT NULL AND " + _NEWEST.format(channel="email") + " = 'granted'")


#: People a trainee meets at a trade fair (invented): the first one unlike every contact of the CRM is used.
NEWCOMERS = (("Samira", "Haddad"), ("Tanvir", "Hossain"), ("Élodie", "Marchand"), ("Kian", "Rostami"),
             ("Grace", "Whitfield"), ("Farida", "Begum"))


class _Reader:
    """What :func:`workbench.practice.duplicates.likely_duplicates` reads, over a bare connection (the
    tasks are assigned while a database is seeded, before a :class:`PracticeDB` opens it)."""

    def __init__(self, conn):
        self.conn, self._built = conn, {}

    def query(self, sql, params=()) -> pd.DataFrame:
        cur = self.conn.execute(sql, params)
        return pd.DataFrame.from_records(cur.fetchall(), columns=[d[0] for d in cur.description])

    def maintained(self, name, table, build, apply):
        if name not in self._built:
            self._built[name] = build()
        return self._built[name]


def _choose_newcomer(conn, taken):
    import re

    from .duplicates import likely_duplicates
    from .records import fold

    account = _frame(conn, "SELECT a.account_id, a.name, count(c.contact_id) AS people FROM accounts a "
                           "JOIN contacts c ON c.account_id = a.account_id GROUP BY a.account_id "
                           "ORDER BY people DESC, a.account_id LIMIT 1")
    if account.empty:
        return None
    account_id, account_name = account["account_id"].iloc[0], account["name"].iloc[0]
    domains = _frame(conn, "SELECT lower(substr(email, instr(email, '@') + 1)) AS domain FROM contacts "
                           "WHERE account_id = ? AND email LIKE '%@%' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1",
                     (account_id,))
    domain = domains["domain"].iloc[0] if len(domains) else re.sub(r"[^a-z0-9]+", "", fold(account_name)) + ".example"
    reader = _Reader(conn)
    for first, last in NEWCOMERS:
        email = f"{fold(first).replace(' ', '')}.{fold(last).replace(' ', '')}@{domain}"
        person = {"first_name": first, "last_name": last, "email": email, "account_id": account_id}
        if likely_duplicates(reader, "contacts", person).empty:
            return {**person, "account": account_name}
    return None


# ---------------------------------------------------------------- what the trainee is asked

def _describe_call(p):
    day = pd.Timestamp(p["friday"]).date()
    return _("{name} ({contact}) of {account} phoned you today about their project. Log the call with {name}, then set "
             "a follow-up for Friday {day}.").format(name=isolate(p["name"]), contact=p["contact_id"],
                                                     account=isolate(p["account"]), day=_long_day(day))


def _long_day(day) -> str:
    """A day as the trainee's language writes it in a sentence (``3 July 2026`` in English)."""
    from ..i18n.language import current_language
    from ..i18n.numbers import format_date

    return f"{day.day} {day:%B %Y}" if current_language() == "en" else format_date(day, format="long")


def _describe_newcomer(p):
    return _("At a trade fair today you met {name} of {account} ({account_id}), who asked to receive Acme's news by "
             "email. Create the contact {name} ({email}) at the account {account_id}, with email as the preferred "
             "channel, then record the email consent, saying you got it at an event.").format(
        name=isolate(f"{p['first_name']} {p['last_name']}"), account=isolate(p["account"]),
        account_id=p["account_id"], email=p["email"])


def _describe_duplicates(p):
    return _("{name_a} ({contact_a}) and {name_b} ({contact_b}) are the same person, entered twice. Merge the two "
             "records into one, keeping the history of both.").format(
        name_a=isolate(p["name_a"]), contact_a=p["contact_a"], name_b=isolate(p["name_b"]),
        contact_b=p["contact_b"])


def _describe_deal(p):
    return _("{account} is ready to discuss terms on the deal '{deal}' ({deal_id}). Move it to the stage {stage} and "
             "write its next step.").format(account=isolate(p["account"]) if p["account"] else _("The customer"),
                                            deal=isolate(p["name"]), deal_id=p["opportunity_id"],
                                            stage=p["stage"])


def _describe_lead(p):
    return _("{name} from {company} ({lead_id}) is qualified. Convert the lead into an account, a contact and an "
             "opportunity (choose the amount and the close date).").format(
        name=isolate(p["name"]), company=isolate(p["company"]), lead_id=p["lead_id"])


def _describe_revocation(p):
    return _("{name} ({contact}) phoned to say they no longer want emails from us. Record the withdrawal of their "
             "email consent, saying how you learned it.").format(name=isolate(p["name"]),
                                                                  contact=p["contact_id"])


TASKS: dict[str, Task] = {t.id: t for t in (
    Task("log-call-and-follow-up", "Log a call and set a follow-up for Friday", _choose_call, _describe_call,
         max_points=2),
    Task("merge-duplicates", "Merge the two records of the same person", _choose_duplicates, _describe_duplicates,
         pick_order=0),
    Task("move-deal-to-negotiation", "Move a deal to Negotiation and set its next step", _choose_deal, _describe_deal,
         max_points=2),
    Task("convert-lead", "Convert a lead into an account, a contact and an opportunity", _choose_lead, _describe_lead,
         max_points=2),
    Task("record-consent-revocation", "Record that a contact withdrew their email consent", _choose_consent,
         _describe_revocation),
    Task("create-contact-with-consent", "Create a contact and record their consent", _choose_newcomer,
         _describe_newcomer, max_points=2),
)}


__all__ = ["EXERCISE_PREFIX", "NEWCOMERS", "TASKS", "Task", "added", "assign", "available", "describe",
           "exercise_id", "get_task", "negotiation_stage", "params"]
