"""The class roster: one trainee a line, with the login they use on the hub.

A CSV file with a header row; ``login`` is required, ``name``, ``email``, ``seed`` (their
data variant) and ``lang`` (the language of their lab, ``fr``, ``ar``...) are optional::

    login,name,email,seed
    amina,Amina Diallo,amina@acme.example,
    reza,Reza Karimi,,2001

A trainee without a seed gets the one ``workbench session release`` would give the same
row (1001 for the first, 1002 for the second...), moved on past seeds other rows took.
Every problem is reported with its file, row (the header is row 1) and column.

>>> import tempfile
>>> path = Path(tempfile.mkdtemp()) / "roster.csv"
>>> _ = path.write_text("login,name,seed\\namina,Amina Diallo,\\nreza,,1001\\n")
>>> [(t.login, t.name, t.seed) for t in read_class_roster(path)]
[('amina', 'Amina Diallo', 1002), ('reza', 'reza', 1001)]
>>> _ = path.write_text("login\\nAmina D\\n")
>>> read_class_roster(path)
Traceback (most recent call last):
...
workbench.errors.DataError: roster.csv, row 2, column 'login': ...
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError
from ..sessions.release import FIRST_SEED

LOGIN = re.compile(r"[a-z][a-z0-9_-]{0,30}")
LANG = re.compile(r"[a-z]{2,3}([-_][A-Za-z]{2,4})?")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
COLUMNS = ("login", "name", "email", "seed", "lang")


@dataclass(frozen=True)
class Trainee:
    """One trainee of the class: their hub login (also their Unix account), name, email, data seed, language."""

    login: str
    name: str
    email: str = ""
    seed: int = FIRST_SEED
    lang: str = ""

    def as_dict(self) -> dict:
        return {"login": self.login, "name": self.name, "email": self.email, "seed": self.seed, "lang": self.lang}


def read_class_roster(path) -> list[Trainee]:
    """The trainees of the roster CSV at ``path``, or a :class:`DataError` naming file, row and column."""
    path = Path(path)
    if not path.is_file():
        raise DataError("the roster file does not exist", file=str(path),
                        fix="give a CSV file with a 'login' column, one trainee a line")
    with path.open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise DataError("the roster is empty", file=path.name, row=1,
                        fix="write a header row (login,name,email,seed) and one trainee a line")
    header = [cell.strip().lower() for cell in rows[0]]
    unknown = [c for c in header if c not in COLUMNS]
    if unknown:
        raise DataError(f"unknown column {unknown[0]!r} (the columns are {', '.join(COLUMNS)})", file=path.name,
                        row=1, column=unknown[0], fix="rename or delete that column")
    if "login" not in header:
        raise DataError("the roster has no 'login' column", file=path.name, row=1,
                        fix="add a 'login' column: the name each trainee types to log in")
    records = []
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header):
            raise DataError(f"{len(cells)} cells but {len(header)} columns", file=path.name, row=number,
                            fix="remove the extra commas, or quote a cell that holds a comma")
        records.append((number, {c: v.strip() for c, v in zip(header, cells)}))
    if not records:
        raise DataError("the roster has no trainee", file=path.name, row=2, fix="add one trainee a line")
    return _trainees(records, path.name)


def _trainees(records: list[tuple[int, dict]], file: str) -> list[Trainee]:
    def bad(what, number, column, fix):
        return DataError(what, file=file, row=number, column=column, fix=fix)

    logins, seeds = {}, {}
    for number, row in records:
        login = row.get("login", "")
        if not LOGIN.fullmatch(login):
            raise bad(f"{login!r} is not a login the hub can use" if login else "the login is empty", number,
                      "login", "use lower-case letters, digits, '-' or '_', starting with a letter, at most 31 "
                               "characters (amina, r-karimi)")
        if login in logins:
            raise bad(f"the login {login!r} is already on row {logins[login]}", number, "login",
                      "give each trainee a different login")
        logins[login] = number
        seed = row.get("seed", "")
        if seed:
            if not seed.isdigit():
                raise bad(f"the seed {seed!r} is not a whole number", number, "seed",
                          "write a whole number, or leave the cell empty")
            if int(seed) in seeds:
                raise bad(f"the seed {seed} is already on row {seeds[int(seed)]}", number, "seed",
                          "give each trainee a different seed, or leave the cell empty")
            seeds[int(seed)] = number
        email = row.get("email", "")
        if email and not EMAIL.fullmatch(email):
            raise bad(f"{email!r} is not an email address", number, "email", "write name@company.example or "
                                                                             "leave the cell empty")
        lang = row.get("lang", "")
        if lang and not LANG.fullmatch(lang):
            raise bad(f"{lang!r} is not a language code", number, "lang", "write a code such as fr, ar or fr-FR")
    trainees = []
    for index, (number, row) in enumerate(records):
        seed = int(row["seed"]) if row.get("seed") else FIRST_SEED + index
        while not row.get("seed") and seed in seeds:
            seed += 1
        seeds.setdefault(seed, number)
        trainees.append(Trainee(row["login"], row.get("name") or row["login"], row.get("email", ""), seed,
                                row.get("lang", "")))
    return trainees


def course_language(lang: str) -> str:
    """The language of the workbench's lessons and messages for a roster ``lang``: its own language when the
    workbench has it, English otherwise.

    >>> course_language("fr-FR"), course_language("ar"), course_language("de"), course_language("")
    ('fr', 'ar', 'en', 'en')
    """
    from ..i18n.language import LanguageError, choose

    try:
        return choose(lang)
    except LanguageError:
        return "en"
