"""Page-shaped reads of the registry."""

from django.db.models import Count, Prefetch, Q

from community import models


def home_counts(*, user) -> dict:
    return {
        "states": models.MemberState.objects.for_user(user).count(),
        "institutions": models.Institution.objects.for_user(user).count(),
        "people": models.Person.objects.for_user(user).count(),
        "networks": models.Network.objects.for_user(user).count(),
    }


def memberstate_list(*, user):
    return models.MemberState.objects.for_user(user).prefetch_related("official_languages")


def institution_list(*, user):
    return models.Institution.objects.for_user(user).select_related("state", "parent")


def visible_institutions(user) -> Prefetch:
    """Load a person's or post's institution only when the user may see it: a shared person at a
    restricted body shows no institution, rather than the body's name."""
    return Prefetch("institution", queryset=models.Institution.objects.for_user(user))


def person_list(*, user):
    return (
        models.Person.objects.for_user(user)
        .select_related("state")
        .prefetch_related(visible_institutions(user), "languages", "expertise_areas")
    )


def meeting_list(*, user):
    return models.CommitteeMeeting.objects.for_user(user).select_related("committee__state")


def network_list(*, user):
    visible_people = models.Person.objects.for_user(user)
    return (
        models.Network.objects.for_user(user)
        .prefetch_related("areas")
        .annotate(member_count=Count("memberships", filter=Q(memberships__person__in=visible_people), distinct=True))
        .order_by("name")
    )  # GROUP BY queries drop Meta.ordering


def network_members(*, network, user):
    """Members of a network the user may see: restricted people of other states stay hidden."""
    visible_people = models.Person.objects.for_user(user)
    return network.memberships.filter(person__in=visible_people).select_related("person__state", "person__institution")


def area_list(*, user):
    return models.CapabilityArea.objects.for_user(user).select_related("parent")


def person_detail_posts(*, person, user):
    return person.posts.prefetch_related(visible_institutions(user))
