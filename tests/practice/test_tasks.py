"""Practice tasks and their checks (crm.practice.*): each passes its reference solution, fails the
blank stub and each plausible mistake with the right hint, and reads the trainee's own database."""

from __future__ import annotations

import pandas as pd
import pytest

from workbench import practice
from workbench.exercises import Context, check, get
from workbench.exercises.checks.crm.practice import as_db, solve
from workbench.practice import activities, tasks
from workbench.settings import Settings

IDS = [f"crm.practice.{t}" for t in tasks.TASKS]


@pytest.fixture
def ctx(home, company):
    context = Context(Settings(learner="tester", home=home))
    context.__dict__["data"] = company
    return context


def test_a_task_is_checked_as_any_exercise(db):
    assert not check("crm.practice.convert-lead", db, record=False).passed
    solve(db, "convert-lead")
    assert check("crm.practice.convert-lead", db, record=False).passed


def test_every_task_is_registered_as_an_exercise():
    assert set(IDS) == {"crm.practice.log-call-and-follow-up", "crm.practice.merge-duplicates",
                        "crm.practice.move-deal-to-negotiation", "crm.practice.convert-lead",
                        "crm.practice.record-consent-revocation", "crm.practice.create-contact-with-consent"}
    for id in IDS:
        assert get(id).max_points == tasks.get_task(id).max_points


@pytest.mark.parametrize("id", IDS)
def test_the_reference_solution_passes(ctx, id):
    answer = get(id).reference(ctx)
    result = check(id, answer, ctx=ctx)
    assert result.passed, result.text()


@pytest.mark.parametrize("id", IDS)
def test_the_blank_stub_and_an_untouched_database_fail(ctx, id):
    assert not check(id, ..., ctx=ctx).passed
    result = check(id, practice.sandbox(ctx.data), ctx=ctx)
    assert not result.passed and result.points == 0 and result.hint


@pytest.mark.parametrize("id, index", [(id, i) for id in IDS for i in range(len(get(id).wrong))])
def test_each_plausible_mistake_fails_with_its_hint(ctx, id, index):
    mistake = get(id).wrong[index]
    result = check(id, mistake.make(ctx), ctx=ctx)
    assert not result.passed, result.text()
    assert mistake.words.lower() in " ".join(result.hints).lower(), result.text()


def test_tasks_name_the_trainees_own_records(db):
    table = tasks.available(db)
    assert len(table) == 6
    isolated = dict(zip(table["task"], table["what to do"]))
    text = {k: v.replace("\u2068", "").replace("\u2069", "") for k, v in isolated.items()}
    assert "\u2068Nusrat Jahan\u2069 (C001)" in isolated["merge-duplicates"]  # each name in bidi isolates
    assert "Nusrat Jahan (C001) and Nusrat Jahan (C003)" in text["merge-duplicates"]
    assert "Claire Dupont (C002)" in text["log-call-and-follow-up"]
    assert "Friday 3 July 2026" in text["log-call-and-follow-up"]
    assert "Leila Ahmadi" in text["convert-lead"]
    assert "Reza Karimi (C004)" in text["record-consent-revocation"]
    assert "Samira Haddad (samira.haddad@dhakatex.example) at the account A001" in text["create-contact-with-consent"]


def test_the_new_contact_task_done_in_the_screens_passes(db):
    from workbench.widgets import practice as screens

    search = screens.SearchScreen(db)
    search.new.click()
    form = search.form
    for field, value in (("first_name", "Samira"), ("last_name", "Haddad"), ("account_id", "A001"),
                         ("email", "samira.haddad@dhakatex.example"), ("preferred_channel", "email"),
                         ("lifecycle_stage", "lead")):
        form.fields[field].value = value
    form.save.click()
    assert check("crm.practice.create-contact-with-consent", db, record=False).points == 1
    search.view.consent.click()
    consent = search.view.screen
    consent.status.value = "granted"
    consent.source.value = "event"
    consent.save.click()
    result = check("crm.practice.create-contact-with-consent", db, record=False)
    assert result.passed, result.text()


def test_the_new_contact_task_names_what_is_wrong(db):
    practice.records.create(db, "contacts", {"first_name": "Samir", "last_name": "Hadad", "lifecycle_stage": "lead"})
    result = check("crm.practice.create-contact-with-consent", db, record=False)
    assert "You created the contact Samir Hadad, not Samira Haddad" in result.message and result.points == 0
    key = practice.records.create(db, "contacts", {"first_name": "samira", "last_name": "HADDAD",
                                                   "email": "samira.haddad@dhakatex.example"}, allow_duplicate=True)
    assert "not at the account Dhaka Textiles" in check("crm.practice.create-contact-with-consent", db, record=False).message
    practice.records.update(db, "contacts", key, {"account_id": "A001"})
    practice.consent.record(db, key, "email", "granted", source="web_form")
    result = check("crm.practice.create-contact-with-consent", db, record=False)
    assert result.points == 1 and "source web_form" in result.message and "event" in " ".join(result.hints)
    practice.consent.record(db, key, "email", "granted", source="event")
    assert check("crm.practice.create-contact-with-consent", db, record=False).passed


def test_the_check_reads_the_trainees_own_database(ctx, db):
    mine = practice.open(trainee=ctx.settings.learner)
    assert mine.path == db.path
    assert not check("crm.practice.record-consent-revocation", mine, ctx=ctx).passed
    practice.consent.record(db, "C004", "email", "revoked", source="email")
    assert check("crm.practice.record-consent-revocation", mine, ctx=ctx).passed
    # the progress log got both attempts
    assert len(ctx.settings.progress_file.read_text().splitlines()) == 2


def test_a_call_with_the_wrong_contact_or_type_gets_a_specific_hint(db):
    activities.log(db, "call", "Hello", contact_id="C004")
    result = check("crm.practice.log-call-and-follow-up", db, record=False)
    assert "not with Claire Dupont" in result.message
    activities.follow_up(db, "Call Claire", "2026-07-03", type="call", contact_id="C002")
    result = check("crm.practice.log-call-and-follow-up", db, record=False)
    assert "planned a call" in result.message and "type call" in " ".join(result.hints)


def test_partial_credit_for_the_call_without_the_follow_up(db):
    activities.log(db, "call", "Hello", contact_id="C002", direction="inbound")
    result = check("crm.practice.log-call-and-follow-up", db, record=False)
    assert (result.points, result.max_points) == (1, 2) and "follow-up" in " ".join(result.hints)
    activities.follow_up(db, "Quote", "2026-07-03", contact_id="C002")
    assert check("crm.practice.log-call-and-follow-up", db, record=False).passed


def test_deal_moved_by_hand_gets_the_probability_hint(db):
    practice.records.update(db, "opportunities", "O002", {"stage": "Negotiation", "next_step": "Call the CFO"})
    result = check("crm.practice.move-deal-to-negotiation", db, record=False)
    assert result.points == 1 and "probability follows the stage table" in " ".join(result.hints)
    practice.deals.move(db, "O001", "Proposal")
    assert "still" not in check("crm.practice.move-deal-to-negotiation", db, record=False).message


def test_a_lead_marked_converted_by_hand_gets_the_convert_hint(db):
    with db.transaction("raw edit"):
        db.conn.execute("UPDATE leads SET status = 'converted' WHERE lead_id = 'L001'")
    result = check("crm.practice.convert-lead", db, record=False)
    assert "no contact was created" in result.message and "Convert lead" in " ".join(result.hints)


def test_a_deleted_rather_than_merged_contact_is_named(db):
    db.conn.execute("PRAGMA foreign_keys = OFF")
    with db.transaction("delete"):
        db.conn.execute("DELETE FROM contacts WHERE contact_id = 'C003'")
    result = check("crm.practice.merge-duplicates", db, record=False)
    assert "deleted, not merged" in result.message


def test_answers_the_check_does_not_understand_become_a_message(ctx):
    result = check("crm.practice.convert-lead", "my crm", ctx=ctx)
    assert not result.passed and "practice.open()" in " ".join(result.hints)
    sandbox = practice.sandbox(ctx.data, trainee="amina")
    assert as_db(sandbox.path.as_posix(), ctx).trainee == "amina"


def test_a_handed_in_database_file_is_checked_without_being_changed(ctx, tmp_path):
    from workbench.practice import lifecycle

    worked = practice.sandbox(ctx.data, trainee="amina")
    practice.consent.record(worked, "C004", "email", "revoked", source="email")
    worked.close()
    handed_in = tmp_path / "amina.sqlite"
    lifecycle.copy_database(worked.path, handed_in)
    before = handed_in.read_bytes()
    assert check("crm.practice.record-consent-revocation", str(handed_in), ctx=ctx).passed
    assert not check("crm.practice.convert-lead", handed_in, ctx=ctx).passed
    assert handed_in.read_bytes() == before


def test_a_task_without_a_subject_says_so(db):
    db.conn.execute("DELETE FROM practice_tasks WHERE task_id = 'convert-lead'")
    with pytest.raises(Exception, match="nothing to do the task"):
        tasks.describe(db, "convert-lead")
    with pytest.raises(Exception, match="no practice task called"):
        tasks.get_task("fly")


def test_the_follow_up_day_is_the_friday_after_the_data_day(db):
    p = tasks.params(db, "log-call-and-follow-up")
    assert pd.Timestamp(p["friday"]).day_name() == "Friday" and pd.Timestamp(p["friday"]) > db.today


def test_a_right_to_left_company_name_stays_whole_in_the_task_text(db):
    subject = {**tasks.params(db, "convert-lead"), "company": "شرکت ابزار تبریز"}
    text = tasks.get_task("convert-lead").describe(subject)
    assert "from \u2068شرکت ابزار تبریز\u2069 (L001) is qualified" in text


def test_the_newcomer_is_someone_the_duplicate_detector_finds_no_look_alike_for(db):
    from workbench.practice.duplicates import likely_duplicates

    chosen = tasks.params(db, "create-contact-with-consent")
    person = {k: chosen[k] for k in ("first_name", "last_name", "email", "account_id")}
    assert likely_duplicates(db, "contacts", person).empty
    assert (chosen["first_name"], chosen["last_name"]) in tasks.NEWCOMERS
