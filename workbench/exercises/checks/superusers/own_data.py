"""Checks for notebooks/superusers/03-adapting-lessons-to-your-data."""

from workbench.exercises import Result, exercise
from workbench.exercises.forms import Choice, MultiChoice, Number
from workbench.i18n.messages import _


def _tables():
    from workbench.data.schema import TABLES

    return len(TABLES)


@exercise("superusers.own-data.tables-needed",
          title="How many tables (CSV files) must a company export hold to replace the sample?",
          answer=Number("Tables", integer=True), solution=lambda ctx: _tables(),
          wrong=[(lambda ctx: 1, "schema")])
def _tables_needed(answer, ctx):
    expected = _tables()
    if answer == expected:
        return Result.right(1, _('Yes: {expected} tables, one CSV file each, as in the sample company.').format(expected=expected))
    return Result.wrong(1, _('{answer} is not the number of tables.').format(answer=answer),
                        _("Count the tables of the schema (workbench.data.schema.TABLES): one CSV file per table."))


WHEN_BROKEN = ["release stops and names the file, row and column of the first problem",
               "release goes on and trainees see the errors in their notebooks",
               "release silently skips the broken rows"]


@exercise("superusers.own-data.broken-export",
          title="The export you pass to release --data has a lifecycle stage spelt 'custmer'. What happens?",
          answer=Choice(WHEN_BROKEN, label="What happens"), solution=lambda ctx: WHEN_BROKEN[0],
          wrong=[(lambda ctx: WHEN_BROKEN[2], "validated")])
def _broken_export(answer, ctx):
    if answer == WHEN_BROKEN[0]:
        return Result.right(1, _("Yes: the export is validated first, so no trainee ever meets a broken file."))
    if answer in WHEN_BROKEN:
        return Result.wrong(1, _("Nothing is released from an export that fails its checks."),
                            _("The export is validated before anything is written; fix the named row and run it again."))
    return Result.wrong(1, _('{answer!r} is not one of the options.').format(answer=answer), _("Pick one of the three options."))


PRIVACY = {
    "keep only the teams and customers the session needs": True,
    "replace names and e-mail addresses when the exercises do not need real ones": True,
    "delete the training copies when the session is over": True,
    "add payment card numbers so the exercises feel real": False,
    "e-mail the export to every trainee before the session": False,
}


@exercise("superusers.own-data.privacy", title="Before training on real customer data, what do you do?",
          answer=MultiChoice(list(PRIVACY)), solution=lambda ctx: [k for k, v in PRIVACY.items() if v],
          wrong=[(lambda ctx: list(PRIVACY), "leak")], max_points=2)
def _privacy(answer, ctx):
    return Result.for_ticks(
        PRIVACY, answer,
        right=_("Right: less data, pseudonymised where possible, and gone after the session."),
        extra=(_("'{option}' puts customers at risk."),
               _("Every extra copy or field is one more thing that can leak: share and keep as little real data "
               "as the exercises need.")),
        missed=(_("You left out '{option}'."),
                _("Think of the whole life of the copy: what goes in, who sees it, when it is deleted.")))


WAYS = ["a different data seed per trainee (a variant of the sample)", "the company's own export",
        "the committed sample company"]


@exercise("superusers.own-data.own-answers",
          title="Which choice gives every trainee different numbers, so answers cannot be copied?",
          answer=Choice(WAYS, label="Data"), solution=lambda ctx: WAYS[0],
          wrong=[(lambda ctx: WAYS[1], "same")])
def _own_answers(answer, ctx):
    if answer == WAYS[0]:
        return Result.right(1, _("Yes: each seed generates another company, so each trainee's answers are their own."))
    if answer in WAYS:
        return Result.wrong(1, _('With {answer}, everyone works on the same data.').format(answer=answer),
                            _("Everyone sharing the same tables gets the same answers: only a per-trainee seed differs."))
    return Result.wrong(1, _('{answer!r} is not one of the options.').format(answer=answer), _("Pick one of the three options."))
