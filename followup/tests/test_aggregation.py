"""Scores per activity, host state, modality, area and year; who sees what on the Evaluation tab."""

import pytest
from django.urls import reverse

from activities.tests.factories import ActivityFactory
from community.tests.factories import CapabilityAreaFactory
from followup.choices import Stage, UsesResults
from followup.questions import OUTCOME_KEYS
from followup.selectors import Score, evaluation_breakdown, evaluation_scores
from followup.tests.factories import EvaluationAnswerFactory

pytestmark = pytest.mark.django_db


def answer(activity, ratings, stage=Stage.END, uses=UsesResults.YES, **kwargs):
    scores = dict(zip(OUTCOME_KEYS, ratings, strict=True))
    return EvaluationAnswerFactory(
        evaluation__activity=activity, evaluation__stage=stage, scores=scores, uses_results=uses, **kwargs
    )


def test_scores_per_activity_are_the_mean_of_every_rating_with_the_count(closed_activity):
    other = ActivityFactory(status="closed")
    answer(closed_activity, (5, 5, 5, 5, 5))
    answer(closed_activity, (3, 3, 3, 3, 4))  # hand count: (25 + 16) / 10 = 4.1
    answer(other, (2, 2, 2, 2, 2))
    assert evaluation_scores() == {closed_activity.pk: Score(4.1, 2), other.pk: Score(2.0, 1)}
    assert evaluation_scores(activity_ids=[other.pk]) == {other.pk: Score(2.0, 1)}
    assert evaluation_scores(activity_ids=[]) == {}


def test_scores_take_one_query_however_many_answers(closed_activity, django_assert_num_queries):
    answer(closed_activity, (4, 4, 4, 4, 4))
    with django_assert_num_queries(1):
        evaluation_scores()
    for _ in range(6):
        answer(ActivityFactory(status="closed"), (3, 3, 3, 3, 3))
    with django_assert_num_queries(1):
        evaluation_scores()


def test_breakdown_by_host_state_modality_area_and_year(closed_activity, belize):
    area = CapabilityAreaFactory(code="border-risk", name="Border risk management")
    closed_activity.areas.set([area])
    elsewhere = ActivityFactory(status="closed", host_state=belize, modality="workshop")
    answer(closed_activity, (5, 4, 3, 2, 1), uses=UsesResults.NO)
    answer(closed_activity, (5, 4, 3, 2, 1), uses=UsesResults.PARTLY)
    answer(elsewhere, (1, 1, 1, 1, 1))
    by_state = {row["label"]: row for row in evaluation_breakdown(by="host_state")}
    assert by_state["Jamaica"]["answers"] == 2 and by_state["Jamaica"]["overall"] == 3.0
    assert by_state["Jamaica"]["means"] == {"knowledge": 5, "skill": 4, "consensus": 3, "connectivity": 2, "action": 1}
    assert by_state["Jamaica"]["using_share"] == 0.5
    assert by_state["Belize"]["overall"] == 1.0
    by_area = evaluation_breakdown(by="area")
    assert [(row["label"], row["answers"]) for row in by_area] == [("Border risk management", 2)]
    assert {row["label"] for row in evaluation_breakdown(by="modality")} == {
        "Attachment",
        "Workshop or training course",
    }
    years = {row["label"]: row["answers"] for row in evaluation_breakdown(by="year")}
    assert sum(years.values()) == 3
    assert evaluation_breakdown(by="activity", stage=Stage.FOLLOW_UP) == []


def tab(client_for, user, activity):
    return client_for(user).get(reverse("followup:activity_evaluation", args=[activity.pk]))


def test_the_secretariat_sees_answers_linked_to_their_respondent(closed_activity, officer, client_for):
    answer(closed_activity, (4, 4, 4, 4, 4), comment="The border site visit was the best part.")
    page = tab(client_for, officer, closed_activity).content.decode()
    assert "data-linked-answers" in page and "The border site visit was the best part." in page
    assert 'data-mean="knowledge">4.0' in page.replace(",", ".")


@pytest.mark.parametrize("role", ["host_jm", "focal_bz"])
def test_the_host_and_the_states_see_totals_only_from_three_answers(closed_activity, client_for, persona, role):
    user = persona(role)
    answer(closed_activity, (5, 5, 5, 5, 5), comment="Secret remark")
    answer(closed_activity, (3, 3, 3, 3, 3))
    page = tab(client_for, user, closed_activity).content.decode()
    assert "data-too-few" in page and 'data-mean="knowledge"' not in page
    answer(closed_activity, (4, 4, 4, 4, 4))
    page = tab(client_for, user, closed_activity).content.decode()
    assert "data-too-few" not in page and 'data-mean="knowledge">4' in page
    assert "Secret remark" not in page and "data-linked-answers" not in page
    assert "official0@customs.gov.bz" not in page


@pytest.mark.parametrize("role", ["focal_jm", "partner"])
def test_those_who_do_not_read_the_activity_get_404(closed_activity, client_for, persona, role):
    assert tab(client_for, persona(role), closed_activity).status_code == 404


def test_the_activitys_expert_reads_the_totals_never_the_linked_answers(closed_activity, client_for, expert):
    answer(closed_activity, (4, 4, 4, 4, 4))
    page = tab(client_for, expert, closed_activity).content.decode()
    assert "data-linked-answers" not in page and "official0@customs.gov.bz" not in page


def test_only_the_secretariat_sees_the_breakdown(client_for, officer, host_jm, closed_activity):
    answer(closed_activity, (4, 4, 4, 4, 4))
    url = reverse("followup:evaluation_breakdown") + "?by=host_state"
    assert "Jamaica" in client_for(officer).get(url).content.decode()
    assert client_for(host_jm).get(url).status_code == 403


def test_the_tab_takes_the_same_queries_with_one_or_many_answers(
    closed_activity, officer, client_for, django_assert_num_queries
):
    client = client_for(officer)
    answer(closed_activity, (4, 4, 4, 4, 4))
    client.get(reverse("followup:activity_evaluation", args=[closed_activity.pk]))  # warm the session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        tab(lambda user: client, officer, closed_activity)
    for _ in range(5):
        answer(closed_activity, (3, 3, 3, 3, 3))
    with django_assert_num_queries(len(one)):
        tab(lambda user: client, officer, closed_activity)
