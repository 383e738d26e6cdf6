"""Page-shaped reads of the portfolio."""

from portfolio.choices import PracticeStatus
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


def usable_practice_rows(*, user, state=None) -> list[tuple]:
    """The practices a state can offer today (published, or published and due for an update),
    as plain rows: (id, title, state id, institution id, description, results, target population).
    Every state's when `state` is None (the matching engine reads them all at once)."""
    queryset = Practice.objects.for_user(user).filter(status__in=PracticeStatus.listed())
    if state is not None:
        queryset = queryset.filter(state=state)
    return list(
        queryset.order_by("pk").values_list(
            "id", "title", "state_id", "institution_id", "description", "results", "target_population"
        )
    )


def usable_practice_area_rows() -> list[tuple[int, str]]:
    """(practice id, capability area name) for the usable practices."""
    return list(
        Practice.areas.through.objects.filter(practice__status__in=PracticeStatus.listed()).values_list(
            "practice_id", "capabilityarea__name"
        )
    )


def usable_practice_area_id_rows() -> list[tuple[int, int]]:
    """(practice id, capability area id) for the usable practices."""
    return list(
        Practice.areas.through.objects.filter(practice__status__in=PracticeStatus.listed())
        .order_by("practice_id", "capabilityarea_id")
        .values_list("practice_id", "capabilityarea_id")
    )


def usable_practice_language_rows() -> list[tuple[int, int]]:
    """(practice id, language id) for every language a usable practice is offered in."""
    return list(
        Practice.languages.through.objects.filter(practice__status__in=PracticeStatus.listed())
        .order_by("practice_id", "language_id")
        .values_list("practice_id", "language_id")
    )
