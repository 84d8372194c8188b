"""The README data card of a generated folder: tables, columns, row counts, and what is planted and why."""

from __future__ import annotations

from ..schema import TABLES

DEFINITIONS = {  # the words meta.json and the data card use when they say what was planted
    "message": "a campaign_members row (sent_at) or an activity of type email (completed_at, else due_at)",
    "week": "Monday 00:00 to Sunday 23:59:59",
    "over_contacted": "more messages in one week than max_msgs_per_week",
    "emailed_after_revocation": "an email-channel campaign_members row or an email activity after the "
                                "contact's latest email consent entry became 'revoked'",
    "overdue_deal": "is_closed is false and close_date is before as_of",
    "meeting": "activities of type meeting with the same owner_id, subject and due_at are one meeting, "
               "one row per attendee",
}
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
