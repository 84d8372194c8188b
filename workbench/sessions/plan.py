"""Plan a training session: an agenda with timings and an HTML facilitator guide.

Three formats (seed 001 weighs them):

- ``face-to-face``: a trainer and the group in one room, practice under supervision;
- ``e-learning``: trainees work alone, at their own pace, over several days;
- ``in-house``: a colleague trained first (a superuser) teaches the others, in short blocks.

Timings come from each lesson's metadata (``duration_minutes``); each format
adds what it needs around them (a welcome, supervised practice, breaks,
check-in calls).  The guide lists, for each lesson, the exercises of the very
notebook that ``workbench session release`` hands out and ``grade`` grades:
both ask :func:`~workbench.lessons.resolve`, with the same
``source`` (``--from practice-sets``, the default, or ``--from lessons``).

>>> df = agenda(["crm/01-what-a-crm-is"], "face-to-face")
>>> df["item"].tolist()[0], df["item"].tolist()[-1]
('Welcome, goals of the day, log in', 'Wrap-up: questions, what to practise next')
>>> int(df["minutes"].sum()) == total_minutes(["crm/01-what-a-crm-is"], "face-to-face")
True
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..i18n.messages import N_, _, ngettext
from ..lessons import DEFAULT_SOURCE, describe_source, lesson_id, notebook_exercises, resolve
from ..sources import in_plain_words


@dataclass(frozen=True)
class Format:
    """How a format turns lesson time into a session."""

    name: str
    title: str  # the format in words, for the guide's reader
    summary: str
    practice: float  # extra supervised or self-paced practice, as a share of lesson time
    opening: tuple[str, int]
    closing: tuple[str, int]
    break_every: int  # minutes of work before a break (0: no breaks: self-paced)
    block_limit: int  # longest sitting in minutes (a day, or a superuser's slot)
    pros: tuple[str, ...]
    cons: tuple[str, ...]
    prepare: tuple[str, ...]


FORMATS = {
    "face-to-face": Format(
        "face-to-face", N_("Face-to-face training"), N_("A trainer and the whole group in one room; everyone practises under supervision."),
        practice=0.5, opening=(N_("Welcome, goals of the day, log in"), 15),
        closing=(N_("Wrap-up: questions, what to practise next"), 15), break_every=90, block_limit=420,
        pros=(N_("Direct contact with the trainer: speech, gestures, instant questions"),
              N_("Hands-on exercises under supervision"), N_("Fewer distractions; people finish the course")),
        cons=(N_("Travel time and cost"), N_("A day away from work, hard for shift teams"),
              N_("The most expensive format when the trainer is external")),
        prepare=(N_("Book a room with a projector and one computer per trainee"),
                 N_("Release the trainee folders the day before and test one login"),
                 N_("Print the roster; plan who sits next to whom (different data variants)"),
                 N_("Run each practice set once yourself on the release (WORKBENCH_STRICT=1)"))),
    "e-learning": Format(
        "e-learning", N_("E-learning"),
        N_("Trainees work on their own, any time, at their own pace; you follow their progress logs."),
        practice=0.25, opening=(N_("Kick-off message: how to open the workbench, deadline, where to ask"), 10),
        closing=(N_("Check-in call: common mistakes from the class report"), 30), break_every=0, block_limit=60,
        pros=(N_("Available around the clock, fits busy diaries"), N_("Cheaper: no trainer's day, no travel"),
              N_("Everyone goes at their own pace and can replay what they missed")),
        cons=(N_("Learners are alone: less support when stuck"), N_("Needs a working connection and a recent browser"),
              N_("Less effective when the CRM process is strict and detailed")),
        prepare=(N_("Send each trainee their folder or link, and a deadline per lesson"),
                 N_("Open a channel for questions and say when you answer"),
                 N_("Check the workbench opens in the browsers your colleagues use"),
                 N_("Plan a weekly look at the class report from the progress logs"))),
    "in-house": Format(
        "in-house", N_("In-house training by a superuser"),
        N_("A colleague who learnt the CRM first (a superuser) trains the others, in short slots."),
        practice=0.5, opening=(N_("Why we use the CRM here: our process, our customers"), 10),
        closing=(N_("Questions; agree the next slot and the practice to do before it"), 10), break_every=60,
        block_limit=120,
        pros=(N_("Cheap: no external trainer"), N_("Knows the company's processes and adapts examples to them"),
              N_("Works well as basic training or as an add-on after go-live")),
        cons=(N_("Quality depends on the superuser's skill and knowledge"),
              N_("The superuser needs time to learn the system before teaching it")),
        prepare=(N_("Rehearse: do every exercise yourself first, on the trainees' data"),
                 N_("Swap the sample for the company's own export when it is clean (release --data)"),
                 N_("Keep slots short (two hours at most) and book them in advance"),
                 N_("Ask a colleague to sit in once and tell you what was unclear"))),
}


# The practice after a lesson, by (self-paced?, on a practice set?); agenda items are English message ids.
_PRACTICE = {(False, True): N_("Supervised practice: the practice set"),
             (False, False): N_("Supervised practice: the lesson's exercises, again"),
             (True, True): N_("The practice set, at the trainee's own pace"),
             (True, False): N_("The lesson's exercises again, at the trainee's own pace")}


def get_format(name: str) -> Format:
    """The :class:`Format` called ``name`` (``face-to-face``, ``e-learning`` or ``in-house``)."""
    key = str(name).strip().lower().replace("_", "-").replace(" ", "-")
    key = {"face2face": "face-to-face", "elearning": "e-learning", "inhouse": "in-house",
           "self-paced": "e-learning"}.get(key, key)
    if key not in FORMATS:
        raise InputError(_('unknown format {name!r}').format(name=name), where="session plan --format",
                         fix=_('use one of: {formats}').format(formats=', '.join(FORMATS)))
    return FORMATS[key]


@dataclass(frozen=True)
class Planned:
    """One lesson of a session: what is taught (timings, goals) and the notebook released and graded."""

    lesson: object  # workbench.lessons.Lesson of the lesson taught
    released: Path
    exercises: tuple[str, ...]


def planned(lessons, source: str = DEFAULT_SOURCE) -> list[Planned]:
    """The session's lessons: each one's teaching notebook and the notebook :func:`resolve` releases.

    >>> [p.released.parent.name + "/" + p.released.name for p in planned(["crm/02-accounts-contacts-and-consent"])]
    ['crm/02-accounts-contacts-and-consent.ipynb']
    >>> lesson = planned(["crm/02-accounts-contacts-and-consent"], "lessons")[0]
    >>> "crm.practice.record-consent-revocation" in lesson.exercises
    True
    """
    import json

    from ..lessons import read_lesson

    if isinstance(lessons, (str, Path)):
        lessons = [lessons]
    if not lessons:
        raise InputError(_("no lessons given"), where="session plan", fix=_("name at least one lesson"))
    found = []
    for spec in lessons:
        released = resolve(spec, source)
        try:  # timings and goals are the lesson's, when the lesson exists under that id
            taught = resolve(spec, "lessons")
        except InputError:
            taught = released
        exercises = notebook_exercises(json.loads(released.read_text(encoding="utf-8")))
        found.append(Planned(read_lesson(taught), released, tuple(exercises)))
    return found


def agenda(lessons, format: str = "face-to-face", *, start: str = "09:00",
           source: str = DEFAULT_SOURCE) -> pd.DataFrame:
    """The session's agenda: one row per item with ``block``, ``start``, ``minutes``, ``item``, ``kind``.

    ``start`` is the clock time of the first item; blocks (days, or a superuser's slots)
    start again at that time when the next item would overrun the format's longest sitting.
    The practice after each lesson is on the notebook released for it (see :func:`planned`).
    """
    fmt = get_format(format)
    chosen = planned(lessons, source)
    items = [(fmt.opening[0], fmt.opening[1], "opening", "")]
    for each in chosen:
        lesson = each.lesson
        items.append((lesson.title, lesson.duration_minutes, "lesson", lesson.path.stem))
        extra = round(lesson.duration_minutes * fmt.practice / 5) * 5
        if extra:
            items.append((_PRACTICE[fmt.name == "e-learning", describe_source(each.released) == "practice set"],
                          extra, "practice", lesson.path.stem))
    items.append((fmt.closing[0], fmt.closing[1], "closing", ""))
    try:
        clock0 = datetime.strptime(start, "%H:%M")
    except ValueError:
        raise InputError(_('start time {start!r} is not HH:MM').format(start=start), where="session plan --start",
                         fix=_("write it like 09:00")) from None
    rows, block, used, since_break, clock = [], 1, 0, 0, clock0
    for title, minutes, kind, lesson in items:
        if used and used + minutes > fmt.block_limit:
            block, used, since_break, clock = block + 1, 0, 0, clock0
        if fmt.break_every and since_break and since_break + minutes > fmt.break_every:
            rows.append({"block": block, "start": clock.strftime("%H:%M"), "minutes": 15,
                         "item": N_("Break"), "kind": "break", "lesson": ""})
            clock += timedelta(minutes=15)
            used += 15
            since_break = 0
        rows.append({"block": block, "start": clock.strftime("%H:%M"), "minutes": minutes,
                     "item": title, "kind": kind, "lesson": lesson})
        clock += timedelta(minutes=minutes)
        used += minutes
        since_break += minutes
    return pd.DataFrame(rows)


def total_minutes(lessons, format: str = "face-to-face", source: str = DEFAULT_SOURCE) -> int:
    """Minutes of the whole session, breaks included.

    >>> lesson = ["crm/01-what-a-crm-is"]
    >>> total_minutes(lesson, "in-house") < total_minutes(lesson, "face-to-face") + 60
    True
    """
    return int(agenda(lessons, format, source=source)["minutes"].sum())


def _exercise_title(id: str) -> str:
    from ..errors import WorkbenchError
    from ..exercises.registry import get

    try:
        return _(get(id).title)
    except WorkbenchError:
        return id


def _sources(lesson) -> str:
    """The documents a lesson teaches from: in English its own words, in another language the documents' names."""
    from ..i18n.language import current_language
    from ..sources import cited_documents

    if current_language() == "en":
        return "; ".join(in_plain_words(s) for s in lesson.sources)
    return "; ".join(_(name) for s in lesson.sources for name in cited_documents(s))


def plan(lessons, out, format: str = "face-to-face", *, title: str | None = None,
         start: str = "09:00", source: str = DEFAULT_SOURCE) -> Path:
    """Write the facilitator guide for ``lessons`` in ``format`` to ``out`` (HTML); returns its path.

    The guide holds the agenda with clock times, each lesson's goals and sources, the
    exercises of the notebook released and graded for it (``source``, as for
    :func:`~workbench.sessions.release.release`), the format's strengths and weak points,
    and a checklist of what to prepare, in the current language (``WORKBENCH_LANG``).
    """
    from ..i18n.lesson_build import lesson_in_language
    from .feedback import render

    fmt = get_format(format)
    chosen = planned(lessons, source)
    df = agenda(lessons, fmt.name, start=start, source=source)
    taught = [lesson_in_language(p.lesson) for p in chosen]
    titles = {p.lesson.title: lesson.title for p, lesson in zip(chosen, taught)}
    df["item"] = [titles.get(item, item) if kind == "lesson" else item for item, kind in zip(df["item"], df["kind"])]
    title = title or _("Training session: {lessons}").format(lessons=", ".join(lesson.title for lesson in taught))
    blocks = int(df["block"].max())
    total = {"face-to-face": ngettext("Total: {minutes} minutes in {n} day.", "Total: {minutes} minutes in {n} days.",
                                      blocks),
             "e-learning": ngettext("Total: {minutes} minutes in {n} step.", "Total: {minutes} minutes in {n} steps.",
                                    blocks),
             "in-house": ngettext("Total: {minutes} minutes in {n} slot.", "Total: {minutes} minutes in {n} slots.",
                                  blocks)}[fmt.name].format(minutes=int(df["minutes"].sum()), n=blocks)
    block_title = {"face-to-face": _("Day {n}"), "e-learning": _("Step {n}"), "in-house": _("Slot {n}")}[fmt.name]
    lessons_shown = [{"lesson": lesson, "sources": _sources(lesson),
                      "released": f"{each.released.parent.name}/{each.released.name}",
                      "kind": describe_source(each.released),
                      "exercises": [(_exercise_title(e), e) for e in each.exercises]}
                     for each, lesson in zip(chosen, taught)]
    choice = "" if source == DEFAULT_SOURCE else f" --from {source}"
    page = render("facilitator_guide.html.j2", title=title, format=fmt, total=total, e_learning=fmt.name == "e-learning",
                  blocks=[(block_title.format(n=block), rows.to_dict("records"))
                          for block, rows in df.groupby("block", sort=True)],
                  lessons=lessons_shown,
                  release=f"workbench session release {' '.join(lesson_id(p.released) for p in chosen)}{choice} "
                          "--out session --trainees roster.csv")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out
