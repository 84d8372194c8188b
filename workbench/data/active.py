"""The learner's current data: the sample company, a session variant or a company's own export.

A notebook starts with ``data = wb.start(data_dir, seed=data_seed)``, both
values coming from its papermill ``parameters`` cell: a folder of CSV files,
or the seed of a variant of the sample company (a released trainee copy has
its own seed injected).  With neither, the folder or seed named by the
learner's settings, else the committed sample company.  Checks
read the same data through :func:`active`, so each trainee is graded on
their own variant.

>>> start(None).name
'Acme'
>>> active() is start(None)
True
"""

from __future__ import annotations

from pathlib import Path

from ..i18n.messages import _
from .load import SAMPLE_FOLDER, Dataset, load

_CURRENT: Dataset | None = None


def _from_settings() -> Dataset:
    from .. import settings

    s = settings.current()
    if s.data_dir:
        return load(s.data_dir, kept_in=s.data_cache)
    if s.seed is not None:
        return load(ensure_variant(s.seed, s.home), kept_in=s.data_cache)
    return load(SAMPLE_FOLDER, kept_in=s.data_cache)


def ensure_variant(seed: int, home: Path) -> Path:
    """Generate the sample company with ``seed`` under ``home`` unless it is already there."""
    from ..settings import variant_folder

    folder = variant_folder(home, seed)
    if not (folder / "meta.json").exists():
        from .sample import generate

        generate(folder, seed=seed, scale=1)
    return folder


def start(data_dir: str | Path | None = None, seed: int | None = None) -> Dataset:
    """Choose the data for this notebook and return it (see the module docstring).

    ``data_dir`` wins over ``seed``; a seed's variant is generated once in the
    learner's workbench home and reused.  Data chosen by a seed or by the
    learner's settings is loaded and checked once, then kept in their home
    (:mod:`workbench.data.load_cache`) for the next kernel; a ``data_dir``
    given here is loaded and checked afresh in each process (the grader's
    own re-checks pass one).
    """
    global _CURRENT
    if data_dir:
        _CURRENT = load(data_dir)
    elif seed is not None:
        from .. import settings

        s = settings.current()
        _CURRENT = load(ensure_variant(_seed(seed), s.home), kept_in=s.data_cache)
    else:
        _CURRENT = _from_settings()
    return _CURRENT


def _seed(value) -> int:
    """A variant seed as an int, or an :class:`~workbench.errors.InputError` saying what to write."""
    from ..errors import InputError

    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InputError(_('data_seed must be a whole number such as 7, got {value!r}').format(value=value))
    try:
        return int(value)
    except ValueError:
        raise InputError(_('data_seed must be a whole number such as 7, got {value!r}').format(value=value)) from None


def started() -> bool:
    """Whether this Python session has chosen its data with :func:`start` (a kernel restart forgets it)."""
    return _CURRENT is not None


def active() -> Dataset:
    """The data chosen by :func:`start`, or the learner's default when none was chosen."""
    return _CURRENT if _CURRENT is not None else start(None)
