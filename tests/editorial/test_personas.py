import json

import pytest

from workbench.editorial.personas import Persona, load_personas, persona_from_dict, personas_frame, save_personas
from workbench.errors import DataError, InputError


def test_round_trip_keeps_every_field(tmp_path):
    p = Persona("P1", "Olivia", role="COO", responsibilities=["logistics"], objectives=["on time"],
                challenges=["errors"], projects=["WMS"], decision_process="board", what_matters=["trust", "évité"])
    path = save_personas([p], tmp_path / "personas.json")
    assert load_personas(path) == [p]
    assert "évité" in path.read_text(encoding="utf-8")  # UTF-8 kept readable


def test_missing_and_keywords():
    p = Persona("P1", "Olivia", role="COO")
    assert "objectives" in p.missing() and "role" not in p.missing()
    assert p.keywords() == "COO"


def test_bad_files_are_explained(tmp_path):
    with pytest.raises(DataError, match="not found"):
        load_personas(tmp_path / "nope.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(DataError, match="not valid JSON"):
        load_personas(bad)
    bad.write_text(json.dumps([{"id": "P1", "name": "A"}, {"id": "P1", "name": "B"}]), encoding="utf-8")
    with pytest.raises(InputError, match="used twice"):
        load_personas(bad)
    bad.write_text(json.dumps([{"id": "P1", "name": "A", "age": 3}]), encoding="utf-8")
    with pytest.raises(InputError, match="unknown field"):
        load_personas(bad)
    bad.write_text(json.dumps([{"id": "", "name": "A"}]), encoding="utf-8")
    with pytest.raises(InputError, match="'id' is empty"):
        load_personas(bad)


def test_lists_from_text_and_frame():
    p = persona_from_dict({"id": "P1", "name": "A", "challenges": "cash; hiring ;"})
    assert p.challenges == ["cash", "hiring"]
    df = personas_frame([p])
    assert df.loc[0, "challenges"] == "cash; hiring"
    with pytest.raises(InputError, match="list of phrases"):
        persona_from_dict({"id": "P1", "name": "A", "challenges": 3})
