"""The reps' content data: buyer personas, a theme brainstorm and a year of posts.

The posts' reach follows a model written here (:data:`FORMAT_REACH`, :data:`FORMAT_ENGAGE`,
:data:`THEMES`, :data:`WEEKDAY_REACH`), which ``meta.json`` records so a lesson can
check what a trainee finds against it.

>>> len(PERSONAS), len(IDEAS), NEAR_DUPLICATE_IDEAS[0]
(5, 25, (0, 13))
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .clock import DAY, between
from .write import csv_text

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


def write_brainstorm(path: Path, rng, voters: list[str]) -> list[str]:
    """One row per idea and voter (0-3 points); return the ideas tied at the 10th place.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "brainstorm.csv"
    >>> len(write_brainstorm(path, np.random.default_rng(0), ["U1", "U2", "U3"])) >= 2
    True
    >>> len(path.read_text(encoding="utf-8").splitlines()) == 1 + len(IDEAS) * 3
    True
    """
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
    path.write_text(csv_text(rows, ["idea_id", "idea", "proposed_by", "kind", "voter", "points"]),
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


def write_posts(path: Path, rng, rep_ids, as_of, scale) -> int:
    """A year of posts by the reps; engagement follows FORMAT_*, THEMES and WEEKDAY_REACH. Returns the count.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "posts.csv"
    >>> write_posts(path, np.random.default_rng(0), ["U1"], np.datetime64("2026-06-30T00:00", "s"), 0.05)
    12
    """
    n = max(12, int(round(120 * scale)))
    day = between(rng, as_of - 365 * DAY, as_of - DAY, n).astype("datetime64[D]")
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
