"""The follow-up's writes: sending questionnaires and reminders, taking answers, action plans.

Every function takes plain keyword arguments; the pages, the API, the scheduler and the demo
call the same ones."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from activities import selectors_followup as activity_reads
from core.access import can, require
from core.documents import documents_attach
from core.notifications import Recipient, notify
from core.versions import claim
from followup.choices import Respondent, Stage
from followup.links import answer_url, read_token
from followup.models import ActionItem, ActionPlan, Evaluation, EvaluationAnswer
from followup.questions import CURRENT_VERSION

SITE_LANGUAGES = {code for code, _name in settings.LANGUAGES}


class AlreadyAnswered(Exception):
    """This link's questionnaire has its answer: a second one is refused."""


def language_of(person, state=None) -> str:
    """The respondent's language where known: their account's, the first of their languages the
    site speaks, their state's official language, else the site's."""
    user = getattr(person, "user", None) if person is not None else None
    if user is not None and user.preferred_language:
        return user.preferred_language
    candidates = list(person.languages.all()) if person is not None else []
    if state is not None:
        candidates += list(state.official_languages.all())
    for language in candidates:
        if language.code in SITE_LANGUAGES:
            return language.code
    return settings.LANGUAGE_CODE


def _respondents(activity, stage: str) -> list[dict]:
    """Who is asked: the participants who were there; at the end also the experts; the host
    institution both times (its address, else its host coordinators')."""
    found = []
    for nomination in activity_reads.trained_participants(activity_ids=[activity.pk]):
        found.append(
            {
                "respondent": Respondent.PARTICIPANT,
                "person": nomination.person,
                "email": nomination.person.email,
                "language": language_of(nomination.person, nomination.state),
            }
        )
    if stage == Stage.END:
        for expert in activity_reads.activity_experts(activity_id=activity.pk):
            found.append(
                {
                    "respondent": Respondent.EXPERT,
                    "person": expert,
                    "email": expert.email,
                    "language": language_of(expert, expert.state),
                }
            )
    if activity.host_institution_id:
        institution = activity.host_institution
        found.append(
            {
                "respondent": Respondent.HOST,
                "institution": institution,
                "email": institution.email or _host_coordinator_email(institution),
                "language": language_of(None, activity.host_state),
            }
        )
    return [row for row in found if row["email"]]


def _host_coordinator_email(institution) -> str:
    from django.contrib.auth import get_user_model

    from accounts.choices import Role

    user = (
        get_user_model()
        .objects.filter(role=Role.HOST_COORDINATOR, institution=institution, is_active=True)
        .order_by("pk")
        .first()
    )
    return user.email if user else ""


def _send(evaluation: Evaluation, template: str) -> None:
    notify(
        recipients=[Recipient(evaluation.email, evaluation.language)],
        template=template,
        context={
            "evaluation": evaluation,
            "activity": evaluation.activity,
            "url": answer_url(evaluation.pk),
            "stage": evaluation.stage,
        },
        inbox=False,  # the link is a key: it stays in the mailbox only
    )


@transaction.atomic
def evaluations_send(*, activity_id: int, stage: str, actor=None) -> list[Evaluation]:
    """Send the questionnaire of `stage` to each respondent not yet asked; returns those sent.
    `actor` None: the scheduler. The activity must be closed (attendance recorded)."""
    activity = activity_reads.activity_with_host(activity_id=activity_id)
    if actor is not None and not can(actor, "add", Evaluation):
        raise PermissionDenied
    if activity.status != "closed":
        raise ValidationError({"stage": _("Questionnaires go out once the activity is closed with its attendance.")})
    asked = set(Evaluation.objects.filter(activity=activity, stage=stage).values_list("email", flat=True))
    sent = []
    for row in _respondents(activity, stage):
        email = row["email"].strip().lower()
        if email in asked:
            continue
        asked.add(email)
        evaluation = Evaluation.objects.create(
            activity=activity,
            stage=stage,
            respondent=row["respondent"],
            person=row.get("person"),
            institution=row.get("institution"),
            email=email,
            language=row["language"],
            question_set=CURRENT_VERSION,
        )
        _send(evaluation, f"followup/mail/questionnaire_{stage}")
        sent.append(evaluation)
    return sent


def evaluation_from_link(token: str) -> Evaluation:
    """The evaluation a link names (BadLink, ExpiredLink, or Evaluation.DoesNotExist)."""
    return Evaluation.objects.select_related("activity", "activity__host_state").get(pk=read_token(token))


@transaction.atomic
def evaluation_answer(*, token: str, scores: dict, uses_results: str, comment: str = "") -> EvaluationAnswer:
    """Record the one answer a link may give. ValidationError with field keys on bad input;
    AlreadyAnswered on a second answer (checked under a row lock, so two submits at once
    cannot both pass)."""
    evaluation_id = read_token(token)
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation_id)
    if evaluation.answered_at is not None:
        raise AlreadyAnswered
    answer = EvaluationAnswer(evaluation=evaluation, scores=scores, uses_results=uses_results, comment=comment)
    answer.full_clean(exclude=["evaluation", "scores"])  # the fields, then clean(): the ratings
    answer.save()
    evaluation.answered_at = timezone.now()
    evaluation.save(update_fields=["answered_at", "updated_at"])
    return answer


def evaluation_remind(*, evaluation_id: int, number: int, now: datetime.datetime) -> bool:
    """Send reminder `number` (1, 2, …) unless it was already sent: the counter moves in one
    conditional UPDATE, so two schedulers running at once still send it once."""
    won = Evaluation.objects.filter(pk=evaluation_id, reminders_sent=number - 1, answered_at__isnull=True).update(
        reminders_sent=number, last_reminder_at=now, updated_at=now
    )
    if not won:
        return False
    evaluation = Evaluation.objects.select_related("activity").get(pk=evaluation_id)
    _send(evaluation, "followup/mail/reminder")
    return True


# --- action plans -------------------------------------------------------------------------


@transaction.atomic
def actionplan_review(
    *, plan_id: int, note: str, actor, today: datetime.date | None = None, version: int | None = None
) -> ActionPlan:
    """Record the follow-up's review of a plan (the secretariat); `version` (the plan's version
    the page showed) refuses a review of a plan changed since, whose note it would replace."""
    plan = ActionPlan.objects.select_for_update().get(pk=plan_id)
    require(actor, "review", plan)
    if version is not None:
        claim(plan, version)
    if not note.strip():
        raise ValidationError({"review_note": _("Say what the review found.")})
    plan.reviewed_at = today or timezone.localdate()
    plan.review_note = note.strip()
    plan.save(update_fields=["reviewed_at", "review_note", "updated_at"])
    return plan


@transaction.atomic
def actionitem_save(*, item_id: int | None, actor, documents=(), **fields) -> ActionItem:
    """Create or change an item, attaching evidence documents (core.documents); the saved item
    must be one the actor may change (its state's)."""
    item = ActionItem.objects.get(pk=item_id) if item_id else ActionItem()
    if item_id and not item.can_change(actor):
        raise PermissionDenied
    for name, value in fields.items():
        setattr(item, name, value)
    item.evidence_documents_added = bool(documents)  # evidence enough for "done" (ActionItem.clean)
    item.full_clean()
    item.save()
    documents_attach(record=item, uploads=list(documents), uploaded_by=actor)
    if not item.can_change(actor):
        raise PermissionDenied(_("You may not save a record outside your own state or institution."))
    return item


@transaction.atomic
def actionitem_documents_add(*, item_id: int, actor, documents) -> list:
    """Attach evidence documents to an item the actor may change (its state's focal points)."""
    item = ActionItem.objects.get(pk=item_id)
    if not item.can_change(actor):
        raise PermissionDenied
    if not documents:
        raise ValidationError({"documents": _("Choose at least one file.")})
    return documents_attach(record=item, uploads=list(documents), uploaded_by=actor)
