"""The seeded generator of the sample company "Acme": every schema table as CSV.

``generate(out, seed=42, scale=1.0)`` writes every table of
:mod:`workbench.data.schema` as ``<table>.csv`` (the schema's columns, in its
order), a ``meta.json`` and a ``social/`` folder (three reps' LinkedIn exports,
personas, a theme brainstorm and past posts, see
:mod:`workbench.data.generate_social`).  The same seed and scale give
byte-identical files; the data's "today" is fixed at :data:`AS_OF`, never the
real clock.  ``scale`` multiplies the row counts (the staff grows with its
square root).

The data holds, on purpose, the problems the lessons teach people to find.
``meta.json["planted"]`` lists exactly what was planted, with ids:

* ``duplicate_pairs``: near-duplicate contacts ``[original, copy]`` (typos,
  case changes, swapped names, lost accents, other phone formats...);
* ``silent_rep``: the sales rep who owns deals but logs almost no activities;
* ``over_contacted``: contacts sent more messages in one week (Monday to
  Sunday) than their ``max_msgs_per_week``;
* ``emailed_after_revocation``: contacts emailed after revoking email consent;
* ``overdue_deals``: open opportunities whose close date is before ``as_of``;
* ``probability_mismatch``: opportunities whose probability is not their
  stage's ``default_probability``.

It also records, for the network track, ``group_meetings`` (meetings
attended by several contacts) and ``multi_contact_deals`` (deals worked with
several contacts of their account): evidence of who met whom, not problems.

>>> import tempfile, json
>>> folder = generate(tempfile.mkdtemp(), seed=1, scale=0.05)
>>> sorted(p.name for p in folder.glob("*.csv"))[:3]
['accounts.csv', 'activities.csv', 'campaign_members.csv']
>>> json.loads((folder / "meta.json").read_text())["as_of"]
'2026-06-30'
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd

from .schema import SCHEMA, TABLES

AS_OF = np.datetime64("2026-06-30T00:00:00", "s")
"""The sample company's "today": everything before it happened, everything after is planned."""
HISTORY_START = np.datetime64("2023-07-01T00:00:00", "s")
DAY = np.timedelta64(86400, "s")
HOUR = np.timedelta64(3600, "s")
MONDAY = np.datetime64("1970-01-05T00:00:00", "s")  # weeks run Monday to Sunday

LOCALES = ("fr_FR", "fa_IR", "bn_BD", "ar_SA", "en_GB")
LOCALE_WEIGHTS = np.array([0.30, 0.13, 0.13, 0.14, 0.30])
COUNTRY = {"fr_FR": "France", "fa_IR": "Iran", "bn_BD": "Bangladesh", "ar_SA": "Saudi Arabia",
           "en_GB": "United Kingdom"}
REGION = {"fr_FR": "France", "fa_IR": "Middle East", "bn_BD": "South Asia", "ar_SA": "Middle East",
          "en_GB": "UK & Ireland"}
TLD = {"fr_FR": "fr", "fa_IR": "ir", "bn_BD": "com.bd", "ar_SA": "com.sa", "en_GB": "co.uk"}
# Faker's own city providers give made-up towns for these locales, so real cities are listed here;
# Bangladesh uses Faker's list, which is real.
CITIES = {
    "fr_FR": ("Paris", "Lyon", "Marseille", "Toulouse", "Lille", "Bordeaux", "Nantes", "Strasbourg",
              "Rennes", "Montpellier", "Grenoble", "Nice"),
    "fa_IR": ("تهران", "اصفهان", "مشهد", "شیراز", "تبریز", "کرج", "قم", "اهواز", "رشت", "کرمان"),
    "ar_SA": ("الرياض", "جدة", "الدمام", "مكة المكرمة", "المدينة المنورة", "الخبر", "الطائف", "تبوك"),
    "en_GB": ("London", "Manchester", "Birmingham", "Leeds", "Glasgow", "Bristol", "Edinburgh",
              "Liverpool", "Cardiff", "Newcastle upon Tyne", "Sheffield", "Belfast"),
}
INDUSTRIES = ("Manufacturing", "Retail", "Healthcare", "Education", "Logistics", "Finance",
              "Hospitality", "Public sector", "Technology", "Energy")
TITLES = ("Chief Executive Officer", "Operations Director", "Head of Facilities", "IT Manager",
          "Procurement Officer", "Office Manager", "Finance Director", "HR Manager",
          "Head of Customer Service", "Purchasing Assistant", "Project Manager", "Founder")
TITLE_WEIGHTS = np.array([4, 8, 8, 10, 9, 10, 6, 6, 6, 8, 10, 4], float)

STAGES = (  # Salesforce's default stages and probabilities (research/crm.md)
    ("Prospecting", 10), ("Qualification", 10), ("Needs Analysis", 20), ("Value Proposition", 50),
    ("Id. Decision Makers", 60), ("Perception Analysis", 70), ("Proposal/Price Quote", 75),
    ("Negotiation/Review", 90), ("Closed Won", 100), ("Closed Lost", 0),
)
PRODUCTS = (  # name, series, list price
    ("Acme Desk Hub", "Essentials", 249.0), ("Acme Desk Hub Pro", "Pro", 449.0),
    ("Acme Room Kit", "Pro", 1890.0), ("Acme Room Kit Max", "Enterprise", 4900.0),
    ("Acme Badge Reader", "Essentials", 129.0), ("Acme Sensor Pack (10)", "Essentials", 390.0),
    ("Acme Cloud seat licence (annual)", "Software", 96.0),
    ("Acme Analytics add-on (annual)", "Software", 2400.0),
    ("Installation day", "Services", 850.0), ("Training workshop (half day)", "Services", 1200.0),
    ("Extended warranty (3 years)", "Services", 190.0), ("Premium support plan (annual)", "Services", 3600.0),
)
TEMPLATES = (  # channel, subject, body (one line each: no newlines inside CSV fields)
    ("email", "Welcome to Acme, {first_name}",
     "Hello {first_name}, thank you for choosing Acme for {company}. Your account manager, {rep_name}, "
     "will call you this week to plan the installation. Reply to this email if you have any question."),
    ("email", "Your {product} renewal is due on {renewal_date}",
     "Dear {first_name}, the {product} subscription of {company} ends on {renewal_date}. Renew before that "
     "date to keep your support and updates. {rep_name} can prepare a quote on request."),
    ("email", "Invitation: Acme workplace day in {city}",
     "Hello {first_name}, we are hosting a half-day demonstration of our meeting-room and sensor range in "
     "{city}. Seats are limited: reply to book yours. Best regards, {rep_name}."),
    ("email", "{first_name}, how did we do?",
     "Hello {first_name}, your case {case_id} was closed last week. Could you rate our service in one "
     "click? Your answer helps the Acme service team improve."),
    ("email", "Votre devis {product}, {first_name}",
     "Bonjour {first_name}, vous trouverez ci-joint le devis pour {product} destiné à {company}. Je reste "
     "à votre disposition pour en parler. Bien cordialement, {rep_name}."),
    ("email", "Nouveautés Acme pour {company}",
     "Bonjour {first_name}, découvrez en deux minutes les nouveautés de notre gamme pour les salles de "
     "réunion. Pour ne plus recevoir nos messages, répondez STOP."),
    ("sms", "", "Acme: hello {first_name}, your order {order_id} has shipped. Questions? Call {rep_phone}."),
    ("sms", "", "Acme : bonjour {first_name}, rappel de votre rendez-vous le {date} avec {rep_name}. "
                "Répondez STOP pour ne plus recevoir de SMS."),
)
CAMPAIGN_THEMES = ("Spring workplace day", "Renewal reminder", "Meeting-room launch", "Customer survey",
                   "Analytics webinar", "Sensor pack offer", "Year-end offer", "Partner showcase",
                   "Hybrid office guide", "Service week", "Back to the office", "New badge reader")


# --------------------------------------------------------------------------- small helpers

def _ids(prefix: str, n: int, width: int) -> np.ndarray:
    """``prefix`` + a zero-padded counter from 1, widened when ``n`` needs more digits."""
    width = max(width, len(str(n)))
    return np.array([f"{prefix}{i:0{width}d}" for i in range(1, n + 1)], dtype=object)


def _count(base: float, scale: float, minimum: int = 1) -> int:
    return max(minimum, int(round(base * scale)))


def _between(rng, lo, hi, n=None):
    """Uniform moments between ``lo`` and ``hi`` (datetime64[s] scalars or arrays)."""
    lo = np.asarray(lo, "datetime64[s]")
    hi = np.asarray(hi, "datetime64[s]")
    span = np.maximum((hi - lo).astype(np.int64), 0)
    size = n if n is not None else np.broadcast(lo, hi).shape
    return lo + (rng.random(size) * span).astype(np.int64).astype("timedelta64[s]")


def _office_hours(rng, moments):
    """Move each moment to a random time between 08:00 and 18:00 on its own day."""
    days = moments.astype("datetime64[D]").astype("datetime64[s]")
    secs = rng.integers(8 * 3600, 18 * 3600, size=len(moments))
    return days + secs.astype("timedelta64[s]")


def _week(moments) -> np.ndarray:
    """Index of the Monday-to-Sunday week of each moment."""
    return ((moments - MONDAY).astype(np.int64) // (7 * 86400)).astype(np.int64)


def _pick(rng, values, n, p=None):
    values = np.asarray(values, dtype=object)
    if p is not None:
        p = np.asarray(p, float)
        p = p / p.sum()
    return values[rng.choice(len(values), size=n, p=p)]


def _ascii(text: str) -> str:
    """Lower-case ASCII letters and digits only, for emails and profile slugs."""
    from faker.decode import unidecode

    return re.sub(r"[^a-z0-9]", "", unidecode(text).lower())


# --------------------------------------------------------------------------- names from Faker

def name_key(text: str) -> str:
    """A name folded for comparison: accents removed, case folded, spaces squeezed.

    >>> name_key("  Hélène ") == name_key("HELENE")
    True
    """
    import unicodedata

    plain = "".join(ch for ch in unicodedata.normalize("NFKD", str(text)) if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


class Names:
    """Pools of first and last names per locale, taken once from Faker.

    ``sample(rng, locales)`` gives one (first, last) per requested locale, unique
    within a locale as long as the pool allows, plus ASCII slugs for emails.

    >>> names = Names(seed=1)
    >>> first, last, fslug, lslug = names.sample(np.random.default_rng(0), np.array(["fr_FR", "en_GB"]))
    >>> len(first), all(s.isascii() for s in fslug)
    (2, True)
    """

    def __init__(self, seed: int):
        from faker import Faker

        self.faker = Faker(list(LOCALES))
        self.faker.seed_instance(seed)
        self.pools = {}
        for loc in LOCALES:
            person = self.faker[loc].provider("faker.providers.person")
            firsts = list(dict.fromkeys(list(person.first_names_male) + list(person.first_names_female)))
            lasts = list(dict.fromkeys(person.last_names))
            firsts = np.array([f for f in firsts if _ascii(f)], dtype=object)
            lasts = np.array([n for n in lasts if _ascii(n)], dtype=object)
            self.pools[loc] = (firsts, lasts, np.array([_ascii(f) for f in firsts], dtype=object),
                               np.array([_ascii(n) for n in lasts], dtype=object))
        bn = self.faker["bn_BD"]
        self.cities = dict(CITIES)
        self.cities["bn_BD"] = tuple(dict.fromkeys(bn.city() for _ in range(40)))

    def sample(self, rng, locales: np.ndarray, exclude=None):
        """First and last names (and ASCII slugs) for people of the given locales."""
        n = len(locales)
        first = np.empty(n, dtype=object)
        last = np.empty(n, dtype=object)
        fslug = np.empty(n, dtype=object)
        lslug = np.empty(n, dtype=object)
        for loc in LOCALES:
            rows = np.flatnonzero(locales == loc)
            if not len(rows):
                continue
            firsts, lasts, fs, ls = self.pools[loc]
            space = len(firsts) * len(lasts)
            free = np.ones(space, dtype=bool)
            if exclude is not None and exclude.get(loc):
                free[np.fromiter(exclude[loc], dtype=np.int64)] = False
            free = np.flatnonzero(free)
            if len(rows) <= len(free):
                codes = rng.choice(free, size=len(rows), replace=False)
            else:  # more people than name combinations: repeats are unavoidable
                codes = rng.choice(space, size=len(rows), replace=True)
            fi, li = codes // len(lasts), codes % len(lasts)
            first[rows], last[rows], fslug[rows], lslug[rows] = firsts[fi], lasts[li], fs[fi], ls[li]
            if exclude is not None:
                exclude.setdefault(loc, set()).update(codes.tolist())
        if exclude is not None:  # names must also differ across locales ("Robert Henry" is French and English)
            seen = set()
            for i in range(n):
                key = (name_key(first[i]), name_key(last[i]))
                tries = 0
                while (key in seen or key[::-1] in seen) and tries < 50:
                    firsts, lasts, fs, ls = self.pools[locales[i]]
                    fi, li = int(rng.integers(len(firsts))), int(rng.integers(len(lasts)))
                    code = fi * len(lasts) + li
                    if code in exclude[locales[i]]:
                        tries += 1
                        continue
                    exclude[locales[i]].add(code)
                    first[i], last[i], fslug[i], lslug[i] = firsts[fi], lasts[li], fs[fi], ls[li]
                    key = (name_key(first[i]), name_key(last[i]))
                    tries += 1
                seen.add(key)
        return first, last, fslug, lslug

    def _company(self, rng, loc: str) -> str:
        if loc == "ar_SA":  # Faker's Arabic companies mix in English words: compose them here
            lasts = self.pools["ar_SA"][1]
            return (f"{('شركة', 'مؤسسة', 'مجموعة', 'مصنع')[rng.integers(4)]} {lasts[rng.integers(len(lasts))]}"
                    f"{('', ' التجارية', ' للتقنية', ' القابضة', ' للخدمات')[rng.integers(5)]}")
        return self.faker[loc].company().replace(",", "")

    def companies(self, rng, locales: np.ndarray, unique: bool = True) -> np.ndarray:
        """Company names per locale; ``unique`` numbers repeats ("Dupont SA 2"), else names may repeat."""
        out = np.empty(len(locales), dtype=object)
        if unique:
            seen: dict[str, int] = {}
            for i, loc in enumerate(locales):
                name = self._company(rng, loc)
                seen[name] = seen.get(name, 0) + 1
                out[i] = name if seen[name] == 1 else f"{name} {seen[name]}"
            return out
        if not hasattr(self, "_company_pool"):
            self._company_pool = {loc: np.array(sorted({self._company(rng, loc) for _ in range(400)}), dtype=object)
                                  for loc in LOCALES}
        for loc in LOCALES:
            rows = np.flatnonzero(locales == loc)
            pool = self._company_pool[loc]
            out[rows] = pool[rng.integers(0, len(pool), len(rows))]
        return out


def _phones(rng, locales: np.ndarray) -> np.ndarray:
    """Phone numbers in each country's usual international format."""
    d = rng.integers(0, 10, size=(len(locales), 10)).astype(str)
    out = np.empty(len(locales), dtype=object)
    for i, loc in enumerate(locales):
        x = "".join(d[i])
        if loc == "fr_FR":
            out[i] = f"+33 {'67'[int(x[0]) % 2]} {x[1:3]} {x[3:5]} {x[5:7]} {x[7:9]}"
        elif loc == "en_GB":
            out[i] = f"+44 7{x[0:3]} {x[3:9]}"
        elif loc == "fa_IR":
            out[i] = f"+98 91{x[0]} {x[1:4]} {x[4:8]}"
        elif loc == "bn_BD":
            out[i] = f"+880 17{x[0:2]}-{x[2:8]}"
        else:
            out[i] = f"+966 5{x[0]} {x[1:4]} {x[4:8]}"
    return out


def _slug_url(rng, fslug, lslug) -> np.ndarray:
    """LinkedIn profile URLs ``https://www.linkedin.com/in/first-last-1a2b3c4d``."""
    tags = rng.integers(0, 16 ** 8, size=len(fslug))
    return np.array([f"https://www.linkedin.com/in/{f or 'x'}-{last or 'x'}-{t:08x}"
                     for f, last, t in zip(fslug, lslug, tags)], dtype=object)


# --------------------------------------------------------------------------- the tables

def _users(rng, names: Names, scale: float) -> pd.DataFrame:
    root = scale ** 0.5
    teams = {"sales": max(5, round(6 * root)), "marketing": max(2, round(3 * root)),
             "service": max(2, round(3 * root))}
    rows = []
    regions = ("France", "UK & Ireland", "Middle East", "South Asia")
    for team, n in teams.items():
        for k in range(n):
            rows.append((team, "France" if k == 0 else regions[(k - 1) % len(regions)], k == 0))
    n = len(rows)
    ids = _ids("U", n, 3)
    locs = _pick(rng, LOCALES, n, LOCALE_WEIGHTS)
    first, last, _, _ = names.sample(rng, locs)
    manager_of = {}
    manager = []
    for i, (team, _, is_manager) in enumerate(rows):
        if is_manager:
            manager_of[team] = ids[i]
    for team, _, is_manager in rows:
        manager.append("" if team == "sales" and is_manager else
                       (manager_of["sales"] if is_manager else manager_of[team]))
    return pd.DataFrame({"user_id": ids, "name": [f"{a} {b}" for a, b in zip(first, last)],
                         "team": [r[0] for r in rows], "manager_id": manager,
                         "region": [r[1] for r in rows], "_manager": [r[2] for r in rows]})


def _accounts(rng, names: Names, users: pd.DataFrame, scale: float) -> pd.DataFrame:
    n = _count(250, scale, 10)
    locs = _pick(rng, LOCALES, n, LOCALE_WEIGHTS)
    reps = users[(users.team == "sales") & ~users._manager]
    owner = np.empty(n, dtype=object)
    for loc in LOCALES:
        rows = np.flatnonzero(locs == loc)
        pool = reps.user_id[reps.region == REGION[loc]].to_numpy()
        pool = pool if len(pool) else reps.user_id.to_numpy()
        owner[rows] = pool[rng.integers(0, len(pool), size=len(rows))]
    employees = np.clip(np.round(rng.lognormal(4.2, 1.3, n)), 3, 60000).astype(np.int64)
    revenue = np.round(employees * rng.lognormal(np.log(120000), 0.5, n), -3)
    created = _between(rng, np.datetime64("2019-01-01"), AS_OF - 90 * DAY, n)
    parent = np.full(n, "", dtype=object)
    ids = _ids("A", n, 4)
    # about 8% of accounts are subsidiaries of an older account of the same country
    for i in np.flatnonzero(rng.random(n) < 0.08):
        cands = np.flatnonzero((locs == locs[i]) & (created < created[i]) & (parent == ""))
        cands = cands[cands != i]
        if len(cands):
            parent[i] = ids[cands[rng.integers(len(cands))]]
    parent_ids = set(parent[parent != ""])
    parent[np.isin(ids, list(parent_ids))] = ""  # a parent is never itself a subsidiary
    return pd.DataFrame({
        "account_id": ids, "name": names.companies(rng, locs),
        "industry": _pick(rng, INDUSTRIES, n), "country": [COUNTRY[x] for x in locs],
        "employees": employees, "annual_revenue": revenue, "parent_account_id": parent,
        "owner_id": owner, "created_at": created, "_locale": locs,
    })


def _contacts(rng, names: Names, accounts: pd.DataFrame, scale: float):
    """Contacts, including the planted near-duplicate copies; returns (table, duplicate pairs)."""
    n_total = _count(1500, scale, 30)
    n_dup = max(2, int(round(0.04 * n_total)))
    n = n_total - n_dup
    weight = np.sqrt(accounts.employees.to_numpy(float))
    acc = rng.choice(len(accounts), size=n, p=weight / weight.sum())
    no_account = rng.random(n) < 0.05
    acc_loc = accounts._locale.to_numpy()[acc]
    locs = np.where(rng.random(n) < 0.85, acc_loc, _pick(rng, LOCALES, n, LOCALE_WEIGHTS))
    first, last, fslug, lslug = names.sample(rng, locs, exclude={})
    acc_ids = np.where(no_account, "", accounts.account_id.to_numpy()[acc]).astype(object)
    acc_names = accounts.name.to_numpy()[acc]
    domains = np.array([(_ascii(a)[:14] or "company") + "." + TLD[loc] for a, loc in zip(acc_names, acc_loc)],
                       dtype=object)
    webmail = _pick(rng, ("gmail.com", "outlook.com", "yahoo.com", "hotmail.fr"), n)
    domains = np.where(no_account, webmail, domains)
    email = pd.Series([f"{f or 'x'}.{last or 'x'}@{d}" for f, last, d in zip(fslug, lslug, domains)])
    rank = email.groupby(email).cumcount().to_numpy()
    email = np.array([e if r == 0 else e.replace("@", f"{r + 1}@") for e, r in zip(email, rank)], dtype=object)
    email[rng.random(n) < 0.04] = ""
    phone = _phones(rng, locs)
    phone[rng.random(n) < 0.10] = ""
    linkedin = _slug_url(rng, fslug, lslug)
    linkedin[rng.random(n) < 0.35] = ""
    acc_created = accounts.created_at.to_numpy()[acc]
    lo = np.where(no_account, HISTORY_START - 365 * DAY, acc_created)
    lo = lo.astype("datetime64[s]")
    created = lo + ((AS_OF - 2 * DAY - lo).astype(np.int64) * rng.random(n) ** 1.5).astype("timedelta64[s]")
    cities = np.array([names.cities[loc][rng.integers(len(names.cities[loc]))] for loc in locs], dtype=object)
    maxmsg = rng.choice([1, 2, 3, 5], size=n, p=[0.3, 0.35, 0.25, 0.10]).astype(float)
    maxmsg[rng.random(n) < 0.03] = np.nan
    df = pd.DataFrame({
        "account_id": acc_ids, "first_name": first, "last_name": last, "email": email, "phone": phone,
        "title": _pick(rng, TITLES, n, TITLE_WEIGHTS),
        "lifecycle_stage": _pick(rng, ("subscriber", "lead", "marketing_qualified", "sales_qualified",
                                       "opportunity", "customer", "evangelist", "other"), n,
                                 [12, 16, 10, 8, 9, 33, 5, 7]),
        "preferred_channel": _pick(rng, ("email", "phone", "sms", ""), n, [60, 20, 15, 5]),
        "max_msgs_per_week": maxmsg, "city": cities, "country": [COUNTRY[x] for x in locs],
        "source": _pick(rng, ("web_form", "import", "event", "referral", "linkedin", "purchased_list"), n,
                        [30, 20, 15, 15, 12, 8]),
        "linkedin_url": linkedin, "created_at": created, "_locale": locs,
    })
    dups, kinds = _near_duplicates(rng, df, n_dup)
    df = pd.concat([df, dups], ignore_index=True)
    order = rng.permutation(len(df))
    df = df.iloc[order].reset_index(drop=True)
    ids = _ids("C", len(df), 5)
    df.insert(0, "contact_id", ids)
    position = np.empty(len(order), dtype=np.int64)
    position[order] = np.arange(len(order))
    pairs = [[ids[position[o]], ids[position[n + k]]] for k, o in enumerate(dups["_original"])]
    detail = [{"original": a, "copy": b, "changes": c} for (a, b), c in zip(pairs, kinds)]
    df["_copy"] = False
    df.loc[position[n:], "_copy"] = True
    return df.drop(columns="_original"), pairs, detail


def _typo(rng, word: str) -> str:
    """``word`` with one slip of the keyboard: two letters swapped, one dropped or one doubled.

    >>> _typo(np.random.default_rng(0), "Martin") != "Martin"
    True
    """
    if len(word) < 3:
        return word + word[-1:]
    i = int(rng.integers(1, len(word) - 1))
    kind = rng.integers(3)
    if kind == 0 and word[i] != word[i + 1]:  # swap two neighbours
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind == 1:  # drop a letter
        return word[:i] + word[i + 1:]
    return word[:i] + word[i] + word[i:]  # double a letter


def _near_duplicates(rng, df: pd.DataFrame, n_dup: int):
    """Copies of ``n_dup`` contacts, each changed the way people re-enter a contact by hand."""
    from faker.decode import unidecode

    originals = rng.choice(len(df), size=n_dup, replace=False)
    dups = df.iloc[originals].copy().reset_index(drop=True)
    dups["_original"] = originals
    cols = {c: dups[c].to_numpy(dtype=object).copy() for c in ("first_name", "last_name", "email", "phone",
                                                               "linkedin_url", "_locale")}
    kinds = []
    taken = {(name_key(a), name_key(b)) for a, b in zip(df.first_name, df.last_name)}
    for k in range(n_dup):
        first, last, email, phone = (cols[c][k] for c in ("first_name", "last_name", "email", "phone"))
        first0, last0 = first, last
        changes = []
        options = ["typo", "case", "swap", "accent", "phone"]
        picks = rng.choice(len(options), size=2, replace=False)
        for p in picks:
            change = options[p]
            if change == "accent":
                plain_first, plain_last = unidecode(first), unidecode(last)
                if (plain_first, plain_last) != (first, last) and cols["_locale"][k] == "fr_FR":
                    first, last = plain_first, plain_last
                else:
                    change = "typo"
            if change == "typo":
                last = _typo(rng, last)
            elif change == "case":
                if rng.random() < 0.5:
                    last = last.upper()
                else:
                    first, last = first.lower(), last.lower()
                if first == first0 and last == last0:  # a script without case
                    last = _typo(rng, last)
                    change = "typo"
            elif change == "swap":
                first, last = last, first
            elif change == "phone":
                if phone:
                    digits = re.sub(r"\D", "", phone)
                    phone = digits if rng.random() < 0.5 else "00" + digits
                else:
                    change = "case" if first.lower() != first else "typo"
                    last = last.upper() if change == "case" else _typo(rng, last)
            changes.append(change)
        roll = rng.random()
        if roll < 0.45:
            changes.append("same email")
        elif roll < 0.65 and email:
            email = email.upper() if rng.random() < 0.5 else email.split("@")[0] + "@gmail.com"
            changes.append("similar email")
        else:
            email = ""
            changes.append("no email")
        if (first, last, email, phone) == (first0, last0, cols["email"][k], cols["phone"][k]):
            last = _typo(rng, last)  # e.g. a swap of two equal names: the copy must differ somewhere
            changes.append("typo")
        own = (name_key(first0), name_key(last0))
        for _ in range(20):  # the copy must not look like a third, unrelated person
            key = (name_key(first), name_key(last))
            if key in (own, own[::-1]) or (key not in taken and key[::-1] not in taken):
                break
            last = _typo(rng, last)
        taken.add(key)
        cols["first_name"][k], cols["last_name"][k], cols["email"][k], cols["phone"][k] = first, last, email, phone
        if rng.random() < 0.7:
            cols["linkedin_url"][k] = ""
        kinds.append(sorted(dict.fromkeys(changes)))
    for c, values in cols.items():
        dups[c] = values
    dups["created_at"] = np.maximum(dups.created_at.to_numpy(),
                                    _between(rng, dups.created_at.to_numpy(), AS_OF - DAY))
    return dups, kinds


def _consents(rng, contacts: pd.DataFrame):
    """The consent log, and per channel the grant / revoke / re-grant moments (NaT when none)."""
    n = len(contacts)
    created = contacts.created_at.to_numpy()
    nat = np.full(n, np.datetime64("NaT"), "datetime64[s]")
    rows, windows = [], {}
    for channel, p_grant, p_revoke in (("email", 0.85, 0.08), ("sms", 0.35, 0.10), ("phone", 0.5, 0.03)):
        granted = rng.random(n) < p_grant
        g = np.minimum(created + (rng.integers(0, 3 * 86400, n)).astype("timedelta64[s]"), AS_OF - HOUR)
        g = np.where(granted, g, nat)
        revoked = granted & (rng.random(n) < p_revoke) & (g < AS_OF - 3 * DAY)
        r = np.where(revoked, _between(rng, g + DAY, AS_OF - DAY, n), nat)
        regranted = revoked & (rng.random(n) < 0.15) & (r < AS_OF - 3 * DAY)
        rg = np.where(regranted, _between(rng, r + DAY, AS_OF - DAY, n), nat)
        windows[channel] = (g, r, rg)
        for status, mask, at in (("granted", granted, g), ("revoked", revoked, r), ("granted", regranted, rg)):
            idx = np.flatnonzero(mask)
            src = (_pick(rng, ("web_form", "event", "import", "phone_call"), len(idx), [45, 20, 25, 10])
                   if status == "granted" else _pick(rng, ("unsubscribe_link", "email_reply", "phone_call",
                                                            "web_form"), len(idx), [55, 15, 10, 20]))
            rows.append(pd.DataFrame({"contact_id": contacts.contact_id.to_numpy()[idx], "channel": channel,
                                      "status": status, "at": at[idx], "source": src}))
    log = pd.concat(rows, ignore_index=True)
    at = log["at"].to_numpy()
    log["wording_version"] = np.where(at < np.datetime64("2024-05-01"), "v1",
                                      np.where(at < np.datetime64("2025-09-01"), "v2", "v3"))
    log = log.sort_values(["at", "contact_id", "channel"], kind="stable").reset_index(drop=True)
    return log, windows


def _allowed(windows, channel, idx, when) -> np.ndarray:
    """True where contact ``idx`` has granted ``channel`` at ``when`` (newest log entry wins)."""
    g = windows[channel][0][idx]
    after_grant = ~np.isnat(g) & (g <= when)
    return after_grant & ~_revoked(windows, channel, idx, when)


def _revoked(windows, channel, idx, when) -> np.ndarray:
    """True where contact ``idx`` had revoked ``channel`` at ``when`` and not granted it again."""
    _, r, rg = (w[idx] for w in windows[channel])
    return ~np.isnat(r) & (r <= when) & (np.isnat(rg) | (when < rg))


def _opportunities(rng, accounts, contacts, users, products, scale):
    n = _count(700, scale, 20)
    weight = np.sqrt(accounts.employees.to_numpy(float))
    acc = rng.choice(len(accounts), size=n, p=weight / weight.sum())
    reps = users.user_id[users.team == "sales"].to_numpy()
    owner = np.where(rng.random(n) < 0.9, accounts.owner_id.to_numpy()[acc], reps[rng.integers(0, len(reps), n)])
    prod = rng.integers(0, len(products), n)
    is_open = rng.random(n) < 0.35
    cycle = np.maximum(7, rng.gamma(2.0, 40.0, n)).astype(np.int64) * DAY
    since = np.maximum(accounts.created_at.to_numpy().astype("datetime64[s]")[acc], HISTORY_START)
    created_closed = _between(rng, since, np.maximum(since, AS_OF - cycle - DAY))
    created_open = _between(rng, np.maximum(since, AS_OF - 300 * DAY), AS_OF - 5 * DAY)
    created = np.where(is_open, created_open, created_closed).astype("datetime64[D]").astype("datetime64[s]")
    closed = ~is_open
    won = closed & (rng.random(n) < 0.45)
    stage_names = np.array([s for s, _ in STAGES], dtype=object)
    default = dict(STAGES)
    open_stage = rng.choice(8, size=n, p=np.array([16, 15, 14, 13, 11, 10, 11, 10]) / 100)
    stage = np.where(won, "Closed Won", np.where(closed, "Closed Lost", stage_names[open_stage]))
    ahead = rng.integers(5, 200, n) * DAY
    close = np.where(closed, np.minimum(created + cycle, AS_OF - DAY), AS_OF + ahead)
    close = close.astype("datetime64[D]").astype("datetime64[s]")
    # planted: open deals whose close date has passed
    open_idx = np.flatnonzero(~closed)
    overdue = np.sort(rng.choice(open_idx, size=max(3, int(round(0.10 * len(open_idx)))), replace=False))
    late = rng.integers(3, 90, len(overdue)) * DAY
    close[overdue] = AS_OF - late
    created[overdue] = np.minimum(created[overdue], close[overdue] - 14 * DAY)
    prob = np.array([default[s] for s in stage], dtype=np.int64)
    mismatch = np.sort(rng.choice(open_idx, size=max(3, int(round(0.06 * len(open_idx)))), replace=False))
    shift = rng.choice([-30, -20, -10, 10, 20, 30], size=len(mismatch))
    prob[mismatch] = np.clip(prob[mismatch] + shift, 5, 95)
    prob[mismatch] = np.where(prob[mismatch] == np.array([default[s] for s in stage[mismatch]]),
                              prob[mismatch] + 5, prob[mismatch])
    price = products.list_price.to_numpy()[prod]
    amount = np.round(np.maximum(price, price * rng.lognormal(np.log(12), 0.9, n)), -1)
    # primary contact: one of the account's contacts, when it has any
    cont_acc = contacts.account_id.to_numpy()
    order = np.argsort(cont_acc, kind="stable")
    sorted_acc = cont_acc[order]
    acc_ids = accounts.account_id.to_numpy()[acc]
    lo = np.searchsorted(sorted_acc, acc_ids, "left")
    hi = np.searchsorted(sorted_acc, acc_ids, "right")
    has = hi > lo
    pick = lo + (rng.random(n) * np.maximum(hi - lo, 1)).astype(np.int64)
    primary = np.where(has, contacts.contact_id.to_numpy()[order][np.minimum(pick, len(order) - 1)], "")
    primary[rng.random(n) < 0.05] = ""
    next_step = _pick(rng, ("Book a demo", "Send the proposal", "Call the decision maker", "Site visit",
                            "Follow up on pricing", "Send references", "Agree on delivery dates", ""), n)
    ids = _ids("OP", n, 4)
    df = pd.DataFrame({
        "opportunity_id": ids,
        "name": [f"{a} - {p}" for a, p in zip(accounts.name.to_numpy()[acc], products.name.to_numpy()[prod])],
        "account_id": acc_ids, "primary_contact_id": primary, "owner_id": owner,
        "product_id": products.product_id.to_numpy()[prod], "stage": stage, "probability": prob,
        "amount": amount, "created_at": created, "close_date": close, "is_closed": closed, "is_won": won,
        "lead_source": _pick(rng, ("Web", "Referral", "Event", "Partner", "Cold call", "LinkedIn"), n,
                             [30, 20, 15, 12, 13, 10]),
        "next_step": np.where(closed, "", next_step),
    })
    return df, ids[overdue].tolist(), ids[mismatch].tolist()


def _leads(rng, names, opps, contacts, accounts, users, scale):
    n = _count(500, scale, 10)
    with_contact = np.flatnonzero((opps.primary_contact_id.to_numpy() != "")
                                  & (opps.created_at.to_numpy() > HISTORY_START + 60 * DAY))
    n_conv = min(len(with_contact), int(round(0.12 * n)))
    conv = np.sort(rng.choice(with_contact, size=n_conv, replace=False))
    n_new = n - n_conv
    locs = _pick(rng, LOCALES, n_new, LOCALE_WEIGHTS)
    first, last, fslug, lslug = names.sample(rng, locs)
    companies = names.companies(rng, locs, unique=False)
    domains = [(_ascii(c)[:14] or "company") + "." + TLD[loc] for c, loc in zip(companies, locs)]
    email = np.array([f"{f or 'x'}.{last or 'x'}@{d}" for f, last, d in zip(fslug, lslug, domains)], dtype=object)
    email[rng.random(n_new) < 0.05] = ""
    reps = users.user_id[(users.team == "sales") & ~users._manager].to_numpy()
    created = _between(rng, HISTORY_START, AS_OF - DAY, n_new).astype("datetime64[D]").astype("datetime64[s]")
    age = (AS_OF - created).astype(np.int64) / 86400
    status = np.where(age < 30, _pick(rng, ("new", "working"), n_new, [60, 40]),
                      _pick(rng, ("working", "nurturing", "qualified", "unqualified"), n_new, [15, 40, 15, 30]))
    fit = np.clip(np.round(rng.normal(50, 20, n_new)), 0, 100).astype(np.int64)
    eng = np.clip(np.round(rng.normal(40, 22, n_new)), 0, 100).astype(np.int64)
    fresh = pd.DataFrame({"company": companies, "name": [f"{a} {b}" for a, b in zip(first, last)],
                          "email": email, "status": status, "fit_score": fit, "engagement_score": eng,
                          "owner_id": reps[rng.integers(0, len(reps), n_new)], "created_at": created,
                          "converted_at": np.full(n_new, np.datetime64("NaT"), "datetime64[s]"),
                          "converted_contact_id": "", "converted_opportunity_id": ""})
    o = opps.iloc[conv]
    c = contacts.set_index("contact_id").loc[o.primary_contact_id]
    acc_name = accounts.set_index("account_id").name.loc[o.account_id].to_numpy()
    conv_at = o.created_at.to_numpy()
    converted = pd.DataFrame({
        "company": acc_name, "name": (c.first_name + " " + c.last_name).to_numpy(), "email": c.email.to_numpy(),
        "status": "converted", "fit_score": np.clip(np.round(rng.normal(72, 12, n_conv)), 0, 100).astype(np.int64),
        "engagement_score": np.clip(np.round(rng.normal(68, 15, n_conv)), 0, 100).astype(np.int64),
        "owner_id": o.owner_id.to_numpy(),
        "created_at": (conv_at - rng.integers(3, 60, n_conv) * DAY),
        "converted_at": conv_at, "converted_contact_id": o.primary_contact_id.to_numpy(),
        "converted_opportunity_id": o.opportunity_id.to_numpy()})
    df = pd.concat([fresh, converted], ignore_index=True)
    df["lead_source"] = _pick(rng, ("Web", "Referral", "Event", "Partner", "Cold call", "LinkedIn"), len(df),
                              [30, 20, 15, 12, 13, 10])
    df = df.sort_values(["created_at", "name"], kind="stable").reset_index(drop=True)
    df.insert(0, "lead_id", _ids("L", len(df), 4))
    src = df.set_index("converted_opportunity_id").lead_source
    src = src[src.index != ""]
    opps.loc[opps.opportunity_id.isin(src.index), "lead_source"] = src.loc[
        opps.opportunity_id[opps.opportunity_id.isin(src.index)]].to_numpy()
    return df


SUBJECTS = {
    "call": ("Discovery call", "Follow-up call", "Pricing discussion", "Check-in call", "Renewal call",
             "Call about delivery"),
    "email": ("Sent the proposal", "Meeting recap", "Sent product brochure", "Answered pricing question",
              "Introduction email", "Follow-up email"),
    "meeting": ("Demo on site", "Kick-off meeting", "Quarterly review", "Negotiation meeting",
                "Workshop with the IT team"),
    "task": ("Prepare the quote", "Update the account plan", "Send the contract", "Book the installation",
             "Check the credit limit"),
    "note": ("Decision expected next month", "Budget confirmed", "New contact at the account",
             "Competitor also in the running", "Prefers calls in the morning"),
}
OUTCOMES = {"call": ("connected", "left voicemail", "no answer", "call back later"),
            "meeting": ("positive", "neutral", "needs follow-up")}


def _activities(rng, opps, contacts, accounts, cases, users, windows, silent_rep, scale):
    n = _count(10500, scale, 50)
    kind = rng.choice(3, size=n, p=[0.6, 0.25, 0.15])  # on a deal, on a contact, after-sales
    owner = np.empty(n, dtype=object)
    contact = np.full(n, "", dtype=object)
    account = np.full(n, "", dtype=object)
    opp = np.full(n, "", dtype=object)
    lo = np.empty(n, "datetime64[s]")
    hi = np.empty(n, "datetime64[s]")
    # on a deal: open deals draw more activity
    rows = np.flatnonzero(kind == 0)
    w = np.where(opps.is_closed.to_numpy(), 1.0, 2.5)
    o = rng.choice(len(opps), size=len(rows), p=w / w.sum())
    owner[rows] = opps.owner_id.to_numpy()[o]
    contact[rows] = opps.primary_contact_id.to_numpy()[o]
    account[rows] = opps.account_id.to_numpy()[o]
    opp[rows] = opps.opportunity_id.to_numpy()[o]
    lo[rows] = opps.created_at.to_numpy()[o]
    hi[rows] = np.minimum(opps.close_date.to_numpy()[o] + DAY, AS_OF + 30 * DAY)
    # on a contact, by the account's owner
    rows = np.flatnonzero(kind == 1)
    with_acc = np.flatnonzero(contacts.account_id.to_numpy() != "")
    c = with_acc[rng.integers(0, len(with_acc), len(rows))]
    contact[rows] = contacts.contact_id.to_numpy()[c]
    account[rows] = contacts.account_id.to_numpy()[c]
    owner[rows] = accounts.set_index("account_id").owner_id.loc[account[rows]].to_numpy()
    lo[rows] = contacts.created_at.to_numpy()[c]
    hi[rows] = AS_OF + 20 * DAY
    # after-sales, by the service team, around a case
    rows = np.flatnonzero(kind == 2)
    agents = users.user_id[users.team == "service"].to_numpy()
    k = rng.integers(0, len(cases), len(rows))
    contact[rows] = cases.contact_id.to_numpy()[k]
    account[rows] = contacts.set_index("contact_id").account_id.loc[contact[rows]].to_numpy()
    owner[rows] = agents[rng.integers(0, len(agents), len(rows))]
    lo[rows] = cases.opened_at.to_numpy()[k]
    closed_at = cases.closed_at.to_numpy()[k]
    hi[rows] = np.where(np.isnat(closed_at), AS_OF + 7 * DAY, closed_at)
    # the silent rep logs almost nothing
    silent = np.flatnonzero(owner == silent_rep)
    keep = owner != silent_rep
    keep[rng.choice(silent, size=min(len(silent), int(round(max(3, 5 * scale)))), replace=False)] = True
    sel = np.flatnonzero(keep)
    owner, contact, account, opp, lo, hi, kind = (a[sel] for a in (owner, contact, account, opp, lo, hi, kind))
    n = len(sel)
    typ = np.where(kind == 2, _pick(rng, ("call", "email", "note", "task"), n, [35, 35, 15, 15]),
                   _pick(rng, ("call", "email", "meeting", "task", "note"), n, [30, 30, 12, 18, 10]))
    due = _office_hours(rng, _between(rng, lo, np.maximum(hi, lo + DAY)))
    past = due < AS_OF
    roll = rng.random(n)
    status = np.where(past, np.where(roll < 0.86, "completed", np.where(roll < 0.92, "cancelled", "planned")),
                      "planned")
    status = np.where(typ == "note", np.where(past, "completed", "planned"), status)
    # completed a little after the due time, and always before as_of
    done = np.where(status == "completed", due + rng.integers(0, 3600, n).astype("timedelta64[s]"),
                    np.datetime64("NaT", "s"))
    done = np.where(done >= AS_OF, AS_OF - 60 * np.timedelta64(1, "s"), done)
    remind = np.where(np.isin(typ, ("call", "meeting", "task")) & (rng.random(n) < 0.45),
                      due - _pick(rng, (900, 3600, 86400), n).astype(np.int64).astype("timedelta64[s]"),
                      np.datetime64("NaT", "s"))
    direction = np.where(np.isin(typ, ("call", "email")),
                         np.where(rng.random(n) < 0.75, "outbound", "inbound"), "")
    outcome = np.full(n, "", dtype=object)
    for t, choices in OUTCOMES.items():
        m = (typ == t) & (status == "completed")
        outcome[m] = _pick(rng, choices, int(m.sum()))
    subject = np.empty(n, dtype=object)
    for t, choices in SUBJECTS.items():
        m = typ == t
        subject[m] = _pick(rng, choices, int(m.sum()))
    df = pd.DataFrame({"type": typ, "subject": subject, "status": status, "due_at": due, "reminder_at": remind,
                       "completed_at": done, "owner_id": owner, "contact_id": contact, "account_id": account,
                       "opportunity_id": opp, "direction": direction, "outcome": outcome})
    # no email of any kind while a contact's email consent is revoked
    idx = _contact_index(contacts, df.contact_id.to_numpy())
    when = _moment(df)
    bad = (df.type.to_numpy() == "email") & (idx >= 0)
    bad[bad] = _revoked(windows, "email", idx[bad], when[bad])
    return df[~bad].reset_index(drop=True)


GROUP_MEETING_SUBJECTS = ("Workshop with the buying committee", "Site visit with the project team",
                          "Steering committee", "Demo for the department heads")
ROUND_TABLE_SUBJECTS = ("Customer round table", "User group meeting", "Breakfast briefing")


def _shared_activities(seed, activities, opps, contacts, accounts, social_reps, silent_rep, scale):
    """Meetings attended by several contacts, and deals worked with several contacts of their account.

    They are what ties the CRM's contacts to each other in the network track
    (``same_meeting``, ``same_opportunity``).  They use a random stream of
    their own and are appended after every other activity, with the next ids,
    so the rest of the sample is the same with or without them.  A meeting is
    one row per attendee sharing owner, subject, due and completion times.
    Returns the new rows and what ``meta.json`` records under ``planted``.
    """
    rng = np.random.default_rng([seed, 1])  # a stream of its own: the main stream is untouched
    first = len(activities) + 1
    width = len(str(activities.activity_id.iloc[-1])) - 2 if len(activities) else 5
    people = contacts[(contacts.account_id != "") & ~contacts._copy]
    by_account = {a: g.contact_id.to_numpy() for a, g in people.groupby("account_id", sort=True)}
    account_of = dict(zip(people.contact_id, people.account_id))
    born = dict(zip(people.contact_id, people.created_at.to_numpy().astype("datetime64[s]")))
    owner_of = accounts.set_index("account_id").owner_id
    never = np.datetime64("NaT", "s")
    rows, meetings, deals = [], [], {}

    def one(values):
        return values[int(rng.integers(len(values)))]

    def moment(contact_ids, lo, hi):
        """An office-hours moment after ``lo`` and after the contacts exist, before ``hi``."""
        start = min(max([lo] + [born[c] for c in contact_ids]) + DAY, hi - DAY)
        return _office_hours(rng, _between(rng, start, hi, 1))[0]

    def meeting(owner, attendees, subject):
        due = moment(attendees, AS_OF - 540 * DAY, AS_OF - 2 * DAY)  # the last eighteen months
        reminder = due - DAY if rng.random() < 0.5 else never
        outcome = one(OUTCOMES["meeting"])
        meetings.append([first + len(rows) + i for i in range(len(attendees))])
        rows.extend(("meeting", subject, "completed", due, reminder, due + HOUR, owner, c, account_of[c], "", "",
                     outcome) for c in attendees)

    groups = sorted(a for a, members in by_account.items() if len(members) >= 2 and owner_of[a] != silent_rep)
    weight = np.array([3.0 if owner_of[a] in social_reps else 1.0 for a in groups])
    chosen = rng.choice(len(groups), size=min(len(groups), _count(60, scale, 3)), replace=False,
                        p=weight / weight.sum())
    for i in np.sort(chosen):
        members = by_account[groups[i]]
        attendees = sorted(rng.choice(members, size=min(len(members), int(rng.integers(2, 5))), replace=False))
        meeting(owner_of[groups[i]], attendees, one(GROUP_MEETING_SUBJECTS))
    # round tables: one rep's contacts from several accounts, who meet each other there
    for _ in range(_count(12, scale, 1)):
        rep = one(social_reps)
        mine = [a for a in groups if owner_of[a] == rep] or groups
        picked = np.sort(rng.choice(len(mine), size=min(len(mine), int(rng.integers(3, 5))), replace=False))
        meeting(rep, sorted(one(by_account[mine[j]]) for j in picked), one(ROUND_TABLE_SUBJECTS))
    # deals worked with more than their primary contact: calls and meetings with the buyer's colleagues
    worked = opps[(opps.owner_id != silent_rep) & opps.account_id.isin(groups) & (opps.primary_contact_id != "")
                  & (opps.created_at < AS_OF - 10 * DAY)]
    picked = np.sort(rng.choice(len(worked), size=min(len(worked), _count(40, scale, 2)), replace=False))
    for deal in worked.iloc[picked].itertuples(index=False):
        lo = np.datetime64(deal.created_at, "s")
        hi = max(min(np.datetime64(deal.close_date, "s"), AS_OF - DAY), lo + 2 * DAY)
        others = [c for c in by_account[deal.account_id] if c != deal.primary_contact_id and born[c] < hi - 2 * DAY]
        if not others:
            continue
        extra = sorted(rng.choice(others, size=min(len(others), int(rng.integers(1, 4))), replace=False))
        for c in extra:
            due = moment([c], lo, hi)
            if rng.random() < 0.6:
                rows.append(("call", one(SUBJECTS["call"]), "completed", due, never, due + 600 * np.timedelta64(1, "s"),
                             deal.owner_id, c, deal.account_id, deal.opportunity_id,
                             "outbound" if rng.random() < 0.75 else "inbound", one(OUTCOMES["call"])))
            else:
                rows.append(("meeting", one(SUBJECTS["meeting"]), "completed", due, never, due + HOUR, deal.owner_id,
                             c, deal.account_id, deal.opportunity_id, "", one(OUTCOMES["meeting"])))
        deals[deal.opportunity_id] = [deal.primary_contact_id] + [str(c) for c in extra]
    added = pd.DataFrame(rows, columns=["type", "subject", "status", "due_at", "reminder_at", "completed_at",
                                        "owner_id", "contact_id", "account_id", "opportunity_id", "direction",
                                        "outcome"])
    added.insert(0, "activity_id", [f"AC{i:0{width}d}" for i in range(first, first + len(added))])
    planted = {"group_meetings": [[f"AC{i:0{width}d}" for i in m] for m in meetings],
               "multi_contact_deals": deals}
    return added, planted


def _contact_index(contacts, ids) -> np.ndarray:
    """Row of each contact id in ``contacts`` (-1 for blank)."""
    pos = pd.Series(np.arange(len(contacts)), index=contacts.contact_id.to_numpy())
    out = pos.reindex(ids).to_numpy()
    return np.where(np.isnan(out), -1, out).astype(np.int64)


def _moment(activities: pd.DataFrame) -> np.ndarray:
    """When an activity happened: completed_at when done, else due_at."""
    done = activities.completed_at.to_numpy().astype("datetime64[s]")
    return np.where(np.isnat(done), activities.due_at.to_numpy().astype("datetime64[s]"), done)


def _campaigns(rng, templates, scale):
    n = max(6, int(round(10 * scale ** 0.5)))
    channel = np.where(np.arange(n) % 3 == 2, "sms", "email")
    start = np.sort(_between(rng, HISTORY_START + 30 * DAY, AS_OF - 20 * DAY, n).astype("datetime64[D]"))
    tmpl = np.empty(n, dtype=object)
    for ch in ("email", "sms"):
        pool = templates.template_id[templates.channel == ch].to_numpy()
        m = channel == ch
        tmpl[m] = pool[rng.integers(0, len(pool), int(m.sum()))]
    themes = np.array(CAMPAIGN_THEMES, dtype=object)[rng.permutation(len(CAMPAIGN_THEMES))[:min(n, 12)]]
    names = [f"{themes[i % len(themes)]} {str(s)[:4]}" + (f" #{i // len(themes) + 1}" if i >= len(themes) else "")
             for i, s in enumerate(start)]
    end = start + rng.integers(14, 45, n).astype("timedelta64[D]")
    return pd.DataFrame({"campaign_id": _ids("CP", n, 2), "name": names, "channel": channel,
                         "template_id": tmpl, "start": start.astype("datetime64[s]"),
                         "end": end.astype("datetime64[s]"),
                         "budget": np.round(rng.uniform(800, 15000, n), -2)})


def _campaign_members(rng, campaigns, contacts, windows, scale):
    """Who each campaign went to; one email campaign is an A/B test where B does better."""
    target = _count(6000, scale, 30)
    email_ids = np.flatnonzero(campaigns.channel.to_numpy() == "email")
    ab = email_ids[len(email_ids) // 2]
    out = []
    created = contacts.created_at.to_numpy()
    everyone = np.arange(len(contacts))
    eligible_of = []
    for camp in campaigns.itertuples(index=False):
        send = np.datetime64(camp.start, "s")
        ok = ((created < send) & _allowed(windows, camp.channel, everyone, send)
              & _allowed(windows, camp.channel, everyone, send + 3 * DAY)
              & ~_revoked(windows, "email", everyone, send + 3 * DAY))
        eligible_of.append(np.flatnonzero(ok))
    reach = min(1.0, target / max(1, sum(len(e) for e in eligible_of)))
    for i, camp in enumerate(campaigns.itertuples(index=False)):
        send = np.datetime64(camp.start, "s")
        eligible = eligible_of[i]
        size = min(len(eligible), int(round(len(eligible) * reach * rng.uniform(0.85, 1.15))))
        who = np.sort(rng.choice(eligible, size=size, replace=False))
        sent = _office_hours(rng, send + rng.integers(0, 3, size) * DAY)
        email = camp.channel == "email"
        if i == ab:
            variant = np.where(rng.random(size) < 0.5, "A", "B")
            p_open = np.where(variant == "B", 0.34, 0.22)
            p_resp = np.where(variant == "B", 0.24, 0.15)
        else:
            variant = np.full(size, "", dtype=object)
            p_open = np.full(size, rng.uniform(0.18, 0.3) if email else 0.0)
            p_resp = np.full(size, rng.uniform(0.1, 0.2) if email else rng.uniform(0.02, 0.05))
        bounced = rng.random(size) < (0.03 if email else 0.01)
        opened = ~bounced & (rng.random(size) < p_open)
        responded = ~bounced & (rng.random(size) < p_resp) & (opened | (not email))
        status = np.where(bounced, "bounced", np.where(responded, "responded", np.where(opened, "opened", "sent")))
        out.append(pd.DataFrame({"campaign_id": camp.campaign_id, "contact_id": contacts.contact_id.to_numpy()[who],
                                 "variant": variant, "status": status, "sent_at": sent,
                                 "opened": opened if email else np.full(size, None, dtype=object),
                                 "responded": responded, "_idx": who}))
    members = pd.concat(out, ignore_index=True)
    return members, campaigns.campaign_id.to_numpy()[ab]


def _messages(members, activities, contacts):
    """Every message a contact received: campaign sends and email activities, with the week."""
    a_idx = _contact_index(contacts, activities.contact_id.to_numpy())
    a_mask = (activities.type.to_numpy() == "email") & (a_idx >= 0)
    moments = np.concatenate([members.sent_at.to_numpy().astype("datetime64[s]"), _moment(activities)[a_mask]])
    return pd.DataFrame({
        "idx": np.concatenate([members._idx.to_numpy(), a_idx[a_mask]]),
        "at": moments, "week": _week(moments),
        "source": np.concatenate([np.zeros(len(members), np.int8), np.ones(int(a_mask.sum()), np.int8)]),
        "row": np.concatenate([np.arange(len(members)), np.flatnonzero(a_mask)]),
    })


def _cap_pressure(members, activities, contacts):
    """Drop the messages that would push a contact over ``max_msgs_per_week`` in some week."""
    msgs = _messages(members, activities, contacts).sort_values(["idx", "week", "at", "source", "row"])
    rank = msgs.groupby(["idx", "week"]).cumcount().to_numpy()
    cap = contacts.max_msgs_per_week.to_numpy()[msgs.idx.to_numpy()]
    drop = msgs[~np.isnan(cap) & (rank >= np.nan_to_num(cap, nan=0))]
    members = members.drop(index=drop.row[drop.source == 0].to_numpy()).reset_index(drop=True)
    activities = activities.drop(index=drop.row[drop.source == 1].to_numpy()).reset_index(drop=True)
    return members, activities


def _email_activities(contacts, rows, owners, moments) -> pd.DataFrame:
    """Completed outbound emails to the contacts at ``rows`` (positions), sent at ``moments``."""
    rows = np.asarray(rows, dtype=np.int64)
    moments = np.asarray(moments, dtype="datetime64[s]")
    return pd.DataFrame({
        "type": "email", "subject": "Follow-up email", "status": "completed", "due_at": moments,
        "reminder_at": np.full(len(rows), np.datetime64("NaT"), "datetime64[s]"), "completed_at": moments,
        "owner_id": np.asarray(owners, dtype=object), "contact_id": contacts.contact_id.to_numpy(dtype=object)[rows],
        "account_id": contacts.account_id.to_numpy(dtype=object)[rows], "opportunity_id": "",
        "direction": "outbound", "outcome": ""})


def _plant_messages(rng, members, activities, contacts, accounts, campaigns, windows, silent_rep, ab_campaign):
    """Plant emails after a revocation and weeks over a contact's limit; return what was planted."""
    g, r, rg = windows["email"]
    cap = contacts.max_msgs_per_week.to_numpy()
    contact_ids = contacts.contact_id.to_numpy(dtype=object)
    owners_by_acc = accounts.set_index("account_id").owner_id
    acc = contacts.account_id.to_numpy()
    default_owner = next(u for u in accounts.owner_id if u != silent_rep)

    def owner_of(rows):
        own = np.array([owners_by_acc.get(a, default_owner) if a else default_owner for a in acc[rows]], dtype=object)
        return np.where(own == silent_rep, default_owner, own)

    msgs = _messages(members, activities, contacts)
    counts = {(int(i), int(w)): int(c) for (i, w), c in msgs.groupby(["idx", "week"]).size().items()}
    # emails after revocation
    cand = np.flatnonzero(~np.isnat(r) & np.isnat(rg) & (r < AS_OF - 20 * DAY) & (cap >= 1)
                          & (contacts.email.to_numpy() != "") & ~contacts._copy.to_numpy())
    n_rev = min(len(cand), max(3, int(round(0.012 * len(contacts)))))
    chosen = np.sort(rng.choice(cand, size=n_rev, replace=False))
    sub = members[members._idx.isin(chosen)]
    campaigns_of = {int(i): sorted(set(g)) for i, g in sub.groupby("_idx").campaign_id}
    add_members, revoked_after = [], []
    act_rows, act_at = [], []
    email_camps = campaigns[(campaigns.channel == "email") & (campaigns.campaign_id != ab_campaign)]
    for k, i in enumerate(chosen):
        later = email_camps[email_camps.start.to_numpy() > r[i] + DAY]
        later = later[~later.campaign_id.isin(campaigns_of.get(i, []))]
        for _ in range(20):
            if k % 2 == 0 and len(later):
                camp = later.iloc[int(rng.integers(len(later)))]
                at = _office_hours(rng, np.array([np.datetime64(camp.start, "s") + int(rng.integers(0, 3)) * DAY]))
            else:
                camp = None
                at = _office_hours(rng, _between(rng, r[i] + DAY, AS_OF - DAY, 1))
            if counts.get((i, int(_week(at)[0])), 0) < cap[i]:
                break
        else:
            continue
        counts[(i, int(_week(at)[0]))] = counts.get((i, int(_week(at)[0])), 0) + 1
        if camp is not None:
            add_members.append(pd.DataFrame({"campaign_id": [camp.campaign_id],
                                             "contact_id": [contact_ids[i]], "variant": [""],
                                             "status": ["sent"], "sent_at": at, "opened": [False],
                                             "responded": [False], "_idx": [i]}))
        else:
            act_rows.append(i)
            act_at.append(at[0])
        revoked_after.append(contact_ids[i])
    # over-contacted: a week with more emails than the contact accepts
    never_revoked = np.isnat(r) & ~np.isnat(g)
    cand = np.flatnonzero(never_revoked & ~np.isnan(cap) & ~np.isin(np.arange(len(contacts)), chosen)
                          & (contacts.email.to_numpy() != "") & (contacts.created_at.to_numpy() < AS_OF - 60 * DAY))
    n_over = min(len(cand), max(3, int(round(0.02 * len(contacts)))))
    over = np.sort(rng.choice(cand, size=n_over, replace=False))
    over_detail = []
    for i in over:
        start = np.maximum(contacts.created_at.iloc[i], g[i]) + DAY
        week_start = (MONDAY + _week(_between(rng, start, AS_OF - 8 * DAY, 1)) * 7 * DAY)[0]
        have = int(counts.get((i, int(_week(np.array([week_start]))[0])), 0))
        extra = int(cap[i]) + int(rng.integers(2, 5)) - have  # well above the limit, by email alone
        at = np.sort(_office_hours(rng, week_start + rng.integers(0, 5, extra) * DAY))
        act_rows.extend([i] * extra)
        act_at.extend(at)
        over_detail.append({"contact_id": contact_ids[i], "week_start": str(week_start)[:10],
                            "messages": have + extra, "max_msgs_per_week": int(cap[i])})
    members = pd.concat([members, *add_members], ignore_index=True)
    added = _email_activities(contacts, act_rows, owner_of(np.asarray(act_rows, dtype=np.int64)), act_at)
    activities = pd.concat([activities, added], ignore_index=True)
    return members, activities, sorted(revoked_after), over_detail


def _orders(rng, contacts, products, scale):
    """Orders and their lines, with customers that range from champions to lapsed."""
    buyers = np.flatnonzero(np.isin(contacts.lifecycle_stage.to_numpy(), ("customer", "evangelist")))
    n_target = _count(4000, scale, 20)
    profile = rng.choice(5, size=len(buyers), p=[0.15, 0.25, 0.2, 0.25, 0.15])
    # champion, loyal, at risk, occasional, new: (orders mean, first, last activity window, spend)
    mean = np.array([22.0, 12.0, 9.0, 3.0, 1.5])[profile]
    created = contacts.created_at.to_numpy()[buyers]
    last_gap = np.select([profile == 0, profile == 1, profile == 2, profile == 3, profile == 4],
                         [rng.integers(0, 30, len(buyers)), rng.integers(10, 120, len(buyers)),
                          rng.integers(180, 500, len(buyers)), rng.integers(30, 700, len(buyers)),
                          rng.integers(0, 60, len(buyers))])
    last = AS_OF - (last_gap + 1) * DAY
    span = np.select([profile == 4], [rng.integers(0, 60, len(buyers))], rng.integers(200, 1000, len(buyers)))
    first = np.maximum(created, last - span * DAY)
    last = np.maximum(last, first)
    n_orders = np.maximum(1, rng.poisson(mean))
    n_orders = np.maximum(1, np.round(n_orders * n_target / n_orders.sum())).astype(np.int64)
    who = np.repeat(np.arange(len(buyers)), n_orders)
    dates = _between(rng, first[who], last[who]).astype("datetime64[D]")
    is_last = np.r_[who[1:] != who[:-1], True]
    dates[is_last] = last[who[is_last]].astype("datetime64[D]")  # the last order sets the recency
    spend = rng.lognormal(0, 0.6, len(buyers))[who] * np.array([1.6, 1.2, 1.0, 0.8, 0.7])[profile[who]]
    order = np.lexsort((who, dates))
    dates, who, spend = dates[order], who[order], spend[order]
    n = len(dates)
    ids = _ids("OR", n, 5)
    ship = dates + rng.integers(1, 8, n).astype("timedelta64[D]")
    ship_s = np.where(ship < AS_OF.astype("datetime64[D]"), ship, np.datetime64("NaT", "D"))
    n_lines = rng.choice([1, 2, 3, 4], size=n, p=[0.3, 0.3, 0.25, 0.15])
    line_order = np.repeat(np.arange(n), n_lines)
    cheap = products.list_price.to_numpy() < 2000
    weight = np.where(cheap, 3.0, 0.5)
    prod = rng.choice(len(products), size=len(line_order), p=weight / weight.sum())
    qty = np.maximum(1, np.round(rng.lognormal(1.0, 0.8, len(line_order)) * spend[line_order])).astype(np.int64)
    qty = np.where(cheap[prod], qty, np.maximum(1, qty // 5))
    unit = np.round(products.list_price.to_numpy()[prod] * rng.choice([1.0, 0.95, 0.9, 0.85], len(prod),
                                                                      p=[0.55, 0.2, 0.15, 0.1]), 2)
    totals = np.bincount(line_order, weights=qty * unit, minlength=n)
    orders = pd.DataFrame({"order_id": ids, "contact_id": contacts.contact_id.to_numpy()[buyers[who]],
                           "order_date": dates.astype("datetime64[s]"), "ship_date": ship_s.astype("datetime64[s]"),
                           "channel": _pick(rng, ("web", "sales_rep", "partner"), n, [55, 30, 15]),
                           "total": np.round(totals, 2)})
    lines = pd.DataFrame({"line_id": _ids("OL", len(line_order), 5), "order_id": ids[line_order],
                          "product_id": products.product_id.to_numpy()[prod], "qty": qty, "unit_price": unit})
    return orders, lines


def _cases(rng, contacts, scale):
    n = _count(600, scale, 10)
    buyers = np.flatnonzero(np.isin(contacts.lifecycle_stage.to_numpy(), ("customer", "evangelist")))
    who = buyers[rng.integers(0, len(buyers), n)]
    opened = _office_hours(rng, _between(rng, np.maximum(contacts.created_at.to_numpy()[who], HISTORY_START),
                                         AS_OF - DAY))
    order = np.argsort(opened, kind="stable")
    opened, who = opened[order], who[order]
    age = (AS_OF - opened).astype(np.int64) / 86400
    roll = rng.random(n)
    status = np.where(age > 21, np.where(roll < 0.96, "closed", "pending"),
                      np.where(roll < 0.4, "open", np.where(roll < 0.7, "pending", "closed")))
    took = (rng.exponential(3.0, n) * 86400 + 1800).astype(np.int64).astype("timedelta64[s]")
    closed = np.where(status == "closed", np.minimum(opened + took, AS_OF - 60 * np.timedelta64(1, "s")),
                      np.datetime64("NaT", "s"))
    return pd.DataFrame({"case_id": _ids("CS", n, 4), "contact_id": contacts.contact_id.to_numpy()[who],
                         "opened_at": opened, "closed_at": closed,
                         "category": _pick(rng, ("delivery", "installation", "billing", "technical", "returns",
                                                 "account access"), n, [20, 15, 15, 30, 10, 10]),
                         "status": status})


# --------------------------------------------------------------------------- writing

def _text(values, kind: str) -> np.ndarray:
    """One column as the CSV text the schema's kind calls for; blanks become empty strings."""
    s = pd.Series(values)
    if kind == "date":
        arr = s.to_numpy().astype("datetime64[D]")
        out = np.datetime_as_string(arr).astype(object)
        out[np.isnat(arr)] = ""
        return out
    if kind == "datetime":
        arr = s.to_numpy().astype("datetime64[s]")
        out = np.char.replace(np.datetime_as_string(arr), "T", " ").astype(object)
        out[np.isnat(arr)] = ""
        return out
    if kind == "bool":
        arr = s.to_numpy(dtype=object)
        blank = pd.isna(s).to_numpy()
        out = np.where(arr.astype(bool), "true", "false").astype(object) if len(arr) else arr
        out[blank] = ""
        return out
    if kind in ("int", "float"):
        arr = s.to_numpy(dtype=float)
        blank = np.isnan(arr)
        if kind == "int":
            out = np.where(blank, 0, arr).astype(np.int64).astype(str).astype(object)
        else:
            out = np.char.mod("%.2f", np.where(blank, 0.0, arr)).astype(object)
        out[blank] = ""
        return out
    return s.fillna("").to_numpy(dtype=object)


def _write(df: pd.DataFrame, table: str, folder: Path) -> int:
    """Write one table as ``<table>.csv``: the schema's columns in order, as text, no newline inside a field."""
    import csv

    spec = SCHEMA[table]
    columns = []
    for c in spec.columns:
        values = _text(df[c.name], c.kind)
        if c.kind in ("str", "id", "category"):
            joined = "".join(values)
            if "\n" in joined or "\r" in joined:
                values = np.array([v.replace("\r", " ").replace("\n", " ") for v in values], dtype=object)
        columns.append(values)
    with open(folder / spec.file, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(spec.column_names)
        writer.writerows(zip(*columns))
    return len(df)


def _version() -> str:
    from .. import __version__

    return __version__


def generate(out, *, seed: int = 42, scale: float = 1.0, progress: bool = False) -> Path:
    """Write the sample company "Acme" (every schema table, ``meta.json``, ``social/``) into ``out``.

    ``seed`` makes it reproducible (same seed and scale, same bytes); ``scale``
    multiplies the row counts (1 gives about 1,500 contacts).  Returns the folder.

    >>> import tempfile
    >>> folder = generate(tempfile.mkdtemp(), seed=7, scale=0.05)
    >>> (folder / "contacts.csv").read_text(encoding="utf-8").splitlines()[0].split(",")[:4]
    ['contact_id', 'account_id', 'first_name', 'last_name']
    """
    from ..errors import InputError
    from .generate_referrals import referred_by
    from .generate_social import write_social

    try:
        scale = float(scale)
        seed = int(seed)
    except (TypeError, ValueError):
        raise InputError(f"seed {seed!r} and scale {scale!r} must be numbers", where="generate()",
                         fix="pass a whole number as seed and a positive number as scale, e.g. seed=42, scale=1"
                         ) from None
    if not (0.01 <= scale <= 1000):
        raise InputError(f"scale {scale:g} is out of range", where="generate(scale=...)",
                         fix="use a scale between 0.01 and 1000 (1 gives about 1,500 contacts)")
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    if (folder / "social" / "reps.csv").is_file():  # a previous generation: its rep folders may differ
        import shutil

        shutil.rmtree(folder / "social")
    steps = ["people", "accounts and contacts", "consents", "deals and leads", "activities and cases",
             "campaigns", "orders", "social files", "writing"]
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(steps), desc="generating Acme", unit="step")

    def step():
        if bar is not None:
            bar.update(1)

    rng = np.random.default_rng(seed)
    names = Names(seed)
    users = _users(rng, names, scale)
    step()
    accounts = _accounts(rng, names, users, scale)
    contacts, pairs, pair_detail = _contacts(rng, names, accounts, scale)
    step()
    consents, windows = _consents(rng, contacts)
    step()
    stages = pd.DataFrame({"stage": [s for s, _ in STAGES], "sort_order": np.arange(1, len(STAGES) + 1),
                           "default_probability": [p for _, p in STAGES],
                           "is_closed": [s.startswith("Closed") for s, _ in STAGES],
                           "is_won": [s == "Closed Won" for s, _ in STAGES]})
    products = pd.DataFrame({"product_id": _ids("P", len(PRODUCTS), 2), "name": [p[0] for p in PRODUCTS],
                             "series": [p[1] for p in PRODUCTS], "list_price": [p[2] for p in PRODUCTS]})
    opps, overdue, mismatch = _opportunities(rng, accounts, contacts, users, products, scale)
    _align_lifecycle(contacts, opps)
    leads = _leads(rng, names, opps, contacts, accounts, users, scale)
    step()
    reps = users[(users.team == "sales") & ~users._manager]
    open_owned = opps[~opps.is_closed].owner_id.value_counts()
    social_reps = _social_reps(reps, open_owned)
    quiet = [u for u in reps.user_id if u not in social_reps and open_owned.get(u, 0) > 0]
    silent_rep = quiet[int(rng.integers(len(quiet)))] if quiet else reps.user_id.iloc[-1]
    _give_open_deals(rng, opps, silent_rep, social_reps, at_least=3)
    cases = _cases(rng, contacts, scale)
    activities = _activities(rng, opps, contacts, accounts, cases, users, windows, silent_rep, scale)
    step()
    templates = pd.DataFrame({"template_id": _ids("T", len(TEMPLATES), 2), "channel": [t[0] for t in TEMPLATES],
                              "subject": [t[1] for t in TEMPLATES], "body": [t[2] for t in TEMPLATES]})
    campaigns = _campaigns(rng, templates, scale)
    members, ab_campaign = _campaign_members(rng, campaigns, contacts, windows, scale)
    members, activities = _cap_pressure(members, activities, contacts)
    members, activities, revoked_after, over = _plant_messages(rng, members, activities, contacts, accounts,
                                                               campaigns, windows, silent_rep, ab_campaign)
    members = members.sort_values(["campaign_id", "sent_at", "contact_id"], kind="stable").reset_index(drop=True)
    activities = activities.sort_values(["due_at", "owner_id", "contact_id"], kind="stable").reset_index(drop=True)
    activities.insert(0, "activity_id", _ids("AC", len(activities), 5))
    shared, shared_planted = _shared_activities(seed, activities, opps, contacts, accounts, social_reps, silent_rep,
                                                scale)
    activities = pd.concat([activities, shared], ignore_index=True)
    step()
    orders, order_lines = _orders(rng, contacts, products, scale)
    step()
    tables = {"users": users, "accounts": accounts, "contacts": contacts, "consents": consents, "leads": leads,
              "stages": stages, "products": products, "opportunities": opps, "activities": activities,
              "templates": templates, "campaigns": campaigns, "campaign_members": members, "orders": orders,
              "order_lines": order_lines, "cases": cases}
    social = write_social(folder / "social", rng, names, tables, social_reps, scale, AS_OF)
    contacts["referred_by"], leads["referred_by"] = referred_by(seed, contacts, leads)  # its own random stream
    step()
    counts = {t.name: _write(tables[t.name], t.name, folder) for t in TABLES}
    meta = {
        "company": "Acme", "seed": seed, "scale": scale, "as_of": str(AS_OF)[:10],
        "generator": f"workbench {_version()}", "rows": counts,
        "planted": {
            "duplicate_pairs": pairs, "duplicate_changes": pair_detail, "silent_rep": silent_rep,
            "over_contacted": [d["contact_id"] for d in over], "over_contacted_weeks": over,
            "emailed_after_revocation": revoked_after, "overdue_deals": overdue,
            "probability_mismatch": mismatch,
            "ab_test": {"campaign_id": str(ab_campaign), "better_variant": "B"},
            **shared_planted,
            **social["planted"],
        },
        "definitions": {
            "message": "a campaign_members row (sent_at) or an activity of type email (completed_at, else due_at)",
            "week": "Monday 00:00 to Sunday 23:59:59",
            "over_contacted": "more messages in one week than max_msgs_per_week",
            "emailed_after_revocation": "an email-channel campaign_members row or an email activity after the "
                                        "contact's latest email consent entry became 'revoked'",
            "overdue_deal": "is_closed is false and close_date is before as_of",
            "meeting": "activities of type meeting with the same owner_id, subject and due_at are one meeting, "
                       "one row per attendee",
        },
        "social": social["meta"],
    }
    (folder / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (folder / "README.md").write_text(data_card(meta), encoding="utf-8")
    step()
    if bar is not None:
        bar.close()
    return folder


def _give_open_deals(rng, opps: pd.DataFrame, rep: str, keep_from: list[str], at_least: int) -> None:
    """Make ``rep`` own at least ``at_least`` open deals, taken from reps not in ``keep_from``."""
    open_ = ~opps.is_closed.to_numpy()
    owner = opps.owner_id.to_numpy()
    missing = at_least - int((open_ & (owner == rep)).sum())
    if missing <= 0:
        return
    donors = np.flatnonzero(open_ & (owner != rep) & ~np.isin(owner, keep_from))
    if len(donors) < missing:
        donors = np.flatnonzero(open_ & (owner != rep))
    moved = rng.choice(donors, size=min(missing, len(donors)), replace=False)
    opps.loc[moved, "owner_id"] = rep


def _align_lifecycle(contacts: pd.DataFrame, opps: pd.DataFrame) -> None:
    """Primary contacts of won deals are customers; of open deals, at least at the opportunity stage."""
    won = set(opps.primary_contact_id[opps.is_won])
    open_ = set(opps.primary_contact_id[~opps.is_closed])
    stage = contacts.lifecycle_stage.to_numpy().copy()
    early = np.isin(stage, ("subscriber", "lead", "marketing_qualified", "sales_qualified", "other"))
    stage[contacts.contact_id.isin(sorted(open_)).to_numpy() & early] = "opportunity"
    stage[contacts.contact_id.isin(sorted(won)).to_numpy() & (stage != "evangelist")] = "customer"
    contacts["lifecycle_stage"] = stage


def _social_reps(reps: pd.DataFrame, open_owned: pd.Series) -> list[str]:
    """The three sales reps whose LinkedIn exports ship with the sample: those owning the most open deals."""
    ranked = sorted(reps.user_id, key=lambda u: (-int(open_owned.get(u, 0)), u))
    return ranked[:3]


PLANTED_WHY = {
    "duplicate_pairs": ("near-duplicate contacts", "a copy of the same person entered again by hand: a typo, a "
                        "case change, first and last name swapped, a lost accent, another phone format, the same, "
                        "a similar or no email", "data quality: find and merge duplicates before any mailing or "
                        "report (blocking, fuzzy matching)"),
    "silent_rep": ("a rep who logs almost nothing", "a sales rep who owns open deals and accounts but has logged "
                   "only a handful of activities", "why CRM projects fail: data completeness per rep, activity "
                   "reports"),
    "over_contacted": ("contacts messaged above their limit", "contacts who received more messages in one week "
                       "(campaign sends plus email activities) than their max_msgs_per_week; the emails alone "
                       "break the limit", "contact pressure: capping messages per contact and per week"),
    "emailed_after_revocation": ("emails after a revoked consent", "contacts whose latest email consent entry was "
                                 "a revocation and who were emailed afterwards (a campaign send or a "
                                 "one-to-one email)", "consent and privacy: the consent log, newest entry wins"),
    "overdue_deals": ("overdue deals", "open opportunities whose close date is before as_of",
                      "pipeline hygiene and reminders"),
    "probability_mismatch": ("probabilities that disagree with the stage table", "opportunities whose probability "
                             "is not the default_probability of their stage", "pipeline forecast: weighted "
                             "pipeline and where its inputs come from"),
}


def data_card(meta: dict) -> str:
    """The ``README.md`` data card of a generated folder: tables, columns, row counts, what is planted.

    >>> card = data_card({"seed": 1, "scale": 1, "as_of": "2026-06-30", "rows": {}, "planted": {}})
    >>> card.splitlines()[0]
    '# Acme: the synthetic sample company'
    """
    rows = meta.get("rows", {})
    planted = meta.get("planted", {})
    out = [
        "# Acme: the synthetic sample company", "",
        "Acme sells meeting-room equipment, occupancy sensors, software licences and services to companies in "
        "France, the United Kingdom, Iran, Saudi Arabia and Bangladesh.  Everything here is **synthetic**: "
        "made by `workbench data generate` from a random seed, with names from the Faker library "
        "(fr_FR, fa_IR, bn_BD, ar_SA and en_GB locales).  No real person or company is described.  "
        "Licence: synthetic data, free to use, copy and modify (same licence as the workbench).", "",
        f"- seed **{meta.get('seed')}**, scale **{meta.get('scale')}** "
        f"(regenerate with `workbench data generate --out DIR --seed {meta.get('seed')} --scale {meta.get('scale')}`;"
        " the same seed and scale give the same bytes)",
        f"- the data's \"today\" (`as_of`) is **{meta.get('as_of')}**: overdue deals, recency and reminders are "
        "measured against it, never against the real clock",
        "- CSV files: UTF-8, comma-separated, a header row, no index; dates `YYYY-MM-DD`, moments "
        "`YYYY-MM-DD HH:MM:SS`, booleans `true`/`false`, a blank field means unknown or not applicable",
        "- `meta.json` records the seed, scale, row counts and, under `planted`, the exact ids of every "
        "problem planted on purpose (so checks and lessons can verify an answer)", "",
        "## Tables", "",
        "| table | rows | what it holds |", "|---|---:|---|",
    ]
    for t in TABLES:
        out.append(f"| `{t.file}` | {rows.get(t.name, '')} | {t.description} |")
    out += ["", "## Columns", ""]
    for t in TABLES:
        out += [f"### {t.name}" + (f" (key: `{t.key}`)" if t.key else ""), "",
                "| column | kind | required | refers to | allowed values |", "|---|---|---|---|---|"]
        for c in t.columns:
            out.append(f"| `{c.name}` | {c.kind} | {'yes' if c.required else ''} | "
                       f"{'`' + c.ref + '`' if c.ref else ''} | {', '.join(c.choices) if c.choices else ''} |")
        out.append("")
    out += ["## What is planted, and why", "",
            "Real CRM data is never clean.  These problems are planted on purpose, in known places, for the "
            "lessons to find.  Everything else is consistent: keys are unique and every reference points at an "
            "existing row.", "",
            "| problem | how many | what it looks like | lesson |", "|---|---:|---|---|"]
    for key, (title, what, lesson) in PLANTED_WHY.items():
        value = planted.get(key)
        count = 1 if isinstance(value, str) else len(value or [])
        out.append(f"| {title} (`planted.{key}`) | {count} | {what} | {lesson} |")
    ab = planted.get("ab_test", {})
    out += ["",
            f"Also for the lessons: campaign `{ab.get('campaign_id', '?')}` is an A/B test in which variant "
            f"{ab.get('better_variant', 'B')} really does better (`planted.ab_test`); orders range from frequent, "
            "recent, big spenders to customers who stopped buying long ago, for RFM segmentation; some accounts are "
            "subsidiaries of a parent account (`parent_account_id`), for the account hierarchy.", "",
            f"For the network track: {len(planted.get('group_meetings', []))} meetings attended by several "
            "contacts (`planted.group_meetings`, the activity ids of each meeting: one `meeting` row per attendee "
            "with the same `owner_id`, `subject` and `due_at`; most are with one account's buying committee, a few "
            "are round tables joining one rep's contacts from several accounts) and "
            f"{len(planted.get('multi_contact_deals', {}))} deals worked with several contacts of their account "
            "(`planted.multi_contact_deals`: opportunity id -> contact ids, the primary contact first), so the "
            "network shows who met whom.  These rows come last in `activities.csv` and use a random stream of "
            "their own.", "",
            "How people came to Acme: `contacts.source` and `leads.lead_source` say through which channel, and "
            "for every referral `referred_by` names the contact who sent them (blank otherwise).  A handful of "
            "customers and evangelists, the connectors, send most of the referrals; a referrer was always in the "
            "CRM before the person they referred.  This column uses a random stream of its own, so it left every "
            "other value as it was.", "",
            "Definitions used when planting (also in `meta.json`): a *message* is a `campaign_members` row (at "
            "`sent_at`) or an activity of type `email` (at `completed_at`, else `due_at`); a *week* runs from "
            "Monday to Sunday; the consent log is read newest entry first; a *meeting* is the set of `meeting` "
            "activities sharing `owner_id`, `subject` and `due_at`.", "",
            "## Social-selling files (`social/`)", "",
            "- `reps.csv`: the three sales reps whose LinkedIn exports are included (rep_id, name, folder, "
            "linkedin_url).",
            "- `<folder>/Connections.csv`, `<folder>/messages.csv`, `<folder>/Invitations.csv`: each rep's "
            "export in LinkedIn's own formats (Connections.csv starts with LinkedIn's three-line \"Notes:\" "
            "preamble).  About a third of each rep's connections are CRM contacts, with the same name and "
            "`URL` equal to `contacts.linkedin_url`; the reps share connections and are connected to each "
            "other; a few profiles are hidden (blank names, only a date); messages include one-way threads, "
            "long two-way exchanges and group threads with several recipients; invitations are pending ones, "
            "incoming and outgoing.",
            "- `personas.json`: five buyer personas.",
            "- `brainstorm.csv`: theme ideas and six colleagues' votes (0 to 3 points), one row per idea and "
            "voter.  Near-duplicate ideas (`planted.brainstorm_near_duplicates`) and a tie at the 10th place of "
            "the shortlist (`planted.brainstorm_tie_at_10`) are there on purpose.",
            "- `posts.csv`: a year of the reps' posts with impressions, reactions, comments, shares and clicks. "
            "Reach depends on the format (video and infographics travel further than curated shares), the "
            "theme and the weekday (Tuesday to Thursday best, weekends worst); the multipliers are in "
            "`meta.json` under `social.posts_model`.", ""]
    return "\n".join(out)
