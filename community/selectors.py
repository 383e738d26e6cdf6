"""Page-shaped reads of the registry."""

from django.conf import settings
from django.db.models import BooleanField, ExpressionWrapper, Prefetch, Q
from django.db.models.functions import Coalesce
from modeltranslation.utils import build_localized_fieldname

from community import models
from community.choices import InstitutionStatus
from core.access import EVERYTHING
from core.paging import capped_count
from core.querysets import count_of


def home_counts(*, user) -> dict:
    """How many records of each kind the user may see, each counted up to COUNT_CAP + 1 only
    (50,000 people are not counted on every home page)."""
    return {
        "states": capped_count(models.MemberState.objects.for_user(user)),
        "institutions": capped_count(models.Institution.objects.for_user(user)),
        "people": capped_count(models.Person.objects.for_user(user)),
        "networks": capped_count(models.Network.objects.for_user(user)),
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


def _visible_people(user):
    """The people the user may see, or None for whoever sees everyone (no filter needed)."""
    if models.Person.access.view_q(user) == EVERYTHING:
        return None
    return models.Person.objects.for_user(user)


def network_list(*, user):
    """Visible networks with their visible members counted, one count per network of the page,
    through the memberships' network index (a grouped count would test every membership against
    every visible person)."""
    return (
        models.Network.objects.for_user(user)
        .prefetch_related("areas")
        .annotate(member_count=count_of(_visible_memberships(user), "network"))
    )


def _visible_memberships(user):
    """Memberships of the people the user may see: restricted people of other states stay hidden."""
    visible_people = _visible_people(user)
    memberships = models.NetworkMembership.objects.all()
    return memberships if visible_people is None else memberships.filter(person__in=visible_people)


def network_members(*, network, user):
    """Members of a network the user may see, by name: the page shows them a page at a time."""
    return _visible_memberships(user).filter(network=network).select_related("person__state")


def area_list(*, user):
    return models.CapabilityArea.objects.for_user(user).select_related("parent")


def person_detail_posts(*, person, user):
    return person.posts.prefetch_related(visible_institutions(user))


# --- plain rows for other apps (peer matching reads the community through these) ---------------


def memberstate_get(*, pk: int) -> "models.MemberState | None":
    return models.MemberState.objects.filter(pk=pk).first()


def institution_get(*, pk: int) -> "models.Institution | None":
    return models.Institution.objects.filter(pk=pk).first()


def institution_by_name(*, state_iso: str, name: str) -> "models.Institution | None":
    return models.Institution.objects.filter(state__iso_code=state_iso, name=name).first()


def person_get(*, pk: int) -> "models.Person | None":
    return models.Person.objects.filter(pk=pk).first()


def memberstate_queryset():
    """Every member state, unscoped: a form's or serializer's choices (the service checks access)."""
    return models.MemberState.objects.all()


def institution_queryset():
    return models.Institution.objects.all()


def expert_queryset():
    """The people available as experts, unscoped."""
    return models.Person.objects.filter(is_expert=True)


def state_rows(*, user) -> list[tuple]:
    """The states the user may see, by name: (id, name, iso_code, capital, population, sub_region,
    legal_tradition, latitude, longitude)."""
    return list(
        models.MemberState.objects.for_user(user)
        .order_by("name", "pk")
        .values_list(
            "id", "name", "iso_code", "capital", "population", "sub_region", "legal_tradition", "latitude", "longitude"
        )
    )


def state_language_rows() -> list[tuple[int, int, str]]:
    """(state id, language id, language name) for every official language, by language name."""
    return list(
        models.MemberState.official_languages.through.objects.order_by("language__name", "language_id").values_list(
            "memberstate_id", "language_id", "language__name"
        )
    )


def area_rows() -> list[tuple[int, str, int | None]]:
    """The capability taxonomy in tree order: (id, name, parent id)."""
    return list(models.CapabilityArea.objects.order_by("path", "pk").values_list("id", "name", "parent_id"))


def institution_rows(*, user) -> list[tuple]:
    """The institutions the user may see that can host, by name: the national ones and the
    regional ones with a seat, active or closed: (id, name, acronym, state id (the seat of a
    regional institution), description, regional, closed)."""
    return list(
        models.Institution.objects.for_user(user)
        .filter(Q(state__isnull=False) | Q(seat__isnull=False))
        .annotate(
            location=Coalesce("state_id", "seat_id"),
            regional=ExpressionWrapper(Q(state__isnull=True), output_field=BooleanField()),
            closed=ExpressionWrapper(Q(status=InstitutionStatus.CLOSED), output_field=BooleanField()),
        )
        .order_by("name", "pk")
        .values_list("id", "name", "acronym", "location", "description", "regional", "closed")
    )


def meeting_rows(*, user, since) -> list[tuple]:
    """National committees' meetings from `since` on: (committee id, date, agenda)."""
    return list(
        models.CommitteeMeeting.objects.for_user(user)
        .filter(committee__state__isnull=False, date__gte=since)
        .order_by("committee_id", "date")
        .values_list("committee_id", "date", "agenda")
    )


def expert_rows(*, user) -> list[tuple]:
    """The experts the user may see: (id, full name, honorific, post, state id, expertise,
    institution name, the institution's state id)."""
    return list(
        models.Person.objects.for_user(user)
        .filter(is_expert=True)
        .order_by("pk")
        .values_list(
            "id",
            "full_name",
            "honorific",
            "post",
            "state_id",
            "expertise",
            "institution__name",
            "institution__state_id",
        )
    )


def expert_language_rows() -> list[tuple[int, str]]:
    """(person id, language name) for every expert's language."""
    return list(
        models.Person.languages.through.objects.filter(person__is_expert=True).values_list(
            "person_id", "language__name"
        )
    )


def expert_area_rows() -> list[tuple[int, int]]:
    """(person id, capability area id) for every expert's area of expertise."""
    return list(
        models.Person.expertise_areas.through.objects.filter(person__is_expert=True).values_list(
            "person_id", "capabilityarea_id"
        )
    )


def institution_capacity_rows() -> list[tuple[int, int]]:
    """(institution id, largest group it can receive) for the institutions that state one."""
    return list(
        models.Institution.objects.filter(group_capacity__isnull=False)
        .order_by("pk")
        .values_list("id", "group_capacity")
    )


def regional_meeting_rows(*, since) -> list[tuple]:
    """Meetings of the community's organs and councils ending on or after `since` (2 queries):
    (id, body, title, first day, last day, host state id or None, venue, agenda,
    attending state ids, capability area ids)."""
    meetings = list(
        models.RegionalMeeting.objects.filter(end_date__gte=since)
        .order_by("start_date", "pk")
        .values_list("id", "body", "title", "start_date", "end_date", "host_state_id", "venue", "agenda")
    )
    attending: dict[int, list[int]] = {row[0]: [] for row in meetings}
    areas: dict[int, list[int]] = {row[0]: [] for row in meetings}
    through = models.RegionalMeeting.attending_states.through.objects.filter(regionalmeeting__end_date__gte=since)
    for meeting_id, state_id in through.values_list("regionalmeeting_id", "memberstate_id"):
        attending.setdefault(meeting_id, []).append(state_id)
    area_through = models.RegionalMeeting.areas.through.objects.filter(regionalmeeting__end_date__gte=since)
    for meeting_id, area_id in area_through.values_list("regionalmeeting_id", "capabilityarea_id"):
        areas.setdefault(meeting_id, []).append(area_id)
    return [(*row, tuple(sorted(attending[row[0]])), tuple(sorted(areas[row[0]]))) for row in meetings]


def non_working_day_rows(countries, start, end) -> list[tuple]:
    """(ISO code, date, name) of the states' extra non-working days from start to end (1 query;
    every state when `countries` is None): the source `core.calendar` reads."""
    days = models.NonWorkingDay.objects.filter(date__range=(start, end))
    if countries is not None:
        days = days.filter(state__iso_code__in=list(countries))
    return list(days.order_by("date", "pk").values_list("state__iso_code", "date", "name"))


def institution_language_rows() -> list[tuple[int, int]]:
    """(institution id, language id) for every language an institution's staff work in."""
    return list(
        models.Institution.staff_languages.through.objects.order_by("institution_id", "language_id").values_list(
            "institution_id", "language_id"
        )
    )


def _name_translations(model) -> dict[str, dict[int, str]]:
    """{language code: {id: name}} for every interface language but the stored one (English),
    where the name is translated (one query)."""
    codes = [code for code, _label in settings.LANGUAGES if code != settings.MODELTRANSLATION_DEFAULT_LANGUAGE]
    columns = [build_localized_fieldname("name", code) for code in codes]
    found: dict[str, dict[int, str]] = {code: {} for code in codes}
    for pk, *names in model.objects.order_by("pk").values_list("pk", *columns):
        for code, name in zip(codes, names, strict=True):
            if name:
                found[code][pk] = name
    return found


def area_name_translations() -> dict[str, dict[int, str]]:
    """The capability areas' names in the other interface languages: {code: {area id: name}}."""
    return _name_translations(models.CapabilityArea)


def language_name_translations() -> dict[str, dict[int, str]]:
    """The languages' names in the other interface languages: {code: {language id: name}}."""
    return _name_translations(models.Language)
