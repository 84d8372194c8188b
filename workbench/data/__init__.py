"""Data: the schema, the sample company, loaders and validation.

>>> from workbench.data import load_sample
>>> load_sample().users.shape[1]
5
"""

from .active import active, start
from .load import SAMPLE_FOLDER, Dataset, load, load_sample, validate
from .sample import generate
from .schema import SCHEMA, TABLES

__all__ = ["SAMPLE_FOLDER", "SCHEMA", "TABLES", "Dataset", "active", "generate", "load",
           "load_sample", "start", "validate"]
