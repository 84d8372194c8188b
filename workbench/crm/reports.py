"""Reports and dashboards: a few metrics that matter, one dashboard, and files to share.

Good CRM reporting starts from a question and keeps to a handful of metrics
(:func:`kpis`); a dashboard (:func:`dashboard`) shows them as charts; an
export (:func:`export`) writes tables to CSV or Excel for colleagues who do not
use the CRM, optionally anonymised first.

Everything is measured against ``data.as_of``, the dataset's "today".

>>> import pandas as pd, tempfile, pathlib
>>> path = export({"deals": pd.DataFrame({"id": [1, 2], "amount": [10.0, 20.0]})},
...               pathlib.Path(tempfile.mkdtemp()) / "deals.xlsx")
>>> float(pd.read_excel(path, sheet_name="deals")["amount"].sum())
30.0
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..i18n.messages import _, ngettext
from . import columns as col

_NEEDS = ("opportunities", "activities", "campaign_members", "contacts")


def _tables(data, where: str) -> None:
    missing = [name for name in _NEEDS if not isinstance(getattr(data, name, None), pd.DataFrame)]
    if missing:
        raise InputError(_('the data has no {missing} table').format(missing=missing[0]), where=where,
                         fix=_("pass the Dataset wb.start() returned (it has opportunities, activities, "
                             "campaign_members and contacts)"))
    if getattr(data, "as_of", None) is None:
        raise InputError(_("the data has no as_of date"), where=where, fix=_("pass the Dataset wb.start() returned"))


def _example_data():
    """A tiny company for the examples: three deals, one email, one campaign sent to two contacts."""
    from types import SimpleNamespace

    return SimpleNamespace(
        as_of=pd.Timestamp("2026-06-30"),
        opportunities=pd.DataFrame({
            "stage": ["Proposal", "Closed Won", "Closed Lost"], "owner_id": ["U1", "U1", "U2"],
            "amount": [10_000.0, 6_000.0, 4_000.0], "probability": [50, 100, 0],
            "is_closed": [False, True, True], "is_won": [False, True, False],
            "created_at": pd.to_datetime(["2026-05-01", "2026-01-01", "2026-02-01"]),
            "close_date": pd.to_datetime(["2026-06-15", "2026-02-01", "2026-03-01"])}),
        activities=pd.DataFrame({"activity_id": ["A1"], "type": ["email"], "owner_id": ["U1"], "contact_id": ["C1"],
                                 "completed_at": pd.to_datetime(["2026-06-23"])}),
        campaign_members=pd.DataFrame({"contact_id": ["C1", "C2"], "sent_at": pd.to_datetime(["2026-06-22"] * 2),
                                       "responded": [True, False]}),
        contacts=pd.DataFrame({"contact_id": ["C1", "C2"], "max_msgs_per_week": [1, 2]}))


def kpis(data, *, global_cap: int = 3, days: int = 30) -> pd.DataFrame:
    """Eight metrics that matter: name, value, the value as shown to people, unit and why it matters.

    ``data`` is a Dataset (``wb.start()``): it needs ``opportunities``,
    ``activities``, ``campaign_members``, ``contacts`` and ``as_of``.  ``days`` is
    the look-back window for activity and campaign metrics.

    >>> kpis(_example_data())[["metric", "shown"]]
                                metric   shown
    0                    Open pipeline  10,000
    1                Weighted pipeline   5,000
    2                         Win rate   50.0%
    3                   Sales velocity      97
    4                    Slipped deals       1
    5  Activities logged, last 30 days       1
    6           Campaign response rate   50.0%
    7          Over-solicited contacts       1
    """
    from . import pipeline, pressure

    where = "kpis(data)"
    _tables(data, where)
    if not col.is_number(days, whole=True) or days < 1:
        raise InputError(_('days must be a whole number of days (1 or more), got {days!r}').format(days=days), where=where,
                         fix=_("pass days=30 to look back over the last 30 days"))
    as_of = col.timestamp(data.as_of, where=where)
    since = as_of - pd.Timedelta(days=days)
    deals = data.opportunities
    open_mask = ~col.flags(deals, "is_closed", where=where)
    amounts = col.numbers(deals, "amount", where=where)
    try:
        velocity = pipeline.velocity_inputs(deals)["velocity_per_day"]
    except InputError:
        velocity = float("nan")
    acts = data.activities
    done = col.dates(acts, "completed_at", where=where)
    logged = int(((done > since) & (done <= as_of)).sum())
    members = data.campaign_members
    sent = col.dates(members, "sent_at", where=where)
    recent = members[(sent > since) & (sent <= as_of)]
    if recent.empty:
        recent = members
    response = float(col.flags(recent, "responded", where=where).mean()) if len(recent) else float("nan")
    msgs = pressure.messages(members, acts)
    over = int(pressure.contact_pressure(msgs, data.contacts, global_cap=global_cap)["over"].sum()) \
        if len(msgs) else 0
    rows = [
        ("Open pipeline", float(amounts[open_mask].sum()), "amount",
         "what could still be won: the size of the opportunity"),
        ("Weighted pipeline", pipeline.weighted_pipeline(deals), "amount",
         "what the open deals are worth at their probabilities: the realistic forecast"),
        ("Win rate", pipeline.win_rate(deals), "fraction", "won ÷ closed: how well deals are qualified and worked"),
        ("Sales velocity", velocity, "amount per day", "how fast the pipeline turns into revenue"),
        ("Slipped deals", len(pipeline.slipped_deals(deals, as_of)), "deals",
         "open deals past their close date: the forecast is not being kept up to date"),
        (f"Activities logged, last {days} days", logged, "activities",
         "a CRM is only as good as what reps record in it"),
        ("Campaign response rate", response, "fraction", "share of campaign messages that got a response"),
        ("Over-solicited contacts", over, "contacts", "people sent more than they asked for: unsubscribes ahead"),
    ]
    out = pd.DataFrame(rows, columns=["metric", "value", "unit", "why"])
    out["value"] = out["value"].astype(float).round(4)
    out.insert(2, "shown", [_show(v, u) for v, u in zip(out["value"], out["unit"])])
    return out


def _show(value: float, unit: str) -> str:
    """A KPI value as a person reads it: 46.3%, 2,601,938, 25.

    >>> _show(0.4634, "fraction"), _show(2601937.5, "amount"), _show(25.0, "deals")
    ('46.3%', '2,601,938', '25')
    """
    if pd.isna(value):
        return "n/a"
    if unit == "fraction":
        return f"{value:.1%}"
    return f"{value:,.0f}"


def owner_names(table: pd.DataFrame, users: pd.DataFrame, *, owner: str = "owner_id") -> pd.DataFrame:
    """``table`` with an ``owner`` column holding the user's name (the id when unknown).

    >>> import pandas as pd
    >>> owner_names(pd.DataFrame({"owner_id": ["U1", "U9"]}), pd.DataFrame({"user_id": ["U1"], "name": ["Omar"]}))
      owner_id owner
    0       U1  Omar
    1       U9    U9
    """
    where = "owner_names(table, users)"
    col.table(table, [owner], where=where)
    col.table(users, ["user_id", "name"], where=where, fix=_("pass data.users"))
    names = dict(zip(users["user_id"].astype(str), users["name"].astype(str)))
    out = table.copy()
    ids = out[owner].astype(str)
    out["owner"] = ids.map(names).fillna(ids)
    return out


def dashboard(data, *, weeks: int = 12):
    """A plotly dashboard of four panels: pipeline by stage, weighted forecast by month,
    win rate by owner and activities logged per owner over the last ``weeks`` weeks.

    >>> fig = dashboard(_example_data(), weeks=4)
    >>> [panel.text for panel in fig.layout.annotations]  # doctest: +NORMALIZE_WHITESPACE
    ['Open pipeline by stage (amount, weighted)', 'Weighted forecast by close month', 'Win rate by owner',
     'Activities logged, last 4 weeks']
    """
    from plotly.subplots import make_subplots

    from . import pipeline

    where = "dashboard(data)"
    _tables(data, where)
    if not col.is_number(weeks, whole=True) or weeks < 1:
        raise InputError(_('weeks must be a whole number of weeks (1 or more), got {weeks!r}').format(weeks=weeks), where=where,
                         fix=_("pass weeks=12 to chart the last 12 weeks"))
    as_of = col.timestamp(data.as_of, where=where)
    deals = data.opportunities
    users = getattr(data, "users", None)
    name = (lambda t: owner_names(t, users)) if isinstance(users, pd.DataFrame) else \
        (lambda t: t.assign(owner=t["owner_id"].astype(str)))
    stages = getattr(data, "stages", None)
    open_deals = deals[~col.flags(deals, "is_closed", where=where)]
    by_stage = pipeline.board(open_deals, stages if isinstance(stages, pd.DataFrame) else None)
    by_stage = by_stage[by_stage["deals"] > 0]
    monthly = pipeline.forecast(deals, by=None, as_of=as_of)
    rates = name(pipeline.win_rate(deals, by="owner_id"))
    acts = data.activities
    done = col.dates(acts, "completed_at", where=where)
    recent = acts[(done > as_of - pd.Timedelta(weeks=weeks)) & (done <= as_of)]
    per_owner = name(recent.groupby("owner_id", observed=True).size().rename("activities").reset_index())
    fig = make_subplots(rows=2, cols=2, subplot_titles=(
        _("Open pipeline by stage (amount, weighted)"), _("Weighted forecast by close month"),
        _("Win rate by owner"), ngettext("Activities logged, last {n} week", "Activities logged, last {n} weeks",
                                         weeks).format(n=weeks)))
    fig.add_bar(x=by_stage["stage"], y=by_stage["amount"], name=_("amount"), row=1, col=1)
    fig.add_bar(x=by_stage["stage"], y=by_stage["weighted"], name=_("weighted"), row=1, col=1)
    fig.add_bar(x=monthly["month"], y=monthly["weighted"], name=_("weighted forecast"), row=1, col=2)
    fig.add_bar(x=rates["owner"], y=rates["win_rate"], name=_("win rate"), row=2, col=1)
    fig.add_bar(x=per_owner["owner"], y=per_owner["activities"], name=_("activities"), row=2, col=2)
    fig.update_yaxes(tickformat=".0%", row=2, col=1)
    fig.update_layout(height=700, title=_("Acme sales dashboard, as of {day}").format(day=as_of.date()), showlegend=False,
                      barmode="group")
    return fig


def _sheet_name(name: str, used: set) -> str:
    base = "".join(ch if ch not in '[]:*?/\\' else "_" for ch in str(name))[:31] or "Sheet"
    out, n = base, 1
    while out.lower() in used:
        n += 1
        out = f"{base[:28]}_{n}"
    used.add(out.lower())
    return out


def _anonymise(frame: pd.DataFrame, salt: str) -> pd.DataFrame:
    from .privacy import anonymise_extract

    return anonymise_extract(frame, salt=salt)


def export(tables, path, *, anonymise: bool | str = False, index: bool = False) -> Path:
    """Write one table (or a dict ``name → table``) to ``path``: ``.csv`` or ``.xlsx``.

    An Excel file gets one sheet per table, a frozen header row and readable
    column widths; a CSV file holds exactly one table (UTF-8 with a BOM, so
    Excel shows accents and Arabic or Bengali names correctly).  Time zones are
    dropped from dates (Excel has none).  Returns the path written.

    ``anonymise`` first passes every table through
    :func:`workbench.crm.privacy.anonymise_extract` (people pseudonymised,
    free text dropped, dates coarsened to the month), with one salt for the
    whole export so the tables still join:

    - ``anonymise=True``: a random salt made for this export and then
      forgotten, so nobody can trace a pseudonym back, and two exports give
      different pseudonyms;
    - ``anonymise="a secret phrase"``: your own salt (8 characters or more),
      so every export gives the same pseudonyms and can be compared.

    >>> import pandas as pd, tempfile, pathlib
    >>> deals = pd.DataFrame({"contact_id": ["C1", "C2"], "next_step": ["call Omar", "send quote"],
    ...                       "amount": [10.0, 20.0]})
    >>> path = export(deals, pathlib.Path(tempfile.mkdtemp()) / "deals.csv", anonymise=True)
    >>> shared = pd.read_csv(path)
    >>> list(shared.columns), shared["contact_id"].str.startswith("P").all(), "C1" in set(shared["contact_id"])
    (['contact_id', 'amount'], np.True_, False)
    """
    where = "export(tables, path)"
    if isinstance(tables, pd.DataFrame):
        tables = {"data": tables}
    if not isinstance(tables, dict) or not tables or \
            not all(isinstance(t, pd.DataFrame) for t in tables.values()):
        raise InputError(_("nothing to export"), where=where,
                         fix=_("pass a table, or a dict such as {'deals': deals, 'slipped': slipped}"))
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise InputError(_('cannot write a {value}').format(value=suffix or 'file without extension'), where=where,
                         fix=_("end the file name with .csv or .xlsx"))
    if anonymise is True:
        import secrets

        anonymise = secrets.token_hex(16)
    elif anonymise not in (False, None) and (not isinstance(anonymise, str) or not anonymise.strip()):
        raise InputError(_('anonymise must be True, False or a secret salt (a text), got {anonymise!r}').format(anonymise=anonymise), where=where,
                         fix=_("pass anonymise=True (a random salt), anonymise='a phrase only you know', "
                             "or leave it out to export as is"))
    prepared = {}
    for name, frame in tables.items():
        frame = _anonymise(frame, anonymise) if anonymise else frame.copy()
        for column in frame.columns:
            if isinstance(frame[column].dtype, pd.DatetimeTZDtype):
                frame[column] = frame[column].dt.tz_localize(None)
        prepared[name] = frame
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".csv":
        if len(prepared) > 1:
            raise InputError(_('a CSV file holds one table, got {n_prepared}').format(n_prepared=len(prepared)), where=where,
                             fix=_("export to .xlsx (one sheet per table) or call export once per table"))
        next(iter(prepared.values())).to_csv(path, index=index, encoding="utf-8-sig")
        return path
    used: set = set()
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, frame in prepared.items():
            sheet = _sheet_name(name, used)
            frame.to_excel(writer, sheet_name=sheet, index=index)
            ws = writer.sheets[sheet]
            ws.freeze_panes = "A2"
            for i, column in enumerate(frame.columns, start=1 + int(index)):
                sample = frame[column].astype(str).head(200)
                width = max([len(str(column)), *sample.str.len().tolist()] or [8])
                ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = min(max(width + 2, 8), 50)
    return path
