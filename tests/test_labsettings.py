"""The JupyterLab defaults the workbench installs name settings that JupyterLab really has."""

import json
import sys
from pathlib import Path

import pytest

from workbench.labsettings import QUIET_DEFAULTS, SHORTCUTS_PLUGIN, install

SCHEMAS = Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas"


def schema(plugin: str) -> dict:
    package, name = plugin.rsplit(":", 1)
    path = SCHEMAS / package / f"{name}.json"
    if not SCHEMAS.is_dir():
        pytest.skip(f"JupyterLab's schemas are not installed under {SCHEMAS}")
    assert path.is_file(), f"JupyterLab has no settings plugin {plugin} ({path})"
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("plugin", sorted(QUIET_DEFAULTS))
def test_each_quiet_default_is_a_setting_of_the_installed_jupyterlab_with_an_allowed_value(plugin):
    declared = schema(plugin)["properties"]
    for key, value in QUIET_DEFAULTS[plugin].items():
        assert key in declared, f"{plugin} has no setting {key!r}"
        allowed = [choice["const"] for choice in declared[key].get("oneOf", [])]
        assert value in allowed if allowed else isinstance(value, bool) == (declared[key]["type"] == "boolean")
        assert value != declared[key].get("default"), f"{plugin} {key}: {value!r} is already JupyterLab's default"


def test_news_are_never_fetched_and_shortcuts_are_kept(tmp_path):
    target = tmp_path / "labconfig" / "default_setting_overrides.json"
    target.parent.mkdir()
    target.write_text(json.dumps({"@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"}}))
    overrides = json.loads(install(sys.prefix, target=target).read_text(encoding="utf-8"))
    assert overrides["@jupyterlab/apputils-extension:notification"] == {"fetchNews": "false", "checkForUpdates": False}
    assert overrides["@jupyterlab/filebrowser-extension:browser"]["showLastModifiedColumn"] is False
    assert overrides["@jupyterlab/apputils-extension:themes"] == {"theme": "JupyterLab Dark"}  # kept
    assert SHORTCUTS_PLUGIN in overrides


def test_the_shipped_overrides_are_those_of_the_installed_jupyterlab():
    from workbench.labsettings import overrides, schemas_folder

    shipped = Path(__file__).resolve().parents[1] / "jupyter-config" / "overrides.d" / "workbench.json"
    if not schemas_folder().is_dir():
        pytest.skip(f"JupyterLab's schemas are not installed under {schemas_folder()}")
    assert json.loads(shipped.read_text(encoding="utf-8")) == overrides(schemas_folder()), (
        f"{shipped} is out of date with the installed JupyterLab: "
        f"run python -m workbench.labsettings --write {shipped.relative_to(shipped.parents[2])}")



def test_the_lab_language_is_the_language_pack_installed_for_the_workbench_language(tmp_path):
    """make lab WORKBENCH_LANG=ar writes the lab's locale into a config folder of that run; without a
    pack (Persian) the lab stays English, and the translation plugin accepts the locale written."""
    from workbench.labsettings import LAB_LOCALES, TRANSLATION_PLUGIN, installed_lab_locales, main

    target = tmp_path / "labconfig" / "default_setting_overrides.json"
    assert main(["--lang", "ar", "--target", str(target)]) == 0
    overrides = json.loads(target.read_text(encoding="utf-8"))
    if LAB_LOCALES["ar"] in installed_lab_locales():  # the [lab] extra is installed
        assert overrides[TRANSLATION_PLUGIN] == {"locale": "ar_SA"}
    else:
        assert TRANSLATION_PLUGIN not in overrides
    assert schema(TRANSLATION_PLUGIN)["properties"]["locale"]["type"] == "string"
    assert SHORTCUTS_PLUGIN in overrides  # the run's file holds the project's other defaults too
    persian = tmp_path / "fa.json"
    main(["--lang", "fa", "--target", str(persian)])
    assert TRANSLATION_PLUGIN not in json.loads(persian.read_text(encoding="utf-8"))
