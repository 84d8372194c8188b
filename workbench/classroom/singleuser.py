"""A trainee's lab server: JupyterHub's single-user server, without what a class does not use.

Each trainee's lab, forked from the labs' fork server (:mod:`~workbench.classroom.forkserver`),
runs :func:`main` with :data:`LAB_OPTIONS` first among its arguments (``python -m
workbench.classroom.singleuser`` runs the same server on its own, to try one lab).  Measured on
this project's virtualenv, a plain single-user JupyterLab spends about 4 s of CPU before it
answers; most of it serves no trainee:

- **rfc3987-syntax** (about 1.8 s): jsonschema imports it, when installed, to check the
  ``iri`` string format, and it builds an Earley parser at import time.  Jupyter Server
  imports jsonschema's format checkers for its event schemas, none of which uses ``iri``;
  :func:`main` makes that import fail, so jsonschema simply leaves ``iri`` unchecked.
- **Server extensions** a trainee never reaches (about 0.4 s, and each one's handlers):
  the language-server bridge (no language server is installed), terminals (trainees answer
  with widgets; a shell is not part of a lesson), Voilà (the reps' page is served by
  ``workbench network app``, not by the lab) and the classic-notebook shim.
- **Node.js**: JupyterLab runs ``node yarn config`` when it is imported, and again for its
  extension manager, to learn the npm registry for builds; the fork server's bubblewrap
  hides Node from the labs (a trainee builds nothing), which saves a Node start or two.
- **News and update checks** and the PyPI extension manager: requests to the Internet from
  every lab, and a question about news the trainee should not have to answer.

>>> "--ServerApp.terminals_enabled=False" in LAB_OPTIONS
True
>>> BLOCKED_IMPORTS
('rfc3987_syntax',)
"""

from __future__ import annotations

import sys

UNUSED_EXTENSIONS = ("jupyter_lsp", "jupyter_server_terminals", "voila.server_extension", "notebook_shim")
BLOCKED_IMPORTS = ("rfc3987_syntax",)  # optional imports whose cost no trainee's lab needs (see above)
LAB_OPTIONS = [
    *(f"--ServerApp.jpserver_extensions={name}=False" for name in UNUSED_EXTENSIONS),
    "--ServerApp.terminals_enabled=False",
    "--LabApp.news_url=None",
    "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate",
    "--LabApp.extension_manager=readonly",
]


def block_unused_imports(modules: dict | None = None) -> None:
    """Make ``import`` of each of :data:`BLOCKED_IMPORTS` raise ImportError (``modules``: ``sys.modules``).

    >>> modules = {}
    >>> block_unused_imports(modules)
    >>> modules
    {'rfc3987_syntax': None}
    """
    modules = sys.modules if modules is None else modules
    for name in BLOCKED_IMPORTS:
        modules.setdefault(name, None)  # None in sys.modules: the import system raises ImportError


def main() -> int:
    """Run JupyterHub's single-user server (its arguments from the command line), the blocked imports blocked."""
    block_unused_imports()
    from jupyterhub.singleuser import main as singleuser

    sys.argv[0] = "jupyterhub-singleuser"
    return singleuser()


if __name__ == "__main__":
    sys.exit(main())
