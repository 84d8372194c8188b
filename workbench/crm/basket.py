"""Cross-selling: which products are bought together, and who buys each product.

An order is a *basket*: the set of products on its lines (a product on two lines
of one order counts once). Two products are bought together when they share a
basket. Three figures describe a pair A → B:

- ``together``: the number of orders holding both;
- ``confidence``: the share of A's orders that also hold B (``together / orders of A``);
- ``lift``: how much more often the pair occurs than if A and B were bought
  independently (``confidence / share of all orders holding B``). A lift of 1 is
  what chance gives; above 1 the products attract each other, below 1 they do not.

Two popular products share many orders by chance alone, so a high ``together``
count is not yet a cross-selling pattern: read the lift too.

>>> import pandas as pd
>>> lines = pd.DataFrame({"order_id": ["O1", "O1", "O2", "O2", "O3", "O4"],
...                       "product_id": ["kit", "install", "kit", "install", "kit", "cable"]})
>>> bought_with(lines, "kit")[["product_id", "together", "confidence", "lift"]]
  product_id  together  confidence  lift
0    install         2    0.666667  1.33
"""

from __future__ import annotations

import pandas as pd

from ..errors import InputError
from ..i18n.messages import _


def baskets(order_lines: pd.DataFrame) -> pd.DataFrame:
    """The distinct (order, product) pairs: one row per product of each order, however many lines it took.

    >>> import pandas as pd
    >>> lines = pd.DataFrame({"order_id": ["O1", "O1", "O1", "O2"], "product_id": ["a", "b", "a", "b"]})
    >>> baskets(lines).values.tolist()
    [['O1', 'a'], ['O1', 'b'], ['O2', 'b']]
    """
    missing = [c for c in ("order_id", "product_id") if c not in order_lines.columns]
    if missing:
        raise InputError(_("the order lines have no '{missing}' column").format(missing=missing[0]),
                         fix=_("give the order_lines table, with one row per product of an order"))
    pairs = order_lines[["order_id", "product_id"]].dropna().astype(str)
    return pairs.drop_duplicates().reset_index(drop=True)


def best_sellers(order_lines: pd.DataFrame) -> pd.Series:
    """How many orders hold each product, most first (ties in product order).

    >>> import pandas as pd
    >>> lines = pd.DataFrame({"order_id": ["O1", "O1", "O2", "O3"], "product_id": ["a", "b", "b", "a"]})
    >>> best_sellers(lines).to_dict()
    {'a': 2, 'b': 2}
    """
    counts = baskets(order_lines)["product_id"].value_counts().rename_axis("product_id").rename("orders")
    return counts.reset_index().sort_values(["orders", "product_id"], ascending=[False, True],
                                            kind="stable").set_index("product_id")["orders"]


def pairs(order_lines: pd.DataFrame, *, min_together: int = 1) -> pd.DataFrame:
    """Every pair of products bought in the same order, strongest lift first.

    One row per pair (A, B) with A before B alphabetically: ``together``,
    ``confidence_ab`` (share of A's orders holding B), ``confidence_ba`` and ``lift``.
    Pairs seen in fewer than ``min_together`` orders are left out: a lift on
    three orders is noise.

    >>> import pandas as pd
    >>> lines = pd.DataFrame({"order_id": ["O1", "O1", "O2", "O2", "O3", "O4"],
    ...                       "product_id": ["kit", "install", "kit", "install", "kit", "cable"]})
    >>> pairs(lines)[["a", "b", "together", "confidence_ab", "confidence_ba", "lift"]]
             a    b  together  confidence_ab  confidence_ba  lift
    0  install  kit         2            1.0       0.666667  1.33
    """
    sets = baskets(order_lines)
    n_orders = sets["order_id"].nunique()
    per_product = sets["product_id"].value_counts()
    both = sets.merge(sets, on="order_id", suffixes=("_a", "_b"))
    both = both[both["product_id_a"] < both["product_id_b"]]
    table = both.groupby(["product_id_a", "product_id_b"]).size().rename("together").reset_index()
    table = table.rename(columns={"product_id_a": "a", "product_id_b": "b"})
    table = table[table["together"] >= min_together].copy()
    n_a, n_b = table["a"].map(per_product), table["b"].map(per_product)
    table["confidence_ab"] = table["together"] / n_a
    table["confidence_ba"] = table["together"] / n_b
    table["lift"] = (table["together"] * n_orders / (n_a * n_b)).round(2)
    return (table.sort_values(["lift", "together", "a", "b"], ascending=[False, False, True, True], kind="stable")
            .reset_index(drop=True))


def bought_with(order_lines: pd.DataFrame, product) -> pd.DataFrame:
    """The products found in the same orders as ``product``, most frequent first.

    ``together`` counts the orders holding both, ``confidence`` is their share of
    ``product``'s orders and ``lift`` compares it with chance (see the module).
    Ties keep the products' alphabetical order.

    >>> import pandas as pd
    >>> lines = pd.DataFrame({"order_id": ["O1", "O1", "O2", "O2", "O2", "O3"],
    ...                       "product_id": ["kit", "install", "kit", "install", "cable", "cable"]})
    >>> bought_with(lines, "kit")["product_id"].tolist()
    ['install', 'cable']
    >>> bought_with(lines, "sofa")
    Traceback (most recent call last):
    ...
    workbench.errors.InputError: no order holds the product 'sofa'. Fix: pick a product_id that appears in the order lines.
    """
    sets = baskets(order_lines)
    orders = sets.loc[sets["product_id"] == str(product), "order_id"]
    if orders.empty:
        raise InputError(_('no order holds the product {product!r}').format(product=product),
                         fix=_("pick a product_id that appears in the order lines"))
    share_overall = sets["product_id"].value_counts() / sets["order_id"].nunique()
    others = sets[sets["order_id"].isin(orders) & (sets["product_id"] != str(product))]
    table = others["product_id"].value_counts().rename_axis("product_id").reset_index(name="together")
    table["confidence"] = table["together"] / len(orders)
    table["lift"] = (table["confidence"] / table["product_id"].map(share_overall)).round(2)
    return (table.sort_values(["together", "product_id"], ascending=[False, True], kind="stable")
            .reset_index(drop=True))


def buyers(orders: pd.DataFrame, order_lines: pd.DataFrame, *, as_of, months: int = 12) -> pd.DataFrame:
    """Who buys each product: distinct customers ever, and in the last ``months`` before ``as_of``.

    The people to invite first into a product's community, or to offer its
    complements to.

    >>> import pandas as pd
    >>> orders = pd.DataFrame({"order_id": ["O1", "O2", "O3"], "contact_id": ["A", "B", "A"],
    ...                        "order_date": ["2024-01-10", "2026-05-01", "2026-06-01"]})
    >>> lines = pd.DataFrame({"order_id": ["O1", "O2", "O3"], "product_id": ["kit", "kit", "kit"]})
    >>> buyers(orders, lines, as_of="2026-06-30").to_dict("records")
    [{'product_id': 'kit', 'customers': 2, 'recent_customers': 2}]
    """
    as_of = pd.Timestamp(as_of)
    since = as_of - pd.DateOffset(months=months)
    merged = order_lines[["order_id", "product_id"]].merge(
        orders[["order_id", "contact_id", "order_date"]], on="order_id", how="inner")
    dates = pd.to_datetime(merged["order_date"], errors="coerce")
    recent = merged[(dates > since) & (dates <= as_of)]
    table = pd.DataFrame({"customers": merged.groupby("product_id")["contact_id"].nunique(),
                          "recent_customers": recent.groupby("product_id")["contact_id"].nunique()})
    table["recent_customers"] = table["recent_customers"].fillna(0).astype(int)
    return table.rename_axis("product_id").reset_index()
