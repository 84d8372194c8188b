"""Release trainee copies: one folder per trainee, solutions stripped, each with their own data.

``release(lessons, out, trainees="roster.csv")`` writes::

    out/session.json            the manifest the grader reads (lessons, exercises, trainees, seeds)
    out/roster.csv              folder, learner, seed and language of every trainee
    out/<trainee>/.workbench.json   {"learner", "seed", "home"}: the trainee's own data variant
    out/<trainee>/<lesson>.ipynb    the notebook, solutions replaced by a stub, no outputs

Which notebook a lesson id stands for is :func:`~workbench.lessons.resolve`'s
choice, the same for the plan and the grader: the practice set by default
(``source="practice-sets"``), the lesson itself with ``source="lessons"``; the
manifest records it.  Each trainee gets a different generator seed, so
neighbours' answers differ and checks grade each trainee against their own
variant.  The seed is written into the notebook as papermill's
``injected-parameters`` cell (``data_seed = 1001``); the grader injects it
again, so editing it changes nothing.  With
``data=FOLDER`` every trainee works on the company's own export instead: it
is validated first and the release stops, naming file, row and column, at
the first problem.

A roster column ``lang`` (``en``, ``fr``, ``ar``, ``fa`` or ``bn``; empty is English) gives
each trainee the lessons in their language, built from its catalogues
(:func:`workbench.i18n.lesson_build.in_language`): the same cells, exercise ids and code, so
grading is unchanged; the practice sets likewise, from their own catalogues.
The language is recorded in the trainee's ``.workbench.json`` and in the manifest.

>>> import tempfile
>>> out = Path(tempfile.mkdtemp())
>>> roster = release(["crm/01-what-a-crm-is"], out, trainees=["Amina Diallo", "Reza Karimi"],
...                  build_data=False, progress=False)
>>> roster[["folder", "seed"]].values.tolist()
[['Amina-Diallo', 1001], ['Reza-Karimi', 1002]]
>>> sorted(p.name for p in (out / "Amina-Diallo").iterdir())
['.workbench.json', '01-what-a-crm-is.ipynb']
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd

from ..errors import DataError, InputError
from ..i18n.messages import _
from ..lessons import DEFAULT_SOURCE, ROOT, lesson_id, notebook_exercises, resolve, with_parameters
from ..settings import CONFIG_NAME, safe_name
from .manifest import MANIFEST, read_manifest

FIRST_SEED = 1001
NAME_COLUMNS = ("learner", "name", "trainee", "full_name")


def read_roster(trainees) -> pd.DataFrame:
    """The roster as a DataFrame with ``learner``, ``folder``, ``seed`` and ``lang`` columns.

    ``trainees`` is a CSV path (a ``name`` or ``learner`` column, optional ``seed`` and ``lang``),
    a list of names, a number of anonymous trainees, or a DataFrame.

    >>> read_roster(2)[["learner", "folder", "seed", "lang"]].values.tolist()
    [['trainee-01', 'trainee-01', 1001, 'en'], ['trainee-02', 'trainee-02', 1002, 'en']]
    >>> read_roster(pd.DataFrame({"name": ["Reza"], "lang": ["fa"]}))["lang"].tolist()
    ['fa']
    """
    if isinstance(trainees, int):
        df = pd.DataFrame({"learner": [f"trainee-{i:02d}" for i in range(1, trainees + 1)]})
    elif isinstance(trainees, pd.DataFrame):
        df = trainees.copy()
    elif isinstance(trainees, (list, tuple)):
        df = pd.DataFrame({"learner": [str(t) for t in trainees]})
    else:
        path = Path(trainees)
        if not path.is_file():
            raise InputError(_('no roster file {path!r}').format(path=str(path)), where="release(trainees)",
                             fix=_("give a CSV file with a 'name' column, one trainee per row"))
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
    column = next((c for c in NAME_COLUMNS if c in df.columns), None)
    if column is None:
        raise InputError(_('the roster has no name column (columns are: {map})').format(map=', '.join(map(str, df.columns))),
                         where="release(trainees)", fix=_("add a 'name' column with one trainee per row"))
    df = df.rename(columns={column: "learner"})
    df["learner"] = df["learner"].astype(str).str.strip()
    blank = df.index[df["learner"] == ""]
    if len(blank):
        raise InputError(_("a trainee has no name"), where=_("roster row {n}").format(n=blank[0] + 2),
                         fix=_("fill in the name or delete the row"))
    df["folder"] = df["learner"].map(safe_name)
    hidden = df.index[df["folder"].str.startswith((".", "_"))]
    if len(hidden):
        raise InputError(_("the trainee name {iloc!r} starts with '.' or '_': its folder would be hidden, and the grader skips such "
                            'folders').format(iloc=df['learner'].iloc[hidden[0]]), where=_("roster row {n}").format(n=hidden[0] + 2),
                         fix=_("start the name with a letter or a digit"))
    dup = df["folder"][df["folder"].duplicated()]
    if len(dup):
        raise InputError(_('two trainees share the folder name {iloc!r}').format(iloc=dup.iloc[0]), where=_("roster"),
                         fix=_("make the names distinct, e.g. add an initial"))
    if "seed" in df.columns and (df["seed"].astype(str).str.strip() != "").all():
        seeds = pd.to_numeric(df["seed"], errors="coerce")
        if seeds.isna().any() or seeds.duplicated().any():
            raise InputError(_("the seed column must hold a different whole number per trainee"),
                             where=_("roster, column {column!r}").format(column="seed"), fix=_("fix the seeds or delete the column"))
        df["seed"] = seeds.astype(int)
    else:
        df["seed"] = range(FIRST_SEED, FIRST_SEED + len(df))
    df["lang"] = _languages(df)
    return df[["learner", "folder", "seed", "lang"]].reset_index(drop=True)


def _languages(df: pd.DataFrame) -> pd.Series:
    """Each trainee's language from the roster's ``lang`` column (English where it is empty or absent)."""
    from ..i18n import LANGUAGES

    if "lang" not in df.columns:
        return pd.Series("en", index=df.index)
    langs = df["lang"].fillna("").astype(str).str.strip().str.lower().replace("", "en")
    unknown = df.index[~langs.isin(LANGUAGES)]
    if len(unknown):
        raise InputError(_("unknown language {lang!r}").format(lang=df["lang"].iloc[unknown[0]]),
                         where=_("roster row {n}, column {column!r}").format(n=unknown[0] + 2, column="lang"),
                         fix=_("write one of {languages}, or leave it empty for English").format(
                             languages=", ".join(LANGUAGES)))
    return langs


def check_export(folder) -> Path:
    """Validate a company export before release; raise :class:`DataError` on the first problem.

    The error names the file, row and column, and says how many problems were found in all.
    """
    from ..data.load import validate

    folder = Path(folder)
    if not folder.is_dir():
        raise DataError(_("the export folder does not exist"), file=folder,
                        fix=_("give the folder holding the exported CSV files"))
    problems = validate(folder)
    if problems:
        first = problems[0]
        what = _("{problem} ({n} more problems: run `workbench data validate {folder}`)").format(
            problem=first.what, n=len(problems) - 1, folder=folder) if len(problems) > 1 else first.what
        raise DataError(what, file=getattr(first, "file", None), row=getattr(first, "row", None),
                        column=getattr(first, "column", None), fix=first.fix)
    return folder


def stripped(path: Path, lesson: str, *, seed: int | None = None, lang: str = "en"):
    """The trainee copy of the notebook at ``path``: solutions stubbed, lesson id and data seed set, a lesson
    of ``notebooks/`` or a practice set of ``exercises/`` in ``lang`` (another notebook stays as it is)."""
    import nbformat

    from ..exercises.solutions import strip_notebook
    from ..i18n.lesson_catalogues import kind_of

    kind = kind_of(path) if lang != "en" else None
    if kind is not None:
        from ..i18n.lesson_build import in_language

        nb, _ = in_language(path, lesson, lang, kind=kind)
    else:
        nb = nbformat.read(path, as_version=4)
    nb = strip_notebook(nb)
    nb.metadata.setdefault("workbench", {})["lesson"] = lesson
    if seed is not None:
        with_parameters(nb, data_seed=seed)
    return nb


def build_variants(seeds, *, jobs: int | None = None, progress: bool = True) -> list[Path]:
    """Generate the data variant of each seed (in parallel) in this user's workbench home.

    The grader reads them from there, so grading does not pay for building them.
    """
    import os
    from concurrent.futures import ProcessPoolExecutor

    from tqdm.auto import tqdm

    from ..data.active import ensure_variant
    from ..settings import current, variant_folder

    home = current().home
    seeds = sorted({int(s) for s in seeds})
    todo = [s for s in seeds if not (variant_folder(home, s) / "meta.json").exists()]
    if todo:
        with ProcessPoolExecutor(max_workers=jobs or os.cpu_count() or 1) as pool:
            list(tqdm(pool.map(ensure_variant, todo, [home] * len(todo)), total=len(todo),
                      desc="data variants", unit="variant", disable=not progress))
    return [variant_folder(home, s) for s in seeds]


def _released(out: Path, force: bool) -> dict:
    """The manifest of the release already in ``out`` (``{}`` if none); refuse a used folder without ``force``.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> _released(out, force=False)
    {}
    >>> _ = (out / "notes.txt").write_text("mine")
    >>> _released(out, force=False)
    Traceback (most recent call last):
    ...
    workbench.errors.InputError: release(out): ... is not empty ... Fix: ...
    """
    if not out.is_dir() or not any(out.iterdir()):
        return {}
    if not force:
        raise InputError(_('{out!r} is not empty (a release is there already, or other files): releasing into it would overwrite '
                            "trainees' notebooks").format(out=str(out)), where="release(out)",
                         fix=_("give a new folder, or add --force to release into it again (trainees already "
                             "released keep their data variant; their notebooks are replaced)"))
    return read_manifest(out) or {}


def _keep_seeds(roster: pd.DataFrame, released: list[dict]) -> pd.DataFrame:
    """The roster with every trainee already ``released`` on their old seed, and new trainees on unused seeds.

    >>> roster = pd.DataFrame({"learner": ["a", "b"], "folder": ["a", "b"], "seed": [1001, 1002]})
    >>> _keep_seeds(roster, [{"folder": "b", "seed": 1001}])["seed"].tolist()
    [1003, 1001]
    """
    old = {str(t["folder"]): t["seed"] for t in released
           if isinstance(t.get("seed"), int) and not isinstance(t.get("seed"), bool)}
    roster = roster.copy()
    taken = set(old.values())
    seeds = []
    for folder, seed in zip(roster["folder"], roster["seed"]):
        if folder in old:
            seed = old[folder]
        elif seed in taken:
            seed = max(taken | set(roster["seed"])) + 1
        taken.add(seed)
        seeds.append(seed)
    roster["seed"] = seeds
    return roster


def release(lessons, out, trainees=None, data=None, *, source: str = DEFAULT_SOURCE, build_data: bool = True,
            progress: bool = True, force: bool = False) -> pd.DataFrame:
    """Write one folder per trainee under ``out`` (see the module docstring); returns the roster.

    ``lessons``: lesson ids (``crm/01-what-a-crm-is``) or notebook paths.
    ``source``: ``"practice-sets"`` (the default) or ``"lessons"``: which notebook a lesson
    id stands for (see :func:`~workbench.lessons.resolve`).
    ``trainees``: a roster (see :func:`read_roster`); ``None`` writes one shared copy for
    self-paced learners, each of whom is then identified by their login.
    ``data``: the company's own export folder, validated, used instead of the sample.
    ``build_data``: generate each trainee's data variant now, in this user's workbench home,
    so that grading (and a trainee working on this machine) finds it ready.
    ``force``: release into a folder that is not empty (else an :class:`InputError`); a trainee
    already released there keeps their seed, so their data variant never changes.
    """
    import nbformat
    from tqdm.auto import tqdm

    if isinstance(lessons, (str, Path)):
        lessons = [lessons]
    if not lessons:
        raise InputError(_("no lessons given"), where="release(lessons)", fix=_("name at least one lesson"))
    paths = [resolve(spec, source) for spec in lessons]
    out = Path(out)
    before = _released(out, force)
    company = check_export(data) if data else None
    roster = read_roster(trainees) if trainees is not None else None
    if roster is not None and company is None:
        roster = _keep_seeds(roster, before.get("trainees", []))
    if company is not None and roster is not None:
        roster["seed"] = None
    names: dict[str, str] = {}
    catalog = []
    for path in paths:
        lesson = lesson_id(path)
        name = path.name if path.name not in names.values() else f"{lesson.replace('/', '-')}.ipynb"
        names[lesson] = name
        notebook = nbformat.read(path, as_version=4)
        meta = notebook.metadata.get("workbench", {})
        catalog.append({"id": lesson, "file": name, "title": meta.get("title", path.stem),
                        "notebook": _shown(path), "exercises": notebook_exercises(notebook)})
    out.mkdir(parents=True, exist_ok=True)
    if company is not None:
        shutil.copytree(company, out / "company-data", dirs_exist_ok=True)
    people = roster.to_dict("records") if roster is not None else [None]
    for person in tqdm(people, desc="releasing", unit="trainee", disable=not progress):
        folder = out / person["folder"] if person else out
        folder.mkdir(parents=True, exist_ok=True)
        config = {"home": ".workbench"}
        if person:
            config["learner"] = person["learner"]
            if person["lang"] != "en":
                config["lang"] = person["lang"]
        if company is not None:
            config["data_dir"] = "../company-data" if person else "company-data"
        elif person and person["seed"] is not None:
            config["seed"] = int(person["seed"])
        (folder / CONFIG_NAME).write_text(json.dumps(config, indent=1) + "\n", encoding="utf-8")
        for path, lesson in zip(paths, catalog):
            nb = stripped(path, lesson["id"], seed=config.get("seed"), lang=person["lang"] if person else "en")
            nbformat.write(nb, folder / lesson["file"])
    recorded = {}  # each variant's fingerprint as generated: the grader regenerates one that no longer matches
    if roster is not None and build_data and company is None:
        from .copies import fingerprint

        recorded = {int(s): fingerprint(f) for s, f in zip(sorted({int(s) for s in roster["seed"]}),
                                                            build_variants(roster["seed"], progress=progress))}
    manifest = {"from": source, "lessons": catalog, "data": "company-data" if company is not None else None,
                "trainees": [{"learner": p["learner"], "folder": p["folder"], "lang": p["lang"],
                              "seed": None if p["seed"] is None else int(p["seed"]),
                              **({"data_fingerprint": recorded[int(p["seed"])]} if p["seed"] in recorded else {})}
                             for p in (people if roster is not None else [])]}
    again = {t["folder"] for t in manifest["trainees"]}  # trainees released before and not now stay in the class
    manifest["trainees"] += [t for t in before.get("trainees", []) if t["folder"] not in again]
    manifest["lessons"] += [x for x in before.get("lessons", []) if x["id"] not in {y["id"] for y in catalog}]
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if roster is not None:
        roster.to_csv(out / "roster.csv", index=False)
        return roster
    return pd.DataFrame(columns=["learner", "folder", "seed", "lang"])


def _shown(path: Path) -> str:
    """A notebook's path as the manifest records it: from the repository root when it is in it."""
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)
