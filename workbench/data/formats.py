"""Field formats shared by the loaders, validation and the practice CRM's forms.

>>> is_email("nusrat.jahan@example.com"), is_email("nusrat.jahan@example")
(True, False)
>>> is_phone("+33 6 12 34 56 78"), is_phone("call me")
(True, False)
>>> parse_bool("Yes"), parse_bool("0"), parse_bool("")
(True, False, None)
>>> guess_encoding("Élodie".encode("utf-16"))  # for a file that is not UTF-8
'utf-16'
"""

from __future__ import annotations

import re

from ..i18n.messages import N_, _

EMAIL_RE = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[A-Za-z]{2,}$")
PHONE_RE = re.compile(r"^\+?[0-9][0-9 ().\-]{5,19}$")
DATE_FORMAT = "%Y-%m-%d"
DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"

TRUE_WORDS = {"true", "1", "yes", "y", "t"}
FALSE_WORDS = {"false", "0", "no", "n", "f"}

EMAIL_FIX = N_("write it as name@domain.tld, for example amina.rahman@example.com")
PHONE_FIX = N_("write digits with an optional leading +, spaces or dashes, for example +33 6 12 34 56 78")


def is_email(value: str) -> bool:
    """True when ``value`` looks like one email address."""
    return bool(EMAIL_RE.match(str(value).strip()))


def is_phone(value: str) -> bool:
    """True when ``value`` looks like a phone number (6 to 20 digits and separators)."""
    text = str(value).strip()
    return bool(PHONE_RE.match(text)) and sum(ch.isdigit() for ch in text) >= 6


def parse_bool(value) -> bool | None:
    """Read yes/no, true/false, 1/0 (any case); ``None`` for blank; ``ValueError`` otherwise."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("", "nan", "none"):
        return None
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise ValueError(f"not a yes/no value: {value!r}")


_ENCODING_NAMES = {"utf-16": ("UTF-16", N_("UTF-16 (a spreadsheet's 'Unicode text')")),
                   "cp1256": ("WINDOWS-1256", N_("Windows-1256 (Arabic or Persian Windows)")),
                   "cp1252": ("WINDOWS-1252", N_("Windows-1252 or Latin-1 (Western European Windows)"))}


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def guess_encoding(raw: bytes) -> str:
    """The most likely encoding of bytes that are not UTF-8: ``utf-16``, ``cp1256`` or ``cp1252``.

    UTF-16 shows by its byte-order mark or by a zero byte beside every ASCII letter. Otherwise
    the file uses one byte per letter: Arabic and Persian words are runs of such bytes
    (Windows-1256), while French or Spanish accents are one or two bytes inside Latin words
    (Windows-1252, of which Latin-1 is nearly a part).

    >>> guess_encoding("name\\nAmina\\n".encode("utf-16"))
    'utf-16'
    >>> guess_encoding("name\\nسهل الحكير\\n".encode("cp1256"))
    'cp1256'
    >>> guess_encoding("name\\nÉlodie Marquès\\n".encode("cp1252"))
    'cp1252'
    >>> guess_encoding("name\\nسهل الحكير\\n".encode() + "Zoé\\n".encode("cp1252"))  # UTF-8 but one line
    'cp1252'
    """
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff") or raw[:200].count(0) > len(raw[:200]) // 4:
        return "utf-16"
    not_utf8 = _UTF8_SEQUENCE.sub(b" ", raw)  # a file can be UTF-8 but for a few pasted lines
    runs = [len(run) for run in re.findall(rb"[\x80-\xff]+", not_utf8)]
    in_words = sum(n for n in runs if n >= 3)  # three letters in a row outside ASCII: a word of them
    return "cp1256" if in_words > sum(runs) / 2 else "cp1252"


def encoding_fix(raw: bytes, file: str = "FILE.csv") -> str:
    """How to turn a file that is not UTF-8 into UTF-8, for the encoding it most likely has.

    >>> print(encoding_fix("a\\nسهل\\n".encode("cp1256"), "contacts.csv"))
    it looks like Windows-1256 (Arabic or Persian Windows): save it as 'CSV UTF-8' in your spreadsheet, or convert it with: iconv -f WINDOWS-1256 -t UTF-8 contacts.csv > contacts-utf8.csv
    """
    name, described = _ENCODING_NAMES[guess_encoding(raw)]
    stem = file[:-4] if file.endswith(".csv") else file
    return _("it looks like {encoding}: save it as 'CSV UTF-8' in your spreadsheet, or convert it with: "
             "{command}").format(encoding=_(described), command=f"iconv -f {name} -t UTF-8 {file} > {stem}-utf8.csv")
