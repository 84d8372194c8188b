"""Contact search: every word of a query, in any script, across a contact's names, email, phone, city...

A :class:`ContactIndex` holds each contact's search text (folded by
:func:`workbench.text.search_key`, column by column, on each distinct value
once) and the filter columns as codes, so a search on 100,000 contacts is one
vectorised ``str.contains`` per word.  The contact explorer
(:mod:`workbench.widgets.contacts`) displays what it finds.

>>> import pandas as pd
>>> contacts = pd.DataFrame({"contact_id": ["C1", "C2"], "first_name": ["Nusrat", "Omar"],
...                          "last_name": ["Jahan", "Haddad"], "email": ["nj@acme.test", "omar@x.test"],
...                          "lifecycle_stage": ["lead", "customer"]})
>>> search_contacts(contacts, "jahan")["contact_id"].tolist()
['C1']
>>> search_contacts(contacts, "", lifecycle_stage="customer")["contact_id"].tolist()
['C2']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import InputError, require_columns
from ..i18n.messages import _
from ..text import search_key

__all__ = ["ANY", "SEARCHED", "ContactIndex", "search_contacts"]

#: The columns searched, when the table has them.
SEARCHED = ("contact_id", "first_name", "last_name", "email", "phone", "title", "city", "account_name")
#: A filter value that keeps every row.
ANY = "(any)"


class ContactIndex:
    """A contacts table prepared for searching: each row's search text and the filter columns as codes.

    Build it once (under a second for 100,000 contacts), then :meth:`search` as often as you like.

    >>> import pandas as pd
    >>> index = ContactIndex(pd.DataFrame({"contact_id": ["C1", "C2", "C3"], "last_name": ["Jahan", "Haddad", "Jahan"],
    ...                                    "country": ["Bangladesh", "France", "France"]}))
    >>> index.search("jahan").tolist(), index.search("jahan", country="France").tolist()
    ([0, 2], [2])
    """

    def __init__(self, contacts: pd.DataFrame):
        require_columns(contacts, ["contact_id"], where="ContactIndex(contacts)")
        self.contacts = contacts
        parts = []
        for column in (c for c in SEARCHED if c in contacts.columns):
            codes, uniques = pd.factorize(contacts[column], use_na_sentinel=True)
            keys = np.array([*search_key(uniques), ""], dtype=object)  # a missing value (code -1) is ""
            parts.append(keys[codes])
        self.text = pd.Series([" ".join(row) for row in zip(*parts)] if parts else [""] * len(contacts),
                              dtype="string")
        self._codes: dict[str, tuple[np.ndarray, pd.Index]] = {}

    def _filter(self, column: str, value) -> np.ndarray:
        if column not in self._codes:
            require_columns(self.contacts, [column], where="ContactIndex.search(query, ...)")
            codes, uniques = pd.factorize(self.contacts[column].astype("string"))
            self._codes[column] = codes, pd.Index(uniques)
        codes, uniques = self._codes[column]
        slot = uniques.get_indexer([str(value)])[0]
        return codes == slot if slot >= 0 else np.zeros(len(codes), dtype=bool)

    def search(self, query: str = "", **filters) -> np.ndarray:
        """Row positions (in table order) of the contacts matching every word of ``query`` and every filter.

        A filter keeps rows whose column equals the value; ``None`` or ``"(any)"`` means no filter.
        """
        if not isinstance(query, str):
            raise InputError(_('query must be text, got {name__}').format(name__=type(query).__name__),
                             where="search_contacts(contacts, query)", fix=_("type words to look for, e.g. 'jahan dhaka'"))
        keep = np.ones(len(self.text), dtype=bool)
        for column, value in filters.items():
            if value is not None and value != ANY:
                keep &= self._filter(column, value)
        positions = np.flatnonzero(keep)
        for word in search_key([query])[0].split():  # each word only searches the rows still in
            found = self.text.iloc[positions].str.contains(word, regex=False).to_numpy(dtype=bool)
            positions = positions[found]
        return positions


def search_contacts(contacts: pd.DataFrame, query: str = "", *, index: ContactIndex | None = None,
                    **filters) -> pd.DataFrame:
    """Contacts whose id, name, email, phone, title, city or account name contain every word of ``query``.

    Matching ignores case, accents and punctuation.  Keyword ``filters``
    keep rows whose column equals the value (``lifecycle_stage="customer"``);
    ``None`` or ``"(any)"`` means no filter.  Pass a :class:`ContactIndex`
    of ``contacts`` as ``index`` to search many times without rebuilding it.

    >>> import pandas as pd
    >>> people = pd.DataFrame({"contact_id": ["C1", "C2"], "first_name": ["Élodie", "Omar"],
    ...                        "city": ["Lyon", "Dhaka"]})
    >>> search_contacts(people, "elodie LYON")["contact_id"].tolist()
    ['C1']
    """
    index = ContactIndex(contacts) if index is None else index
    return contacts.iloc[index.search(query, **filters)]
