"""Checks for notebooks/superusers/99-assessment: the superusers' end test, on the trainee's own data.

The numbers come from the contacts a session would train on, as the assessment's table shows
them (:func:`contacts`); the decisions are new situations, not the lessons' questions.

>>> from workbench.exercises.check import Context
>>> list(contacts(Context().data).columns)
['Country', 'Lifecycle stage', 'Preferred channel', 'Email', 'Phone']
"""

from __future__ import annotations

from workbench.exercises.words import LIFECYCLE, channel_name, said
from workbench.i18n.messages import N_, _

from .._explorer import explorer as table_explorer
from .._questions import decision, number_question


def _text(values):
    return values.astype("string").fillna("").str.strip()


def _given(values):
    return _text(values).ne("").map({True: N_("given"), False: N_("missing")}).to_numpy()


def contacts(data):
    """The contacts as a trainee reads them: where, which stage, which channel, and whether email and phone are given."""
    import pandas as pd

    c = data.contacts
    return pd.DataFrame({
        N_("Country"): _text(c["country"]).to_numpy(),
        N_("Lifecycle stage"): _text(c["lifecycle_stage"]).str.replace("_", " ").to_numpy(),
        N_("Preferred channel"): _text(c["preferred_channel"]).to_numpy(),
        N_("Email"): _given(c["email"]), N_("Phone"): _given(c["phone"]),
    })


def explorer(data):
    """The assessment's table in the trainee's language, narrowed with drop-down lists."""
    return table_explorer(contacts(data), filters=["Lifecycle stage", "Preferred channel", "Email", "Phone"],
                          values={"Lifecycle stage": lambda v: said(LIFECYCLE, v.replace(" ", "_")),
                                  "Preferred channel": channel_name, "Email": _, "Phone": _})


def _count(ctx, **where) -> int:
    t = contacts(ctx.data)
    keep = True
    for column, value in where.items():
        keep &= t[column] == value
    return int(keep.sum())


def _customers_without_email(ctx):
    return _count(ctx, **{"Lifecycle stage": "customer", "Email": "missing"})


number_question(
    "superusers.assessment.customers-without-email",
    title="Before an email exercise on this export: how many customers (lifecycle stage 'customer') have no email "
          "address?",
    label="Customers", value=_customers_without_email,
    right=lambda ctx, n: _("Yes: {n} customers a trainee could not email; fix or leave them out first.").format(n=n),
    mistakes=[(lambda ctx: _count(ctx, Email="missing"),
               "That counts every contact without an email, not only the customers.",
               ('Look at the lifecycle stage column too.', "Narrow the table to the customer stage as well.")),
              (lambda ctx: _count(ctx, **{"Lifecycle stage": "customer"}),
               "That counts every customer, with or without an email.", ('Look at the email column too.', "Keep only the rows whose email is missing."))],
    otherwise=("{answer} is not that number.",
               ("Narrow the table to one lifecycle stage and to the rows whose email is missing.", 'Count the rows left.')))


def _email_fans_without_email(ctx, channel="email"):
    return _count(ctx, **{"Preferred channel": channel, "Email": "missing"})


number_question(
    "superusers.assessment.email-preferred-but-missing",
    title="How many contacts prefer to be reached by email but have no email address in the export?",
    label="Contacts", value=_email_fans_without_email,
    right=lambda ctx, n: _("Yes: {n} records contradict themselves; a data-quality lesson in the making.").format(n=n),
    mistakes=[(lambda ctx: _count(ctx, **{"Preferred channel": "email"}), "That counts everyone who prefers email.",
               ('Look at the email column too.', "Keep only those whose email is missing.")),
              (lambda ctx: _count(ctx, Email="missing"),
               "That counts every contact without an email, whatever channel they prefer.",
               ('Look at the preferred channel column too.', "Narrow the table to the contacts who prefer email as well."))],
    otherwise=("{answer} is not that number.",
               ("Combine two lists: the preferred channel and whether the email is given.", 'Keep the rows that fit both, then count them.')))


decision("superusers.assessment.first-try-failures",
         title="The class report shows that most trainees failed the same exercise on their first try. "
               "What do you do first?",
         right="re-explain that point to the whole class, then reread the question's wording",
         why="Yes: when most of a class fails the same point, the teaching or the question is at fault, not "
             "the trainees.",
         wrong={"give extra exercises to each trainee who failed": (
                    "Extra work for everyone who failed treats a class problem as a personal one.",
                    ("Ask what it means when most of the class fails the same point.", 'Pick the answer that looks at how the point was taught.')),
                "remove the exercise from the grade": (
                    "The point is still not learnt; hiding the result does not teach it.",
                    ("Look for the cause that all these trainees share.", 'Pick the answer that looks at how the point was taught.')),
                "tell them to keep trying until they pass": (
                    "Trying again without a new explanation teaches guessing.",
                    ("Think about what the trainees are missing before they try again.", 'Pick the answer that explains the point again first.'))},
         label="Decision")

decision("superusers.assessment.own-export",
         title="Your manager wants the next session to use the company's real CRM export. What comes first?",
         right="check the export against the workbench's schema and pseudonymise the personal data "
               "the exercises do not need",
         why="Yes: a valid export runs the lessons, and trainees see only the personal data they need.",
         wrong={"send the full export to each trainee by email": (
                    "Copies of customers' data in every mailbox is a leak waiting to happen.",
                    ("Think of who should see customers' personal data, and how little of it a lesson needs.", 'Pick the answer that checks the export and protects personal data first.')),
                "use it as it is: the trainees are colleagues": (
                    "Colleagues are not entitled to every customer's details, and the export may not even load.",
                    ("Two things come first: does the export fit the lessons, and what personal data does it expose?", 'Pick the answer that deals with both before the session.')),
                "keep only the first hundred rows of each table": (
                    "A cut keeps the personal data and can break the links between tables.",
                    ("Check that the tables fit the lessons, and protect the people in them.", 'Pick the answer that does both.'))},
         label="First step")

decision("superusers.assessment.self-paced",
         title="Half the class will follow the course alone, at their own pace. What keeps them going?",
         right="a clear path with goals per lesson, progress they can see, and set times to ask you questions",
         why="Yes: self-paced learners need to see where they stand and to know help is there when they stall.",
         wrong={"sending every lesson at once with the final deadline": (
                    "A pile of lessons and a far deadline is how self-paced courses are abandoned.",
                    ("Think about what tells a learner alone where they are and what comes next.", 'Pick the answer with small steps and feedback along the way.')),
                "one long video of the whole course": (
                    "A long video lets nobody practise or see their progress.",
                    ("Self-paced learners need small steps they can check.", 'Pick the answer with short lessons and checks along the way.')),
                "grades only at the end, so that nobody is distracted": (
                    "Without feedback along the way, mistakes are found too late.",
                    ("Think about feedback during the course, not only after it.", 'Pick the answer with checks along the way.'))},
         label="What helps")
