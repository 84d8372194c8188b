"""Checks for the referrals part of notebooks/network/02-connectors: connectors spotted by how contacts came to you."""

from workbench.exercises import Result, exercise
from workbench.exercises.forms import Choice
from workbench.i18n.messages import _

SHOWN = 8


def _table(ctx):
    from workbench.crm.referrals import referrers
    from workbench.errors import InputError

    table = referrers(ctx.data.contacts, ctx.data.leads)
    if table.empty:
        raise InputError(_("this data records no referrals (the referred_by column is empty)"),
                         fix=_("this exercise needs contacts or leads with the person who referred them"))
    return table


def _label(row) -> str:
    return f"{row['name']} ({row['contact_id']})"


def _options(ctx):
    return sorted(_label(r) for _, r in _table(ctx).head(SHOWN).iterrows())


def _second(ctx):
    return _label(_table(ctx).iloc[1])


@exercise("network.referrals.top-referrer",
          title="Counting the contacts and the leads each person sent to Acme, who is the strongest connector?",
          answer=Choice(_options, label="Contact"), solution=lambda ctx: _label(_table(ctx).iloc[0]),
          wrong=[(_second, "leads")])
def _top(answer, ctx):
    table = _table(ctx)
    table = table.assign(label=[_label(r) for _index, r in table.iterrows()]).set_index("label")
    best = table.index[table["referred"] == table["referred"].max()]
    if answer in best:
        row = table.loc[answer]
        return Result.right(1, _('Yes: {name} sent Acme {referred} people ({contacts_referred} contacts, {leads_referred} leads). Meet '
                                  'them first, thank them, and ask whom else they know.').format(name=row['name'], referred=row['referred'], contacts_referred=row['contacts_referred'], leads_referred=row['leads_referred']))
    if answer in table.index:
        return Result.wrong(1, _('{name} sent {referred} people; someone sent more.').format(name=table.loc[answer, 'name'], referred=table.loc[answer, 'referred']),
                            _("Add the contacts and the leads each person referred, and take the largest total."))
    return Result.wrong(1, _('{answer!r} referred nobody.').format(answer=answer), _("Pick a name from the list."))
