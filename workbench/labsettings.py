"""JupyterLab settings the workbench installs: keys pressed in a widget go to the widget, and a quiet first run.

In command mode JupyterLab binds single keys (arrows, ``a``, ``b``, ``d d``,
``x``...) to notebook commands whenever *any* element of the notebook has
focus, so a trainee pressing ArrowDown in a contact list jumps to the next
cell, and typing in a focused drop-down can insert or delete cells
(jupyter-widgets/ipywidgets#3912).  The fix is a settings override: every
command-mode binding is disabled and bound again with a selector that leaves
out elements inside a cell's output, so a list, a drop-down or a button in a
widget keeps its keys while the notebook keeps its shortcuts everywhere else.

:func:`install` writes the override where JupyterLab reads layered defaults
(``<prefix>/etc/jupyter/labconfig/default_setting_overrides.json``); ``make``
runs it in the project's virtualenv, so ``make lab`` and the browser tests
use it.  Users' own shortcut settings still win over it.  Any other install gets the
same settings from the package itself: the wheel installs
``jupyter-config/overrides.d/workbench.json`` (:func:`overrides` of the JupyterLab the
project is developed with, written by ``python -m workbench.labsettings --write FILE``)
into ``<prefix>/share/jupyter/lab/settings/overrides.d/``, which JupyterLab reads whole.

The same file holds :data:`QUIET_DEFAULTS`: no Jupyter news pop-up and no update check greet a
trainee's first run, and the file browser leaves out its *Last Modified* column so that lesson
names (``02-accounts-contacts-and-consent.ipynb``) are not cut off in the side panel.

:func:`language_settings` gives the lab's own language for a workbench language
(``@jupyterlab/translation-extension:plugin``'s ``locale``): the JupyterLab language pack's, when
one is installed (French and Arabic have one on PyPI, Persian and Bengali none yet: their lab
stays English while the lessons and messages are translated). ``make lab WORKBENCH_LANG=fr`` writes
it with :func:`install` ``lang="fr"`` into a config folder of that run only (``--target``).

>>> binding = {"command": "notebook:move-cursor-down", "keys": ["ArrowDown"],
...            "selector": COMMAND_MODE}
>>> disabled, rebound = widget_safe([binding])
>>> disabled["disabled"], rebound["selector"]
(True, '.jp-Notebook.jp-mod-commandMode:not(.jp-mod-readWrite) :focus:not(.jp-OutputArea-output *)')
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

COMMAND_MODE = ".jp-Notebook.jp-mod-commandMode:not(.jp-mod-readWrite) :focus"
OUTSIDE_OUTPUTS = ":not(.jp-OutputArea-output *)"
SHORTCUTS_PLUGIN = "@jupyterlab/shortcuts-extension:shortcuts"
# Setting names as JupyterLab's schemas declare them (share/jupyter/lab/schemas/@jupyterlab/...).
QUIET_DEFAULTS = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/filebrowser-extension:browser": {"showLastModifiedColumn": False},
}
TRANSLATION_PLUGIN = "@jupyterlab/translation-extension:plugin"
#: The JupyterLab language pack of each workbench language that has one (package ``jupyterlab-language-pack-fr-FR``).
LAB_LOCALES = {"fr": "fr_FR", "ar": "ar_SA"}


def widget_safe(bindings: list[dict]) -> list[dict]:
    """For each command-mode binding, the binding disabled and the same one outside outputs.

    Bindings with another selector are left alone (they are not returned).

    >>> widget_safe([{"command": "x", "keys": ["Accel S"], "selector": "body"}])
    []
    """
    safe = []
    for binding in bindings:
        if binding.get("selector") != COMMAND_MODE or binding.get("disabled"):
            continue
        safe.append({**binding, "disabled": True})
        safe.append({**binding, "selector": COMMAND_MODE + OUTSIDE_OUTPUTS})
    return safe


def command_mode_bindings(schemas: Path) -> list[dict]:
    """Every command-mode keyboard binding declared in JupyterLab's settings schemas, sorted.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "tracker.json").write_text(json.dumps({"jupyter.lab.shortcuts": [
    ...     {"command": "notebook:cut-cell", "keys": ["X"], "selector": COMMAND_MODE},
    ...     {"command": "docmanager:save", "keys": ["Accel S"], "selector": "body"}]}))
    >>> [b["command"] for b in command_mode_bindings(folder)]
    ['notebook:cut-cell']
    """
    found = []
    for schema in sorted(Path(schemas).rglob("*.json")):
        try:
            declared = json.loads(schema.read_text(encoding="utf-8")).get("jupyter.lab.shortcuts", [])
        except (OSError, ValueError, AttributeError):
            continue
        found.extend(b for b in declared if isinstance(b, dict) and b.get("selector") == COMMAND_MODE)
    return sorted(found, key=lambda b: (b["command"], b["keys"]))


def overrides(schemas: Path) -> dict:
    """The settings overrides for the JupyterLab whose settings schemas are in ``schemas``.

    >>> sorted(overrides(Path("/nowhere")))[:2]
    ['@jupyterlab/apputils-extension:notification', '@jupyterlab/filebrowser-extension:browser']
    """
    return {SHORTCUTS_PLUGIN: {"shortcuts": widget_safe(command_mode_bindings(schemas))},
            **{plugin: dict(values) for plugin, values in QUIET_DEFAULTS.items()}}


def installed_lab_locales() -> set[str]:
    """The locales of the JupyterLab language packs installed here (``fr_FR``...)."""
    from importlib.metadata import entry_points

    return {entry.name for entry in entry_points(group="jupyterlab.languagepack")}


def language_settings(lang: str, installed: set[str] | None = None) -> dict:
    """The lab settings that show JupyterLab itself in ``lang``: its language pack's locale, when installed.

    >>> language_settings("fr", installed={"fr_FR"})
    {'@jupyterlab/translation-extension:plugin': {'locale': 'fr_FR'}}
    >>> language_settings("bn", installed={"fr_FR"}), language_settings("fr", installed=set())
    ({}, {})
    >>> language_settings("en", installed=set())
    {'@jupyterlab/translation-extension:plugin': {'locale': 'en'}}
    """
    installed = installed_lab_locales() if installed is None else installed
    if lang == "en":
        return {TRANSLATION_PLUGIN: {"locale": "en"}}
    locale = LAB_LOCALES.get(lang)
    return {TRANSLATION_PLUGIN: {"locale": locale}} if locale in installed else {}


def install(prefix: str | Path = sys.prefix, target: str | Path | None = None, lang: str | None = None) -> Path:
    """Write the widget-safe shortcuts and :data:`QUIET_DEFAULTS` into ``prefix``'s layered lab defaults
    (or into ``target``, a ``default_setting_overrides.json`` of another Jupyter config folder); returns the file.

    Other overrides already in that file are kept. With ``lang``, the lab's own language is set too
    (:func:`language_settings`).

    >>> import tempfile
    >>> prefix = Path(tempfile.mkdtemp())
    >>> tracker = prefix / "share/jupyter/lab/schemas/@jupyterlab/notebook-extension/tracker.json"
    >>> tracker.parent.mkdir(parents=True)
    >>> _ = tracker.write_text(json.dumps({"jupyter.lab.shortcuts": [
    ...     {"command": "notebook:move-cursor-down", "keys": ["ArrowDown"], "selector": COMMAND_MODE}]}))
    >>> written = install(prefix)
    >>> written.relative_to(prefix).as_posix()
    'etc/jupyter/labconfig/default_setting_overrides.json'
    >>> overrides = json.loads(written.read_text())
    >>> len(overrides[SHORTCUTS_PLUGIN]["shortcuts"]), overrides["@jupyterlab/apputils-extension:notification"]
    (2, {'fetchNews': 'false', 'checkForUpdates': False})
    """
    prefix = Path(prefix)
    target = Path(target or prefix / "etc" / "jupyter" / "labconfig" / "default_setting_overrides.json")
    try:
        found = json.loads(target.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        found = {}
    for plugin, values in {**overrides(schemas_folder(prefix)), **(language_settings(lang) if lang else {})}.items():
        found.setdefault(plugin, {}).update(values)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(found, indent=2) + "\n", encoding="utf-8")
    return target


def schemas_folder(prefix: str | Path = sys.prefix) -> Path:
    """Where the JupyterLab installed under ``prefix`` keeps its settings schemas.

    >>> schemas_folder("/opt/venv").as_posix()
    '/opt/venv/share/jupyter/lab/schemas'
    """
    return Path(prefix) / "share" / "jupyter" / "lab" / "schemas"


def main(argv: list[str] | None = None) -> int:
    """``python -m workbench.labsettings [--lang fr] [--target FILE]`` writes the lab's default settings into this
    Python's prefix (the Makefile runs it) or into FILE; ``--write FILE`` writes the overrides alone to FILE (the
    file the wheel ships)."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m workbench.labsettings", description=__doc__.split("\n")[0])
    parser.add_argument("--lang", help="the workbench language: the lab shows its language pack's, when installed")
    parser.add_argument("--target", help="a default_setting_overrides.json to write instead of the virtualenv's")
    parser.add_argument("--write", metavar="FILE", type=Path, help="write the overrides to FILE instead of installing")
    args = parser.parse_args(argv)
    if args.write is not None:
        args.write.parent.mkdir(parents=True, exist_ok=True)
        args.write.write_text(json.dumps(overrides(schemas_folder()), indent=2) + "\n", encoding="utf-8")
        print(f"widget-safe notebook shortcuts and quiet first-run settings written to {args.write}")
        return 0
    written = install(target=args.target, lang=args.lang)
    lab = json.loads(written.read_text(encoding="utf-8")).get(TRANSLATION_PLUGIN, {}).get("locale")
    print(f"widget-safe notebook shortcuts and quiet first-run settings written to {written}"
          + (f"; JupyterLab's own language: {lab}" if args.lang else "")
          + (f" (no JupyterLab language pack for {args.lang} is installed)" if args.lang and not lab else ""))
    return 0


if __name__ == "__main__":  # pragma: no cover - run by the Makefile
    raise SystemExit(main())
