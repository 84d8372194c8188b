"""The seeded generator of the sample company "Acme": every schema table as CSV.

``generate(out, seed=42, scale=1.0)`` writes every table of
:mod:`workbench.data.schema` as ``<table>.csv`` (the schema's columns, in its
order), a ``meta.json`` and a ``social/`` folder (three reps' LinkedIn exports,
personas, a theme brainstorm and past posts, see
:mod:`workbench.data.sample.social`).  The same seed and scale give
byte-identical files; the data's "today" is fixed at :data:`AS_OF`, never the
real clock.  ``scale`` multiplies the row counts (the staff grows with its
square root).

The data holds, on purpose, the problems the lessons teach people to find.
``meta.json["planted"]`` lists exactly what was planted, with ids:

* ``duplicate_pairs``: near-duplicate contacts ``[original, copy]`` (typos,
  case changes, swapped names, lost accents, other phone formats...);
* ``silent_rep``: the sales rep who owns deals but logs almost no activities;
* ``over_contacted``: contacts sent more messages in one week (Monday to
  Sunday) than their ``max_msgs_per_week``;
* ``emailed_after_revocation``: contacts emailed after revoking email consent;
* ``overdue_deals``: open opportunities whose close date is before ``as_of``;
* ``probability_mismatch``: opportunities whose probability is not their
  stage's ``default_probability``.

It also records, for the network track, ``group_meetings`` (meetings
attended by several contacts) and ``multi_contact_deals`` (deals worked with
several contacts of their account): evidence of who met whom, not problems.

The package, one room per concept, :func:`generate` in :mod:`.recipe` calling
them in order: :mod:`.clock` (the data's calendar), :mod:`.draw` (numbered ids,
row counts, weighted picks), :mod:`.vocabulary` (places, titles, stages,
products, message words), :mod:`.names` (people's and companies' names per
locale, from Faker); the CRM tables: :mod:`.people` (users, accounts,
contacts), :mod:`.duplicates`, :mod:`.consents`, :mod:`.deals`,
:mod:`.activities`, :mod:`.campaigns`, :mod:`.after_sales` (orders, cases),
:mod:`.referrals`; the social files: :mod:`.social` (the recipe of
``social/``), :mod:`.linkedin` (the reps' exports), :mod:`.content` (personas,
brainstorm, posts); the output: :mod:`.write` (CSV text), :mod:`.card` (the
README data card).

>>> import tempfile, json
>>> folder = generate(tempfile.mkdtemp(), seed=1, scale=0.05)
>>> sorted(p.name for p in folder.glob("*.csv"))[:3]
['accounts.csv', 'activities.csv', 'campaign_members.csv']
>>> json.loads((folder / "meta.json").read_text())["as_of"]
'2026-06-30'
"""

from .clock import AS_OF
from .names import name_key
from .recipe import generate

__all__ = ["AS_OF", "generate", "name_key"]
