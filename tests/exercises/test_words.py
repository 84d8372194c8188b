"""The CRM's stored values shown in the trainee's language, each kind of value in its own catalogue context."""

from __future__ import annotations

import pandas as pd

from workbench.exercises.words import (
    ACTIVITY,
    COLUMNS,
    VALUES,
    activity_type,
    channel_name,
    consent_status,
    in_words,
    listing,
    options,
    said,
    stage_name,
)
from workbench.i18n.language import use_language


def test_stage_names_and_activity_types_are_translated_and_unknown_values_kept():
    with use_language("fr"):
        assert (stage_name("Negotiation/Review"), activity_type("call"), channel_name("phone")) == \
            ("Négociation/Revue", "appel", "téléphone")
    with use_language("ar"):
        assert stage_name("Closed Won") == "مغلقة - ربح" and consent_status("granted") == "ممنوحة"
        assert stage_name("Our own stage") == "Our own stage" and said(ACTIVITY, None) == ""
    with use_language("bn"):
        assert stage_name("Proposal") == "প্রস্তাব"


def test_the_same_english_word_is_translated_per_context():
    with use_language("ar"):
        assert said("contact channel", "email") != said("activity type", "email")


def test_every_value_has_a_translation_in_every_language():
    for lang in ("fr", "ar", "fa", "bn"):
        with use_language(lang):
            untranslated = [(kind, v) for kind, values in VALUES.items() for v in values if said(kind, v) == v
                            and v not in ("note", "lead", "Qualification")]  # the same word in French
            assert untranslated == [], lang


def test_a_drop_down_shows_words_and_reads_back_the_stored_value():
    with use_language("fa"):
        assert options(ACTIVITY, ["call", "meeting"]) == [("تماس", "call"), ("جلسه", "meeting")]
        assert listing("contact channel", ["sms", "phone"]) == "پیامک، تلفن"


def test_a_table_is_shown_in_words_without_changing_the_stored_one():
    stored = pd.DataFrame({"type": ["call"], "status": ["planned"], "subject": ["Quote"]})
    with use_language("fr"):
        shown = in_words(stored, COLUMNS["activities"])
    assert shown.iloc[0].tolist() == ["appel", "prévue", "Quote"]
    assert stored.iloc[0].tolist() == ["call", "planned", "Quote"]
