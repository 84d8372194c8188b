"""Lazy package attributes: a package names its public functions and the modules defining them,
and each module is imported on first use, so that ``import workbench`` stays fast.

>>> namespace = {}
>>> getattr_, dir_ = attributes("demo", {"dumps": "json"}, namespace)
>>> getattr_("dumps").__module__
'json'
>>> "dumps" in namespace and dir_() == ["dumps"]
True
"""

from __future__ import annotations

import importlib


def attributes(package: str, names: dict[str, str], namespace: dict):
    """The ``__getattr__`` and ``__dir__`` of ``package``.

    ``names`` maps each public name to the module that defines it: absolute
    (``workbench.data.load``) or relative to the package (``.linkedin``).
    ``namespace`` is the package's ``globals()``: a name, once imported, is kept there.
    """
    def __getattr__(name):
        if name in names:
            value = getattr(importlib.import_module(names[name], package), name)
            namespace[name] = value
            return value
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    def __dir__():
        return sorted(set(namespace) | set(names))

    return __getattr__, __dir__
