"""Personas: the typical readers an editorial line writes for.

A persona describes a target that does not exist as such (an "average"
buyer): role, responsibilities, objectives, challenges, the projects they run,
how they decide and what matters to them.  Marketing and sales write them
together so every author shares the same picture of the reader.

Personas are stored in a plain JSON file (a list of objects, the layout of
``datasets/acme/social/personas.json``) and read back unchanged:

>>> import tempfile, pathlib
>>> p = Persona("P1", "Operations Olivia", role="Head of operations",
...             objectives=["cut order errors"], what_matters=["reliability"])
>>> path = pathlib.Path(tempfile.mkdtemp()) / "personas.json"
>>> _ = save_personas([p], path)
>>> load_personas(path)[0] == p
True
>>> personas_frame([p])[["id", "name", "role"]].to_dict("records")
[{'id': 'P1', 'name': 'Operations Olivia', 'role': 'Head of operations'}]
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import pandas as pd

from ..errors import DataError, InputError
from ..i18n.messages import _
from ._jsonfile import read_json, write_json

LIST_FIELDS = ("responsibilities", "objectives", "challenges", "projects", "what_matters")
TEXT_FIELDS = ("id", "name", "role", "decision_process")


@dataclass
class Persona:
    """One target profile.  List fields hold short phrases, one idea each."""

    id: str
    name: str
    role: str = ""
    responsibilities: list[str] = field(default_factory=list)
    objectives: list[str] = field(default_factory=list)
    challenges: list[str] = field(default_factory=list)
    projects: list[str] = field(default_factory=list)
    decision_process: str = ""
    what_matters: list[str] = field(default_factory=list)

    def keywords(self) -> str:
        """Every phrase of the profile in one string (used to match themes to personas).

        >>> Persona("P1", "Olivia", role="COO", challenges=["late deliveries"]).keywords()
        'COO late deliveries'
        """
        parts = [self.role, *self.responsibilities, *self.objectives, *self.challenges,
                 *self.projects, self.decision_process, *self.what_matters]
        return " ".join(p for p in parts if p)

    def missing(self) -> list[str]:
        """The fields still empty: a persona is only useful when each is filled in.

        >>> Persona("P1", "Olivia", role="COO").missing()[:2]
        ['responsibilities', 'objectives']
        """
        return [f.name for f in fields(self) if not getattr(self, f.name)]


def persona_from_dict(record: dict, *, where: str = "persona") -> Persona:
    """Build a :class:`Persona` from a plain dict, checking names and types.

    >>> persona_from_dict({"id": "P2", "name": "Finance Farid", "objectives": "close the books faster"}).objectives
    ['close the books faster']
    """
    if not isinstance(record, dict):
        raise InputError(_('expected an object with id and name, got {name__}').format(name__=type(record).__name__), where=where,
                         fix=_("write each persona as {\"id\": ..., \"name\": ..., ...}"))
    known = {f.name for f in fields(Persona)}
    unknown = sorted(set(record) - known)
    if unknown:
        raise InputError(_('unknown field(s) {unknown}').format(unknown=', '.join(unknown)), where=where,
                         fix=_('use only these fields: {sorted}').format(sorted=', '.join(sorted(known))))
    for key in ("id", "name"):
        if not str(record.get(key) or "").strip():
            raise InputError(_("field '{key}' is empty").format(key=key), where=where, fix=_('give every persona a {key}').format(key=key))
    values = {}
    for key, value in record.items():
        if key in LIST_FIELDS:
            if value is None:
                value = []
            elif isinstance(value, str):
                value = [v.strip() for v in value.split(";") if v.strip()]
            elif not isinstance(value, (list, tuple)):
                raise InputError(_("field '{key}' should be a list of phrases").format(key=key), where=where,
                                 fix=_('write {key} as a list, e.g. ["first", "second"]').format(key=key))
            values[key] = [str(v).strip() for v in value if str(v).strip()]
        else:
            values[key] = "" if value is None else str(value).strip()
    return Persona(**values)


def load_personas(path: str | Path) -> list[Persona]:
    """Read personas from a JSON file (a list of objects); clear errors for bad files.

    Duplicate ids are refused: themes and plan items refer to personas by id.
    """
    path = Path(path)
    records = read_json(path, missing=_("personas file not found"),
                        find=_("give the path of personas.json (for the sample: data.social / 'personas.json')"),
                        fix=_("save the personas as a JSON list"))
    if not isinstance(records, list):
        raise DataError(_("expected a list of personas"), file=path, fix=_("wrap the personas in [ ... ]"))
    personas = [persona_from_dict(r, where=f"{path.name}, persona {i + 1}") for i, r in enumerate(records)]
    _check_unique(personas, where=path.name)
    return personas


def save_personas(personas, path: str | Path) -> Path:
    """Write personas to ``path`` as indented UTF-8 JSON and return the path."""
    personas = [p if isinstance(p, Persona) else persona_from_dict(p) for p in personas]
    _check_unique(personas, where="save_personas(personas)")
    return write_json([asdict(p) for p in personas], path)


def personas_frame(personas) -> pd.DataFrame:
    """One row per persona; list fields joined with '; ' so the table reads well.

    >>> personas_frame([Persona("P1", "Olivia", objectives=["a", "b"])])["objectives"].iloc[0]
    'a; b'
    """
    rows = []
    for p in personas:
        d = asdict(p)
        for key in LIST_FIELDS:
            d[key] = "; ".join(d[key])
        rows.append(d)
    return pd.DataFrame(rows, columns=[f.name for f in fields(Persona)])


def _check_unique(personas, *, where: str) -> None:
    seen = set()
    for p in personas:
        if p.id in seen:
            raise InputError(_('persona id {id!r} is used twice').format(id=p.id), where=where,
                             fix=_("give each persona its own id"))
        seen.add(p.id)
