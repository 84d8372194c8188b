"""Benchmark: how fast each practice CRM screen answers, on a large company.

Full run: the company generated with ``--scale 20`` (about 30,000 contacts and 180,000 activities),
seeded into a practice CRM; every screen action is driven through its widgets (values set, button
clicked), as a trainee would, several times.  ``--quick``: the committed sample company (scale 1).

Target: every action under 0.2 s, worst of the repeats: searching contacts, accounts, leads and
deals, opening a contact or the busiest accounts with their timelines, creating a contact, opening
and saving an edit form, logging a call, planning a follow-up, setting a reminder, the to-do list,
consent, converting a lead, moving a deal, listing and merging duplicates.  Opening each screen is
timed on its own lines and is not counted in the target: it is a one-off cost when a screen opens
(the first one builds the search and duplicate indexes, once per notebook).  Baseline, measured in
the same run: reading the whole contacts table into pandas and filtering it by name (what a
notebook without the practice CRM's indexed, SQL-side search would do for one search).

    python benchmarks/bench_practice.py [--quick] [--scale S] [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import string
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TARGET_S = 0.2


def _timed(fn):
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def company(scale: float, quick: bool):
    from workbench.data import generate, load, load_sample

    if quick:
        return load_sample()
    folder = Path(tempfile.gettempdir()) / f"workbench-bench-practice-scale-{scale:g}"
    if not (folder / "meta.json").exists():
        print(f"generating the company at scale {scale:g} in {folder} ...", flush=True)
        generate(folder, seed=42, scale=scale)
    return load(folder)


def open_screens(db) -> tuple[dict, dict[str, float]]:
    """Open every screen once, as a notebook does; return the screens and each one's opening time."""
    from workbench.widgets import practice as screens

    built, opened = {}, {}
    for name, make in (("search contacts", lambda: screens.SearchScreen(db)),
                       ("search accounts", lambda: screens.SearchScreen(db, "accounts")),
                       ("search leads", lambda: screens.SearchScreen(db, "leads")),
                       ("search deals", lambda: screens.SearchScreen(db, "opportunities")),
                       ("new contact form", lambda: screens.RecordForm(db, "contacts")),
                       ("log an activity", lambda: screens.LogActivityScreen(db)),
                       ("to do (with plan a follow-up)", lambda: screens.TodoScreen(db)),
                       ("consent", lambda: screens.ConsentScreen(db)),
                       ("convert a lead", lambda: screens.ConvertLeadScreen(db)),
                       ("move a deal", lambda: screens.MoveDealScreen(db)),
                       ("merge duplicates", lambda: screens.MergeScreen(db))):
        started = time.perf_counter()
        built[name] = make()
        opened[name] = time.perf_counter() - started
    return built, opened


def _words(db, sql: str, rounds: int) -> list[str]:
    """One search word per round: the longest word of each value ``sql`` returns."""
    values = db.query(sql, (rounds,)).iloc[:, 0].tolist()
    return [max(str(v).split(), key=len) for v in values]


def actions(db, screens_: dict, rounds: int):
    """Yield (name, callable) for each screen action, fresh subjects for each round."""
    from workbench.practice import activities
    from workbench.widgets import practice as screens

    contacts = db.query("SELECT contact_id, last_name FROM contacts WHERE phone IS NOT NULL AND email IS NOT NULL "
                        "ORDER BY contact_id LIMIT ?", (rounds * 3,))
    busiest = db.query("SELECT account_id FROM activities WHERE account_id IS NOT NULL GROUP BY account_id "
                       "ORDER BY count(*) DESC, account_id LIMIT ?", (rounds,))["account_id"].tolist()
    account_words = _words(db, "SELECT name FROM accounts ORDER BY account_id LIMIT ?", rounds)
    lead_words = _words(db, "SELECT company FROM leads ORDER BY lead_id LIMIT ?", rounds)
    deal_words = _words(db, "SELECT name FROM opportunities ORDER BY opportunity_id LIMIT ?", rounds)
    search, log = screens_["search contacts"], screens_["log an activity"]
    todo = screens_["to do (with plan a follow-up)"]
    consent, convert = screens_["consent"], screens_["convert a lead"]
    move, merge = screens_["move a deal"], screens_["merge duplicates"]
    friday = activities.next_weekday(db.today, "friday").date()
    todo.day.value = friday  # the to-do list of the day the follow-ups are due
    state: dict = {}
    for i in range(rounds):
        contact = contacts.iloc[i]
        other = contacts.iloc[rounds + i]
        edited = contacts.iloc[2 * rounds + i]

        def do_search(name=contact["last_name"]):
            search.query.value = name

        def do_search_in(table, word):
            def run():
                screens_[f"search {table}"].query.value = word
                assert screens_[f"search {table}"].results.options, (table, word)
            return run

        def do_open(key=contact["contact_id"]):
            search.show(key)

        account = busiest[i % len(busiest)]

        def do_open_account(key=account):
            screens_["search accounts"].show(key)

        def do_create(i=i):
            form = screens.RecordForm(db, "contacts")
            unlike = random.Random(i)  # names unlike each other's: Bench1 and Bench0 would look like one person
            form.fields["first_name"].value = "".join(unlike.choices(string.ascii_lowercase, k=7)).title()
            form.fields["last_name"].value = "".join(unlike.choices(string.ascii_lowercase, k=9)).title()
            form.fields["email"].value = f"bench{i}@bench.example"
            form.fields["lifecycle_stage"].value = "lead"
            form.save.click()
            assert form.saved_key, form.message.value

        def do_open_edit(key=edited["contact_id"]):
            state["form"] = screens.RecordForm(db, "contacts", key)

        def do_save_edit(i=i):
            form = state["form"]
            form.fields["title"].value = f"Head of benchmarks {i}"
            form.save.click()
            assert form.saved_key and "Saved" in form.message.value, form.message.value

        def do_log(key=contact["contact_id"]):
            log.contact_id.value = key
            log.type.value = "call"
            log.direction.value = "inbound"
            log.subject.value = "Benchmark call"
            log.follow.value = True
            log.due.value = friday
            log.log.click()
            assert log.follow_up_id, log.message.value

        def do_plan(key=other["contact_id"]):
            plan = todo.follow_up
            plan.contact_id.value = key
            plan.subject.value = "Benchmark follow-up"
            plan.due.value = friday
            plan.plan.click()
            assert plan.activity_id, plan.message.value
            state["planned"] = plan.activity_id

        def do_remind():
            todo.items.value = state["planned"]
            todo.remind.value = db.today.date()
            todo.set_reminder.click()
            assert "Reminder set" in todo.message.value, todo.message.value

        def do_consent(key=other["contact_id"]):
            consent.contact_id.value = key
            consent.channel.value = "email"
            consent.status.value = "revoked"
            consent.source.value = "phone_call"
            consent.save.click()
            assert "Recorded" in consent.message.value, consent.message.value

        def do_convert():
            convert.refresh()
            convert.industry.value = convert.industry.options[-1][1]  # a value the CRM already holds
            convert.country.value = convert.country.options[-1][1]
            convert.with_deal.value = True
            convert.amount.value = "10000"
            convert.close_date.value = date(2026, 12, 31)
            result = convert.submit(allow_duplicate=True)
            assert result, convert.message.value

        def do_move():
            move.refresh()
            stages = move.stage_table[~move.stage_table["is_closed"].astype(bool)]["stage"].tolist()
            move.stage.value = stages[-1]
            move.next_step.value = "Benchmark next step"
            move.move.click()
            assert "now at" in move.message.value, move.message.value

        def do_merge():
            merge.pairs.value = merge.pairs.options[0][1]
            merge.merge.click()
            assert "Merged" in merge.message.value, merge.message.value

        yield from [("search contacts", do_search),
                    ("search accounts", do_search_in("accounts", account_words[i])),
                    ("search leads", do_search_in("leads", lead_words[i])),
                    ("search deals", do_search_in("deals", deal_words[i])),
                    ("open a contact with its timeline", do_open),
                    ("open an account with its timeline (the busiest)", do_open_account),
                    ("create a contact (checks + duplicate warning)", do_create),
                    ("open the edit form of a contact", do_open_edit), ("save an edit form", do_save_edit),
                    ("log a call with a follow-up", do_log), ("plan a follow-up (To do)", do_plan),
                    ("set a reminder (To do)", do_remind), ("refresh the to-do list", todo.refresh),
                    ("record a consent withdrawal", do_consent), ("convert a lead (+ deal)", do_convert),
                    ("move a deal", do_move), ("open Merge duplicates (find look-alikes)", merge.refresh),
                    ("merge a duplicate pair", do_merge)]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the committed sample company (scale 1)")
    parser.add_argument("--scale", type=float, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    os.environ.setdefault("WORKBENCH_HOME", tempfile.mkdtemp(prefix="workbench-bench-home-"))
    from workbench import practice

    scale = 1 if args.quick else args.scale
    data = company(scale, args.quick)
    started = time.perf_counter()
    db = practice.sandbox(data, trainee="bench")
    seeded = time.perf_counter() - started
    n_contacts = int(db.query("SELECT count(*) n FROM contacts")["n"].iloc[0])
    n_activities = int(db.query("SELECT count(*) n FROM activities")["n"].iloc[0])
    print(f"practice CRM at scale {scale:g}: {n_contacts:,} contacts, {n_activities:,} activities "
          f"(created in {seeded:.1f} s)")

    built, opened = open_screens(db)
    print(f"opening the screens: {sum(opened.values()):.2f} s in all, the slowest {max(opened, key=opened.get)} "
          f"{max(opened.values()) * 1000:.0f} ms (a one-off cost when a screen opens: the first one builds the "
          f"search and duplicate indexes; not counted in the {TARGET_S * 1000:.0f} ms target)")
    for name, seconds in opened.items():
        print(f"  open {name:<44} {seconds * 1000:>7.1f}ms")
    times: dict[str, list[float]] = {}
    for name, fn in actions(db, built, args.repeat):
        times.setdefault(name, []).append(_timed(fn))

    def naive_search():
        table = db.table("contacts")
        table[table["last_name"].str.contains("son", case=False, na=False)]

    baseline = statistics.median(_timed(naive_search) for _ in range(args.repeat))
    print(f"{'action (counted in the target)':<50} {'median':>9} {'worst':>9}")
    for name, values in times.items():
        print(f"{name:<50} {statistics.median(values) * 1000:>7.1f}ms {max(values) * 1000:>7.1f}ms")
    slowest = max(times, key=lambda k: max(times[k]))
    worst = max(times[slowest])
    print(f"slowest action: {slowest}: {worst * 1000:.1f} ms (worst of {args.repeat}; "
          f"target {TARGET_S * 1000:.0f} ms: {'met' if worst < TARGET_S else 'NOT met'})")
    print(f"baseline (pandas full-table search of contacts): {baseline * 1000:.1f} ms")
    print(f"ratio slowest action / baseline: {worst / baseline:.2f}x; slowest / target: {worst / TARGET_S:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
