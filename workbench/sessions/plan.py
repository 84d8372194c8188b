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

import html
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..i18n.messages import _
from ..lessons import DEFAULT_SOURCE, describe_source, lesson_id, notebook_exercises, resolve
from ..sources import in_plain_words


@dataclass(frozen=True)
class Format:
    """How a format turns lesson time into a session."""

    name: str
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
        "face-to-face", "A trainer and the whole group in one room; everyone practises under supervision.",
        practice=0.5, opening=("Welcome, goals of the day, log in", 15),
        closing=("Wrap-up: questions, what to practise next", 15), break_every=90, block_limit=420,
        pros=("Direct contact with the trainer: speech, gestures, instant questions",
              "Hands-on exercises under supervision", "Fewer distractions; people finish the course"),
        cons=("Travel time and cost", "A day away from work, hard for shift teams",
              "The most expensive format when the trainer is external"),
        prepare=("Book a room with a projector and one computer per trainee",
                 "Release the trainee folders the day before and test one login",
                 "Print the roster; plan who sits next to whom (different data variants)",
                 "Run each practice set once yourself on the release (WORKBENCH_STRICT=1)")),
    "e-learning": Format(
        "e-learning", "Trainees work on their own, any time, at their own pace; you follow their progress logs.",
        practice=0.25, opening=("Kick-off message: how to open the workbench, deadline, where to ask", 10),
        closing=("Check-in call: common mistakes from the class report", 30), break_every=0, block_limit=60,
        pros=("Available around the clock, fits busy diaries", "Cheaper: no trainer's day, no travel",
              "Everyone goes at their own pace and can replay what they missed"),
        cons=("Learners are alone: less support when stuck", "Needs a working connection and a recent browser",
              "Less effective when the CRM process is strict and detailed"),
        prepare=("Send each trainee their folder or link, and a deadline per lesson",
                 "Open a channel for questions and say when you answer",
                 "Check the workbench opens in the browsers your colleagues use",
                 "Plan a weekly look at the class report from the progress logs")),
    "in-house": Format(
        "in-house", "A colleague who learnt the CRM first (a superuser) trains the others, in short slots.",
        practice=0.5, opening=("Why we use the CRM here: our process, our customers", 10),
        closing=("Questions; agree the next slot and the practice to do before it", 10), break_every=60,
        block_limit=120,
        pros=("Cheap: no external trainer", "Knows the company's processes and adapts examples to them",
              "Works well as basic training or as an add-on after go-live"),
        cons=("Quality depends on the superuser's skill and knowledge",
              "The superuser needs time to learn the system before teaching it"),
        prepare=("Rehearse: do every exercise yourself first, on the trainees' data",
                 "Swap the sample for the company's own export when it is clean (release --data)",
                 "Keep slots short (two hours at most) and book them in advance",
                 "Ask a colleague to sit in once and tell you what was unclear")),
}


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
            what = "practice set" if describe_source(each.released) == "practice set" else "lesson's exercises, again"
            what = f"Supervised practice: the {what}" if fmt.name != "e-learning" else \
                f"The {what}, at the trainee's own pace"
            items.append((what, extra, "practice", lesson.path.stem))
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
                         "item": "Break", "kind": "break", "lesson": ""})
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
        return get(id).title
    except WorkbenchError:
        return id


def plan(lessons, out, format: str = "face-to-face", *, title: str | None = None,
         start: str = "09:00", source: str = DEFAULT_SOURCE) -> Path:
    """Write the facilitator guide for ``lessons`` in ``format`` to ``out`` (HTML); returns its path.

    The guide holds the agenda with clock times, each lesson's goals and sources, the
    exercises of the notebook released and graded for it (``source``, as for
    :func:`~workbench.sessions.release.release`), the format's strengths and weak points,
    and a checklist of what to prepare.
    """
    fmt = get_format(format)
    chosen = planned(lessons, source)
    df = agenda(lessons, fmt.name, start=start, source=source)
    title = title or f"Training session: {', '.join(p.lesson.title for p in chosen)}"
    esc = html.escape
    block_word = {"face-to-face": "Day", "e-learning": "Step", "in-house": "Slot"}[fmt.name]
    parts = [f"<h1>{esc(title)}</h1>",
             f"<p><b>Format: {esc(fmt.name)}.</b> {esc(fmt.summary)} "
             f"Total: {int(df['minutes'].sum())} minutes in {df['block'].max()} "
             f"{block_word.lower()}{'s' if df['block'].max() > 1 else ''}.</p>", "<h2>Agenda</h2>"]
    for block, rows in df.groupby("block", sort=True):
        parts.append(f"<h3>{block_word} {block}</h3><table><tr><th>time</th><th>minutes</th><th>what</th></tr>")
        for r in rows.itertuples():
            parts.append(f'<tr class="{r.kind}"><td>{r.start if fmt.name != "e-learning" else ""}</td>'
                         f"<td>{r.minutes}</td><td>{esc(r.item)}</td></tr>")
        parts.append("</table>")
    parts.append("<h2>Lessons</h2>")
    for each in chosen:
        lesson = each.lesson
        goals = "".join(f"<li>{esc(g)}</li>" for g in lesson.goals)
        exercises = "".join(f'<li>{esc(_exercise_title(e))} <code class="exercise">{esc(e)}</code></li>'
                            for e in each.exercises)
        sources = "; ".join(esc(in_plain_words(s)) for s in lesson.sources)
        released = f"{each.released.parent.name}/{each.released.name}"
        parts.append(f'<div class="lesson"><h3>{esc(lesson.title)} ({lesson.duration_minutes} min)</h3>'
                     f"<p><b>After it, trainees can:</b></p><ul>{goals}</ul>"
                     f"<p><b>Exercises released and graded</b> (the {describe_source(each.released)} "
                     f"<code>{esc(released)}</code>):</p><ol>{exercises}</ol>"
                     f'<p class="meta">Sources: {sources or "none listed"}</p></div>')
    parts.append("<h2>Strengths and weak points of this format</h2><table><tr><th>strengths</th><th>weak points"
                 "</th></tr><tr><td><ul>" + "".join(f"<li>{esc(p)}</li>" for p in fmt.pros) + "</ul></td><td><ul>"
                 + "".join(f"<li>{esc(c)}</li>" for c in fmt.cons) + "</ul></td></tr></table>")
    ids = " ".join(lesson_id(p.released) for p in chosen)
    choice = "" if source == DEFAULT_SOURCE else f" --from {source}"
    prepare = list(fmt.prepare) + [
        f"Release: <code>workbench session release {esc(ids)}{choice} --out session --trainees roster.csv</code>",
        "After the session: <code>workbench session grade session --out grades</code>, then "
        "<code>workbench session report grades --out report.html</code>"]
    parts.append("<h2>What to prepare</h2><ul>" + "".join(
        f'<li><label><input type="checkbox"> {p if p.startswith(("Release", "After")) else esc(p)}</label></li>'
        for p in prepare) + "</ul>")
    page = ('<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" '
            f'content="width=device-width, initial-scale=1"><title>{esc(title)}</title><style>'
            "body{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;line-height:1.5}"
            "table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3em .5em;"
            "text-align:left;vertical-align:top}tr.break td,tr.opening td,tr.closing td{color:#555}"
            "tr.lesson td{font-weight:600}.lesson{border-left:4px solid #2f6fb3;background:#f6f8fb;"
            "padding:.3em 1em;margin:1em 0}.meta{color:#555;font-size:.9em}"
            "@media print{.lesson{break-inside:avoid}}</style></head><body>" + "".join(parts) + "</body></html>")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out
