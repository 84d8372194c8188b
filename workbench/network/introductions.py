"""The rep's log of introductions asked for and made, and what it changes in the network.

A warm introduction is a favour: the next time the workbench ranks
connectors and draws paths, it should know who already helped, who said no,
and who the rep now knows directly.  The log is a small CSV the rep keeps
(the rep's page writes it in their workbench home), one row per request:

``date`` (YYYY-MM-DD), ``target`` (the person, or the account, the rep wanted
to meet), ``through`` (the person asked to introduce), ``outcome`` (one of
:data:`OUTCOMES`) and an optional ``note``.

:func:`apply_introductions` returns the network the next ranking and paths
use: a *made* introduction ties the rep to the person met (the path to them
is now direct) and strengthens the tie to the introducer; a *declined* or
unanswered one weakens the tie to the person asked, so paths go through
someone else first; :func:`~workbench.network.connectors.rank_connectors`
reads the log from the network and says it in the reason.

>>> from workbench.network.demo import demo_network
>>> net = demo_network()
>>> log = introductions_frame([{"date": "2026-01-20", "target": "Eve Fox", "through": "Bo Chen",
...                             "outcome": "made"}])
>>> after = apply_introductions(net, log)
>>> after.graph.has_edge("in/sam", "in/eve"), net.graph.has_edge("in/sam", "in/eve")
(True, False)
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import DataError, InputError
from ..i18n.messages import N_, _

__all__ = ["OUTCOMES", "OUTCOME_WORDS", "outcome_words", "COLUMNS", "introductions_frame", "read_introductions", "log_introduction",
           "with_keys", "apply_introductions"]

OUTCOMES = ("asked", "made", "declined", "no answer")  # stored in the log as they are: a program reads it
#: Each outcome as the rep reads it (the log keeps the English key).
OUTCOME_WORDS = {"asked": N_("asked"), "made": N_("made"), "declined": N_("declined"), "no answer": N_("no answer")}
COLUMNS = ["date", "target", "through", "outcome", "note"]
MADE_STRENGTH = 0.6       # a tie born from an introduction starts as a Strong one ...
THANKS_BOOST = 0.1        # ... and the introducer's tie gains this much
DECLINED_FACTOR = 0.5     # a tie to someone who declined counts half, for paths


def outcome_words() -> list[str]:
    """The outcomes of :data:`OUTCOMES`, in order, as the rep reads them in the current language.

    >>> outcome_words()
    ['asked', 'made', 'declined', 'no answer']
    """
    return [_(OUTCOME_WORDS[outcome]) for outcome in OUTCOMES]


def introductions_frame(rows, *, file: str = "introductions") -> pd.DataFrame:
    """A checked log from rows (dicts) or a DataFrame: dates parsed, outcomes known, text trimmed.

    ``file`` names the log in error messages (row 2 is the first record).

    >>> log = introductions_frame([{"date": "2026-01-20", "target": "Orion", "through": "Bo", "outcome": "Made"}])
    >>> log["outcome"].tolist()
    ['made']
    >>> introductions_frame([{"date": "20/01/2026", "target": "Orion", "through": "Bo", "outcome": "made"}])
    Traceback (most recent call last):
    ...
    workbench.errors.DataError: introductions, row 2, column 'date': '20/01/2026' is not a date written YYYY-MM-DD. Fix: write the date of the request as 2026-01-20.
    """
    df = pd.DataFrame(rows).copy() if not isinstance(rows, pd.DataFrame) else rows.copy()
    for col in COLUMNS:
        if col not in df.columns:
            if col == "note":
                df[col] = ""
            else:
                raise DataError(_("column '{col}' is missing").format(col=col), file=file, row=1, column=col,
                                fix=_('the log needs the columns {columns}').format(columns=', '.join(COLUMNS)))
    df = df[COLUMNS].fillna("").astype(str).apply(lambda s: s.str.strip())
    df["outcome"] = df["outcome"].str.lower()
    for i, rec in enumerate(df.to_dict("records")):
        row = i + 2
        try:
            pd.to_datetime(rec["date"], format="%Y-%m-%d")
        except ValueError:
            raise DataError(_('{date!r} is not a date written YYYY-MM-DD').format(date=rec['date']), file=file, row=row,
                            column="date", fix=_("write the date of the request as 2026-01-20")) from None
        if rec["outcome"] not in OUTCOMES:
            raise DataError(_('outcome {outcome!r} is not one of {outcomes}').format(outcome=rec['outcome'], outcomes=', '.join(OUTCOMES)), file=file, row=row,
                            column="outcome", fix=_("write asked, made, declined or no answer"))
        for col in ("target", "through"):
            if not rec[col]:
                raise DataError(_('the {col} is empty').format(col=col), file=file, row=row, column=col,
                                fix=_("name the person (or, for the target, the account)"))
    df["date"] = pd.to_datetime(df["date"], format="%Y-%m-%d")
    return df.reset_index(drop=True)


def read_introductions(path) -> pd.DataFrame:
    """The log at ``path`` (a CSV with :data:`COLUMNS`); an empty log when the file does not exist yet.

    >>> read_introductions("/nonexistent/introductions.csv").columns.tolist()
    ['date', 'target', 'through', 'outcome', 'note']
    """
    path = Path(path)
    if not path.exists():
        return pd.DataFrame({c: pd.Series(dtype="datetime64[ns]" if c == "date" else object) for c in COLUMNS})
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except pd.errors.EmptyDataError:
        return read_introductions(path.with_name("\0missing"))
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as err:
        raise DataError(_('cannot read the introductions log ({err})').format(err=err), file=path,
                        fix=_("keep it a CSV with date,target,through,outcome,note")) from None
    return introductions_frame(df, file=path.name)


def log_introduction(path, *, target: str, through: str, outcome: str = "asked", date=None,
                     note: str = "") -> pd.DataFrame:
    """Add one request to the log at ``path`` (created when missing) and return the whole log.

    ``date``: the day of the request or of its outcome (default: today).

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "introductions.csv"
    >>> log = log_introduction(path, target="Vega", through="Bo Chen", date="2026-01-20")
    >>> log = log_introduction(path, target="Vega", through="Bo Chen", outcome="made", date="2026-01-27")
    >>> log[["through", "outcome"]].values.tolist()
    [['Bo Chen', 'asked'], ['Bo Chen', 'made']]
    """
    path = Path(path)
    when = pd.Timestamp(date) if date is not None else pd.Timestamp.now()
    row = introductions_frame([{"date": when.strftime("%Y-%m-%d"), "target": target, "through": through,
                                "outcome": outcome, "note": note}], file="the new request")
    log = pd.concat([read_introductions(path), row], ignore_index=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    out = log.assign(date=log["date"].dt.strftime("%Y-%m-%d"))
    tmp = path.with_name(path.name + ".tmp")
    out.to_csv(tmp, index=False)
    tmp.replace(path)  # atomic: a crash never leaves half a log
    return log


def _resolve(network, text: str, *, person: bool):
    """The people ``text`` names in the network (a person, or an account when not ``person``)."""
    from .paths import target_people

    try:
        hits = target_people(network, text)
    except InputError:
        return []
    G = network.graph
    if person:
        exact = [h for h in hits if str(G.nodes[h].get("name") or "").lower() == text.lower() or h == text]
        return exact[:1] if exact else hits[:1]
    return hits


def with_keys(network, log: pd.DataFrame) -> pd.DataFrame:
    """The checked log with ``through_key``: the key of the person asked (``None`` when nobody matches).

    >>> from workbench.network.demo import demo_network
    >>> with_keys(demo_network(), [{"date": "2026-01-20", "target": "Vega", "through": "bo chen",
    ...                             "outcome": "asked"}])["through_key"].tolist()
    ['in/bo']
    """
    log = introductions_frame(log)
    return log.assign(through_key=[(_resolve(network, t, person=True) or [None])[0] for t in log["through"]])


def apply_introductions(network, log: pd.DataFrame):
    """The network the next ranking and paths use, with the log's introductions taken into account.

    Returns a new :class:`~workbench.network.graph.Network` whose
    ``introductions`` is the log with each introducer's key
    (``through_key``); the rows naming nobody in the network are kept, with
    no key.  A *made* introduction adds (or strengthens to
    :data:`MADE_STRENGTH`) a tie between every rep and the person met, when
    the target names one person, or the target account's people the
    introducer knows; the tie to the introducer gains :data:`THANKS_BOOST`.
    A *declined* or *no answer* multiplies the reps' ties to the person asked
    by :data:`DECLINED_FACTOR`.
    """
    from dataclasses import replace

    log = with_keys(network, log)
    ties = network.ties.copy()
    where = {(a, b): i for i, (a, b) in enumerate(zip(ties["a"].tolist(), ties["b"].tolist()))}
    strength = ties["strength"].to_numpy(dtype=float).copy()
    cls = ties["class"].astype(str).to_numpy().copy()
    added: dict = {}
    G = network.graph
    for rec in log.sort_values("date", kind="stable").to_dict("records"):
        introducer = rec["through_key"]
        if introducer is None or introducer in network.reps:
            continue
        accounts = _resolve(network, rec["target"], person=False)
        met = ([p for p in accounts if G.has_edge(introducer, p)] if len(accounts) > 1
               else _resolve(network, rec["target"], person=True))
        for rep in network.reps:
            i = where.get(tuple(sorted([rep, introducer], key=str)))
            if rec["outcome"] == "made":
                if i is not None:
                    strength[i] = min(1.0, strength[i] + THANKS_BOOST)
                for person in met:
                    pair = tuple(sorted([rep, person], key=str))
                    j = where.get(pair)
                    if j is not None:
                        strength[j] = max(strength[j], MADE_STRENGTH)
                        cls[j] = "Strong"
                    elif pair not in added and person != rep:
                        added[pair] = {"a": pair[0], "b": pair[1], "strength": MADE_STRENGTH, "class": "Strong",
                                       "first_at": rec["date"], "last_at": rec["date"], "sources": ("introduction",)}
            elif rec["outcome"] in ("declined", "no answer") and i is not None:
                strength[i] *= DECLINED_FACTOR
    ties["strength"] = strength
    ties["class"] = cls
    if added:
        ties = pd.concat([ties, pd.DataFrame(list(added.values()))], ignore_index=True)
    ties["distance"] = -np.log(ties["strength"].clip(lower=1e-6).to_numpy(dtype=float))
    ties["class"] = pd.Categorical(ties["class"], categories=network.ties["class"].cat.categories)
    return replace(network, ties=ties, _graph=None, memo={}, introductions=log)
