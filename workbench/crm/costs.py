"""Total cost of ownership (TCO) of a CRM: six products and their price tiers, for a team over N years.

The prices are those listed in seed 004 (monthly, in US dollars), kept here as a
documented table (:func:`price_table`).  Two pricing models appear:

- ``per_user``: the price is per user per month (Zendesk Sell, Pipedrive,
  Salesforce, Zoho), so the bill grows with the team;
- ``flat``: one price per month for the whole company (Bitrix24, "unlimited
  users", Enterprise up to 250 users; HubSpot's paid tiers as quoted in the
  seed, "starting at" a monthly price with no seat count).

The ``level`` column is our own like-for-like grouping of tiers (0 free,
1 entry, 2 growth, 3 professional, 4 enterprise), not the vendors'.
Licences are only part of the cost: :func:`tco` adds one-off set-up (data
migration, integration), training per user and yearly upkeep, the costs seed
000 warns about.  Prices change: check the vendor's page before buying.

>>> t = tco(10, years=1)
>>> t.loc[(t["product"] == "Salesforce") & (t["tier"] == "Professional"), "total"].item()
9000.0
>>> t.loc[(t["product"] == "Bitrix24") & (t["tier"] == "Standard"), "total"].item()
1488.0
"""

from __future__ import annotations

import pandas as pd

from ..errors import InputError
from ..i18n.messages import _
from . import columns as col

#: (product, tier, monthly price USD, model, users included (None = unlimited), level, trial days, note)
PRICES: tuple[tuple, ...] = (
    ("Zendesk Sell", "Team", 19.0, "per_user", None, 1, 14, ""),
    ("Zendesk Sell", "Growth", 49.0, "per_user", None, 2, 14, ""),
    ("Zendesk Sell", "Professional", 99.0, "per_user", None, 3, 14, ""),
    ("Zendesk Sell", "Enterprise", 150.0, "per_user", None, 4, 14, ""),
    ("HubSpot", "Free", 0.0, "flat", None, 0, 14, "free CRM with limited features"),
    ("HubSpot", "Starter", 18.0, "flat", None, 1, 14, "quoted as 'starting at' a monthly price"),
    ("HubSpot", "Starter CRM Suite", 29.97, "flat", None, 2, 14, "quoted as 'starting at' a monthly price"),
    ("HubSpot", "Professional", 500.0, "flat", None, 3, 14, "quoted as 'starting at' a monthly price"),
    ("HubSpot", "Enterprise", 1200.0, "flat", None, 4, 14, "quoted as 'starting at' a monthly price"),
    ("Pipedrive", "Essential", 14.90, "per_user", None, 1, 14, "billed yearly"),
    ("Pipedrive", "Advanced", 24.90, "per_user", None, 2, 14, "billed yearly"),
    ("Pipedrive", "Professional", 49.90, "per_user", None, 3, 14, "billed yearly"),
    ("Pipedrive", "Enterprise", 99.0, "per_user", None, 4, 14, "billed yearly"),
    ("Salesforce", "Essentials", 25.0, "per_user", None, 1, 30, ""),
    ("Salesforce", "Professional", 75.0, "per_user", None, 2, 30, ""),
    ("Salesforce", "Enterprise", 150.0, "per_user", None, 3, 30, ""),
    ("Salesforce", "Unlimited", 300.0, "per_user", None, 4, 30, ""),
    ("Zoho", "Standard", 14.0, "per_user", None, 1, 15, ""),
    ("Zoho", "Professional", 23.0, "per_user", None, 2, 15, ""),
    ("Zoho", "Enterprise", 40.0, "per_user", None, 3, 15, ""),
    ("Zoho", "Ultimate", 52.0, "per_user", None, 4, 15, ""),
    ("Bitrix24", "Free", 0.0, "flat", None, 0, 30, "limited features, unlimited users; self-hosting possible"),
    ("Bitrix24", "Basic", 61.0, "flat", None, 1, 30, "unlimited users"),
    ("Bitrix24", "Standard", 124.0, "flat", None, 2, 30, "unlimited users"),
    ("Bitrix24", "Professional", 249.0, "flat", None, 3, 30, "unlimited users"),
    ("Bitrix24", "Enterprise", 499.0, "flat", 250, 4, 30, "up to 250 users"),
)
PRODUCTS: tuple[str, ...] = tuple(dict.fromkeys(p[0] for p in PRICES))
LEVELS = {0: "free", 1: "entry", 2: "growth", 3: "professional", 4: "enterprise"}


def price_table() -> pd.DataFrame:
    """The price list from seed 004 as a DataFrame (one row per product and tier).

    >>> p = price_table()
    >>> len(p), sorted(p["product"].unique())[:3]
    (26, ['Bitrix24', 'HubSpot', 'Pipedrive'])
    >>> p.groupby("product")["trial_days"].first().to_dict()["Salesforce"]
    30
    """
    out = pd.DataFrame(PRICES, columns=["product", "tier", "monthly_price", "model", "max_users", "level",
                                        "trial_days", "note"])
    out["max_users"] = out["max_users"].astype("Int64")
    out["level_name"] = out["level"].map(LEVELS)
    return out


def monthly_cost(prices: pd.DataFrame, team_size: int) -> pd.Series:
    """Each tier's monthly licence bill for ``team_size`` users (NaN when the tier cannot hold them).

    >>> p = price_table()
    >>> monthly_cost(p[p["product"] == "Zoho"], 5).tolist()
    [70.0, 115.0, 200.0, 260.0]
    """
    team_size = _team(team_size, "monthly_cost(prices, team_size)")
    per_user = prices["monthly_price"].astype(float) * team_size
    bill = per_user.where(prices["model"] == "per_user", prices["monthly_price"].astype(float))
    too_many = prices["max_users"].notna() & (prices["max_users"].fillna(0).astype(float) < team_size)
    return bill.where(~too_many)


def _team(team_size, where):
    if not col.is_number(team_size, whole=True) or team_size < 1:
        raise InputError(_('team_size must be a whole number of users (1 or more), got {team_size!r}').format(team_size=team_size), where=where,
                         fix=_("pass the number of people who will use the CRM, e.g. 12"))
    return int(team_size)


def tco(team_size: int, years: float = 3, *, level: int | None = None, setup: float = 0.0,
        training_per_user: float = 0.0, upkeep_per_year: float = 0.0, prices: pd.DataFrame | None = None) -> pd.DataFrame:
    """Total cost over ``years`` for ``team_size`` users, per product and tier, cheapest first.

    ``total = licences (monthly bill × 12 × years) + setup + training_per_user × team_size
    + upkeep_per_year × years``.  ``level`` keeps one like-for-like level (1 entry … 4
    enterprise); ``prices`` replaces the seed's list (same columns as :func:`price_table`).
    Tiers that cannot hold the team are left out.  ``per_user_month`` is the total
    spread over every user and month, to compare per-user and flat pricing.

    >>> tco(12, years=3, level=1)[["product", "tier", "licences", "total"]].head(3)
          product      tier  licences   total
    0      HubSpot   Starter     648.0   648.0
    1    Bitrix24     Basic    2196.0  2196.0
    2        Zoho  Standard    6048.0  6048.0
    """
    where = "tco(team_size, years)"
    team_size = _team(team_size, where)
    for name, value in (("years", years), ("setup", setup), ("training_per_user", training_per_user),
                        ("upkeep_per_year", upkeep_per_year)):
        if not col.is_number(value) or value < 0:
            raise InputError(_('{name} must be a number of 0 or more, got {value!r}').format(name=name, value=value), where=where,
                             fix=_('pass {name} as a plain number').format(name=name))
    if years == 0:
        raise InputError(_("years is 0"), where=where, fix=_("pass how many years to count, e.g. years=3"))
    table = price_table() if prices is None else prices.copy()
    missing = {"product", "tier", "monthly_price", "model", "max_users", "level"} - set(table.columns)
    if missing:
        raise InputError(_('the price table lacks {sorted}').format(sorted=', '.join(sorted(missing))), where=where,
                         fix=_("start from price_table() and change the prices"))
    if level is not None:
        if level not in LEVELS:
            raise InputError(_('no level {level!r}').format(level=level), where=where,
                             fix=_("use 0 free, 1 entry, 2 growth, 3 professional or 4 enterprise"))
        table = table[table["level"] == level]
    table["monthly_bill"] = monthly_cost(table, team_size)
    table = table[table["monthly_bill"].notna()].copy()
    table["licences"] = (table["monthly_bill"] * 12 * years).round(2)
    table["other"] = round(setup + training_per_user * team_size + upkeep_per_year * years, 2)
    table["total"] = (table["licences"] + table["other"]).round(2)
    table["per_user_month"] = (table["total"] / team_size / (12 * years)).round(2)
    keep = ["product", "tier", "level", "model", "monthly_price", "monthly_bill", "licences", "other", "total",
            "per_user_month", "trial_days"] + (["note"] if "note" in table.columns else [])
    return table.sort_values(["total", "product", "tier"], kind="stable").reset_index(drop=True)[keep]


def break_even_users(flat_price: float, per_user_price: float) -> int:
    """The smallest team for which a flat monthly price is cheaper than a per-user price.

    >>> break_even_users(124, 23)   # Bitrix24 Standard vs Zoho Professional
    6
    """
    where = "break_even_users(flat_price, per_user_price)"
    for name, value in (("flat_price", flat_price), ("per_user_price", per_user_price)):
        if not col.is_number(value) or value < 0:
            raise InputError(_('{name} must be a price of 0 or more, got {value!r}').format(name=name, value=value), where=where,
                             fix=_("pass monthly prices in the same currency"))
    if per_user_price == 0:
        raise InputError(_("per_user_price is 0, so a flat price is never cheaper"), where=where,
                         fix=_("pass the per-user monthly price"))
    return int(flat_price // per_user_price) + 1


def tco_chart(table: pd.DataFrame, *, top: int = 12):
    """A plotly bar chart of the cheapest tiers in a :func:`tco` table, licences and other costs stacked.

    >>> fig = tco_chart(tco(12, years=3, setup=2000), top=5)
    >>> [trace.name for trace in fig.data], len(fig.data[0].y)
    (['licences', 'set-up, training, upkeep'], 5)
    """
    import plotly.graph_objects as go

    head = table.head(top)
    labels = head["product"] + " " + head["tier"]
    fig = go.Figure([go.Bar(y=labels, x=head["licences"], name="licences", orientation="h"),
                     go.Bar(y=labels, x=head["other"], name="set-up, training, upkeep", orientation="h")])
    fig.update_layout(barmode="stack", title="Total cost of ownership (USD)", xaxis_title="USD",
                      yaxis={"autorange": "reversed"})
    return fig
