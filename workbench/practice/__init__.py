"""The practice CRM: each trainee's own small CRM, a real SQLite database, and its screens.

Open it, act in it through the functions below (or the screens of
:mod:`workbench.practice.screens`), and let the checks read what you did:

>>> import pandas as pd
>>> from workbench import practice
>>> db = practice.sandbox(practice.tiny_dataset())
>>> call = practice.activities.log(db, "call", "Asked about the Loom X demo", contact_id="C001")
>>> task = practice.activities.follow_up(db, "Send the quote", practice.activities.next_weekday(db.today, "friday"),
...                                      contact_id="C001")
>>> practice.activities.todo(db, day=db.today + pd.Timedelta(days=7))["subject"].tolist()
['Visit', 'Send the quote']

Modules: :mod:`.database` (open, open_existing, trainees, reset, backups), :mod:`.records` (create, edit,
search, duplicate warning), :mod:`.consent`, :mod:`.activities` (log, follow-ups,
reminders, to-do list), :mod:`.leads` (convert), :mod:`.deals` (stages),
:mod:`.merge` (duplicate contacts), :mod:`.audit` (who did what), :mod:`.tasks`
(practice tasks and their checks), :mod:`.screens` (ipywidgets).
"""

from . import activities, audit, consent, database, deals, leads, merge, records, screens, tasks
from .database import PracticeDB, backups, open, open_existing, reset, sandbox, tiny_dataset, trainees

__all__ = ["PracticeDB", "activities", "audit", "backups", "consent", "database", "deals", "leads", "merge", "screens",
           "open", "open_existing", "records", "reset", "sandbox", "tasks", "tiny_dataset", "trainees", "screen"]


def screen(db=None, **kwargs):
    """The practice CRM's screens in one tabbed widget (see :func:`workbench.practice.screens.crm`)."""
    from .screens import crm

    return crm(db if db is not None else open(**kwargs))
