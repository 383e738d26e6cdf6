"""Planning an activity from a confirmed request: what the page proposes, one-click acceptance,
changed dates with warnings, and who may plan."""

import datetime

import pytest
from django.urls import reverse

from activities.models import Activity
from activities.tests.factories import ActivityFactory
from assistance.choices import Modality, Status
from assistance.tests.factories import NeedsAssessmentFactory
from community.choices import InstitutionKind
from community.tests.factories import CommitteeMeetingFactory, InstitutionFactory

D = datetime.date


def plan_url(assistance_request):
    return reverse("activities:activity_plan", args=[assistance_request.pk])


def _post_data(form) -> dict:
    """The plan form as the browser posts it, with what the page proposed."""
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value in (None, ""):
            continue
        if isinstance(value, list | tuple):
            data[name] = [getattr(item, "pk", item) for item in value]
        elif isinstance(value, D):
            data[name] = value.isoformat()
        else:
            data[name] = getattr(value, "pk", value)
    return data


def test_the_page_proposes_the_activity_and_the_first_free_week(client_for, officer, confirmed_request, belize, area):
    response = client_for(officer).get(plan_url(confirmed_request))
    assert response.status_code == 200
    initial = response.context["form"].initial
    assert initial["title"] == confirmed_request.title
    assert initial["modality"] == Modality.ATTACHMENT
    assert (initial["host_state"], initial["host_institution"]) == (
        confirmed_request.host_state_id,
        confirmed_request.host_institution_id,
    )
    assert initial["states"] == [belize.pk] and initial["areas"] == [area.pk]
    assert (initial["start_date"], initial["end_date"]) == (D(2027, 6, 7), D(2027, 6, 11))
    assert "No relevant committee" in response.content.decode()


def test_the_proposal_is_timed_to_a_relevant_committee_meeting(client_for, officer, confirmed_request, jamaica):
    committee = InstitutionFactory(
        name="National Accreditation Committee", kind=InstitutionKind.NATIONAL_COMMITTEE, state=jamaica
    )
    CommitteeMeetingFactory(committee=committee, date=D(2027, 6, 16), agenda="Accreditation manuals")
    response = client_for(officer).get(plan_url(confirmed_request))
    initial = response.context["form"].initial
    # the first span of five working days that holds the meeting (Thursday 10 to Wednesday 16)
    assert (initial["start_date"], initial["end_date"]) == (D(2027, 6, 10), D(2027, 6, 16))
    page = response.content.decode()
    assert "Timed to the meeting of National Accreditation Committee" in page


def test_a_window_too_short_says_so(client_for, officer, confirmed_request):
    confirmed_request.window_end = D(2027, 6, 9)
    confirmed_request.save()
    response = client_for(officer).get(plan_url(confirmed_request))
    page = response.content.decode()
    assert "holds 3 working days in the host state; this activity needs 5" in page
    assert (
        "start_date" not in response.context["form"].initial or response.context["form"].initial["start_date"] is None
    )


def test_no_preference_takes_the_needs_assessment_recommendation(client_for, officer, confirmed_request):
    confirmed_request.modality = Modality.NO_PREFERENCE
    confirmed_request.save()
    NeedsAssessmentFactory(request=confirmed_request, recommended_modality=Modality.STUDY_VISIT)
    initial = client_for(officer).get(plan_url(confirmed_request)).context["form"].initial
    assert initial["modality"] == Modality.STUDY_VISIT
    assert (initial["start_date"], initial["end_date"]) == (D(2027, 6, 7), D(2027, 6, 9))  # 3 working days


def test_accepting_the_proposal_plans_the_activity_and_the_request(client_for, officer, confirmed_request, belize):
    client = client_for(officer)
    form = client.get(plan_url(confirmed_request)).context["form"]
    response = client.post(plan_url(confirmed_request), _post_data(form))
    activity = Activity.objects.get()
    assert response.status_code == 302 and response.url == activity.get_absolute_url()
    assert activity.status == "planned" and list(activity.requests.all()) == [confirmed_request]
    assert (activity.start_date, activity.end_date) == (D(2027, 6, 7), D(2027, 6, 11))
    assert list(activity.states.all()) == [belize]
    confirmed_request.refresh_from_db()
    assert confirmed_request.status == Status.PLANNED


def test_changed_dates_that_clash_are_planned_with_a_warning(client_for, officer, confirmed_request, host_institution):
    ActivityFactory(
        title="Customs valuation course",
        host_institution=host_institution,
        start_date=D(2027, 6, 7),
        end_date=D(2027, 6, 11),
    )
    client = client_for(officer)
    form = client.get(plan_url(confirmed_request)).context["form"]
    assert form.initial["start_date"] == D(2027, 6, 14)  # the host is busy the first week
    data = {**_post_data(form), "start_date": "2027-06-07", "end_date": "2027-06-11"}
    response = client.post(plan_url(confirmed_request), data, follow=True)
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert any("Customs valuation course" in warning for warning in warnings), warnings
    assert Activity.objects.get(requests=confirmed_request).status == "planned"


def test_a_plan_against_the_modality_length_is_refused_and_nothing_moves(client_for, officer, confirmed_request):
    client = client_for(officer)
    form = client.get(plan_url(confirmed_request)).context["form"]
    response = client.post(plan_url(confirmed_request), {**_post_data(form), "end_date": "2027-06-08"})
    assert response.status_code == 400
    assert "these dates hold 2" in response.context["form"].errors["end_date"][0]
    confirmed_request.refresh_from_db()
    assert confirmed_request.status == Status.HOST_CONFIRMED and not Activity.objects.exists()


@pytest.mark.parametrize("name", ["focal_bz", "host_jm", "focal_jm", "expert", "partner"])
def test_only_the_secretariat_plans(name, persona, client_for, confirmed_request):
    client = client_for(persona(name))
    assert client.get(plan_url(confirmed_request)).status_code == 403
    assert client.post(plan_url(confirmed_request), {"title": "x"}).status_code == 403
    assert not Activity.objects.exists()


def test_a_request_not_yet_host_confirmed_is_not_planned(client_for, officer, confirmed_request):
    confirmed_request.status = Status.MATCHING
    confirmed_request.save()
    response = client_for(officer).get(plan_url(confirmed_request), follow=True)
    assert "whose host is confirmed" in response.content.decode()


def test_the_request_page_shows_the_plan_button_and_then_the_activity(client_for, officer, focal_bz, confirmed_request):
    page = client_for(officer).get(confirmed_request.get_absolute_url()).content.decode()
    assert plan_url(confirmed_request) in page
    assert (
        "data-activities-panel" not in client_for(focal_bz).get(confirmed_request.get_absolute_url()).content.decode()
    )
    activity = ActivityFactory(requests=[confirmed_request], title="Attachment to the Customs Agency")
    page = client_for(focal_bz).get(confirmed_request.get_absolute_url()).content.decode()
    assert activity.get_absolute_url() in page and plan_url(confirmed_request) not in page
