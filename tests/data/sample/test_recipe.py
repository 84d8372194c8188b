"""The sample-data generator: determinism, schema, keys, references, planted problems, social files.

Everything is checked with plain pandas on the CSV text, independently of the loaders.
"""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from workbench.data import formats
from workbench.data.sample import AS_OF, generate, name_key
from workbench.data.schema import TABLES
from workbench.errors import InputError

ROOT = Path(__file__).resolve().parents[3]
COMMITTED = ROOT / "datasets" / "acme"
SMALL = 0.2
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return generate(tmp_path_factory.mktemp("acme"), seed=7, scale=SMALL)


@pytest.fixture(scope="module")
def tables(folder) -> dict[str, pd.DataFrame]:
    return {t.name: pd.read_csv(folder / t.file, dtype=str, keep_default_na=False) for t in TABLES}


@pytest.fixture(scope="module")
def meta(folder) -> dict:
    return json.loads((folder / "meta.json").read_text(encoding="utf-8"))


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# --------------------------------------------------------------------------- determinism

def test_same_seed_and_scale_give_the_same_bytes(folder, tmp_path):
    again = generate(tmp_path / "again", seed=7, scale=SMALL)
    first, second = _files(folder), _files(again)
    assert sorted(first) == sorted(second)
    different = [name for name in first if first[name] != second[name]]
    assert different == []


def test_regenerating_in_place_leaves_no_stale_files(tmp_path):
    target = tmp_path / "acme"
    generate(target, seed=1, scale=0.05)
    generate(target, seed=2, scale=0.05)
    assert _files(target) == _files(generate(tmp_path / "fresh", seed=2, scale=0.05))


def test_another_seed_gives_other_people(folder, tmp_path):
    other = generate(tmp_path / "other", seed=8, scale=SMALL)
    assert (other / "contacts.csv").read_bytes() != (folder / "contacts.csv").read_bytes()


def test_committed_sample_is_what_the_generator_writes(tmp_path):
    assert COMMITTED.is_dir(), "datasets/acme is missing: run workbench data generate --out datasets/acme"
    fresh = generate(tmp_path / "acme", seed=42, scale=1)
    committed = _files(COMMITTED)
    made = _files(fresh)
    assert sorted(committed) == sorted(made)
    stale = [name for name in made if made[name] != committed[name]]
    assert stale == [], f"datasets/acme is stale in {stale[:5]}: regenerate it with seed 42, scale 1"


def test_data_card_lists_every_table_and_planted_problem(folder, meta):
    card = (folder / "README.md").read_text(encoding="utf-8")
    for table in TABLES:
        assert f"| `{table.file}` | {meta['rows'][table.name]} |" in card
    for key in ("duplicate_pairs", "silent_rep", "over_contacted", "emailed_after_revocation", "overdue_deals",
                "probability_mismatch"):
        assert f"planted.{key}" in card
    assert "synthetic" in card.lower()


def test_bad_scale_is_refused(tmp_path):
    with pytest.raises(InputError, match="scale"):
        generate(tmp_path, scale=0)
    with pytest.raises(InputError, match="number"):
        generate(tmp_path, scale="big")


# --------------------------------------------------------------------------- schema, keys, references

def test_every_table_has_the_schema_columns_in_order(folder):
    for table in TABLES:
        with open(folder / table.file, encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        assert header == table.column_names, table.name


def test_files_are_plain_utf8_csv_without_newlines_in_fields(folder, tables):
    for table in TABLES:
        raw = (folder / table.file).read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw
        lines = raw.decode("utf-8").split("\n")
        assert lines[-1] == "" and len(lines) - 2 == len(tables[table.name]), table.name  # one line per row


def test_values_follow_the_kinds(tables):
    for table in TABLES:
        df = tables[table.name]
        for col in table.columns:
            values = df[col.name]
            filled = values[values != ""]
            if col.required:
                assert (values != "").all(), f"{table.name}.{col.name} has blanks"
            if col.kind == "date":
                assert filled.str.match(DATE_RE).all(), f"{table.name}.{col.name}"
            elif col.kind == "datetime":
                assert filled.str.match(DATETIME_RE).all(), f"{table.name}.{col.name}"
            elif col.kind == "bool":
                assert filled.isin(["true", "false"]).all(), f"{table.name}.{col.name}"
            elif col.kind == "int":
                assert filled.str.fullmatch(r"-?\d+").all(), f"{table.name}.{col.name}"
            elif col.kind == "float":
                assert filled.str.fullmatch(r"-?\d+\.\d\d").all(), f"{table.name}.{col.name}"
            if col.choices:
                assert filled.isin(col.choices).all(), f"{table.name}.{col.name}: {set(filled) - set(col.choices)}"


def test_keys_are_unique(tables):
    for table in TABLES:
        if table.key:
            keys = tables[table.name][table.key]
            assert keys.is_unique, table.name
    pairs = tables["campaign_members"][["campaign_id", "contact_id"]]
    assert not pairs.duplicated().any()


def test_every_reference_points_at_an_existing_row(tables):
    for table in TABLES:
        for col in table.columns:
            if not col.ref:
                continue
            target_table, target_col = col.ref.split(".")
            values = tables[table.name][col.name]
            values = values[values != ""]
            missing = set(values) - set(tables[target_table][target_col])
            assert not missing, f"{table.name}.{col.name} -> {col.ref}: {sorted(missing)[:5]}"


def test_past_is_before_as_of_and_orders_add_up(tables):
    as_of = str(AS_OF)[:10]
    history = [("accounts", "created_at"), ("contacts", "created_at"), ("consents", "at"), ("leads", "created_at"),
               ("leads", "converted_at"), ("activities", "completed_at"), ("campaign_members", "sent_at"),
               ("orders", "order_date"), ("orders", "ship_date"), ("cases", "opened_at"), ("cases", "closed_at")]
    for table, col in history:
        values = tables[table][col]
        assert (values[values != ""].str[:10] < as_of).all(), f"{table}.{col} after as_of"
    lines = tables["order_lines"].astype({"qty": int, "unit_price": float})
    totals = (lines.qty * lines.unit_price).groupby(lines.order_id).sum().round(2)
    orders = tables["orders"].set_index("order_id").total.astype(float)
    assert (orders.loc[totals.index] - totals).abs().max() < 0.01
    o = tables["opportunities"]
    assert (o.created_at <= o.close_date).all()
    assert (o.created_at >= o.account_id.map(tables["accounts"].set_index("account_id").created_at)).all()
    assert (o[o.is_closed == "true"].close_date < as_of).all() and (o[o.is_closed == "false"].created_at < as_of).all()
    stages = tables["stages"].set_index("stage")
    assert (o.is_closed == o.stage.map(stages.is_closed)).all() and (o.is_won == o.stage.map(stages.is_won)).all()
    c = tables["cases"]
    assert ((c.status == "closed") == (c.closed_at != "")).all()


def test_nothing_happens_to_a_contact_before_it_exists(tables):
    born = tables["contacts"].set_index("contact_id").created_at
    for table, col in (("consents", "at"), ("orders", "order_date"), ("campaign_members", "sent_at"),
                       ("cases", "opened_at")):
        df = tables[table]
        assert (df[col].str[:10] >= df.contact_id.map(born)).all(), f"{table}.{col}"
    c = tables["contacts"]
    with_account = c[c.account_id != ""]
    opened = tables["accounts"].set_index("account_id").created_at
    assert (with_account.created_at >= with_account.account_id.map(opened)).all()


def test_emails_phones_and_profiles_are_well_formed(tables):
    c = tables["contacts"]
    emails = c.email[c.email != ""]
    assert emails.map(str.isascii).all() and emails.map(formats.is_email).all()
    phones = c.phone[c.phone != ""]
    assert phones.map(formats.is_phone).all()
    lead_emails = tables["leads"].email[tables["leads"].email != ""]
    assert lead_emails.map(str.isascii).all() and lead_emails.map(formats.is_email).all()
    urls = c.linkedin_url[c.linkedin_url != ""]
    assert urls.str.fullmatch(r"https://www\.linkedin\.com/in/[a-z0-9-]+").all()
    scripts = "".join(c.first_name)
    assert re.search("[\u0600-\u06ff]", scripts) and re.search("[\u0980-\u09ff]", scripts)  # Arabic/Persian, Bengali
    assert set(c.country[c.country != ""]) == {"France", "Iran", "Bangladesh", "Saudi Arabia", "United Kingdom"}


def test_converted_leads_match_their_contact_and_deal(tables):
    leads = tables["leads"]
    conv = leads[leads.status == "converted"]
    assert len(conv) and (conv.converted_contact_id != "").all() and (conv.converted_at != "").all()
    assert (leads[leads.status != "converted"].converted_at == "").all()
    contacts = tables["contacts"].set_index("contact_id")
    names = contacts.first_name + " " + contacts.last_name
    assert (conv.name.to_numpy() == names.loc[conv.converted_contact_id].to_numpy()).all()
    opps = tables["opportunities"].set_index("opportunity_id")
    assert (opps.primary_contact_id.loc[conv.converted_opportunity_id].to_numpy()
            == conv.converted_contact_id.to_numpy()).all()


def test_rows_scale_with_scale(meta, tables):
    assert meta["company"] == "Acme" and meta["seed"] == 7 and meta["scale"] == SMALL
    assert meta["as_of"] == "2026-06-30" and meta["generator"].startswith("workbench ")
    assert meta["rows"] == {t.name: len(tables[t.name]) for t in TABLES}
    assert 250 <= len(tables["contacts"]) <= 350 and len(tables["stages"]) == 10


# --------------------------------------------------------------------------- planted problems

def _messages(tables) -> pd.DataFrame:
    """Every message a contact received: campaign sends and email activities."""
    cm = tables["campaign_members"].merge(tables["campaigns"][["campaign_id", "channel"]], on="campaign_id")
    a = tables["activities"]
    a = a[(a.type == "email") & (a.contact_id != "")]
    at = a.completed_at.where(a.completed_at != "", a.due_at)
    msgs = pd.concat([pd.DataFrame({"contact_id": cm.contact_id, "at": cm.sent_at, "channel": cm.channel}),
                      pd.DataFrame({"contact_id": a.contact_id, "at": at, "channel": "email"})], ignore_index=True)
    msgs["at"] = pd.to_datetime(msgs["at"])
    msgs["week"] = msgs["at"].dt.to_period("W-SUN")
    return msgs


def test_planted_duplicates_are_near_copies_and_the_only_name_clashes(tables, meta):
    pairs = meta["planted"]["duplicate_pairs"]
    contacts = tables["contacts"].set_index("contact_id")
    assert len(pairs) >= 0.03 * len(contacts)
    from rapidfuzz import fuzz

    for original, copy in pairs:
        a, b = contacts.loc[original], contacts.loc[copy]
        assert (a.first_name, a.last_name, a.email, a.phone) != (b.first_name, b.last_name, b.email, b.phone)
        name_a = name_key(f"{a.first_name} {a.last_name}")
        name_b = name_key(f"{b.first_name} {b.last_name}")
        assert fuzz.token_sort_ratio(name_a, name_b) >= 60, (original, copy)
        assert a.account_id == b.account_id
    kinds = {k for d in meta["planted"]["duplicate_changes"] for k in d["changes"]}
    assert {"typo", "case", "swap", "phone", "same email", "no email"} <= kinds
    keys = pd.Series([tuple(sorted((name_key(f), name_key(last)))) for f, last in
                      zip(contacts.first_name, contacts.last_name)], index=contacts.index)
    clashes = keys[keys.duplicated(keep=False)]
    groups = {tuple(sorted(g.index)) for _, g in clashes.groupby(clashes)}
    assert groups <= {tuple(sorted(p)) for p in pairs}


def test_silent_rep_owns_deals_but_logs_almost_nothing(tables, meta):
    rep = meta["planted"]["silent_rep"]
    users = tables["users"].set_index("user_id")
    assert users.team[rep] == "sales"
    opps = tables["opportunities"]
    assert ((opps.owner_id == rep) & (opps.is_closed == "false")).sum() >= 3
    per_rep = tables["activities"].owner_id.value_counts()
    others = [u for u in users.index[users.team == "sales"] if u != rep and (opps.owner_id == u).sum() >= 5]
    logged = per_rep.get(rep, 0)
    assert logged <= max(3, 5 * SMALL) and others
    assert all(per_rep.get(u, 0) > 20 * max(1, logged) for u in others)


def test_over_contacted_contacts_are_exactly_the_planted_ones(tables, meta):
    msgs = _messages(tables)
    weekly = msgs.groupby(["contact_id", "week"]).size().rename("n").reset_index()
    limit = tables["contacts"].set_index("contact_id").max_msgs_per_week
    weekly["max"] = pd.to_numeric(weekly.contact_id.map(limit).replace("", None))
    over = set(weekly[weekly.n > weekly["max"]].contact_id)
    assert over == set(meta["planted"]["over_contacted"]) and len(over) >= 3
    # the emails alone break the limit, whatever counts as a message
    emails = msgs[msgs.channel == "email"].groupby(["contact_id", "week"]).size().rename("n").reset_index()
    emails["max"] = pd.to_numeric(emails.contact_id.map(limit).replace("", None))
    assert set(emails[emails.n > emails["max"]].contact_id) == over


def test_emails_after_revocation_are_exactly_the_planted_ones(tables, meta):
    log = tables["consents"]
    log = log[log.channel == "email"].assign(at=lambda d: pd.to_datetime(d["at"])).sort_values("at")
    msgs = _messages(tables)
    msgs = msgs[msgs.channel == "email"].sort_values("at")
    state = pd.merge_asof(msgs, log[["contact_id", "at", "status"]], on="at", by="contact_id",
                          direction="backward")
    after = set(state[state.status == "revoked"].contact_id)
    assert after == set(meta["planted"]["emailed_after_revocation"]) and len(after) >= 3


def test_overdue_deals_and_probability_mismatches_are_exactly_the_planted_ones(tables, meta):
    o = tables["opportunities"]
    overdue = set(o.opportunity_id[(o.is_closed == "false") & (o.close_date < meta["as_of"])])
    assert overdue == set(meta["planted"]["overdue_deals"]) and len(overdue) >= 3
    default = o.stage.map(tables["stages"].set_index("stage").default_probability)
    mismatch = set(o.opportunity_id[o.probability != default])
    assert mismatch == set(meta["planted"]["probability_mismatch"]) and len(mismatch) >= 3


def test_ab_test_variant_b_does_better(tables, meta):
    ab = meta["planted"]["ab_test"]
    cm = tables["campaign_members"]
    test = cm[cm.campaign_id == ab["campaign_id"]]
    assert set(test.variant) == {"A", "B"} and (cm[cm.campaign_id != ab["campaign_id"]].variant == "").all()
    rate = test.assign(r=test.responded == "true", o=test.opened == "true").groupby("variant")[["o", "r"]].mean()
    assert rate.loc["B", "o"] > rate.loc["A", "o"]


def test_orders_give_a_spread_of_customers(tables):
    orders = tables["orders"].assign(order_date=lambda d: pd.to_datetime(d.order_date),
                                     total=lambda d: d.total.astype(float))
    per = orders.groupby("contact_id").agg(last=("order_date", "max"), n=("order_id", "size"), m=("total", "sum"))
    recency = (pd.Timestamp("2026-06-30") - per["last"]).dt.days
    assert recency.min() < 30 and recency.max() > 300
    assert per.n.min() == 1 and per.n.max() >= 10 and per.m.max() > 5 * per.m.median()


# --------------------------------------------------------------------------- social files

def _connections(path: Path) -> pd.DataFrame:
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[0] == "Notes:" and lines[2] == ""
    start = next(i for i, line in enumerate(lines) if line.startswith("First Name,"))
    assert start == 3
    return pd.read_csv(path, skiprows=3, dtype=str, keep_default_na=False)


def test_social_files_parse_and_overlap_with_the_crm(folder, tables, meta):
    social = folder / "social"
    reps = pd.read_csv(social / "reps.csv", dtype=str, keep_default_na=False)
    assert list(reps.columns) == ["rep_id", "name", "folder", "linkedin_url"] and len(reps) == 3
    users = tables["users"].set_index("user_id")
    assert (users.team.loc[reps.rep_id] == "sales").all()
    assert meta["planted"]["silent_rep"] not in set(reps.rep_id)
    contacts = tables["contacts"]
    by_url = contacts[contacts.linkedin_url != ""].drop_duplicates("linkedin_url").set_index("linkedin_url")
    networks = {}
    for rep in reps.itertuples():
        conn = _connections(social / rep.folder / "Connections.csv")
        assert list(conn.columns) == ["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
                                      "Connected On"]
        assert conn["Connected On"].str.fullmatch(r"\d{2} [A-Z][a-z]{2} \d{4}").all()
        hidden = conn[conn["First Name"] == ""]
        assert len(hidden) >= 3 and (hidden.URL == "").all()
        in_crm = conn[conn.URL.isin(by_url.index)]
        assert 0.2 <= len(in_crm) / len(conn) <= 0.45
        assert (in_crm["First Name"].to_numpy() == by_url.first_name.loc[in_crm.URL].to_numpy()).all()
        networks[rep.rep_id] = set(conn.URL[conn.URL != ""])
        assert set(reps.linkedin_url) - {rep.linkedin_url} <= networks[rep.rep_id]  # colleagues are connected

        msgs = pd.read_csv(social / rep.folder / "messages.csv", dtype=str, keep_default_na=False)
        assert list(msgs.columns) == ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
                                      "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER"]
        assert msgs.DATE.str.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC").all()
        assert (msgs["SENDER PROFILE URL"] == rep.linkedin_url).any()
        assert (msgs["SENDER PROFILE URL"] != rep.linkedin_url).any()
        group = msgs[msgs["RECIPIENT PROFILE URLS"].str.contains(",")]
        assert len(group) and (group["CONVERSATION TITLE"] != "").all()
        people = set(msgs["SENDER PROFILE URL"]) | {u for v in msgs["RECIPIENT PROFILE URLS"] for u in v.split(",")}
        assert people - {rep.linkedin_url} <= networks[rep.rep_id]

        inv = pd.read_csv(social / rep.folder / "Invitations.csv", dtype=str, keep_default_na=False)
        assert list(inv.columns) == ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl",
                                     "inviteeProfileUrl"]
        assert inv["Sent At"].str.fullmatch(r"\d{1,2}/\d{1,2}/\d{2}, \d{1,2}:\d{2} (AM|PM)").all()
        assert set(inv.Direction) == {"INCOMING", "OUTGOING"}
        assert not (set(inv.inviteeProfileUrl) | set(inv.inviterProfileUrl)) - {rep.linkedin_url} & networks[rep.rep_id]
    ids = list(networks)
    assert all(len(networks[a] & networks[b]) > 10 for a in ids for b in ids if a < b)  # a team network


def test_group_meetings_and_deals_with_several_contacts(tables, meta, tmp_path):
    acts = tables["activities"].set_index("activity_id")
    meetings = meta["planted"]["group_meetings"]
    assert len(meetings) >= 3 and all(2 <= len(m) <= 4 for m in meetings)
    for ids in meetings:
        rows = acts.loc[ids]
        assert (rows.type == "meeting").all() and rows.contact_id.is_unique
        assert rows[["owner_id", "subject", "due_at", "completed_at"]].drop_duplicates().shape[0] == 1
    assert meta["planted"]["silent_rep"] not in set(acts.loc[[i for m in meetings for i in m], "owner_id"])
    deals = meta["planted"]["multi_contact_deals"]
    assert len(deals) >= 2
    opps = tables["opportunities"].set_index("opportunity_id")
    for deal, contacts in deals.items():
        assert contacts[0] == opps.primary_contact_id[deal] and len(set(contacts)) == len(contacts) >= 2
        assert set(contacts[1:]) <= set(acts.contact_id[acts.opportunity_id == deal])
    # they are the last rows of activities.csv, so the rows before them do not change
    in_meetings = {i for m in meetings for i in m}
    tail = acts.iloc[list(acts.index).index(min(in_meetings)):]
    on_deals = set(tail.index[tail.opportunity_id.isin(list(deals))])
    assert set(tail.index) == in_meetings | on_deals and not in_meetings & on_deals
    assert (tail.status == "completed").all() and (tail.completed_at.str[:10] < str(AS_OF)[:10]).all()


def test_personas_brainstorm_and_posts(folder, meta):
    social = folder / "social"
    personas = json.loads((social / "personas.json").read_text(encoding="utf-8"))
    keys = {"id", "name", "role", "responsibilities", "objectives", "challenges", "projects", "decision_process",
            "what_matters"}
    assert 4 <= len(personas) <= 5 and all(set(p) == keys for p in personas)
    votes = pd.read_csv(social / "brainstorm.csv", dtype={"points": int}, keep_default_na=False)
    assert list(votes.columns) == ["idea_id", "idea", "proposed_by", "kind", "voter", "points"]
    assert votes.voter.nunique() == 6 and votes.idea_id.nunique() >= 20
    assert votes.points.between(0, 3).all() and set(votes.kind) == {"news", "evergreen"}
    assert len(votes) == votes.voter.nunique() * votes.idea_id.nunique()
    totals = votes.groupby("idea_id").points.sum().sort_values(ascending=False, kind="stable")
    assert totals.iloc[9] == totals.iloc[10]
    assert set(meta["planted"]["brainstorm_tie_at_10"]) == set(totals.index[totals == totals.iloc[9]])
    ideas = votes.drop_duplicates("idea_id").set_index("idea_id").idea
    from rapidfuzz import fuzz

    for a, b in meta["planted"]["brainstorm_near_duplicates"]:
        assert fuzz.token_set_ratio(ideas[a], ideas[b]) >= 60
    posts = pd.read_csv(social / "posts.csv", keep_default_na=False)
    assert list(posts.columns) == ["post_id", "rep_id", "published_at", "theme", "format", "persona_id", "level",
                                   "language", "text", "impressions", "reactions", "comments", "shares", "clicks"]
    assert set(posts.format) <= {"article", "testimonial", "infographic", "video", "curated_share", "short_post"}
    assert set(posts.level) <= {"react", "curate", "produce"} and set(posts.language) <= {"en", "fr"}
    assert set(posts.persona_id) <= {p["id"] for p in personas}
    assert (posts.reactions <= posts.impressions).all() and posts.published_at.str.match(DATETIME_RE.pattern).all()


def test_posts_engagement_depends_on_format_and_weekday(tmp_path):
    import numpy as np

    from workbench.data.sample.content import write_posts

    path = tmp_path / "posts.csv"
    write_posts(path, np.random.default_rng(0), ["U001", "U002", "U003"], AS_OF, 20)
    posts = pd.read_csv(path)
    reach = posts.groupby("format").impressions.median()
    assert reach["video"] > reach["curated_share"]
    day = pd.to_datetime(posts.published_at).dt.day_of_week
    assert posts.impressions[day.between(1, 3)].median() > posts.impressions[day >= 5].median()


# --------------------------------------------------------------------------- benchmark

def test_benchmark_quick_prints_a_ratio():
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_generate.py"), "--quick"],
                         capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert re.search(r"ratio[^\n]*\d+(\.\d+)?x", out.stdout), out.stdout
