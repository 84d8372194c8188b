"""Data quality: how complete the records are, who fails to log, and cleaning helpers.

A CRM is only as good as what people put in it.  This module measures
completeness field by field and owner by owner, finds the rep whose open deals
carry no logged activity (the classic reason CRM projects fail), and cleans the
three fields that most often hide duplicates: names, emails and phone numbers.

>>> import pandas as pd
>>> df = pd.DataFrame({"owner_id": ["U1", "U1", "U2"],
...                    "email": ["a@x.com", "", None], "phone": ["1", "2", None]})
>>> completeness(df, columns=["email", "phone"])
       filled  missing  share_filled
email       1        2          0.33
phone       2        1          0.67
>>> normalise_email(pd.Series(["  Nusrat.Jahan@Example.COM "])).tolist()
['nusrat.jahan@example.com']
>>> normalise_phone(pd.Series(["06 12 34 56 78", "0033 6 12-34-56-78"]), country_code="33").tolist()
['+33612345678', '+33612345678']
"""

from __future__ import annotations

import unicodedata

import pandas as pd

from ..errors import InputError, require_columns
from ..i18n.messages import _
from ..text import fold_many
from . import columns as col

__all__ = ["blank_mask", "completeness", "activity_coverage", "normalise_name", "normalise_email",
           "normalise_phone", "phone_key", "invalid_emails", "clean_contacts"]



def _series(values, where: str) -> pd.Series:
    if isinstance(values, pd.Series):
        return values
    if isinstance(values, (list, tuple, pd.Index)):
        return pd.Series(list(values), dtype="object")
    raise InputError(_('expected a column (pandas Series) or a list, got {name__}').format(name__=type(values).__name__),
                     where=where, fix=_("pass one column, for example data.contacts['email']"))


def blank_mask(df: pd.DataFrame) -> pd.DataFrame:
    """True where a cell is empty: missing, or text made only of spaces.

    >>> blank_mask(pd.DataFrame({"a": ["x", " ", None]}))["a"].tolist()
    [False, True, True]
    """
    out = df.isna()
    for column in df.columns:
        col = df[column]
        if col.dtype == object or pd.api.types.is_string_dtype(col) or isinstance(col.dtype, pd.CategoricalDtype):
            text = col.astype("string").str.strip()
            out[column] = out[column] | text.eq("").fillna(True)
    return out


def completeness(df: pd.DataFrame, columns=None, *, by: str | None = None) -> pd.DataFrame:
    """Share of filled cells per field, overall or per group (``by``, e.g. an owner column).

    Without ``by``: one row per field with ``filled``, ``missing`` and
    ``share_filled`` (0 to 1, rounded to 2 places).  With ``by``: one row per
    group, one column per field holding its share filled, plus ``records`` and
    ``overall`` (mean of the fields), sorted from the least complete group.

    >>> df = pd.DataFrame({"owner": ["A", "A", "B"], "email": ["a@x.io", "b@x.io", ""]})
    >>> completeness(df, ["email"], by="owner")
           records  email  overall
    owner
    B            1    0.0     0.0
    A            2    1.0     1.0
    """
    where = "completeness(df)"
    require_columns(df, [by] if by else [], where=where)
    if columns is None:
        columns = [c for c in df.columns if c != by]
    columns = [columns] if isinstance(columns, str) else list(columns)
    require_columns(df, columns, where=where)
    if not columns:
        raise InputError(_("no columns to measure"), where=where, fix=_("name at least one column"))
    filled = ~blank_mask(df[columns])
    if by is None:
        out = pd.DataFrame({"filled": filled.sum().astype(int),
                            "missing": (~filled).sum().astype(int)})
        out["share_filled"] = (out["filled"] / max(len(df), 1)).round(2)
        return out
    groups = df[by].astype("string").fillna("(none)")
    shares = filled.groupby(groups).mean()
    shares.insert(0, "records", groups.value_counts().reindex(shares.index).astype(int))
    shares["overall"] = shares[columns].mean(axis=1)
    shares[columns + ["overall"]] = shares[columns + ["overall"]].round(2)
    shares.index.name = by
    return shares.sort_values(["overall", "records"], kind="stable")


def activity_coverage(opportunities: pd.DataFrame, activities: pd.DataFrame, users: pd.DataFrame | None = None,
                      *, low_share: float = 0.25) -> pd.DataFrame:
    """Activities logged per open deal, owner by owner: who logs (almost) nothing?

    Counts the activities each owner logged against their open opportunities
    (activities whose ``opportunity_id`` is one of the owner's open deals).
    ``logs_little`` is True when an owner's rate is below ``low_share`` times
    the median rate of all owners.  Sorted from the lowest rate.

    >>> opps = pd.DataFrame({"opportunity_id": ["O1", "O2", "O3"], "owner_id": ["U1", "U2", "U2"],
    ...                      "is_closed": [False, False, False]})
    >>> acts = pd.DataFrame({"activity_id": ["A1", "A2", "A3"], "owner_id": ["U1", "U1", "U1"],
    ...                      "opportunity_id": ["O1", "O1", "O1"]})
    >>> activity_coverage(opps, acts)[["open_deals", "activities", "per_open_deal", "logs_little"]]
              open_deals  activities  per_open_deal  logs_little
    owner_id
    U2                 2           0            0.0         True
    U1                 1           3            3.0        False
    """
    require_columns(opportunities, ["opportunity_id", "owner_id", "is_closed"],
                    where="activity_coverage(opportunities, ...)")
    require_columns(activities, ["activity_id", "opportunity_id"], where="activity_coverage(..., activities)")
    open_deals = opportunities.loc[~col.flags(opportunities, "is_closed", where="activity_coverage(opportunities, ...)"),
                                   ["opportunity_id", "owner_id"]]
    per_deal = activities.dropna(subset=["opportunity_id"]).groupby("opportunity_id").size()
    deals = open_deals.assign(activities=open_deals["opportunity_id"].map(per_deal).fillna(0).astype(int))
    out = deals.groupby("owner_id", observed=True).agg(open_deals=("opportunity_id", "size"),
                                                       activities=("activities", "sum"),
                                                       deals_without_activity=("activities", lambda s: int((s == 0).sum())))
    out["per_open_deal"] = (out["activities"] / out["open_deals"]).round(2)
    median = out["per_open_deal"].median() if len(out) else 0.0
    out["logs_little"] = out["per_open_deal"] < low_share * median
    if users is not None:
        require_columns(users, ["user_id", "name"], where="activity_coverage(..., users)")
        out.insert(0, "name", out.index.map(users.set_index("user_id")["name"]))
    out.index = out.index.astype(str)
    out.index.name = "owner_id"
    return out.sort_values(["per_open_deal", "open_deals"], ascending=[True, False], kind="stable")


def _tidy_name(text: str) -> str:
    words = unicodedata.normalize("NFKC", text).split()
    return " ".join("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-"))
                    if (w.isupper() or w.islower()) else w for w in words)


def normalise_name(values, *, for_matching: bool = False) -> pd.Series:
    """Tidy names: trim, collapse spaces, capitalise words written ALL CAPS or all lower case.

    ``for_matching=True`` gives a comparison key instead (:func:`workbench.text.fold`):
    case-folded, accents on Latin letters removed, punctuation and hyphens
    turned into spaces, Arabic and Persian letter variants unified.  Missing
    values stay missing.

    >>> normalise_name(pd.Series(["  JEAN-PIERRE  dupont", "Zoë"])).tolist()
    ['Jean-Pierre Dupont', 'Zoë']
    >>> normalise_name(pd.Series(["Jean-Pierre", "ZOË", "علي"]), for_matching=True).tolist()
    ['jean pierre', 'zoe', 'علی']
    """
    s = _series(values, "normalise_name(values)")
    mask = s.notna()
    out = pd.Series(pd.NA, index=s.index, dtype="object")
    texts = [str(v) for v in s[mask]]
    out[mask] = fold_many(texts) if for_matching else [_tidy_name(t) for t in texts]
    return out.astype("string")


def normalise_email(values) -> pd.Series:
    """Trim, remove inner spaces and lower-case email addresses; blank becomes missing.

    >>> normalise_email(pd.Series([" A.B@X.COM", "", None])).tolist()
    ['a.b@x.com', <NA>, <NA>]
    """
    s = _series(values, "normalise_email(values)").astype("string")
    s = s.str.replace(r"\s+", "", regex=True).str.lower()
    return s.mask(s.eq(""))


def normalise_phone(values, *, country_code: str | None = None) -> pd.Series:
    """Write phone numbers one way: ``+<country><number>`` when the country is known, else digits.

    ``00`` at the start becomes ``+``.  With ``country_code`` (digits, e.g.
    ``"33"``) a national number starting with one ``0`` becomes international.
    Blank or digit-less values become missing.

    >>> normalise_phone(pd.Series(["+44 (0)20 7946 0018", "020 7946 0018", "n/a"]), country_code="44").tolist()
    ['+442079460018', '+442079460018', <NA>]
    """
    s = _series(values, "normalise_phone(values)").astype("string").str.strip()
    if country_code is not None and not str(country_code).lstrip("+").isdigit():
        raise InputError(_('country_code {country_code!r} is not a number').format(country_code=country_code), where="normalise_phone(values)",
                         fix=_("give the calling code as digits, for example '33' for France"))
    plus = s.str.startswith("+") | s.str.startswith("00")
    s = s.str.replace(r"\(0\)", "", regex=True)
    digits = s.str.replace(r"\D", "", regex=True)
    digits = digits.where(~s.str.startswith("00"), digits.str[2:])
    out = ("+" + digits).where(plus, digits)
    if country_code is not None:
        cc = str(country_code).lstrip("+")
        national = ~plus & digits.str.match(r"^0[1-9]").fillna(False)
        out = out.where(~national, "+" + cc + digits.str[1:])
    return out.mask(digits.eq("") | digits.isna())


def phone_key(values, digits: int = 9) -> pd.Series:
    """The last ``digits`` digits of a phone number: a key that ignores country code and trunk 0.

    >>> phone_key(pd.Series(["+33 6 12 34 56 78", "06.12.34.56.78", None])).tolist()
    ['612345678', '612345678', <NA>]
    """
    s = _series(values, "phone_key(values)").astype("string").str.replace(r"\D", "", regex=True)
    s = s.str[-digits:]
    return s.mask(s.str.len().fillna(0) < min(6, digits))


def invalid_emails(df: pd.DataFrame, column: str = "email") -> pd.DataFrame:
    """Rows whose ``column`` is filled but does not look like an email address.

    >>> invalid_emails(pd.DataFrame({"email": ["ok@x.com", "nope@x", None]})).index.tolist()
    [1]
    """
    from ..data.formats import is_email

    require_columns(df, [column], where="invalid_emails(df)")
    filled = ~blank_mask(df[[column]])[column]
    bad = filled & ~df[column].map(lambda v: is_email(v) if pd.notna(v) else True).astype(bool)
    return df[bad]


def clean_contacts(contacts: pd.DataFrame, *, country_code: str | None = None) -> pd.DataFrame:
    """A copy of a contacts table with names, emails and phones normalised.

    Cleans whichever of ``first_name``, ``last_name``, ``name``, ``email`` and
    ``phone`` are present; other columns are left alone.

    >>> clean_contacts(pd.DataFrame({"first_name": ["AMINA"], "email": [" Amina@X.com"]})).iloc[0].tolist()
    ['Amina', 'amina@x.com']
    """
    if not isinstance(contacts, pd.DataFrame):
        require_columns(contacts, [], where="clean_contacts(contacts)")
    known = [c for c in ("first_name", "last_name", "name", "email", "phone") if c in contacts.columns]
    if not known:
        raise InputError(_("none of first_name, last_name, name, email, phone is a column"),
                         where="clean_contacts(contacts)", fix=_("pass a contacts table"))
    out = contacts.copy()
    for column in known:
        if column == "email":
            out[column] = normalise_email(out[column])
        elif column == "phone":
            out[column] = normalise_phone(out[column], country_code=country_code)
        else:
            out[column] = normalise_name(out[column])
    return out
