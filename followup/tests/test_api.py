"""The follow-up API: evaluations linked to their respondent for the secretariat only, scores
and retention figures, with their refusals and pinned query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from followup.choices import Stage
from followup.questions import OUTCOME_KEYS
from followup.tests.factories import EvaluationAnswerFactory, EvaluationFactory

pytestmark = pytest.mark.django_db

NOT_SECRETARIAT = ["focal_bz", "focal_jm", "host_jm", "expert", "partner"]


def test_the_secretariat_lists_evaluations_with_their_answers(closed_activity, officer, api_client_for):
    answer = EvaluationAnswerFactory(evaluation__activity=closed_activity, comment="Useful")
    EvaluationFactory(activity=closed_activity, stage=Stage.FOLLOW_UP)
    body = api_client_for(officer).get(f"/api/v1/evaluations/?activity={closed_activity.pk}").json()
    rows = body["results"] if isinstance(body, dict) else body
    assert len(rows) == 2
    answered = next(row for row in rows if row["id"] == answer.evaluation_id)
    assert answered["answer"]["comment"] == "Useful" and answered["email"] == answer.evaluation.email
    assert next(row for row in rows if row["id"] != answer.evaluation_id)["answer"] is None


@pytest.mark.parametrize("role", NOT_SECRETARIAT)
def test_nobody_else_reads_an_evaluation(closed_activity, persona, api_client_for, role):
    answer = EvaluationAnswerFactory(evaluation__activity=closed_activity)
    api = api_client_for(persona(role))
    body = api.get("/api/v1/evaluations/").json()
    assert (body["results"] if isinstance(body, dict) else body) == []
    assert api.get(f"/api/v1/evaluations/{answer.evaluation_id}/").status_code == 404
    assert api.get("/api/v1/evaluation-scores/").status_code == 403
    assert api.get("/api/v1/retention/").status_code == 403


def test_evaluations_are_read_only(closed_activity, officer, api_client_for):
    evaluation = EvaluationFactory(activity=closed_activity)
    api = api_client_for(officer)
    assert api.post("/api/v1/evaluations/", {}).status_code == 405
    assert api.delete(f"/api/v1/evaluations/{evaluation.pk}/").status_code == 405


def test_scores_and_retention_figures(closed_activity, officer, belize, api_client_for):
    EvaluationAnswerFactory(evaluation__activity=closed_activity, scores=dict.fromkeys(OUTCOME_KEYS, 5))
    EvaluationAnswerFactory(evaluation__activity=closed_activity, scores=dict.fromkeys(OUTCOME_KEYS, 3))
    api = api_client_for(officer)
    rows = api.get("/api/v1/evaluation-scores/?by=host_state").json()
    assert rows == [
        {
            "key": str(closed_activity.host_state_id),
            "label": "Jamaica",
            "answers": 2,
            "overall": 4.0,
            "using_share": 1.0,
            "means": dict.fromkeys(OUTCOME_KEYS, 4.0),
        }
    ]
    assert api.get("/api/v1/evaluation-scores/?by=colour").status_code == 400
    assert list(api.get("/api/v1/evaluation-scores/?stage=later").json()) == ["stage"]
    assert api.get("/api/v1/retention/?by=state").json() == [
        {"key": belize.pk, "trained": 3, "in_post": 3, "share": 1.0}
    ]
    assert api.get("/api/v1/retention/?by=person").status_code == 400


def test_the_evaluations_list_takes_the_same_queries_with_one_or_many(
    closed_activity, officer, api_client_for, django_assert_num_queries
):
    api = api_client_for(officer)
    EvaluationAnswerFactory(evaluation__activity=closed_activity)
    api.get("/api/v1/evaluations/")
    with CaptureQueriesContext(connection) as one:
        api.get("/api/v1/evaluations/")
    for _ in range(5):
        EvaluationAnswerFactory(evaluation__activity=closed_activity)
        EvaluationFactory(activity=closed_activity)
    with django_assert_num_queries(len(one)):
        api.get("/api/v1/evaluations/")


def test_a_focal_point_attaches_evidence_to_its_states_item_only(
    closed_activity, belize, focal_bz, focal_jm, api_client_for, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from followup.tests.factories import ActionItemFactory, ActionPlanFactory

    settings.MEDIA_ROOT = tmp_path
    item = ActionItemFactory(plan=ActionPlanFactory(activity=closed_activity, state=belize))
    url = f"/api/v1/action-items/{item.pk}/documents/"

    def upload(user, name="circular.pdf"):
        return api_client_for(user).post(url, {"documents": [SimpleUploadedFile(name, b"%PDF-1.4")]})

    added = upload(focal_bz)
    assert added.status_code == 201 and added.json()[0]["title"] == "circular.pdf"
    assert list(upload(focal_bz, "script.html").json()) == ["documents"]
    assert api_client_for(focal_bz).post(url, {}).status_code == 400
    assert upload(focal_jm).status_code == 404
    assert item.documents.count() == 1


def test_the_secretariat_sends_questionnaires_through_the_api(
    closed_activity, officer, host_jm, focal_jm, api_client_for, mailoutbox, django_capture_on_commit_callbacks
):
    url = "/api/v1/evaluations/send/"
    body = {"activity": closed_activity.pk, "stage": "end"}
    assert api_client_for(host_jm).post(url, body, format="json").status_code == 403
    assert api_client_for(focal_jm).post(url, body, format="json").status_code == 404  # does not read it
    assert list(api_client_for(officer).post(url, {**body, "stage": "later"}, format="json").json()) == ["stage"]
    with django_capture_on_commit_callbacks(execute=True):
        sent = api_client_for(officer).post(url, body, format="json")
    assert sent.status_code == 201 and len(sent.json()) == 5 and len(mailoutbox) == 5
    closed_activity.status = "in_delivery"
    closed_activity.save(update_fields=["status"])
    refused = api_client_for(officer).post(url, {**body, "stage": "follow_up"}, format="json")
    assert refused.status_code == 400 and list(refused.json()) == ["stage"]
