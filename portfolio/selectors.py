"""Page-shaped reads of the portfolio."""

from portfolio.models import Practice


def practice_list(*, user):
    """The catalogue: the entries the user may read, with what each row shows already joined."""
    return Practice.objects.for_user(user).select_related("state", "institution").prefetch_related("areas", "languages")


def practice_detail_queryset():
    return Practice.objects.select_related("state", "institution", "contact", "reviewed_by").prefetch_related(
        "areas", "languages"
    )


def practices_for_state(*, state, user):
    """A state's entries the user may read, e.g. for the state's page or the matching engine."""
    return practice_list(user=user).filter(state=state)
