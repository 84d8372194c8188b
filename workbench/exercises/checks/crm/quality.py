"""Checks for notebooks/crm/05-data-quality-and-duplicates and its practice set."""

from workbench.crm.dedupe import find_duplicates, match_weights
from workbench.crm.quality import activity_coverage, completeness, normalise_email, normalise_phone
from workbench.exercises import Mistake, Result, exercise
from workbench.exercises.forms import Choice, Number, Text
from workbench.exercises.marking import is_number
from workbench.i18n.messages import _

DEDUPE_ON = ["first_name", "last_name", "email", "phone", "account_id"]


def _fields(ctx):
    return completeness(ctx.data.contacts).sort_values(["share_filled", "filled"], kind="stable")


@exercise("crm.quality.least-complete-field", title="Which contact field is filled in least often?",
          answer=Choice(lambda ctx: sorted(_fields(ctx).index), label="Field"),
          solution=lambda ctx: _fields(ctx).index[0], wrong=[(lambda ctx: _fields(ctx).index[1], "least")])
def _check_least_complete(answer, ctx):
    table = _fields(ctx)
    expected = table.index[0]
    if answer == expected:
        return Result.right(1, _("Right: '{expected}' is filled for only {share_filled:.0%} of contacts.").format(expected=expected, share_filled=table.loc[expected, 'share_filled']))
    if answer not in table.index:
        return Result.wrong(1, _('{answer!r} is not a contact field.').format(answer=answer), _("Choose one of the fields listed."))
    return Result.wrong(1, _("'{answer}' is filled for {share_filled:.0%} of contacts; one field is emptier.").format(answer=answer, share_filled=table.loc[answer, 'share_filled']),
                        (_("Look at the completeness table: the share of each field that is filled in."),
                         _("Sort it from the least filled and take the top field.")))


def _coverage(ctx):
    return activity_coverage(ctx.data.opportunities, ctx.data.activities, ctx.data.users)


@exercise("crm.quality.silent-rep", title="Which rep logs the fewest activities per open deal?",
          answer=Choice(lambda ctx: sorted(_coverage(ctx)["name"].astype(str)), label="Rep"),
          solution=lambda ctx: str(_coverage(ctx)["name"].iloc[0]),
          wrong=[(lambda ctx: str(_coverage(ctx)["name"].iloc[-1]), "per open deal")])
def _check_silent_rep(answer, ctx):
    table = _coverage(ctx).set_index("name")
    expected = str(table.index[0])
    if answer == expected:
        rate = table.loc[expected, "per_open_deal"]
        return Result.right(1, _('Right: {expected} logs {rate:g} activities per open deal. Nobody can help with deals the CRM knows '
                                  'nothing about: this is how CRM projects fail.').format(expected=expected, rate=rate))
    if answer not in table.index:
        return Result.wrong(1, _('{answer!r} owns no open deal.').format(answer=answer), _("Choose one of the reps listed."))
    return Result.wrong(1, _('{answer} logs {per_open_deal:g} activities per open deal.').format(answer=answer, per_open_deal=table.loc[answer, 'per_open_deal']),
                        (_("Look at activities per open deal, not at the number of deals."),
                         _("Take the rep with the lowest number of activities per open deal.")))


@exercise("crm.quality.clean-phone",
          title="A French contact's phone was typed '06 12 34 56 78'. Write it in international format.",
          answer=Text("Phone", placeholder="+..."), solution=lambda ctx: "+33612345678",
          wrong=[(lambda ctx: "0612345678", "country code"), (lambda ctx: "+330612345678", "0")])
def _check_clean_phone(answer, ctx):
    import pandas as pd

    text = str(answer).strip()
    clean = normalise_phone(pd.Series([text]))[0]
    if clean == "+33612345678":
        return Result.right(1, _("Right: +33 612345678. One format for every number lets the CRM spot duplicates."))
    if isinstance(clean, str) and clean.startswith("+330"):
        return Result.wrong(1, _("The trunk 0 stays in."), (_("Look at the digits after the country code."),
                                                         _("Drop the leading 0 when you add the country code.")))
    if isinstance(clean, str) and not clean.startswith("+"):
        return Result.wrong(1, _("That is still the national format."),
                            (_("Look at the international format shown in the lesson."),
                             _("Start with the country code, then the number without its leading 0.")))
    return Result.wrong(1, _('{text!r} is not that number in international format.').format(text=text),
                        (_("Look at the international format shown in the lesson."),
                         _("Start with the country code, then the number without its leading 0, no spaces.")))


def _same_weights(ctx):
    """What "the same" on each compared field adds to a pair's score, in the trainee's own contacts."""
    table = match_weights(ctx.data.contacts, on=DEDUPE_ON).reset_index()
    return table[table["meaning"] == "the same"].set_index("field")["weight"].sort_values(ascending=False)


@exercise("crm.quality.strongest-agreement",
          title="In your contacts, agreeing on which field counts most toward 'the same person'?",
          answer=Choice(DEDUPE_ON, label="Field"), solution=lambda ctx: _same_weights(ctx).index[0],
          wrong=[(lambda ctx: _same_weights(ctx).index[-1], "strangers")])
def _check_strongest(answer, ctx):
    weights = _same_weights(ctx)
    best = weights.index[0]
    if answer == best:
        return Result.right(1, _('Right: the same {best} adds {weights:.1f} points, the most of any field: strangers almost never share '
                                  'one.').format(best=best, weights=weights[best]))
    return Result.wrong(1, _('The same {answer} adds {get:.1f} points; another field adds more.').format(answer=answer, get=weights.get(answer, float('nan'))),
                        (_("A field many strangers share (a first name, an account) counts little."),
                         _("Look in the table for the field whose 'the same' row has the highest weight.")))


def _to_merge(ctx) -> int:
    clusters = find_duplicates(ctx.data.contacts, on=DEDUPE_ON)
    return int(len(clusters) - clusters.nunique())


def _exact_email(ctx) -> int:
    email = normalise_email(ctx.data.contacts["email"]).dropna()
    return int(len(email) - email.nunique())


@exercise("crm.quality.duplicates-to-merge",
          title="Run the duplicate finder on the contacts: how many records would disappear if every "
                "cluster were merged into one record?",
          answer=Number("Records", integer=True), solution=_to_merge,
          wrong=[Mistake(_exact_email, "{answer} is what identical emails alone find.",
                         ("Exact matching misses a typo, a swapped name or a missing email.",
                          "Use the fuzzy duplicate search of the lesson on names, email, phone and account."))])
def _check_to_merge(answer, ctx):
    expected = _to_merge(ctx)
    if not is_number(answer):
        return Result.wrong(1, _('{answer!r} is not a number.').format(answer=answer), _("Type a whole number of records."))
    if answer == expected:
        return Result.right(1, _('Right: {expected} records. Review the pairs before merging: a fuzzy match is a suggestion, not a proof.').format(expected=expected))
    return Result.wrong(1, _('{answer} is not the number of records merged away.').format(answer=answer),
                        (_("Look at the clusters: each keeps one record."),
                         _("Records merged away = number of contacts minus number of distinct clusters.")))


@exercise("crm.quality.duplicate-clusters",
          title="Give every contact a cluster id (a table with contact_id and cluster columns).",
          solution=lambda ctx: ctx.data.contacts[["contact_id"]].assign(
              cluster=find_duplicates(ctx.data.contacts, on=DEDUPE_ON)),
          wrong=[(lambda ctx: ctx.data.contacts[["contact_id"]].assign(
              cluster=normalise_email(ctx.data.contacts["email"]).fillna(ctx.data.contacts["contact_id"])),
              "fuzzy")], max_points=2)
def _check_clusters(answer, ctx):
    import pandas as pd

    from workbench.errors import InputError

    if not isinstance(answer, pd.DataFrame) or not {"contact_id", "cluster"} <= set(answer.columns):
        raise InputError(_("expected a table with contact_id and cluster columns"),
                         fix=_("add the cluster ids as a column: contacts[['contact_id']].assign(cluster=...)"))
    truth = find_duplicates(ctx.data.contacts, on=DEDUPE_ON).set_axis(ctx.data.contacts["contact_id"].astype(str))
    got = answer.assign(contact_id=answer["contact_id"].astype(str)).drop_duplicates("contact_id")
    got = got.set_index("contact_id")["cluster"].reindex(truth.index)
    if got.isna().any():
        return Result.wrong(2, _('{sum} contacts have no cluster id.').format(sum=int(got.isna().sum())),
                            (_("Look for contacts missing from your answer."),
                             _("Give every contact a cluster, even those alone in theirs.")))
    frame = pd.DataFrame({"t": truth.to_numpy(), "p": got.astype(str).to_numpy()})

    def pairs(counts):
        return int((counts * (counts - 1) // 2).sum())

    both, truth_pairs, your_pairs = pairs(frame.groupby(["t", "p"]).size()), pairs(frame.groupby("t").size()), \
        pairs(frame.groupby("p").size())
    recall = both / truth_pairs if truth_pairs else 1.0
    precision = both / your_pairs if your_pairs else 1.0
    if recall >= 0.9 and precision >= 0.9:
        return Result.right(2, _('Good: your clusters agree with the reference on {recall:.0%} of duplicate pairs.').format(recall=recall))
    if recall < 0.9:
        return Result.wrong(2, _('Your clusters find {recall:.0%} of the duplicate pairs.').format(recall=recall),
                            (_("Exact matches miss typos and missing emails."),
                             _("Use the fuzzy duplicate search of the lesson, which scores near "
                             "matches.")), points=1 if recall >= 0.6 else 0)
    return Result.wrong(2, _('{value:.0%} of the pairs your clusters join are different people.').format(value=1 - precision),
                        (_("Look at the pairs matched wrongly: what do they share?"),
                         _("Raise the threshold, or compare more fields (email, phone, account).")), points=1)
