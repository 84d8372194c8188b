"""The practice CRM screens, driven through the widgets' own state: values set, buttons clicked."""

from __future__ import annotations

from datetime import date

import pytest

from workbench.practice import activities, consent, records
from workbench.widgets import practice as screens


@pytest.fixture(autouse=True)
def day_first(monkeypatch):
    """Dates typed and shown day/month/year, whatever the machine's locale."""
    monkeypatch.setenv("WORKBENCH_DATE_ORDER", "DMY")


def plain(text: str) -> str:
    """``text`` without the bidi isolates the screens put around names (U+2068 ... U+2069, ``<bdi>`` in HTML)."""
    for mark in ("\u2068", "\u2069", "<bdi>", "</bdi>"):
        text = text.replace(mark, "")
    return text


def test_search_lists_opens_a_record_with_its_timeline(db):
    s = screens.SearchScreen(db)
    assert s.count.value.startswith("4 contacts")
    s.query.value = "nusrat"
    assert [key for _, key in s.results.options] == ["C001", "C003"]
    s.results.value = "C001"
    s.open.click()
    view = s.view
    assert "Nusrat Jahan (C001)" in plain(view.fields.value)
    assert "Intro call" in view.timeline.value and "granted" in view.consents.value
    s.query.value = ""
    s.table.value = "opportunities"
    assert [key for _, key in s.results.options] == ["O001", "O002"]
    s.query.value = "lumiere"
    assert [key for _, key in s.results.options] == ["O002"]
    s.results.value = None
    s.open.click()
    assert "Select a record" in s.detail.children[0].value


def test_search_accounts_and_leads_and_open_an_account_with_its_timeline(db):
    s = screens.SearchScreen(db, "accounts")
    assert s.count.value.startswith("2 accounts")
    s.query.value = "LUMIERE"
    assert [plain(label) for label, _ in s.results.options] == ["Lumière SA · retail · FR (A002)"]
    s.results.value = "A002"
    s.open.click()
    assert "Lumière SA (A002)" in plain(s.view.fields.value) and "Visit" in s.view.timeline.value
    assert s.view.consent.layout.display == "none"  # consent belongs to people, not companies
    s.table.value = "leads"  # the same words, now among the leads: none
    assert s.results.options == () and s.count.value.startswith("0 leads")
    s.query.value = "tabriz"
    assert [plain(label) for label, _ in s.results.options] == ["Leila Ahmadi · Tabriz Tools · qualified (L001)"]
    s.results.value = "L001"
    s.open.click()
    view = s.view
    assert "Leila Ahmadi (L001)" in plain(view.fields.value) and "convert the lead" in view.timeline.value
    assert view.log.layout.display == "none" and view.plan.layout.display == "none"


def test_new_record_form_shows_inline_messages_then_saves(db):
    s = screens.SearchScreen(db)
    s.new.click()
    form = s.form
    form.fields["first_name"].value = "Ali"
    form.fields["email"].value = "ali@"  # inline check as soon as the field changes
    assert "not an email address" in form.errors["email"].value
    form.save.click()
    assert "required" in form.errors["last_name"].value and "Please correct" in plain(form.message.value)
    form.fields["last_name"].value = "Rezaei"
    form.fields["email"].value = "ali@rezaei.example"
    assert form.errors["email"].value == ""
    form.fields["lifecycle_stage"].value = "lead"
    form.save.click()
    assert form.saved_key == "C005" and "Saved Ali Rezaei (C005)" in plain(form.message.value)
    assert "Ali Rezaei (C005)" in plain(s.view.fields.value)  # the screen opens the new record


def test_duplicate_warning_then_save_anyway(db):
    form = screens.RecordForm(db, "contacts")
    assert form.save_anyway.layout.display == "none"
    form.fields["first_name"].value = "Claire"
    form.fields["last_name"].value = "Dupond"
    form.fields["lifecycle_stage"].value = "lead"
    form.save.click()
    assert "may already be in the CRM" in plain(form.message.value) and "C002" in plain(form.message.value)
    assert form.saved_key is None and form.save_anyway.layout.display is None
    form.save_anyway.click()
    assert form.saved_key == "C005"


def test_edit_form_from_the_record_view(db):
    view = screens.RecordView(db, "contacts", "C002")
    view.edit.click()
    form = view.screen
    assert form.fields["email"].value == "claire.dupont@lumiere.example"
    form.fields["phone"].value = ""
    form.save.click()
    assert "preferred channel is phone" in form.errors["phone"].value
    form.fields["phone"].value = "+33 6 99 88 77 66"
    form.fields["title"].value = "Directrice"
    form.save.click()
    assert db.row("contacts", "C002")["title"] == "Directrice"
    assert "Directrice" in plain(view.fields.value)
    view.history.click()
    assert "edit contact" in view.screen.widget.value


def test_an_edit_that_makes_a_contact_look_like_another_warns_then_saves_anyway(db):
    view = screens.RecordView(db, "contacts", "C004")
    view.edit.click()
    form = view.screen
    form.fields["email"].value = "claire.dupont@lumiere.example"
    form.save.click()
    assert "may already be in the CRM" in plain(form.message.value) and "C002" in plain(form.message.value)
    assert db.row("contacts", "C004")["email"] == "reza.karimi@example.com"
    form.save_anyway.click()
    assert db.row("contacts", "C004")["email"] == "claire.dupont@lumiere.example"
    assert "Saved" in plain(form.message.value) and form.save_anyway.layout.display == "none"


def test_plan_a_follow_up_from_the_record_view(db):
    view = screens.RecordView(db, "accounts", "A002")
    view.plan.click()
    s = view.screen
    assert isinstance(s, screens.FollowUpScreen) and s.account_id.value == "A002"
    s.plan.click()
    assert "say when it is due" in plain(s.message.value)
    s.subject.value = "Send the renewal offer"
    s.friday.click()
    s.reminder.value = date(2026, 7, 6)
    s.plan.click()
    assert "the reminder comes after the due time" in plain(s.message.value) and s.activity_id is None
    s.reminder.value = date(2026, 7, 2)
    s.type.value = "call"
    s.plan.click()
    assert "Planned for 03/07/2026, reminder on 02/07/2026" in plain(s.message.value)
    row = db.row("activities", s.activity_id)
    assert (row["type"], row["account_id"], row["due_at"], row["reminder_at"]) == (
        "call", "A002", "2026-07-03 09:00:00", "2026-07-02 08:00:00")
    assert "Send the renewal offer" in view.timeline.value


def test_log_a_call_with_a_follow_up_for_friday_from_the_record_view(db):
    view = screens.RecordView(db, "contacts", "C002")
    view.log.click()
    s = view.screen
    assert s.contact_id.value == "C002"
    s.type.value = "call"
    s.direction.value = "inbound"
    s.subject.value = "Asked for a discount"
    s.follow.value = True
    s.friday.click()
    assert s.due.value == date(2026, 7, 3)
    s.reminder.value = date(2026, 7, 2)
    s.log.click()
    assert "Logged: call" in plain(s.message.value) and "03/07/2026" in plain(s.message.value)
    assert "Asked for a discount" in view.timeline.value
    assert db.row("activities", s.follow_up_id)["due_at"] == "2026-07-03 09:00:00"


def test_log_screen_shows_problems_and_writes_nothing_when_the_follow_up_is_wrong(db):
    s = screens.LogActivityScreen(db, contact_id="C002")
    s.subject.value = "Call"
    s.follow.value = True
    s.due.value = date(2026, 1, 1)
    s.log.click()
    assert "in the past" in plain(s.message.value)
    assert db.query("SELECT count(*) n FROM activities")["n"].iloc[0] == 3
    s.contact_id.value = ""
    s.follow.value = False
    s.log.click()
    assert "say who the activity is about" in plain(s.message.value)


def test_todo_lists_due_items_and_marks_one_done(db):
    activities.follow_up(db, "Send quote", "2026-06-30", contact_id="C001", reminder="2026-06-30 08:00")
    s = screens.TodoScreen(db)
    assert [key for _, key in s.items.options] == ["ACT0004"]
    assert "Send quote" in s.reminders.value
    s.day.value = date(2026, 7, 2)
    assert [key for _, key in s.items.options] == ["ACT0004", "ACT0003"]
    s.items.value = "ACT0004"
    s.outcome.value = "quote sent"
    s.done.click()
    assert "Done" in plain(s.message.value) and [k for _, k in s.items.options] == ["ACT0003"]
    assert db.row("activities", "ACT0004")["outcome"] == "quote sent"
    s.items.value = None
    s.done.click()
    assert "Select an item" in plain(s.message.value)


def test_todo_sets_the_reminder_of_an_item_and_plans_a_follow_up(db):
    s = screens.TodoScreen(db)
    s.day.value = date(2026, 7, 2)
    s.items.value = "ACT0003"
    s.remind.value = date(2026, 7, 3)
    s.set_reminder.click()
    assert "after the due time" in plain(s.message.value)
    s.remind.value = date(2026, 6, 30)
    s.set_reminder.click()
    assert "Reminder set for 30/06/2026: ACT0003" in plain(s.message.value)
    assert db.row("activities", "ACT0003")["reminder_at"] == "2026-06-30 08:00:00"
    assert "Visit" in s.reminders.value
    plan = s.follow_up
    plan.contact_id.value = "C004"
    plan.subject.value = "Call Reza about the trial"
    plan.due.value = date(2026, 7, 1)
    plan.plan.click()
    assert "Planned for 01/07/2026" in plain(plan.message.value)
    assert "Call Reza about the trial" in [plain(label).split(" · ")[2] for label, _ in s.items.options]
    s.items.value = None
    s.set_reminder.click()
    assert "Select an item" in plain(s.message.value)


def test_convert_lead_screen_with_an_opportunity(db):
    s = screens.ConvertLeadScreen(db)
    assert s.lead.value == "L001"
    s.amount.value = "18000"
    s.close_date.value = date(2026, 9, 30)
    assert "A new account" in plain(s.account.value) and s.new_account.layout.display is None
    assert [v for _, v in s.industry.options] == ["", "retail", "textiles"]  # no value to invent
    s.convert.click()
    assert "Converted" in plain(s.message.value) and s.result["opportunity_id"]
    account = db.row("accounts", s.result["account_id"])
    assert (account["industry"], account["country"]) == ("not known", "not known")  # filled in when learned
    assert [k for _, k in s.lead.options] == ["L002"]


def test_convert_lead_screen_offers_the_existing_contact(db):

    records.update(db, "leads", "L002", {"name": "Claire Dupont", "company": "Lumière SA",
                                         "email": "claire.dupont@lumiere.example"})
    s = screens.ConvertLeadScreen(db, "L002")
    s.with_deal.value = False
    s.convert.click()
    assert "may already be a contact" in plain(s.message.value) and s.attach.layout.display is None
    s.attach.click()
    assert s.result["contact_id"] == "C002"


def test_move_deal_screen_updates_probability_and_next_step(db):
    s = screens.MoveDealScreen(db, "O002")
    assert s.stage.value == "Proposal" and "50%" in s.probability.value
    s.stage.value = "Negotiation"
    assert "80%" in s.probability.value
    s.move.click()
    assert "next step" in plain(s.message.value)
    s.stage.value = "Negotiation"
    s.next_step.value = "Send the final offer on Friday"
    s.move.click()
    assert "now at the stage Negotiation (80%)" in plain(s.message.value)
    row = db.row("opportunities", "O002")
    assert (row["stage"], row["probability"], row["next_step"]) == ("Negotiation", 80, "Send the final offer on Friday")


def test_merge_screen_picks_a_pair_compares_and_merges(db):
    s = screens.MergeScreen(db)
    assert [v for _, v in s.pairs.options] == [("C001", "C003")]
    s.pairs.value = ("C001", "C003")
    assert (s.keep.value, s.remove.value) == ("C001", "C003")
    assert "n.jahan@dhakatex.example" in s.comparison.value
    s.swap.click()
    assert (s.keep.value, s.remove.value) == ("C003", "C001")
    s.merge.click()
    assert "Merged C001 into Nusrat Jahan (C003)" in plain(s.message.value)
    assert db.row("contacts", "C001") is None and s.pairs.options == ()
    s.keep.value, s.remove.value = "C002", "C002"
    s.merge.click()
    assert "two different" in plain(s.message.value)


def test_merge_screen_merges_a_pair_that_already_lacked_a_phone_and_says_what_is_left(db):
    with db.transaction("dirty data"):
        db.conn.execute("UPDATE contacts SET preferred_channel = 'sms', phone = NULL "
                        "WHERE contact_id IN ('C001', 'C003')")
    s = screens.MergeScreen(db)
    s.pairs.value = ("C001", "C003")
    s.merge.click()
    assert "Merged C003 into Nusrat Jahan (C001)" in plain(s.message.value)
    assert "Still to correct on C001" in plain(s.message.value) and "preferred channel is sms" in plain(s.message.value)


def test_consent_screen_records_a_withdrawal(db):
    s = screens.ConsentScreen(db, "C004")
    assert "granted" in s.current.value
    s.save.click()
    assert "your proof" in plain(s.message.value)
    s.source.value = "phone_call"
    s.save.click()
    assert "Recorded: consent by email, revoked" in plain(s.message.value) and "revoked" in s.current.value
    assert consent.allowed(db, "C004", "email") is False


def test_reset_screen_needs_the_box_ticked(db):

    records.update(db, "contacts", "C002", {"title": "CFO"})
    s = screens.ResetScreen(db)
    s.reset.click()
    assert "confirm=True" in plain(s.message.value) and db.row("contacts", "C002")["title"] == "CFO"
    s.confirm.value = True
    s.reset.click()
    assert "Back to the start" in plain(s.message.value) and db.row("contacts", "C002")["title"] == "CEO"


def test_task_card_checks_the_database(db, monkeypatch):
    card = screens.practice_task(db, "record-consent-revocation")
    assert "Reza Karimi (C004)" in plain(card.text.value)
    card.check.click()
    assert "still granted" in card.feedback.value
    consent.record(db, "C004", "email", "revoked", source="phone_call")
    card.check.click()
    assert "withdrawn" in card.feedback.value and "1/1" in card.feedback.value


def test_the_whole_crm_in_tabs(db):
    crm = screens.practice_crm(db)
    titles = [crm.tabs.get_title(i) for i in range(len(crm.tabs.children))]
    assert titles == ["Search", "To do", "Log activity", "Consent", "Convert lead", "Move deal", "Merge duplicates",
                      "Who sees what", "Reset"]
    crm.log.contact_id.value = "C001"
    crm.log.subject.value = "Check-in"
    crm.log.follow.value = True
    crm.log.due.value = date(2026, 6, 30)
    crm.log.log.click()
    assert [k for _, k in crm.todo.items.options][-1] == crm.log.follow_up_id
    crm.tabs.selected_index = 6  # switching tab refreshes the screen
    assert crm.merge.pairs.options
    assert "Practice CRM of tester" in plain(crm.widget.children[0].value)
    bundle = crm._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle


@pytest.mark.parametrize("table", ["contacts", "accounts", "leads", "opportunities"])
def test_every_form_and_view_builds_for_every_kind(db, table):
    key = {"contacts": "C001", "accounts": "A001", "leads": "L001", "opportunities": "O001"}[table]
    view = screens.RecordView(db, table, key)
    assert key in plain(view.fields.value)
    form = screens.RecordForm(db, table, key)
    assert set(form.fields) == set(records.EDITABLE[table])


def test_merge_screen_goes_on_to_the_next_pair_after_a_merge(db):

    records.create(db, "contacts", {"first_name": "Claire", "last_name": "Dupont", "lifecycle_stage": "lead"},
                   allow_duplicate=True)
    s = screens.MergeScreen(db)
    assert len(s.pairs.options) == 2
    s.pairs.value = s.pairs.options[0][1]
    s.merge.click()
    assert "Merged" in plain(s.message.value) and len(s.pairs.options) == 1 and s.pairs.value is None
    s.pairs.value = s.pairs.options[0][1]
    s.merge.click()
    assert "Merged" in plain(s.message.value) and s.pairs.options == ()


def test_find_boxes_narrow_the_deal_and_lead_lists(db):
    move = screens.MoveDealScreen(db)
    assert [k for _, k in move.deal.options] == ["O001", "O002"]
    move.find.value = "lumiere"
    assert [k for _, k in move.deal.options] == ["O002"] and move.stage.value == "Proposal"
    move.find.value = "nothing like this"
    assert move.deal.options == () and move.deal.value is None
    convert = screens.ConvertLeadScreen(db)
    convert.find.value = "nile"
    assert [k for _, k in convert.lead.options] == ["L002"] and convert.lead.value == "L002"
    assert screens.ConvertLeadScreen(db, "L002").lead.value == "L002"


def test_a_failed_log_clears_the_ids_of_the_previous_one(db):
    s = screens.LogActivityScreen(db, contact_id="C002")
    s.subject.value = "First"
    s.log.click()
    assert s.activity_id
    s.subject.value = ""
    s.log.click()
    assert s.activity_id is None and "required" in plain(s.message.value)


# ---------------------------------------------------------------- what a trainee met on screen (issue 16)

def test_a_close_date_is_typed_day_first_and_a_bad_or_missing_one_is_named_in_the_form(db):
    s = screens.ConvertLeadScreen(db)
    s.amount.value = "18000"
    s.convert.click()
    assert "<b>close date</b>: required" in s.message.value and s.result is None  # words, not close_date
    s.close_date.text.value = "31/02/2026"
    s.convert.click()
    assert "<b>close date</b>" in s.message.value and "not a day of the calendar" in s.message.value
    s.close_date.text.value = "30/9/2026"
    s.convert.click()
    assert db.row("opportunities", s.result["opportunity_id"])["close_date"] == "2026-09-30"


def test_the_date_order_follows_the_setting_then_the_locale_and_is_day_first_by_default(monkeypatch, tmp_path):
    from workbench.widgets.practice.dates import date_order

    monkeypatch.delenv("WORKBENCH_DATE_ORDER")
    monkeypatch.chdir(tmp_path)
    for name in ("LC_ALL", "LC_TIME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert date_order() == "DMY"  # no locale: not US month/day
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert date_order() == "MDY"
    monkeypatch.setenv("LANG", "fa_IR.UTF-8")
    assert date_order() == "YMD"
    (tmp_path / ".workbench.json").write_text('{"date_order": "dmy"}', encoding="utf-8")
    assert date_order() == "DMY"
    monkeypatch.setenv("WORKBENCH_DATE_ORDER", "MDY")
    assert date_order() == "MDY"


def test_a_date_box_shows_a_stored_date_in_the_trainees_order(db):
    s = screens.MoveDealScreen(db, "O002")
    stored = db.row("opportunities", "O002")["close_date"]
    year, month, day = stored[:10].split("-")
    assert s.close_date.text.value == f"{day}/{month}/{year}"


def test_an_unforeseen_error_in_a_callback_is_shown_in_the_form(db, monkeypatch):
    from workbench.practice import leads

    def broken(*args, **kwargs):
        raise KeyError("lead_source")

    monkeypatch.setattr(leads, "convert", broken)
    s = screens.ConvertLeadScreen(db)
    s.with_deal.value = False
    s.convert.click()  # never only a line in JupyterLab's log
    assert "That did not work" in s.message.value and "restart the kernel" in s.message.value


def test_convert_lead_asks_only_what_the_record_or_task_gives(db):
    s = screens.ConvertLeadScreen(db, "L002")
    assert [k for _, k in s.lead.options][0] == "L002" and s.lead.value == "L002"  # the task's lead first
    records.update(db, "leads", "L001", {"company": "Lumière SA"})
    s = screens.ConvertLeadScreen(db, "L001")
    assert "already in the CRM" in plain(s.account.value) and "retail" in s.account.value
    assert s.new_account.layout.display == "none"  # nothing to ask about an account the CRM holds


def test_the_whole_crm_opens_the_task_subjects_first(db):
    from workbench.practice import tasks

    crm = screens.practice_crm(db)
    assert crm.convert.lead.value == tasks.params(db, "convert-lead")["lead_id"]
    assert crm.deals.deal.value == tasks.params(db, "move-deal-to-negotiation")["opportunity_id"]


def test_every_label_is_short_enough_to_be_read_in_full(db):
    import ipywidgets

    crm = screens.practice_crm(db)
    width_em = float(screens.screen.STYLE["description_width"].removesuffix("em"))
    seen = []

    def walk(widget):
        if isinstance(widget, ipywidgets.Box):
            for child in widget.children:
                walk(child)
        elif getattr(widget, "description", "") and not isinstance(widget, ipywidgets.Button | ipywidgets.Checkbox):
            seen.append(widget.description)

    for screen in (crm, screens.RecordForm(db, "contacts"), screens.LogActivityScreen(db)):
        walk(screen.widget)
    assert "close date" in seen
    too_long = [d for d in seen if len(d) * 0.6 > width_em]  # about 0.6em a character
    assert not too_long


def test_people_lists_put_the_trainee_first(db):
    form = screens.RecordForm(db, "contacts")
    owners = [k for _, k in form.fields["owner_id"].options] if "owner_id" in form.fields else None
    people = screens.records.people_first(db)
    assert people["k"].iloc[0] == db.user_id
    if owners:
        assert owners[1] == db.user_id


def test_tables_have_no_row_numbers_and_speak_words(db):
    view = screens.RecordView(db, "contacts", "C001")
    assert "<th>how we learned it</th>" in view.consents.value and "<th>consent</th>" in view.consents.value
    assert "<th>when</th>" in view.timeline.value
    for shown in (view.consents.value, view.timeline.value, view.fields.value):
        assert "<th></th>" not in shown and "_id" not in shown.split("<td")[0]  # no index, no code names
    assert "<th style='text-align:left;padding-right:1em'>contact id</th>" in view.fields.value
