"""What a column holds, and how two of its values are compared: kinds and comparison levels.

A duplicate detector compares two records field by field, and each field in
its own way: two names letter by letter (Jaro-Winkler), two dates allowing
day and month typed the wrong way round, two street numbers one digit apart,
two addresses word by word.  Each comparison says how closely the values
agree, as a *level*: 0 is "different", higher is closer, the last is "the
same"; ``-1`` means a value is missing on one side (no evidence either way).
:mod:`workbench.crm.fellegi_sunter` then learns how much each level counts.

The kind of a column is guessed from its name, in English and French
(:func:`column_kind`), and can be given (``kinds={"dob": "date"}``).

>>> import pandas as pd
>>> dates = prepare(pd.Series(["1990-03-04", "04/03/1990", "1990-04-03", None]), "date")
>>> dates.tolist()
['19900304', '19900304', '19900403', <NA>]
>>> compare("date", dates, [0, 0, 0], [1, 2, 3]).tolist()
[3, 2, -1]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..text import fold, fold_many

__all__ = ["KINDS", "SAME_BY_CHANCE", "FREE_MAIL", "NICKNAMES", "column_kind", "prepare", "compare"]

#: Each kind and its comparison levels, from "different" (0) to "the same" (last).
KINDS = {
    "name": ("different", "somewhat alike", "alike or sounds the same", "the same"),
    "email": ("different", "similar", "same mailbox name (a typo in the domain, or a private mailbox)", "the same"),
    "phone": ("different", "one digit off", "the same"),
    "date": ("different", "two digits off", "day and month swapped or one digit off", "the same"),
    "postcode": ("different", "one character off", "the same"),
    "number": ("different", "one digit off", "the same"),
    "address": ("different", "some words alike", "nearly the same words", "the same"),
    "city": ("different", "alike", "the same"),
    "state": ("different", "the same"),
    "text": ("different", "alike", "the same"),
    "exact": ("different", "one character off (codes of 5 or more)", "the same"),
}
#: How often two strangers hold the same value, before any data says better: a shared first name is common,
#: a shared email address almost unheard of.  :mod:`workbench.crm.dedupe` starts its model from these.
SAME_BY_CHANCE = {"name": 0.01, "email": 1e-4, "phone": 1e-4, "date": 1e-3, "postcode": 0.01, "number": 0.02,
                  "address": 1e-3, "city": 0.02, "state": 0.2, "text": 0.01, "exact": 1e-3}
#: Providers of private mailboxes (the first part of the domain): an address there says nothing of an employer.
FREE_MAIL = frozenset({"gmail", "googlemail", "yahoo", "ymail", "outlook", "hotmail", "live", "msn", "icloud", "me",
                       "aol", "proton", "protonmail", "gmx", "mail", "yandex", "zoho", "orange", "free", "laposte",
                       "wanadoo", "sfr", "btinternet", "sky", "virginmedia"})

#: Words in column names, English and French, and the kind they announce; the first that fits wins,
#: so ``street_number`` is a number before it is an address, and ``date_of_birth`` a date.
_NAME_WORDS = (
    ("email", ("mail", "courriel")),
    ("phone", ("phone", "mobile", "tel", "fax", "portable", "gsm", "cell")),
    ("postcode", ("postcode", "postal", "zip", "code_postal", "cp", "plz")),
    ("number", ("street_number", "house_number", "numero", "num", "number", "no", "n°")),
    ("date", ("birth", "dob", "naissance", "date", "ddn", "birthday")),
    ("exact", ("id", "code", "ssn", "siret", "siren", "nir", "iban")),
    ("address", ("address", "adresse", "street", "rue", "voie", "addr")),
    ("city", ("city", "town", "suburb", "ville", "commune", "locality", "localite")),
    ("state", ("state", "region", "province", "county", "departement", "country", "pays", "etat", "sex", "gender")),
    ("name", ("name", "nom", "prenom", "first", "last", "surname", "given", "family")),
)

#: Common English and French nicknames and the name they stand for, as compared (folded).
#: In a name column a nickname counts as its full name (Bill Smith and William Smith compare equal).
NICKNAMES = {
    "william": ("bill", "billy", "will", "willy", "liam"), "robert": ("bob", "bobby", "rob", "robbie", "bert"),
    "james": ("jim", "jimmy", "jamie"), "michael": ("mike", "mikey", "mick", "micky"), "thomas": ("tom", "tommy"),
    "richard": ("rick", "ricky", "rich", "richie", "dick"), "elizabeth": ("liz", "lizzie", "beth", "betty", "eliza"),
    "jennifer": ("jen", "jenny"), "christopher": ("chris", "kit"), "daniel": ("dan", "danny"),
    "matthew": ("matt",), "joseph": ("joe", "joey"), "anthony": ("tony",), "patricia": ("patty", "trish", "tricia"),
    "susan": ("sue", "susie", "suzy"), "margaret": ("maggie", "peggy", "meg", "madge"),
    "katherine": ("kate", "katie", "kathy", "cathy", "kay"), "nicholas": ("nick", "nicky"),
    "benjamin": ("ben", "benji", "benny"), "edward": ("ed", "eddie", "ted", "ned"), "andrew": ("andy", "drew"),
    "david": ("dave", "davey"), "charles": ("charlie", "chuck"), "jonathan": ("jon", "jonny"),
    "steven": ("steve", "stevie"), "kenneth": ("ken", "kenny"), "timothy": ("tim", "timmy"),
    "gregory": ("greg",), "samuel": ("sam", "sammy"), "alexander": ("alex", "sandy", "xander"),
    "rebecca": ("becky", "becca"), "deborah": ("debbie", "deb"), "jessica": ("jess", "jessie"),
    "victoria": ("vicky", "tori"), "joshua": ("josh",), "jacqueline": ("jackie",), "john": ("jack", "johnny"),
    "henry": ("harry", "hank"), "lawrence": ("larry",), "frederic": ("fred", "freddie"), "nicolas": ("nico",),
    "emmanuel": ("manu",), "sebastien": ("seb",), "dominique": ("dom",), "maximilian": ("max",),
    "mathieu": ("mat",), "jean baptiste": ("jb",), "francois": ("francky",), "guillaume": ("guigui",),
}
_FULL_NAME = {nick: full for full, nicks in NICKNAMES.items() for nick in nicks}


def column_kind(column: str) -> str:
    """The kind of a column, guessed from its name (English or French); ``text`` when nothing fits.

    >>> [column_kind(c) for c in ["first_name", "Email Address", "mobile", "account_id", "date_of_birth",
    ...                           "street_number", "address_1", "suburb", "postcode", "Code postal", "prénom"]]
    ['name', 'email', 'phone', 'exact', 'date', 'number', 'address', 'city', 'postcode', 'postcode', 'name']
    """
    words = fold(column).split()
    joined = "_".join(words)
    for kind, hints in _NAME_WORDS:
        for hint in hints:
            if ("_" in hint and hint in joined) or hint in words or (len(hint) > 3 and hint in joined):
                return kind
    return "text"


def _unique_map(series: pd.Series, fn) -> pd.Series:
    """``fn`` (a list of distinct values to a list of keys) applied once per distinct value; blank becomes NA."""
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    keys = np.array([*fn(list(uniques)), None], dtype=object)[codes]
    out = pd.Series(keys, index=series.index, dtype="string")
    return out.mask(out.eq(""))


def _date_keys(values: list) -> list:
    """Dates as ``YYYYMMDD``: 8 digits as written (typos kept: they are compared), else parsed."""
    text = pd.Series([str(v).strip() for v in values], dtype=object)
    digits = text.str.replace(r"\D", "", regex=True)
    iso = text.str.match(r"^\d{4}\D\d{1,2}\D\d{1,2}")
    parsed = pd.to_datetime(text.where(~iso), errors="coerce", dayfirst=True, format="mixed")
    parsed = parsed.fillna(pd.to_datetime(text.where(iso), errors="coerce", format="mixed"))
    keys = parsed.dt.strftime("%Y%m%d")
    plain = digits.str.len().eq(8) & ~text.str.contains(r"\D", regex=True)
    return keys.where(~plain, digits).fillna("").tolist()


def prepare(series: pd.Series, kind: str) -> pd.Series:
    """The cleaned values of one column, as compared (a string Series, NA where blank).

    >>> prepare(pd.Series(["Bill", " GÉRARD ", None]), "name").tolist()
    ['william', 'gerard', <NA>]
    >>> prepare(pd.Series(["+33 6 12 34 56 78", "Amina@X.com "]), "phone").tolist()[:1]
    ['612345678']
    """
    from .quality import normalise_email, phone_key

    if kind == "email":
        return normalise_email(series)
    if kind == "phone":
        return phone_key(series)
    if kind == "date":
        return _unique_map(series, _date_keys)
    if kind in ("postcode", "number", "exact"):
        return _unique_map(series, lambda vs: ["".join(fold(v).split()) for v in vs])
    if kind == "name":
        return _unique_map(series, lambda vs: [" ".join(_FULL_NAME.get(w, w) for w in k.split())
                                               for k in fold_many(vs)])
    return _unique_map(series, fold_many)


def _codes(*columns: pd.Series) -> list[np.ndarray]:
    """Integer codes of the values of each column, shared between them (-1 where missing): equal values, equal codes."""
    both = pd.concat(columns, ignore_index=True)
    codes = pd.factorize(both.to_numpy(dtype=object, na_value=None), use_na_sentinel=True)[0]
    bounds = np.cumsum([0, *(len(c) for c in columns)])
    return [codes[start:end] for start, end in zip(bounds[:-1], bounds[1:])]


def _same(a: pd.Series, b: pd.Series, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """``a[left[k]] == b[right[k]]`` for each pair, compared as integer codes."""
    ca, cb = _codes(a, b)
    return (ca[left] == cb[right]) & (ca[left] >= 0)


def compare(kind: str, values: pd.Series, left, right, other: pd.Series | None = None) -> np.ndarray:
    """The comparison level of ``values[left[k]]`` and ``other[right[k]]`` for each pair (``-1``: a side is blank).

    ``values`` are :func:`prepare`'s output; ``other`` (default ``values``) gives the right side.
    Each distinct pair of values is compared once, however many pairs of rows hold it (candidate
    pairs repeat the same two first names or postcodes many times), and whatever depends on one
    value (its sound, its parts) is worked out once per distinct value.

    >>> compare("name", pd.Series(["jahan", "jahaan", "smith", None]), [0, 0, 0], [1, 2, 3]).tolist()
    [2, 0, -1]
    """
    values = values.reset_index(drop=True).astype("string")
    other = values if other is None else other.reset_index(drop=True).astype("string")
    both = pd.concat([values, other], ignore_index=True).to_numpy(dtype=object, na_value=None)
    codes, distinct = pd.factorize(both, use_na_sentinel=True)
    a = codes[:len(values)][np.asarray(left, dtype=np.int64)]
    b = codes[len(values):][np.asarray(right, dtype=np.int64)]
    present = (a >= 0) & (b >= 0)
    level = np.full(len(a), -1, dtype=np.int8)
    if present.any():
        size = max(len(distinct), 1)
        inverse, pairs = pd.factorize(a[present].astype(np.int64) * size + b[present])
        level[present] = _levels(kind, pd.Series(distinct, dtype="string"), pairs // size, pairs % size)[inverse]
    return level


def _levels(kind: str, values: pd.Series, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """The level of each pair ``values[left[k]]``, ``values[right[k]]`` of distinct, filled ``values``."""
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import JaroWinkler, Levenshtein

    from ..text import phonetic_key

    text = values.to_numpy(dtype=object)
    same = left == right
    top = len(KINDS[kind]) - 1

    def score(scorer, cutoff, strings=text):
        """``scorer`` of each pair, once per distinct pair of ``strings`` (the parts of two emails repeat);
        below the cutoff (above, for a distance) the exact figure is not needed."""
        if strings is text:  # distinct values, distinct pairs already
            return process.cpdist(text[left], text[right], scorer=scorer, score_cutoff=cutoff, dtype=np.float32)
        codes, distinct = pd.factorize(strings)
        inverse, pairs = pd.factorize(codes[left].astype(np.int64) * len(distinct) + codes[right])
        found = process.cpdist(distinct[pairs // len(distinct)], distinct[pairs % len(distinct)], scorer=scorer,
                               score_cutoff=cutoff, dtype=np.float32)
        return found[inverse]

    if kind == "name":  # "Jean Pierre" and "Jeanpierre" are one name
        packed = values.str.replace(" ", "")
        same |= _same(packed, packed, left, right)
        jw = score(JaroWinkler.normalized_similarity, None)  # a cutoff here drops borderline pairs
        sound = values.map(phonetic_key)
        out = np.select([same, (jw >= 0.92) | _same(sound, sound, left, right), jw >= 0.8], [3, 2, 1], 0)
    elif kind == "email":  # the part before @ says who; the domain where they work, unless it is a private one
        parts = values.str.rpartition("@")
        local = parts[0].where(parts[1].eq("@"), parts[2])
        domain = parts[2].where(parts[1].eq("@"), "")
        private = domain.str.split(".").str[0].isin(FREE_MAIL).to_numpy() | domain.eq("").to_numpy()
        close = score(fuzz.ratio, 85, local.to_numpy(dtype=object))
        near_domain = score(fuzz.ratio, 80, domain.to_numpy(dtype=object)) >= 80
        one_employer = near_domain | private[left] | private[right]  # two work addresses: two mailboxes
        out = np.select([same, _same(local, local, left, right) & one_employer, (close >= 85) & one_employer],
                        [3, 2, 1], 0)
    elif kind in ("phone", "postcode", "number", "exact"):
        near = score(Levenshtein.distance, 1) <= 1
        if kind == "exact":  # A1 and A2 are two accounts; a long code with one typo is still the same
            long = values.str.len().to_numpy() >= 5
            near &= long[left] & long[right]
        out = np.select([same, near], [top, 1], 0)
    elif kind == "date":
        edits = score(Levenshtein.distance, 2)
        swapped = _same(values.str[:4] + values.str[6:8] + values.str[4:6], values, left, right)
        out = np.select([same, swapped | (edits <= 1), edits <= 2], [3, 2, 1], 0)
    elif kind == "address":
        words = score(fuzz.token_set_ratio, 70)
        out = np.select([same, words >= 90, words >= 70], [3, 2, 1], 0)
    elif kind in ("city", "text"):
        out = np.select([same, score(JaroWinkler.normalized_similarity, None) >= 0.9], [2, 1], 0)
    else:  # state
        out = same.astype(np.int8)
    return out.astype(np.int8)
