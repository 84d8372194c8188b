"""Benchmark: the contact explorer and the pipeline board used on 100,000 contacts.

Full run: the sample company grown to 100,000 contacts (about 185,000 consent events, 600,000
activities and 47,000 deals, 16,700 of them open).  Each copy of the sample gets new ids, its first
and last names, cities and titles shuffled between its contacts and its emails and phone numbers
made unique, so searches hit as many rows as in a real company of that size.  ``--quick``: 5,000
contacts.

Every interaction is driven through the widgets' state, as a trainee would (a search typed and
Enter pressed, a filter chosen, a page turned, a contact or a deal picked, a deal moved with the
button), ``--repeat`` times with a different subject each time; the worst time is reported.
Opening each widget (which builds its indexes once) is timed on its own line.

Baseline, measured in the same run: the naive widgets, which keep no index: the explorer scans
every searched column with ``str.contains`` at each search and the whole consent and activity
tables to open a contact; the board rebuilds every column from all its deals (``iterrows``) with a
dropdown of every deal at each move or search.

Target: every interaction under 0.2 s at 100,000 contacts (with about 15,000 open deals).

    python benchmarks/bench_widgets.py [--quick] [--contacts N] [--repeat N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TARGET_S = 0.2


def large_company(n_contacts: int, seed: int = 42) -> dict[str, pd.DataFrame]:
    """The sample company copied until it has ``n_contacts`` contacts, each copy with new ids."""
    from workbench.data import load_sample

    sample = load_sample()
    base = sample.contacts
    copies = -(-n_contacts // len(base))
    width = len(str(copies * len(base)))
    rng = np.random.default_rng(seed)
    old_ids = base["contact_id"].astype(str).to_numpy()
    tables: dict[str, list[pd.DataFrame]] = {"contacts": [], "consents": [], "activities": [], "opportunities": []}
    for k in range(copies):
        new_ids = dict(zip(old_ids, (f"C{k * len(base) + i + 1:0{width}d}" for i in range(len(base)))))
        contacts = base.copy()
        contacts["contact_id"] = contacts["contact_id"].map(new_ids)
        if k:
            for column in ("first_name", "last_name", "city", "title"):
                contacts[column] = contacts[column].to_numpy()[rng.permutation(len(contacts))]
            contacts["email"] = contacts["email"].str.replace("@", f".{k}@", regex=False)
            digits = pd.Series(rng.integers(1000, 10000, len(contacts)).astype(str), index=contacts.index)
            contacts["phone"] = contacts["phone"].str[:-4] + digits
        tables["contacts"].append(contacts)
        tables["consents"].append(sample.consents.assign(contact_id=sample.consents["contact_id"].map(new_ids)))
        tables["activities"].append(sample.activities.assign(contact_id=sample.activities["contact_id"].map(new_ids),
                                                             activity_id=sample.activities["activity_id"] + f"-{k}"))
        tables["opportunities"].append(sample.opportunities.assign(
            primary_contact_id=sample.opportunities["primary_contact_id"].map(new_ids),
            opportunity_id=sample.opportunities["opportunity_id"] + f"-{k}"))
    out = {name: pd.concat(parts, ignore_index=True) for name, parts in tables.items()}
    out["contacts"] = out["contacts"].head(n_contacts)
    out["accounts"], out["stages"] = sample.accounts, sample.stages
    return out


class NaiveExplorer:
    """The baseline explorer: no index; every search scans every searched column, every open both logs."""

    def __init__(self, contacts, consents, activities, accounts):
        from workbench.crm.search import SEARCHED

        names = accounts.set_index(accounts["account_id"].astype(str))["name"]
        self.contacts = contacts.assign(account_name=contacts["account_id"].astype("string").map(names))
        self.columns = [c for c in SEARCHED if c in self.contacts.columns]
        self.consents, self.activities = consents, activities

    def search(self, query: str, **filters):
        mask = pd.Series(True, index=self.contacts.index)
        for column, value in filters.items():
            mask &= self.contacts[column].astype(str).eq(value)
        for word in query.split():
            found = pd.Series(False, index=self.contacts.index)
            for column in self.columns:
                text = self.contacts[column].astype("string")
                found |= text.str.contains(word, case=False, regex=False).fillna(False)
            mask &= found
        matches = self.contacts[mask]
        page = [(f"{r['contact_id']} · {r['first_name']} {r['last_name']}", r["contact_id"])
                for _, r in matches.head(25).iterrows()]
        if page:
            self.open(page[0][1])
        return matches

    def open(self, contact_id: str):
        from workbench.crm.activities import activity_log
        from workbench.crm.consent import current_consent

        log = self.consents[self.consents["contact_id"].astype(str).eq(contact_id)]
        current_consent(log)
        return activity_log(self.activities, contact=contact_id).head(30)


class NaiveBoard:
    """The baseline board: every column rebuilt from all its deals, and a dropdown of every deal, at each change."""

    def __init__(self, deals, stages):
        self.deals = deals[~deals["is_closed"].fillna(False).astype(bool)].reset_index(drop=True)
        self.stages = stages
        self.refresh()

    def refresh(self, query: str = ""):
        import ipywidgets as w

        from workbench.crm import pipeline

        shown = self.deals
        if query:
            text = shown["opportunity_id"].astype(str) + " " + shown["name"].astype(str)
            shown = shown[text.str.contains(query, case=False, regex=False)]
        columns = []
        for stage in pipeline.board(self.deals, self.stages)["stage"]:
            in_stage = shown[shown["stage"].astype(str) == stage]
            options = [(f"{r['opportunity_id']} · {r['name']} · {float(r['amount']):,.0f}", str(r["opportunity_id"]))
                       for _, r in in_stage.iterrows()]
            columns.append(w.Select(options=options, value=None, rows=8))
        ids = shown["opportunity_id"].astype(str).tolist()
        w.Dropdown(options=ids, value=ids[0] if ids else None)
        return columns

    def move(self, deal: str, stage: str):
        from workbench.crm import pipeline

        self.deals = pipeline.move_deal(self.deals, deal, stage, self.stages)
        self.refresh()


def _timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def explorer_rounds(explorer, naive, contacts: pd.DataFrame, rounds: int, rng):
    """Yield (interaction, workbench action, baseline action or None) for each round."""
    stages = [v for v in explorer.filters["lifecycle_stage"].options if v != "(any)"]
    for i in range(rounds):
        person = contacts.iloc[int(rng.integers(len(contacts)))]
        last, two = str(person["last_name"]), f"{person['first_name']} {person['city']}"
        stage = stages[i % len(stages)]

        def search(query):
            return lambda: setattr(explorer.search, "value", query)

        def choose(value):
            return lambda: setattr(explorer.filters["lifecycle_stage"], "value", value)

        def open_fifth():
            explorer.results.value = explorer.results.options[min(4, len(explorer.results.options) - 1)][1]

        yield "search a last name", search(last), lambda q=last: naive.search(q)
        yield "search two words (first name and city)", search(two), lambda q=two: naive.search(q)
        yield "search a contact id", search(str(person["contact_id"])), \
            lambda q=str(person["contact_id"]): naive.search(q)
        yield "clear the search", search(""), lambda: naive.search("")
        yield "filter by lifecycle stage", choose(stage), lambda s=stage: naive.search("", lifecycle_stage=s)
        yield "next page of contacts", explorer.next.click, None
        yield "open a contact (consents and timeline)", open_fifth, \
            lambda: naive.open(str(explorer.results.value))
        yield "clear the filter", choose("(any)"), lambda: naive.search("")


def board_rounds(board, naive, rounds: int, rng):
    """Yield (interaction, workbench action, baseline action or None) for each round."""
    words = [w for w in board.deals["name"].astype(str).str.split().explode().unique() if len(w) > 3]
    open_stages = board.stages.loc[~board.stages["is_closed"].astype(bool), "stage"].astype(str).tolist()
    for i in range(rounds):
        word = words[int(rng.integers(len(words)))]
        source, target = open_stages[i % (len(open_stages) - 1)], open_stages[-1]
        column = board.stage_columns[source]

        def find(query):
            return lambda: setattr(board.search, "value", query)

        def pick(column=column):
            column.deals.value = column.deals.options[0][1]

        def move(target=target):
            board.target.value = target
            board.button.click()
            assert "Moved" in board.status.value, board.status.value

        yield "find a deal by a word of its name", find(word), lambda q=word: naive.refresh(q)
        yield "clear the deal search", find(""), naive.refresh
        yield "next page of a stage column", column.next.click, None
        yield "pick a deal in a column", pick, None
        yield "move a deal (Move deal button)", move, lambda t=target: naive.move(str(board.deal.value), t)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5,000 contacts, for the test suite")
    parser.add_argument("--contacts", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=None)
    args = parser.parse_args(argv)
    n = args.contacts or (5_000 if args.quick else 100_000)
    rounds = args.repeat or (3 if args.quick else 5)

    import ipywidgets  # noqa: F401  (imported once, before anything is timed)

    from workbench.widgets.contacts import ContactExplorer
    from workbench.widgets.pipeline import PipelineBoard

    tables = large_company(n)
    deals = tables["opportunities"]
    n_open = int((~deals["is_closed"].fillna(False).astype(bool)).sum())
    print(f"company: {len(tables['contacts']):,} contacts, {len(tables['consents']):,} consent events, "
          f"{len(tables['activities']):,} activities, {len(deals):,} deals ({n_open:,} open)")

    started = time.perf_counter()
    explorer = ContactExplorer(tables["contacts"], tables["consents"], tables["activities"], tables["accounts"])
    explorer_opened = time.perf_counter() - started
    started = time.perf_counter()
    board = PipelineBoard(deals, tables["stages"])
    _ = board.widget  # built on first use
    board_opened = time.perf_counter() - started
    started = time.perf_counter()
    naive_explorer = NaiveExplorer(tables["contacts"], tables["consents"], tables["activities"], tables["accounts"])
    naive_explorer.search("")
    naive_explorer_opened = time.perf_counter() - started
    started = time.perf_counter()
    naive_board = NaiveBoard(deals, tables["stages"])
    naive_board_opened = time.perf_counter() - started
    print(f"opening the contact explorer (builds its search index once): {explorer_opened:.2f} s "
          f"(baseline {naive_explorer_opened:.2f} s)")
    print(f"opening the pipeline board: {board_opened:.2f} s (baseline {naive_board_opened:.2f} s)")

    rng = np.random.default_rng(7)
    ours: dict[str, list[float]] = {}
    theirs: dict[str, list[float]] = {}
    steps = [*explorer_rounds(explorer, naive_explorer, tables["contacts"], rounds, rng),
             *board_rounds(board, naive_board, rounds, rng)]
    for name, action, baseline in steps:
        ours.setdefault(name, []).append(_timed(action))
        if baseline is not None:
            theirs.setdefault(name, []).append(_timed(baseline))

    print(f"{'interaction (worst of ' + str(rounds) + ')':<44} {'workbench':>10} {'baseline':>10} {'ratio':>8}")
    for name, times in ours.items():
        worst = max(times)
        if name in theirs:
            base = max(theirs[name])
            print(f"{name:<44} {worst:>9.3f}s {base:>9.3f}s {base / worst:>7.1f}x")
        else:
            print(f"{name:<44} {worst:>9.3f}s {'n/a':>10} {'':>8}")
    slowest = max(ours, key=lambda k: max(ours[k]))
    slowest_base = max(theirs, key=lambda k: max(theirs[k]))
    worst, worst_base = max(ours[slowest]), max(theirs[slowest_base])
    print(f"slowest interaction: {slowest}: {worst:.3f} s")
    print(f"slowest baseline interaction (naive widgets): {slowest_base}: {worst_base:.3f} s")
    print(f"ratio slowest baseline / slowest workbench: {worst_base / worst:.1f}x")
    if len(tables["contacts"]) >= 100_000:
        print(f"target (every interaction under {TARGET_S} s at 100,000 contacts): "
              f"{'met' if worst < TARGET_S else 'NOT met'}")
    else:
        print(f"target (every interaction under {TARGET_S} s) applies to the full run at 100,000 contacts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
