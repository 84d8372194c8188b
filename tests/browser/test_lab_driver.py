"""The browser suite's own eyes: a notebook that goes wrong must be seen going wrong.

The other tests assert ``lab.errors() == []``; this one shows that a traceback and a stderr
warning are both found, so those assertions cannot pass just because nothing was looked at.
"""

import nbformat
import pytest

pytestmark = pytest.mark.browser


def test_errors_and_stderr_are_seen(lab_server, lab_pages):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("import sys\nprint('a warning', file=sys.stderr)"),
                nbformat.v4.new_code_cell("raise ValueError('boom on purpose')"),
                nbformat.v4.new_code_cell("print('never runs')")]
    path = lab_server.root / "zz-broken.ipynb"
    nbformat.write(nb, path)
    try:
        with lab_pages() as lab:
            lab.open(path.name)
            lab.run_all()  # returns at the failing cell instead of waiting for the last one
            found = " | ".join(lab.errors())
            lab.shot("zz-driver-sees-errors")
    finally:
        path.unlink()  # the other tests' file browser must not show it
        lab_server.forget_workspaces()
    assert "a warning" in found and "ValueError" in found and "boom on purpose" in found
