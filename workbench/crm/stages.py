"""From lead to customer: lifecycle stages, sales stages and their probabilities, lead conversion.

Two ladders live in a CRM.  A *contact* climbs the lifecycle (subscriber,
lead, marketing-qualified, sales-qualified, opportunity, customer,
evangelist).  A *deal* moves through sales stages, each with a default
probability of winning.  Those probabilities are configuration, not fact:
Salesforce (and EspoCRM, which copies its table), SuiteCRM and HubSpot ship
different defaults for the same stage names, as :func:`vendor_stage_tables`
shows (sources: ``research/crm.md``).

>>> compare_vendor_probabilities().loc["Value Proposition"].tolist()
[50, 30]
"""

from __future__ import annotations

import pandas as pd

from ..data.schema import LIFECYCLE_STAGES
from ..errors import require_columns
from ..i18n.messages import _
from . import columns as col

__all__ = ["LIFECYCLE_STAGES", "lifecycle_funnel", "vendor_stage_tables", "compare_vendor_probabilities",
           "check_stage_table", "probability_mismatches", "lead_conversion"]

_SALESFORCE_STAGES = ("Prospecting", "Qualification", "Needs Analysis", "Value Proposition",
                      "Id. Decision Makers", "Perception Analysis", "Proposal/Price Quote",
                      "Negotiation/Review", "Closed Won", "Closed Lost")
# Default probability (percent) per stage, as shipped.  Salesforce's table comes from public seed
# code and is identical to EspoCRM's probabilityMap; SuiteCRM's sales_probability_dom differs;
# HubSpot's deal stages have their own names (percentages from a third-party write-up).
VENDOR_DEFAULTS = {
    "Salesforce / EspoCRM": dict(zip(_SALESFORCE_STAGES, (10, 10, 20, 50, 60, 70, 75, 90, 100, 0))),
    "SuiteCRM": dict(zip(_SALESFORCE_STAGES, (10, 20, 25, 30, 40, 50, 65, 80, 100, 0))),
    "HubSpot": {"appointmentscheduled": 20, "qualifiedtobuy": 40, "presentationscheduled": 60,
                "decisionmakerboughtin": 80, "contractsent": 90, "closedwon": 100, "closedlost": 0},
}


def lifecycle_funnel(contacts: pd.DataFrame, *, column: str = "lifecycle_stage",
                     stages=LIFECYCLE_STAGES) -> pd.DataFrame:
    """Contacts per lifecycle stage, in ladder order, with their share.

    Stages nobody is in are shown with 0; values outside ``stages`` are
    counted under ``(other value)`` so nothing disappears silently.

    >>> df = pd.DataFrame({"lifecycle_stage": ["lead", "customer", "lead"]})
    >>> lifecycle_funnel(df, stages=["lead", "customer"])
              contacts  share
    stage
    lead             2   0.67
    customer         1   0.33
    """
    require_columns(contacts, [column], where="lifecycle_funnel(contacts)")
    values = contacts[column].astype("string").str.strip()
    counts = values.value_counts()
    out = pd.DataFrame({"contacts": [int(counts.get(s, 0)) for s in stages]}, index=pd.Index(list(stages), name="stage"))
    other = int(values.notna().sum() - out["contacts"].sum())
    if other:
        out.loc["(other value)"] = other
    out["share"] = (out["contacts"] / max(int(out["contacts"].sum()), 1)).round(2)
    return out


def vendor_stage_tables() -> pd.DataFrame:
    """The default stages and probabilities of several CRMs, one row per vendor and stage.

    >>> t = vendor_stage_tables()
    >>> t[t.vendor == "HubSpot"].head(2)[["stage", "probability"]].values.tolist()
    [['appointmentscheduled', 20], ['qualifiedtobuy', 40]]
    """
    rows = [(vendor, order, stage, prob, stage.lower().startswith("closed"),
             stage.lower().replace(" ", "") in ("closedwon",))
            for vendor, table in VENDOR_DEFAULTS.items()
            for order, (stage, prob) in enumerate(table.items(), start=1)]
    return pd.DataFrame(rows, columns=["vendor", "sort_order", "stage", "probability", "is_closed", "is_won"])


def compare_vendor_probabilities() -> pd.DataFrame:
    """The ten classic stage names side by side: Salesforce/EspoCRM vs SuiteCRM, with the gap.

    >>> compare_vendor_probabilities().loc["Negotiation/Review"].tolist()
    [90, 80]
    """
    t = vendor_stage_tables()
    t = t[t["stage"].isin(_SALESFORCE_STAGES)]
    wide = t.pivot(index="stage", columns="vendor", values="probability").reindex(list(_SALESFORCE_STAGES))
    wide = wide[["Salesforce / EspoCRM", "SuiteCRM"]].astype(int)
    wide.columns.name = None
    return wide


def check_stage_table(stages: pd.DataFrame) -> pd.DataFrame:
    """Problems in a stage table: one row per problem (empty when the table is sound).

    Checks that probabilities lie from 0 to 100, that won stages say 100 and
    lost stages 0, and that open stages do not lose probability as the deal
    moves forward (by ``sort_order``).

    >>> st = pd.DataFrame({"stage": ["a", "b", "won", "lost"], "sort_order": [1, 2, 3, 4],
    ...                    "default_probability": [40, 20, 100, 0], "is_closed": [False, False, True, True],
    ...                    "is_won": [False, False, True, False]})
    >>> check_stage_table(st)["problem"].tolist()
    ['b comes after a but has a lower probability (20 < 40)']
    """
    require_columns(stages, ["stage", "sort_order", "default_probability", "is_closed", "is_won"],
                    where="check_stage_table(stages)", fix=_("pass the stages table (data.stages)"))
    where = "check_stage_table(stages)"
    st = stages.assign(default_probability=col.numbers(stages, "default_probability", where=where),
                       sort_order=col.numbers(stages, "sort_order", where=where),
                       is_closed=col.flags(stages, "is_closed", where=where),
                       is_won=col.flags(stages, "is_won", where=where)).sort_values("sort_order", kind="stable")
    problems = []
    for row in st.itertuples(index=False):
        p = row.default_probability
        if pd.isna(p) or not 0 <= p <= 100:
            problems.append((row.stage, f"{row.stage} has probability {p:g}, outside 0 to 100"))
        elif row.is_closed and row.is_won and p != 100:
            problems.append((row.stage, f"{row.stage} is a won stage but says {p:g}% instead of 100%"))
        elif row.is_closed and not row.is_won and p != 0:
            problems.append((row.stage, f"{row.stage} is a lost stage but says {p:g}% instead of 0%"))
    open_ = st[~st["is_closed"]]
    previous = None
    for row in open_.itertuples(index=False):
        if previous is not None and row.default_probability < previous.default_probability:
            problems.append((row.stage, f"{row.stage} comes after {previous.stage} but has a lower probability "
                                        f"({row.default_probability:g} < {previous.default_probability:g})"))
        previous = row
    return pd.DataFrame(problems, columns=["stage", "problem"])


def probability_mismatches(opportunities: pd.DataFrame, stages: pd.DataFrame, *,
                           open_only: bool = True) -> pd.DataFrame:
    """Deals whose probability differs from their stage's default probability.

    Returns the deals (open ones only, unless ``open_only=False``) with
    ``default_probability`` and ``difference`` (deal minus default), largest
    gap first.  A deal whose stage is missing from the stage table is reported
    with an empty default.

    >>> st = pd.DataFrame({"stage": ["Prospecting", "Negotiation"], "default_probability": [10, 80]})
    >>> opps = pd.DataFrame({"opportunity_id": ["O1", "O2"], "stage": ["Prospecting", "Negotiation"],
    ...                      "probability": [10, 30], "is_closed": [False, False]})
    >>> probability_mismatches(opps, st)[["opportunity_id", "probability", "default_probability", "difference"]]
      opportunity_id  probability  default_probability  difference
    0             O2           30                   80         -50
    """
    where = "probability_mismatches(opportunities, stages)"
    require_columns(opportunities, ["opportunity_id", "stage", "probability"], where=where)
    require_columns(stages, ["stage", "default_probability"], where=where, fix=_("pass the stages table (data.stages)"))
    deals = opportunities
    if open_only:
        require_columns(opportunities, ["is_closed"], where=where, fix=_("pass open_only=False, or the opportunities table"))
        deals = deals[~col.flags(deals, "is_closed", where=where)]
    default = pd.Series(col.numbers(stages, "default_probability", where=where).to_numpy(),
                        index=stages["stage"].astype(str))
    out = deals.copy()
    out["default_probability"] = out["stage"].astype(str).map(default).round().astype("Int64")
    probability = col.numbers(out, "probability", where=where).round().astype("Int64")
    out["difference"] = (probability - out["default_probability"]).astype("Int64")
    out = out[out["difference"].ne(0).fillna(True)]
    out = out.assign(_gap=out["difference"].abs().fillna(1000)).sort_values(["_gap", "opportunity_id"],
                                                                            ascending=[False, True], kind="stable")
    return out.drop(columns="_gap").reset_index(drop=True)


def lead_conversion(leads: pd.DataFrame, *, by: str | None = None) -> pd.DataFrame:
    """How many leads became contacts (and deals), and how fast, overall or per ``by`` column.

    A lead counts as converted when ``converted_at`` is filled or its status
    is ``converted``.  Returns ``leads``, ``converted``, ``conversion_rate``
    (0 to 1), ``with_opportunity`` (when ``converted_opportunity_id`` is a
    column) and ``median_days_to_convert``.

    >>> leads = pd.DataFrame({"lead_id": ["L1", "L2", "L3"], "lead_source": ["web", "web", "event"],
    ...                       "status": ["converted", "new", "converted"],
    ...                       "created_at": pd.to_datetime(["2025-01-01", "2025-01-05", "2025-02-01"]),
    ...                       "converted_at": pd.to_datetime(["2025-01-11", None, "2025-02-21"])})
    >>> lead_conversion(leads, by="lead_source")[["leads", "converted", "conversion_rate", "median_days_to_convert"]]
                 leads  converted  conversion_rate  median_days_to_convert
    lead_source
    event            1          1              1.0                    20.0
    web              2          1              0.5                    10.0
    """
    where = "lead_conversion(leads)"
    require_columns(leads, ["lead_id", "status", "created_at", "converted_at"], where=where,
                    fix=_("pass the leads table (data.leads)"))
    if by is not None:
        require_columns(leads, [by], where=where)
    df = leads.copy()
    converted_at = col.dates(df, "converted_at", where=where)
    df["_converted"] = converted_at.notna() | df["status"].astype("string").str.lower().eq("converted").fillna(False)
    df["_days"] = (converted_at - col.dates(df, "created_at", where=where)).dt.days
    if "converted_opportunity_id" in df.columns:
        df["_opp"] = df["converted_opportunity_id"].notna() & df["_converted"]
    key = df[by].astype("string").fillna("(none)") if by else pd.Series("all leads", index=df.index)
    grouped = df.groupby(key.rename(by or "leads"), sort=True)
    out = pd.DataFrame({"leads": grouped.size(), "converted": grouped["_converted"].sum().astype(int)})
    out["conversion_rate"] = (out["converted"] / out["leads"]).round(3)
    if "_opp" in df.columns:
        out["with_opportunity"] = grouped["_opp"].sum().astype(int)
    out["median_days_to_convert"] = grouped["_days"].median().round(1)
    if by is None:
        out.index.name = None
    return out
