"""Post review, "interesting, not interested": hints for the editorial manager on a draft.

Seed 003 asks authors to talk about what interests the reader, not about
themselves ("How office furniture improves productivity", not "We sell desks
at the best price").  :func:`review_post` measures four things in an English
or French draft and turns them into hints.  They are hints, never a gate: the
editorial manager decides.

* **reader/author pronoun ratio**: reader pronouns (you, your; vous, votre,
  tu...) over reader + author pronouns (I, we, our; je, nous, notre...).
  Above 0.5 the text faces the reader.
* **self-centred opening**: the first sentence starts with the company's name,
  with "we"/"our"/"nous"/"notre", or says "we sell" / "nous vendons".
* **readability**: Flesch reading ease for English
  (206.835 - 1.015 x words per sentence - 84.6 x syllables per word) and the
  Kandel & Moles adaptation for French (207 - 1.015 x wps - 73.6 x spw);
  60 and above reads easily, below 30 is hard.  Syllables are counted as
  groups of vowels, a rule of thumb that is close enough for a hint.
* **length for the format**: words against a range per format.

>>> r = review_post("We sell desks at the best price. Our team is proud of our new range.",
...                 format="short_post", company="Acme")
>>> r["language"], r["reader_ratio"], r["self_centred_opening"]
('en', 0.0, True)
>>> r["hints"][0]
'Open on the reader, not on yourself: the first sentence starts with "We sell".'
>>> review_post("Vous perdez une heure par jour à chercher un dossier ? Voici trois gestes simples.",
...             format="short_post")["reader_ratio"]
1.0
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from ..errors import InputError, require_columns

READER = {"en": {"you", "your", "yours", "yourself", "yourselves"},
          "fr": {"vous", "votre", "vos", "vôtre", "vôtres", "tu", "te", "toi", "ton", "ta", "tes"}}
AUTHOR = {"en": {"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"},
          "fr": {"je", "j", "me", "m", "moi", "mon", "ma", "mes", "nous", "notre", "nos", "nôtre", "nôtres"}}
SELF_OPENERS = {"en": ("we ", "our ", "i am ", "i'm ", "i ", "at "),
                "fr": ("nous ", "notre ", "nos ", "je ", "chez ")}
SALES_PHRASES = {"en": ("we sell", "we offer", "our product", "our solution", "our new", "buy now", "best price"),
                 "fr": ("nous vendons", "nous proposons", "notre produit", "notre solution", "notre offre",
                        "meilleur prix")}
STOPWORDS = {"en": {"the", "and", "of", "to", "is", "in", "that", "it", "for", "with", "are", "this", "how"},
             "fr": {"le", "la", "les", "et", "des", "est", "une", "un", "pour", "dans", "que", "qui", "du", "au"}}
# words a draft should have for each format (a caption for visual formats)
LENGTH_RANGES = {"article": (600, 2000), "testimonial": (80, 400), "infographic": (20, 150), "video": (20, 150),
                 "short_post": (25, 250), "curated_share": (20, 120)}
VOWELS = {"en": "aeiouy", "fr": "aeiouyàâäéèêëîïôöùûüœæ"}


def detect_language(text: str) -> str:
    """``'fr'`` or ``'en'``, from which language's common words the text uses more.

    >>> detect_language("Comment la gestion des stocks change pour les PME"), detect_language("How stock works")
    ('fr', 'en')
    """
    words = _words(text)
    fr = sum(w in STOPWORDS["fr"] or w in READER["fr"] | AUTHOR["fr"] for w in words)
    en = sum(w in STOPWORDS["en"] or w in READER["en"] | AUTHOR["en"] for w in words)
    accents = sum(ch in "éèêàçùâîôû" for ch in text.lower())
    return "fr" if fr + (accents > 0) > en else "en"


def _words(text: str) -> list[str]:
    return re.findall(r"[a-zà-öø-ÿœæ]+", str(text).lower().replace("’", "'"))


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?…])\s+|\n+", str(text).strip())
    return [p for p in parts if re.search(r"\w", p)]


def count_syllables(word: str, language: str = "en") -> int:
    """Syllables in a word, counted as vowel groups (a silent final e dropped).

    >>> count_syllables("productivity"), count_syllables("desk"), count_syllables("entreprise", "fr")
    (5, 1, 3)
    """
    w = word.lower()
    groups = re.findall(f"[{VOWELS[language]}]+", w)
    n = len(groups)
    if language == "en" and w.endswith("e") and not w.endswith(("le", "ee")) and n > 1:
        n -= 1
    if language == "fr" and re.search(r"[^aeiouy]e[s]?$", w) and n > 1:
        n -= 1
    return max(n, 1)


def readability(text: str, language: str = "en") -> float:
    """Reading ease, 0 (hard) to 100 (easy): Flesch (English) or Kandel & Moles (French).

    >>> readability("The cat sat on the mat. It was happy.")
    108.3
    """
    words = _words(text)
    sentences = _sentences(text)
    if not words:
        return 0.0
    wps = len(words) / max(len(sentences), 1)
    spw = sum(count_syllables(w, language) for w in words) / len(words)
    score = 207 - 1.015 * wps - 73.6 * spw if language == "fr" else 206.835 - 1.015 * wps - 84.6 * spw
    return round(score, 1)


def review_post(text: str, *, format: str = "short_post", company: str | None = None,
                language: str | None = None) -> dict:
    """Review one draft; returns the measures and a list of hints (empty when nothing to say).

    ``language`` is ``'en'`` or ``'fr'`` (detected when omitted); ``format``
    one of :data:`LENGTH_RANGES`; ``company`` the name that should not open the post.
    """
    if not isinstance(text, str) or not text.strip():
        raise InputError("the draft is empty", where="review_post(text)", fix="paste the text of the post")
    if format not in LENGTH_RANGES:
        raise InputError(f"unknown format {format!r}", where="review_post(format=...)",
                         fix=f"use one of: {', '.join(LENGTH_RANGES)}")
    language = language or detect_language(text)
    if language not in READER:
        raise InputError(f"language {language!r} is not supported", where="review_post(language=...)",
                         fix="use 'en' or 'fr'")
    words = _words(text)
    reader = sum(w in READER[language] for w in words)
    author = sum(w in AUTHOR[language] for w in words)
    ratio = round(reader / (reader + author), 2) if reader + author else None
    first = _sentences(text)[0] if _sentences(text) else text
    first_low = _fold(first).strip()
    opener = None
    if company and first_low.startswith(_fold(company)):
        opener = first.strip()[: len(company)]
    else:
        for start in SELF_OPENERS[language]:
            if first_low.startswith(_fold(start)):
                opener = " ".join(first.split()[:2])
                break
    sales = [p for p in SALES_PHRASES[language] if p in _fold(text)]
    ease = readability(text, language)
    lo, hi = LENGTH_RANGES[format]
    n = len(words)
    length = "too short" if n < lo else "too long" if n > hi else "right"
    hints = []
    if opener:
        hints.append(f'Open on the reader, not on yourself: the first sentence starts with "{opener}".')
    if ratio is not None and ratio < 0.5:
        hints.append(f"Speak to the reader: {reader} reader pronoun(s) for {author} about you or your company "
                     f"(ratio {ratio:.2f}, aim above 0.5).")
    if sales:
        hints.append(f"Sounds like an advert ({', '.join(sales)}): say what the reader gains instead.")
    if ease < 30:
        hints.append(f"Hard to read (ease {ease:.0f}/100): use shorter sentences and simpler words.")
    if length != "right":
        hints.append(f"{n} words is {length} for a {format.replace('_', ' ')} (aim for {lo}-{hi}).")
    return {"language": language, "words": n, "reader_pronouns": reader, "author_pronouns": author,
            "reader_ratio": ratio, "focus": _focus(ratio), "self_centred_opening": bool(opener),
            "sales_phrases": sales, "reading_ease": ease, "length": length, "hints": hints}


def _focus(ratio) -> str:
    if ratio is None:
        return "no pronouns"
    return "reader-focused" if ratio > 0.5 else "balanced" if ratio == 0.5 else "author-focused"


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFC", str(text)).lower().replace("’", "'")
    return re.sub(r"\s+", " ", text)


def review_posts(posts: pd.DataFrame, *, company: str | None = None) -> pd.DataFrame:
    """Review every post of a table (``text``, ``format``, optional ``language``); one row of measures each.

    >>> posts = pd.DataFrame({"post_id": ["a"], "text": ["You can save an hour a day."], "format": ["short_post"]})
    >>> review_posts(posts)[["post_id", "reader_ratio", "n_hints"]].to_dict("records")
    [{'post_id': 'a', 'reader_ratio': 1.0, 'n_hints': 1}]
    """
    require_columns(posts, ["text", "format"], where="review_posts(posts)")
    rows = []
    for rec in posts.to_dict("records"):
        lang = rec.get("language") if rec.get("language") in READER else None
        r = review_post(rec["text"], format=rec["format"], company=company, language=lang)
        r["n_hints"] = len(r["hints"])
        r["hints"] = " ".join(r["hints"])
        r["sales_phrases"] = ", ".join(r["sales_phrases"])
        rows.append(r)
    out = pd.DataFrame(rows, index=posts.index)
    keep = [c for c in ("post_id", "rep_id", "format", "theme") if c in posts.columns]
    return pd.concat([posts[keep], out], axis=1)
