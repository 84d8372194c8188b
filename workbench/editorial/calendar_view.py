"""A plotly calendar view of a plan: one row per rep, one mark per plan item.

>>> import pandas as pd
>>> plan = pd.DataFrame({"planned_on": pd.to_datetime(["2026-03-02", "2026-03-03"]), "owner": ["Amina", "Farid"],
...     "level": ["produce", "curate"], "format": ["article", "curated_share"], "theme": ["A", "B"],
...     "persona_id": ["P1", "P2"], "status": ["idea", "idea"]})
>>> fig = calendar_figure(plan)
>>> [t.name for t in fig.data]
['produce', 'curate']
"""

from __future__ import annotations

import pandas as pd

from ..errors import InputError, require_columns
from ..i18n.messages import NC_, _, pgettext

LEVEL_COLOURS = {"produce": "#1f6feb", "curate": "#2da44e", "react": "#bf8700"}
#: The levels' names as the legend shows them (the plan keeps the English keys).
LEVEL_WORDS = (NC_("plan level", "produce"), NC_("plan level", "curate"), NC_("plan level", "react"))
LEVEL_SYMBOLS = {"produce": "square", "curate": "circle", "react": "diamond-open"}


def calendar_figure(plan: pd.DataFrame, *, color: str = "level", react: bool = True, title: str | None = None):
    """Items by day (x) and owner (y); ``color`` is ``'level'`` or ``'theme'``, ``react=False`` hides reactions."""
    import plotly.graph_objects as go

    require_columns(plan, ["planned_on", "owner", "level"], where="calendar_figure(plan)")
    if color not in ("level", "theme"):
        raise InputError(_('cannot colour by {color!r}').format(color=color), where="calendar_figure(color=...)", fix=_("use 'level' or 'theme'"))
    data = plan if react else plan[plan["level"] != "react"]
    fig = go.Figure()
    groups = [lv for lv in LEVEL_COLOURS if lv in set(data["level"])] if color == "level" else \
        list(dict.fromkeys(data["theme"]))
    for g in groups:
        part = data[data[color] == g]
        hover = [" · ".join(str(x) for x in vals if pd.notna(x) and x != "")
                 for vals in zip(part["level"], part.get("format", ""), part.get("theme", ""),
                                 part.get("persona_id", ""), part.get("status", ""))]
        marker = {"size": 11, "symbol": [LEVEL_SYMBOLS.get(lv, "circle") for lv in part["level"]]}
        if color == "level":
            marker["color"] = LEVEL_COLOURS[g]
        fig.add_trace(go.Scatter(x=part["planned_on"], y=part["owner"], mode="markers",
                                 name=str(pgettext("plan level", g)) if color == "level" else str(g),
                                 marker=marker, text=hover, hovertemplate="%{x|%a %d %b}<br>%{y}<br>%{text}<extra></extra>"))
    first, last = data["planned_on"].min(), data["planned_on"].max()
    fig.update_layout(title=title or _("Editorial plan: {first} to {last}").format(first=first.date(), last=last.date()),
                      template="plotly_white", height=220 + 40 * data["owner"].nunique(),
                      xaxis={"title": None, "tickformat": "%d %b"}, yaxis={"title": None, "autorange": "reversed"},
                      legend={"orientation": "h", "y": -0.15})
    return fig
