"""Checks for notebooks/network/03-warm-introductions and its practice set."""

from workbench.exercises import Result, exercise
from workbench.exercises.forms import Choice, Number
from workbench.exercises.marking import close
from workbench.exercises.open_answers import Criterion, Rubric, open_exercise
from workbench.i18n.messages import _

from .lesson_data import focus_rep, introducer_options, label, lesson_target, net, person_of


def _target(ctx):
    t = lesson_target(ctx)
    if t is None:
        from workbench.errors import ExerciseError

        raise ExerciseError(_("this data has no account reachable through one introducer"),
                            fix=_("use the sample company, or a data variant with LinkedIn exports"))
    return t


def _introducer_label(ctx):
    return label(net(ctx), _target(ctx)["introducer"])


def _other_introducer(ctx):
    options = [o for o in introducer_options(ctx) if o != _introducer_label(ctx)]
    return options[0] if options else "nobody"


@exercise("network.intros.who-to-ask",
          title="Whom should your rep ask for a warm introduction into the lesson's target account?",
          answer=Choice(introducer_options, label="Ask"), solution=_introducer_label,
          wrong=[(_other_introducer, "strongest")])
def _check_who(answer, ctx):
    n = net(ctx)
    t = _target(ctx)
    if str(answer) in (_introducer_label(ctx), t["introducer"]):
        return Result.right(1, _('Yes: the strongest path into {account} goes through {introducer_label} (path strength '
                                  '{path_strength:.3f}).').format(account=t['account'], introducer_label=_introducer_label(ctx), path_strength=t['path_strength']))
    person = person_of(n, answer, list(n.graph.neighbors(focus_rep(ctx))))
    if person is None:
        return Result.wrong(1, _("{answer!r} is not one of your rep's contacts.").format(answer=answer), (_('Look at the list under the question: the answer is one of its options.'), _("Pick a name from the list.")))
    return Result.wrong(1, _('{label} can help, but there is a stronger path.').format(label=label(n, person)),
                        (_("Look at the warm paths of the lesson, from your rep to the account: compare whole paths."),
                         _("The strongest path multiplies the strengths of its ties: take the path with the largest "
                         "product.")))


def _strength(ctx) -> float:
    return round(_target(ctx)["path_strength"], 3)


@exercise("network.intros.path-strength",
          title="What is the strength of that best path (the product of its ties' strengths, 3 decimals)?",
          answer=Number("Path strength"), solution=_strength,
          wrong=[(lambda ctx: round(_target(ctx)["weakest_link"], 3), "multiply")])
def _check_strength(answer, ctx):
    expected = _strength(ctx)
    if close(answer, expected, tolerance=0.0015):
        return Result.right(1, _('Right: {expected:.3f}. Each hop loses some warmth, so short strong paths win.').format(expected=expected))
    if close(answer, _target(ctx)["weakest_link"], tolerance=0.0015):
        return Result.wrong(1, _("That is the weakest tie on the path, not the whole path."),
                            (_('Look at the strength of each tie along the path.'), _("Multiply the strengths of every tie on the path.")))
    return Result.wrong(1, _("{answer} is not the path's strength.").format(answer=answer),
                        (_("Look at every tie on the path, not one of them."),
                         _("Multiply the strengths of the ties on the path.")))


APPROACHES = ["Send a connection request with no message",
              "Ask a common contact to introduce you, and say why you want to meet",
              "Send your product brochure right away"]


@exercise("network.intros.approach",
          title="Your rep wants to reach a buyer they have never met. What does the social-selling method recommend?",
          answer=Choice(APPROACHES), solution=lambda ctx: APPROACHES[1],
          wrong=[(lambda ctx: APPROACHES[0], "common contact"), (lambda ctx: APPROACHES[2], "common contact")])
def _check_approach(answer, ctx):
    if answer == APPROACHES[1]:
        return Result.right(1, _("Yes: go through a common contact and always explain why."))
    return Result.wrong(1, _("A cold, unexplained approach rarely works."),
                        (_('Look at what the buyer knows of your rep before any message.'), _("Prefer a common contact who introduces you, and always say why you want to connect.")))


open_exercise(
    "network.intros.request-message", title="Write the message asking for a warm introduction",
    question="The path above goes through a contact you know well. Write the message you send this contact "
             "to ask for an introduction to the person at the target account.",
    rubric=Rubric([Criterion("Who and why", 2, "names the person to meet and the business reason, in a "
                                               "sentence the contact can repeat"),
                   Criterion("Easy to forward", 1, "includes two or three lines the contact can forward as they are"),
                   Criterion("Gives before asking", 1, "offers something in return or leaves an easy way to say no"),
                   Criterion("Personal and short", 1, "written to this contact, not a template; under 150 words")]),
    model="Hi Sara, I hope the new office is treating you well. Could you introduce me to Karim Haddad, "
          "head of operations at Zenith? We help logistics teams cut missed delivery slots, and I think a "
          "short call could be useful to him. Here is a note you can forward: 'Joan works with logistics "
          "teams on delivery planning and would value 20 minutes with you.' No pressure if the timing is "
          "wrong; and if I can return the favour with anyone in my network, just ask. Thanks, Joan",
    hints=("Reread the path above: who is the common contact, and whom should they introduce you to?",
           "Write at least 40 words: say whom you want to meet and why, add a short note they can forward, "
           "and offer something in return."),
    label="Your message")
