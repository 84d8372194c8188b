"""Per-trainee data variants: each trainee's checks grade against their own data."""

import json

from workbench.data import SAMPLE_FOLDER, start
from workbench.exercises import check
from workbench.settings import CONFIG_NAME, variant_folder


def test_seed_setting_generates_and_uses_a_variant(monkeypatch, workbench_home):
    monkeypatch.setenv("WORKBENCH_SEED", "7")
    data = start(None)
    assert data.folder == variant_folder(workbench_home, 7).resolve()
    assert data.meta["seed"] == 7
    sample = start(SAMPLE_FOLDER)
    assert not data.contacts["last_name"].equals(sample.contacts["last_name"])


def test_checks_grade_against_the_trainees_variant(tmp_path, monkeypatch, workbench_home):
    trainee = tmp_path / "amina"
    trainee.mkdir()
    (trainee / CONFIG_NAME).write_text(json.dumps({"learner": "amina", "seed": 11}))
    monkeypatch.delenv("WORKBENCH_LEARNER")
    monkeypatch.chdir(trainee)
    mine = start(None)
    assert mine.meta["seed"] == 11
    sample_count = len(start(SAMPLE_FOLDER).contacts)
    start(None)
    own = check("crm.intro.busiest-account", None)  # blank
    assert not own.passed
    from workbench.exercises import get
    from workbench.exercises.check import Context

    ctx = Context()
    assert ctx.settings.learner == "amina"
    reference = get("crm.intro.count-contacts").reference(ctx)
    assert reference == len(mine.contacts)
    assert check("crm.intro.count-contacts", reference).passed
    if reference != sample_count:
        assert not check("crm.intro.count-contacts", sample_count).passed
    assert (workbench_home / "progress" / "amina.jsonl").exists()
