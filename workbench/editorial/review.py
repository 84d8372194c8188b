"""Post review, "interesting, not interested": hints for the editorial manager on a draft.

Seed 003 asks authors to talk about what interests the reader, not about
themselves ("How office furniture improves productivity", not "We sell desks
at the best price").  :func:`review_post` measures four things in an English
or French draft and turns them into hints.  They are hints, never a gate: the
editorial manager decides.

* **reader/author pronoun ratio**: reader pronouns (you, your; vous, votre,
  tu...) over reader + author pronouns (I, we, our; je, nous, notre...).
  Above 0.5 the text faces the reader.
* **self-centred opening**: the first sentence starts with the company's name
  (or "At <company>" / "Chez <company>"), with "we"/"our"/"at our" or
  "nous"/"notre"/"chez nous".  "At 9am" or "Chez les PME" is fine.
* **sales phrases**: "we sell", "our solution", "nous (vous) proposons"...
* **readability**: Flesch reading ease for English
  (206.835 - 1.015 x words per sentence - 84.6 x syllables per word) and the
  Kandel & Moles adaptation for French (207 - 1.015 x wps - 73.6 x spw);
  60 and above reads easily, below 30 is hard.  Syllables are counted as
  groups of vowels, a rule of thumb that is close enough for a hint.
* **length for the format**: words against a range per format.

Pronouns are counted on the words as written: French elided forms count
("j'", "m'" for the author, "t'" for the reader), and "US" in capitals is the
country, not "us".  The hints are written in the draft's language.

>>> r = review_post("We sell desks at the best price. Our team is proud of our new range.",
...                 format="short_post", company="Acme")
>>> r["language"], r["reader_ratio"], r["self_centred_opening"]
('en', 0.0, True)
>>> r["hints"][0]
'Open on the reader, not on yourself: the first sentence starts with "We sell".'
>>> review_post("Vous perdez une heure par jour à chercher un dossier ? Voici trois gestes simples.",
...             format="short_post")["reader_ratio"]
1.0
>>> review_post("Nous vous proposons notre nouvelle gamme.", company="Acme")["hints"][0]
'Commencez par le lecteur, pas par vous : la première phrase commence par « Nous vous ».'
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from ..errors import InputError, require_columns
from ..i18n.messages import _

READER = {"en": {"you", "your", "yours", "yourself", "yourselves"},
          "fr": {"vous", "votre", "vos", "vôtre", "vôtres", "tu", "te", "t'", "toi", "ton", "ta", "tes"}}
AUTHOR = {"en": {"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"},
          "fr": {"je", "j'", "me", "m'", "moi", "mon", "ma", "mes", "nous", "notre", "nos", "nôtre", "nôtres"}}
# first words that put the author first; "at" / "chez" only before "our" or the company's name
SELF_OPENERS = {"en": ("we ", "our ", "i am ", "i'm ", "i ", "at our "),
                "fr": ("nous ", "notre ", "nos ", "je ", "j'", "chez nous", "chez notre ", "chez nos ")}
COMPANY_OPENERS = {"en": ("", "at "), "fr": ("", "chez ")}
# regular expressions on the lower-cased text; French puts an object pronoun between subject and verb
SALES_PHRASES = {"en": (r"we (?:sell|offer)", r"our (?:product|solution|new)", r"buy now", r"best price"),
                 "fr": (r"nous (?:vous |leur |te )?(?:vendons|proposons|offrons)", r"notre (?:produit|solution|offre)",
                        r"meilleur prix")}
HINTS = {
    "en": {"opener": 'Open on the reader, not on yourself: the first sentence starts with "{opener}".',
           "ratio": "Speak to the reader: {reader} reader pronoun(s) for {author} about you or your company "
                    "(ratio {ratio}, aim above 0.5).",
           "sales": "Sounds like an advert ({phrases}): say what the reader gains instead.",
           "hard": "Hard to read (ease {ease:.0f}/100): use shorter sentences and simpler words.",
           "length": "{n} words is {length} for {format} (aim for {lo}-{hi}).",
           "too short": "too short", "too long": "too long",
           "formats": {"article": "an article", "testimonial": "a testimonial", "infographic": "an infographic",
                       "video": "a video", "short_post": "a short post", "curated_share": "a curated share"}},
    "fr": {"opener": "Commencez par le lecteur, pas par vous : la première phrase commence par « {opener} ».",
           "ratio": "Parlez au lecteur : {reader} pronom(s) pour le lecteur contre {author} pour vous ou votre "
                    "entreprise (ratio {ratio}, visez plus de 0,5).",
           "sales": "Cela sonne comme une publicité ({phrases}) : dites plutôt ce que le lecteur y gagne.",
           "hard": "Difficile à lire (facilité {ease:.0f}/100) : faites des phrases plus courtes, "
                   "des mots plus simples.",
           "length": "{n} mots, c'est {length} pour {format} (visez {lo} à {hi}).",
           "too short": "trop court", "too long": "trop long",
           "formats": {"article": "un article", "testimonial": "un témoignage", "infographic": "une infographie",
                       "video": "une vidéo", "short_post": "un post court", "curated_share": "un partage commenté"}},
}
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


def count_pronouns(text: str, language: str = "en") -> tuple[int, int]:
    """Reader and author pronouns in a text: (reader, author).

    Words are read as written: a French elided form keeps its apostrophe
    (``j'``, ``m'``, ``t'``), an English contraction counts its pronoun
    (``I'm``, ``you're``), and "US" in capitals is the country.

    >>> count_pronouns("J'ai vu que tu t'es inscrit : ça m'a fait plaisir.", "fr")
    (2, 2)
    >>> count_pronouns("US firms ask us what you need.")
    (1, 1)
    """
    reader = author = 0
    for token in re.findall(r"[A-Za-zÀ-ÖØ-öø-ÿŒœÆæ]+'?", str(text).replace("’", "'")):
        if language == "en" and token == "US":
            continue
        word = token.lower() if language == "fr" else token.lower().rstrip("'")
        reader += word in READER[language]
        author += word in AUTHOR[language]
    return reader, author


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
        raise InputError(_("the draft is empty"), where="review_post(text)", fix=_("paste the text of the post"))
    if format not in LENGTH_RANGES:
        raise InputError(_('unknown format {format!r}').format(format=format), where="review_post(format=...)",
                         fix=_('use one of: {length_ranges}').format(length_ranges=', '.join(LENGTH_RANGES)))
    language = language or detect_language(text)
    if language not in READER:
        raise InputError(_('language {language!r} is not supported').format(language=language), where="review_post(language=...)",
                         fix=_("use 'en' or 'fr'"))
    words = _words(text)
    reader, author = count_pronouns(text, language)
    ratio = round(reader / (reader + author), 2) if reader + author else None
    first = (_sentences(text) or [text])[0].strip()
    opener = _opener(first, language, company)
    sales = [m.group(0) for p in SALES_PHRASES[language] for m in re.finditer(p, _fold(text))]
    ease = readability(text, language)
    lo, hi = LENGTH_RANGES[format]
    n = len(words)
    length = "too short" if n < lo else "too long" if n > hi else "right"
    say = HINTS[language]
    decimal = (lambda x: f"{x:.2f}".replace(".", ",")) if language == "fr" else (lambda x: f"{x:.2f}")
    hints = []
    if opener:
        hints.append(say["opener"].format(opener=opener))
    if ratio is not None and ratio < 0.5:
        hints.append(say["ratio"].format(reader=reader, author=author, ratio=decimal(ratio)))
    if sales:
        hints.append(say["sales"].format(phrases=", ".join(sales)))
    if ease < 30:
        hints.append(say["hard"].format(ease=ease))
    if length != "right":
        hints.append(say["length"].format(n=n, length=say[length], format=say["formats"][format], lo=lo, hi=hi))
    return {"language": language, "words": n, "reader_pronouns": reader, "author_pronouns": author,
            "reader_ratio": ratio, "focus": _focus(ratio), "self_centred_opening": bool(opener),
            "sales_phrases": sales, "reading_ease": ease, "length": length, "hints": hints}


def _opener(first: str, language: str, company: str | None) -> str | None:
    """The words that make a first sentence self-centred, as written, or None."""
    low = _fold(first)
    if company:
        for lead in COMPANY_OPENERS[language]:
            if low.startswith(_fold(lead + company)):
                return first[: len(lead) + len(company)]
    for start in SELF_OPENERS[language]:
        if low.startswith(_fold(start)):
            return " ".join(first.split()[:2])
    return None


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
