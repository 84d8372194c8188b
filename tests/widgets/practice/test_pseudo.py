"""Every word the practice CRM's screens show goes through the catalogue: under a pseudo catalogue whose
every entry is marked ⟦…⟧, no label, choice, placeholder, tooltip or notice shows English outside the marks
(the records' own names, subjects and ids aside)."""

from __future__ import annotations

from workbench.i18n.language import use_language
from workbench.practice import sandbox, tiny_dataset


def _texts(widget, seen=None):
    """Every text a widget tree shows: descriptions, placeholders, tooltips, HTML and the choices' labels."""
    seen = set() if seen is None else seen
    if id(widget) in seen:
        return
    seen.add(id(widget))
    for attribute in ("description", "placeholder", "tooltip", "value"):
        value = getattr(widget, attribute, None)
        if isinstance(value, str) and value:
            yield value
    for option in getattr(widget, "options", ()) or ():
        yield option[0] if isinstance(option, tuple) else str(option)
    for child in getattr(widget, "children", ()) or ():
        yield from _texts(child, seen)


def test_no_screen_shows_english_outside_the_catalogue(pseudo_messages, english_outside_marks):
    from workbench.widgets.practice import PracticeCRM, RecordForm, RecordView

    db = sandbox(tiny_dataset())
    with use_language("fr"):
        crm = PracticeCRM(db)
        crm.access.user.value = "U02"
        screens = [crm.widget, RecordView(db, "contacts", "C001").widget,
                   RecordView(db, "opportunities", "O002").widget, RecordForm(db, "contacts").widget]
        texts = [text for screen in screens for text in _texts(screen)]
    assert any(text.startswith("⟦") for text in texts)
    data = {str(v) for table in ("contacts", "accounts", "leads", "opportunities", "activities", "users")
            for row in db.query(f"SELECT * FROM {table}").to_dict("records") for v in row.values() if v}
    merge_reasons = {row["reason"] for row in db.query("SELECT reason FROM duplicates").to_dict("records")} \
        if "duplicates" in set(db.query("SELECT name FROM sqlite_master")["name"]) else set()
    left = set()
    for text in texts:
        for value in sorted(data | merge_reasons, key=len, reverse=True):
            text = text.replace(value, " ")
        left.update(english_outside_marks(text))
    assert left == set()
