"""Checks for notebooks/crm/07-campaigns-and-contact-pressure and its practice set."""

from functools import partial

from workbench.crm import consent, experiments, pressure, templates
from workbench.errors import InputError
from workbench.exercises import Mistake, Result, exercise
from workbench.exercises.forms import Choice, Number
from workbench.exercises.marking import close
from workbench.i18n.messages import _

INVITATION = "T03"       # the email invitation to a workplace day in the contact's city
SHIPPING_SMS = "T07"     # the SMS telling a customer their order has shipped
SMS_EXTRA = {"order_id": "OR12345", "rep_phone": "+33 1 84 88 12 34"}  # the values the lesson fills in
GLOBAL_CAP = 3           # Acme's company-wide limit: messages per contact per week


def _template(ctx, template_id):
    rows = ctx.data.templates[ctx.data.templates["template_id"].astype(str) == template_id]
    if rows.empty:
        raise InputError(_('this data has no template {template_id}').format(template_id=template_id), fix=_("use the sample company's data"))
    return rows.iloc[0]


def _ready(ctx):
    merged = templates.mail_merge(_template(ctx, INVITATION), templates.merge_fields(ctx.data))
    return int(merged["ok"].sum())


@exercise("crm.campaigns.ready-to-send",
          title=f"Mail merge of the invitation ({INVITATION}): how many contacts get a complete message?",
          answer=Number("Messages ready", integer=True),
          solution=_ready,
          wrong=[Mistake(lambda ctx: len(ctx.data.contacts),
                         "{mistake} is every contact, but some messages would have holes in them.",
                         ("Look at the merge report: it lists the missing fields per contact.",
                          "Count only the rows with no field missing."),
                         compare=partial(close, tolerance=0))])
def _ready_check(answer, ctx):
    expected, total = _ready(ctx), len(ctx.data.contacts)
    if close(answer, expected, tolerance=0):
        return Result.right(1, _('Yes: {expected} of {total} contacts; the others lack a field the template needs.').format(expected=expected, total=total))
    return Result.wrong(1, _('{answer} is not the number of complete messages.').format(answer=answer),
                        (_("Look at the merge report: one row per contact, with what is missing."),
                         _("Count the rows with nothing missing.")))


def _sms_list(ctx):
    return consent.mailing_list(templates.merge_fields(ctx.data), ctx.data.consents, "sms", as_of=ctx.data.as_of)


def _sms_merge(ctx):
    people = templates.merge_fields(ctx.data)
    people = people[people["contact_id"].isin(_sms_list(ctx)["contact_id"])]
    return templates.mail_merge(_template(ctx, SHIPPING_SMS), people, channel="sms", extra=SMS_EXTRA)


def _segments(ctx):
    return int(_sms_merge(ctx)["segments"].sum())


@exercise("crm.campaigns.sms-segments",
          title=f"Sending the shipping SMS ({SHIPPING_SMS}) to everyone on the opt-in SMS list: "
                "how many SMS segments will be billed?",
          answer=Number("Segments", integer=True),
          solution=_segments,
          wrong=[Mistake(lambda ctx: len(_sms_merge(ctx)), "{mistake} is the number of messages, not of billed segments.",
                         ("A message with a name in Arabic, Bengali or Persian letters is encoded in UCS-2: 70 "
                          "characters per segment.",
                          "Add up the segments of every message, as the merge counts "
                          "them."), compare=partial(close, tolerance=0))])
def _segments_check(answer, ctx):
    merged = _sms_merge(ctx)
    expected = int(merged["segments"].sum())
    if close(answer, expected, tolerance=0):
        twice = int((merged["segments"] > 1).sum())
        return Result.right(1, _('Yes: {expected} segments for {n_merged} messages; {twice} names outside the GSM alphabet turn a message '
                                  'into two or more segments.').format(expected=expected, n_merged=len(merged), twice=twice))
    return Result.wrong(1, _('{answer} is not the number of segments.').format(answer=answer),
                        (_("Look at the SMS merge for the contacts on the opt-in list."),
                         _("Add up the number of segments of every message.")))


def _opt_in(ctx):
    return len(consent.mailing_list(ctx.data.contacts, ctx.data.consents, "email", as_of=ctx.data.as_of))


def _with_email(ctx):
    return int(ctx.data.contacts["email"].fillna("").astype(str).str.contains("@").sum())


@exercise("crm.campaigns.opt-in-list", title="How many contacts are on Acme's opt-in email list today?",
          answer=Number("Contacts", integer=True),
          solution=_opt_in,
          wrong=[Mistake(_with_email, "That counts every contact with an email address.",
                         ("Having an address is not permission: look at the consent table.",
                          "Keep only contacts whose latest email consent is "
                          "granted."), compare=partial(close, tolerance=0))])
def _opt_in_check(answer, ctx):
    expected = _opt_in(ctx)
    if close(answer, expected, tolerance=0):
        return Result.right(1, _('Yes: {expected} contacts opted in to email and have a usable address.').format(expected=expected))
    return Result.wrong(1, _('{answer} is not the size of the opt-in email list.').format(answer=answer),
                        (_("Look at the mailing list built from consent and addresses."),
                         _("Count its rows: one per contact who may be emailed.")))


def _pressure(ctx, global_cap=GLOBAL_CAP):
    msgs = pressure.messages(ctx.data.campaign_members, ctx.data.activities)
    return pressure.contact_pressure(msgs, ctx.data.contacts, global_cap=global_cap)


def _over(ctx):
    return int(_pressure(ctx)["over"].sum())


def _over_global_only(ctx):
    return int((_pressure(ctx)["busiest_week"] > GLOBAL_CAP).sum())


@exercise("crm.campaigns.over-solicited",
          title=f"With each contact's own limit and a global cap of {GLOBAL_CAP} a week, "
                "how many contacts were over-solicited at least one week?",
          answer=Number("Contacts", integer=True),
          solution=_over,
          wrong=[Mistake(_over_global_only, f"That counts only contacts above the global cap of {GLOBAL_CAP}.",
                         ("Each contact's own weekly limit comes first: most asked for fewer than 3.",
                          "Use the lower of their own limit and the cap."), compare=partial(close, tolerance=0))])
def _over_check(answer, ctx):
    expected = _over(ctx)
    if close(answer, expected, tolerance=0):
        return Result.right(1, _('Yes: {expected} contacts got more messages than they asked for in some week.').format(expected=expected))
    return Result.wrong(1, _('{answer} is not the number of over-solicited contacts.').format(answer=answer),
                        (_("Look at each contact's busiest week and their own limit."),
                         _("Count the contacts whose busiest week is above their own limit (or the cap, if lower).")))


VERDICTS = ["B did better", "A did better", "No clear difference yet"]


def _ab_campaign(ctx):
    members = ctx.data.campaign_members
    variants = members[members["variant"].notna() & (members["variant"].astype(str).str.strip() != "")]
    counts = variants.groupby("campaign_id", observed=True)["variant"].nunique()
    chosen = counts[counts == 2]
    if chosen.empty:
        raise InputError(_("this data has no campaign with an A/B test"), fix=_("use the sample company's data"))
    return str(chosen.index[0])


def _ab(ctx):
    members = ctx.data.campaign_members
    return experiments.ab_test_members(members[members["campaign_id"].astype(str) == _ab_campaign(ctx)],
                                       a="A", b="B")


def _verdict(ctx):
    r = _ab(ctx)
    return VERDICTS[2] if r["winner"] is None else (VERDICTS[0] if r["winner"] == "B" else VERDICTS[1])


def _verdict_said(r) -> str:
    """The test's result in the trainee's language, one whole sentence per outcome."""
    rates = {"a": 100 * r["rate_a"], "b": 100 * r["rate_b"], "p_value": r["p_value"]}
    if r["winner"] == "B":
        return _("Right: B did better, {b:.1f}% responses against {a:.1f}% for A, and a gap this large would "
                 "come by chance in fewer than 5 tests in 100 (p = {p_value:.3f}).").format(**rates)
    if r["winner"] == "A":
        return _("Right: A did better, {a:.1f}% responses against {b:.1f}% for B, and a gap this large would "
                 "come by chance in fewer than 5 tests in 100 (p = {p_value:.3f}).").format(**rates)
    return _("Right: no clear winner yet, {a:.1f}% responses for A and {b:.1f}% for B: chance could explain "
             "the gap (p = {p_value:.2f}).").format(**rates)


@exercise("crm.campaigns.ab-verdict", title="The A/B test: which version of the message worked better?",
          answer=Choice(VERDICTS, label="Verdict"),
          solution=_verdict,
          wrong=[(lambda ctx: next(v for v in VERDICTS[:2] if v != _verdict(ctx)), "response rate"),
                 (lambda ctx: VERDICTS[2] if _verdict(ctx) != VERDICTS[2] else VERDICTS[0], "p-value")])
def _ab_check(answer, ctx):
    r, expected = _ab(ctx), _verdict(ctx)
    if answer == expected:
        return Result.right(1, _verdict_said(r))
    if answer == VERDICTS[2]:
        return Result.wrong(1, _("The difference is larger than chance explains."),
                            (_("Look at the p-value of the test, not only at the two rates."),
                             _('The p-value is {p_value:.4f}: compare it with 0.05.').format(p_value=r['p_value'])))
    if expected == VERDICTS[2]:
        return Result.wrong(1, _("The gap could be chance."),
                            (_("Look at the p-value of the test, not only at the two rates."),
                             _('The p-value is {p_value:.2f}: compare it with 0.05.').format(p_value=r['p_value'])))
    return Result.wrong(1, _("The other version did better."),
                        (_("Look at the response rate of each version."),
                         _("Compare the two rates and check the p-value before calling a winner.")))


@exercise("crm.campaigns.sample-size",
          title="A 3% response rate today: how many contacts per version to detect a rise to 5%?",
          answer=Number("Contacts per version", integer=True),
          solution=lambda ctx: experiments.sample_size(0.03, 0.02),
          wrong=[(lambda ctx: experiments.sample_size(0.03, 0.05), "2 points")])
def _sample_size(answer, ctx):
    expected = experiments.sample_size(0.03, 0.02)
    if close(answer, expected, tolerance=max(5, expected * 0.02)):
        return Result.right(1, _('Yes: about {expected:,} contacts per version (80% power, 5% significance).').format(expected=expected))
    return Result.wrong(1, _('{answer} is not the sample size for 3% → 5%.').format(answer=answer),
                        (_("Look at the effect to detect: the difference between the two rates (2 points), not the "
                         "new rate."),
                         _("Use the sample-size calculator with the base rate and that difference.")))
