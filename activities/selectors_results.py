"""Reads of activities for the results frameworks (the results app imports these, never the models)."""

import datetime

from activities.choices import ActivityStatus, NominationStatus
from activities.models import Nomination


def officials_trained(*, activity_ids, start: datetime.date, end: datetime.date) -> dict[int, str]:
    """person id → their nominating state's ISO code, for every official trained in the period:
    a confirmed participant, present at least one day, of a closed activity among
    `activity_ids` whose last day falls between `start` and `end`. Each official counts once."""
    rows = (
        Nomination.objects.filter(
            activity_id__in=list(activity_ids),
            activity__status=ActivityStatus.CLOSED,
            activity__end_date__range=(start, end),
            status=NominationStatus.CONFIRMED,
            attendance__present=True,
        )
        .order_by("person_id", "pk")
        .values_list("person_id", "state__iso_code")
        .distinct()
    )
    trained: dict[int, str] = {}
    for person_id, iso in rows:
        trained.setdefault(person_id, iso)
    return trained
