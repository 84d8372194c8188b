"""The editorial line: from a brainstorm with colleagues' votes to the 10 themes that matter.

A team writes as many theme ideas as it can, then everyone gives points to
the ideas they find most important.  This module tallies the votes, merges
near-duplicate ideas ("AI in sales" and "A.I. in sales"), keeps the top 10
with a stated tie-break, maps each theme to the personas it serves, and dates
the next review six months out, with a reminder when it is due.

Ranking and tie-break, in order: total points (a voter who scored two
near-duplicates counts once, with their best score), then number of voters,
then number of top (3-point) votes, then alphabetical order.  Ideas level on points with the
10th while another idea with those points falls outside are flagged
``tied_at_cut``; :func:`ties_at_cut` lists them all and what decided.

>>> bs = pd.DataFrame({
...     "idea_id": ["I1", "I1", "I2", "I2", "I3", "I3"],
...     "idea": ["Office furniture and productivity"] * 2 + ["office furniture & productivity"] * 2
...             + ["Hybrid work trends"] * 2,
...     "proposed_by": ["ana"] * 6, "kind": ["evergreen"] * 4 + ["news"] * 2,
...     "voter": ["ana", "bo", "ana", "cy", "bo", "cy"], "points": [3, 2, 2, 3, 1, 1]})
>>> line = shortlist(bs, n=10, as_of="2026-01-15")
>>> line[["theme", "points", "voters", "kind"]].to_dict("records")
[{'theme': 'Office furniture and productivity', 'points': 8, 'voters': 3, 'kind': 'evergreen'}, {'theme': 'Hybrid work trends', 'points': 2, 'voters': 2, 'kind': 'news'}]
>>> str(line["review_on"].iloc[0].date())
'2026-07-15'
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..crm.dedupe import cluster_pairs
from ..errors import DataError, InputError, require_columns
from ..i18n.messages import _, ngettext
from ..text import idea_key
from ._jsonfile import read_json, write_json

BRAINSTORM_COLUMNS = ["idea_id", "idea", "proposed_by", "kind", "voter", "points"]
KINDS = ("news", "evergreen")
REVIEW_MONTHS = 6
_STOPWORDS = set("""a an and the of to for in on with by at from your our their its is are be how why what
    who when which this that these those vs or as it we you they i de la le les des du un une et en pour
    par sur au aux avec dans ce ces qui que quoi comment pourquoi est sont votre vos nos notre leur leurs""".split())


def load_brainstorm(path: str | Path) -> pd.DataFrame:
    """Read ``brainstorm.csv`` (one row per idea and voter) and check it.

    Points must be whole numbers from 0 to 3 and kind ``news`` or ``evergreen``;
    the error names the file, row and column of the first bad value.
    """
    path = Path(path)
    if not path.is_file():
        raise DataError(_("brainstorm file not found"), file=path,
                        fix=_("give the path of brainstorm.csv (for the sample: data.social / 'brainstorm.csv')"))
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    return check_brainstorm(df, file=path.name)


def check_brainstorm(df: pd.DataFrame, *, file: str = "brainstorm") -> pd.DataFrame:
    """Validate a brainstorm table and return it typed (points as int).

    >>> check_brainstorm(pd.DataFrame({"idea_id": ["I1"], "idea": ["x"], "proposed_by": ["a"],
    ...                   "kind": ["news"], "voter": ["b"], "points": ["5"]}))
    Traceback (most recent call last):
    ...
    workbench.errors.DataError: brainstorm, row 2, column 'points': points must be 0, 1, 2 or 3, not '5'. Fix: give each idea 0 to 3 points.
    """
    require_columns(df, BRAINSTORM_COLUMNS, where=file)
    out = df[BRAINSTORM_COLUMNS].copy()
    points = pd.to_numeric(out["points"], errors="coerce")
    for i, (raw, value) in enumerate(zip(out["points"], points)):
        if pd.isna(value) or value not in (0, 1, 2, 3):
            raise DataError(_('points must be 0, 1, 2 or 3, not {raw!r}').format(raw=raw), file=file, row=i + 2,
                            column="points", fix=_("give each idea 0 to 3 points"))
    out["points"] = points.astype(int)
    out["kind"] = out["kind"].astype(str).str.strip().str.lower()
    bad = ~out["kind"].isin(KINDS)
    if bad.any():
        i = int(bad.to_numpy().nonzero()[0][0])
        raise DataError(_('kind must be news or evergreen, not {iloc!r}').format(iloc=out['kind'].iloc[i]), file=file, row=i + 2,
                        column="kind", fix=_("write news (topical) or evergreen (cold, timeless)"))
    for col in ("idea_id", "idea"):
        blank = out[col].astype(str).str.strip() == ""
        if blank.any():
            i = int(blank.to_numpy().nonzero()[0][0])
            raise DataError(_('{col} is empty').format(col=col), file=file, row=i + 2, column=col, fix=_('fill in the {col}').format(col=col))
    return out


def group_near_duplicates(ideas: pd.DataFrame, *, threshold: float = 88, overlap: float = 0.6) -> pd.Series:
    """Group ideas whose wording is nearly the same; returns the group's first idea_id per idea_id.

    Two ideas are near-duplicates when one of these holds:

    * their folded text (:func:`workbench.text.idea_key`: every script's letters kept),
      spaces removed, is 95% the same ("A.I. in
      sales" and "AI in sales");
    * rapidfuzz's ``token_sort_ratio`` reaches ``threshold`` (0-100) *and*
      every content word of each has a close match (80%) in the other
      ("Custmer retention" and "customer retention");
    * they share at least three content words (compared by their first five
      letters, plural s dropped) and those make at least ``overlap`` of the
      shorter idea's content words ("Cost of an empty desk: an infographic"
      and "Infographic: the real cost of an empty desk").

    "Pricing for small firms" and "Hiring for small firms" stay apart.
    Groups are closed transitively.

    >>> ideas = pd.DataFrame({"idea_id": ["I1", "I2", "I3"],
    ...                       "idea": ["AI in sales", "A.I. in sales", "Trade fairs"]})
    >>> group_near_duplicates(ideas).to_dict()
    {'I1': 'I1', 'I2': 'I1', 'I3': 'I3'}
    """
    from rapidfuzz import fuzz, process

    require_columns(ideas, ["idea_id", "idea"], where="group_near_duplicates(ideas)")
    ideas = ideas.drop_duplicates("idea_id")
    ids = list(ideas["idea_id"])
    texts = [idea_key(t) for t in ideas["idea"]]
    packed = [t.replace(" ", "") for t in texts]
    left, right = [], []
    if ids:
        words = [[w for w in t.split() if w not in _STOPWORDS] or t.split() for t in texts]

        def aligned(a, b):
            return all(process.extractOne(w, b, scorer=fuzz.ratio, score_cutoff=80) for w in a)

        stems = [_stems(t) for t in texts]

        def shared(i, j):
            common = len(stems[i] & stems[j])
            return common >= 3 and common >= overlap * min(len(stems[i]), len(stems[j]))

        same = process.cdist(packed, packed, scorer=fuzz.ratio, score_cutoff=95)
        close = process.cdist(texts, texts, scorer=fuzz.token_sort_ratio, score_cutoff=threshold)
        pairs = set(zip(*(same + close).nonzero()))
        pairs |= {(i, j) for i in range(len(ids)) for j in range(i + 1, len(ids)) if shared(i, j)}
        for i, j in sorted(pairs):
            i, j = int(i), int(j)
            if i < j and (same[i, j] or shared(i, j) or (aligned(words[i], words[j]) and aligned(words[j], words[i]))):
                left.append(i)
                right.append(j)
    groups = cluster_pairs(len(ids), left, right)  # numbered in order of each group's first idea
    first = pd.Series(range(len(ids))).groupby(groups).transform("min").to_numpy()
    return pd.Series([ids[i] for i in first], index=pd.Index(ids, name="idea_id"), name="group")


def tally_votes(brainstorm: pd.DataFrame, *, threshold: float = 88, overlap: float = 0.6) -> pd.DataFrame:
    """One row per idea after merging near-duplicates, ranked by the tie-break rule above.

    Columns: ``theme`` (the wording with most points in its group), ``idea_ids``
    and ``merged`` (the other wordings), ``kind``, ``points``, ``voters``,
    ``top_votes``, ``rank``.
    """
    bs = check_brainstorm(brainstorm, file="tally_votes(brainstorm)")
    groups = group_near_duplicates(bs[["idea_id", "idea"]], threshold=threshold, overlap=overlap)
    bs = bs.assign(group=bs["idea_id"].map(groups))
    per_idea = bs.groupby(["group", "idea_id", "idea"], sort=False)["points"].sum().reset_index()
    per_idea = per_idea.sort_values(["group", "points", "idea_id"], ascending=[True, False, True])
    label = per_idea.drop_duplicates("group").set_index("group")["idea"]
    # a voter who scored two wordings of one idea counts once, with their best score
    best = bs.groupby(["group", "voter"], sort=False)["points"].max().reset_index()
    best = best[best["points"] > 0]
    agg = best.groupby("group").agg(points=("points", "sum"), voters=("voter", "nunique"),
                                    top_votes=("points", lambda s: int((s == 3).sum())))
    kinds = bs.groupby("group")["kind"].agg(lambda s: s.value_counts().index[0])
    members = per_idea.groupby("group", sort=False).agg(idea_ids=("idea_id", list), wordings=("idea", list))
    out = members.join(agg, how="left").fillna({"points": 0, "voters": 0, "top_votes": 0})
    out["theme"] = label.reindex(out.index)
    out["merged"] = [[w for w in ws if w != t] for ws, t in zip(out["wordings"], out["theme"])]
    out["kind"] = kinds.reindex(out.index)
    for col in ("points", "voters", "top_votes"):
        out[col] = out[col].astype(int)
    out = out.sort_values(["points", "voters", "top_votes", "theme"],
                          ascending=[False, False, False, True]).reset_index(drop=True)
    out["rank"] = range(1, len(out) + 1)
    return out[["rank", "theme", "kind", "points", "voters", "top_votes", "idea_ids", "merged"]]


def shortlist(brainstorm: pd.DataFrame, *, n: int = 10, threshold: float = 88, as_of=None,
              personas=None, mapping: dict | None = None) -> pd.DataFrame:
    """The editorial line: the ``n`` most important themes, each with a review date.

    ``as_of`` (default today) dates the review ``REVIEW_MONTHS`` (6) months
    later.  With ``personas`` each theme is mapped to the personas it serves
    (see :func:`map_personas`); ``mapping`` ({theme: [persona ids]}) overrides it.
    """
    if not isinstance(n, int) or n < 1:
        raise InputError(_('n must be a positive whole number, not {n!r}').format(n=n), where="shortlist(n=...)",
                         fix=_("keep n=10, the seed's recommendation, or another positive number"))
    ranked = tally_votes(brainstorm, threshold=threshold)
    line = ranked.head(n).copy()
    cut = ranked["points"].iloc[n - 1] if len(ranked) >= n else None
    level_outside = len(ranked) > n and bool((ranked["points"].iloc[n:] == cut).any())
    line["tied_at_cut"] = (line["points"] == cut) & level_outside
    start = pd.Timestamp(as_of if as_of is not None else pd.Timestamp.today()).normalize().as_unit("ns")
    line["reviewed_on"] = start
    line["review_on"] = start + pd.DateOffset(months=REVIEW_MONTHS)
    line.insert(0, "theme_id", [f"T{i:02d}" for i in range(1, len(line) + 1)])
    if personas is not None:
        line["personas"] = map_personas(line, personas, mapping=mapping)
    elif mapping:
        line["personas"] = [list(mapping.get(t, [])) for t in line["theme"]]
    return line.reset_index(drop=True)


def ties_at_cut(brainstorm: pd.DataFrame, *, n: int = 10, threshold: float = 88) -> pd.DataFrame:
    """The ideas with as many points as the n-th, in and out of the shortlist, and what decided.

    Empty when the cut is clean.  ``kept`` says which side of the cut each
    idea fell on; ``decided_by`` names the tie-break key that separated it
    from the n-th idea (``voters``, ``top_votes`` or ``alphabetical order``).
    The team may overrule the rule: that is a conversation, not a computation.
    """
    ranked = tally_votes(brainstorm, threshold=threshold)
    if len(ranked) <= n:
        return ranked.iloc[0:0].assign(kept=pd.Series(dtype=bool), decided_by=pd.Series(dtype=str))
    cut = ranked.iloc[n - 1]
    level = ranked["points"] == cut["points"]
    if not level.iloc[n:].any():
        return ranked.iloc[0:0].assign(kept=pd.Series(dtype=bool), decided_by=pd.Series(dtype=str))
    out = ranked[level].copy()
    out["kept"] = out["rank"] <= n

    def decided(row):
        if row["rank"] == n:
            return "the cut"
        for key in ("voters", "top_votes"):
            if row[key] != cut[key]:
                return key
        return "alphabetical order"

    out["decided_by"] = out.apply(decided, axis=1)
    return out


def _stems(text: str) -> set[str]:
    return {w.rstrip("s")[:5] for w in idea_key(text).split() if w not in _STOPWORDS and len(w) > 2}


def map_personas(line: pd.DataFrame, personas, *, mapping: dict | None = None, top: int = 2) -> list[list[str]]:
    """For each theme, the ids of the personas it serves (at least one).

    A theme serves a persona when their words overlap (role, objectives,
    challenges, projects, what matters; words compared by their first five
    letters, accents and little words ignored).  The ``top`` best-overlapping
    personas are kept; a theme with no overlap at all goes to the persona
    served least so far, so every theme has a reader.  A persona that no
    theme serves then joins the theme it overlaps most (the one with the
    fewest personas if none overlaps), so every reader has a theme too.
    ``mapping`` gives the persona ids for a theme by hand and wins.

    >>> from workbench.editorial.personas import Persona
    >>> ps = [Persona("P1", "Olivia", role="operations", challenges=["late deliveries"]),
    ...       Persona("P2", "Farid", role="finance", objectives=["lower costs"])]
    >>> map_personas(pd.DataFrame({"theme": ["Cut costs, lower costs", "On-time deliveries"]}), ps)
    [['P2'], ['P1']]
    """
    require_columns(line, ["theme"], where="map_personas(line)")
    if not personas:
        raise InputError(_("no personas given"), where="map_personas(personas=...)",
                         fix=_("load them with load_personas(data.social / 'personas.json')"))
    mapping = mapping or {}
    known = {p.id for p in personas}
    stems = {p.id: _stems(p.keywords() + " " + p.name) for p in personas}
    load = {p.id: 0 for p in personas}
    out = []
    for theme in line["theme"]:
        if theme in mapping:
            ids = list(mapping[theme])
            bad = [i for i in ids if i not in known]
            if bad:
                raise InputError(_('persona id(s) {bad} unknown for theme {theme!r}').format(bad=', '.join(bad), theme=theme),
                                 where="map_personas(mapping=...)", fix=_('use ids among {sorted}').format(sorted=', '.join(sorted(known))))
        else:
            words = _stems(theme)
            scored = sorted(((len(words & stems[p.id]), p.id) for p in personas), key=lambda t: (-t[0], t[1]))
            ids = [pid for score, pid in scored[:top] if score > 0 and score >= scored[0][0] * 0.5]
            if not ids:
                ids = [min(load, key=lambda k: (load[k], k))]
        for pid in ids:
            load[pid] += 1
        out.append(ids)
    automatic = [i for i, theme in enumerate(line["theme"]) if theme not in mapping]
    for p in personas:
        if automatic and not load[p.id]:
            best = max(automatic, key=lambda i: (len(_stems(line["theme"].iloc[i]) & stems[p.id]), -len(out[i]), -i))
            out[best] = out[best] + [p.id]
            load[p.id] += 1
    return out


def due_reviews(line: pd.DataFrame, today) -> pd.DataFrame:
    """The themes whose review date has come (``review_on`` on or before ``today``).

    >>> line = pd.DataFrame({"theme": ["A", "B"], "review_on": pd.to_datetime(["2026-01-01", "2026-09-01"])})
    >>> due_reviews(line, "2026-03-01")["theme"].tolist()
    ['A']
    """
    require_columns(line, ["theme", "review_on"], where="due_reviews(line)")
    today = pd.Timestamp(today).normalize()
    due = line[pd.to_datetime(line["review_on"]) <= today].copy()
    due["days_overdue"] = (today - pd.to_datetime(due["review_on"])).dt.days
    return due


def review_reminder(line: pd.DataFrame, today) -> str | None:
    """A one-line reminder when the editorial line is due for review, else ``None``.

    >>> line = pd.DataFrame({"theme": ["A", "B"], "review_on": pd.to_datetime(["2026-01-01", "2026-01-01"])})
    >>> review_reminder(line, "2026-01-11")
    'Editorial line review due: 2 of 2 themes reached their review date (10 days ago). Run a new brainstorm, mix news and evergreen themes, and shortlist again.'
    >>> review_reminder(line, "2025-12-01") is None
    True
    """
    due = due_reviews(line, today)
    if due.empty:
        return None
    days = int(due["days_overdue"].max())
    if days == 0:
        due_text = _("Editorial line review due: {n} of {total} themes reached their review date (today).")
    else:
        due_text = ngettext("Editorial line review due: {n} of {total} themes reached their review date "
                            "({days} day ago).",
                            "Editorial line review due: {n} of {total} themes reached their review date "
                            "({days} days ago).", days)
    return (due_text.format(n=len(due), total=len(line), days=days) + " "
            + _("Run a new brainstorm, mix news and evergreen themes, and shortlist again."))


LINE_DATES = ("reviewed_on", "review_on")


def save_line(line: pd.DataFrame, path: str | Path) -> Path:
    """Write the editorial line to ``path`` as indented UTF-8 JSON (one object per theme) and return the path.

    The file keeps what the team agreed: themes, kinds, personas served and
    the review date, so :func:`review_reminder` still fires months later,
    after :func:`load_line` reads it back.

    >>> import tempfile, pathlib
    >>> line = pd.DataFrame({"theme_id": ["T01"], "theme": ["Hybrid work"], "personas": [["P1", "P2"]],
    ...                      "review_on": [pd.Timestamp("2026-07-15")]})
    >>> path = save_line(line, pathlib.Path(tempfile.mkdtemp()) / "line.json")
    >>> back = load_line(path)
    >>> back["personas"].iloc[0], back["review_on"].iloc[0]
    (['P1', 'P2'], Timestamp('2026-07-15 00:00:00'))
    >>> review_reminder(back, "2026-07-20")[:28]
    'Editorial line review due: 1'
    """
    require_columns(line, ["theme", "review_on"], where="save_line(line)")
    records = []
    for row in line.to_dict("records"):
        record = {}
        for key, value in row.items():
            if isinstance(value, (list, tuple)):
                value = [str(v) for v in value]
            elif key in LINE_DATES:
                value = None if pd.isna(value) else f"{pd.Timestamp(value):%Y-%m-%d}"
            elif hasattr(value, "item"):  # a numpy number or bool
                value = value.item()
            record[str(key)] = None if isinstance(value, float) and value != value else value  # NaN: empty
        records.append(record)
    return write_json(records, path)


def load_line(path: str | Path) -> pd.DataFrame:
    """Read an editorial line written by :func:`save_line`; the error names the theme and field of a bad value."""
    path = Path(path)
    records = read_json(path, missing=_("editorial line file not found"),
                        find=_("save the line first: save_line(shortlist(...), path)"),
                        fix=_("save the line again with save_line"))
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise DataError(_("expected a list of themes (objects)"), file=path, fix=_("save the line again with save_line"))
    for i, record in enumerate(records, start=1):
        if not str(record.get("theme") or "").strip():
            raise DataError(_('theme {i} has no text').format(i=i), file=path, fix=_("give every theme its wording"))
        personas = record.get("personas", [])
        if not isinstance(personas, list) or not all(isinstance(p, str) for p in personas):
            raise DataError(_('theme {i} ({theme}): personas must be a list of persona ids').format(i=i, theme=record['theme']), file=path,
                            fix=_('write them as ["ops-director", "founder"]'))
        for key in LINE_DATES:
            value = record.get(key)
            if key == "review_on" or value is not None:
                try:
                    stamp = pd.Timestamp(value)
                    record[key] = stamp if pd.isna(stamp) else stamp.normalize().as_unit("ns")
                except (TypeError, ValueError):
                    raise DataError(_('theme {i} ({theme}): {key} {value!r} is not a date').format(i=i, theme=record['theme'], key=key, value=value), file=path,
                                    fix=_("write dates as YYYY-MM-DD")) from None
                if pd.isna(record[key]):
                    raise DataError(_('theme {i} ({theme}): {key} is missing').format(i=i, theme=record['theme'], key=key), file=path,
                                    fix=_("write the review date as YYYY-MM-DD"))
    return pd.DataFrame(records)


def kind_balance(line: pd.DataFrame) -> dict:
    """How many news and evergreen themes the line holds, and a warning when one kind is missing.

    >>> kind_balance(pd.DataFrame({"kind": ["news", "news"]}))
    {'news': 2, 'evergreen': 0, 'warning': 'no evergreen theme: add timeless topics that stay useful between reviews'}
    """
    require_columns(line, ["kind"], where="kind_balance(line)")
    counts = {k: int((line["kind"] == k).sum()) for k in KINDS}
    warning = None
    if counts["news"] == 0:
        warning = "no news theme: add topical subjects so the line follows the market"
    elif counts["evergreen"] == 0:
        warning = "no evergreen theme: add timeless topics that stay useful between reviews"
    return {**counts, "warning": warning}
