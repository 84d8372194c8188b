"""A four-pillar social-selling self-assessment from a rep's own data.

LinkedIn scores its Social Selling Index (SSI) on four pillars of up to 25
points: establish your professional brand, find the right people, engage with
insights, build relationships.  LinkedIn does not publish how it computes
them.  This module gives a **workbench proxy** on the same four pillars,
computed from what a rep can see in their own export and post metrics, so a
rep can track their means week after week.  It is not LinkedIn's number and
will not match it.

Each pillar sums three measures, each worth ``value / target`` of its points
(capped at full points), over the last ``days`` days (default 91, 13 weeks):

======================  ===========================================================  ==========  ======
pillar                  measure                                                      target      points
======================  ===========================================================  ==========  ======
professional brand      own posts (level produce)                                    1 a week    10
                        weeks with at least one publication                          every week  7.5
                        engagement rate of own posts (clicks formula)                2 %         7.5
find the right people   connections who decide (head, director, chief, founder...)   40 %        10
                        connections at target companies (when ``targets`` given)     30 %        10
                        new connections                                              30          5
engage with insights    curated shares and reactions posted                          1 a week    10
                        comments + shares received per post                          3           7.5
                        posts facing the reader (pronoun ratio above 0.5)            100 %       7.5
build relationships     conversations with replies both ways                         10          10
                        outgoing invitations that say why (with a message)           100 %       7.5
                        outgoing invitations accepted                                50 %        7.5
======================  ===========================================================  ==========  ======

A measure that cannot be computed (no ``targets``, no invitations) is left
out and the pillar is scaled from the others.  The LinkedIn tables are the
ones :func:`workbench.network.exports.read_linkedin` returns (pass its
``LinkedInExport`` as ``export=``).

>>> posts = pd.DataFrame({"published_at": pd.to_datetime(["2026-01-05", "2026-01-12"]), "level": ["produce", "curate"],
...     "text": ["You will like this.", "Read this."], "impressions": [100, 100], "reactions": [2, 1],
...     "comments": [1, 0], "shares": [0, 0], "clicks": [1, 0]})
>>> conns = pd.DataFrame({"person": ["in/a", "in/b"], "position": ["Head of Sales", "Intern"],
...     "company": ["Globex", "Initech"], "connected_on": pd.to_datetime(["2026-01-08", "2025-01-01"])})
>>> score = self_assessment(posts=posts, connections=conns, as_of="2026-01-31", days=28)
>>> score[["pillar", "score"]].to_dict("records")[:2]
[{'pillar': 'professional brand', 'score': 13.8}, {'pillar': 'find the right people', 'score': 17.0}]
>>> score.attrs["label"]
"Workbench proxy on SSI's four pillars, not LinkedIn's Social Selling Index"
"""

from __future__ import annotations

import pandas as pd

from ..errors import InputError
from ..i18n.messages import _

LABEL = "Workbench proxy on SSI's four pillars, not LinkedIn's Social Selling Index"
PILLARS = ("professional brand", "find the right people", "engage with insights", "build relationships")
DECIDER_WORDS = ("head", "director", "chief", "vp", "vice president", "ceo", "cfo", "coo", "cto", "cmo", "founder",
                 "owner", "partner", "president", "manager", "directeur", "directrice", "responsable", "gérant",
                 "gerant", "président", "fondateur", "fondatrice", "dg")


def _dates(series: pd.Series) -> pd.Series:
    out = pd.to_datetime(series, errors="coerce")
    return out.dt.tz_localize(None) if getattr(out.dt, "tz", None) is not None else out


def _measure(rows, pillar, measure, value, target, points):
    if value is None or pd.isna(value):
        rows.append({"pillar": pillar, "measure": measure, "value": None, "target": target, "points": None,
                     "max_points": points})
    else:
        got = points * min(float(value) / target, 1.0) if target else 0.0
        rows.append({"pillar": pillar, "measure": measure, "value": round(float(value), 2), "target": target,
                     "points": round(got, 2), "max_points": points})


def assessment_measures(*, export=None, posts: pd.DataFrame | None = None, connections: pd.DataFrame | None = None,
                        messages: pd.DataFrame | None = None, invitations: pd.DataFrame | None = None,
                        owner: str | None = None, targets=None, as_of=None, days: int = 91) -> pd.DataFrame:
    """The twelve measures behind :func:`self_assessment`, one row each with value, target and points.

    ``posts`` is the rep's posts (``published_at``, ``level``, counts, ``text``).
    ``export`` a :class:`~workbench.network.exports.LinkedInExport`, or its
    tables one by one: ``connections`` (``person``, ``company``, ``position``,
    ``connected_on``), ``messages`` (``conversation_id``, ``sender``, ``date``),
    ``invitations`` (``sender``, ``recipient``, ``direction``, ``message``) and
    ``owner``, the rep's person key.  ``targets`` are company names that
    matter (e.g. the CRM accounts).
    """
    if export is not None:
        connections = export.connections if connections is None else connections
        messages = export.messages if messages is None else messages
        invitations = export.invitations if invitations is None else invitations
        owner = owner or export.owner
    if days < 7:
        raise InputError(_('days={days} is too short to assess').format(days=days), where="self_assessment(days=...)",
                         fix=_("use at least 7 days; 91 (13 weeks) is the default"))
    stamps = []
    if posts is not None and len(posts):
        stamps.append(_dates(posts["published_at"]).max())
    if connections is not None and len(connections):
        stamps.append(_dates(connections["connected_on"]).max())
    as_of = pd.Timestamp(as_of) if as_of is not None else (max(stamps) if stamps else pd.Timestamp.today())
    since = as_of - pd.Timedelta(days=days)
    weeks = days / 7
    rows: list[dict] = []
    # professional brand
    if posts is not None:
        p = posts.assign(published_at=_dates(posts["published_at"]))
        p = p[(p["published_at"] > since) & (p["published_at"] <= as_of)]
        own = p[p["level"] == "produce"] if "level" in p.columns else p
        _measure(rows, PILLARS[0], "own posts a week", len(own) / weeks, 1, 10)
        active = p["published_at"].dt.to_period("W").nunique()
        _measure(rows, PILLARS[0], "share of weeks with a publication", active / max(round(weeks), 1), 1, 7.5)
        imp = own["impressions"].sum() if len(own) else 0
        er = 100 * own[["reactions", "comments", "shares", "clicks"]].sum().sum() / imp if imp else None
        _measure(rows, PILLARS[0], "engagement rate of own posts (%)", er, 2, 7.5)
    # find the right people
    if connections is not None:
        c = connections.assign(connected=_dates(connections["connected_on"]))
        if len(c):
            pos = c["position"].fillna("").astype(str).str.lower()
            deciders = pos.apply(lambda t: any(w in t.replace(",", " ").split() or (" " in w and w in t)
                                               for w in DECIDER_WORDS))
            _measure(rows, PILLARS[1], "share of connections who decide", deciders.mean(), 0.4, 10)
            if targets is not None and len(targets):
                names = {str(t).strip().lower() for t in targets}
                at_target = c["company"].fillna("").astype(str).str.strip().str.lower().isin(names)
                _measure(rows, PILLARS[1], "share of connections at target companies", at_target.mean(), 0.3, 10)
        new = int(((c["connected"] > since) & (c["connected"] <= as_of)).sum()) if len(c) else 0
        _measure(rows, PILLARS[1], "new connections", new, 30, 5)
    # engage with insights
    if posts is not None:
        shared = p[p["level"].isin(["curate", "react"])] if "level" in p.columns else p.iloc[0:0]
        _measure(rows, PILLARS[2], "curated shares and reactions a week", len(shared) / weeks, 1, 10)
        cs = (p["comments"].sum() + p["shares"].sum()) / len(p) if len(p) else None
        _measure(rows, PILLARS[2], "comments + shares received per post", cs, 3, 7.5)
        if "text" in p.columns and len(own):
            from .review import review_post

            ratios = [review_post(t, format="short_post")["reader_ratio"] for t in own["text"]
                      if isinstance(t, str) and t.strip()]
            facing = sum(r is not None and r > 0.5 for r in ratios) / len(ratios) if ratios else None
            _measure(rows, PILLARS[2], "share of own posts facing the reader", facing, 1, 7.5)
    # build relationships
    if messages is not None and len(messages):
        m = messages.assign(when=_dates(messages["date"]))
        m = m[(m["when"] > since) & (m["when"] <= as_of)]
        me = owner or (m["sender"].value_counts().index[0] if len(m) else None)
        both = m.assign(mine=m["sender"] == me).groupby("conversation_id")["mine"].agg(
            lambda s: bool(s.any() and not s.all()))
        _measure(rows, PILLARS[3], "conversations with replies both ways", int(both.sum()), 10, 10)
    if invitations is not None and len(invitations):
        out_inv = invitations[invitations["direction"].astype(str).str.upper() == "OUTGOING"]
        if len(out_inv):
            said_why = out_inv["message"].fillna("").astype(str).str.strip().str.len() > 0
            _measure(rows, PILLARS[3], "outgoing invitations that say why", said_why.mean(), 1, 7.5)
            if connections is not None:
                accepted = out_inv["recipient"].isin(set(connections["person"]))
                _measure(rows, PILLARS[3], "outgoing invitations accepted", accepted.mean(), 0.5, 7.5)
    out = pd.DataFrame(rows, columns=["pillar", "measure", "value", "target", "points", "max_points"])
    out.attrs.update(label=LABEL, as_of=as_of, days=days)
    return out


def self_assessment(**kwargs) -> pd.DataFrame:
    """The four pillars, 0-25 each, with the total in ``attrs['total']`` (0-100) and the label in ``attrs['label']``.

    Takes the arguments of :func:`assessment_measures`.  Columns: ``pillar``,
    ``score`` (0-25), ``measures`` (how many were computed) and ``weakest``
    (the measure to work on first).
    """
    measures = assessment_measures(**kwargs)
    rows = []
    for pillar in PILLARS:
        part = measures[(measures["pillar"] == pillar) & measures["points"].notna()]
        if part.empty:
            rows.append({"pillar": pillar, "score": None, "measures": 0, "weakest": "no data for this pillar"})
            continue
        score = 25 * part["points"].sum() / part["max_points"].sum()
        gap = (part["max_points"] - part["points"]) / part["max_points"]
        weakest = part.loc[gap.idxmax(), "measure"] if gap.max() > 0 else "none: full marks"
        rows.append({"pillar": pillar, "score": round(score, 1), "measures": len(part), "weakest": weakest})
    out = pd.DataFrame(rows)
    out.attrs.update(label=LABEL, total=round(float(out["score"].fillna(0).sum()), 1), as_of=measures.attrs["as_of"])
    return out
