"""Demo data: a realistic community to try Attaché with, flagged so it never mixes with real data.

`load_community()` is idempotent: every record is keyed on a natural key and only written when
it is missing or differs, so a second run changes nothing. `core.demo.demo_load` runs it first
(every other app's demo data depends on it), then the other apps' loaders.
"""

import calendar
import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import translation

from accounts.choices import Role
from accounts.models import User
from community.choices import InstitutionKind, MembershipKind
from community.demo import registry, taxonomy, taxonomy_translations
from community.models import (
    CapabilityArea,
    CommitteeMeeting,
    Institution,
    Language,
    MemberState,
    Network,
    NetworkMembership,
    NonWorkingDay,
    Person,
    PostHeld,
    RegionalMeeting,
)
from core.demo import DEMO_PASSWORD, set_m2m, upsert
from core.translations import STORED_LANGUAGE

# email, full name, role, member state (ISO), institution key, person key, staff + superuser
DEMO_USERS = [
    ("admin@demo.test", "Adrienne Clarke", Role.ADMIN, None, None, None, True),
    ("officer@demo.test", "Marcus Thompson", Role.OFFICER, None, None, None, False),
    ("focal-bz@demo.test", "Elena Castillo", Role.FOCAL_POINT, "BZ", None, None, False),
    ("focal-jm@demo.test", "Andre Campbell", Role.FOCAL_POINT, "JM", None, None, False),
    ("host-jm@demo.test", "Patricia Reid", Role.HOST_COORDINATOR, None, "JM.ucj", None, False),
    ("partner@demo.test", "Sophie Laurent", Role.PARTNER, None, "PARTNER", None, False),
    ("expert@demo.test", "Dwayne Morrison", Role.EXPERT, None, None, "uwi", False),
]


@dataclass
class Loaded:
    """What the demo holds after loading, keyed so later steps can refer to it."""

    languages: dict = field(default_factory=dict)
    states: dict = field(default_factory=dict)
    institutions: dict = field(default_factory=dict)
    areas: dict = field(default_factory=dict)
    people: dict = field(default_factory=dict)
    users: list = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "member states": len(self.states),
            "institutions": len(self.institutions),
            "capability areas": len(self.areas),
            "people": len(self.people),
            "users": len(self.users),
        }


# --- guard -----------------------------------------------------------------------------

NON_DEMO_MODELS = [
    ("institutions", Institution),
    ("people", Person),
    ("capability areas", CapabilityArea),
    ("committee meetings", CommitteeMeeting),
    ("networks", Network),
    ("regional meetings", RegionalMeeting),
    ("non-working days", NonWorkingDay),
]


def non_demo_data() -> list[str]:
    """What of the community is real data: anything but the demo's own member states."""
    found = []
    if MemberState.objects.filter(is_demo=False).exists():
        found.append("member states")
    found += [label for label, model in NON_DEMO_MODELS if model.objects.exists()]
    return found


# --- loading steps ---------------------------------------------------------------------


def _translations(field: str, texts) -> dict[str, str]:
    """{"name_fr": …, "name_es": …, "name_nl": …} from (French, Spanish, Dutch)."""
    return {f"{field}_{code}": text for code, text in zip(("fr", "es", "nl"), texts, strict=True) if text}


def load_languages(data: Loaded) -> None:
    for code, name in registry.LANGUAGES:
        values = {"name": name, **_translations("name", taxonomy_translations.LANGUAGE_NAMES.get(code, ()))}
        data.languages[code] = upsert(Language, {"code": code}, values)


def load_states(data: Loaded) -> None:
    members = [(row, MembershipKind.FULL) for row in registry.FULL_MEMBERS]
    members += [(row, MembershipKind.ASSOCIATE) for row in registry.ASSOCIATE_MEMBERS]
    for row, membership in members:
        iso, name, sub_region, capital, lat, lon, population, tradition, languages, market = row
        state = upsert(
            MemberState,
            {"iso_code": iso},
            {
                "name": name,
                "membership": membership,
                "single_market": market,
                "sub_region": sub_region,
                "capital": capital,
                "latitude": Decimal(lat),
                "longitude": Decimal(lon),
                "population": population,
                "legal_tradition": tradition,
                "time_zone": registry.TIME_ZONES.get(iso, ""),
                "is_demo": True,
            },
        )
        set_m2m(state, "official_languages", [data.languages[code] for code in languages])
        data.states[iso] = state


def _institution(data: Loaded, key, iso, name, acronym, kind, parent_key, visibility, description, seat=None):
    state = data.states[iso] if iso else None
    data.institutions[key] = upsert(
        Institution,
        {"state": state, "name": name},
        {
            "acronym": acronym,
            "kind": kind,
            "visibility": visibility,
            "description": description,
            "parent": data.institutions[parent_key] if parent_key else None,
            "seat": data.states[seat] if seat else None,
        },
    )


def load_ministries(data: Loaded) -> None:
    for iso, ministries in registry.MINISTRIES.items():
        for role, (name, acronym), description in zip(
            ("foreign", "labour", "trade"), ministries, registry.MINISTRY_DESCRIPTIONS, strict=True
        ):
            _institution(
                data, f"{iso}.{role}", iso, name, acronym, InstitutionKind.MINISTRY, None, "shared", description
            )


def load_committees(data: Loaded) -> None:
    for iso in registry.COMMITTEE_STATES:
        for code, name, acronym, description, parent_index in registry.COMMITTEES:
            parent = ("foreign", "labour")[parent_index]
            kind = InstitutionKind.NATIONAL_COMMITTEE
            _institution(data, f"{iso}.{code}", iso, name, acronym, kind, f"{iso}.{parent}", "shared", description)


def load_other_institutions(data: Loaded) -> None:
    for row in registry.OTHER_INSTITUTIONS:
        _institution(data, *row, seat=registry.REGIONAL_SEATS.get(row[0]))


def load_taxonomy(data: Loaded) -> None:
    for code, parent, name, description, levels in taxonomy.AREAS:
        values = {"name": name, "description": description, "parent": data.areas[parent] if parent else None}
        values.update({f"level_{n}": text for n, text in enumerate(levels)})
        values.update(_translations("name", taxonomy_translations.NAMES.get(code, ())))
        for language, levels in (
            ("fr", taxonomy_translations.LEVELS_FR),
            ("es", taxonomy_translations.LEVELS_ES),
            ("nl", taxonomy_translations.LEVELS_NL),
        ):
            values.update({f"level_{n}_{language}": text for n, text in enumerate(levels.get(code, ()))})
        data.areas[code] = upsert(CapabilityArea, {"code": code}, values)


def load_staff_languages(data: Loaded) -> None:
    for key, codes in registry.STAFF_LANGUAGES.items():
        set_m2m(data.institutions[key], "staff_languages", [data.languages[code] for code in codes])


def load_people(data: Loaded) -> None:
    for row in registry.PEOPLE:
        key, honorific, full_name, iso, visibility, email, languages, areas, expertise, posts = row
        state = data.states[iso] if iso else None
        post, institution_key, _start, _end = posts[-1]
        person = upsert(
            Person,
            {"full_name": full_name, "state": state},
            {
                "honorific": honorific,
                "email": email,
                "visibility": visibility,
                "post": post,
                "institution": data.institutions[institution_key],
                "expertise": expertise,
                "is_expert": bool(expertise),
            },
        )
        set_m2m(person, "languages", [data.languages[code] for code in languages])
        set_m2m(person, "expertise_areas", [data.areas[code] for code in areas])
        load_posts(data, person, posts)
        data.people[key] = person


def load_posts(data: Loaded, person: Person, posts) -> None:
    """A person's history of posts, oldest first: earlier posts are closed before the current
    one opens, as when a change of government reassigns an official."""
    for post, institution_key, start, end in posts:
        upsert(
            PostHeld,
            {"person": person, "start_date": start},
            {
                "post": post,
                "institution": data.institutions[institution_key],
                "end_date": end,
            },
        )


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> datetime.date:
    days = [week[weekday] for week in calendar.monthcalendar(year, month) if week[weekday]]
    return datetime.date(year, month, days[nth - 1 if nth > 0 else nth])


def load_meetings(data: Loaded) -> None:
    for key, first, last, months, weekday, nth, place, items, visibility in registry.MEETING_SERIES:
        committee = data.institutions[key]
        for year in range(first, last + 1):
            for month in months:
                day = _nth_weekday(year, month, weekday, nth)
                agenda = "\n".join(f"{n}. {item}" for n, item in enumerate(items, start=1))
                upsert(
                    CommitteeMeeting,
                    {"committee": committee, "date": day},
                    {"place": place, "agenda": agenda, "visibility": visibility},
                )


def load_regional_calendar(data: Loaded) -> None:
    """The councils' meetings, the extra non-working days and what institutions can receive."""
    for iso, day, name in registry.NON_WORKING_DAYS:
        upsert(NonWorkingDay, {"state": data.states[iso], "date": day}, {"name": name})
    for body, title, start, end, iso, venue, attending, areas, agenda in registry.REGIONAL_MEETINGS:
        meeting = upsert(
            RegionalMeeting,
            {"body": body, "start_date": start},
            {"title": title, "end_date": end, "host_state": data.states[iso], "venue": venue, "agenda": agenda},
        )
        set_m2m(meeting, "attending_states", [data.states[code] for code in attending])
        set_m2m(meeting, "areas", [data.areas[code] for code in areas])
    for key, group in registry.GROUP_CAPACITY.items():
        upsert(Institution, {"pk": data.institutions[key].pk}, {"group_capacity": group})


def load_network(data: Loaded) -> None:
    spec = registry.NETWORK
    network = upsert(
        Network, {"name": spec["name"]}, {"description": spec["description"], "established": spec["established"]}
    )
    set_m2m(network, "areas", [data.areas[code] for code in spec["areas"]])
    for person_key, role, joined in spec["members"]:
        upsert(
            NetworkMembership, {"network": network, "person": data.people[person_key]}, {"role": role, "joined": joined}
        )


def load_users(data: Loaded) -> None:
    for email, full_name, role, iso, institution_key, person_key, admin in DEMO_USERS:
        values = {
            "full_name": full_name,
            "role": role,
            "is_active": True,
            "is_staff": admin,
            "is_superuser": admin,
            "member_state": data.states[iso] if iso else None,
            "institution": data.institutions[institution_key] if institution_key else None,
            "person": data.people[person_key] if person_key else None,
        }
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User.objects.create_user(email, DEMO_PASSWORD, **values)
        else:
            user = upsert(User, {"pk": user.pk}, values)
            if not user.check_password(DEMO_PASSWORD):
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
        data.users.append(user)


STEPS = [
    load_languages,
    load_states,
    load_ministries,
    load_committees,
    load_other_institutions,
    load_staff_languages,
    load_taxonomy,
    load_people,
    load_meetings,
    load_regional_calendar,
    load_network,
    load_users,
]


def load_community(*, today: datetime.date) -> dict[str, int]:
    """Load (or refresh) the demo community; what it holds, label → count, for the report.
    The community has no dated records relative to today: its calendar is fixed."""
    data = Loaded()
    # Translated names are written as English text plus each translation, whoever runs the load.
    with translation.override(STORED_LANGUAGE):
        for step in STEPS:
            step(data)
    return data.counts()


def demo_sign_ins() -> list[tuple[str, str]]:
    """(e-mail, who the account is) for each demo account, as loaded."""
    users = User.objects.select_related("member_state", "institution", "person")
    users = {user.email: user for user in users.filter(email__in=[row[0] for row in DEMO_USERS])}
    rows = []
    for email, *_ in DEMO_USERS:
        user = users.get(email)
        if user is None:
            continue
        acts_for = user.member_state or user.institution
        label = f"{user.get_role_display()}, {acts_for}" if acts_for else user.get_role_display()
        rows.append((email, f"{user.full_name} ({label})"))
    return rows
