"""The life of a plan item: idea, draft, in review, approved, scheduled, published.

Each change is one step (or back to draft from review), returns a new plan,
and adds 1 to the item's ``revision`` (a calendar's SEQUENCE).  Only the
editorial manager approves produced content; only an approved item gets a
publishing slot (:func:`schedule_item`); a published item names its post
(:func:`mark_published`).

>>> plan = pd.DataFrame({"item_id": ["x"], "status": ["idea"], "revision": [0]})
>>> moved = set_status(plan, "x", "draft", by="Amina")
>>> moved.at[0, "status"], int(moved.at[0, "revision"])
('draft', 1)
"""

from __future__ import annotations

import pandas as pd

from ..errors import InputError, require_columns
from ..i18n.messages import _
from .rules import STATUSES

_NEXT = {s: STATUSES[i + 1] for i, s in enumerate(STATUSES[:-1])}


def _item(plan: pd.DataFrame, item_id: str, where: str):
    hits = plan.index[plan["item_id"] == item_id]
    if len(hits) != 1:
        raise InputError(_("no such plan item") if not len(hits) else _("item id is not unique"), where=where,
                         fix=_("copy the item_id from the plan"))
    return hits[0]


def _changed(plan: pd.DataFrame, i, status: str) -> None:
    """Set an item's status and count the change in ``revision`` (a calendar's SEQUENCE)."""
    plan.at[i, "status"] = status
    if "revision" in plan.columns:
        before = plan.at[i, "revision"]
        plan.at[i, "revision"] = 1 if pd.isna(before) else int(before) + 1


def set_status(plan: pd.DataFrame, item_id: str, status: str, *, by: str, manager: str | None = None
               ) -> pd.DataFrame:
    """Move one plan item to ``status`` (one step forward, or back to draft from review); returns a new plan.

    Approving produced content (``in review -> approved``) is the editorial
    manager's job: ``by`` must be the plan's manager.  ``scheduled`` needs a
    slot (use :func:`schedule_item`) and ``published`` the post it became
    (use :func:`mark_published`).  Each change adds 1 to the item's ``revision``.

    >>> plan = pd.DataFrame({"item_id": ["x"], "status": ["in review"], "revision": [2], "needs_approval": [True],
    ...                      "approved_by": [None], "scheduled_at": [pd.NaT], "published_post_id": [None]})
    >>> set_status(plan, "x", "approved", by="Bo", manager="Lina")
    Traceback (most recent call last):
    ...
    workbench.errors.InputError: set_status(item 'x'): only the editorial manager (Lina) approves produced content, not Bo. Fix: ask Lina to approve it, or send it back to draft.
    >>> set_status(plan, "x", "approved", by="Lina", manager="Lina").to_dict("records")[0]["revision"]
    3
    """
    require_columns(plan, ["item_id", "status"], where="set_status(plan)")
    where = f"set_status(item {item_id!r})"
    if status not in STATUSES:
        raise InputError(_('unknown status {status!r}').format(status=status), where=where, fix=_('use one of: {statuses}').format(statuses=', '.join(STATUSES)))
    i = _item(plan, item_id, where)
    current = plan.at[i, "status"]
    back = current == "in review" and status == "draft"
    if not back and _NEXT.get(current) != status:
        raise InputError(_("cannot go from '{current}' to '{status}'").format(current=current, status=status), where=where,
                         fix=_("the next step is '{get}'").format(get=_NEXT.get(current, 'none: it is published'))
                             + (_("; or send it back to 'draft'") if current == "in review" else ""))
    if status == "published":
        raise InputError(_("a published item needs the post it became"), where=where,
                         fix=_("use mark_published(plan, item_id, post_id) with the post's id from posts.csv"))
    manager = manager or plan.attrs.get("manager")
    out = plan.copy()
    if status == "approved":
        needs = bool(plan.at[i, "needs_approval"]) if "needs_approval" in plan.columns else True
        if needs:
            if not manager:
                raise InputError(_("no editorial manager named for this plan"), where=where,
                                 fix=_("pass manager=... to plan_calendar or set_status"))
            if by != manager:
                raise InputError(_('only the editorial manager ({manager}) approves produced content, not {by}').format(manager=manager, by=by),
                                 where=where, fix=_('ask {manager} to approve it, or send it back to draft').format(manager=manager))
        if "approved_by" in out.columns:
            out.at[i, "approved_by"] = by
    if status == "scheduled" and ("scheduled_at" not in plan.columns or pd.isna(plan.at[i, "scheduled_at"])):
        raise InputError(_("no publishing slot set"), where=where, fix=_("use schedule_item(plan, item_id, at=...)"))
    _changed(out, i, status)
    return out


def schedule_item(plan: pd.DataFrame, item_id: str, at, *, by: str) -> pd.DataFrame:
    """Give an approved item its publishing slot (``scheduled_at``) and mark it scheduled.

    Planning and publishing stay apart: ``planned_on`` is the plan's intention,
    ``scheduled_at`` the moment a post will really go out.
    """
    require_columns(plan, ["item_id", "status", "scheduled_at"], where="schedule_item(plan)")
    where = f"schedule_item(item {item_id!r})"
    i = _item(plan, item_id, where)
    if plan.at[i, "status"] != "approved":
        raise InputError(_("item is '{at}', not approved").format(at=plan.at[i, 'status']), where=where,
                         fix=_("only approved content is scheduled: have the editorial manager approve it first"))
    out = plan.copy()
    out["scheduled_at"] = pd.to_datetime(out["scheduled_at"])
    out.at[i, "scheduled_at"] = pd.Timestamp(at)
    return set_status(out, item_id, "scheduled", by=by)


def mark_published(plan: pd.DataFrame, item_id: str, post_id) -> pd.DataFrame:
    """Mark a scheduled item published and link it to its post (``published_post_id``); returns a new plan.

    ``post_id`` is the post's id in ``posts.csv``: the link lets
    :func:`~workbench.editorial.engagement.plan_vs_actual` set each planned
    item beside what its post did.  One post serves one item.

    >>> plan = pd.DataFrame({"item_id": ["x", "y"], "status": ["scheduled", "scheduled"], "revision": [4, 4],
    ...                      "published_post_id": [None, None]})
    >>> plan = mark_published(plan, "x", "P0042")
    >>> {k: plan.to_dict("records")[0][k] for k in ("status", "revision", "published_post_id")}
    {'status': 'published', 'revision': 5, 'published_post_id': 'P0042'}
    >>> mark_published(plan, "y", "P0042")
    Traceback (most recent call last):
    ...
    workbench.errors.InputError: mark_published(item 'y'): post 'P0042' is already linked to item 'x'. Fix: link each post to one plan item: check the post id.
    """
    require_columns(plan, ["item_id", "status", "published_post_id"], where="mark_published(plan)")
    where = f"mark_published(item {item_id!r})"
    i = _item(plan, item_id, where)
    post_id = "" if post_id is None or (isinstance(post_id, float) and pd.isna(post_id)) else str(post_id).strip()
    if not post_id:
        raise InputError(_("no post id given"), where=where, fix=_("give the post_id of the published post (posts.csv)"))
    if plan.at[i, "status"] != "scheduled":
        raise InputError(_("item is '{at}', not scheduled").format(at=plan.at[i, 'status']), where=where,
                         fix=_("only a scheduled item is published: give it a slot with schedule_item first"))
    linked = plan.index[(plan["published_post_id"].astype(str) == post_id) & (plan.index != i)]
    if len(linked):
        raise InputError(_('post {post_id!r} is already linked to item {at!r}').format(post_id=post_id, at=plan.at[linked[0], 'item_id']),
                         where=where, fix=_("link each post to one plan item: check the post id"))
    out = plan.copy()
    out["published_post_id"] = out["published_post_id"].astype(object)
    out.at[i, "published_post_id"] = post_id
    _changed(out, i, "published")
    return out

