"""Questionnaires by signed link: sent to the right people in their language, answered once,
with no account; a changed or expired link gets a clear page, never an error."""

import datetime
import re

import pytest
from django.core import signing
from django.urls import reverse

from community.models import Language
from followup import services
from followup.choices import Respondent, Stage
from followup.links import SALT, make_token
from followup.models import Evaluation, EvaluationAnswer
from followup.questions import OUTCOME_KEYS

pytestmark = pytest.mark.django_db

GOOD = {**{f"score_{key}": "4" for key in OUTCOME_KEYS}, "uses_results": "yes", "comment": "Very useful."}


def send(activity, officer, capture, stage=Stage.END):
    with capture(execute=True):
        return services.evaluations_send(activity_id=activity.pk, stage=stage, actor=officer)


def link_in(message) -> str:
    return re.search(r"https?://\S+/followup/answer/\S+/", message.body).group(0)


def test_the_end_questionnaire_goes_to_participants_experts_and_host(
    closed_activity, officer, mailoutbox, django_capture_on_commit_callbacks
):
    sent = send(closed_activity, officer, django_capture_on_commit_callbacks)
    kinds = sorted(evaluation.respondent for evaluation in sent)
    assert kinds == [Respondent.EXPERT, Respondent.HOST] + [Respondent.PARTICIPANT] * 3
    assert sorted(m.to[0] for m in mailoutbox) == sorted(e.email for e in sent)
    assert "training@jca.gov.jm" in {m.to[0] for m in mailoutbox}
    # Sending again asks nobody twice.
    assert send(closed_activity, officer, django_capture_on_commit_callbacks) == []
    assert len(mailoutbox) == 5


def test_the_six_month_follow_up_goes_to_participants_and_host_only(
    closed_activity, officer, django_capture_on_commit_callbacks
):
    sent = send(closed_activity, officer, django_capture_on_commit_callbacks, stage=Stage.FOLLOW_UP)
    assert sorted({e.respondent for e in sent}) == [Respondent.HOST, Respondent.PARTICIPANT]


def test_a_respondent_is_written_to_in_their_language(
    closed_activity, officer, mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    """The message is rendered in the language kept with the questionnaire (core.notifications)."""
    from core import notifications

    rendered = []
    real = notifications.render_message
    monkeypatch.setattr(
        notifications, "render_message", lambda **kw: rendered.append((kw["template"], kw["language"])) or real(**kw)
    )
    nomination = closed_activity.nominations.first()
    nomination.person.languages.set([Language.objects.get_or_create(code="fr", defaults={"name": "French"})[0]])
    send(closed_activity, officer, django_capture_on_commit_callbacks)
    evaluation = Evaluation.objects.get(person=nomination.person)
    assert evaluation.language == "fr"
    assert Evaluation.objects.get(respondent=Respondent.EXPERT).language == "en"
    assert any(m.to == [nomination.person.email] for m in mailoutbox)
    assert ("followup/mail/questionnaire_end", "fr") in rendered


def test_only_the_secretariat_sends(closed_activity, focal_bz, host_jm):
    from django.core.exceptions import PermissionDenied

    for user in (focal_bz, host_jm):
        with pytest.raises(PermissionDenied):
            services.evaluations_send(activity_id=closed_activity.pk, stage=Stage.END, actor=user)


def test_an_open_activity_gets_no_questionnaire(closed_activity, officer):
    from django.core.exceptions import ValidationError

    closed_activity.status = "in_delivery"
    closed_activity.save(update_fields=["status"])
    with pytest.raises(ValidationError):
        services.evaluations_send(activity_id=closed_activity.pk, stage=Stage.END, actor=officer)


def test_a_participant_answers_once_without_an_account(
    closed_activity, officer, client, mailoutbox, django_capture_on_commit_callbacks
):
    send(closed_activity, officer, django_capture_on_commit_callbacks)
    message = next(m for m in mailoutbox if m.to[0].startswith("official0"))
    url = link_in(message).split("://", 1)[1].split("/", 1)[1]
    url = "/" + url
    page = client.get(url)
    assert page.status_code == 200
    assert "Workshop on risk management at the border" in page.content.decode()
    response = client.post(url, GOOD)
    assert response.status_code == 200 and "data-thanks" in response.content.decode()
    answer = EvaluationAnswer.objects.get()
    assert answer.scores == dict.fromkeys(OUTCOME_KEYS, 4)
    assert answer.evaluation.person.email == "official0@customs.gov.bz"  # linked, for the secretariat
    # A second submit is refused clearly, and the link now says so.
    again = client.post(url, {**GOOD, "comment": "changed my mind"})
    assert again.status_code == 409 and "data-already-answered" in again.content.decode()
    assert client.get(url).content.decode().count("data-already-answered") == 1
    assert EvaluationAnswer.objects.count() == 1 and EvaluationAnswer.objects.get().comment == "Very useful."


def test_a_missing_rating_is_refused_by_field(closed_activity, officer, client, django_capture_on_commit_callbacks):
    evaluation = send(closed_activity, officer, django_capture_on_commit_callbacks)[0]
    url = reverse("followup:answer", args=[make_token(evaluation.pk)])
    data = {key: value for key, value in GOOD.items() if key != "score_skill"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"score_skill"}
    assert not EvaluationAnswer.objects.exists()


def test_the_service_refuses_a_rating_out_of_scale(closed_activity, officer, django_capture_on_commit_callbacks):
    from django.core.exceptions import ValidationError

    evaluation = send(closed_activity, officer, django_capture_on_commit_callbacks)[0]
    scores = {**dict.fromkeys(OUTCOME_KEYS, 3), "skill": 9}
    with pytest.raises(ValidationError) as refused:
        services.evaluation_answer(token=make_token(evaluation.pk), scores=scores, uses_results="yes")
    assert set(refused.value.message_dict) == {"score_skill"}


def test_a_changed_link_gets_a_clear_400_page(closed_activity, officer, client, django_capture_on_commit_callbacks):
    evaluation = send(closed_activity, officer, django_capture_on_commit_callbacks)[0]
    token = make_token(evaluation.pk)
    other = signing.TimestampSigner(salt=SALT).sign(str(evaluation.pk + 1000))
    for bad in (token[:-2] + "xx", token.replace(str(evaluation.pk), str(evaluation.pk + 1), 1), "nonsense", other):
        response = client.get(reverse("followup:answer", args=[bad]))
        assert response.status_code == 400, bad
        assert 'data-link-problem="invalid"' in response.content.decode()


def test_an_expired_link_gets_a_clear_410_page(
    closed_activity, officer, client, settings, django_capture_on_commit_callbacks
):
    evaluation = send(closed_activity, officer, django_capture_on_commit_callbacks)[0]
    token = make_token(evaluation.pk)
    settings.EVALUATION_LINK_DAYS = 60
    import time_machine

    with time_machine.travel(datetime.datetime.now() + datetime.timedelta(days=61)):
        response = client.get(reverse("followup:answer", args=[token]))
        posted = client.post(reverse("followup:answer", args=[token]), GOOD)
    assert response.status_code == 410 and posted.status_code == 410
    assert 'data-link-problem="expired"' in response.content.decode()
    assert not EvaluationAnswer.objects.exists()
    settings.EVALUATION_LINK_DAYS = 90  # configurable: the same link is valid again
    with time_machine.travel(datetime.datetime.now() + datetime.timedelta(days=61)):
        assert client.get(reverse("followup:answer", args=[token])).status_code == 200
