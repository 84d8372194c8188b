"""Open the archive LinkedIn sends ("Get a copy of your data"): a zip of CSV files.

LinkedIn ships one zip, ``Basic_LinkedInDataExport_MM-DD-YYYY.zip`` (or
``Complete_LinkedInDataExport_...``), holding some forty CSV files
(``Connections.csv``, ``messages.csv``, ``Invitations.csv``, ``Profile.csv``,
``Positions.csv``...), at its top level or inside one folder.  A rep should
not have to unzip it: :func:`archive_files` reads the files asked for straight
from the zip and leaves the others alone.

>>> import tempfile, pathlib, zipfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "Basic_LinkedInDataExport_02-08-2026.zip"
>>> with zipfile.ZipFile(path, "w") as z:
...     z.writestr("Connections.csv", "First Name,Last Name\\n")
...     z.writestr("Profile.csv", "First Name\\n")
>>> files = archive_files(path, {"connections": "Connections.csv", "messages": "messages.csv"})
>>> list(files), files["connections"].name
(['connections'], 'Basic_LinkedInDataExport_02-08-2026.zip/Connections.csv')
"""

from __future__ import annotations

import io
from pathlib import Path

from ..errors import DataError
from ..i18n.messages import _

__all__ = ["archive_files"]


def archive_files(path, wanted: dict[str, str]) -> dict[str, io.StringIO]:
    """The files of the zip ``path`` named in ``wanted`` (kind -> file name), as text buffers.

    Names match in any case, in any folder of the archive, the shallowest
    first; each buffer's ``name`` is ``archive.zip/member`` for error
    messages.  A file that is not a readable zip raises
    :class:`~workbench.errors.DataError`.
    """
    import zipfile

    path = Path(path)
    found: dict[str, io.StringIO] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            names = sorted((n for n in archive.namelist() if not n.endswith("/")),
                           key=lambda n: (n.count("/"), n.lower()))
            for kind, file_name in wanted.items():
                member = next((n for n in names if n.rsplit("/", 1)[-1].lower() == file_name.lower()), None)
                if member is None:
                    continue
                raw = archive.read(member)
                try:
                    text = raw.decode("utf-8-sig")
                except UnicodeDecodeError:
                    text = raw.decode("cp1252", errors="replace")
                found[kind] = io.StringIO(text)
                found[kind].name = f"{path.name}/{member}"
    except (zipfile.BadZipFile, OSError) as err:
        raise DataError(_('the archive cannot be opened ({err})').format(err=err), file=str(path),
                        fix=_("download the archive from LinkedIn again (Settings, Data privacy, "
                            "Get a copy of your data)")) from None
    return found
