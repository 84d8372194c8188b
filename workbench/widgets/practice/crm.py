"""The whole practice CRM in tabs, a practice task with its Check button, and the reset screen.

>>> from workbench.practice.database import sandbox, tiny_dataset
>>> crm = practice_crm(sandbox(tiny_dataset()))
>>> [crm.tabs.get_title(i) for i in range(3)]
['Search', 'To do', 'Log activity']
"""

from __future__ import annotations

import html

from ...errors import WorkbenchError
from ...exercises.button import check_button
from ...i18n.html import language_attributes, ltr
from ...i18n.language import current_language
from ...i18n.messages import _
from ...i18n.numbers import format_date
from ...practice import tasks
from ...text import isolate
from .access import AccessScreen
from .activities import LogActivityScreen, TodoScreen
from .consent import ConsentScreen
from .deals import ConvertLeadScreen, MoveDealScreen
from .merge import MergeScreen
from .records import SearchScreen
from .screen import WIDTH, Screen, ipywidgets, status_html, text_html


class ResetScreen(Screen):
    """Start the practice CRM again from the sample company, after ticking a confirmation box."""

    def __init__(self, db):
        from ...practice import reset

        w = ipywidgets()
        self.db = db
        self.confirm = w.Checkbox(value=False, description=_("I understand: everything I did in the practice CRM is "
                                                           "undone (a backup is kept)"), indent=False,
                                  layout={"width": "100%"})
        self.reset = w.Button(description=_("Reset my practice CRM"), button_style="danger", icon="undo")
        self.message = w.HTML()

        def go(_click):
            try:
                backup = reset(self.db, confirm=self.confirm.value)
            except WorkbenchError as err:
                self.message.value = status_html(False, str(err))
                return
            self.confirm.value = False
            self.message.value = status_html(True, _('Back to the start. Your previous state is kept in {backup}.').format(backup=backup))

        self.reset.on_click(self.guarded(lambda: go(None)))
        self.widget = w.VBox([self.confirm, self.reset, self.message], layout={"width": WIDTH})


class TaskCard(Screen):
    """A practice task in words, with the Check button that reads the database."""

    def __init__(self, db, task_id: str):
        w = ipywidgets()
        task = tasks.get_task(task_id)
        self.db, self.exercise = db, f"crm.practice.{task.id}"
        # dir="auto": the sentence's own first word sets its direction; the names, in <bdi>, do not
        heading = _("Practice task: {title}").format(title=_(task.title))
        self.text = w.HTML(f"<div {language_attributes()}><b>{html.escape(heading)}</b>"
                           f'<div dir="auto">{text_html(tasks.describe(db, task.id))}</div></div>')
        self.checker = check_button(self.exercise, lambda: self.db)
        self.check = self.checker.children[0].children[0]
        self.feedback = self.checker.children[-1]
        self.widget = w.VBox([self.text, self.checker], layout={"width": WIDTH})


class PracticeCRM(Screen):
    """All the screens in tabs: Search, New record, To do, Log activity, Consent, Convert lead,
    Move deal, Merge duplicates, Who sees what, Reset."""

    def __init__(self, db):
        w = ipywidgets()
        self.db = db
        self.search = SearchScreen(db)
        self.todo = TodoScreen(db)
        self.log = LogActivityScreen(db, on_logged=lambda _k: self.todo.refresh())
        self.consent = ConsentScreen(db)
        self.convert = ConvertLeadScreen(db, task_subject(db, "convert-lead"))
        self.deals = MoveDealScreen(db, task_subject(db, "move-deal-to-negotiation"))
        self.merge = MergeScreen(db)
        self.access = AccessScreen(db)
        self.reset = ResetScreen(db)
        screens = [(_("Search"), self.search), (_("To do"), self.todo), (_("Log activity"), self.log),
                   (_("Consent"), self.consent), (_("Convert lead"), self.convert), (_("Move deal"), self.deals),
                   (_("Merge duplicates"), self.merge), (_("Who sees what"), self.access), (_("Reset"), self.reset)]
        self.tabs = w.Tab(children=[screen.widget for _title, screen in screens])
        for i, (title, _screen) in enumerate(screens):
            self.tabs.set_title(i, title)
        self.message = w.HTML()
        self.tabs.observe(lambda change: self.guarded(lambda: self._refresh(screens[change["new"]][1]))(),
                          names="selected_index")
        today = format_date(db.today, format="full") if current_language() != "en" else f"{db.today:%A %d %B %Y}"
        said = (text_html(_("Practice CRM of {trainee}").format(trainee=isolate(db.trainee))),
                html.escape(_("today is {today}").format(today=today)),
                html.escape(_("you act as user {user}")).format(user=ltr(db.user_id)))
        header = w.HTML(f"<div {language_attributes()}><b>{said[0]}</b> · {said[1]} · {said[2]}</div>")
        self.widget = w.VBox([header, self.message, self.tabs], layout={"width": WIDTH})

    @staticmethod
    def _refresh(screen):
        if hasattr(screen, "refresh"):
            screen.refresh()


def task_subject(db, task_id: str):
    """The lead or deal task ``task_id`` is about while it is still open, for a screen to show first; else None.

    >>> from workbench.practice.database import sandbox, tiny_dataset
    >>> task_subject(sandbox(tiny_dataset()), "convert-lead")
    'L001'
    """
    try:
        found = tasks.params(db, task_id)
    except WorkbenchError:
        return None
    if "lead_id" in found:
        row = db.row("leads", found["lead_id"])
        return found["lead_id"] if row and row["status"] not in ("converted", "unqualified") else None
    if "opportunity_id" in found:
        row = db.row("opportunities", found["opportunity_id"])
        return found["opportunity_id"] if row and not row["is_closed"] else None
    return None


def practice_crm(db=None, **kwargs) -> PracticeCRM:
    """The whole practice CRM in one tabbed widget: ``db``, or the one :func:`workbench.practice.open` opens
    with ``kwargs`` (``practice_crm(data=data)``)."""
    from ...practice import open as open_practice

    return PracticeCRM(db if db is not None else open_practice(**kwargs))


def practice_task(db, task_id: str) -> TaskCard:
    """One practice task and its Check button (``practice_task(db, "convert-lead")``).

    >>> from workbench.practice.database import sandbox, tiny_dataset
    >>> practice_task(sandbox(tiny_dataset()), "convert-lead").exercise
    'crm.practice.convert-lead'
    """
    return TaskCard(db, task_id)


__all__ = ["PracticeCRM", "ResetScreen", "TaskCard", "practice_crm", "practice_task", "task_subject"]
