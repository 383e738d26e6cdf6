"""The follow-up review closes the loop: maturity, implementation and the request's move,
recorded in one submit that either all happens or leaves the database as it was."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from assistance.choices import Status
from assistance.tests.factories import AssistanceRequestFactory
from community.tests.factories import CapabilityAreaFactory
from core.models import TransitionRecord, VisibilityChoices
from core.testing import NON_FIELD, assert_same_refusal, form_version, page_errors
from decisions.models import ImplementationReport
from decisions.tests.factories import RequiredActionFactory
from followup.choices import ItemStatus, Stage
from followup.services_review import followup_review_record
from followup.tests.factories import ActionItemFactory, ActionPlanFactory, EvaluationAnswerFactory, EvaluationFactory
from maturity.choices import AssessmentMethod
from maturity.models import MaturityAssessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def area():
    return CapabilityAreaFactory(code="risk", name="Risk management")


@pytest.fixture
def action():
    return RequiredActionFactory()


@pytest.fixture
def delivered(closed_activity, belize, area, action):
    request = AssistanceRequestFactory(state=belize, status=Status.DELIVERED, title="Border risk management")
    request.areas.set([area])
    request.actions.set([action])
    closed_activity.requests.add(request)
    return request


@pytest.fixture
def questionnaire_sent(closed_activity):
    return EvaluationFactory(activity=closed_activity, stage=Stage.FOLLOW_UP)


def review(request, actor, **overrides):
    arguments = {
        "request_id": request.pk,
        "actor": actor,
        "to": Status.FOLLOW_UP,
        "evidence": "Two of three officials apply the risk profiles; scores 4.2 at six months.",
        "levels": {request.areas.get().pk: 3},
        "statuses": {request.actions.get().pk: "in_progress"},
    }
    return followup_review_record(**{**arguments, **overrides})


def nothing_recorded(request):
    request.refresh_from_db()
    return (
        request.status == Status.DELIVERED
        and not MaturityAssessment.objects.exists()
        and not ImplementationReport.objects.exists()
        and not TransitionRecord.objects.filter(to_status=Status.FOLLOW_UP).exists()
    )


def test_the_review_records_maturity_implementation_and_the_move(delivered, questionnaire_sent, officer, area, action):
    done = review(delivered, officer)
    assessment = MaturityAssessment.objects.get()
    assert (assessment.state, assessment.area, assessment.level) == (delivered.state, area, 3)
    assert assessment.method == AssessmentMethod.SECRETARIAT
    assert "follow-up review" in assessment.notes
    assert assessment.evidence.startswith("Two of three officials")
    report = ImplementationReport.objects.get()
    assert (report.state, report.action, report.status) == (delivered.state, action, "in_progress")
    delivered.refresh_from_db()
    assert delivered.status == done["request"].status == Status.FOLLOW_UP
    # then, once answered, closed with its own review; the implementation report is optional
    EvaluationAnswerFactory(evaluation=questionnaire_sent)
    review(delivered, officer, to=Status.CLOSED, levels={area.pk: 4}, statuses={})
    delivered.refresh_from_db()
    assert delivered.status == Status.CLOSED
    assert list(MaturityAssessment.objects.order_by("pk").values_list("level", flat=True)) == [3, 4]
    assert ImplementationReport.objects.count() == 1


def test_a_refused_move_leaves_the_database_as_it_was(delivered, officer):
    # no follow-up questionnaire sent and no reason: the guard refuses the move, after the
    # assessment and the report were written in the same transaction
    with pytest.raises(ValidationError) as caught:
        review(delivered, officer)
    assert list(caught.value.message_dict) == ["comment"]
    assert "six-month follow-up questionnaire" in caught.value.message_dict["comment"][0]
    assert nothing_recorded(delivered)
    review(delivered, officer, comment="Participants reached by telephone instead.")
    delivered.refresh_from_db()
    assert delivered.status == Status.FOLLOW_UP


def test_a_bad_implementation_status_refuses_the_whole_review(delivered, questionnaire_sent, officer, action):
    with pytest.raises(ValidationError) as caught:
        review(delivered, officer, statuses={action.pk: "verified?"})
    assert caught.value.message_dict == {f"status_{action.pk}": ["Choose a status from the list."]}
    assert nothing_recorded(delivered)


def test_missing_level_evidence_and_step_are_field_errors(delivered, questionnaire_sent, officer, area):
    with pytest.raises(ValidationError) as caught:
        review(delivered, officer, levels={}, evidence=" ", to=Status.CLOSED)
    assert caught.value.message_dict == {
        "to": ["Choose the request's next step."],
        "evidence": ["Say what the evidence shows."],
        f"level_{area.pk}": ["Give the state's level in this area."],
    }
    assert nothing_recorded(delivered)


def test_a_request_not_yet_delivered_is_not_reviewed(delivered, questionnaire_sent, officer):
    delivered.status = Status.IN_DELIVERY
    delivered.save(update_fields=["status"])
    with pytest.raises(PermissionDenied):
        review(delivered, officer)


def test_a_focal_point_may_not_review_even_its_own_state(delivered, questionnaire_sent, focal_bz):
    with pytest.raises(PermissionDenied):
        review(delivered, focal_bz)
    assert not MaturityAssessment.objects.exists()


@pytest.mark.parametrize(
    ("who", "code"),
    [
        ("officer", 200),
        ("focal_bz", 403),
        ("focal_jm", 403),  # a shared request is read by all, reviewed by the secretariat only
        ("host_jm", 403),
        ("expert", 403),
        ("partner", 403),
    ],
)
def test_who_opens_the_review_page(delivered, questionnaire_sent, client_for, request, who, code):
    response = client_for(request.getfixturevalue(who)).get(reverse("followup:followup_review", args=[delivered.pk]))
    assert response.status_code == code


@pytest.mark.parametrize(("who", "code"), [("officer", 201), ("focal_bz", 403), ("focal_jm", 403), ("partner", 403)])
def test_who_may_post_the_review_through_the_api(
    delivered, questionnaire_sent, api_client_for, request, area, who, code
):
    url = f"/api/v1/requests/{delivered.pk}/follow-up-review/"
    data = {"to": "follow_up", "evidence": "Used on the job.", "levels": {str(area.pk): 2}}
    response = api_client_for(request.getfixturevalue(who)).post(url, data, format="json")
    assert response.status_code == code, response.content
    assert MaturityAssessment.objects.count() == (1 if code == 201 else 0)


def test_a_restricted_request_is_not_found_by_other_states(
    delivered, questionnaire_sent, client_for, api_client_for, focal_jm
):
    delivered.visibility = VisibilityChoices.RESTRICTED
    delivered.save(update_fields=["visibility"])
    page = client_for(focal_jm).get(reverse("followup:followup_review", args=[delivered.pk]))
    api = api_client_for(focal_jm).post(
        f"/api/v1/requests/{delivered.pk}/follow-up-review/", {"to": "closed"}, format="json"
    )
    assert (page.status_code, api.status_code) == (404, 404)


def test_the_page_records_the_review(delivered, questionnaire_sent, client_for, officer, area, action, closed_activity):
    ActionPlanFactory(activity=closed_activity, state=delivered.state)
    url = reverse("followup:followup_review", args=[delivered.pk])
    client = client_for(officer)
    page = client.get(url)
    assert b"data-review-evidence" in page.content and b"No action plan items from these activities" in page.content
    response = client.post(
        url,
        {
            "to": "follow_up",
            "evidence": "Profiles in use.",
            f"level_{area.pk}": "3",
            f"status_{action.pk}": "",
            "comment": "",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    delivered.refresh_from_db()
    assert delivered.status == Status.FOLLOW_UP
    assert MaturityAssessment.objects.get().level == 3
    assert not ImplementationReport.objects.exists()


def test_page_and_api_refuse_alike(delivered, questionnaire_sent, client_for, api_client_for, officer, area):
    assert_same_refusal(
        client=client_for(officer),
        api_client=api_client_for(officer),
        form_url=reverse("followup:followup_review", args=[delivered.pk]),
        api_url=f"/api/v1/requests/{delivered.pk}/follow-up-review/",
        data={"to": "follow_up", "evidence": "", f"level_{area.pk}": "3", "comment": ""},
        api_data={"to": "follow_up", "evidence": "", "levels": {str(area.pk): 3}, "comment": ""},
        field="evidence",
    )
    assert not MaturityAssessment.objects.exists()


def test_the_evidence_panel_on_the_request_page(
    delivered, questionnaire_sent, client_for, officer, focal_bz, closed_activity
):
    plan = ActionPlanFactory(activity=closed_activity, state=delivered.state)
    ActionItemFactory(plan=plan, status=ItemStatus.DONE)
    ActionItemFactory(plan=plan, status=ItemStatus.OPEN, due_date=datetime.date(2000, 1, 1))
    EvaluationAnswerFactory(evaluation=questionnaire_sent)
    page = client_for(officer).get(delivered.get_absolute_url())
    content = page.content.decode()
    assert "data-followup-review-panel" in content
    assert "Action plan: 1 of 2 items done, 1 overdue." in content
    assert reverse("followup:followup_review", args=[delivered.pk]) in content
    assert "data-followup-review-panel" not in client_for(focal_bz).get(delivered.get_absolute_url()).content.decode()
    tab = client_for(officer).get(reverse("followup:activity_evaluation", args=[closed_activity.pk])).content.decode()
    assert reverse("followup:followup_review", args=[delivered.pk]) in tab


def test_page_and_api_refuse_a_guarded_move_alike(delivered, client_for, api_client_for, officer, area):
    # no six-month questionnaire sent and no reason: the request's guard refuses, on the comment
    messages = assert_same_refusal(
        client=client_for(officer),
        api_client=api_client_for(officer),
        form_url=reverse("followup:followup_review", args=[delivered.pk]),
        api_url=f"/api/v1/requests/{delivered.pk}/follow-up-review/",
        data={"to": "follow_up", "evidence": "In use.", f"level_{area.pk}": "3", "comment": ""},
        api_data={"to": "follow_up", "evidence": "In use.", "levels": {str(area.pk): 3}, "comment": ""},
        field="comment",
    )
    assert len(messages) == 1
    assert nothing_recorded(delivered)


def test_a_review_of_a_request_changed_since_the_page_showed_it_is_refused_whole(
    delivered, questionnaire_sent, client_for, officer, area, action
):
    url = reverse("followup:followup_review", args=[delivered.pk])
    client = client_for(officer)
    assert f'name="version" value="{delivered.version}"' in client.get(url).content.decode()
    shown = delivered.version
    delivered.title = "Border risk management, phase 2"
    delivered.save()
    data = {"to": "follow_up", "evidence": "Profiles in use.", f"level_{area.pk}": "3", f"status_{action.pk}": ""}

    refused = client.post(url, {**data, "version": shown})
    assert refused.status_code == 409
    [message] = page_errors(refused)[NON_FIELD]
    assert message.startswith("Someone else changed this record since you opened it")
    assert "Profiles in use." in refused.content.decode()
    delivered.refresh_from_db()
    assert delivered.status == Status.DELIVERED
    assert not MaturityAssessment.objects.exists(), "nothing of the review is kept"

    assert client.post(url, {**data, "version": form_version(refused)}).status_code == 302
    delivered.refresh_from_db()
    assert delivered.status == Status.FOLLOW_UP
