"""Checks of the practice CRM tasks (``crm.practice.<task>``): the answer is the trainee's database.

A trainee does the task in their practice CRM, then presses Check under the task
(``wb.practice_task(db, "convert-lead")``); the check reads the database: what the
trainee added (from the audit log) and how the records look now, and gives partial
credit naming the first thing missing.  A handed-in ``.sqlite`` file is read without
being changed (``check("crm.practice.convert-lead", "amina.sqlite")``).  The
reference solution does the task in a fresh practice CRM built from the learner's
data, through the same public functions the screens use, and hands that database over;
so does each plausible mistake.  What each task asks is in :mod:`workbench.practice.tasks`.

>>> from workbench.practice import sandbox, tiny_dataset
>>> db = sandbox(tiny_dataset())
>>> from workbench.exercises import check
>>> print(check("crm.practice.merge-duplicates", db, record=False).text())
0/1 · Both records (C001 and C003) are still there. Hint: Look at the task text: it names the two records that are the same person.
>>> solve(db, "merge-duplicates")
>>> check("crm.practice.merge-duplicates", db, record=False).passed
True
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from workbench.errors import InputError
from workbench.exercises import Result, exercise
from workbench.exercises.words import ACTIVITY, CHANNEL, SOURCE, listing, said, stage_name
from workbench.i18n.messages import _
from workbench.i18n.numbers import format_date
from workbench.practice import activities, consent, database, deals, leads, merge, records, tasks

SOLUTIONS: dict[str, Callable] = {}  # task id -> (db, params) -> None: the task done through the public functions


def as_db(answer, ctx=None):
    """The practice database behind an answer: the database itself, a screen holding one, or its file path.

    A path (a database a trainee handed in) is opened read-only: checking it changes nothing in the file.
    """
    if isinstance(answer, database.PracticeDB):
        return answer
    inner = getattr(answer, "db", None)
    if isinstance(inner, database.PracticeDB):
        return inner
    if isinstance(answer, (str, Path)) and Path(answer).suffix == ".sqlite" and Path(answer).exists():
        return database.open_existing(path=answer, read_only=True)
    raise InputError(_('expected your practice CRM, got {kind}').format(kind=type(answer).__name__), where="practice task",
                     fix=_("check the database you worked in: wb.check_button(id, lambda: db) with "
                         "db = practice.open()"))


def solve(db, task_id: str) -> None:
    """Do task ``task_id`` on ``db`` as a trainee would, through the public functions (the reference solution)."""
    task = tasks.get_task(task_id)
    SOLUTIONS[task.id](db, tasks.params(db, task.id))


def _done(task_id: str, do: Callable) -> Callable:
    """``ctx -> `` a fresh practice CRM from the learner's data, with ``do(db, params)`` done in it."""
    def attempt(ctx):
        db = database.sandbox(ctx.data, trainee=f"{ctx.settings.learner}-reference")
        do(db, tasks.params(db, task_id))
        return db
    return attempt


def practice_task(task_id: str, *, solve: Callable, mistakes: list):
    """Register the decorated ``check(db, params)`` as the exercise of practice task ``task_id``.

    ``solve(db, params)`` does the task right; ``mistakes`` lists ``((db, params) -> None, words
    the hint must contain)``: each does it wrong the way a trainee might.
    """
    task = tasks.get_task(task_id)

    def register(check_db):
        SOLUTIONS[task.id] = solve

        @exercise(tasks.exercise_id(task.id), title=task.title, max_points=task.max_points,
                  solution=_done(task.id, solve), wrong=[(_done(task.id, do), words) for do, words in mistakes])
        def _check(answer, ctx):
            db = as_db(answer, ctx)
            return check_db(db, tasks.params(db, task.id))

        return check_db

    return register


def _contact_exists(db, contact_id) -> bool:
    return db.row("contacts", contact_id) is not None


def _log_call(db, p):
    activities.log(db, "call", f"Call with {p['name']}", contact_id=p["contact_id"], direction="inbound",
                   outcome="Interested; wants a written quote")


def _plan_friday(db, p, day=None):
    activities.follow_up(db, f"Follow up with {p['name']}", day or p["friday"], contact_id=p["contact_id"])


def _solve_call(db, p):
    _log_call(db, p)
    _plan_friday(db, p)


def _email_instead(db, p):
    activities.log(db, "email", f"Email to {p['name']}", contact_id=p["contact_id"])
    _plan_friday(db, p)


@practice_task("log-call-and-follow-up", solve=_solve_call,
               mistakes=[(_log_call, "follow-up"),
                         (lambda db, p: (_log_call(db, p), _plan_friday(db, p, pd.Timestamp(p["friday"])
                                                                        - pd.Timedelta(days=1))), "Friday"),
                         (_email_instead, "call")])
def _check_call(db, p):
    name, contact = p["name"], p["contact_id"]
    new = tasks.added(db, "activities")
    mine = new[new["contact_id"] == contact]
    calls = mine[(mine["type"] == "call") & (mine["status"] == "completed")]
    if calls.empty:
        if not mine.empty and (mine["type"] == "call").any():
            return Result.wrong(2, _('You planned a call with {name} but did not log the one that happened.').format(name=name),
                                (_('Look at the activities logged on the contact: the task speaks of a call that took place.'), _("Use Log activity with the type call: it records a call that took place.")))
        if not mine.empty:
            kinds = listing(ACTIVITY, sorted(set(mine["type"])))
            return Result.wrong(2, _('You logged an activity of the type {kinds} with {name}, not a call.').format(
                kinds=kinds, name=name),
                                (_('Look at the activity you logged: its type is not the one the task describes.'), _("Log the activity with the type call.")))
        others = new[(new["type"] == "call") & new["contact_id"].notna()]
        if not others.empty:
            who = others["contact_id"].iloc[0]
            return Result.wrong(2, _('You logged a call with {who}, not with {name} ({contact}).').format(who=who, name=name, contact=contact),
                                (_('Look at the task text: it names the person you called.'), _('Search for {name}, open the record, then use Log activity.').format(name=name)))
        return Result.wrong(2, _('There is no call with {name} logged yet.').format(name=name),
                            (_('Look at the task text: it names the person and what happened.'), _('Search for {name}, open the record and use Log activity with the type call.').format(name=name)))
    friday = format_date(pd.Timestamp(p["friday"]).date(), format="full")
    planned = mine[mine["status"] == "planned"]
    if planned.empty:
        return Result.wrong(2, _('The call with {name} is logged, but no follow-up is planned.').format(name=name),
                            (_('Look at the task text: after the call comes a follow-up to plan.'), _('Set a follow-up (a planned task for {name}) due on {friday}.').format(name=name, friday=friday)), points=1)
    days = pd.to_datetime(planned["due_at"], format="ISO8601").dt.normalize()
    if not (days == pd.Timestamp(p["friday"])).any():
        first = days.iloc[0]
        return Result.wrong(2, _('The call is logged and a follow-up is planned, but it is due on {day}.').format(
                                day=format_date(first.date(), format="full")),
                            (_("Look at the follow-up's due date in the contact's record."),
                             _('Move the follow-up to {friday}.').format(friday=friday)), points=1)
    return Result.right(2, _('The call with {name} is logged and the follow-up is due on {friday}.').format(
        name=name, friday=friday))


def _solve_merge(db, p):
    merge.merge_contacts(db, keep=p["contact_a"], remove=p["contact_b"])


@practice_task("merge-duplicates", solve=_solve_merge,
               mistakes=[(lambda db, p: None, "Merge")])
def _check_merge(db, p):
    a, b = p["contact_a"], p["contact_b"]
    have_a, have_b = _contact_exists(db, a), _contact_exists(db, b)
    if have_a and have_b:
        return Result.wrong(1, _('Both records ({a} and {b}) are still there.').format(a=a, b=b),
                            (_('Look at the task text: it names the two records that are the same person.'), _('Open Merge duplicates, pick the pair {a} and {b}, choose the record to keep and press Merge.').format(a=a, b=b)))
    if not have_a and not have_b:
        return Result.wrong(1, _("Neither record is left: the person has disappeared from the CRM."),
                            (_('Look at the contacts left after your merge: one of the pair should remain.'), _("Reset the practice CRM and merge the pair once: a merge keeps one record.")))
    keep, gone = (a, b) if have_a else (b, a)
    row = db.conn.execute("SELECT merged_into FROM merged_contacts WHERE contact_id = ?", (gone,)).fetchone()
    if row is None or row[0] != keep:
        return Result.wrong(1, _('{gone} was deleted, not merged into {keep}.').format(gone=gone, keep=keep),
                            (_("Look at the kept record: its history should hold the other record's activities."), _("Use Merge duplicates: it moves the history of the removed record to the kept one.")))
    ids = p["activities"]
    if ids:
        marks = ", ".join("?" * len(ids))
        lost = db.query(f"SELECT activity_id, contact_id FROM activities WHERE activity_id IN ({marks})", ids)
        elsewhere = lost[lost["contact_id"] != keep]
        if len(lost) < len(ids) or not elsewhere.empty:
            return Result.wrong(1, _('The two records are merged, but some of their activities are no longer on the kept record {keep}.').format(keep=keep),
                                (_("Look at the kept record's history: some activities did not follow it."), _("Merge with Merge duplicates, which moves every activity to the kept record.")))
    return Result.right(1, _('Merged: {keep} now holds the history of both records ({n_ids} activities).').format(keep=keep, n_ids=len(ids)))


def _solve_deal(db, p):
    deals.move(db, p["opportunity_id"], p["stage"], next_step="Send the final contract for signature on Friday")


def _stage_only(db, p):
    records.update(db, "opportunities", p["opportunity_id"], {"stage": p["stage"]})


def _move_keep_next_step(db, p):
    """Edit the stage and probability by hand and forget the next step."""
    records.update(db, "opportunities", p["opportunity_id"], {"stage": p["stage"], "probability": p["probability"]})


@practice_task("move-deal-to-negotiation", solve=_solve_deal,
               mistakes=[(_stage_only, "probability"), (_move_keep_next_step, "next step")])
def _check_deal(db, p):
    deal = db.row("opportunities", p["opportunity_id"])
    name, stage = p["name"], p["stage"]
    if deal is None:
        return Result.wrong(2, _("The deal '{name}' is no longer in the CRM.").format(name=name), (_('Look at the deal: it is no longer where the task left it.'), _("Reset the practice CRM and try again.")))
    if deal["stage"] != stage:
        said_where = (_("The deal '{name}' is still at the stage {stage}.") if deal["stage"] == p["from_stage"]
                      else _("The deal '{name}' is at the stage {stage}."))
        return Result.wrong(2, said_where.format(name=name, stage=stage_name(deal["stage"])),
                            (_('Look at the task text: it names the deal and the stage it has reached.'),
                             _("Open Move deal, pick '{name}' and choose the stage {stage}.").format(
                                 name=name, stage=stage_name(stage))))
    points, problems = 0, []
    if int(deal["probability"]) == p["probability"]:
        points += 1
    else:
        problems.append((_("The deal is at the stage {stage}, but its probability is {probability}% instead of "
                           "{expected}%.").format(stage=stage_name(stage), probability=int(deal["probability"]),
                                                  expected=p["probability"]),
                         (_("Look at the deal's probability: it does not match its stage."),
                          _("Move the deal with Move deal: the probability follows the stage table."))))
    step = (deal["next_step"] or "").strip()
    if step and step != (p.get("next_step") or "").strip():
        points += 1
    else:
        problems.append((_("The next step is not written (or is the old one)."),
                         (_("Look at the deal's next step: the task asks for a new one."),
                          _("Write the next step: what you will do next, and when."))))
    if not problems:
        return Result.right(2, _("'{name}' is at the stage {stage} ({probability}%), next step: {step}.").format(
            name=name, stage=stage_name(stage), probability=p['probability'], step=step))
    message, hint = problems[0]
    return Result.wrong(2, message, hint, points=points)


def _solve_lead(db, p):
    leads.convert(db, p["lead_id"], account={"industry": p["industry"], "country": p["country"]},
            opportunity={"amount": 15000, "close_date": (db.today + pd.Timedelta(days=60)).strftime("%Y-%m-%d")},
            allow_duplicate=True)


def _status_only(db, p):
    """Mark the lead qualified and stop there."""
    records.update(db, "leads", p["lead_id"], {"status": "qualified"})


def _no_opportunity(db, p):
    leads.convert(db, p["lead_id"], account={"industry": p["industry"], "country": p["country"]}, allow_duplicate=True)


@practice_task("convert-lead", solve=_solve_lead,
               mistakes=[(_status_only, "Convert lead"), (_no_opportunity, "opportunity")])
def _check_lead(db, p):
    lead = db.row("leads", p["lead_id"])
    name = p["name"]
    if lead is None or lead["status"] != "converted":
        return Result.wrong(2, _('The lead {name} is not converted yet.').format(name=name),
                            (_('Look at the task text: it names the lead that is ready to become a customer.'), _('Open Convert lead, pick {name} ({lead_id}) and press Convert.').format(name=name, lead_id=p['lead_id'])))
    contact = db.row("contacts", lead["converted_contact_id"]) if lead["converted_contact_id"] else None
    if contact is None:
        return Result.wrong(2, _('The lead {name} is marked converted, but no contact was created for it.').format(name=name),
                            (_("Look at the lead's record: a converted lead has a company and a contact."), _("Use Convert lead rather than changing the status: it creates the account and contact.")))
    if not contact["account_id"]:
        return Result.wrong(2, _('The contact {first_name} {last_name} has no account.').format(first_name=contact['first_name'], last_name=contact['last_name']),
                            (_("Look at the new contact: it should belong to the lead's company."), _("Convert the lead with an account, so the contact belongs to the company.")))
    if not lead["converted_opportunity_id"]:
        return Result.wrong(2, _('{name} is now an account and a contact, but there is no opportunity.').format(name=name),
                            (_('Look at the task text: the lead already has a deal in view.'), _("Tick 'Create an opportunity' when converting, with an amount and a close date.")),
                            points=1)
    return Result.right(2, _('{name} is converted: account {account_id}, contact {contact_id} and opportunity {converted_opportunity_id}.').format(name=name, account_id=contact['account_id'], contact_id=contact['contact_id'], converted_opportunity_id=lead['converted_opportunity_id']))


def _solve_consent(db, p):
    consent.record(db, p["contact_id"], "email", "revoked", source="phone_call")


@practice_task("record-consent-revocation", solve=_solve_consent,
               mistakes=[(lambda db, p: consent.record(db, p["contact_id"], "sms", "revoked", source="phone_call"), "email")])
def _check_consent(db, p):
    name, contact = p["name"], p["contact_id"]
    if not _contact_exists(db, contact):
        return Result.wrong(1, _('{name} ({contact}) is no longer in the CRM.').format(name=name, contact=contact), (_('Look at the lead: it is no longer where the task left it.'), _("Reset the practice CRM and try again.")))
    now = consent.status(db, contact)
    email = now[now["channel"] == "email"]
    new = tasks.added(db, "consents")
    new = new[new["contact_id"] == contact] if not new.empty else new
    if not email.empty and email["status"].iloc[0] == "revoked" and not new[new["channel"] == "email"].empty:
        return Result.right(1, _("{name}'s email consent is withdrawn; the log keeps when and how.").format(name=name))
    if not new.empty:
        channels = listing(CHANNEL, sorted(set(new["channel"])))
        return Result.wrong(1, _('You recorded a change for {name} on {channels}, not on email.').format(name=name, channels=channels),
                            (_("Look at the contact's consent history: the newest line is what counts."), _("Record the withdrawal on the email channel, with the status revoked.")))
    return Result.wrong(1, _("{name}'s email consent is still granted.").format(name=name),
                        (_('Look at the task text: it says which channel the customer withdrew and how you learned it.'), _("Open {name}'s record, go to Consent, choose the channel email and the status revoked, say how you learned it, "
                           'and save.').format(name=name)))


def _create_newcomer(db, p, **changes) -> str:
    values = {"first_name": p["first_name"], "last_name": p["last_name"], "email": p["email"],
              "account_id": p["account_id"], "preferred_channel": "email", "lifecycle_stage": "lead", **changes}
    return records.create(db, "contacts", values, allow_duplicate=True)


def _newcomer_consent(db, p, key=None, source="event"):
    consent.record(db, key or _create_newcomer(db, p), "email", "granted", source=source)


@practice_task("create-contact-with-consent", solve=_newcomer_consent,
               mistakes=[(lambda db, p: _create_newcomer(db, p), "consent"),
                         (lambda db, p: _newcomer_consent(db, p, _create_newcomer(db, p, account_id=None)), "account"),
                         (lambda db, p: _newcomer_consent(db, p, source="web_form"), "event")])
def _check_newcomer(db, p):
    name = f"{p['first_name']} {p['last_name']}"
    created = new = tasks.added(db, "contacts")
    if not created.empty:
        new = created[(created["first_name"] + " " + created["last_name"]).map(records.fold) == records.fold(name)]
    if new.empty:
        if not created.empty:
            who = f"{created['first_name'].iloc[0]} {created['last_name'].iloc[0]}"
            return Result.wrong(2, _('You created the contact {who}, not {name}.').format(who=who, name=name),
                                (_('Look at the task text: it gives the first and last names separately.'), _('Create a contact named {first_name} (first name) {last_name} (last name).').format(first_name=p['first_name'], last_name=p['last_name'])))
        return Result.wrong(2, _('There is no contact {name} yet.').format(name=name),
                            (_("Look at the task text: it gives the new contact's name and details."), _("Open Search, choose Contacts, press New and fill in the form, then Create contact.")))
    contact = new.iloc[-1]
    key = contact["contact_id"]
    if contact["account_id"] != p["account_id"]:
        return Result.wrong(2, _('{name} ({key}) is saved, but not at the account {account}.').format(name=name, key=key, account=p['account']),
                            (_('Look at the task text: it names the company the contact works for.'), _("Open {name}'s record, press Edit and set the account id to {account_id}.").format(name=name, account_id=p['account_id'])))
    now = consent.status(db, key)
    email = now[now["channel"] == "email"]
    if email.empty or email["status"].iloc[0] != "granted":
        return Result.wrong(2, _('{name} ({key}) is in the CRM at {account}, but no email consent is recorded.').format(name=name, key=key, account=p['account']),
                            (_('Look at the task text: it says what the contact agreed to and where.'), _("Open {name}'s record, press Consent, choose email and 'given (granted)', say how you got it, and record it.").format(name=name)), points=1)
    if email["source"].iloc[0] != "event":
        return Result.wrong(2, _("{name}'s email consent is recorded, with the source {source}.").format(name=name, source=said(SOURCE, email['source'].iloc[0])),
                            (_('Look at the task text: it says where the contact gave consent.'), _("Record how you really got it: at an event (the trade fair). Record the consent again "
                            "with the source event: the newest line counts.")), points=1)
    return Result.right(2, _('{name} ({key}) is at {account}, with the email consent given at an event on record.').format(name=name, key=key, account=p['account']))
