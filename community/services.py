"""Writes on the registry that are more than a form save."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community.models import Institution, Person, PostHeld


@transaction.atomic
def person_create(*, form, actor) -> Person:
    """Save a new person and open the first entry of their history of posts."""
    person = form.save()
    if person.post:
        PostHeld.objects.create(
            person=person,
            post=person.post,
            institution=person.institution,
            start_date=form.cleaned_data.get("start_date") or timezone.localdate(),
        )
    return person


@transaction.atomic
def person_reassign(
    *, person_id: int, post: str, institution: Institution | None, start_date: datetime.date, actor
) -> Person:
    """Move a person to a new post, closing the current one so their record and history stay."""
    person = Person.objects.select_for_update().get(pk=person_id)
    if not person.can_change(actor):
        raise PermissionDenied
    current = person.posts.filter(end_date__isnull=True).first()
    if current:
        if start_date <= current.start_date:
            raise ValidationError(
                {
                    "start_date": _("The new post must start after the current one began (%(date)s).")
                    % {"date": current.start_date}
                }
            )
        current.end_date = start_date - datetime.timedelta(days=1)
        current.save(update_fields=["end_date", "updated_at"])
    PostHeld.objects.create(person=person, post=post, institution=institution, start_date=start_date)
    person.post, person.institution = post, institution
    if institution and institution.state_id:
        person.state_id = institution.state_id
    person.save(update_fields=["post", "institution", "state", "updated_at"])
    if not person.can_change(actor):
        raise PermissionDenied  # e.g. moved into another state: rolls the whole reassignment back
    return person
