"""A rep's LinkedIn export, in LinkedIn's own formats: connections, messages and invitations.

>>> CONNECTIONS_HEADER.split(",")[:3]
['First Name', 'Last Name', 'URL']
>>> linkedin_date(np.datetime64("2026-02-08")), invitation_time(np.datetime64("2026-01-29T14:37:00"))
('08 Feb 2026', '1/29/26, 2:37 PM')
"""

from __future__ import annotations

import base64
from pathlib import Path

import numpy as np
import pandas as pd

from .clock import DAY, between, office_hours
from .write import csv_text

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
    """A ``Connected On`` date as LinkedIn writes it.

    >>> linkedin_date(np.datetime64("2026-02-08T10:00"))
    '08 Feb 2026'
    """
    d = str(np.datetime64(day, "D"))
    return f"{d[8:10]} {MONTHS[int(d[5:7]) - 1]} {d[:4]}"


def invitation_time(moment) -> str:
    """An ``Invitations.csv`` ``Sent At`` value.

    >>> invitation_time(np.datetime64("2026-01-29T00:05:00"))
    '1/29/26, 12:05 AM'
    """
    s = str(np.datetime64(moment, "s"))
    year, month, day, hour, minute = int(s[:4]), int(s[5:7]), int(s[8:10]), int(s[11:13]), s[14:16]
    return f"{month}/{day}/{year % 100:02d}, {(hour % 12) or 12}:{minute} {'AM' if hour < 12 else 'PM'}"


def _conversation_id(rng) -> str:
    return "2-" + base64.b64encode(rng.bytes(30)).decode("ascii")


def write_connections(path: Path, people: pd.DataFrame) -> None:
    """``Connections.csv``: LinkedIn's preamble, then one row per person (first, last, url, email, company,
    position, connected).

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "Connections.csv"
    >>> write_connections(path, pd.DataFrame({"first": ["Ana"], "last": ["Ruiz"], "url": [""], "email": [""],
    ...                                       "company": ["Acme"], "position": ["CEO"],
    ...                                       "connected": [np.datetime64("2026-02-08")]}))
    >>> path.read_text(encoding="utf-8").splitlines()[-1]
    'Ana,Ruiz,,,Acme,CEO,08 Feb 2026'
    """
    rows = [[p.first, p.last, p.url, p.email, p.company, p.position, linkedin_date(p.connected)]
            for p in people.itertuples(index=False)]
    path.write_text(CONNECTIONS_PREAMBLE + csv_text(rows, CONNECTIONS_HEADER.split(",")), encoding="utf-8")


def write_messages(path: Path, rng, me, people: pd.DataFrame, as_of) -> None:
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
    path.write_text(csv_text(rows, MESSAGES_COLUMNS), encoding="utf-8")


def _hours(rng, lo, hi, n):
    return office_hours(rng, between(rng, np.datetime64(lo, "s"), np.datetime64(hi, "s"), n))


def _utc(moment) -> str:
    return str(np.datetime64(moment, "s")).replace("T", " ") + " UTC"


def _utc_all(moments) -> list[str]:
    return [m.replace("T", " ") + " UTC" for m in np.datetime_as_string(np.asarray(moments, "datetime64[s]"))]


def write_invitations(path: Path, rng, me, strangers: pd.DataFrame, targets: pd.DataFrame, as_of, scale) -> None:
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
    path.write_text(csv_text(rows, INVITATIONS_COLUMNS), encoding="utf-8")
