"""The rep's own folder: the files they uploaded, their introductions log, and what the page shows.

The rep's page (:mod:`.app`) keeps what a rep gives it only here, in their
workbench home (``WORKBENCH_HOME``, default ``~/.workbench``), under
``network/<learner>/``: the LinkedIn archive as LinkedIn sent it, an optional
CRM export (a zip of the company's CSV tables, unpacked) and target accounts,
plus the introductions log the rep keeps.  Nothing is sent anywhere, and
:meth:`Workspace.delete` removes it all.

>>> import tempfile, pathlib
>>> ws = Workspace(pathlib.Path(tempfile.mkdtemp()) / "rep")
>>> ws.save("targets", "targets.txt", b"Vega\\nAtlas\\n")
PosixPath('.../rep/targets.txt')
>>> ws.targets()
['Vega', 'Atlas']
>>> ws.delete(); ws.files()
[]
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError, InputError
from ..i18n.messages import _

__all__ = ["Workspace", "KINDS"]

KINDS = {"linkedin": "linkedin.zip", "crm": "crm", "targets": "targets.txt"}
QUIET_WEEKS = 8


@dataclass
class Workspace:
    """The folder holding one rep's uploads (see the module's doc)."""

    folder: Path

    @classmethod
    def default(cls) -> Workspace:
        """The current learner's folder in their workbench home."""
        from ..settings import current

        return cls(current().network_uploads)

    @property
    def introductions_file(self) -> Path:
        return self.folder / "introductions.csv"

    def save(self, kind: str, name: str, content: bytes) -> Path:
        """Keep an upload: ``kind`` is ``linkedin`` (the zip), ``crm`` (a zip of CSV tables) or ``targets``.

        A CRM zip is unpacked into ``crm/`` (its tables may sit in a folder
        inside it); what was there before is replaced.
        """
        import io
        import zipfile

        if kind not in KINDS:
            raise InputError(_('unknown upload {kind!r}').format(kind=kind), where="Workspace.save", fix=_('use one of {kinds}').format(kinds=', '.join(KINDS)))
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / KINDS[kind]
        if kind == "linkedin" and not zipfile.is_zipfile(io.BytesIO(content)):
            raise DataError(_("this is not a zip archive"), file=name,
                            fix=_("upload the archive LinkedIn sent you (Basic_LinkedInDataExport_....zip), unchanged"))
        if kind == "crm":
            try:
                archive = zipfile.ZipFile(io.BytesIO(content))
            except zipfile.BadZipFile:
                raise DataError(_("this is not a zip archive"), file=name,
                                fix=_("zip the folder of your CRM export (contacts.csv, accounts.csv...) and upload "
                                    "the zip")) from None
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir()
            for member in archive.infolist():
                base = Path(member.filename).name
                if member.is_dir() or not base.lower().endswith((".csv", ".json")) or base.startswith("."):
                    continue
                (target / base).write_bytes(archive.read(member))  # flattened: no path from the zip is trusted
            return target
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(content)
        tmp.replace(target)
        return target

    def has(self, kind: str) -> bool:
        """Whether the rep has uploaded ``kind``."""
        return (self.folder / KINDS[kind]).exists()

    def files(self) -> list[Path]:
        """Every file kept for this rep, sorted."""
        return sorted(p for p in self.folder.rglob("*") if p.is_file()) if self.folder.exists() else []

    def delete(self) -> None:
        """Remove every file the rep uploaded, and their introductions log."""
        shutil.rmtree(self.folder, ignore_errors=True)

    def targets(self) -> list[str]:
        """The target accounts uploaded, or an empty list."""
        from .report import read_targets

        path = self.folder / KINDS["targets"]
        return read_targets(path) if path.exists() else []

    def build(self, *, progress: bool = False):
        """The rep's network from their archive (and CRM), with their introductions log applied.

        Returns ``(network, exports, crm)`` (see :func:`~workbench.network.report.build`).
        """
        from .report import build

        if not self.has("linkedin"):
            raise DataError(_("no LinkedIn archive yet"), file=str(self.folder),
                            fix=_("upload the archive LinkedIn sent you (Basic_LinkedInDataExport_....zip)"))
        crm = self.folder / KINDS["crm"] if self.has("crm") else None
        return build([self.folder / KINDS["linkedin"]], crm=crm, introductions=self.introductions_file,
                     progress=progress)

    def analyse(self, *, quiet_weeks: int = QUIET_WEEKS, betweenness: str = "auto", plan_weeks: int = 4) -> dict:
        """Every table the rep's page shows (see :func:`~workbench.network.report.network_report`).

        Adds ``network``, ``notes`` (what the reader noticed), ``plan`` (the
        editorial plan for the coming ``plan_weeks`` weeks) and ``html`` (the
        report page, for download).
        """
        import time

        from .editorial_plan import rep_plan
        from .plots import svg_map
        from .report import network_report, render_html

        started = time.perf_counter()
        network, exports, crm = self.build()
        tables = network_report(network, targets=self.targets() or None, exports=exports, crm=crm,
                                betweenness=betweenness, quiet_weeks=quiet_weeks)
        tables["network"] = network
        tables["notes"] = list(network.notes)
        tables["plan"] = rep_plan(", ".join(network.name(r) for r in network.reps), weeks=plan_weeks,
                                  start=network.as_of)
        svg = svg_map(network, highlight=tables["connectors"]["person"].head(5).tolist())
        tables["html"] = render_html(network, tables, svg=svg, seconds=time.perf_counter() - started,
                                     notes=network.notes)
        return tables
