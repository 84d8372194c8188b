"""The course's source documents, by the names a reader understands.

Authors cite the documents the lessons teach from by their file number ("seed 003: ..."), in a
lesson's ``sources`` metadata. Trainees and superusers never see those files, so whatever shows a
source to them (the demo site's index, the facilitator guide) names it in plain words instead.
"""

from __future__ import annotations

import re

from .i18n.messages import N_

DOCUMENTS = {  # English message ids: a page in another language shows them through its catalogue
    "000": N_("the article on CRM in marketing"),
    "001": N_("the guide to training CRM users"),
    "002": N_("the article on the nine benefits of CRM software"),
    "003": N_("the guide to customer communities and social selling"),
    "004": N_("the guide to customer-database software"),
}
UNKNOWN = N_("the course sources")  # a document number no entry names

_CITATION = re.compile(r"\b([Ss])eeds? ?(\d{3})\b")


def in_plain_words(text: str) -> str:
    """``text`` with every "seed NNN" replaced by the document's plain name.

    >>> in_plain_words("seed 004: the three database models")
    'the guide to customer-database software: the three database models'
    >>> in_plain_words("Seed 001 weighs three formats")
    'The guide to training CRM users weighs three formats'
    >>> in_plain_words("seed 999: unknown")
    'the course sources: unknown'
    """
    def name(match: re.Match) -> str:
        plain = DOCUMENTS.get(match[2], UNKNOWN)
        return plain[0].upper() + plain[1:] if match[1] == "S" else plain
    return _CITATION.sub(name, text)


def cited_documents(text: str) -> list[str]:
    """The plain names of the documents ``text`` cites ("seed NNN"), in order, each once.

    >>> cited_documents("seed 000: CRM in marketing; seed 004 and seed 000 again")
    ['the article on CRM in marketing', 'the guide to customer-database software']
    """
    return list(dict.fromkeys(DOCUMENTS.get(match[2], UNKNOWN) for match in _CITATION.finditer(text)))
