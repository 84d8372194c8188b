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
