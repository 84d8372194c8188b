"""Checks for notebooks/editorial/05-social-selling-step-by-step: the four steps, prospecting, culture, pitch."""

from functools import lru_cache
from pathlib import Path

from workbench.exercises import Result, exercise
from workbench.exercises.forms import Choice, Number
from workbench.i18n.messages import _

from ..patterns import one_right_choice, tick_exercise

HEADLINES = [
    "Account manager at Acme since 2014",
    "I help office managers find out which meeting rooms are really used",
    "Acme: the best quality-to-price ratio in meeting-room equipment",
    "Experienced, results-driven sales professional",
    "Connect with me for exclusive deals on room kits",
]
BENEFIT = HEADLINES[1]


one_right_choice(
    "editorial.selling.headline", title="Which profile headline follows the first step of social selling?",
    options=HEADLINES, right_option=BENEFIT, label="Headline",
    right="Yes: it speaks of a problem the visitor has and of what they gain, not of the rep or the product.",
    wrong_message="That headline talks about the rep, the company or the offer.",
    hint="Read each headline as a visitor would: which one tells them what they would gain?",
    wrong=[(HEADLINES[0], "visitor"), (HEADLINES[2], "visitor")])


STAGES = [
    "polish the profile",
    "develop contacts",
    "go from static to dynamic: share, comment, post",
    "enter one-to-one commercial conversations",
    "add as many strangers as possible to grow the numbers",
]


@exercise("editorial.selling.next-step",
          title="Amira's profile speaks to her readers, her 600 contacts span clients, partners and former "
                "colleagues, and she shares and comments every week; her contacts now reply to her posts. "
                "What is her next step?",
          answer=Choice(STAGES, label="Next step"), solution=lambda ctx: STAGES[3],
          wrong=[(lambda ctx: STAGES[4], "spam"), (lambda ctx: STAGES[2], "already")])
def _next_step(answer, ctx):
    if answer == STAGES[3]:
        return Result.right(1, _("Yes: she is known and liked; now she can earn trust in one-to-one conversations, "
                               "still focused on the other person's needs."))
    if answer == STAGES[4]:
        return Result.wrong(1, _("Adding strangers in bulk makes a profile look like a spammer's."),
                            _("The race for numbers reads as spam; look at what she has already done and take the "
                            "step after it."))
    if answer in STAGES:
        return Result.wrong(1, _("She has already done that step."),
                            _("Tick off the steps she has already taken, in order; the answer is the one after."))
    return Result.wrong(1, _('{answer!r} is not one of the options.').format(answer=answer), _("Pick one of the options."))


@lru_cache(maxsize=8)
def _outgoing_in(social: str):
    from workbench.network.exports import read_team

    invitations = read_team(Path(social))[0].invitations
    return invitations[invitations["direction"].astype(str).str.upper() == "OUTGOING"]


def _outgoing(ctx):
    """The first rep's outgoing invitations, read once per data folder."""
    return _outgoing_in(str(ctx.data.social))


def _without_note(ctx):
    return int((_outgoing(ctx)["message"].fillna("").astype(str).str.strip() == "").sum())


@exercise("editorial.selling.invitations",
          title="In the export above, how many of the rep's outgoing invitations carry no message saying why?",
          answer=Number("Invitations", integer=True), solution=_without_note,
          wrong=[(lambda ctx: len(_outgoing(ctx)), "no message"),
                 (lambda ctx: len(_outgoing(ctx)) - _without_note(ctx), "no message")])
def _invitations(answer, ctx):
    expected, sent = _without_note(ctx), len(_outgoing(ctx))
    if answer == expected:
        return Result.right(1, _('Yes: {expected} of {sent} invitations went out without a word. Each of those is an unexplained request '
                                  'that a busy buyer is likely to ignore.').format(expected=expected, sent=sent))
    if answer == sent:
        return Result.wrong(1, _('{sent} is every invitation the rep sent.').format(sent=sent),
                            _("Count only the rows of the table whose message is empty: those with no message."))
    if answer == sent - expected:
        return Result.wrong(1, _('{answer} invitations do carry a message.').format(answer=answer),
                            _("The question asks for the others: the ones with no message at all."))
    return Result.wrong(1, _('{answer} is not the number of invitations without a message.').format(answer=answer),
                        _("Count the rows of the outgoing table whose message column is empty."))


ETIQUETTE = {
    "ask a contact you share to introduce you, when there is one": True,
    "say in the invitation why you want to connect": True,
    "once connected, offer something useful (a guide, a customer story) before asking for anything": True,
    "be patient: a well-chosen contact may buy weeks or months later": True,
    "join the LinkedIn groups where your readers talk, and answer their questions there": True,
    "add fifty people a day who look relevant, to let the law of numbers work": False,
    "send a product offer as soon as the invitation is accepted": False,
    "aim for thousands of contacts: a big number builds credibility": False,
}


tick_exercise(
    "editorial.selling.etiquette", title="Prospecting on LinkedIn: tick every good practice.", options=ETIQUETTE,
    right="Right: target people, come recommended, say why, give value, and wait.",
    extra=("'{option}' is the race for numbers.",
           "Mass invitations and instant offers read as spam: a rep from an unknown company with thousands of "
           "contacts looks like someone about to advertise."),
    missed=("You left out '{option}'.", "After the invitation comes the slow part: give value first and be patient."),
    wrong=[(list(ETIQUETTE), "spam"), ([k for k, v in ETIQUETTE.items() if v][:2], "value")])


CULTURE = {
    "trust each rep to speak to their own network in their own words": True,
    "encourage individual initiative, with a short guide of good practice": True,
    "share questions, help and experience with the network, not only offers": True,
    "follow new indicators (conversations, shares, reach) beside sales figures": True,
    "marketing supplies guides and customer stories that reps offer to new contacts": True,
    "every rep reposts the company page's posts word for word": False,
    "marketing approves each rep's post before it goes out": False,
    "reps mix holiday photos and private opinions into their work posts, to look human": False,
}


tick_exercise(
    "editorial.selling.culture", title="Which of these belong to a company culture where social selling works?",
    options=CULTURE,
    right="Right: trust, initiative, sharing and new indicators, with marketing feeding the reps rather than "
          "controlling them.",
    extra=("'{option}' works against social selling.",
           "A network notices at once when a rep's page repeats the company page word for word, and turns away; "
           "vetting every post kills initiative; private life blurs what people follow a rep for."),
    missed=("You left out '{option}'.",
            "Think of marketing's part too: it brings contacts in and gives reps material worth offering."),
    wrong=[(list(CULTURE), "word for word"), ([k for k, v in CULTURE.items() if v][:4], "marketing")])


OPENINGS = [
    "Ask how their team books rooms today and what gets in the way, then listen",
    "Present the five strongest features of the room kit in order",
    "Send the full price list so they can compare",
    "Explain why Acme is the market leader",
]


one_right_choice(
    "editorial.selling.pitch", title="A contact who has read your posts for months agrees to a call. How do you open it?",
    options=OPENINGS, right_option=OPENINGS[0], label="Opening",
    right="Yes: questions and listening first; your prepared pitch then answers what you heard.",
    wrong_message="That opening talks about Acme before you know what matters to them.",
    hint="Before any presentation comes understanding: in the first minutes, who should talk and who should listen?",
    wrong=[(OPENINGS[1], "listen"), (OPENINGS[3], "listen")])


INSIDE = {
    "do they support the field reps or sell on their own?": True,
    "do they work the prospects or the existing customers?": True,
    "do they only follow accounts up, or sell as well?": True,
    "are the current tools up to distance selling?": True,
    "how big is the team, who manages it, and what return is expected?": True,
    "which offshore call centre is the cheapest?": False,
    "can the team be staffed with people who have never sold, to save money?": False,
}


tick_exercise(
    "editorial.selling.inside-sales",
    title="Acme considers a team that sells from the office, by phone and online. Tick every question to settle "
          "first.",
    options=INSIDE,
    right="Right: the split of roles with the field, the customers served, the tasks, the tools, the size, the "
          "manager and the return.",
    extra=("'{option}' misreads the idea.",
           "An office-based team is made of experienced salespeople trained to sell at a distance, not an offshore "
           "hotline."),
    missed=("You left out '{option}'.",
            "Think of the practical side as well as the roles: the tools, the team's size and its manager."),
    wrong=[(list(INSIDE), "experienced"), ([k for k, v in INSIDE.items() if v][:3], "tools")])
