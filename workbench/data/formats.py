"""Field formats shared by the loaders, validation and the practice CRM's forms.

>>> is_email("nusrat.jahan@example.com"), is_email("nusrat.jahan@example")
(True, False)
>>> is_phone("+33 6 12 34 56 78"), is_phone("call me")
(True, False)
>>> parse_bool("Yes"), parse_bool("0"), parse_bool("")
(True, False, None)
"""

from __future__ import annotations

import re

EMAIL_RE = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[A-Za-z]{2,}$")
PHONE_RE = re.compile(r"^\+?[0-9][0-9 ().\-]{5,19}$")
DATE_FORMAT = "%Y-%m-%d"
DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"

TRUE_WORDS = {"true", "1", "yes", "y", "t"}
FALSE_WORDS = {"false", "0", "no", "n", "f"}

EMAIL_FIX = "write it as name@domain.tld, for example amina.rahman@example.com"
PHONE_FIX = "write digits with an optional leading +, spaces or dashes, for example +33 6 12 34 56 78"


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
