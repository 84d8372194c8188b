"""RFM segmentation: recency, frequency and monetary value of each customer's orders.

Each customer gets three scores from 1 to 5 (quintiles): **R** from days since
the last order (the most recent fifth scores 5), **F** from the number of
orders and **M** from the amount spent (the top fifth scores 5).  Customers
are sorted by id first, so the same data always gives the same scores
whatever the row order.  Identical values (64 customers with 6 orders each)
are handled by ``ties``:

- ``ties="first"`` (the default, as the usual RFM recipes do): customers are
  ranked one after the other (``rank(method="first")``, ties in id order) and
  each fifth holds exactly 20 % of them, so two identical customers may land
  in neighbouring scores;
- ``ties="same"``: identical values always get the same score, the one of the
  lowest-placed of them (``rank(method="min")``), so a fifth may hold more or
  fewer than 20 % of the customers.

The segment map (:data:`SEGMENTS`) is checked top to bottom; the first rule a
customer matches names their segment.  The first five rules follow a public
dbt macro; the rest complete it so every customer has a segment:

===================  =========================  =====================================
segment              rule                       what to do
===================  =========================  =====================================
Champions            R≥4, F≥4, M≥4              reward, ask for reviews and referrals
Loyal                R≥3, F≥4, M≥4              upsell, loyalty programme
New                  R≥4, F≤2, M≤2              onboarding, a welcome series
Potential Loyalists  R≥3, F≥3, M≥3              membership or a second-purchase offer
Promising            R≥3, F≤3, M≤3              build the relationship, free trials
Cannot Lose Them     R≤2, F≥4, M≥4              win back personally: call, not email
At Risk              R≤2, F≥3, M≥3              reactivation campaign, renewal reminder
Hibernating          R≤2, F≤2                   low-cost reminder, or leave alone
Need Attention       everything else            a limited-time offer, ask for feedback
===================  =========================  =====================================

>>> import pandas as pd
>>> orders = pd.DataFrame({"contact_id": ["A", "A", "B", "C", "C", "C"],
...     "order_date": pd.to_datetime(["2026-01-02", "2026-03-01", "2025-06-01", "2026-02-01", "2026-02-15", "2026-03-10"]),
...     "total": [100.0, 50.0, 20.0, 300.0, 100.0, 80.0]})
>>> rfm(orders, as_of="2026-03-31")[["contact_id", "recency", "frequency", "monetary", "rfm"]]
  contact_id  recency  frequency  monetary  rfm
0          A       30          2     150.0  333
1          B      303          1      20.0  111
2          C       21          3     480.0  555
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import InputError
from ..i18n.messages import _
from . import columns as col

#: The segment map, checked in order: (name, (R min, R max), (F min, F max), (M min, M max), action).
SEGMENTS: tuple[tuple, ...] = (
    ("Champions", (4, 5), (4, 5), (4, 5), "reward them, ask for reviews and referrals"),
    ("Loyal", (3, 5), (4, 5), (4, 5), "upsell higher-value products, invite to a loyalty programme"),
    ("New", (4, 5), (1, 2), (1, 2), "onboarding and a welcome series"),
    ("Potential Loyalists", (3, 5), (3, 5), (3, 5), "offer membership or a second-purchase incentive"),
    ("Promising", (3, 5), (1, 3), (1, 3), "build the relationship: useful content, a free trial"),
    ("Cannot Lose Them", (1, 2), (4, 5), (4, 5), "win them back personally: a call from their rep"),
    ("At Risk", (1, 2), (3, 5), (3, 5), "reactivation campaign and renewal reminders"),
    ("Hibernating", (1, 2), (1, 2), (1, 5), "a low-cost reminder, or leave them alone"),
    ("Need Attention", (1, 5), (1, 5), (1, 5), "a limited-time offer, ask for feedback"),
)
SEGMENT_NAMES: tuple[str, ...] = tuple(s[0] for s in SEGMENTS)
SEGMENT_ACTIONS: dict[str, str] = {s[0]: s[4] for s in SEGMENTS}

_FIX = "pass the orders table (data.orders) and name its customer, date and amount columns"


TIES = ("first", "same")


def _check_ties(ties, where: str) -> None:
    if ties not in TIES:
        raise InputError(_("ties must be 'first' or 'same', got {ties!r}").format(ties=ties), where=where,
                         fix=_("use ties='first' (every fifth the same size) or ties='same' (equal values, equal scores)"))


def scores(values: pd.Series, *, higher_is_better: bool = True, ties: str = "first") -> pd.Series:
    """Quintile scores 1-5 of ``values``: the best fifth scores 5.

    Each value is placed 1 to n from the worst (``rank``) and a place scores
    its fifth (``qcut`` of the places).  ``ties="first"`` places identical values
    one after the other in the order given, so each score holds a fifth of the
    values; ``ties="same"`` gives identical values the place of the first of
    them, so they share a score.  A single value scores 3 (neither top nor bottom).

    >>> import pandas as pd
    >>> scores(pd.Series([10, 20, 30, 40, 50, 60, 70, 80, 90, 100])).tolist()
    [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    >>> scores(pd.Series([3, 1, 2]), higher_is_better=False).tolist()
    [1, 5, 3]
    >>> scores(pd.Series([1, 2, 6, 6, 6, 6, 7, 8, 9, 9])).tolist()
    [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    >>> scores(pd.Series([1, 2, 6, 6, 6, 6, 7, 8, 9, 9]), ties="same").tolist()
    [1, 1, 2, 2, 2, 2, 4, 4, 5, 5]
    """
    _check_ties(ties, "scores(values, ties=...)")
    values = pd.Series(values)
    if len(values) == 0:
        return pd.Series([], index=values.index, dtype="int64")
    if len(values) == 1:
        return pd.Series([3], index=values.index, dtype="int64")
    places = values.rank(method="first" if ties == "first" else "min", ascending=higher_is_better)
    score_of_place = pd.qcut(np.arange(1, len(values) + 1), 5, labels=[1, 2, 3, 4, 5]).astype("int64")
    return pd.Series(np.asarray(score_of_place)[places.to_numpy(dtype="int64") - 1], index=values.index,
                     dtype="int64")


def segment_of(r, f, m):
    """The segment name for R, F and M scores (arrays or single values).

    >>> segment_of(5, 5, 5), segment_of(1, 5, 4), segment_of(4, 1, 1)
    ('Champions', 'Cannot Lose Them', 'New')
    """
    scalar = np.ndim(r) == 0
    r, f, m = (np.atleast_1d(np.asarray(x, dtype="int64")) for x in (r, f, m))
    conditions = [(r >= rr[0]) & (r <= rr[1]) & (f >= ff[0]) & (f <= ff[1]) & (m >= mm[0]) & (m <= mm[1])
                  for _, rr, ff, mm, _ in SEGMENTS]
    names = np.select(conditions, SEGMENT_NAMES, default=SEGMENT_NAMES[-1])
    return str(names[0]) if scalar else names


def rfm(orders: pd.DataFrame, customer: str = "contact_id", date: str = "order_date", amount: str = "total",
        as_of=None, *, order: str | None = None, ties: str = "first") -> pd.DataFrame:
    """One row per customer: recency (days), frequency, monetary, R/F/M scores, ``rfm`` code and segment.

    - ``as_of``: the day recency is counted from (``data.as_of``); by default the
      day after the latest order.  Orders after ``as_of`` are ignored.
    - ``order``: an order id column; when given, frequency counts distinct orders
      (use it on order lines), otherwise one row is one order.
    - ``ties``: ``"first"`` (each score holds a fifth of the customers; identical
      ones are placed in id order) or ``"same"`` (identical values share a
      score), see :func:`scores`.

    Rows are sorted by customer id.  Orders with no customer are skipped; an
    amount that is not a number or a date that is not a date raises
    :class:`~workbench.errors.InputError` naming the row.

    >>> import pandas as pd
    >>> lines = pd.DataFrame({"contact_id": ["A", "A", "A", "B", "C", "D", "E"],
    ...     "order_id": ["O1", "O1", "O2", "O3", "O4", "O5", "O6"],
    ...     "order_date": pd.to_datetime(["2026-03-01", "2026-03-01", "2026-03-20", "2026-01-10",
    ...                                   "2026-02-01", "2026-02-01", "2025-11-30"]),
    ...     "total": [40.0, 10.0, 25.0, 300.0, 80.0, 80.0, 15.0]})
    >>> t = rfm(lines, as_of="2026-03-31", order="order_id")
    >>> t[["contact_id", "recency", "frequency", "monetary", "r"]]
      contact_id  recency  frequency  monetary  r
    0          A       11          2      75.0  5
    1          B       80          1     300.0  2
    2          C       58          1      80.0  3
    3          D       58          1      80.0  4
    4          E      121          1      15.0  1
    >>> rfm(lines, as_of="2026-03-31", order="order_id", ties="same")["r"].tolist()
    [5, 2, 3, 3, 1]
    """
    where = "rfm(orders)"
    _check_ties(ties, where)
    col.table(orders, [customer, date, amount] + ([order] if order else []), where=where, fix=_FIX)
    days = col.dates(orders, date, where=where)
    money = col.numbers(orders, amount, where=where)
    frame = pd.DataFrame({"customer": orders[customer], "date": days, "amount": money})
    if order:
        frame["order"] = orders[order]
    frame = frame[frame["customer"].notna() & frame["date"].notna()]
    if as_of is None:
        if frame.empty:
            raise InputError(_("there are no orders with a customer and a date"), where=where, fix=_FIX)
        as_of = frame["date"].max().normalize() + pd.Timedelta(days=1)
    as_of = col.timestamp(as_of, where=where)
    frame = frame[frame["date"] <= as_of]
    if frame.empty:
        raise InputError(_('there are no orders on or before {date}').format(date=as_of.date()), where=where,
                         fix=_("check as_of (data.as_of) and the order dates"))
    grouped = frame.groupby("customer", sort=True, observed=True)
    out = pd.DataFrame({
        "last_order": grouped["date"].max(),
        "frequency": grouped["order"].nunique() if order else grouped.size(),
        "monetary": grouped["amount"].sum().round(2),
    })
    out.index.name = customer
    out = out.reset_index()
    out["recency"] = (as_of.normalize() - out["last_order"].dt.normalize()).dt.days.astype("int64")
    out["frequency"] = out["frequency"].astype("int64")
    out["r"] = scores(out["recency"], higher_is_better=False, ties=ties)
    out["f"] = scores(out["frequency"], ties=ties)
    out["m"] = scores(out["monetary"], ties=ties)
    out["rfm"] = out["r"] * 100 + out["f"] * 10 + out["m"]
    out["segment"] = pd.Categorical(segment_of(out["r"], out["f"], out["m"]), categories=SEGMENT_NAMES)
    return out[[customer, "last_order", "recency", "frequency", "monetary", "r", "f", "m", "rfm", "segment"]]


def segment_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Per segment, in map order: customers, share of customers, mean recency/frequency/monetary,
    revenue, share of revenue and the suggested action.  Empty segments are kept with 0 customers.

    >>> import pandas as pd
    >>> orders = pd.DataFrame({"contact_id": list("ABCDE"), "total": [10.0, 20, 30, 40, 50],
    ...     "order_date": pd.to_datetime(["2026-01-01", "2025-01-01", "2025-12-01", "2024-06-01", "2026-01-01"])})
    >>> segment_summary(rfm(orders, as_of="2026-01-02"))[["segment", "customers", "revenue"]].head(3)
         segment  customers  revenue
    0  Champions          1     50.0
    1      Loyal          0      0.0
    2        New          1     10.0
    """
    where = "segment_summary(rfm_table)"
    col.table(table, ["segment", "recency", "frequency", "monetary"], where=where,
              fix=_("pass the table rfm(...) returned"))
    grouped = table.groupby(pd.Categorical(table["segment"].astype(str), categories=SEGMENT_NAMES),
                            observed=False)
    out = grouped.agg(customers=("monetary", "size"), recency=("recency", "mean"),
                      frequency=("frequency", "mean"), monetary=("monetary", "mean"), revenue=("monetary", "sum"))
    out.index.name = "segment"
    out = out.reset_index()
    out["segment"] = out["segment"].astype(str)
    total_customers, total_revenue = out["customers"].sum(), out["revenue"].sum()
    out["share"] = (out["customers"] / total_customers).round(4) if total_customers else 0.0
    out["revenue_share"] = (out["revenue"] / total_revenue).round(4) if total_revenue else 0.0
    out[["recency", "frequency", "monetary"]] = out[["recency", "frequency", "monetary"]].round(1)
    out["revenue"] = out["revenue"].round(2)
    out["action"] = out["segment"].map(SEGMENT_ACTIONS)
    return out[["segment", "customers", "share", "recency", "frequency", "monetary", "revenue",
                "revenue_share", "action"]]


def segment_members(table: pd.DataFrame, segments, contacts: pd.DataFrame | None = None,
                    *, customer: str = "contact_id") -> pd.DataFrame:
    """The customers in one or more segments (a target list), joined to ``contacts`` when given.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"contact_id": ["A", "B"], "segment": ["At Risk", "Champions"]})
    >>> segment_members(t, "At Risk")["contact_id"].tolist()
    ['A']
    """
    where = "segment_members(rfm_table, segments)"
    col.table(table, [customer, "segment"], where=where, fix=_("pass the table rfm(...) returned"))
    wanted = [segments] if isinstance(segments, str) else list(segments)
    unknown = [s for s in wanted if s not in SEGMENT_NAMES]
    if unknown:
        raise InputError(_('no segment called {unknown!r}').format(unknown=unknown[0]), where=where,
                         fix=_('use one of: {segment_names}').format(segment_names=', '.join(SEGMENT_NAMES)))
    out = table[table["segment"].astype(str).isin(wanted)].reset_index(drop=True)
    if contacts is not None:
        col.table(contacts, [customer], where=where)
        out = out.merge(contacts, on=customer, how="left", suffixes=("", "_contact"))
    return out


def segment_chart(table: pd.DataFrame):
    """A plotly treemap of the segments: size = customers, colour = revenue share.

    >>> import pandas as pd
    >>> orders = pd.DataFrame({"contact_id": list("ABCDE"), "total": [10.0, 20, 30, 40, 50],
    ...     "order_date": pd.to_datetime(["2026-01-01", "2025-01-01", "2025-12-01", "2024-06-01", "2026-01-01"])})
    >>> sorted(segment_chart(rfm(orders, as_of="2026-01-02")).data[0].labels)
    ['Cannot Lose Them', 'Champions', 'Hibernating', 'New', 'Potential Loyalists']
    """
    import plotly.express as px

    summary = segment_summary(table)
    summary = summary[summary["customers"] > 0]
    fig = px.treemap(summary, path=["segment"], values="customers", color="revenue_share",
                     color_continuous_scale="Blues", hover_data={"action": True, "revenue": ":,.0f"},
                     title="Customers by RFM segment (colour: share of revenue)")
    fig.update_layout(margin={"t": 40, "l": 0, "r": 0, "b": 0})
    return fig
