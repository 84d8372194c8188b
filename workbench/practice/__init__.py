"""The practice CRM store: each trainee's own small CRM, a real SQLite database.

Open it, act in it through the functions below (or the screens of
:mod:`workbench.widgets.practice`, which call them), and let the checks of
:mod:`workbench.exercises.checks.crm.practice` read what you did:

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
(the practice tasks a trainee is set, in words).
"""

from . import activities, audit, consent, database, deals, leads, merge, records, tasks
from .database import PracticeDB, backups, open, open_existing, reset, sandbox, tiny_dataset, trainees

__all__ = ["PracticeDB", "activities", "audit", "backups", "consent", "database", "deals", "leads", "merge",
           "open", "open_existing", "records", "reset", "sandbox", "tasks", "tiny_dataset", "trainees"]
