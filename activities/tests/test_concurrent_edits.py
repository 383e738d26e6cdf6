"""Two people edit the same session, budget line or modality rule at once: the second save is
refused with what the first changed, the input kept (core.versions); and a session or budget
line never leaves the user's scope (core.forms.ScopedModelForm)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import NON_FIELD_ERRORS
from django.urls import reverse

from accounts.choices import Role
from accounts.tests.factories import UserFactory
from activities.choices import NominationStatus
from activities.forms_money import BudgetLineForm
from activities.models import BudgetLine, ModalityRule, Session
from activities.tests.factories import ActivityFactory, BudgetLineFactory, NominationFactory, SessionFactory
from activities.views.agenda import SessionForm
from community.tests.factories import InstitutionFactory
from core.access import scope_move_message
from core.testing import NON_FIELD, edit_data, form_version, page_errors

pytestmark = pytest.mark.django_db
T = datetime.time
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def activity(belize, jamaica, host_institution):
    return ActivityFactory(host_state=jamaica, host_institution=host_institution, states=[belize])


@pytest.fixture
def other_activity(trinidad):
    """An activity hosted by an institution of another state."""
    return ActivityFactory(host_state=trinidad, host_institution=InstitutionFactory(state=trinidad), states=[trinidad])


@pytest.fixture
def colleague(db):
    return UserFactory(role=Role.OFFICER, full_name="Marisol Chen")


# --- sessions (the agenda) ------------------------------------------------------------------


def session_data(session, **changes) -> dict:
    data = {
        "day": session.day.isoformat(),
        "start_time": session.start_time.strftime("%H:%M"),
        "end_time": session.end_time.strftime("%H:%M"),
        "title": session.title,
        "kind": session.kind,
        "facilitator": session.facilitator_id or "",
        "method": session.method,
        "notes": session.notes,
    }
    return {**data, **changes}


def test_a_stale_session_edit_is_refused_with_what_changed_and_the_input_kept(activity, host_jm, colleague, client_for):
    session = SessionFactory(activity=activity, title="Procedures", start_time=T(10), end_time=T(12))
    url = reverse("activities:session_update", args=[session.pk])
    mine, theirs = client_for(host_jm), client_for(colleague)
    my_version, their_version = form_version(mine.get(url, **HTMX)), form_version(theirs.get(url, **HTMX))

    saved = theirs.post(url, session_data(session, method="Case studies", version=their_version), **HTMX)
    assert saved.status_code == 200
    refused = mine.post(url, session_data(session, title="Customs procedures", version=my_version), **HTMX)
    assert refused.status_code == 409
    [message] = page_errors(refused)[NON_FIELD]
    assert "Marisol Chen at " in message and "Case studies" in message
    assert 'value="Customs procedures"' in refused.content.decode()
    session.refresh_from_db()
    assert (session.title, session.method) == ("Procedures", "Case studies")

    again = mine.post(url, session_data(session, title="Customs procedures", version=form_version(refused)), **HTMX)
    assert again.status_code == 200
    session.refresh_from_db()
    assert (session.title, session.method) == ("Customs procedures", "Case studies")


def test_a_session_edit_without_its_version_is_refused(activity, officer, client_for):
    session = SessionFactory(activity=activity, title="Procedures")
    response = client_for(officer).post(
        reverse("activities:session_update", args=[session.pk]), session_data(session, title="Other")
    )
    assert response.status_code == 400
    assert "out of date" in page_errors(response)[NON_FIELD][0]
    assert Session.objects.get(pk=session.pk).title == "Procedures"


def test_a_host_cannot_move_a_session_to_an_activity_outside_their_scope(activity, other_activity, host_jm):
    session = SessionFactory(activity=activity)
    form = SessionForm(
        edit_data(session, session_data(session)), instance=session, activity=other_activity, user=host_jm
    )
    assert not form.is_valid()
    assert form.errors[NON_FIELD_ERRORS] == [scope_move_message()]


def test_the_secretariat_s_session_form_may_move_it(activity, other_activity, officer):
    session = SessionFactory(activity=activity, day=other_activity.start_date)
    form = SessionForm(
        edit_data(session, session_data(session)), instance=session, activity=other_activity, user=officer
    )
    assert form.is_valid(), form.errors


def test_the_api_keeps_a_session_in_its_activity(activity, other_activity, host_jm, api_client_for):
    session = SessionFactory(activity=activity)
    api_client_for(host_jm).patch(f"/api/v1/sessions/{session.pk}/", {"activity": other_activity.pk}, format="json")
    assert Session.objects.get(pk=session.pk).activity_id == activity.pk


# --- budget lines ---------------------------------------------------------------------------


def line_data(line, **changes) -> dict:
    data = {
        "category": line.category,
        "description": line.description,
        "amount": str(line.amount),
        "actual": "" if line.actual is None else str(line.actual),
        "currency": line.currency,
        "funding_source": line.funding_source,
    }
    return {**data, **changes}


def test_a_stale_budget_line_edit_is_refused_with_what_changed_and_the_input_kept(
    activity, officer, colleague, client_for
):
    line = BudgetLineFactory(activity=activity, amount=Decimal("2400.00"))
    url = reverse("activities:budgetline_update", args=[line.pk])
    mine, theirs = client_for(officer), client_for(colleague)
    my_version, their_version = form_version(mine.get(url)), form_version(theirs.get(url))

    assert theirs.post(url, line_data(line, actual="2310.00", version=their_version)).status_code == 302
    refused = mine.post(url, line_data(line, amount="2600.00", version=my_version))
    assert refused.status_code == 409
    [message] = page_errors(refused)[NON_FIELD]
    assert "Marisol Chen at " in message and "2310" in message
    assert 'value="2600.00"' in refused.content.decode()
    line.refresh_from_db()
    assert (line.amount, line.actual) == (Decimal("2400.00"), Decimal("2310.00"))

    again = mine.post(url, line_data(line, amount="2600.00", version=form_version(refused)))
    assert again.status_code == 302
    line.refresh_from_db()
    assert (line.amount, line.actual) == (Decimal("2600.00"), Decimal("2310.00"))


def test_a_budget_line_never_leaves_the_scope_of_one_who_is_not_the_secretariat(
    activity, other_activity, host_jm, officer
):
    line = BudgetLineFactory(activity=activity)
    moved = BudgetLineForm(edit_data(line, line_data(line)), instance=line, user=host_jm)
    moved.instance.activity = other_activity
    assert not moved.is_valid()
    assert moved.errors[NON_FIELD_ERRORS] == [scope_move_message()]

    line = BudgetLine.objects.get(pk=line.pk)
    by_secretariat = BudgetLineForm(edit_data(line, line_data(line)), instance=line, user=officer)
    by_secretariat.instance.activity = other_activity
    assert by_secretariat.is_valid(), by_secretariat.errors


def test_the_api_keeps_a_budget_line_in_its_activity(activity, other_activity, officer, api_client_for):
    line = BudgetLineFactory(activity=activity)
    api_client_for(officer).patch(f"/api/v1/budget-lines/{line.pk}/", {"activity": other_activity.pk}, format="json")
    assert BudgetLine.objects.get(pk=line.pk).activity_id == activity.pk


# --- modality rules -------------------------------------------------------------------------

RULE = {"min_people": 2, "max_people": 4, "max_people_justified": "", "min_days": 5, "max_days": 10, "default_days": 5}


def test_a_stale_modality_rule_edit_is_refused_with_what_changed_and_the_input_kept(officer, colleague, client_for):
    rule = ModalityRule.objects.create(
        modality="attachment", min_people=1, max_people=5, min_days=5, max_days=10, default_days=5
    )
    url = reverse("activities:modalityrule_update", args=["attachment"])
    mine, theirs = client_for(officer), client_for(colleague)
    my_version, their_version = form_version(mine.get(url)), form_version(theirs.get(url))

    assert theirs.post(url, {**RULE, "max_days": 12, "version": their_version}).status_code == 302
    refused = mine.post(url, {**RULE, "max_people": 3, "version": my_version})
    assert refused.status_code == 409
    [message] = page_errors(refused)[NON_FIELD]
    assert "Marisol Chen at " in message and "10 → 12" in message
    rule.refresh_from_db()
    assert (rule.max_people, rule.max_days) == (4, 12)

    assert mine.post(url, {**RULE, "max_people": 3, "version": form_version(refused)}).status_code == 302
    rule.refresh_from_db()
    assert (rule.max_people, rule.max_days) == (3, 10)


# --- workflow buttons -----------------------------------------------------------------------

STALE = "Someone else changed this record since you opened it"


def changed_meanwhile(record, **fields):
    """Someone else saves the record after the page showed it; returns the version shown."""
    shown = record.version
    for name, value in fields.items():
        setattr(record, name, value)
    record.save()
    return shown


def test_an_activity_button_on_a_page_shown_before_a_change_does_not_move_it(activity, officer, client_for):
    page = client_for(officer).get(activity.get_absolute_url()).content.decode()
    assert f'name="version" value="{activity.version}"' in page
    shown = changed_meanwhile(activity, title="Accreditation attachment, revised")
    url = reverse("activities:activity_transition", args=[activity.pk])

    refused = client_for(officer).post(url, {"to": "cancelled", "comment": "Postponed.", "version": shown}, follow=True)
    assert STALE in refused.content.decode() and "Accreditation attachment, revised" in refused.content.decode()
    activity.refresh_from_db()
    assert activity.status == "planned"

    client_for(officer).post(url, {"to": "cancelled", "comment": "Postponed.", "version": activity.version})
    activity.refresh_from_db()
    assert activity.status == "cancelled"


def test_a_nomination_button_on_a_page_shown_before_a_change_does_not_move_it(activity, officer, client_for):
    nomination = NominationFactory(activity=activity, state=activity.states.get())
    page = client_for(officer).get(reverse("activities:activity_people", args=[activity.pk])).content.decode()
    assert f'name="version" value="{nomination.version}"' in page
    shown = changed_meanwhile(nomination, post="Senior accreditation officer")
    url = reverse("activities:nomination_move", args=[nomination.pk])

    refused = client_for(officer).post(url, {"to": "confirmed", "version": shown}, follow=True)
    assert STALE in refused.content.decode()
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.PROPOSED

    client_for(officer).post(url, {"to": "confirmed", "version": nomination.version})
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.CONFIRMED
