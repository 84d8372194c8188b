"""Data: the schema, the sample company, loaders and validation.

>>> from workbench.data import load_sample
>>> load_sample().users.shape[1]
5
"""

from .active import active, start
from .load import SAMPLE_FOLDER, Dataset, load, load_sample, validate
from .schema import SCHEMA, TABLES


def generate(out, *, seed: int = 42, scale: float = 1.0, progress: bool = False):
    """Write a synthetic company (every table, plus social files) to ``out``; see :mod:`.generate`."""
    from .generate import generate as _generate

    return _generate(out, seed=seed, scale=scale, progress=progress)


__all__ = ["SAMPLE_FOLDER", "SCHEMA", "TABLES", "Dataset", "active", "generate", "load",
           "load_sample", "start", "validate"]
