"""The social-selling files of the sample company: three reps' LinkedIn exports and content data.

:func:`write_social` is the recipe of ``social/``:

* ``reps.csv`` (rep_id, name, folder, linkedin_url);
* per rep, in the real LinkedIn export formats (:mod:`.linkedin`): ``Connections.csv``
  (with its "Notes:" preamble), ``messages.csv`` and ``Invitations.csv``.  About a third
  of each rep's connections are CRM contacts (same name, ``URL`` equal to
  ``contacts.linkedin_url``); reps share connections, some threads are group
  threads, a few profiles are hidden (blank names);
* ``personas.json``, ``brainstorm.csv`` (ideas x voters, with near-duplicate
  ideas and a tie at the shortlist boundary) and ``posts.csv`` (a year of posts
  whose engagement depends on format, theme and weekday), from :mod:`.content`.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from .clock import DAY
from .content import (
    FORMAT_ENGAGE,
    FORMAT_REACH,
    NEAR_DUPLICATE_IDEAS,
    PERSONAS,
    THEMES,
    WEEKDAY_REACH,
    write_brainstorm,
    write_posts,
)
from .draw import draw
from .linkedin import write_connections, write_invitations, write_messages
from .names import ascii_slug, linkedin_urls
from .vocabulary import LOCALE_WEIGHTS, LOCALES, TITLES


def write_social(folder: Path, rng, names, tables: dict, rep_ids: list[str], scale: float, as_of) -> dict:
    """Write the social files for ``rep_ids`` into ``folder``; return what the meta file records.

    ``tables`` are the CRM tables made so far (users, accounts, contacts are read);
    ``names`` is the :class:`~.names.Names` pool the CRM was drawn from.

    >>> import tempfile, json
    >>> from workbench.data.sample import generate
    >>> folder = generate(tempfile.mkdtemp(), seed=3, scale=0.05)
    >>> meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))["social"]
    >>> files = {p.name for p in (folder / "social").iterdir()}
    >>> len(meta["reps"]), {"reps.csv", "personas.json", "brainstorm.csv", "posts.csv"} <= files
    (3, True)
    """
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
        parts = [ascii_slug(p) for p in name.split()]
        slug = "-".join(p for p in parts if p) or rid.lower()
        slugs.append(slug if slug not in slugs else f"{slug}-{rid.lower()}")
    rep_urls = [f"https://www.linkedin.com/in/{s}-acme" for s in slugs]
    reps = pd.DataFrame({"rep_id": rep_ids, "name": rep_names, "folder": slugs, "linkedin_url": rep_urls})
    reps.to_csv(folder / "reps.csv", index=False, lineterminator="\n", encoding="utf-8")

    # people outside the CRM: one shared pool, so that reps share connections
    crm = contacts[(contacts.linkedin_url != "") & ~contacts._copy].reset_index(drop=True)
    per_rep = [max(20, int(round(rng.integers(250, 400) * scale))) for _ in rep_ids]
    n_outside = int(sum(per_rep) * 0.67 * 0.7) + 10
    locs = draw(rng, LOCALES, n_outside, LOCALE_WEIGHTS)
    first, last, fs, ls = names.sample(rng, locs)
    at_account = rng.random(n_outside) < 0.25  # works at a CRM account but is not a CRM contact
    acc_pick = rng.integers(0, len(accounts), n_outside)
    company = np.where(at_account, accounts.name.to_numpy()[acc_pick], names.companies(rng, locs, unique=False))
    outside = pd.DataFrame({"first": first, "last": last, "url": linkedin_urls(rng, fs, ls), "company": company,
                            "position": draw(rng, TITLES + ("Consultant", "Sales Manager", "Engineer",
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
        (folder / slug).mkdir(exist_ok=True)
        write_connections(folder / slug / "Connections.csv", people)
        planted["social_hidden_profiles"][rid] = n_hidden
        connections_by_rep[rid] = people
        networks[rid] = people[people.url != ""].reset_index(drop=True)

    for k, rid in enumerate(rep_ids):
        me = (rep_names[k], rep_urls[k])
        write_messages(folder / slugs[k] / "messages.csv", rng, me, networks[rid], as_of)
        known = set(networks[rid].url)
        strangers = outside[~outside.url.isin(sorted(known))]
        targets = crm_people[~crm_people.url.isin(sorted(known))]
        write_invitations(folder / slugs[k] / "Invitations.csv", rng, me, strangers, targets, as_of, scale)

    (folder / "personas.json").write_text(json.dumps(PERSONAS, indent=2, ensure_ascii=False) + "\n",
                                          encoding="utf-8")
    voters = list(rep_ids) + [u for u in tables["users"].user_id[tables["users"].team == "marketing"]][:2]
    manager = tables["users"].user_id[(tables["users"].team == "sales") & tables["users"]._manager].iloc[0]
    voters = (voters + [manager])[:6]
    tie = write_brainstorm(folder / "brainstorm.csv", rng, voters)
    planted["brainstorm_near_duplicates"] = [[f"I{a + 1:02d}", f"I{b + 1:02d}"] for a, b in NEAR_DUPLICATE_IDEAS]
    planted["brainstorm_tie_at_10"] = tie
    n_posts = write_posts(folder / "posts.csv", rng, rep_ids, as_of, scale)
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
