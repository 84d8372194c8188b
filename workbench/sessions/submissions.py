"""What a class handed in: the release's manifest, every (trainee, notebook) pair, and their data.

:func:`find_submissions` lists the notebooks under a class folder (one folder, zip
file or notebook per trainee) and the lesson each one is; it copies each trainee's
folder first (symlinks are not followed: each is left out with a note), so nothing
any trainee code later does to the class folder changes what is graded.
:func:`prepare` then fingerprints each trainee's data and snapshots what they handed
in besides notebooks (progress logs, practice CRM), still before any trainee code runs.

>>> exercise_points("crm.intro.count-contacts"), exercise_points("crm.nope.nothing")
(1.0, None)
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, WorkbenchError
from ..i18n.messages import _
from ..lessons import DEFAULT_SOURCE, catalog, check_source, notebook_exercises
from ..settings import CONFIG_NAME
from .diagnostics import note
from .handin import HandedIn, copy_folder, read_config, unpack
from .manifest import read_manifest


def exercise_points(exercise: str) -> float | None:
    """The exercise's points, or ``None`` when no such exercise is registered."""
    from ..exercises.registry import get

    try:
        return float(get(exercise).max_points)
    except WorkbenchError:
        return None


@dataclass(frozen=True)
class DataSource:
    """The data a trainee is graded on: a shared original and its fingerprint, taken before grading.

    A variant the release did not build has no original (``folder`` is ``None``): the
    notebook's kernel and the re-check each generate their own from the seed.
    """

    folder: Path | None
    fingerprint: str
    seed: int | None = None  # a variant of the sample company; None: a folder (export or sample)


@dataclass
class Submission:
    """One notebook handed in by one trainee."""

    trainee: str
    path: Path
    shown: str = ""  # the notebook as the superuser knows it: <folder or zip>/<path inside>
    folder: Path | None = None  # the trainee's folder (None: a notebook handed in on its own)
    lesson: str | None = None
    expected: list[str] = field(default_factory=list)
    seed: int | None = None
    data_fingerprint: str = ""  # of the seed's variant, as the release generated it
    data_dir: Path | None = None
    data: DataSource = field(default_factory=lambda: DataSource(None, ""))
    handed: HandedIn = field(default_factory=HandedIn)
    notes: list[dict | str] = field(default_factory=list)  # worded by diagnostics.describe
    result: dict = field(default_factory=dict)
    recheck: dict = field(default_factory=dict)
    seconds: float = 0.0
    language: str = "en"  # the trainee's language: their feedback page and the re-checks' messages

    def wanted(self) -> list[str]:
        """The lesson's exercises, plus any other registered exercise the notebook's cells name."""
        cells = (self.result or {}).get("cells", [])
        in_notebook = list(dict.fromkeys(e for c in cells for e in c.get("exercises", [])))
        return list(dict.fromkeys(self.expected + [e for e in in_notebook if exercise_points(e) is not None]))


def identify(path: Path, lessons: dict[str, list[str]]) -> str | None:
    """The lesson a submitted notebook is: its metadata, else its exercise ids, else its file name.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "my work (final).ipynb"
    >>> _ = path.write_text(json.dumps({"cells": [{"cell_type": "code", "source": "wb.check('a.b.c', 1)"}]}))
    >>> identify(path, {"x/01-one": ["a.b.c"], "x/02-two": ["d.e.f"]})
    'x/01-one'
    """
    try:
        raw = json.loads(path.read_text(encoding="utf-8", errors="replace"))
    except (OSError, ValueError):
        raw = None
    meta = raw.get("metadata") if isinstance(raw, dict) else None
    meta = meta.get("workbench") if isinstance(meta, dict) else None
    named = meta.get("lesson") if isinstance(meta, dict) else None
    if isinstance(named, str) and named in lessons:
        return named
    found = set(notebook_exercises(raw))
    overlap = {lesson: len(found & set(ids)) for lesson, ids in lessons.items()}
    best = max(overlap, key=overlap.get, default=None)
    if best and overlap[best]:
        return best
    stem = path.stem.lower()
    for lesson in lessons:
        name = lesson.split("/")[-1].lower()
        if stem == name or stem.startswith(name) or (len(stem) >= 6 and name.startswith(stem[:12])):
            return lesson
    return next(iter(lessons)) if len(lessons) == 1 else None  # a session of one lesson


def _seed(value, notes: list[dict | str]) -> int | None:
    """A seed from a trainee's own settings file, or ``None`` (with a note) when it is not a whole number."""
    if value is None or value == "":
        return None
    try:
        if isinstance(value, bool):
            raise ValueError
        return int(value)
    except (TypeError, ValueError, OverflowError):
        notes.append(note("seed-not-whole", config=CONFIG_NAME, value=repr(str(value)[:40])))
        return None


def find_submissions(submissions_dir: Path, *, source: str | None = None,
                     copy_to: Path | None = None) -> tuple[list[Submission], dict | None]:
    """Every (trainee, notebook) pair under ``submissions_dir``, with the lesson each one is.

    A trainee hands in a folder (``<trainee>/``), a zip file of it (``<trainee>.zip``) or a
    single notebook.  With ``copy_to``, each is copied (or unpacked) there first, symlinks
    left out with a note, and the submissions are the copies; without it, the originals are
    read in place and zip files left alone.
    With the release's ``session.json``, its lessons, trainees and seeds are used; without
    it, the repository's lessons as :func:`~workbench.lessons.resolve` picks them for
    ``source`` and each folder's own settings (which a trainee can edit).
    """
    source = check_source(source or DEFAULT_SOURCE)
    submissions_dir = Path(submissions_dir)
    if not submissions_dir.is_dir():
        raise InputError(_('no folder {submissions_dir!r}').format(submissions_dir=str(submissions_dir)), where="grade(submissions_dir)",
                         fix=_("give the folder holding one sub-folder per trainee"))
    manifest = read_manifest(submissions_dir)
    if manifest:
        lessons = {lesson["id"]: [e for e in lesson["exercises"] if isinstance(e, str)]
                   for lesson in manifest["lessons"]}
    else:
        lessons = catalog(source)
    roster = {str(t["folder"]): t for t in (manifest or {}).get("trainees", [])}
    company = None
    if manifest and manifest.get("data"):
        company = (submissions_dir / str(manifest["data"])).resolve()
        if not company.is_dir():
            raise InputError(_('the company data folder {data!r} named in session.json is missing').format(data=manifest['data']),
                             where=str(submissions_dir), fix=_("copy the export back there, as the release wrote it"))
    found = []
    for number, entry in enumerate(sorted(submissions_dir.iterdir())):
        if entry.name.startswith((".", "_")):
            continue
        notes: list[dict | str] = []
        name, folder = entry.stem, None
        here = Path(copy_to) / str(number) if copy_to is not None else None
        if entry.is_symlink():
            found.append(Submission(trainee=name, path=entry, shown=entry.name, notes=[
                note("entry-symlink", path=entry.name)]))
            continue
        if entry.is_dir() and entry.suffix != ".ipynb":
            name, folder = entry.name, entry
            if here is not None:
                folder = here / entry.name
                notes += copy_folder(entry, folder)
        elif entry.suffix == ".zip" and here is not None:
            if (submissions_dir / name).is_dir():
                continue  # the same trainee's folder is there too: it is the one graded
            try:
                folder = unpack(entry, here)
            except InputError as err:
                notes.append(str(err))
        elif entry.suffix != ".ipynb":
            continue
        elif here is not None:
            notes += copy_folder(entry, here / entry.name)
            entry = here / entry.name
        known, config = roster.get(name, {}), read_config(folder) if folder else {}
        own = config.get("learner")
        trainee = known.get("learner") or (own if isinstance(own, str) and own.strip() else name)
        seed = known.get("seed") if roster else _seed(config.get("seed"), notes)
        recorded = known.get("data_fingerprint")
        language = trainee_language(known.get("lang"), config.get("lang"))
        paths = [entry] if folder is None else sorted(
            p for p in folder.rglob("*.ipynb") if not any(part.startswith(".") for part in p.relative_to(folder).parts))
        for path in paths:
            shown = entry.name if folder is None else f"{entry.name}/{path.relative_to(folder).as_posix()}"
            lesson = identify(path, lessons)
            found.append(Submission(trainee=str(trainee), path=path, shown=shown, folder=folder, lesson=lesson,
                                    expected=list(lessons.get(lesson, [])), seed=seed, data_dir=company,
                                    data_fingerprint=recorded if isinstance(recorded, str) else "",
                                    notes=list(notes), language=language))
    if not found:
        raise InputError(_('no notebooks in {submissions_dir}').format(submissions_dir=submissions_dir), where="grade(submissions_dir)",
                         fix=_("put each trainee's notebooks in a sub-folder named after the trainee"))
    return found, manifest


def trainee_language(*said) -> str:
    """The first of the languages ``said`` (the roster's, then the trainee folder's settings) that the workbench
    speaks; English when none does (a trainee's folder is not trusted to say more than a language).

    >>> trainee_language(None, "fa"), trainee_language("klingon", 3), trainee_language("bn", "fr")
    ('fa', 'en', 'bn')
    """
    from ..i18n.language import LanguageError, choose

    for value in said:
        if isinstance(value, str) and value.strip():
            try:
                return choose(value)
            except LanguageError:
                continue
    return "en"


def trusted_variant(seed: int, cached: Path, recorded: str, private: Path) -> Path | None:
    """The data variant of ``seed`` to grade on: the cached one when it still matches the fingerprint the release
    ``recorded`` when it generated it, else one generated again from the seed under ``private``.

    ``None`` when nothing was recorded and nothing is cached: each run then generates its own.
    """
    from ..data.sample import generate
    from .copies import fingerprint

    if recorded and (cached / "meta.json").is_file() and fingerprint(cached) == recorded:
        return cached
    if not recorded and not (cached / "meta.json").is_file():
        return None
    fresh = private / "variants" / cached.name  # changed since release, or never recorded: the generator decides
    if not (fresh / "meta.json").is_file():
        generate(fresh, seed=seed, scale=1)
    return fresh


def prepare(subs: list[Submission], cache: Path, private: Path) -> None:
    """Before any trainee code runs: each submission's data (fingerprinted) and what its trainee handed in."""
    from ..data.load import SAMPLE_FOLDER
    from ..settings import variant_folder
    from .copies import fingerprint
    from .handin import snapshot

    home = cache.parent  # variants live in <home>/data/acme-seed-<seed>
    sources: dict = {}
    for sub in subs:
        key = sub.data_dir or (sub.seed if sub.seed is not None else SAMPLE_FOLDER)
        if key not in sources:
            if sub.data_dir is None and sub.seed is not None:
                folder = trusted_variant(sub.seed, variant_folder(home, sub.seed), sub.data_fingerprint, private)
                sources[key] = DataSource(folder, fingerprint(folder) if folder else "", sub.seed)
            else:
                folder = sub.data_dir or SAMPLE_FOLDER
                sources[key] = DataSource(folder, fingerprint(folder))
        sub.data = sources[key]
    handed: dict = {}
    for sub in subs:
        if sub.folder is None:
            continue
        if sub.folder not in handed:
            try:
                handed[sub.folder] = snapshot(sub.folder, sub.trainee, private / "handed-in" / str(len(handed)))
            except OSError as err:
                handed[sub.folder] = HandedIn(notes=[note("handin-unreadable", error=err.strerror)])
        sub.handed = handed[sub.folder]
