"""A one-page certificate for a trainee who passed a track's assessment, and its verification code.

The code is an HMAC over the learner, the track, the date and the score, keyed with a secret
kept in the issuing installation's workbench home (``certificate.key``, made on first use,
readable by its owner only): anyone can read a certificate, only that installation can say
whether it is genuine. A certificate is refused, with the score and what is missing, until the
learner's first attempts at the track's assessment reach its pass mark.

>>> import tempfile
>>> home = Path(tempfile.mkdtemp())
>>> code = verification_code("Amina Haddad", "crm", "2026-06-30", 80, home=home)
>>> len(code), code.count("-")
(19, 3)
>>> verify(code, "Amina Haddad", "crm", "2026-06-30", 80, home=home)
True
>>> verify(code, "Amina Haddad", "crm", "2026-06-30", 100, home=home)
False
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path

from .errors import InputError, WorkbenchError
from .i18n.messages import N_, _

TRACKS = {"crm": N_("CRM track"), "network": N_("Network track"), "editorial": N_("Editorial track"),
          "superusers": N_("Superusers' track")}
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


def _home(home: Path | None) -> Path:
    from .settings import current

    return Path(home) if home else current().home


def _key(home: Path | None, *, create: bool) -> bytes:
    """This installation's secret; made (owner-only) when ``create`` and missing."""
    from .settings import certificate_key

    path = certificate_key(_home(home))
    if not path.exists():
        if not create:
            raise WorkbenchError(_('this installation has issued no certificate (no {name} in {parent})').format(name=path.name, parent=path.parent),
                                 where="certificate verify",
                                 fix=_("verify on the installation that issued the certificate, with its WORKBENCH_HOME"))
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32) + "\n")
    return path.read_text(encoding="utf-8").strip().encode()


def _check_track(track: str) -> str:
    if track not in TRACKS:
        raise InputError(_('no track called {track!r}').format(track=track), where="--track", fix=_('use one of: {tracks}').format(tracks=', '.join(TRACKS)))
    return track


def verification_code(learner: str, track: str, date: str, score: int, *, home: Path | None = None,
                      create: bool = True) -> str:
    """The code printed on the certificate: 16 letters and digits in four groups."""
    message = "\n".join([learner.strip(), _check_track(track), str(date), str(int(score))]).encode("utf-8")
    digest = hmac.new(_key(home, create=create), message, hashlib.sha256).digest()
    text = base64.b32encode(digest).decode()[:16]
    return "-".join(text[i:i + 4] for i in range(0, 16, 4))


def verify(code: str, learner: str, track: str, date: str, score: int, *, home: Path | None = None) -> bool:
    """True when ``code`` is the one this installation issued for these learner, track, date and score."""
    expected = verification_code(learner, track, date, score, home=home, create=False)
    return hmac.compare_digest(expected, code.strip().upper())


@dataclass(frozen=True)
class Certificate:
    """What a certificate states."""

    learner: str
    track: str
    date: str  # ISO, YYYY-MM-DD
    score: int  # percent, first attempts
    pass_mark: int  # percent
    code: str

    def html(self, lang: str | None = None) -> str:
        """The one-page certificate as HTML (a Jinja2 template shipped with the package), in ``lang`` (the
        current language by default): ``<html lang dir>``, the date written as the language writes it, the
        verification code and command left to right.

        >>> page = Certificate("Amina Haddad", "crm", "2026-06-30", 80, 70, "ABCD-EFGH").html("ar")
        >>> '<html lang="ar" dir="rtl">' in page, '<b class="code" dir="ltr">ABCD-EFGH</b>' in page
        (True, True)
        """
        import jinja2

        from .i18n.html import environment
        from .i18n.language import use_language
        from .i18n.numbers import format_date

        env = environment(jinja2.PackageLoader("workbench", "templates"), lang)
        with use_language(env.globals["lang"]):
            return env.get_template("certificate.html.j2").render(
                learner=self.learner, track=self.track, course=_(TRACKS[self.track]), date=self.date,
                date_long=format_date(Date.fromisoformat(self.date), format="long"), score=self.score,
                pass_mark=self.pass_mark, code=self.code)


def issue(learner: str, track: str, *, home: Path | None = None, today: Date | None = None) -> Certificate:
    """The certificate of ``learner`` for ``track``; an :class:`InputError` saying the score and the pass mark
    while the track's assessment is not passed (first attempts only)."""
    from .exercises.course import course_progress

    _check_track(track)
    progress = course_progress(learner=learner, home=_home(home)).track(track)
    assessment = progress.assessment if progress else None
    if assessment is None:
        raise InputError(_('the {track} has no assessment notebook').format(track=_(TRACKS[track])), where="--track",
                         fix=_("add the track's assessment (a lesson whose metadata says assessment: true)"))
    mark = round(assessment.lesson.pass_mark * 100)
    if not assessment.passed:
        answered = sum(1 for id in assessment.lesson.exercises if id in assessment.attempts)
        state = (_("answered {answered} of {total} questions, {score:.0%} at the first try").format(
            answered=answered, total=assessment.total, score=assessment.score) if answered
            else _("not taken the assessment yet"))
        raise InputError(_("{learner} has not passed the {track}'s assessment: {state} (pass mark {mark}%)").format(
            learner=learner, track=_(TRACKS[track]), state=state, mark=mark), where="certificate",
                         fix=_('the certificate is issued once every question of {name}/{name2} is answered and the first tries reach '
                                '{mark}%').format(name=assessment.lesson.path.parent.name, name2=assessment.lesson.path.name, mark=mark))
    day = (today or Date.today()).isoformat()
    score = round(assessment.score * 100)
    return Certificate(learner, track, day, score, mark,
                       verification_code(learner, track, day, score, home=home))


def browser() -> str | None:
    """A Chromium or Chrome that can print a page to PDF, if this machine has one.

    >>> browser() is None or Path(browser()).name.startswith(("chrom", "google"))
    True
    """
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def print_pdf(page: Path, pdf: Path, chrome: str, timeout: float = 90) -> bool:
    """Print the HTML ``page`` to ``pdf`` with headless Chromium; True when the PDF was written."""
    with tempfile.TemporaryDirectory(prefix="workbench-pdf-") as profile:
        command = [chrome, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                   f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", page.resolve().as_uri()]
        try:
            subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return False
    return pdf.is_file() and pdf.stat().st_size > 0


def write(certificate: Certificate, out: Path, *, force: bool = False) -> tuple[Path, Path | None, str]:
    """Write ``out`` as HTML (``.html`` added when missing) and a PDF beside it where Chromium can print one.

    Returns the HTML page, the PDF (``None`` when none could be made) and a note saying why not.
    An existing file is kept unless ``force``.
    """
    out = Path(out)
    page = out if out.suffix.lower() in (".html", ".htm") else out.with_suffix(".html")
    pdf = page.with_suffix(".pdf")
    for path in (page, pdf):
        if path.exists() and not force:
            raise InputError(_('{path} already exists').format(path=path), where="--out",
                             fix=_("choose another file name, or add --force to replace it"))
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(certificate.html(), encoding="utf-8")
    chrome = browser()
    if chrome is None:
        return page, None, _("no PDF: this machine has no Chromium or Chrome to print one; open the page and print it")
    if not print_pdf(page, pdf, chrome):
        return page, None, _("no PDF: {browser} could not print the page; open it and print it from a browser").format(
            browser=chrome)
    return page, pdf, ""
