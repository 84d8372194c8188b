"""Fixtures shared by the test folders: the practice CRM's throw-away home, tiny company and database."""

from __future__ import annotations

from pathlib import Path

import pytest


def _write_company(folder: Path) -> Path:
    """Write the tiny practice company as a folder of CSV files, like an export."""
    from workbench.practice.database import tiny_dataset

    folder.mkdir(parents=True, exist_ok=True)
    for name, df in tiny_dataset().tables.items():
        df.to_csv(folder / f"{name}.csv", index=False)
    (folder / "meta.json").write_text('{"company": "Tiny", "as_of": "2026-06-30"}', encoding="utf-8")
    return folder


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A throw-away WORKBENCH_HOME so tests never touch ~/.workbench."""
    monkeypatch.setenv("WORKBENCH_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("WORKBENCH_LEARNER", "tester")
    return tmp_path / "home"


@pytest.fixture(scope="session")
def company(tmp_path_factory):
    """The tiny company as a loaded (validated) Dataset, read from CSV files like a real export."""
    from workbench.data import load

    return load(_write_company(tmp_path_factory.mktemp("company")))


@pytest.fixture
def db(home, company):
    """A fresh practice CRM for trainee 'tester' in the temporary home."""
    from workbench import practice

    handle = practice.open(trainee="tester", data=company)
    yield handle
    handle.close()


@pytest.fixture
def company_export(tmp_path) -> Path:
    """The tiny company written as a folder of CSV files, as a CRM export arrives."""
    return _write_company(tmp_path / "export")


#: English words that do not occur as words in French (nor, of course, in Arabic, Persian or Bengali).
ENGLISH_WORDS = frozenset({"the", "to", "of", "and", "you", "your", "who", "what", "with", "for", "is", "are", "they",
                           "them", "their", "not", "this", "that", "yet", "into", "from", "has", "have", "will",
                           "can", "be", "people", "here", "there", "each", "show", "shown", "no", "none", "nothing"})


def english_sentences(markup: str) -> list[str]:
    """The runs of text in ``markup`` (HTML or plain) that read as English: three Latin words or more, two of
    them English function words. Tags, styles, scripts, SVG and left-to-right islands of code are left out;
    names and companies (data) are not sentences, so they pass."""
    import html
    import re

    text = re.sub(r"<(style|script|svg|code)\b.*?</\1>", " ", str(markup), flags=re.S | re.I)
    text = html.unescape(re.sub(r"<[^>]+>", "\n", text))
    found = []
    for run in re.findall(r"[A-Za-z][A-Za-z' ,:;.()-]*", text):
        words = re.findall(r"[A-Za-z']+", run)
        if len(words) >= 3 and sum(w.lower() in ENGLISH_WORDS for w in words) >= 2:
            found.append(run.strip())
    return found


@pytest.fixture
def english_left():
    """``english_left(markup)``: the English sentences still in a page or widget meant to be in another language."""
    return english_sentences


@pytest.fixture(scope="session")
def english_runs_left():
    """A function: the package's English sentences (each run of three words or more of a catalogue entry,
    between its placeholders) still in a text, once markup, scripts, code and left-to-right islands are
    taken out. A page translated whole returns ``[]``."""
    import html
    import re

    from workbench.i18n.extract import TEMPLATE
    from workbench.i18n.lesson_catalogues import read

    runs = set()
    for message in read(TEMPLATE):
        for msgid in message.id if isinstance(message.id, (tuple, list)) else [message.id]:
            for run in re.split(r"\{[^}]*\}|%\(\w+\)[sdr]|%[sdr]|<[^>]+>|`[^`]*`", msgid or ""):
                run = " ".join(run.split()).strip(" .,:;()")
                if len(run.split()) >= 3:
                    runs.add(run)

    def left(text: str) -> list[str]:
        text = re.sub(r"<(style|script|code|bdi)\b.*?</\1>", " ", text, flags=re.DOTALL)
        plain = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())
        return sorted(run for run in runs if run in plain)
    return left


@pytest.fixture
def english_words_left():
    """``(text, *kept) -> list``: the runs of two or more English-looking words left in ``text`` (HTML tags,
    bidi isolates and the ``kept`` names and ids removed first): what a translated screen or message in a
    non-Latin script must not contain."""
    import re

    def runs(text: str, *kept: str) -> list[str]:
        text = re.sub(r"<[^>]+>", " ", str(text)).replace("\u2068", " ").replace("\u2069", " ")
        for name in sorted(kept, key=len, reverse=True):
            text = text.replace(name, " ")
        return re.findall(r"\b[A-Za-z]{2,}(?:[ '’-]+[A-Za-z]{2,})+\b", text)

    return runs


@pytest.fixture
def own_data(monkeypatch):
    """The data ``wb.start()`` makes current during the test is the test's alone: the data current before comes
    back after it (later tests' checks read the current data)."""
    import importlib

    monkeypatch.setattr(importlib.import_module("workbench.data.active"), "_CURRENT", None)


@pytest.fixture(scope="module")
def pseudo_messages(tmp_path_factory):
    """The package's French catalogue replaced, for a test module, by the template with every entry marked ⟦…⟧:
    English a screen or a check shows outside the marks bypassed the catalogue."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    from workbench.i18n import compile as compiling
    from workbench.i18n import messages
    from workbench.i18n.extract import TEMPLATE
    from workbench.i18n.lesson_catalogues import read

    folder = tmp_path_factory.mktemp("pseudo-messages")
    catalogue = Catalog(locale="fr", fuzzy=False)
    for message in read(TEMPLATE):
        if not message.id:
            continue
        if isinstance(message.id, str):
            catalogue.add(message.id, f"⟦{message.id}⟧", context=message.context)
        else:
            singular, plural = message.id
            catalogue.add(message.id, (f"⟦{singular}⟧", f"⟦{plural}⟧", f"⟦{plural}⟧"), context=message.context)
    path = compiling.po_file("fr", folder)
    path.parent.mkdir(parents=True)
    with path.open("wb") as handle:
        write_po(handle, catalogue)
    patch = pytest.MonkeyPatch()
    patch.setattr(messages, "LOCALE", folder)
    patch.setenv("XDG_CACHE_HOME", str(folder / "cache"))
    messages.forget()
    yield folder
    patch.undo()
    messages.forget()


@pytest.fixture
def english_outside_marks():
    """``text -> list``: the runs of three or more English-looking words left in ``text`` once every ⟦…⟧ of
    :func:`pseudo_messages` (innermost first) is taken out."""
    import re

    def left(text: str) -> list[str]:
        while True:
            shorter = re.sub(r"⟦[^⟦⟧]*⟧", " ", text)
            if shorter == text:
                return re.findall(r"\b[A-Za-z]{3,}(?: [A-Za-z]{2,}){2,}\b", re.sub(r"<[^>]+>", " ", text))
            text = shorter

    return left
