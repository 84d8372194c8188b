"""The hub's configuration, applied to a real JupyterHub config object."""

import pytest

from workbench.classroom.folder import ClassFolder
from workbench.classroom.roster import Trainee

traitlets = pytest.importorskip("traitlets.config")
pytest.importorskip("jupyterhub")


def test_configure_fills_what_the_class_needs(tmp_path, monkeypatch):
    from workbench.classroom import hubconfig

    monkeypatch.setattr(hubconfig, "proxy_command", lambda: "/opt/chp")
    folder = ClassFolder(tmp_path / "class")
    folder.write([Trainee("amina", "Amina", seed=1001, lang="fr"), Trainee("reza", "Reza", seed=1002)],
                 admin="trainer", port=8123, ip="127.0.0.1", idle_timeout=600)
    c = traitlets.Config()
    hubconfig.configure(c, folder.config)
    assert c.Authenticator.allowed_users == {"amina", "reza"} and c.Authenticator.admin_users == {"trainer"}
    assert c.JupyterHub.authenticator_class == "workbench.classroom.authenticator.ClassAuthenticator"
    assert c.JupyterHub.db_url == f"sqlite:///{folder.database}"
    assert str(folder.path) in c.FirstUseAuthenticator.dbm_path
    culler = next(s for s in c.JupyterHub.services if s["name"] == "idle-culler")
    assert "--timeout=600" in culler["command"]
    assert {r["name"] for r in c.JupyterHub.load_roles} == {"idle-culler", "workbench-classroom"}

    class Spawner:
        environment = {}

        class user:
            name = "amina"

    c.Spawner.pre_spawn_hook(Spawner)
    assert Spawner.environment == {"WORKBENCH_LEARNER": "amina", "WORKBENCH_SEED": "1001", "WORKBENCH_LANG": "fr"}
    assert Spawner.notebook_dir == "~/.workbench/lessons-fr"  # her lab opens on the lessons in French
    Spawner.user.name = "trainer"
    with pytest.raises(ValueError, match="not a trainee"):
        c.Spawner.pre_spawn_hook(Spawner)
