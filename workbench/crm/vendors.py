"""What each of the six CRM products is known for, beside its price: a shortlist for a stated need.

The selling points are the ones the customer-database document gives for each
product (its own words summarised), tagged with the needs a buyer states:
``automation``, ``usability``, ``free tier``, ``integrations``, ``customisation``,
``ai assistant``, ``kanban``, ``self-hosting``, ``collaboration``, ``security``,
``reports``, ``mobile``. Prices come from :mod:`workbench.crm.costs`.

>>> shortlist(["self-hosting"], team_size=8)["product"].tolist()
['Bitrix24']
>>> shortlist(["customisation"], team_size=8)["product"].tolist()
['Zoho', 'Salesforce']
"""

from __future__ import annotations

import pandas as pd

from ..errors import InputError
from ..i18n.messages import _
from . import costs

#: product -> (selling points, in a sentence each; the needs they answer)
SELLING_POINTS: dict[str, tuple[tuple[str, ...], frozenset]] = {
    "Zendesk Sell": (("adapts to a company of any size", "strong security to protect customer and staff data",
                      "automation takes tedious tasks off the team", "a user interface people learn quickly"),
                     frozenset({"automation", "usability", "security"})),
    "HubSpot": (("shared tools for sales, marketing, service and content bridge the departments",
                 "a free version with limited features", "easy to set up, among the best-liked interfaces",
                 "a library of apps designed to work together"),
                frozenset({"free tier", "usability", "collaboration", "integrations"})),
    "Pipedrive": (("easy to set up", "native integrations with a wide range of software",
                   "email, deal management and task automation in one place",
                   "advanced sales reports to download, for forecasting"),
                  frozenset({"integrations", "automation", "reports", "usability"})),
    "Salesforce": (("cloud-based and easy to customise", "the best choice for unique, complex customisations, "
                    "though expensive", "enterprise-grade: flexible workflows across departments",
                    "custom marketing tools joined to back-office applications"),
                   frozenset({"customisation", "integrations", "collaboration"})),
    "Zoho": (("many customisation options", "extensive workflow automation, for complex workflows",
              "Zia, an AI assistant that helps explore the CRM's data", "options suited to small and mid-sized firms"),
             frozenset({"customisation", "automation", "ai assistant"})),
    "Bitrix24": (("suits smaller sales teams", "a free version (with storage, task and contact limits)",
                  "unlimited leads, a Kanban board and custom pipelines",
                  "can be self-hosted on your own servers, if you maintain them",
                  "live chat, API, call tracking, email integration and a free mobile app"),
                 frozenset({"free tier", "kanban", "self-hosting", "integrations", "reports", "mobile"})),
}
NEEDS = tuple(sorted(set().union(*(tags for _, tags in SELLING_POINTS.values()))))


def selling_points() -> pd.DataFrame:
    """One row per product: its selling points, the needs it answers, its cheapest paid tier and trial.

    >>> t = selling_points().set_index("product")
    >>> t.loc["Zoho", "pricing"], float(t.loc["Zoho", "from_per_month"]), bool(t.loc["Bitrix24", "free_tier"])
    ('per user', 14.0, True)
    """
    prices = costs.price_table()
    rows = []
    for product, (points, tags) in SELLING_POINTS.items():
        own = prices[prices["product"] == product]
        paid = own[own["monthly_price"] > 0].sort_values("monthly_price").iloc[0]
        rows.append({"product": product, "selling_points": "; ".join(points), "needs": ", ".join(sorted(tags)),
                     "free_tier": bool((own["monthly_price"] == 0).any()), "from_per_month": float(paid["monthly_price"]),
                     "pricing": "per user" if paid["model"] == "per_user" else "whole company",
                     "trial_days": int(own["trial_days"].iloc[0])})
    return pd.DataFrame(rows)


def shortlist(needs, team_size: int) -> pd.DataFrame:
    """The products that answer every need in ``needs``, cheapest first for a team of ``team_size``.

    ``monthly_cost`` is the product's cheapest paid tier for the whole team (a
    per-user price times the team; a flat price as it is). A need the products
    do not know is an error that lists the known ones.

    >>> shortlist(["kanban", "free tier"], team_size=5)[["product", "monthly_cost"]].to_dict("records")
    [{'product': 'Bitrix24', 'monthly_cost': 61.0}]
    >>> shortlist(["teleportation"], team_size=5)
    Traceback (most recent call last):
    ...
    workbench.errors.InputError: 'teleportation' is not a need the product list knows. Fix: use one of: ai assistant, automation, collaboration, customisation, free tier, integrations, kanban, mobile, reports, security, self-hosting, usability.
    """
    wanted = {str(n).strip().lower() for n in needs}
    unknown = sorted(wanted - set(NEEDS))
    if unknown:
        raise InputError(_('{unknown!r} is not a need the product list knows').format(unknown=unknown[0]), fix=_('use one of: {needs}').format(needs=', '.join(NEEDS)))
    if int(team_size) < 1:
        raise InputError(_('a team of {team_size} people cannot use a CRM').format(team_size=team_size), fix=_("give the number of users, 1 or more"))
    prices = costs.price_table()
    paid = prices[prices["monthly_price"] > 0].sort_values("monthly_price").groupby("product").first()
    table = selling_points()
    table = table[[wanted <= set(n.split(", ")) for n in table["needs"]]].copy()
    per_user = table["product"].map(paid["model"]) == "per_user"
    price = table["product"].map(paid["monthly_price"]).astype(float)
    table["monthly_cost"] = price.where(~per_user, price * int(team_size)).round(2)
    return (table.sort_values(["monthly_cost", "product"], kind="stable")
            .reset_index(drop=True)[["product", "monthly_cost", "pricing", "selling_points", "trial_days"]])
