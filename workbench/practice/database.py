"""The trainee's own practice CRM: a real SQLite database seeded from the company data.

The database is built in four rooms, and this module gathers their public names:

- :mod:`~workbench.practice.schema`: its layout in SQL, generated from :mod:`workbench.data.schema`,
  values in and out, the audit triggers;
- :mod:`~workbench.practice.store`: :class:`PracticeDB`, an open database (read, cache, write in
  audited transactions);
- :mod:`~workbench.practice.lifecycle`: create, open, back up, reset and recover it;
- :mod:`~workbench.practice.migrations`: upgrade one written by an older workbench.

:mod:`~workbench.practice.sample` holds a four-contact company for examples.

>>> db = sandbox(tiny_dataset())
>>> int(db.query("SELECT count(*) AS n FROM contacts")["n"].iloc[0]), db.schema_version == SCHEMA_VERSION
(4, True)
"""

from __future__ import annotations

from .lifecycle import backup_copy, backups, default_path, open, open_existing, reset, reset_file, sandbox, trainees
from .migrations import MIGRATIONS
from .sample import tiny_dataset
from .schema import SCHEMA_VERSION, table_sql, typed_frame
from .store import PracticeDB

__all__ = ["MIGRATIONS", "PracticeDB", "SCHEMA_VERSION", "backup_copy", "backups", "default_path", "open",
           "open_existing", "reset", "reset_file", "sandbox", "table_sql", "tiny_dataset", "trainees", "typed_frame"]
