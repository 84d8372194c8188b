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
'About 1 in 19 of the shortest chains between two people of your network runs through them ([Orion] and [Vega]).'
>>> details(row)
'betweenness 0.052 (share of shortest paths between others); constraint 0.21 (0 = open, 1 = closed circle); effective size 5.7 people; 6 pairs of contacts from different groups linked; 5 groups reached; 6 contacts'
"""

from __future__ import annotations

from ..i18n.messages import _, joined, ngettext
from ..text import isolate

__all__ = ["reason", "details", "reasons"]

#: The groups a connector links, counted, per kind of group (:func:`reason`'s ``group_word``).
_COUNTED = {"accounts": lambda n: ngettext("{n:,} account", "{n:,} accounts", n),
            "companies": lambda n: ngettext("{n:,} company", "{n:,} companies", n),
            "industries": lambda n: ngettext("{n:,} industry", "{n:,} industries", n),
            "groups": lambda n: ngettext("{n:,} group", "{n:,} groups", n)}
_AND_OTHERS = {"accounts": lambda n: ngettext("{names} and {n:,} other account", "{names} and {n:,} other accounts", n),
               "companies": lambda n: ngettext("{names} and {n:,} other company", "{names} and {n:,} other companies",
                                               n),
               "industries": lambda n: ngettext("{names} and {n:,} other industry",
                                                "{names} and {n:,} other industries", n),
               "groups": lambda n: ngettext("{names} and {n:,} other group", "{names} and {n:,} other groups", n)}


def _names(names: list[str]) -> str:
    """One or two names as a sentence lists them ("Orion and Vega")."""
    return _("{first} and {second}").format(first=names[0], second=names[1]) if len(names) > 1 else names[0]


def _groups(row: dict, group_word: str) -> str:
    names = [isolate(g) for g in (row.get("top_groups") or []) if g == g and g is not None][:2]
    more = int(row.get("groups_reached") or 0) - len(names)
    kind = group_word if group_word in _COUNTED else "groups"
    if not names:
        return _COUNTED[kind](more).format(n=more)
    if more > 0:
        return _AND_OTHERS[kind](more).format(names=", ".join(names), n=more)
    return _names(names)


def _candidates(row: dict, group_word: str) -> list[tuple[float, str]]:
    """Every sentence that fits the person, with how strongly it stands out (their percentile)."""
    out = []
    b = row.get("betweenness") or 0.0
    named = _names([isolate(g) for g in (row.get("top_groups") or [])[:2] if g == g and g is not None] or [""])
    if b > 0:
        if b < 0.5:
            share = (_("About 1 in {n:,} of the shortest chains between two people of your network runs through "
                       "them ({groups}).") if named else
                     _("About 1 in {n:,} of the shortest chains between two people of your network runs through "
                       "them.")).format(n=max(round(1 / b), 1), groups=named)
        else:
            share = (_("{share:.0%} of the shortest chains between two people of your network run through them "
                       "({groups}).") if named else
                     _("{share:.0%} of the shortest chains between two people of your network run through "
                       "them.")).format(share=b, groups=named)
        out.append((row.get("pct_betweenness", 0.0), share))
    cross = int(row.get("cross_pairs") or 0)
    if cross:
        out.append((row.get("pct_cross", 0.0),
                    ngettext("Knows people at {groups} who do not know each other: {n:,} pair only they link.",
                             "Knows people at {groups} who do not know each other: {n:,} pairs only they link.",
                             cross).format(groups=_groups(row, group_word), n=cross)))
    deg = int(row.get("degree") or 0)
    c = row.get("constraint")
    if deg > 1 and c is not None and c == c and c < 0.5:
        sentence = (ngettext("Their {n:,} contact rarely knows anyone else, so one introduction from them opens a "
                             "new circle at {groups}.",
                             "Their {n:,} contacts rarely know one another, so one introduction from them opens a "
                             "new circle at {groups}.", deg) if named else
                    ngettext("Their {n:,} contact rarely knows anyone else, so one introduction from them opens a "
                             "new circle.",
                             "Their {n:,} contacts rarely know one another, so one introduction from them opens a "
                             "new circle.", deg))
        out.append((row.get("pct_open", 0.0), sentence.format(n=deg, groups=named)))
    e = row.get("effective_size")
    if deg > 1 and e is not None and e == e and e >= 1.5:
        n = int(round(e))
        sentence = (ngettext("Brings about {n:,} contact you would not reach through anyone else, from {groups}.",
                             "Brings about {n:,} contacts you would not reach through anyone else, from {groups}.",
                             n) if named else
                    ngettext("Brings about {n:,} contact you would not reach through anyone else.",
                             "Brings about {n:,} contacts you would not reach through anyone else.", n))
        out.append((row.get("pct_size", 0.0), sentence.format(n=n, groups=_groups(row, group_word))))
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
    for _pct, sentence in options:
        if not avoid or sentence not in avoid:
            return sentence
    if options:
        return options[0][1]
    names = [isolate(c) for c in (row.get("contacts") or [])][:2]
    deg = int(row.get("degree") or 0)
    if deg <= 1:
        return (_("Knows only {name} here: a direct contact, not a bridge.").format(name=names[0]) if names else
                _("Knows only one person here: a direct contact, not a bridge."))
    if not names:
        return ngettext("Knows {n:,} person here, who mostly know each other too: a close circle, not a bridge.",
                        "Knows {n:,} people here, who mostly know each other too: a close circle, not a bridge.",
                        deg).format(n=deg)
    if deg > len(names):
        return ngettext("Knows {names} and {n:,} more here, who mostly know each other too: a close circle, "
                        "not a bridge.",
                        "Knows {names} and {n:,} more here, who mostly know each other too: a close circle, "
                        "not a bridge.", deg - len(names)).format(names=", ".join(names), n=deg - len(names))
    return _("Knows {names} here, who mostly know each other too: a close circle, not a bridge.").format(
        names=_names(names))


def details(row: dict) -> str:
    """The measures behind the ranking, each with its unit, for a "details" view.

    >>> details({"degree": 2, "betweenness": 0.0, "constraint": float("nan")})
    'betweenness 0.000 (share of shortest paths between others); 2 contacts'
    """
    parts = [_("betweenness {value:.3f} (share of shortest paths between others)").format(
        value=row.get("betweenness") or 0.0)]
    c, e = row.get("constraint"), row.get("effective_size")
    if c is not None and c == c:
        parts.append(_("constraint {value:.2f} (0 = open, 1 = closed circle)").format(value=c))
    if e is not None and e == e:
        parts.append(_("effective size {value:.1f} people").format(value=e))
    if row.get("cross_pairs"):
        n = int(row["cross_pairs"])
        parts.append(ngettext("{n:,} pair of contacts from different groups linked",
                              "{n:,} pairs of contacts from different groups linked", n).format(n=n))
    if row.get("groups_reached"):
        n = int(row["groups_reached"])
        parts.append(ngettext("{n:,} group reached", "{n:,} groups reached", n).format(n=n))
    deg = int(row.get("degree") or 0)
    parts.append(ngettext("{n:,} contact", "{n:,} contacts", deg).format(n=deg))
    return joined(parts)


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
