"""The running hub's helpers that need no hub: the workbench's bytecode written before trainees' kernels need it."""

import importlib.util
from pathlib import Path

from workbench.classroom.hub import compile_package


def test_every_workbench_module_has_its_bytecode_beside_it():
    package = compile_package()
    modules = [path for path in package.rglob("*.py") if "__pycache__" not in path.parts]
    assert len(modules) > 100
    missing = [path for path in modules if not Path(importlib.util.cache_from_source(str(path))).is_file()]
    assert missing == []
