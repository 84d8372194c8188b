"""The social-selling files of the sample company: three reps' LinkedIn exports and content data.

Called by :func:`workbench.data.generate.generate`; writes into ``social/``:

* ``reps.csv`` (rep_id, name, folder, linkedin_url);
* per rep, in the real LinkedIn export formats: ``Connections.csv`` (with its
  "Notes:" preamble), ``messages.csv`` and ``Invitations.csv``.  About a third
  of each rep's connections are CRM contacts (same name, ``URL`` equal to
  ``contacts.linkedin_url``); reps share connections, some threads are group
  threads, a few profiles are hidden (blank names);
* ``personas.json``, ``brainstorm.csv`` (ideas x voters, with near-duplicate
  ideas and a tie at the shortlist boundary) and ``posts.csv`` (a year of posts
  whose engagement depends on format, theme and weekday).

>>> CONNECTIONS_HEADER.split(",")[:3]
['First Name', 'Last Name', 'URL']
>>> linkedin_date(np.datetime64("2026-02-08")), invitation_time(np.datetime64("2026-01-29T14:37:00"))
('08 Feb 2026', '1/29/26, 2:37 PM')
"""

from __future__ import annotations

import base64
import csv
import io
import json
from pathlib import Path

import numpy as np
import pandas as pd

CONNECTIONS_PREAMBLE = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their connections to see or "
    "download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can "
    'learn more here https://www.linkedin.com/help/linkedin/answer/261"\n\n'
)
CONNECTIONS_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
MESSAGES_COLUMNS = ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
                    "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER"]
INVITATIONS_COLUMNS = ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"]
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DAY = np.timedelta64(86400, "s")

FORMATS = ("article", "testimonial", "infographic", "video", "curated_share", "short_post")
LEVEL_OF_FORMAT = {"article": "produce", "testimonial": "produce", "infographic": "produce", "video": "produce",
                   "curated_share": "curate", "short_post": "react"}
# how each format, theme and weekday moves reach and engagement: the model behind posts.csv
FORMAT_REACH = {"article": 0.9, "testimonial": 1.2, "infographic": 1.3, "video": 1.6, "curated_share": 0.6,
                "short_post": 0.8}
FORMAT_ENGAGE = {"article": 1.0, "testimonial": 1.5, "infographic": 1.3, "video": 1.4, "curated_share": 0.6,
                 "short_post": 0.9}
WEEKDAY_REACH = (1.0, 1.25, 1.3, 1.2, 0.9, 0.5, 0.45)  # Monday .. Sunday
THEMES = (  # id, English phrase, French phrase, reach multiplier, kind
    ("hybrid-office", "making the hybrid office work", "réussir le bureau hybride", 1.3, "evergreen"),
    ("meeting-rooms", "meeting rooms people actually book", "des salles de réunion vraiment utilisées", 1.1,
     "evergreen"),
    ("customer-stories", "what our customers changed", "ce que nos clients ont changé", 1.4, "evergreen"),
    ("energy-savings", "cutting the office energy bill", "réduire la facture d'énergie du bureau", 1.2, "news"),
    ("data-privacy", "occupancy data without spying", "mesurer l'occupation sans surveiller", 1.0, "news"),
    ("product-tips", "five-minute product tips", "astuces produit en cinq minutes", 0.8, "evergreen"),
    ("industry-news", "what changed in workplace rules", "ce qui change dans la réglementation", 0.9, "news"),
    ("team-life", "life in the Acme team", "la vie de l'équipe Acme", 0.7, "evergreen"),
    ("events", "meet us at the trade show", "rencontrons-nous au salon", 0.8, "news"),
    ("sustainability", "greener buildings, step by step", "des bâtiments plus sobres, pas à pas", 1.1, "news"),
)
PERSONAS = [
    {"id": "ops-director", "name": "Olivia, operations director", "role": "Operations director at a mid-sized "
     "manufacturer", "responsibilities": ["runs three sites and their offices", "owns the facilities budget",
                                          "signs off on equipment purchases above 20,000"],
     "objectives": ["fewer empty meeting rooms", "lower running costs per desk", "a smooth return to the office"],
     "challenges": ["no reliable data on how space is used", "staff resist new rules", "long purchasing cycles"],
     "projects": ["consolidating two buildings into one", "a hybrid-work policy for 2027"],
     "decision_process": "builds a business case with finance, asks IT for a security review, then decides "
                         "with the managing director",
     "what_matters": ["proof from similar companies", "clear payback period", "low disruption while installing"]},
    {"id": "it-manager", "name": "Karim, IT manager", "role": "IT manager responsible for workplace technology",
     "responsibilities": ["network and device security", "integrations with calendars and badges",
                          "support for 400 staff"],
     "objectives": ["devices that are easy to manage remotely", "no new security holes", "fewer support tickets"],
     "challenges": ["too many vendors", "a small team", "legacy room systems"],
     "projects": ["single sign-on for every office tool", "replacing the old room displays"],
     "decision_process": "runs a pilot on one floor, checks the data-protection questionnaire, recommends to the "
                         "operations director",
     "what_matters": ["documentation and open APIs", "data stays in the region", "a named support contact"]},
    {"id": "procurement", "name": "Sophie, procurement officer", "role": "Procurement officer in a group with "
     "several subsidiaries", "responsibilities": ["runs tenders", "negotiates framework contracts",
                                                  "checks supplier compliance"],
     "objectives": ["one framework contract for all subsidiaries", "predictable prices", "compliant suppliers"],
     "challenges": ["comparing offers that are built differently", "tight deadlines from the business"],
     "projects": ["a group-wide tender for meeting-room equipment"],
     "decision_process": "scores offers on a grid (price, service, risk) and presents the shortlist to a committee",
     "what_matters": ["transparent pricing", "references", "service levels written in the contract"]},
    {"id": "founder", "name": "Nusrat, founder of a growing company", "role": "Founder and CEO of a 40-person "
     "services company", "responsibilities": ["everything nobody else owns", "hiring", "the office lease"],
     "objectives": ["an office that helps hiring", "spend little time on equipment", "grow to 80 people"],
     "challenges": ["no facilities staff", "cash flow", "little time to compare offers"],
     "projects": ["moving to a bigger office next year"],
     "decision_process": "decides alone and quickly, often after a recommendation from a peer",
     "what_matters": ["simple offers", "fast installation", "a vendor who answers the phone"]},
    {"id": "service-head", "name": "Reza, head of customer service", "role": "Head of customer service in a "
     "retail chain", "responsibilities": ["a team of 25 advisers", "service quality targets", "training"],
     "objectives": ["quiet rooms for calls", "shorter handling times", "happier advisers"],
     "challenges": ["noisy open space", "peaks of calls at lunchtime"],
     "projects": ["redesigning the service floor"],
     "decision_process": "proposes to operations with a budget estimate; operations decides",
     "what_matters": ["concrete examples from other service teams", "quick wins", "training for the team"]},
]
IDEAS = (  # idea, kind; the near-duplicate pairs are listed in NEAR_DUPLICATE_IDEAS
    ("Customer story: how a logistics firm halved its empty meeting rooms", "evergreen"),
    ("Five signs your office is too big for your team", "evergreen"),
    ("What the new energy rules mean for office buildings", "news"),
    ("Behind the scenes: installing 200 sensors in a weekend", "evergreen"),
    ("Hybrid work: the three policies that actually work", "evergreen"),
    ("Our take on this year's workplace trends report", "news"),
    ("How to measure occupancy without tracking people", "evergreen"),
    ("Video tour of a meeting room that books itself", "evergreen"),
    ("Checklist: preparing the office for a return week", "evergreen"),
    ("Trade show recap: what visitors asked us most", "news"),
    ("Infographic: the real cost of an empty desk", "evergreen"),
    ("Interview with our support team: the five questions we hear most", "evergreen"),
    ("Green building labels explained in two minutes", "evergreen"),
    ("Case study: a logistics company that halved its empty meeting rooms", "evergreen"),
    ("Why badge data is not a surveillance tool", "news"),
    ("New feature: room displays now show air quality", "news"),
    ("The hybrid office in Bangladesh and the Gulf: what differs", "evergreen"),
    ("Cost of an empty desk: an infographic", "evergreen"),
    ("Meet the team: a day with our installers", "evergreen"),
    ("What our customers said in the annual survey", "news"),
    ("Three mistakes to avoid when buying room equipment", "evergreen"),
    ("Air quality and focus: what the studies say", "evergreen"),
    ("How to run a tender for workplace technology", "evergreen"),
    ("Sustainability report: our own office numbers", "news"),
    ("Measuring occupancy without tracking individuals", "evergreen"),
)
NEAR_DUPLICATE_IDEAS = ((0, 13), (10, 17), (6, 24))

SNIPPETS_OUT = ("Thanks for the chat today, here is the brochure I mentioned.",
                "Hi, congratulations on the new role!", "Would Tuesday at 10:00 work for a short call?",
                "Good to see you at the trade show, let's keep in touch.",
                "I thought this article on hybrid offices might interest you.",
                "Happy to introduce you to our installation lead if useful.",
                "Bonjour, merci pour votre retour, je vous envoie le devis demain.",
                "Do you know who handles facilities at your group now?")
SNIPPETS_IN = ("Thanks, I will read it this week.", "Sounds good, Tuesday works.",
               "Could you send me the price list?", "We are reviewing budgets next month, let's talk then.",
               "Happy to make the introduction, I'll copy you in.", "Merci, c'est noté.",
               "Great to hear from you!", "Not a priority for us right now, but thanks.")
GROUP_TITLES = ("Office move project", "Intro: meeting-room pilot", "Trade show follow-up", "Sustainability group",
                "Workplace leaders circle", "Renewal planning")


def linkedin_date(day) -> str:
    """A ``Connected On`` date as LinkedIn writes it, e.g. ``08 Feb 2026``."""
    d = str(np.datetime64(day, "D"))
    return f"{d[8:10]} {MONTHS[int(d[5:7]) - 1]} {d[:4]}"


def invitation_time(moment) -> str:
    """An ``Invitations.csv`` ``Sent At`` value, e.g. ``1/29/26, 2:37 PM``."""
    s = str(np.datetime64(moment, "s"))
    year, month, day, hour, minute = int(s[:4]), int(s[5:7]), int(s[8:10]), int(s[11:13]), s[14:16]
    return f"{month}/{day}/{year % 100:02d}, {(hour % 12) or 12}:{minute} {'AM' if hour < 12 else 'PM'}"


def _csv_text(rows: list[list[str]], header: list[str]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def _conversation_id(rng) -> str:
    return "2-" + base64.b64encode(rng.bytes(30)).decode("ascii")


def write_social(folder: Path, rng, names, tables: dict, rep_ids: list[str], scale: float, as_of) -> dict:
    """Write the social files for ``rep_ids`` into ``folder``; return what the meta file records."""
    from .generate import LOCALE_WEIGHTS, LOCALES, TITLES, _ascii, _pick, _slug_url

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    users = tables["users"].set_index("user_id")
    contacts = tables["contacts"]
    accounts = tables["accounts"]
    as_of = np.datetime64(as_of, "s")

    # the reps themselves
    rep_names = [users.name[r] for r in rep_ids]
    slugs = []
    for rid, name in zip(rep_ids, rep_names):
        parts = [_ascii(p) for p in name.split()]
        slug = "-".join(p for p in parts if p) or rid.lower()
        slugs.append(slug if slug not in slugs else f"{slug}-{rid.lower()}")
    rep_urls = [f"https://www.linkedin.com/in/{s}-acme" for s in slugs]
    reps = pd.DataFrame({"rep_id": rep_ids, "name": rep_names, "folder": slugs, "linkedin_url": rep_urls})
    reps.to_csv(folder / "reps.csv", index=False, lineterminator="\n", encoding="utf-8")

    # people outside the CRM: one shared pool, so that reps share connections
    crm = contacts[(contacts.linkedin_url != "") & ~contacts._copy].reset_index(drop=True)
    per_rep = [max(20, int(round(rng.integers(250, 400) * scale))) for _ in rep_ids]
    n_outside = int(sum(per_rep) * 0.67 * 0.7) + 10
    locs = _pick(rng, LOCALES, n_outside, LOCALE_WEIGHTS)
    first, last, fs, ls = names.sample(rng, locs)
    at_account = rng.random(n_outside) < 0.25  # works at a CRM account but is not a CRM contact
    acc_pick = rng.integers(0, len(accounts), n_outside)
    company = np.where(at_account, accounts.name.to_numpy()[acc_pick], names.companies(rng, locs, unique=False))
    outside = pd.DataFrame({"first": first, "last": last, "url": _slug_url(rng, fs, ls), "company": company,
                            "position": _pick(rng, TITLES + ("Consultant", "Sales Manager", "Engineer",
                                                             "Marketing Manager"), n_outside),
                            "email": [f"{a or 'x'}.{b or 'x'}@example.{'com' if locale != 'fr_FR' else 'fr'}"
                                      for a, b, locale in zip(fs, ls, locs)]})
    acc_name = accounts.set_index("account_id").name
    crm_people = pd.DataFrame({"first": crm.first_name, "last": crm.last_name, "url": crm.linkedin_url,
                               "company": [acc_name.get(a, "") if a else "" for a in crm.account_id],
                               "position": crm.title, "email": crm.email, "contact_id": crm.contact_id})
    owner_of_contact = crm.account_id.map(accounts.set_index("account_id").owner_id).fillna("").to_numpy()

    planted = {"social_hidden_profiles": {}}
    connections_by_rep, networks = {}, {}
    for k, (rid, slug) in enumerate(zip(rep_ids, slugs)):
        n = per_rep[k]
        n_crm = min(len(crm), n // 3)
        w = np.where(owner_of_contact == rid, 4.0, 1.0)
        pick_crm = np.sort(rng.choice(len(crm), size=n_crm, replace=False, p=w / w.sum()))
        n_hidden = int(rng.integers(3, 7))
        n_out = max(0, n - n_crm - n_hidden - (len(rep_ids) - 1))
        pick_out = np.sort(rng.choice(n_outside, size=min(n_out, n_outside), replace=False))
        colleagues = pd.DataFrame({"first": [rep_names[j].split(" ", 1)[0] for j in range(len(rep_ids)) if j != k],
                                   "last": [rep_names[j].split(" ", 1)[-1] for j in range(len(rep_ids)) if j != k],
                                   "url": [rep_urls[j] for j in range(len(rep_ids)) if j != k],
                                   "company": "Acme", "position": "Account Executive", "email": ""})
        people = pd.concat([crm_people.iloc[pick_crm].drop(columns="contact_id"), outside.iloc[pick_out], colleagues],
                           ignore_index=True)
        people["email"] = np.where(rng.random(len(people)) < 0.1, people.email, "")
        hidden = pd.DataFrame({"first": [""] * n_hidden, "last": "", "url": "", "company": "", "position": "",
                               "email": ""})
        people = pd.concat([people, hidden], ignore_index=True)
        # connected over the last ten years, more of them recently
        age_days = np.minimum(3650, rng.exponential(900, len(people))).astype(np.int64)
        people["connected"] = (as_of - (age_days + 1) * DAY).astype("datetime64[D]")
        people = people.sort_values(["connected", "url"], ascending=[False, True], kind="stable")
        people = people.reset_index(drop=True)
        rows = [[p.first, p.last, p.url, p.email, p.company, p.position, linkedin_date(p.connected)]
                for p in people.itertuples(index=False)]
        (folder / slug).mkdir(exist_ok=True)
        (folder / slug / "Connections.csv").write_text(
            CONNECTIONS_PREAMBLE + _csv_text(rows, CONNECTIONS_HEADER.split(",")), encoding="utf-8")
        planted["social_hidden_profiles"][rid] = n_hidden
        connections_by_rep[rid] = people
        networks[rid] = people[people.url != ""].reset_index(drop=True)

    for k, rid in enumerate(rep_ids):
        me = (rep_names[k], rep_urls[k])
        _write_messages(folder / slugs[k] / "messages.csv", rng, me, networks[rid], as_of)
        known = set(networks[rid].url)
        strangers = outside[~outside.url.isin(sorted(known))]
        targets = crm_people[~crm_people.url.isin(sorted(known))]
        _write_invitations(folder / slugs[k] / "Invitations.csv", rng, me, strangers, targets, as_of, scale)

    (folder / "personas.json").write_text(json.dumps(PERSONAS, indent=2, ensure_ascii=False) + "\n",
                                          encoding="utf-8")
    voters = list(rep_ids) + [u for u in tables["users"].user_id[tables["users"].team == "marketing"]][:2]
    manager = tables["users"].user_id[(tables["users"].team == "sales") & tables["users"]._manager].iloc[0]
    voters = (voters + [manager])[:6]
    tie = _write_brainstorm(folder / "brainstorm.csv", rng, voters)
    planted["brainstorm_near_duplicates"] = [[f"I{a + 1:02d}", f"I{b + 1:02d}"] for a, b in NEAR_DUPLICATE_IDEAS]
    planted["brainstorm_tie_at_10"] = tie
    n_posts = _write_posts(folder / "posts.csv", rng, rep_ids, as_of, scale)
    shared = {}
    for i in range(len(rep_ids)):
        for j in range(i + 1, len(rep_ids)):
            a, b = set(networks[rep_ids[i]].url), set(networks[rep_ids[j]].url)
            shared[f"{rep_ids[i]}-{rep_ids[j]}"] = len(a & b)
    meta = {
        "reps": list(rep_ids),
        "connections": {r: int(len(connections_by_rep[r])) for r in rep_ids},
        "connections_in_crm": {r: int(networks[r].url.isin(crm.linkedin_url).sum()) for r in rep_ids},
        "shared_connections": shared, "posts": n_posts,
        "posts_model": {"format_reach": FORMAT_REACH, "format_engagement": FORMAT_ENGAGE,
                        "weekday_reach_monday_first": list(WEEKDAY_REACH),
                        "theme_reach": {t[0]: t[3] for t in THEMES}},
    }
    return {"planted": planted, "meta": meta}


def _write_messages(path: Path, rng, me, people: pd.DataFrame, as_of) -> None:
    """1:1 threads of varied strength, one-way threads and a few group threads, newest first."""
    rows = []
    n = len(people)
    tie = rng.choice(5, size=n, p=[0.08, 0.15, 0.2, 0.1, 0.47])  # strong, familiar, weak, one-way, none
    names = [f"{a} {b}".strip() for a, b in zip(people["first"], people["last"])]
    urls = people["url"].to_numpy()
    connected = people["connected"].to_numpy().astype("datetime64[s]")
    for i in np.flatnonzero(tie < 4):
        other = (names[i], urls[i])
        count = int([rng.integers(8, 30), rng.integers(3, 9), rng.integers(1, 4), rng.integers(1, 3)][tie[i]])
        newest = as_of - int([rng.integers(1, 45), rng.integers(20, 200), rng.integers(200, 900),
                              rng.integers(5, 400)][tie[i]]) * DAY
        oldest = max(connected[i], newest - int(rng.integers(30, 900)) * DAY)
        when = np.sort(_hours(rng, oldest, max(oldest, newest), count))
        outgoing = np.ones(count, bool) if tie[i] == 3 else rng.random(count) < 0.5
        if tie[i] != 3 and count > 1:
            outgoing[0], outgoing[-1] = True, False  # a real exchange: both sides write
        cid = _conversation_id(rng)
        texts = rng.integers(0, 8, count)
        for t, out, x in zip(_utc_all(when), outgoing, texts):
            sender, receiver = (me, other) if out else (other, me)
            text = (SNIPPETS_OUT if out else SNIPPETS_IN)[x]
            rows.append([cid, "", sender[0], sender[1], receiver[0], receiver[1], t, "", text, "INBOX"])
    n_groups = max(2, int(round(n / 60)))
    for _ in range(n_groups):
        chosen = np.sort(rng.choice(n, size=int(rng.integers(2, 5)), replace=False))
        party = [me] + [(names[j], urls[j]) for j in chosen]
        title = GROUP_TITLES[int(rng.integers(len(GROUP_TITLES)))]
        cid = _conversation_id(rng)
        count = int(rng.integers(3, 12))
        newest = as_of - int(rng.integers(1, 300)) * DAY
        when = np.sort(_hours(rng, newest - int(rng.integers(5, 120)) * DAY, newest, count))
        for j, t in enumerate(when):
            s = 0 if j == 0 else int(rng.integers(len(party)))
            others = [p for q, p in enumerate(party) if q != s]
            text = (SNIPPETS_OUT if s == 0 else SNIPPETS_IN)[int(rng.integers(8))]
            rows.append([cid, title, party[s][0], party[s][1], ", ".join(p[0] for p in others),
                         ",".join(p[1] for p in others), _utc(t), "", text, "INBOX"])
    rows.sort(key=lambda r: (r[6], r[0]), reverse=True)
    path.write_text(_csv_text(rows, MESSAGES_COLUMNS), encoding="utf-8")


def _hours(rng, lo, hi, n):
    from .generate import _between, _office_hours

    return _office_hours(rng, _between(rng, np.datetime64(lo, "s"), np.datetime64(hi, "s"), n))


def _utc(moment) -> str:
    return str(np.datetime64(moment, "s")).replace("T", " ") + " UTC"


def _utc_all(moments) -> list[str]:
    return [m.replace("T", " ") + " UTC" for m in np.datetime_as_string(np.asarray(moments, "datetime64[s]"))]


def _write_invitations(path: Path, rng, me, strangers: pd.DataFrame, targets: pd.DataFrame, as_of, scale) -> None:
    """Pending invitations: outgoing ones (some to CRM contacts, some with a reason) and incoming ones."""
    n_out = max(3, int(round(rng.integers(12, 25) * scale)))
    n_in = max(3, int(round(rng.integers(10, 20) * scale)))
    rows = []
    out_people = pd.concat([targets.sample(n=min(len(targets), n_out // 2), random_state=rng),
                            strangers.sample(n=min(len(strangers), n_out - n_out // 2), random_state=rng)])
    for p in out_people.itertuples(index=False):
        name = f"{p.first} {p.last}"
        msg = "" if rng.random() < 0.5 else (f"Hi {p.first}, we met at the workplace trade show; I'd be glad to "
                                              f"stay in touch.")
        rows.append([me[0], name, _hours(rng, as_of - 120 * DAY, as_of - DAY, 1)[0], msg, "OUTGOING", me[1], p.url])
    for p in strangers.sample(n=min(len(strangers), n_in), random_state=rng).itertuples(index=False):
        name = f"{p.first} {p.last}"
        msg = "" if rng.random() < 0.7 else f"Hello, I work at {p.company} and would like to connect."
        rows.append([name, me[0], _hours(rng, as_of - 120 * DAY, as_of - DAY, 1)[0], msg, "INCOMING", p.url, me[1]])
    rows.sort(key=lambda r: (r[2], r[5], r[6]), reverse=True)
    for r in rows:
        r[2] = invitation_time(r[2])
    path.write_text(_csv_text(rows, INVITATIONS_COLUMNS), encoding="utf-8")


def _write_brainstorm(path: Path, rng, voters: list[str]) -> list[str]:
    """One row per idea and voter (0-3 points); return the ideas tied at the 10th place."""
    n = len(IDEAS)
    appeal = rng.uniform(0, 3, n)
    for a, b in NEAR_DUPLICATE_IDEAS:
        appeal[b] = appeal[a]
    points = np.clip(np.round(appeal[:, None] + rng.normal(0, 0.9, (n, len(voters)))), 0, 3).astype(np.int64)
    totals = points.sum(axis=1)
    order = np.lexsort((np.arange(n), -totals))
    tenth, eleventh = order[9], order[10]
    while totals[eleventh] < totals[tenth]:  # make the shortlist boundary a tie on purpose
        v = int(np.flatnonzero(points[eleventh] < 3)[0])
        points[eleventh, v] += 1
        totals = points.sum(axis=1)
    tied = [f"I{i + 1:02d}" for i in np.flatnonzero(totals == totals[tenth])]
    proposer = rng.integers(0, len(voters), n)
    rows = [[f"I{i + 1:02d}", IDEAS[i][0], voters[proposer[i]], IDEAS[i][1], v, str(points[i, j])]
            for i in range(n) for j, v in enumerate(voters)]
    path.write_text(_csv_text(rows, ["idea_id", "idea", "proposed_by", "kind", "voter", "points"]),
                    encoding="utf-8")
    return tied


POST_TEXT = {
    ("article", "en"): "New article on {theme}: what we learned from {n} customer sites this year.",
    ("article", "fr"): "Nouvel article : {theme}, ce que nous avons appris sur {n} sites clients.",
    ("testimonial", "en"): "\"We finally know which rooms are used.\" A customer on {theme}.",
    ("testimonial", "fr"): "« Nous savons enfin quelles salles servent. » Un client témoigne : {theme}.",
    ("infographic", "en"): "One picture, {n} numbers: {theme}.",
    ("infographic", "fr"): "Une image, {n} chiffres : {theme}.",
    ("video", "en"): "Two-minute video: {theme}, filmed on site.",
    ("video", "fr"): "Vidéo de deux minutes : {theme}, tournée sur site.",
    ("curated_share", "en"): "Worth reading on {theme}; my three takeaways below.",
    ("curated_share", "fr"): "À lire sur {theme} ; mes trois idées à retenir.",
    ("short_post", "en"): "Quick thought on {theme}: what would you add?",
    ("short_post", "fr"): "Une réflexion rapide : {theme}. Qu'en pensez-vous ?",
}


def _write_posts(path: Path, rng, rep_ids, as_of, scale) -> int:
    """A year of posts by the reps; engagement follows FORMAT_*, THEMES and WEEKDAY_REACH."""
    from .generate import _between

    n = max(12, int(round(120 * scale)))
    day = _between(rng, as_of - 365 * DAY, as_of - DAY, n).astype("datetime64[D]")
    weekday = (day.astype(np.int64) - 4) % 7  # 1970-01-01 was a Thursday: Monday = 0
    weekend = weekday >= 5
    keep_weekend = rng.random(n) < 0.3  # most posts go out on weekdays
    day = np.where(weekend & ~keep_weekend, day - (weekday - 4).astype("timedelta64[D]"), day)
    weekday = (day.astype(np.int64) - 4) % 7
    published = day.astype("datetime64[s]") + rng.integers(7 * 3600, 19 * 3600, n).astype("timedelta64[s]")
    order = np.argsort(published, kind="stable")
    published, weekday = published[order], weekday[order]
    fmt = np.array(FORMATS, dtype=object)[rng.choice(len(FORMATS), size=n, p=[0.15, 0.12, 0.1, 0.1, 0.28, 0.25])]
    theme = rng.integers(0, len(THEMES), n)
    rep = np.array(rep_ids, dtype=object)[rng.integers(0, len(rep_ids), n)]
    follower_base = {r: float(rng.uniform(600, 2500)) for r in rep_ids}
    lang = np.where(rng.random(n) < 0.3, "fr", "en")
    persona = np.array([p["id"] for p in PERSONAS], dtype=object)[rng.integers(0, len(PERSONAS), n)]
    reach = (np.array([follower_base[r] for r in rep]) * np.array([FORMAT_REACH[f] for f in fmt])
             * np.array([THEMES[t][3] for t in theme]) * np.array(WEEKDAY_REACH)[weekday]
             * rng.lognormal(0, 0.35, n))
    impressions = np.maximum(30, np.round(reach)).astype(np.int64)
    engage = np.array([FORMAT_ENGAGE[f] for f in fmt])
    reactions = rng.binomial(impressions, np.clip(0.018 * engage, 0, 1))
    comments = rng.binomial(impressions, np.clip(0.003 * engage, 0, 1))
    shares = rng.binomial(impressions, np.clip(0.0015 * engage * np.where(fmt == "infographic", 2.0, 1.0), 0, 1))
    clicks = rng.binomial(impressions, np.clip(0.006 * np.where(np.isin(fmt, ("article", "curated_share")), 2.0, 1.0),
                                               0, 1))
    text = [POST_TEXT[(f, language)].format(theme=THEMES[t][1 if language == "en" else 2],
                                            n=int(rng.integers(3, 12)))
            for f, language, t in zip(fmt, lang, theme)]
    df = pd.DataFrame({
        "post_id": [f"PO{i + 1:04d}" for i in range(n)], "rep_id": rep,
        "published_at": np.char.replace(np.datetime_as_string(published), "T", " "),
        "theme": [THEMES[t][0] for t in theme], "format": fmt, "persona_id": persona,
        "level": [LEVEL_OF_FORMAT[f] for f in fmt], "language": lang, "text": text, "impressions": impressions,
        "reactions": reactions, "comments": comments, "shares": shares, "clicks": clicks})
    df.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
    return n
