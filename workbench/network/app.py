"""``workbench network app``: serve the rep's network page with Voila, on this machine only.

Voila runs a notebook and shows only its widgets: the rep sees a page, not
code.  :func:`page_notebook` writes that one-cell notebook (it shows
:class:`~workbench.widgets.network_page.RepPage`) in the rep's workbench
home; :func:`voila_command` is the command that serves it on 127.0.0.1, so
nothing is reachable from another machine unless a class hub proxies it.

>>> import tempfile, pathlib
>>> nb = page_notebook(pathlib.Path(tempfile.mkdtemp()))
>>> nb.name, "rep_page()" in nb.read_text()
('your-network.ipynb', True)
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ..errors import InputError
from ..i18n.messages import _

__all__ = ["page_notebook", "voila_command", "serve"]

SOURCE = "from workbench.widgets.network_page import rep_page\n\nrep_page()"


def page_notebook(folder: Path) -> Path:
    """Write the page's notebook in ``folder`` (replacing an older one) and return its path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    nb = {"cells": [{"cell_type": "code", "execution_count": None, "id": "rep-page", "metadata": {}, "outputs": [],
                     "source": SOURCE}],
          "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                       "title": _("Your network")},
          "nbformat": 4, "nbformat_minor": 5}
    path = folder / "your-network.ipynb"
    path.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    return path


def voila_command(notebook: Path, *, port: int = 8866, open_browser: bool = True) -> list[str]:
    """The Voila command serving ``notebook`` on 127.0.0.1:``port``.

    >>> voila_command(Path("page.ipynb"), port=9000, open_browser=False)[-4:]
    ['--port=9000', '--Voila.ip=127.0.0.1', '--no-browser', 'page.ipynb']
    """
    command = [sys.executable, "-m", "voila", "--strip_sources=True", "--theme=light", f"--port={port}",
               "--Voila.ip=127.0.0.1"]
    if not open_browser:
        command.append("--no-browser")
    return command + [str(notebook)]


def serve(*, port: int = 8866, open_browser: bool = True) -> int:
    """Serve the page until Ctrl-C; returns Voila's exit status."""
    import importlib.util

    from .workspace import Workspace

    if importlib.util.find_spec("voila") is None:
        raise InputError(_("Voila is not installed"), where="workbench network app",
                         fix=_("pip install 'workbench[app]' (make network-app installs it)"))
    workspace = Workspace.default()
    notebook = page_notebook(workspace.folder.parent / "app")
    print(_('your network page: http://127.0.0.1:{port}/ (Ctrl-C to stop); your files stay in {folder}').format(port=port, folder=workspace.folder))
    try:
        return subprocess.call(voila_command(notebook, port=port, open_browser=open_browser), cwd=notebook.parent)
    except KeyboardInterrupt:
        return 0
