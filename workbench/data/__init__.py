"""Data: the schema, the sample company, loaders and validation.

>>> from workbench.data import load_sample
>>> load_sample().users.shape[1]
5

The sample company's generator is imported on first use, so that a notebook's
``wb.start()`` does not pay for it:

>>> from workbench.data import generate
>>> generate.__module__
'workbench.data.sample.recipe'
"""

from ..lazy import attributes
from .active import active, start
from .load import SAMPLE_FOLDER, Dataset, load, load_sample, validate
from .schema import SCHEMA, TABLES

__all__ = ["SAMPLE_FOLDER", "SCHEMA", "TABLES", "Dataset", "active", "generate", "load",
           "load_sample", "start", "validate"]

__getattr__, __dir__ = attributes(__name__, {"generate": ".sample"}, globals())
