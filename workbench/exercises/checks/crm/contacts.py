"""Checks for notebooks/crm/02-accounts-contacts-and-consent and its practice set."""

from workbench.crm.consent import contacted_without_consent, current_consent, mailing_list, may_contact
from workbench.crm.privacy import anonymise_extract
from workbench.exercises import Mistake, Result, exercise
from workbench.exercises.forms import MultiChoice, Number
from workbench.exercises.marking import id_set, is_number
from workbench.i18n.messages import _


def _may_email(ctx) -> int:
    return len(may_contact(ctx.data.consents, "email", as_of=ctx.data.as_of))


def _granted_rows(ctx) -> int:
    log = ctx.data.consents
    return int((log["channel"].astype(str).eq("email") & log["status"].astype(str).eq("granted")).sum())


def _with_email(ctx) -> int:
    return int(ctx.data.contacts["email"].notna().sum())


@exercise("crm.contacts.may-email", title="How many contacts may Acme email today?",
          answer=Number("Contacts", integer=True), solution=_may_email,
          wrong=[Mistake(_granted_rows, "{answer:,} counts every 'granted' line of the log, including consents "
                                        "later withdrawn and people who opted in twice.",
                         ("Look at the dates of the consent events: a later event replaces an earlier one.",
                          "Keep only the newest event per contact and channel, then count the grants.")),
                 Mistake(_with_email, "{answer:,} is the number of contacts with an email address.",
                         ("Having an address is not permission: look at the consent table.",
                          "Count contacts whose current email consent is 'granted'."))])
def _check_may_email(answer, ctx):
    expected = _may_email(ctx)
    if not is_number(answer):
        return Result.wrong(1, _('{answer!r} is not a number.').format(answer=answer), _("Type a whole number of contacts."))
    if answer == expected:
        return Result.right(1, _('Yes: {expected:,} contacts have email consent in force today.').format(expected=expected))
    return Result.wrong(1, _('{answer:,} is not the number of contacts who may be emailed.').format(answer=answer),
                        (_("Look at the consent history: only each contact's newest email event counts."),
                         _("Keep each contact's newest email event and count those that say 'granted'.")))


def _list_size(ctx) -> int:
    return len(mailing_list(ctx.data.contacts, ctx.data.consents, "email", as_of=ctx.data.as_of))


@exercise("crm.contacts.mailing-list", title="How many addresses are on Acme's opt-in email list?",
          answer=Number("Addresses", integer=True), solution=_list_size,
          wrong=[Mistake(_may_email, "{answer:,} contacts have consent, but not all of them can receive a message.",
                         ("Look at the addresses themselves: some are missing, broken or shared.",
                          "Leave out contacts with no or an invalid address, and send once to an address shared by "
                          "two records."))])
def _check_mailing_list(answer, ctx):
    expected = _list_size(ctx)
    if not is_number(answer):
        return Result.wrong(1, _('{answer!r} is not a number.').format(answer=answer), _("Type a whole number of addresses."))
    if answer == expected:
        return Result.right(1, _('Right: {expected:,} addresses, one message each.').format(expected=expected))
    return Result.wrong(1, _('{answer:,} is not the size of the opt-in list.').format(answer=answer),
                        (_("Look at the mailing list built in the lesson from consent and addresses."),
                         _("Count its rows: one per address that may be emailed.")))


def _sent(ctx):
    from workbench.crm.pressure import messages

    return messages(ctx.data.campaign_members, ctx.data.activities, campaign_channels=ctx.data.campaigns)


def _after_revocation(ctx) -> int:
    bad = contacted_without_consent(_sent(ctx), ctx.data.consents, at="at", only_revoked=True)
    return bad["contact_id"].nunique()


def _without_consent(ctx) -> int:
    return contacted_without_consent(_sent(ctx), ctx.data.consents, at="at")["contact_id"].nunique()


def _revoked_now(ctx) -> int:
    current = current_consent(ctx.data.consents, as_of=ctx.data.as_of)
    return int((current["channel"].eq("email") & current["status"].eq("revoked")).sum())


@exercise("crm.contacts.emailed-after-revocation",
          title="How many contacts received an email after withdrawing their email consent?",
          answer=Number("Contacts", integer=True), solution=_after_revocation,
          wrong=[Mistake(_revoked_now, "{answer} contacts have revoked email consent, but not all were emailed "
                                       "afterwards.",
                         ("Look at when each message was sent compared with when consent was withdrawn.",
                          "Count only contacts who received a message after the moment they revoked.")),
                 Mistake(_without_consent, "{answer} also counts people emailed before they ever opted in.",
                         ("Look at the consent status at the moment each message was sent.",
                          "Keep only messages sent while the status was 'revoked', then count the contacts."))])
def _check_after_revocation(answer, ctx):
    expected = _after_revocation(ctx)
    if not is_number(answer):
        return Result.wrong(1, _('{answer!r} is not a number.').format(answer=answer), _("Type a whole number of contacts."))
    if answer == expected:
        return Result.right(1, _('Yes: {expected} contacts were emailed after saying no. Each one is a complaint waiting to happen; the '
                                  'list must be rebuilt before every send.').format(expected=expected))
    return Result.wrong(1, _('{answer} is not the number of contacts emailed after revoking.').format(answer=answer),
                        (_("Look at the messages sent after consent was withdrawn."),
                         _("Count the different contacts among them, not the messages.")))


EXTRACT_COLUMNS = ["first_name", "last_name", "email", "phone", "outcome (call notes)", "lifecycle_stage",
                   "industry", "country"]


def _must_change(ctx=None) -> list[str]:
    """Columns the default anonymisation pseudonymises or drops, in the form's words."""
    import pandas as pd

    frame = pd.DataFrame({c.split(" ")[0]: ["x"] for c in EXTRACT_COLUMNS})
    _, report = anonymise_extract(frame, "the salt for this check", report=True)
    changed = set(report.loc[report["action"].ne("kept"), "column"])
    return [c for c in EXTRACT_COLUMNS if c.split(" ")[0] in changed]


@exercise("crm.contacts.share-extract",
          title="An agency asks for an extract of contacts and call outcomes. Tick every column to "
                "pseudonymise or drop before it leaves Acme.",
          answer=MultiChoice(EXTRACT_COLUMNS), solution=_must_change,
          wrong=[(lambda ctx: ["first_name", "last_name", "email", "phone"], "notes"),
                 (lambda ctx: EXTRACT_COLUMNS, "stage")], max_points=2)
def _check_share_extract(answer, ctx):
    chosen = set(answer)
    should = set(_must_change())
    missed = [c for c in EXTRACT_COLUMNS if c in should - chosen]
    extra = [c for c in EXTRACT_COLUMNS if c in chosen - should]
    if not missed and not extra:
        return Result.right(2, _("Right: who the person is (name, email, phone) becomes a pseudonym, free-text "
                               "notes are dropped, and the business facts stay."))
    points = 1 if len(missed) + len(extra) == 1 else 0
    if missed:
        if missed[0].startswith("outcome"):
            return Result.wrong(2, _("Call notes were left in."),
                                (_("Look at the free-text columns of your extract."),
                                 _("Notes hold what nobody meant to share (health, family, opinions): drop "
                                 "them.")), points)
        return Result.wrong(2, _("'{missed}' still says who the person is.").format(missed=missed[0]),
                            (_("Ask of each field whether it tells who the person is."),
                             _("Names, emails and phone numbers identify people: pseudonymise them.")), points)
    return Result.wrong(2, _("'{extra}' does not identify anyone and is what the agency needs.").format(extra=extra[0]),
                        (_("Ask of each field: does it identify a person, or describe the business?"),
                         _("Keep business facts such as the lifecycle stage, industry and country; only identities "
                         "and free text must go.")), points)


def _opt_in_ids(ctx) -> set[str]:
    return set(mailing_list(ctx.data.contacts, ctx.data.consents, "email", as_of=ctx.data.as_of)["contact_id"])


@exercise("crm.contacts.opt-in-list", title="Build the opt-in email list (a table with a contact_id column).",
          solution=lambda ctx: mailing_list(ctx.data.contacts, ctx.data.consents, "email", as_of=ctx.data.as_of),
          wrong=[(lambda ctx: ctx.data.contacts[ctx.data.contacts["contact_id"].isin(
              may_contact(ctx.data.consents, "email", as_of=ctx.data.as_of))], "address")], max_points=2)
def _check_opt_in_list(answer, ctx):
    got = id_set(answer, "contact_id")
    expected = _opt_in_ids(ctx)
    if got == expected:
        return Result.right(2, _('Right: {n_expected:,} contacts, each with consent and a usable address.').format(n_expected=len(expected)))
    extra, missing = sorted(got - expected), sorted(expected - got)
    points = 1 if len(extra) + len(missing) <= max(3, len(expected) // 50) else 0
    if extra:
        return Result.wrong(2, _('{n_extra} contacts should not be on the list, e.g. {extra}.').format(n_extra=len(extra), extra=extra[0]),
                            (_("Look at three things per contact: consent in force, a valid address, an address not "
                             "already listed."),
                             _("Leave out contacts without consent in force, without a valid address, and second "
                             "records sharing an address already on the list.")), points)
    return Result.wrong(2, _('{n_missing} opted-in contacts are missing, e.g. {missing}.').format(n_missing=len(missing), missing=missing[0]),
                        (_("Look at who has consent in force and a valid address."),
                         _("Everyone whose newest email consent is 'granted' and who has a valid address belongs on "
                         "the list.")), points)
