"""Post review, "interesting, not interested": hints for the editorial manager on a draft.

Seed 003 asks authors to talk about what interests the reader, not about
themselves ("How office furniture improves productivity", not "We sell desks
at the best price").  :func:`review_post` measures a draft in English, French,
Arabic, Persian or Bengali and turns what it finds into hints.  They are hints,
never a gate: the editorial manager decides.

* **reader/author pronoun ratio**: reader pronouns (you, your; vous, votre,
  tu...; أنتم، لكم; شما; আপনি, আপনার...) over reader + author pronouns (I, we,
  our; je, nous, notre...; نحن، أنا; ما، من; আমি, আমরা...).  Above 0.5 the text
  faces the reader.
* **self-centred opening**: the first sentence starts with the company's name
  (or "At <company>" / "Chez <company>" / "في <company>" / "در <company>"), or
  with "we"/"our" in the draft's language ("nous", "نحن", "ما", "আমরা"...).
  "At 9am" or "Chez les PME" is fine.
* **sales phrases**: "we sell", "our solution", "nous (vous) proposons",
  "نبيع", "بهترین قیمت", "আমাদের পণ্য"...
* **readability**: Flesch reading ease for English
  (206.835 - 1.015 x words per sentence - 84.6 x syllables per word) and the
  Kandel & Moles adaptation for French (207 - 1.015 x wps - 73.6 x spw);
  60 and above reads easily, below 30 is hard.  Syllables are counted as
  groups of vowels, a rule of thumb that is close enough for a hint.
* **length for the format**: words against a range per format.

Pronouns are counted on the words as written: French elided forms count
("j'", "m'" for the author, "t'" for the reader), and "US" in capitals is the
country, not "us".  The hints are written in the draft's language (through the
package's catalogue), whatever the language of the workbench.

Where a rule does not make sense in a language, it is not applied:

* **readability is measured in English and French only.**  Flesch and Kandel &
  Moles are calibrated on those languages; Arabic and Persian are written without
  their short vowels, so syllables cannot be counted from the letters, and no
  reading-ease formula of the same kind is established for Bengali.  For those
  drafts ``reading_ease`` is ``None`` and no "hard to read" hint is given.
* **pronouns in Arabic and Persian are partly suffixes** ("شركتكم", your company;
  "شركتنا", our company).  Arabic counts the separate pronouns and the words
  ending in ‑كم (your) and ‑نا (our, we), leaving out the common words that merely
  end that way (هنا, here).  Persian counts the separate pronouns (شما, تو; من,
  ما) and the words ending in ‑تان (your), but not ‑مان (our): too many common
  words end in it (زمان, time; سازمان, organisation).  Bengali writes its
  pronouns as words (আপনার, আমাদের), so it is counted like English.
* **elided forms and "US"** are French and English matters only.

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
>>> review_post("আপনার দল কি প্রতিদিন এক ঘণ্টা হারায়? তিনটি সহজ অভ্যাস আপনার সময় বাঁচাবে।")["language"]
'bn'
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from ..errors import InputError, require_columns
from ..i18n.language import use_language
from ..i18n.messages import _, ngettext

#: The languages a draft is reviewed in.
LANGUAGES = ("en", "fr", "ar", "fa", "bn")
#: The languages whose reading ease is measured (see the module's notes).
READABILITY = ("en", "fr")
READER = {"en": {"you", "your", "yours", "yourself", "yourselves"},
          "fr": {"vous", "votre", "vos", "vôtre", "vôtres", "tu", "te", "t'", "toi", "ton", "ta", "tes"},
          "ar": {"أنت", "أنتم", "أنتن", "انت", "انتم", "لك", "لكم", "بكم", "إليك", "إليكم", "عليك", "عليكم", "منكم",
                 "معكم", "عندكم", "لديكم", "لديك"},
          "fa": {"شما", "تو", "شمارا"},
          "bn": {"আপনি", "আপনার", "আপনাকে", "আপনারা", "আপনাদের", "আপনাদেরকে", "তুমি", "তোমার", "তোমাকে", "তোমরা",
                 "তোমাদের"}}
AUTHOR = {"en": {"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"},
          "fr": {"je", "j'", "me", "m'", "moi", "mon", "ma", "mes", "nous", "notre", "nos", "nôtre", "nôtres"},
          "ar": {"أنا", "انا", "نحن", "لنا", "لدينا", "عندنا", "إلينا", "منا", "معنا", "علينا"},
          "fa": {"من", "ما", "مرا"},
          "bn": {"আমি", "আমার", "আমাকে", "আমরা", "আমাদের", "আমাদেরকে"}}
# Pronoun suffixes (Arabic, Persian): (reader ending, author ending, words that merely end that way)
SUFFIXES = {"ar": ("كم", "نا", {"حكم", "تحكم", "يحكم", "كم", "هنا", "ههنا", "أحيانا", "سنا", "أنا", "انا", "لنا",
                                 "منا", "معنا", "لكم", "بكم"}),
            "fa": ("تان", None, set())}
# first words that put the author first; "at" / "chez" / "في" / "در" only before "our" or the company's name
SELF_OPENERS = {"en": ("we ", "our ", "i am ", "i'm ", "i ", "at our "),
                "fr": ("nous ", "notre ", "nos ", "je ", "j'", "chez nous", "chez notre ", "chez nos "),
                "ar": ("نحن ", "أنا ", "انا ", "شركتنا", "فريقنا", "لدينا ", "في شركتنا", "منتجاتنا", "منتجنا"),
                "fa": ("ما ", "من ", "شرکت ما", "تیم ما", "در شرکت ما", "محصول ما", "محصولات ما"),
                "bn": ("আমরা ", "আমি ", "আমাদের ", "আমার ")}
COMPANY_OPENERS = {"en": ("", "at "), "fr": ("", "chez "), "ar": ("", "في ", "لدى "), "fa": ("", "در "), "bn": ("",)}
# regular expressions on the lower-cased text; French puts an object pronoun between subject and verb
SALES_PHRASES = {"en": (r"we (?:sell|offer)", r"our (?:product|solution|new)", r"buy now", r"best price"),
                 "fr": (r"nous (?:vous |leur |te )?(?:vendons|proposons|offrons)", r"notre (?:produit|solution|offre)",
                        r"meilleur prix"),
                 "ar": (r"نبيع", r"نقدم لكم", r"نقدم لك", r"منتجاتنا", r"منتجنا", r"حلولنا", r"أفضل سعر",
                        r"أفضل الأسعار", r"اشتر(?:وا)? الآن"),
                 "fa": (r"می\u200c?فروشیم", r"ارائه می\u200c?دهیم", r"محصول(?:ات)? ما", r"راهکار ما",
                        r"بهترین قیمت", r"همین (?:حالا|امروز) بخرید"),
                 "bn": (r"আমরা বিক্রি করি", r"আমরা অফার করি", r"আমাদের পণ্য", r"আমাদের সমাধান", r"সেরা দাম",
                        r"এখনই কিনুন")}
STOPWORDS = {"en": {"the", "and", "of", "to", "is", "in", "that", "it", "for", "with", "are", "this", "how"},
             "fr": {"le", "la", "les", "et", "des", "est", "une", "un", "pour", "dans", "que", "qui", "du", "au"}}
# words a draft should have for each format (a caption for visual formats)
LENGTH_RANGES = {"article": (600, 2000), "testimonial": (80, 400), "infographic": (20, 150), "video": (20, 150),
                 "short_post": (25, 250), "curated_share": (20, 120)}
VOWELS = {"en": "aeiouy", "fr": "aeiouyàâäéèêëîïôöùûüœæ"}
# Letters only Persian writes (پ چ ژ گ, and its own forms of kaf and yeh), and the Bengali block
_PERSIAN = re.compile("[\u067e\u0686\u0698\u06af\u06a9\u06cc]")
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")
_BENGALI = re.compile("[\u0980-\u09ff]")


def _length_hint(format: str, short: bool, n: int) -> str:
    """The hint for a draft of ``n`` words too short or too long for its ``format``: one whole sentence each."""
    sentences = {
        ("article", True): ngettext("{n} word is too short for an article (aim for {lo}-{hi}).",
                                    "{n} words is too short for an article (aim for {lo}-{hi}).", n),
        ("article", False): ngettext("{n} word is too long for an article (aim for {lo}-{hi}).",
                                     "{n} words is too long for an article (aim for {lo}-{hi}).", n),
        ("testimonial", True): ngettext("{n} word is too short for a testimonial (aim for {lo}-{hi}).",
                                        "{n} words is too short for a testimonial (aim for {lo}-{hi}).", n),
        ("testimonial", False): ngettext("{n} word is too long for a testimonial (aim for {lo}-{hi}).",
                                         "{n} words is too long for a testimonial (aim for {lo}-{hi}).", n),
        ("infographic", True): ngettext("{n} word is too short for an infographic (aim for {lo}-{hi}).",
                                        "{n} words is too short for an infographic (aim for {lo}-{hi}).", n),
        ("infographic", False): ngettext("{n} word is too long for an infographic (aim for {lo}-{hi}).",
                                         "{n} words is too long for an infographic (aim for {lo}-{hi}).", n),
        ("video", True): ngettext("{n} word is too short for a video (aim for {lo}-{hi}).",
                                  "{n} words is too short for a video (aim for {lo}-{hi}).", n),
        ("video", False): ngettext("{n} word is too long for a video (aim for {lo}-{hi}).",
                                   "{n} words is too long for a video (aim for {lo}-{hi}).", n),
        ("short_post", True): ngettext("{n} word is too short for a short post (aim for {lo}-{hi}).",
                                       "{n} words is too short for a short post (aim for {lo}-{hi}).", n),
        ("short_post", False): ngettext("{n} word is too long for a short post (aim for {lo}-{hi}).",
                                        "{n} words is too long for a short post (aim for {lo}-{hi}).", n),
        ("curated_share", True): ngettext("{n} word is too short for a curated share (aim for {lo}-{hi}).",
                                          "{n} words is too short for a curated share (aim for {lo}-{hi}).", n),
        ("curated_share", False): ngettext("{n} word is too long for a curated share (aim for {lo}-{hi}).",
                                           "{n} words is too long for a curated share (aim for {lo}-{hi}).", n)}
    lo, hi = LENGTH_RANGES[format]
    return sentences[(format, short)].format(n=n, lo=lo, hi=hi)


def detect_language(text: str) -> str:
    """The draft's language: Bengali or Arabic script first (Persian when it has letters only Persian writes),
    else ``'fr'`` or ``'en'``, from which language's common words the text uses more.

    >>> detect_language("Comment la gestion des stocks change pour les PME"), detect_language("How stock works")
    ('fr', 'en')
    >>> detect_language("كيف تربح شركتكم ساعة كل يوم"), detect_language("شما هر روز یک ساعت وقت دارید")
    ('ar', 'fa')
    """
    text = str(text)
    bengali, arabic = len(_BENGALI.findall(text)), len(_ARABIC_SCRIPT.findall(text))
    if bengali or arabic:
        if bengali >= arabic:
            return "bn"
        return "fa" if _PERSIAN.search(text) else "ar"
    words = _words(text)
    fr = sum(w in STOPWORDS["fr"] or w in READER["fr"] | AUTHOR["fr"] for w in words)
    en = sum(w in STOPWORDS["en"] or w in READER["en"] | AUTHOR["en"] for w in words)
    accents = sum(ch in "éèêàçùâîôû" for ch in text.lower())
    return "fr" if fr + (accents > 0) > en else "en"


def _words(text: str, language: str = "en") -> list[str]:
    if language in ("en", "fr"):
        return re.findall(r"[a-zà-öø-ÿœæ]+", str(text).lower().replace("’", "'"))
    # Arabic, Persian, Bengali: a word is what lies between spaces and punctuation (Bengali vowel signs are
    # combining marks, which ``\w`` would cut words at); the Persian half-space joins a word's parts
    return [w for w in re.findall(r"[^\s.,;:!?،؛؟।()\[\]\"'«»“”‘’…-]+", _fold(text)) if not w.isdigit()]


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
    if language not in ("en", "fr"):
        return _count_other(text, language)
    reader = author = 0
    for token in re.findall(r"[A-Za-zÀ-ÖØ-öø-ÿŒœÆæ]+'?", str(text).replace("’", "'")):
        if language == "en" and token == "US":
            continue
        word = token.lower() if language == "fr" else token.lower().rstrip("'")
        reader += word in READER[language]
        author += word in AUTHOR[language]
    return reader, author


def _count_other(text: str, language: str) -> tuple[int, int]:
    """Reader and author pronouns in Arabic, Persian or Bengali: the words, and the suffixes (module notes).

    >>> _count_other("نحن نساعد شركتكم، ونعرف احتياجاتكم", "ar"), _count_other("আমরা আপনার দলকে সাহায্য করি", "bn")
    ((2, 1), (1, 1))
    """
    reader = author = 0
    reader_end, author_end, plain = SUFFIXES.get(language, (None, None, set()))
    for word in _words(text, language):
        if language == "ar" and len(word) > 3 and word[1:] in READER["ar"] | AUTHOR["ar"] | plain:
            word = word[1:]  # "and" is written joined to the next word: وأحيانا, ولكم
        if word in READER[language]:
            reader += 1
        elif word in AUTHOR[language]:
            author += 1
        elif word not in plain and len(word) > len(reader_end or "") + 1:
            if reader_end and word.endswith(reader_end) and not word.endswith("ستان"):
                reader += 1
            elif author_end and word.endswith(author_end):
                author += 1
    return reader, author


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?…؟।])\s+|\n+", str(text).strip())
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


def readability(text: str, language: str = "en") -> float | None:
    """Reading ease, 0 (hard) to 100 (easy): Flesch (English) or Kandel & Moles (French); ``None`` in a
    language where no such formula applies (see the module's notes).

    >>> readability("The cat sat on the mat. It was happy."), readability("আমরা ভালো।", "bn")
    (108.3, None)
    """
    if language not in READABILITY:
        return None
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

    ``language`` is one of :data:`LANGUAGES` (detected when omitted); ``format``
    one of :data:`LENGTH_RANGES`; ``company`` the name that should not open the post.
    The hints are in the draft's language.

    >>> review_post("نحن نبيع أفضل الأسعار في السوق.", company="Acme")["hints"][0].startswith("ابدأ")
    True
    """
    if not isinstance(text, str) or not text.strip():
        raise InputError(_("the draft is empty"), where="review_post(text)", fix=_("paste the text of the post"))
    if format not in LENGTH_RANGES:
        raise InputError(_('unknown format {format!r}').format(format=format), where="review_post(format=...)",
                         fix=_('use one of: {length_ranges}').format(length_ranges=', '.join(LENGTH_RANGES)))
    language = language or detect_language(text)
    if language not in READER:
        raise InputError(_('language {language!r} is not supported').format(language=language), where="review_post(language=...)",
                         fix=_("use one of {languages}").format(languages=", ".join(LANGUAGES)))
    words = _words(text, language)
    reader, author = count_pronouns(text, language)
    ratio = round(reader / (reader + author), 2) if reader + author else None
    first = (_sentences(text) or [text])[0].strip()
    opener = _opener(first, language, company)
    sales = [m.group(0) for p in SALES_PHRASES[language] for m in re.finditer(p, _fold(text))]
    ease = readability(text, language)
    lo, hi = LENGTH_RANGES[format]
    n = len(words)
    length = "too short" if n < lo else "too long" if n > hi else "right"
    hints = []
    with use_language(language):  # the hints speak the draft's language
        if opener:
            hints.append(_("Open on the reader, not on yourself: the first sentence starts with \"{opener}\".")
                         .format(opener=opener))
        if ratio is not None and ratio < 0.5:
            hints.append(_("Speak to the reader: {reader} reader pronoun(s) for {author} about you or your company "
                           "(ratio {ratio:.2f}, aim above 0.5).").format(reader=reader, author=author, ratio=ratio))
        if sales:
            hints.append(_("Sounds like an advert ({phrases}): say what the reader gains instead.")
                         .format(phrases=", ".join(sales)))
        if ease is not None and ease < 30:
            hints.append(_("Hard to read (ease {ease:.0f}/100): use shorter sentences and simpler words.")
                         .format(ease=ease))
        if length != "right":
            hints.append(_length_hint(format, length == "too short", n))
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
