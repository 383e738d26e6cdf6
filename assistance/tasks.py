"""Notifications about requests, sent in the background after the change is committed."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from accounts.choices import Role
from accounts.models import User


def _recipients(change, request) -> set[str]:
    from assistance.choices import Status

    people = {request.focal_point, request.assigned_officer}
    if change.to_status == Status.SUBMITTED:
        # A new request waits for triage: every officer hears of it.
        people.update(User.objects.filter(role=Role.OFFICER, is_active=True))
    people.discard(None)
    people.discard(change.actor)
    return {person.email for person in people if person.is_active}


@task()
def notify_status_change(transition_id: int) -> int:
    """E-mail the people concerned that a request moved; returns how many were told."""
    from assistance.models import AssistanceRequest
    from core.models import TransitionRecord

    change = TransitionRecord.objects.select_related("actor", "on_behalf_of").get(pk=transition_id)
    request = AssistanceRequest.objects.select_related("state", "focal_point", "assigned_officer").get(
        pk=change.object_id
    )
    recipients = sorted(_recipients(change, request))
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {"change": change, "request": request, "site_url": settings.SITE_URL}
        subject = render_to_string("assistance/email/status_change_subject.txt", context).strip()
        body = render_to_string("assistance/email/status_change.txt", context)
    send_mail(subject, body, None, recipients)
    return len(recipients)


@task()
def notify_assignment(request_id: int) -> int:
    """Tell an officer a request was routed to them."""
    from assistance.models import AssistanceRequest

    request = AssistanceRequest.objects.select_related("assigned_officer", "state").get(pk=request_id)
    officer = request.assigned_officer
    if officer is None or not officer.is_active:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {"request": request, "site_url": settings.SITE_URL}
        subject = render_to_string("assistance/email/assigned_subject.txt", context).strip()
        body = render_to_string("assistance/email/assigned.txt", context)
    send_mail(subject, body, None, [officer.email])
    return 1
