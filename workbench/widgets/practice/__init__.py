"""The practice CRM's screens: ipywidgets forms over :mod:`workbench.practice`, nothing more.

Each button calls one public function of the store (``records.create``, ``activities.log``,
``leads.convert``, ``deals.move``, ``merge.merge_contacts``, ``consent.record``...) and shows its
answer or its validation messages next to the fields.  Every control is a standard widget,
reachable with Tab and used with the keyboard.  A lesson shows the whole CRM or one screen::

    wb.practice_crm(db)                    # every screen, in tabs
    wb.practice_task(db, "convert-lead")   # a practice task and its Check button
    ConvertLeadScreen(db)                  # one screen

A screen can be driven in code too, as the tests do::

    s = LogActivityScreen(db, contact_id="C001")
    s.subject.value = "Discussed the quote"
    s.log.click()
    s.message.value   # what the trainee sees

Modules, by what they front: :mod:`.records` (search, record view, create and edit),
:mod:`.activities` (log, follow-ups, to-do), :mod:`.deals` (convert a lead, move a deal),
:mod:`.merge`, :mod:`.consent`, :mod:`.access` (who sees what), :mod:`.crm` (the tabbed CRM, task cards, reset); :mod:`.screen`
holds what they share.
"""

from .access import AccessScreen
from .activities import FollowUpScreen, LogActivityScreen, TodoScreen
from .consent import ConsentScreen
from .crm import PracticeCRM, ResetScreen, TaskCard, practice_crm, practice_task
from .deals import ConvertLeadScreen, MoveDealScreen
from .merge import MergeScreen
from .records import RecordForm, RecordView, SearchScreen, field_widget

__all__ = ["AccessScreen", "ConsentScreen", "ConvertLeadScreen", "FollowUpScreen", "LogActivityScreen", "MergeScreen", "MoveDealScreen",
           "PracticeCRM", "RecordForm", "RecordView", "ResetScreen", "SearchScreen", "TaskCard", "TodoScreen",
           "field_widget", "practice_crm", "practice_task"]
