"""Deals (opportunities) in the practice CRM: create one, move it through the stages.

Moving a deal sets its probability from the stage table, and its closed/won
flags, so the forecast stays consistent; the next step is what the rep will
do to move it on.

>>> from workbench.practice.database import sandbox, tiny_dataset
>>> db = sandbox(tiny_dataset())
>>> row = move(db, "O001", "negotiation", next_step="Send the final offer on Friday")
>>> row["stage"], row["probability"], row["next_step"]
('Negotiation', 80, 'Send the final offer on Friday')
"""

from __future__ import annotations

import pandas as pd

from ..i18n.messages import _
from . import records
from .records import ValidationError


def stages(db) -> pd.DataFrame:
    """The stage table in order: stage, sort_order, default_probability, is_closed, is_won."""
    return db.table("stages").sort_values("sort_order").reset_index(drop=True)


def find_stage(db, stage: str) -> dict:
    """The stage called ``stage`` (case and spaces ignored); a clear error naming the stages otherwise."""
    table = db.query("SELECT * FROM stages ORDER BY sort_order")
    wanted = records.fold(stage).replace(" ", "")
    for row in table.to_dict("records"):
        if records.fold(row["stage"]).replace(" ", "") == wanted:
            return row
    matches = [r for r in table.to_dict("records") if wanted and wanted in records.fold(r["stage"]).replace(" ", "")]
    if len(matches) == 1:
        return matches[0]
    raise ValidationError("opportunities", {"stage": _("{stage!r} is not a stage: use one of {stages}").format(
        stage=stage, stages=", ".join(table["stage"]))})


def create(db, values: dict, *, allow_duplicate: bool = False) -> str:
    """Add a deal (name, account_id, amount, close_date required); it starts at the first open stage."""
    values = dict(values)
    if values.get("stage"):
        stage = find_stage(db, values["stage"])
        values.update(stage=stage["stage"], probability=stage["default_probability"],
                      is_closed=stage["is_closed"], is_won=stage["is_won"])
    return records.create(db, "opportunities", values, allow_duplicate=allow_duplicate, action="create deal")


def move(db, opportunity_id: str, stage: str, *, next_step: str | None = None, close_date=None) -> dict:
    """Move a deal to ``stage``: probability from the stage table, closed/won flags, optional next step.

    Returns the deal as saved.  An open deal needs a next step: give one, or keep the one it has.
    """
    deal = records.get(db, "opportunities", opportunity_id)
    target = find_stage(db, stage)
    changes = {"stage": target["stage"], "probability": target["default_probability"],
               "is_closed": target["is_closed"], "is_won": target["is_won"]}
    if next_step is not None:
        changes["next_step"] = next_step.strip() or None
    if close_date is not None:
        changes["close_date"] = close_date
    if not target["is_closed"] and not (changes.get("next_step") if next_step is not None else deal["next_step"]):
        raise ValidationError("opportunities", {"next_step": _("an open deal needs a next step: say what you will "
                                                               "do next, and when")})
    out, problems = records.clean(db, "opportunities", changes, key=opportunity_id)
    if problems:
        raise ValidationError("opportunities", problems)
    sets = ", ".join(f'"{k}" = ?' for k in out)
    with db.transaction(f"move deal to {target['stage']}"):
        db.conn.execute(f"UPDATE opportunities SET {sets} WHERE opportunity_id = ?", (*out.values(), opportunity_id))
    return db.row("opportunities", opportunity_id)


def open_deals(db, text: str = "", *, owner_id: str | None = None, limit: int = 100) -> pd.DataFrame:
    """Open deals whose name, stage, next step or id contain ``text``, by stage order then close date.

    At most ``limit`` rows: the list the Move deal screen offers.
    """
    where, params = ["o.is_closed = 0"], []
    if text.strip():
        keys = records.search(db, "opportunities", text, limit=5000)["opportunity_id"].tolist()
        where.append(f"o.opportunity_id IN ({', '.join('?' * len(keys)) or 'NULL'})")
        params += keys
    if owner_id:
        where.append("o.owner_id = ?")
        params.append(owner_id)
    sql = ("SELECT o.opportunity_id, o.name, a.name AS account, o.stage, o.probability, o.amount, o.close_date, "
           "o.next_step FROM opportunities o JOIN stages s ON s.stage = o.stage "
           "LEFT JOIN accounts a ON a.account_id = o.account_id WHERE " + " AND ".join(where)
           + f" ORDER BY s.sort_order, o.close_date, o.opportunity_id LIMIT {int(limit)}")
    return db.query(sql, params)


__all__ = ["create", "find_stage", "move", "open_deals", "stages"]
