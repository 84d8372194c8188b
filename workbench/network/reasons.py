"""Why a person ranks as a connector: one reason in plain words, and the measures behind it.

A rep reads one sentence per person, the one that says what is special about
*them*: the measure on which they stand out most among everyone in the
network (their percentile), told with their own figures and the names of the
groups they link.  Two people get the same sentence only if everything about
them is the same.  The measures themselves, with their units, go in a
"details" line for whoever wants them.

>>> row = {"name": "Bo Chen", "degree": 6, "betweenness": 0.052, "constraint": 0.21, "effective_size": 5.67,
...        "cross_pairs": 6, "groups_reached": 5, "top_groups": ["Orion", "Vega"],
...        "pct_betweenness": 0.99, "pct_open": 0.6, "pct_size": 0.7, "pct_cross": 0.8}
>>> reason(row).replace("\u2068", "[").replace("\u2069", "]")  # each name isolated, for right-to-left ones
'About 1 in 19 of the shortest chains between two people of your network runs through them ([Orion], [Vega]).'
>>> details(row)
'betweenness 0.052 (share of shortest paths between others); constraint 0.21 (0 = open, 1 = closed circle); effective size 5.7 people; 6 pairs of contacts from different groups linked; 5 groups reached; 6 contacts'
"""

from __future__ import annotations

from ..text import isolate

__all__ = ["reason", "details", "reasons"]


def _groups(row: dict, group_word: str) -> str:
    names = [isolate(g) for g in (row.get("top_groups") or []) if g == g and g is not None][:2]
    more = int(row.get("groups_reached") or 0) - len(names)
    if not names:
        return f"{int(row.get('groups_reached') or 0)} {group_word}"
    if more > 0:
        return f"{', '.join(names)} and {more} other {group_word}"
    return " and ".join(names)


def _candidates(row: dict, group_word: str) -> list[tuple[float, str]]:
    """Every sentence that fits the person, with how strongly it stands out (their percentile)."""
    out = []
    b = row.get("betweenness") or 0.0
    named = ", ".join(isolate(g) for g in (row.get("top_groups") or [])[:2] if g == g and g is not None)
    if b > 0:
        share = (f"About 1 in {max(round(1 / b), 1):,} of the shortest chains between two people of your "
                 "network runs through them" if b < 0.5 else
                 f"{b:.0%} of the shortest chains between two people of your network run through them")
        out.append((row.get("pct_betweenness", 0.0), share + (f" ({named})." if named else ".")))
    cross = int(row.get("cross_pairs") or 0)
    if cross:
        out.append((row.get("pct_cross", 0.0),
                    f"Knows people at {_groups(row, group_word)} who do not know each other: "
                    f"{cross:,} pair{'s' if cross != 1 else ''} only they link."))
    deg = int(row.get("degree") or 0)
    c = row.get("constraint")
    if deg > 1 and c is not None and c == c and c < 0.5:
        out.append((row.get("pct_open", 0.0),
                    f"Their {deg:,} contacts rarely know one another, so one introduction from them opens "
                    f"a new circle{' at ' + named if named else ''}."))
    e = row.get("effective_size")
    if deg > 1 and e is not None and e == e and e >= 1.5:
        out.append((row.get("pct_size", 0.0),
                    f"Brings about {e:,.0f} contacts you would not reach through anyone else"
                    + (f", from {_groups(row, group_word)}." if named else ".")))
    return [(pct, sentence[:-1] if sentence.endswith(("..", ".\u2069.")) else sentence) for pct, sentence in out]


def reason(row: dict, *, group_word: str = "groups", avoid: set | None = None) -> str:
    """The one plain sentence that says best why this person is a connector.

    ``row`` holds the person's measures (``degree``, ``betweenness``,
    ``constraint``, ``effective_size``, ``cross_pairs``, ``groups_reached``),
    their percentiles (``pct_betweenness``, ``pct_open``, ``pct_size``,
    ``pct_cross``: 0 to 1) and ``top_groups`` (the groups most of their
    contacts belong to).  The measure they stand out on most wins; a sentence
    in ``avoid`` (already given to someone else) gives way to the next one.

    Without a measure to stand out on, the sentence names ``contacts`` (their
    strongest contacts' names), so that it still differs from the next person's.

    >>> print(reason({"degree": 1, "betweenness": 0.0, "contacts": ["Ana Borges"]}).replace("\u2068", "").replace("\u2069", ""))
    Knows only Ana Borges here: a direct contact, not a bridge.
    """
    options = sorted(_candidates(row, group_word), key=lambda item: -item[0])
    for _, sentence in options:
        if not avoid or sentence not in avoid:
            return sentence
    if options:
        return options[0][1]
    names = [isolate(c) for c in (row.get("contacts") or [])][:2]
    deg = int(row.get("degree") or 0)
    if deg <= 1:
        return f"Knows only {names[0] if names else 'one person'} here: a direct contact, not a bridge."
    who = " and ".join(names) + (f" and {deg - len(names)} more" if deg > len(names) else "") if names \
        else f"{deg:,} people"
    return f"Knows {who} here, who mostly know each other too: a close circle, not a bridge."


def details(row: dict) -> str:
    """The measures behind the ranking, each with its unit, for a "details" view.

    >>> details({"degree": 2, "betweenness": 0.0, "constraint": float("nan")})
    'betweenness 0.000 (share of shortest paths between others); 2 contacts'
    """
    parts = [f"betweenness {row.get('betweenness') or 0.0:.3f} (share of shortest paths between others)"]
    c, e = row.get("constraint"), row.get("effective_size")
    if c is not None and c == c:
        parts.append(f"constraint {c:.2f} (0 = open, 1 = closed circle)")
    if e is not None and e == e:
        parts.append(f"effective size {e:.1f} people")
    if row.get("cross_pairs"):
        parts.append(f"{int(row['cross_pairs']):,} pairs of contacts from different groups linked")
    if row.get("groups_reached"):
        parts.append(f"{int(row['groups_reached']):,} groups reached")
    deg = int(row.get("degree") or 0)
    parts.append(f"{deg:,} contact{'s' if deg != 1 else ''}")
    return "; ".join(parts)


def reasons(rows: list[dict], *, group_word: str = "groups") -> list[str]:
    """One reason per person, best-ranked first, no two alike where the facts allow.

    >>> rows = [{"degree": 3, "constraint": 0.3, "effective_size": 2.0, "pct_open": 0.9, "pct_size": 0.5}] * 2
    >>> a, b = reasons(rows)
    >>> a != b
    True
    """
    given: set = set()
    out = []
    for row in rows:
        sentence = reason(row, group_word=group_word, avoid=given)
        given.add(sentence)
        out.append(sentence)
    return out
