"""The sales pipeline: weighted pipeline, sales velocity, win rate, slipped deals and forecast.

A *weighted pipeline* (Salesforce's ``ExpectedRevenue``, EspoCRM's
``amountWeightedConverted``, Odoo's ``prorated_revenue``) counts each open
deal at ``amount × probability / 100``.  The probability may be the one the
rep typed on the deal, or a stage table: the vendors' default tables disagree
(:data:`STAGE_TABLES`), which is a lesson in itself.

*Sales velocity* is revenue per day: open opportunities × average deal value
× win rate ÷ sales-cycle length in days.

>>> import pandas as pd
>>> deals = pd.DataFrame({
...     "opportunity_id": ["O1", "O2", "O3", "O4"], "owner_id": ["U1", "U1", "U2", "U2"],
...     "stage": ["Proposal", "Qualification", "Closed Won", "Closed Lost"],
...     "probability": [60, 20, 100, 0], "amount": [1000.0, 5000.0, 2000.0, 800.0],
...     "created_at": pd.to_datetime(["2026-01-01", "2026-02-01", "2026-01-01", "2026-01-10"]),
...     "close_date": pd.to_datetime(["2026-02-15", "2026-05-01", "2026-01-31", "2026-02-01"]),
...     "is_closed": [False, False, True, True], "is_won": [False, False, True, False]})
>>> weighted_pipeline(deals)
1600.0
>>> round(sales_velocity(40, 25_000, 0.25, 90), 2)
2777.78
>>> win_rate(deals)
0.5
>>> slipped_deals(deals, as_of="2026-03-01")["opportunity_id"].tolist()
['O1']
"""

from __future__ import annotations

import pandas as pd

from ..errors import InputError
from ..i18n.messages import _
from . import columns as col
from .stages import VENDOR_DEFAULTS

#: Default stage probabilities (percent) published by CRM vendors, by short name; the tables
#: themselves live in :data:`workbench.crm.stages.VENDOR_DEFAULTS` (sources: ``research/crm.md``).
#: Salesforce's table is the same as EspoCRM's; SuiteCRM ships the same stages with other numbers.
STAGE_TABLES: dict[str, dict[str, int]] = {
    "salesforce": VENDOR_DEFAULTS["Salesforce / EspoCRM"],
    "espocrm": VENDOR_DEFAULTS["Salesforce / EspoCRM"],
    "suitecrm": VENDOR_DEFAULTS["SuiteCRM"],
    "hubspot": VENDOR_DEFAULTS["HubSpot"],
}

_DEALS_FIX = "pass the opportunities table (data.opportunities) or a table with these columns"


def _percents(probs: pd.Series, where: str, what: str) -> pd.Series:
    """``probs`` unchanged if they are percentages; a clear error for values outside 0-100 or fractions.

    >>> _percents(pd.Series([0.2, 0.6]), "f(deals)", "probability")
    Traceback (most recent call last):
    ...
    workbench.errors.InputError: f(deals): every probability is between 0 and 1 (0.2, 0.6): they look like fractions, which would make the weighted total 100 times too small. Fix: write probabilities in percent (0.6 becomes 60), for example deals.assign(probability=deals["probability"] * 100).
    """
    outside = (probs < 0) | (probs > 100)
    if outside.any():
        position = int(outside.to_numpy().argmax())
        raise InputError(_('the {what} in row {position} is {iloc:g}, outside 0 to 100').format(what=what, position=position + 2, iloc=probs.iloc[position]),
                         where=where, fix=_("write each probability in percent, from 0 to 100"))
    known = probs.dropna()
    if len(known) and (known <= 1).all() and (known > 0).any():
        shown = ", ".join(f"{v:g}" for v in known.drop_duplicates().head(3))
        raise InputError(_('every {what} is between 0 and 1 ({shown}): they look like fractions, which would make the weighted total 100 '
                            'times too small').format(what=what, shown=shown), where=where,
                         fix=_('write probabilities in percent (0.6 becomes 60), for example deals.assign({what}=deals["{what}"] * 100)').format(what=what))
    return probs


def _open_mask(deals: pd.DataFrame, where: str) -> pd.Series:
    if "is_closed" in deals.columns:
        return ~col.flags(deals, "is_closed", where=where)
    return pd.Series(True, index=deals.index)


def stage_probabilities(table="deals", deals: pd.DataFrame | None = None) -> pd.Series:
    """A stage → probability (percent) mapping as a Series indexed by stage.

    ``table`` is the name of a vendor table in :data:`STAGE_TABLES`, a dict,
    a Series, or a stages table with ``stage`` and ``default_probability``
    columns (``data.stages``).

    >>> stage_probabilities("suitecrm")["Proposal/Price Quote"]
    np.int64(65)
    >>> stage_probabilities({"Won": 100, "Talking": 30}).to_dict()
    {'Won': 100, 'Talking': 30}
    """
    where = "stage_probabilities(table)"
    if isinstance(table, str):
        key = table.lower()
        if key not in STAGE_TABLES:
            raise InputError(_('no stage table called {table!r}').format(table=table), where=where,
                             fix=_('use one of {sorted}, a dict or data.stages').format(sorted=', '.join(sorted(STAGE_TABLES))))
        return pd.Series(STAGE_TABLES[key], name="probability").rename_axis("stage")
    if isinstance(table, dict):
        table = pd.Series(table)
    if isinstance(table, pd.DataFrame):
        col.table(table, ["stage", "default_probability"], where=where,
                  fix=_("pass data.stages, a vendor name or a dict stage -> probability"))
        table = pd.Series(col.numbers(table, "default_probability", where=where).to_numpy(),
                          index=table["stage"].astype(str), name="probability")
    if not isinstance(table, pd.Series):
        raise InputError(_('cannot read a stage table from {name__}').format(name__=type(table).__name__), where=where,
                         fix=_("pass a vendor name such as 'salesforce', a dict stage -> probability or data.stages"))
    probs = pd.to_numeric(table, errors="coerce")
    bad = probs.isna() | (probs < 0) | (probs > 100)
    if bad.any():
        raise InputError(_('stage {index!r} has no probability between 0 and 100').format(index=probs.index[bad.to_numpy().argmax()]),
                         where=where, fix=_("give every stage a probability in percent, 0 to 100"))
    return probs.rename("probability").rename_axis("stage")


def deal_probabilities(deals: pd.DataFrame, probabilities=None, *, stage: str = "stage",
                       probability: str = "probability") -> pd.Series:
    """Each deal's win probability in percent: its own (``probabilities=None``) or its stage's.

    >>> import pandas as pd
    >>> deal_probabilities(pd.DataFrame({"stage": ["Prospecting", "Closed Won"]}), "salesforce").tolist()
    [10.0, 100.0]
    """
    where = "deal_probabilities(deals)"
    if probabilities is None:
        col.table(deals, [probability], where=where, fix=_DEALS_FIX)
        return _percents(col.numbers(deals, probability, where=where), where, probability)
    table = stage_probabilities(probabilities)
    col.table(deals, [stage], where=where, fix=_DEALS_FIX)
    mapped = deals[stage].astype(str).map(table.to_dict()).astype("float64")
    unknown = mapped.isna() & deals[stage].notna()
    if unknown.any():
        name = deals[stage][unknown].iloc[0]
        raise InputError(_('stage {name!r} is not in the stage table ({map})').format(name=name, map=', '.join(map(str, table.index))),
                         where=where, fix=_("pick the stage table your CRM uses, or give a dict covering every stage"))
    return mapped


def weighted_pipeline(deals: pd.DataFrame, probabilities=None, *, by=None, amount: str = "amount",
                      probability: str = "probability", stage: str = "stage"):
    """Σ amount × probability / 100 over the open deals (``is_closed`` false, when the column exists).

    ``probabilities=None`` uses each deal's own ``probability``, in percent (a
    value outside 0-100 raises, and so does a column of fractions such as 0.6,
    which would make the total 100 times too small); a vendor name
    (``"salesforce"``, ``"suitecrm"``, ``"hubspot"``), a dict or ``data.stages``
    uses the stage's probability instead.  With ``by`` (a column or list of
    columns) returns a table: deals, amount and weighted per group.

    >>> import pandas as pd
    >>> deals = pd.DataFrame({"stage": ["Prospecting", "Negotiation/Review"], "amount": [1000, 2000],
    ...                       "probability": [50, 50], "owner_id": ["U1", "U2"]})
    >>> weighted_pipeline(deals), weighted_pipeline(deals, "salesforce"), weighted_pipeline(deals, "suitecrm")
    (1500.0, 1900.0, 1700.0)
    >>> weighted_pipeline(deals, by="owner_id")
      owner_id  deals  amount  weighted
    0       U1      1  1000.0     500.0
    1       U2      1  2000.0    1000.0
    """
    where = "weighted_pipeline(deals)"
    col.table(deals, [amount], where=where, fix=_DEALS_FIX)
    amounts = col.numbers(deals, amount, where=where)
    probs = deal_probabilities(deals, probabilities, stage=stage, probability=probability)
    weighted = (amounts * probs / 100).round(10)
    is_open = _open_mask(deals, where)
    if by is None:
        return float(round(weighted[is_open].sum(), 2))
    keys = [by] if isinstance(by, str) else list(by)
    col.table(deals, keys, where=where)
    frame = deals.loc[is_open, keys].copy()
    frame["amount"] = amounts[is_open]
    frame["weighted"] = weighted[is_open]
    out = frame.groupby(keys, observed=True, dropna=False).agg(
        deals=("amount", "size"), amount=("amount", "sum"), weighted=("weighted", "sum")).reset_index()
    out["weighted"] = out["weighted"].round(2)
    return out


def sales_velocity(open_opportunities: float, avg_deal_value: float, win_rate: float, cycle_days: float) -> float:
    """Revenue per day: open opportunities × average deal value × win rate ÷ cycle length in days.

    ``win_rate`` is a fraction (0.25 for 25 %).  Published worked examples:

    >>> round(sales_velocity(40, 25_000, 0.25, 90), 2)
    2777.78
    >>> round(sales_velocity(50, 12_000, 0.25, 90), 2)
    1666.67
    """
    where = "sales_velocity(...)"
    values = {"open_opportunities": open_opportunities, "avg_deal_value": avg_deal_value,
              "win_rate": win_rate, "cycle_days": cycle_days}
    for name, value in values.items():
        if not col.is_number(value):
            raise InputError(_('{name} must be a number, got {value!r}').format(name=name, value=value), where=where,
                             fix=_('pass {name} as a number').format(name=name))
        if value < 0:
            raise InputError(_('{name} is negative ({value})').format(name=name, value=value), where=where, fix=_('pass {name} as 0 or more').format(name=name))
    if win_rate > 1:
        raise InputError(_('win_rate is {win_rate}, more than 1').format(win_rate=win_rate), where=where,
                         fix=_("pass the win rate as a fraction: 0.25 for 25 %"))
    if cycle_days == 0:
        raise InputError(_("cycle_days is 0"), where=where, fix=_("pass the average sales-cycle length in days (> 0)"))
    return float(open_opportunities) * float(avg_deal_value) * float(win_rate) / float(cycle_days)


def win_rate(deals: pd.DataFrame, *, by=None):
    """Won deals ÷ closed deals (open deals do not count); NaN when nothing is closed.

    >>> import pandas as pd
    >>> deals = pd.DataFrame({"owner_id": ["U1", "U1", "U2", "U2"], "is_closed": [True, True, True, False],
    ...                       "is_won": [True, False, True, False]})
    >>> win_rate(deals)
    0.6667
    >>> win_rate(deals, by="owner_id")
      owner_id  closed  won  win_rate
    0       U1       2    1       0.5
    1       U2       1    1       1.0
    """
    where = "win_rate(deals)"
    col.table(deals, ["is_closed", "is_won"], where=where, fix=_DEALS_FIX)
    closed = col.flags(deals, "is_closed", where=where)
    won = col.flags(deals, "is_won", where=where) & closed
    if by is None:
        n = int(closed.sum())
        return round(int(won.sum()) / n, 4) if n else float("nan")
    keys = [by] if isinstance(by, str) else list(by)
    col.table(deals, keys, where=where)
    frame = deals[keys].copy()
    frame["closed"], frame["won"] = closed.astype(int), won.astype(int)
    out = frame.groupby(keys, observed=True, dropna=False)[["closed", "won"]].sum().reset_index()
    out["win_rate"] = (out["won"] / out["closed"].where(out["closed"] > 0)).round(4)
    return out


def velocity_inputs(deals: pd.DataFrame, *, amount: str = "amount") -> dict:
    """The four inputs of sales velocity, measured on a deals table.

    - open opportunities: deals not closed;
    - average deal value: mean amount of the won deals;
    - win rate: won ÷ closed;
    - cycle days: mean days from ``created_at`` to ``close_date`` of the won deals.

    >>> import pandas as pd
    >>> deals = pd.DataFrame({"amount": [100.0, 300.0, 50.0], "is_closed": [True, True, False],
    ...     "is_won": [True, False, False], "created_at": pd.to_datetime(["2026-01-01"] * 3),
    ...     "close_date": pd.to_datetime(["2026-01-11", "2026-01-21", "2026-03-01"])})
    >>> velocity_inputs(deals)
    {'open_opportunities': 1, 'avg_deal_value': 100.0, 'win_rate': 0.5, 'cycle_days': 10.0, 'velocity_per_day': 5.0}
    """
    where = "velocity_inputs(deals)"
    col.table(deals, [amount, "is_closed", "is_won", "created_at", "close_date"], where=where, fix=_DEALS_FIX)
    closed = col.flags(deals, "is_closed", where=where)
    won = col.flags(deals, "is_won", where=where) & closed
    amounts = col.numbers(deals, amount, where=where)
    cycle = (col.dates(deals, "close_date", where=where) - col.dates(deals, "created_at", where=where)).dt.days
    if not won.any():
        raise InputError(_("there is no won deal, so average deal value and cycle length are unknown"),
                         where=where, fix=_("pass a table that holds closed won deals (is_closed and is_won true)"))
    out = {"open_opportunities": int((~closed).sum()),
           "avg_deal_value": round(float(amounts[won].mean()), 2),
           "win_rate": win_rate(deals),
           "cycle_days": round(float(cycle[won].mean()), 2)}
    out["velocity_per_day"] = (round(sales_velocity(out["open_opportunities"], out["avg_deal_value"],
                                                    out["win_rate"], out["cycle_days"]), 2)
                               if out["cycle_days"] > 0 else float("nan"))
    return out


def slipped_deals(deals: pd.DataFrame, as_of, *, close_date: str = "close_date") -> pd.DataFrame:
    """Open deals whose close date is before ``as_of`` (use ``data.as_of``), most overdue first.

    Adds ``days_overdue``.  A slipped deal needs a new close date or closing as lost.

    >>> import pandas as pd
    >>> deals = pd.DataFrame({"opportunity_id": ["O1", "O2", "O3"], "is_closed": [False, False, True],
    ...                       "close_date": pd.to_datetime(["2026-01-10", "2026-02-20", "2026-01-05"])})
    >>> slipped_deals(deals, as_of="2026-02-01")[["opportunity_id", "days_overdue"]]
      opportunity_id  days_overdue
    0             O1            22
    """
    where = "slipped_deals(deals, as_of)"
    col.table(deals, [close_date], where=where, fix=_DEALS_FIX)
    as_of = col.timestamp(as_of, where=where)
    closes = col.dates(deals, close_date, where=where)
    mask = _open_mask(deals, where) & (closes < as_of.normalize())
    out = deals.loc[mask].copy()
    out["days_overdue"] = (as_of.normalize() - closes[mask]).dt.days.astype("int64")
    return out.sort_values(["days_overdue", close_date], ascending=[False, True], kind="stable").reset_index(drop=True)


def forecast(deals: pd.DataFrame, probabilities=None, *, by="owner_id", amount: str = "amount",
             close_date: str = "close_date", as_of=None) -> pd.DataFrame:
    """Weighted forecast of the open deals by close month (and ``by``, e.g. owner).

    Returns ``month`` (first day of the month), the ``by`` columns, deals, amount and
    weighted.  With ``as_of``, slipped deals (close date already past) are counted in
    the month of ``as_of``, where they will land at the earliest.

    >>> import pandas as pd
    >>> deals = pd.DataFrame({"owner_id": ["U1", "U1", "U2"], "amount": [100.0, 200.0, 400.0],
    ...     "probability": [50, 50, 25], "close_date": pd.to_datetime(["2026-01-05", "2026-01-20", "2026-02-03"])})
    >>> forecast(deals)
           month owner_id  deals  amount  weighted
    0 2026-01-01       U1      2   300.0     150.0
    1 2026-02-01       U2      1   400.0     100.0
    """
    where = "forecast(deals)"
    col.table(deals, [amount, close_date], where=where, fix=_DEALS_FIX)
    keys = [] if by is None else ([by] if isinstance(by, str) else list(by))
    col.table(deals, keys, where=where)
    closes = col.dates(deals, close_date, where=where)
    if as_of is not None:
        start = col.timestamp(as_of, where=where).normalize()
        closes = closes.where(closes >= start, start)
    frame = deals[keys].copy()
    frame["month"] = closes.dt.to_period("M").dt.to_timestamp()
    frame["amount"] = col.numbers(deals, amount, where=where)
    frame["weighted"] = frame["amount"] * deal_probabilities(deals, probabilities) / 100
    frame = frame[_open_mask(deals, where)]
    out = frame.groupby(["month", *keys], observed=True, dropna=False).agg(
        deals=("amount", "size"), amount=("amount", "sum"), weighted=("weighted", "sum")).reset_index()
    out["weighted"] = out["weighted"].round(2)
    return out


def board(deals: pd.DataFrame, stages=None, probabilities=None) -> pd.DataFrame:
    """One row per stage, in pipeline order: deals, amount and weighted amount.

    ``stages`` (``data.stages``) gives the order; without it stages keep the
    order they first appear in.  Closed stages are included so a board can
    show won and lost columns.

    >>> import pandas as pd
    >>> deals = pd.DataFrame({"stage": ["B", "A", "B"], "amount": [10.0, 20.0, 30.0], "probability": [50, 10, 50]})
    >>> board(deals)
      stage  deals  amount  weighted
    0     B      2    40.0      20.0
    1     A      1    20.0       2.0
    """
    where = "board(deals)"
    col.table(deals, ["stage", "amount"], where=where, fix=_DEALS_FIX)
    frame = pd.DataFrame({"stage": deals["stage"].astype(str),
                          "amount": col.numbers(deals, "amount", where=where)})
    frame["weighted"] = frame["amount"] * deal_probabilities(deals, probabilities) / 100
    order = frame["stage"].drop_duplicates().tolist()
    if stages is not None:
        col.table(stages, ["stage", "sort_order"], where="board(deals, stages)")
        ordered = stages.assign(_o=col.numbers(stages, "sort_order", where="board(stages)")).sort_values("_o")
        order = [str(s) for s in ordered["stage"]] + [s for s in order if s not in set(ordered["stage"].astype(str))]
    out = frame.groupby("stage").agg(deals=("amount", "size"), amount=("amount", "sum"),
                                     weighted=("weighted", "sum"))
    out = out.reindex(order).fillna({"deals": 0, "amount": 0.0, "weighted": 0.0})
    out["deals"] = out["deals"].astype("int64")
    out["weighted"] = out["weighted"].round(2)
    return out.rename_axis("stage").reset_index()


def move_deal(deals: pd.DataFrame, opportunity_id, stage: str, stages: pd.DataFrame | None = None) -> pd.DataFrame:
    """A copy of ``deals`` with one deal moved to ``stage``.

    With ``stages`` (``data.stages``) the deal also takes the stage's default
    probability and its ``is_closed`` / ``is_won`` flags.

    >>> import pandas as pd
    >>> deals = pd.DataFrame({"opportunity_id": ["O1"], "stage": ["A"], "probability": [10]})
    >>> stages = pd.DataFrame({"stage": ["A", "B"], "sort_order": [1, 2], "default_probability": [10, 60],
    ...                        "is_closed": [False, False], "is_won": [False, False]})
    >>> move_deal(deals, "O1", "B", stages)[["stage", "probability"]].values.tolist()
    [['B', 60]]
    """
    where = "move_deal(deals, opportunity_id, stage)"
    col.table(deals, ["opportunity_id", "stage"], where=where, fix=_DEALS_FIX)
    mask = deals["opportunity_id"].astype(str) == str(opportunity_id)
    if not mask.any():
        raise InputError(_('no deal with opportunity_id {opportunity_id!r}').format(opportunity_id=opportunity_id), where=where,
                         fix=_("pick an opportunity_id from the deals table"))
    out = deals.copy()
    if stages is not None:
        col.table(stages, ["stage", "default_probability"], where=where)
        row = stages[stages["stage"].astype(str) == str(stage)]
        if row.empty:
            raise InputError(_('stage {stage!r} is not in the stages table').format(stage=stage), where=where,
                             fix=_('use one of {astype}').format(astype=', '.join(stages['stage'].astype(str))))
        row = row.iloc[0]
        if "probability" in out.columns:
            out.loc[mask, "probability"] = row["default_probability"]
        for flag in ("is_closed", "is_won"):
            if flag in out.columns and flag in row.index:
                out.loc[mask, flag] = bool(row[flag])
    if isinstance(out["stage"].dtype, pd.CategoricalDtype) and stage not in out["stage"].cat.categories:
        out["stage"] = out["stage"].cat.add_categories([stage])
    out.loc[mask, "stage"] = stage
    return out
