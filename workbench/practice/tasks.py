"""Practice tasks: exercises phrased as work to do in the practice CRM, checked by reading it.

Each task picks its subject from the trainee's own data when the database is
created (a contact to call, a duplicate pair, a deal, a lead), stores it in
``practice_tasks`` so it stays the same while the trainee works, and checks
the database state: what the trainee added (read from the audit log) and how
the records look now.  A check gives partial credit and names the first thing
missing.

>>> from workbench.practice.database import sandbox, tiny_dataset
>>> db = sandbox(tiny_dataset())
>>> print(describe(db, "move-deal-to-negotiation"))
Lumière SA is ready to discuss terms on the deal 'Lumière - Loom X' (O002). Move it to the stage Negotiation and write its next step.
>>> check(db, "move-deal-to-negotiation").text()
"0/2 · The deal 'Lumière - Loom X' is still at Proposal. Hint: Open Move deal, pick 'Lumière - Loom X' and choose the stage Negotiation."
>>> solve(db, "move-deal-to-negotiation")
>>> check(db, "move-deal-to-negotiation").passed
True
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from ..errors import InputError


@dataclass(frozen=True)
class Task:
    """One practice task: how it picks its subject, says what to do, checks, and is done right."""

    id: str
    title: str
    choose: Callable  # (sqlite3 connection, set of contact ids already used) -> params or None
    describe: Callable  # params -> text
    check: Callable  # (db, params) -> Result
    solve: Callable  # (db, params) -> None: does the task through the public functions
    mistakes: tuple  # ((db, params) -> None, words the hint must contain)
    max_points: float = 1
    pick_order: int = 1  # tasks with scarce subjects (a duplicate pair) pick theirs first


TASKS: dict[str, Task] = {}


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
    task_id = task_id.removeprefix("crm.practice.")
    if task_id not in TASKS:
        raise InputError(f"there is no practice task called {task_id!r}", where="practice task",
                         fix=f"use one of: {', '.join(TASKS)}")
    return TASKS[task_id]


def params(db, task_id: str) -> dict:
    """The subject this database's task is about (the contact, deal, lead... it names)."""
    task = get_task(task_id)
    row = db.conn.execute("SELECT params FROM practice_tasks WHERE task_id = ?", (task.id,)).fetchone()
    if row is None:
        raise InputError(f"the practice CRM has nothing to do the task '{task.title}' on",
                         where=f"practice task {task.id}",
                         fix="reset the practice CRM from the sample company, which has a record for every task")
    return json.loads(row[0])


def describe(db, task_id: str) -> str:
    """The task in words, naming this trainee's records."""
    return get_task(task_id).describe(params(db, task_id))


def check(db, task_id: str):
    """Check the task on ``db``; returns a :class:`~workbench.exercises.result.Result`."""
    return get_task(task_id).check(db, params(db, task_id))


def solve(db, task_id: str) -> None:
    """Do the task on ``db`` as a trainee would, through the public functions (the reference solution)."""
    get_task(task_id).solve(db, params(db, task_id))


def available(db) -> pd.DataFrame:
    """The tasks of this database: id, title and what to do."""
    rows = [{"task": t.id, "exercise": f"crm.practice.{t.id}", "title": t.title, "what to do": describe(db, t.id)}
            for t in TASKS.values() if db.conn.execute("SELECT 1 FROM practice_tasks WHERE task_id = ?",
                                                       (t.id,)).fetchone()]
    return pd.DataFrame(rows, columns=["task", "exercise", "title", "what to do"])


def task(id: str, title: str, *, choose, describe, solve, mistakes, max_points: float = 1,  # noqa: A002
         pick_order: int = 1):
    """Register the decorated ``check(db, params)`` as practice task ``id``."""
    def register(fn):
        TASKS[id] = Task(id, title, choose, describe, fn, solve, tuple(mistakes), max_points, pick_order)
        return fn
    return register


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


def _result():
    from ..exercises.result import Result

    return Result


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


def _choose_newcomer(conn, taken):
    import re

    from rapidfuzz import fuzz, process

    from .records import DUPLICATE_SCORE, fold

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
    names = [fold(f"{r[0] or ''} {r[1] or ''}") for r in conn.execute("SELECT first_name, last_name FROM contacts")]
    emails = {fold(r[0]) for r in conn.execute("SELECT email FROM contacts WHERE email IS NOT NULL")}
    for first, last in NEWCOMERS:
        email = f"{fold(first).replace(' ', '')}.{fold(last).replace(' ', '')}@{domain}"
        similar = process.extractOne(fold(f"{first} {last}"), names, scorer=fuzz.token_sort_ratio,
                                     score_cutoff=DUPLICATE_SCORE)
        if similar is None and email not in emails:
            return {"first_name": first, "last_name": last, "email": email, "account_id": account_id,
                    "account": account_name}
    return None


# ---------------------------------------------------------------- the tasks

def _contact_exists(db, contact_id) -> bool:
    return db.row("contacts", contact_id) is not None


def _log_call(db, p):
    from . import activities

    activities.log(db, "call", f"Call with {p['name']}", contact_id=p["contact_id"], direction="inbound",
                   outcome="Interested; wants a written quote")


def _plan_friday(db, p, day=None):
    from . import activities

    activities.follow_up(db, f"Follow up with {p['name']}", day or p["friday"], contact_id=p["contact_id"])


def _solve_call(db, p):
    _log_call(db, p)
    _plan_friday(db, p)


def _describe_call(p):
    day = pd.Timestamp(p["friday"])
    return (f"{p['name']} ({p['contact_id']}) of {p['account']} phoned you today about their project. Log the call "
            f"with {p['name']}, then set a follow-up for Friday {day.day} {day.month_name()} ({p['friday']}).")


@task("log-call-and-follow-up", "Log a call and set a follow-up for Friday", choose=_choose_call,
      describe=_describe_call, solve=_solve_call, max_points=2,
      mistakes=[(_log_call, "follow-up"),
                (lambda db, p: (_log_call(db, p), _plan_friday(db, p, pd.Timestamp(p["friday"]) - pd.Timedelta(days=1))),
                 "Friday"),
                (lambda db, p: (__import__("workbench.practice.activities", fromlist=["log"]).log(
                    db, "email", f"Email to {p['name']}", contact_id=p["contact_id"]), _plan_friday(db, p)), "call")])
def _check_call(db, p):
    Result = _result()
    name, contact = p["name"], p["contact_id"]
    new = added(db, "activities")
    mine = new[new["contact_id"] == contact]
    calls = mine[(mine["type"] == "call") & (mine["status"] == "completed")]
    if calls.empty:
        if not mine.empty and (mine["type"] == "call").any():
            return Result.wrong(2, f"You planned a call with {name} but did not log the one that happened.",
                                "Use Log activity with the type call: it records a call that took place.")
        if not mine.empty:
            kinds = ", ".join(sorted(set(mine["type"])))
            return Result.wrong(2, f"You logged a {kinds} with {name}, not a call.",
                                "Log the activity with the type call.")
        others = new[(new["type"] == "call") & new["contact_id"].notna()]
        if not others.empty:
            who = others["contact_id"].iloc[0]
            return Result.wrong(2, f"You logged a call with {who}, not with {name} ({contact}).",
                                f"Search for {name}, open the record, then use Log activity.")
        return Result.wrong(2, f"There is no call with {name} logged yet.",
                            f"Search for {name}, open the record and use Log activity with the type call.")
    planned = mine[mine["status"] == "planned"]
    if planned.empty:
        return Result.wrong(2, f"The call with {name} is logged, but no follow-up is planned.",
                            f"Set a follow-up (a planned task for {name}) due on Friday {p['friday']}.", points=1)
    days = pd.to_datetime(planned["due_at"], format="ISO8601").dt.normalize()
    if not (days == pd.Timestamp(p["friday"])).any():
        first = days.iloc[0]
        return Result.wrong(2, f"The call is logged and a follow-up is planned, but it is due on "
                               f"{first.day_name()} {first.date()}.",
                            f"Move the follow-up to Friday {p['friday']}.", points=1)
    return Result.right(2, f"The call with {name} is logged and the follow-up is due on Friday {p['friday']}.")


def _solve_merge(db, p):
    from .merge import merge_contacts

    merge_contacts(db, keep=p["contact_a"], remove=p["contact_b"])


@task("merge-duplicates", "Merge the two records of the same person", choose=_choose_duplicates,
      describe=lambda p: (f"{p['name_a']} ({p['contact_a']}) and {p['name_b']} ({p['contact_b']}) are the same person, "
                          "entered twice. Merge the two records into one, keeping the history of both."),
      solve=_solve_merge, mistakes=[(lambda db, p: None, "Merge")], pick_order=0)
def _check_merge(db, p):
    Result = _result()
    a, b = p["contact_a"], p["contact_b"]
    have_a, have_b = _contact_exists(db, a), _contact_exists(db, b)
    if have_a and have_b:
        return Result.wrong(1, f"Both records ({a} and {b}) are still there.",
                            f"Open Merge duplicates, pick the pair {a} and {b}, choose the record to keep and "
                            "press Merge.")
    if not have_a and not have_b:
        return Result.wrong(1, "Neither record is left: the person has disappeared from the CRM.",
                            "Reset the practice CRM and merge the pair once: a merge keeps one record.")
    keep, gone = (a, b) if have_a else (b, a)
    row = db.conn.execute("SELECT merged_into FROM merged_contacts WHERE contact_id = ?", (gone,)).fetchone()
    if row is None or row[0] != keep:
        return Result.wrong(1, f"{gone} was deleted, not merged into {keep}.",
                            "Use Merge duplicates: it moves the history of the removed record to the kept one.")
    ids = p["activities"]
    if ids:
        marks = ", ".join("?" * len(ids))
        lost = db.query(f"SELECT activity_id, contact_id FROM activities WHERE activity_id IN ({marks})", ids)
        elsewhere = lost[lost["contact_id"] != keep]
        if len(lost) < len(ids) or not elsewhere.empty:
            return Result.wrong(1, "The two records are merged, but some of their activities are no longer on the "
                                   f"kept record {keep}.",
                                "Merge with Merge duplicates, which moves every activity to the kept record.")
    return Result.right(1, f"Merged: {keep} now holds the history of both records ({len(ids)} activities).")


def _solve_deal(db, p):
    from .deals import move

    move(db, p["opportunity_id"], p["stage"], next_step="Send the final contract for signature on Friday")


def _stage_only(db, p):
    from .records import update

    update(db, "opportunities", p["opportunity_id"], {"stage": p["stage"]})


def _move_keep_next_step(db, p):
    """Edit the stage and probability by hand and forget the next step."""
    from .records import update

    update(db, "opportunities", p["opportunity_id"], {"stage": p["stage"], "probability": p["probability"]})


@task("move-deal-to-negotiation", "Move a deal to Negotiation and set its next step", choose=_choose_deal,
      describe=lambda p: (f"{p['account'] or 'The customer'} is ready to discuss terms on the deal '{p['name']}' "
                          f"({p['opportunity_id']}). Move it to the stage {p['stage']} and write its next step."),
      solve=_solve_deal, max_points=2,
      mistakes=[(_stage_only, "probability"), (_move_keep_next_step, "next step")])
def _check_deal(db, p):
    Result = _result()
    deal = db.row("opportunities", p["opportunity_id"])
    name, stage = p["name"], p["stage"]
    if deal is None:
        return Result.wrong(2, f"The deal '{name}' is no longer in the CRM.", "Reset the practice CRM and try again.")
    if deal["stage"] != stage:
        where = "still at" if deal["stage"] == p["from_stage"] else "at"
        return Result.wrong(2, f"The deal '{name}' is {where} {deal['stage']}.",
                            f"Open Move deal, pick '{name}' and choose the stage {stage}.")
    points, problems = 0, []
    if int(deal["probability"]) == p["probability"]:
        points += 1
    else:
        problems.append((f"The deal is at {stage}, but its probability is {deal['probability']}% instead of "
                         f"{p['probability']}%.",
                         "Move the deal with Move deal: the probability follows the stage table."))
    step = (deal["next_step"] or "").strip()
    if step and step != (p.get("next_step") or "").strip():
        points += 1
    else:
        problems.append(("The next step is not written (or is the old one).",
                         "Write the next step: what you will do next, and when."))
    if not problems:
        return Result.right(2, f"'{name}' is at {stage} ({p['probability']}%), next step: {step}.")
    message, hint = problems[0]
    return Result.wrong(2, message, hint, points=points)


def _solve_lead(db, p):
    from .leads import convert

    convert(db, p["lead_id"], account={"industry": p["industry"], "country": p["country"]},
            opportunity={"amount": 15000, "close_date": (db.today + pd.Timedelta(days=60)).strftime("%Y-%m-%d")},
            allow_duplicate=True)


def _status_only(db, p):
    """Mark the lead qualified and stop there."""
    from .records import update

    update(db, "leads", p["lead_id"], {"status": "qualified"})


def _no_opportunity(db, p):
    from .leads import convert

    convert(db, p["lead_id"], account={"industry": p["industry"], "country": p["country"]}, allow_duplicate=True)


@task("convert-lead", "Convert a lead into an account, a contact and an opportunity", choose=_choose_lead,
      describe=lambda p: (f"{p['name']} from {p['company']} ({p['lead_id']}) is qualified. Convert the lead into an "
                          "account, a contact and an opportunity (choose the amount and the close date)."),
      solve=_solve_lead, max_points=2,
      mistakes=[(_status_only, "Convert lead"), (_no_opportunity, "opportunity")])
def _check_lead(db, p):
    Result = _result()
    lead = db.row("leads", p["lead_id"])
    name = p["name"]
    if lead is None or lead["status"] != "converted":
        return Result.wrong(2, f"The lead {name} is not converted yet.",
                            f"Open Convert lead, pick {name} ({p['lead_id']}) and press Convert.")
    contact = db.row("contacts", lead["converted_contact_id"]) if lead["converted_contact_id"] else None
    if contact is None:
        return Result.wrong(2, f"The lead {name} is marked converted, but no contact was created for it.",
                            "Use Convert lead rather than changing the status: it creates the account and contact.")
    if not contact["account_id"]:
        return Result.wrong(2, f"The contact {contact['first_name']} {contact['last_name']} has no account.",
                            "Convert the lead with an account, so the contact belongs to the company.")
    if not lead["converted_opportunity_id"]:
        return Result.wrong(2, f"{name} is now an account and a contact, but there is no opportunity.",
                            "Tick 'Create an opportunity' when converting, with an amount and a close date.",
                            points=1)
    return Result.right(2, f"{name} is converted: account {contact['account_id']}, contact "
                           f"{contact['contact_id']} and opportunity {lead['converted_opportunity_id']}.")


def _solve_consent(db, p):
    from .consent import record

    record(db, p["contact_id"], "email", "revoked", source="phone_call")


@task("record-consent-revocation", "Record that a contact withdrew their email consent", choose=_choose_consent,
      describe=lambda p: (f"{p['name']} ({p['contact_id']}) phoned to say they no longer want emails from us. "
                          "Record the withdrawal of their email consent, saying how you learned it."),
      solve=_solve_consent,
      mistakes=[(lambda db, p: __import__("workbench.practice.consent", fromlist=["record"]).record(
          db, p["contact_id"], "sms", "revoked", source="phone_call"), "email")])
def _check_consent(db, p):
    from .consent import status

    Result = _result()
    name, contact = p["name"], p["contact_id"]
    if not _contact_exists(db, contact):
        return Result.wrong(1, f"{name} ({contact}) is no longer in the CRM.", "Reset the practice CRM and try again.")
    now = status(db, contact)
    email = now[now["channel"] == "email"]
    new = added(db, "consents")
    new = new[new["contact_id"] == contact] if not new.empty else new
    if not email.empty and email["status"].iloc[0] == "revoked" and not new[new["channel"] == "email"].empty:
        return Result.right(1, f"{name}'s email consent is withdrawn; the log keeps when and how.")
    if not new.empty:
        channels = ", ".join(sorted(set(new["channel"])))
        return Result.wrong(1, f"You recorded a change for {name} on {channels}, not on email.",
                            "Record the withdrawal on the email channel, with the status revoked.")
    return Result.wrong(1, f"{name}'s email consent is still granted.",
                        f"Open {name}'s record, go to Consent, choose the channel email and the status revoked, "
                        "say how you learned it, and save.")


def _create_newcomer(db, p, **changes) -> str:
    from .records import create

    values = {"first_name": p["first_name"], "last_name": p["last_name"], "email": p["email"],
              "account_id": p["account_id"], "preferred_channel": "email", "lifecycle_stage": "lead", **changes}
    return create(db, "contacts", values, allow_duplicate=True)


def _newcomer_consent(db, p, key=None, source="event"):
    from .consent import record

    record(db, key or _create_newcomer(db, p), "email", "granted", source=source)


def _describe_newcomer(p):
    name = f"{p['first_name']} {p['last_name']}"
    return (f"At a trade fair today you met {name} of {p['account']} ({p['account_id']}), who asked to receive "
            f"Acme's news by email. Create the contact {name} ({p['email']}) at the account {p['account_id']}, "
            "with email as the preferred channel, then record the email consent, saying you got it at an event.")


@task("create-contact-with-consent", "Create a contact and record their consent", choose=_choose_newcomer,
      describe=_describe_newcomer, solve=_newcomer_consent, max_points=2,
      mistakes=[(lambda db, p: _create_newcomer(db, p), "consent"),
                (lambda db, p: _newcomer_consent(db, p, _create_newcomer(db, p, account_id=None)), "account"),
                (lambda db, p: _newcomer_consent(db, p, source="web_form"), "event")])
def _check_newcomer(db, p):
    from .consent import status
    from .records import fold

    Result = _result()
    name = f"{p['first_name']} {p['last_name']}"
    created = new = added(db, "contacts")
    if not created.empty:
        new = created[(created["first_name"] + " " + created["last_name"]).map(fold) == fold(name)]
    if new.empty:
        if not created.empty:
            who = f"{created['first_name'].iloc[0]} {created['last_name'].iloc[0]}"
            return Result.wrong(2, f"You created the contact {who}, not {name}.",
                                f"Create a contact named {p['first_name']} (first name) {p['last_name']} (last name).")
        return Result.wrong(2, f"There is no contact {name} yet.",
                            "Open Search, choose Contacts, press New and fill in the form, then Create contact.")
    contact = new.iloc[-1]
    key = contact["contact_id"]
    if contact["account_id"] != p["account_id"]:
        return Result.wrong(2, f"{name} ({key}) is saved, but not at the account {p['account']}.",
                            f"Open {name}'s record, press Edit and set the account id to {p['account_id']}.")
    now = status(db, key)
    email = now[now["channel"] == "email"]
    if email.empty or email["status"].iloc[0] != "granted":
        return Result.wrong(2, f"{name} ({key}) is in the CRM at {p['account']}, but no email consent is recorded.",
                            f"Open {name}'s record, press Consent, choose email and 'given (granted)', say how you "
                            "got it, and record it.", points=1)
    if email["source"].iloc[0] != "event":
        return Result.wrong(2, f"{name}'s email consent is recorded, with the source {email['source'].iloc[0]}.",
                            "Record how you really got it: at an event (the trade fair). Record the consent again "
                            "with the source event: the newest line counts.", points=1)
    return Result.right(2, f"{name} ({key}) is at {p['account']}, with the email consent given at an event on record.")


__all__ = ["NEWCOMERS", "TASKS", "Task", "added", "assign", "available", "check", "describe", "get_task",
           "negotiation_stage", "params", "solve"]
