"""Progress against the whole course: per track, how many exercises are done, what comes next, badges.

The progress log (:mod:`workbench.exercises.progress`) holds one record per Check. Here those
records are read against the course's lessons, in course order: an exercise is *done* once an
attempt earned all its points, or, for an open answer a trainer marks, once it is handed in
(shown as "handed in, waiting for a mark" until marked); a lesson earns its *badge* when all its exercises are done; each
exercise counts its first attempt's points and its best. An end-of-track assessment (a lesson
whose metadata says ``"assessment": true``) is scored on first attempts only, against its pass mark.

Records are read tolerantly: a record without points counts none, one without ``max_points``
takes the exercise's own, unknown fields are ignored.

>>> from workbench.lessons import Lesson
>>> from pathlib import Path

>>> lesson = Lesson(Path("x.ipynb"), "Leads", "crm", 3, 30, exercises=("crm.leads.a", "crm.leads.b"))
>>> records = [{"exercise": "crm.leads.a", "points": 0, "max_points": 1, "at": "2026-01-05T09:00:00+00:00"},
...            {"exercise": "crm.leads.a", "points": 1, "max_points": 1, "at": "2026-01-05T09:02:00+00:00"}]
>>> progress = LessonProgress(lesson, attempts_by_exercise(records))
>>> progress.done, progress.total, progress.first_points, progress.best_points, progress.badge
(1, 2, 0.0, 1.0, False)
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path

from ..i18n.html import language_attributes
from ..i18n.messages import _, ngettext
from ..i18n.numbers import format_date, native_digits


@dataclass(frozen=True)
class Attempts:
    """What a learner did on one exercise: how many Checks, the first and best points, the last time."""

    count: int
    first_points: float
    best_points: float
    max_points: float
    last_at: datetime | None = None
    handed_in: bool = False  # an open answer handed in for the trainer to mark

    @property
    def done(self) -> bool:
        """All points earned, or an open answer handed in (it waits for the trainer's mark)."""
        return self.best_points >= self.max_points or self.handed_in

    @property
    def waiting_for_mark(self) -> bool:
        return self.handed_in and self.best_points < self.max_points


def _number(value, default: float = 0.0) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


def _time(value) -> datetime | None:
    """An ISO time from the log as an aware datetime (a time without a zone is UTC); ``None`` if unreadable."""
    try:
        at = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def attempts_by_exercise(records: list[dict]) -> dict[str, Attempts]:
    """Exercise id -> :class:`Attempts`, from progress records in the order they were written.

    >>> a = attempts_by_exercise([{"exercise": "x.y.z", "points": "2", "max_points": 2},
    ...                           {"exercise": "x.y.z", "max_points": 2}])["x.y.z"]
    >>> a.count, a.first_points, a.best_points, a.done
    (2, 2.0, 2.0, True)
    """
    found: dict[str, Attempts] = {}
    for record in records:
        id = record.get("exercise")
        if not isinstance(id, str):
            continue
        points, max_points, at = _number(record.get("points")), _number(record.get("max_points"), 1.0), \
            _time(record.get("at"))
        handed_in = record.get("to_mark") is True
        before = found.get(id)
        if before is None:
            found[id] = Attempts(1, points, points, max_points, at, handed_in)
            continue
        last = max((t for t in (before.last_at, at) if t), default=None)
        found[id] = Attempts(before.count + 1, before.first_points, max(before.best_points, points),
                             max(before.max_points, max_points), last, before.handed_in or handed_in)
    return found


def _max_points(id: str) -> float:
    """An exercise's points from the registry; 1 for an id it does not know (a lesson being written)."""
    from ..errors import WorkbenchError
    from .registry import get

    try:
        return float(get(id).max_points)
    except WorkbenchError:
        return 1.0


@dataclass(frozen=True)
class LessonProgress:
    """One lesson of the course and what the learner did in it."""

    lesson: object  # workbench.lessons.Lesson
    attempts: dict[str, Attempts]

    def _of(self, id: str) -> Attempts | None:
        return self.attempts.get(id)

    @property
    def total(self) -> int:
        return len(self.lesson.exercises)

    @property
    def done(self) -> int:
        return sum(1 for id in self.lesson.exercises if (a := self._of(id)) and a.done)

    @property
    def waiting_for_mark(self) -> int:
        """Open answers handed in that the trainer has not marked yet."""
        return sum(1 for id in self.lesson.exercises if (a := self._of(id)) and a.waiting_for_mark)

    @property
    def started(self) -> bool:
        return any(self._of(id) for id in self.lesson.exercises)

    @property
    def badge(self) -> bool:
        """Every exercise of the lesson done."""
        return self.total > 0 and self.done == self.total

    @property
    def first_points(self) -> float:
        return sum(a.first_points for id in self.lesson.exercises if (a := self._of(id)))

    @property
    def best_points(self) -> float:
        return sum(a.best_points for id in self.lesson.exercises if (a := self._of(id)))

    @property
    def max_points(self) -> float:
        return sum(a.max_points if (a := self._of(id)) else _max_points(id) for id in self.lesson.exercises)

    @property
    def score(self) -> float:
        """First-attempt points as a share of the lesson's points (what an assessment is marked on)."""
        return self.first_points / self.max_points if self.max_points else 0.0

    @property
    def passed(self) -> bool:
        """For an assessment: every question answered and the first-attempt score at the pass mark or above."""
        return all(self._of(id) for id in self.lesson.exercises) and self.score >= self.lesson.pass_mark - 1e-9

    @property
    def title(self) -> str:
        """The lesson's title in the trainee's language (from the lesson's catalogue; English until translated)."""
        return lesson_title(self.lesson)

    def status(self) -> str:
        n = self.waiting_for_mark
        if self.badge:
            return _("done ★ ({n} handed in, waiting for a mark)").format(n=n) if n else _("done ★")
        if not self.started:
            return _("not started")
        if n:
            return _("{done} of {total} done ({n} handed in, waiting for a mark)").format(
                done=self.done, total=self.total, n=n)
        return _("{done} of {total} done").format(done=self.done, total=self.total)


@dataclass(frozen=True)
class TrackProgress:
    """A track's lessons in course order, with its assessment apart."""

    track: str
    title: str
    lessons: list[LessonProgress]
    assessment: LessonProgress | None

    @property
    def everything(self) -> list[LessonProgress]:
        return self.lessons + ([self.assessment] if self.assessment else [])

    @property
    def done(self) -> int:
        return sum(p.done for p in self.everything)

    @property
    def total(self) -> int:
        return sum(p.total for p in self.everything)

    @property
    def badges(self) -> int:
        return sum(p.badge for p in self.lessons)

    def next_lesson(self) -> LessonProgress | None:
        """The first lesson (in course order) with an exercise not done yet; then the assessment if not taken."""
        for p in self.lessons:
            if not p.badge:
                return p
        if self.assessment and not all(self.assessment._of(id) for id in self.assessment.lesson.exercises):
            return self.assessment
        return None

    def headline(self) -> str:
        following = self.next_lesson()
        after = _("next: {lesson}").format(lesson=following.title) if following else _("finished")
        return _("{track}: {done} of {total} exercises done · {after}").format(
            track=_(self.title), done=self.done, total=self.total, after=after)

    def assessment_line(self) -> str:
        a = self.assessment
        if a is None:
            return ""
        mark = _("pass mark {share:.0%}").format(share=a.lesson.pass_mark)
        if not a.started:
            return _("Assessment: not taken yet ({mark}, first tries count).").format(mark=mark)
        answered = sum(1 for id in a.lesson.exercises if a._of(id))
        if answered < a.total:
            return _("Assessment: {answered} of {total} questions answered so far, {points:g} points at the first try "
                     "({mark}).").format(answered=answered, total=a.total, points=a.first_points, mark=mark)
        verdict = _("passed: ask your trainer for your certificate") if a.passed else _("not passed")
        return _("Assessment: {score:.0%} at the first try, {verdict} ({mark}).").format(
            score=a.score, verdict=verdict, mark=mark)

    def text(self) -> str:
        badges = ngettext(" · {n} badge ★", " · {n} badges ★", self.badges).format(n=self.badges)
        lines = [self.headline() + (badges if self.badges else "")]
        for p in self.lessons:
            points = (_(" · first try {first:g}, best {best:g} of {most:g} points").format(
                first=p.first_points, best=p.best_points, most=p.max_points) if p.started else "")
            lines.append(f"  {p.title}: {p.status()}{points}")
        if self.assessment:
            lines.append("  " + self.assessment_line())
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        e = html.escape
        left = ' style="text-align:start"'  # JupyterLab aligns table cells right, as for numbers
        rows = "".join(
            f"<tr><td{left}>{e(p.title)}</td><td{left}>{'★' if p.badge else ''}</td>"
            f"<td{left}>{e(p.status())}</td>"
            f"<td>{f'{p.first_points:g} / {p.max_points:g}' if p.started else ''}</td>"
            f"<td>{f'{p.best_points:g} / {p.max_points:g}' if p.started else ''}</td></tr>" for p in self.lessons)
        head = "".join(f"<th{left if n < 3 else ''}>{name}</th>" for n, name in enumerate(
            [_("Lesson"), _("Badge"), _("Exercises"), _("Points at first try"), _("Best points")]))
        table = f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>" if rows else ""
        assessment = f"<p>{e(self.assessment_line())}</p>" if self.assessment else ""
        return f"<div {language_attributes()}><h4>{e(self.headline())}</h4>{table}{assessment}</div>"


def lesson_title(lesson) -> str:
    """The title of ``lesson`` (a :class:`~workbench.lessons.Lesson`) in the trainee's language, read from the
    lesson's catalogue; the English title while it has no translation, or for a lesson outside the course.

    >>> from workbench.i18n.language import use_language
    >>> from workbench.lessons import NOTEBOOKS, read_lesson
    >>> lesson = read_lesson(NOTEBOOKS / "crm" / "01-what-a-crm-is.ipynb")
    >>> lesson_title(lesson) == lesson.title
    True
    >>> with use_language("fr"):
    ...     lesson_title(lesson) != lesson.title
    True
    """
    from ..i18n.language import current_language
    from ..i18n.lesson_catalogues import entry
    from ..lessons import NOTEBOOKS

    try:
        key = Path(lesson.path).resolve().relative_to(NOTEBOOKS.resolve()).with_suffix("").as_posix()
    except ValueError:  # a notebook outside the course's folder: no catalogue of its own
        return lesson.title
    return entry(key, lesson.title, "title", current_language())


def local_time(at: datetime, zone: tzinfo | None = None) -> str:
    """``at`` in the time zone ``zone`` (default: the computer's), as a trainee reads it.

    >>> from datetime import timedelta, timezone
    >>> local_time(datetime(2026, 1, 5, 9, 0, tzinfo=UTC), timezone(timedelta(hours=3, minutes=30)))
    '05 Jan 2026, 12:30 (UTC+03:30)'
    """
    local = at.astimezone(zone)
    return f"{format_date(local.date(), format='dd MMM y')}, {native_digits(f'{local:%H:%M}')} ({local.tzname()})"


@dataclass(frozen=True)
class CourseProgress:
    """A learner's progress through every track, as ``workbench progress`` and the start page show it."""

    learner: str
    tracks: list[TrackProgress]
    last_at: datetime | None
    notes: list[str]

    @classmethod
    def of(cls, records: list[dict], learner: str, notes: list[str] = (), lessons=None) -> CourseProgress:
        """Read ``records`` against the course's lessons (default: every lesson of the repository)."""
        from ..lessons import TRACK_TITLES, in_course_order

        attempts = attempts_by_exercise(records)
        by_track: dict[str, list] = {}
        for lesson in lessons if lessons is not None else in_course_order():
            if lesson.exercises:
                by_track.setdefault(lesson.track, []).append(LessonProgress(lesson, attempts))
        tracks = [TrackProgress(track, TRACK_TITLES.get(track, track.title()),
                                [p for p in items if not p.lesson.assessment],
                                next((p for p in items if p.lesson.assessment), None))
                  for track, items in by_track.items()]
        last = max((a.last_at for a in attempts.values() if a.last_at), default=None)
        return cls(learner, tracks, last, list(notes))

    def track(self, name: str) -> TrackProgress | None:
        return next((t for t in self.tracks if t.track == name), None)

    def headline(self) -> str:
        done, total = sum(t.done for t in self.tracks), sum(t.total for t in self.tracks)
        when = (_("; last Check {when}").format(when=local_time(self.last_at)) if self.last_at
                else _("; no Check yet: answer an exercise and press Check"))
        return _("{learner}: {done} of {total} exercises of the course done{when}").format(
            learner=self.learner, done=done, total=total, when=when)

    def text(self) -> str:
        return "\n\n".join([self.headline(), *(t.text() for t in self.tracks), *self.notes])

    def __repr__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        notes = "".join(f'<p style="color:#a15c00">{html.escape(n)}</p>' for n in self.notes)
        return (f"<div {language_attributes()}><p><b>{html.escape(self.headline())}</b></p>"
                + "".join(t._repr_html_() for t in self.tracks) + notes + "</div>")


def course_progress(learner: str | None = None, home: Path | None = None) -> CourseProgress:
    """The progress through the course of ``learner`` (default: the current learner) in a workbench home."""
    import dataclasses

    from .. import settings as settings_module
    from .progress import ProgressLog, skipped_lines

    settings = settings_module.current()
    settings = dataclasses.replace(settings, **{k: v for k, v in (("learner", learner), ("home", home)) if v})
    log = ProgressLog(settings.progress_file)
    records, problems = log.read()
    return CourseProgress.of(records, settings.learner, skipped_lines(log.path, problems))
