"""The course's glossary: every term a lesson uses, defined in plain words, with the anchor lessons link to.

The glossary page of the lab (``notebooks/00-glossary.ipynb``) is written from
:data:`TERMS` (:func:`page_markdown`), and lessons link the first mention of each
term to it (:mod:`workbench.glossary_links`).

>>> term("structural hole").anchor
'structural-hole'
>>> [(t.name, text) for t, start, end, text in mentions("Each lead becomes an opportunity.")]
[('lead', 'lead'), ('opportunity', 'opportunity')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

#: The glossary notebook, relative to the ``notebooks/`` folder.
GLOSSARY_NOTEBOOK = "00-glossary.ipynb"


@dataclass(frozen=True)
class Term:
    """One glossary entry: its name, a plain-words definition and the words that mention it in a text.

    ``forms`` are matched as whole words, case-insensitively unless the form is written in capitals
    (``RFM``); the name itself is always one of them. ``other_senses`` are patterns of phrases where
    the same words mean something else ("lead to a decision", "an SMS segment"): no mention there.
    """

    name: str
    definition: str
    forms: tuple[str, ...] = ()
    other_senses: tuple[str, ...] = ()

    @property
    def anchor(self) -> str:
        """The id of the term's entry on the glossary page: ``level-2-reach``."""
        return re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")

    @property
    def pattern(self) -> re.Pattern:
        forms = sorted({self.name, *self.forms}, key=len, reverse=True)
        parts = [(f"(?-i:{re.escape(f)})" if f.isupper() else re.escape(f)).replace(r"\ ", r"[\s-]+")
                 for f in forms]
        return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


TERMS: tuple[Term, ...] = (
    Term("account", "A company or organisation the business sells to. Its people are the contacts.",
         ("accounts",)),
    Term("contact", "A person the business deals with, usually someone who works at an account.",
         ("contacts",)),
    Term("lead", "Someone who has shown interest but is not yet qualified: a name, a company and a way to "
                 "reach them. A lead that is worth pursuing is converted into a contact and an opportunity.",
         ("leads",), (r"\bleads?\s+(?:to|the way)\b", r"\b(?:who|which|that)\s+leads?\b")),
    Term("opportunity", "A possible sale to an account, with an amount, an expected close date and a stage. "
                        "Also called a deal.", ("opportunities",)),
    Term("pipeline", "All the open opportunities, grouped by the stage they have reached, from first contact to "
                     "signature.", ("pipelines",)),
    Term("stage", "A step of the sales process an opportunity passes through (for example Qualification, "
                  "Proposal, Negotiation). Each stage carries a probability of winning.", ("stages",)),
    Term("lifecycle stage", "Where a contact stands in their relationship with the business: subscriber, lead, "
                            "customer and so on.", ("lifecycle stages",)),
    Term("forecast", "An estimate of the sales to come. The weighted forecast adds each open opportunity's amount "
                     "times its probability of being won.", ("forecasts", "weighted forecast")),
    Term("activity", "Something done with a contact and written in the CRM: a call, an email, a meeting, a task "
                     "or a note, with its date and outcome.", ("activities",)),
    Term("follow-up", "The next step promised to a contact, with a date, so that nobody is forgotten. "
                      "A reminder makes the CRM show it in time.", ("follow-ups",)),
    Term("RFM", "Recency, frequency, monetary: three scores from 1 to 5 that say how recently a customer bought, "
                "how often, and how much. Together they place the customer in a segment."),
    Term("segment", "A group of customers who behave alike and get the same message, for example the "
                    "customers who bought often but not lately.", ("segments", "segmentation"),
         (r"\bSMS\b[^\n]{0,40}?\bsegments?\b", r"\bsegments?\s+holds?\b",
          r"\bsegments?\b(?=[^\n]{0,40}\bcharacters?\b)")),
    Term("campaign", "A set of messages sent to a chosen list of contacts, on one channel, over a few days or "
                     "weeks, whose results are measured.", ("campaigns",)),
    Term("consent", "A person's agreement to be contacted on a given channel, recorded with its date and the "
                    "wording they accepted. It can be withdrawn at any time, and then it no longer counts.",
         ("consents",)),
    Term("opt-in", "Consent given by an explicit action (ticking a box, replying yes). A mailing list built on "
                   "opt-in holds only people who asked to be on it.", ("opt in", "opted in")),
    Term("contact pressure", "How many messages a person receives in a given time, compared with the number they "
                             "accept. Too much pressure loses their attention, or their consent."),
    Term("duplicate", "Two records that describe the same person or company, often spelt slightly differently. "
                      "Duplicates are merged into one record so that history is not split.",
         ("duplicates", "near-duplicate", "near-duplicates")),
    Term("data quality", "How far the CRM's records are complete, correctly formatted, up to date and free of "
                         "duplicates."),
    Term("dashboard", "One screen of a few charts and numbers that a team looks at regularly to follow its "
                      "activity and results.", ("dashboards",)),
    Term("connector", "A person who knows people in groups that do not otherwise know each other, and can "
                      "open their network to you.", ("connectors",)),
    Term("structural hole", "A gap between two groups of people who do not know each other. Whoever bridges it "
                            "hears news first and can introduce one side to the other.", ("structural holes",)),
    Term("tie strength", "How close two people are, judged from their exchanges: how often, how recently and in "
                         "both directions or not. Ties are classed from strong to unknown.", ("strong tie",
                                                                                             "strong ties")),
    Term("warm introduction", "Meeting a new person through someone who knows you both and vouches for you, "
                              "rather than by a cold message.", ("warm introductions", "warm intro")),
    Term("level-1 reach", "The people you know directly: your own contacts.", ("level 1",)),
    Term("level-2 reach", "The people your contacts know and you do not: a post or an introduction can reach them "
                          "through your level 1.", ("level 2",)),
    Term("persona", "A short portrait of a typical reader or buyer: their job, what they worry about, what they "
                    "read. Content is written for a persona.", ("personas",)),
    Term("editorial line", "The handful of themes a rep or team writes about, chosen for their readers and "
                           "reviewed every few months.", ("editorial lines",)),
    Term("levels of action", "The three kinds of social-media action, from least to most effort: react to others' "
                             "posts, curate (share others' content with a comment), produce your own.",
         ("level of action",)),
    Term("engagement rate", "The share of the people who saw a post who reacted to it (likes, comments, shares, "
                            "clicks), in percent.", ("engagement rates",)),
    Term("superuser", "A colleague who knows the CRM well and trains the others: plans sessions, hands out the "
                      "exercises and reads the class's results.", ("superusers",)),
)


@cache
def _by_name() -> dict[str, Term]:
    return {t.name.lower(): t for t in TERMS}


def term(name: str) -> Term:
    """The glossary entry called ``name`` (any case); ``KeyError`` naming the known terms if there is none.

    >>> term("RFM").definition.split(":")[0]
    'Recency, frequency, monetary'
    """
    try:
        return _by_name()[name.lower()]
    except KeyError:
        raise KeyError(f"no glossary term {name!r}; known: {', '.join(t.name for t in TERMS)}") from None


def mentions(text: str, skip: list[tuple[int, int]] = ()) -> list[tuple[Term, int, int, str]]:
    """Each term's first mention in ``text``: ``(term, start, end, the words found)``, in text order.

    Text inside the ``skip`` spans (``(start, end)`` pairs: code, links) is no mention. Inside a
    longer term a shorter one is no mention either ("stage" in "lifecycle stage").

    >>> [t.name for t, *_ in mentions("Check the lifecycle stage, then move the deal to the next stage.")]
    ['lifecycle stage', 'stage']
    >>> mentions("Run `segments.rfm` first.", skip=[(4, 18)])
    []
    >>> mentions("Pick the metrics that lead to decisions; an SMS is billed by segment; who leads it?")
    []
    """
    found, taken = [], list(skip)
    for t in sorted(TERMS, key=lambda t: len(t.name), reverse=True):
        elsewhere = [m.span() for sense in t.other_senses for m in re.finditer(sense, text, re.IGNORECASE)]
        free = [m for m in t.pattern.finditer(text)
                if not any(m.start() < end and start < m.end() for start, end in taken + elsewhere)]
        if free:
            found.append((t, free[0].start(), free[0].end(), free[0].group(0)))
        taken += [m.span() for m in free]
    return sorted(found, key=lambda f: f[1])


def page_markdown() -> list[str]:
    """The glossary page's markdown cells: an introduction, then one entry per term, alphabetically.

    >>> cells = page_markdown()
    >>> cells[1].splitlines()[0]
    '<a id="account"></a>'
    """
    intro = ("# Glossary\n\n"
             "The words the lessons use, in plain language. A lesson links the first time it uses one of "
             "them to its entry here; come back whenever a word is unclear.")
    entries = [f'<a id="{t.anchor}"></a>\n\n**{t.name}**: {t.definition}'
               for t in sorted(TERMS, key=lambda t: t.name.lower())]
    return [intro, *entries]
