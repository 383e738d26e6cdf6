"""Writes on the registry that are more than a form save."""

import copy
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community.models import Institution, Network, NetworkMembership, Person, PostHeld
from core.access import scope_move_message, scope_moves_refused


@transaction.atomic
def person_create(
    *, actor, start_date: datetime.date | None = None, languages=(), expertise_areas=(), **fields
) -> Person:
    """Save a new person and open the first entry of their history of posts (from `start_date`,
    today when not given). The person must be one the actor may change, or nothing is saved."""
    person = Person(**fields)
    person.full_clean()
    person.save()
    person.languages.set(languages)
    person.expertise_areas.set(expertise_areas)
    if person.post:
        PostHeld.objects.create(
            person=person,
            post=person.post,
            institution=person.institution,
            start_date=start_date or timezone.localdate(),
        )
    if not person.can_change(actor):
        raise PermissionDenied(_("You may not save a record outside your own state or institution."))
    return person


@transaction.atomic
def network_add_member(*, network: Network, person: Person, actor, **fields) -> NetworkMembership:
    """Add a person to a network, once: a second membership is refused on the person field."""
    if not network.can_change(actor):
        raise PermissionDenied
    if network.memberships.filter(person=person).exists():
        raise ValidationError({"person": _("This person is already a member.")})
    return NetworkMembership.objects.create(network=network, person=person, **fields)


@transaction.atomic
def person_reassign(
    *, person_id: int, post: str, institution: Institution | None, start_date: datetime.date, actor
) -> Person:
    """Move a person to a new post, closing the current one so their record and history stay."""
    person = Person.objects.select_for_update().get(pk=person_id)
    if not person.can_change(actor):
        raise PermissionDenied
    saved = copy.copy(person)
    person.post, person.institution = post, institution
    if institution and institution.state_id:
        person.state_id = institution.state_id
    if scope_moves_refused(actor, saved, person):
        # An expert or a host coordinator never moves a profile out of (or into) their scope.
        raise ValidationError({"institution": scope_move_message()})
    current = saved.posts.filter(end_date__isnull=True).first()
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
    person.save(update_fields=["post", "institution", "state", "updated_at"])
    if not person.can_change(actor):
        raise PermissionDenied  # e.g. moved into another state: rolls the whole reassignment back
    return person
