"""Orders, their lines and service cases."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .clock import AS_OF, DAY, HISTORY_START, between, office_hours
from .draw import draw, numbered_ids, row_count


def make_orders(rng, contacts, products, scale):
    """Orders and their lines, with customers that range from champions to lapsed."""
    buyers = np.flatnonzero(np.isin(contacts.lifecycle_stage.to_numpy(), ("customer", "evangelist")))
    n_target = row_count(4000, scale, 20)
    profile = rng.choice(5, size=len(buyers), p=[0.15, 0.25, 0.2, 0.25, 0.15])
    # champion, loyal, at risk, occasional, new: (orders mean, first, last activity window, spend)
    mean = np.array([22.0, 12.0, 9.0, 3.0, 1.5])[profile]
    created = contacts.created_at.to_numpy()[buyers]
    last_gap = np.select([profile == 0, profile == 1, profile == 2, profile == 3, profile == 4],
                         [rng.integers(0, 30, len(buyers)), rng.integers(10, 120, len(buyers)),
                          rng.integers(180, 500, len(buyers)), rng.integers(30, 700, len(buyers)),
                          rng.integers(0, 60, len(buyers))])
    last = AS_OF - (last_gap + 1) * DAY
    span = np.select([profile == 4], [rng.integers(0, 60, len(buyers))], rng.integers(200, 1000, len(buyers)))
    first = np.maximum(created, last - span * DAY)
    last = np.maximum(last, first)
    n_orders = np.maximum(1, rng.poisson(mean))
    n_orders = np.maximum(1, np.round(n_orders * n_target / n_orders.sum())).astype(np.int64)
    who = np.repeat(np.arange(len(buyers)), n_orders)
    dates = between(rng, first[who], last[who]).astype("datetime64[D]")
    is_last = np.r_[who[1:] != who[:-1], True]
    dates[is_last] = last[who[is_last]].astype("datetime64[D]")  # the last order sets the recency
    spend = rng.lognormal(0, 0.6, len(buyers))[who] * np.array([1.6, 1.2, 1.0, 0.8, 0.7])[profile[who]]
    order = np.lexsort((who, dates))
    dates, who, spend = dates[order], who[order], spend[order]
    n = len(dates)
    ids = numbered_ids("OR", n, 5)
    ship = dates + rng.integers(1, 8, n).astype("timedelta64[D]")
    ship_s = np.where(ship < AS_OF.astype("datetime64[D]"), ship, np.datetime64("NaT", "D"))
    n_lines = rng.choice([1, 2, 3, 4], size=n, p=[0.3, 0.3, 0.25, 0.15])
    line_order = np.repeat(np.arange(n), n_lines)
    cheap = products.list_price.to_numpy() < 2000
    weight = np.where(cheap, 3.0, 0.5)
    prod = rng.choice(len(products), size=len(line_order), p=weight / weight.sum())
    qty = np.maximum(1, np.round(rng.lognormal(1.0, 0.8, len(line_order)) * spend[line_order])).astype(np.int64)
    qty = np.where(cheap[prod], qty, np.maximum(1, qty // 5))
    unit = np.round(products.list_price.to_numpy()[prod] * rng.choice([1.0, 0.95, 0.9, 0.85], len(prod),
                                                                      p=[0.55, 0.2, 0.15, 0.1]), 2)
    totals = np.bincount(line_order, weights=qty * unit, minlength=n)
    orders = pd.DataFrame({"order_id": ids, "contact_id": contacts.contact_id.to_numpy()[buyers[who]],
                           "order_date": dates.astype("datetime64[s]"), "ship_date": ship_s.astype("datetime64[s]"),
                           "channel": draw(rng, ("web", "sales_rep", "partner"), n, [55, 30, 15]),
                           "total": np.round(totals, 2)})
    lines = pd.DataFrame({"line_id": numbered_ids("OL", len(line_order), 5), "order_id": ids[line_order],
                          "product_id": products.product_id.to_numpy()[prod], "qty": qty, "unit_price": unit})
    return orders, lines


def make_cases(rng, contacts, scale):
    """Service cases opened by customers; old ones mostly closed, recent ones often open or pending."""
    n = row_count(600, scale, 10)
    buyers = np.flatnonzero(np.isin(contacts.lifecycle_stage.to_numpy(), ("customer", "evangelist")))
    who = buyers[rng.integers(0, len(buyers), n)]
    opened = office_hours(rng, between(rng, np.maximum(contacts.created_at.to_numpy()[who], HISTORY_START),
                                         AS_OF - DAY))
    order = np.argsort(opened, kind="stable")
    opened, who = opened[order], who[order]
    age = (AS_OF - opened).astype(np.int64) / 86400
    roll = rng.random(n)
    status = np.where(age > 21, np.where(roll < 0.96, "closed", "pending"),
                      np.where(roll < 0.4, "open", np.where(roll < 0.7, "pending", "closed")))
    took = (rng.exponential(3.0, n) * 86400 + 1800).astype(np.int64).astype("timedelta64[s]")
    closed = np.where(status == "closed", np.minimum(opened + took, AS_OF - 60 * np.timedelta64(1, "s")),
                      np.datetime64("NaT", "s"))
    return pd.DataFrame({"case_id": numbered_ids("CS", n, 4), "contact_id": contacts.contact_id.to_numpy()[who],
                         "opened_at": opened, "closed_at": closed,
                         "category": draw(rng, ("delivery", "installation", "billing", "technical", "returns",
                                                 "account access"), n, [20, 15, 15, 30, 10, 10]),
                         "status": status})
