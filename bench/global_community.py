"""A global-scale community for the page benchmark, written fast into an empty, migrated database.

    from bench.global_community import build
    community = build(scale=1.0)     # 200 states, 400 areas, 5,000 institutions, 50,000 people,
                                     # 100,000 requests, 80,000 assessments, 500 decisions…
    community = build(scale=0.01)    # a demo-sized community (the same shape, a hundredth of it)

Every row is written with `bulk_create` in large batches: no per-row `save()`, no signals, no
history. What the models would derive on save is written directly (an area's `path`, the
translated columns' English values, a request's reference and its last status change), and the
counters that hand out numbers (`ReferenceCounter`) are moved past what was written, so the site
keeps working on the result. Derived tables that the code maintains are refreshed once at the end
through `core.derived.refresh_derived_data()`, the one place that knows about them.

Only the few people the benchmark signs in as get a user account (`Community.users`, by role).
The figures are deterministic for a given scale and seed.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np

# The counts of a global community (scale 1); each is multiplied by the scale, with a floor that
# keeps a small community's pages meaningful (a heatmap of at least a few states and areas).
BASE = {
    "states": (200, 8),
    "area_roots": (40, 3),
    "institutions": (5_000, 40),
    "people": (50_000, 200),
    "requests": (100_000, 300),
    "assessments": (80_000, 150),
    "decisions": (500, 5),
    "activities": (10_000, 40),
    "practices": (2_000, 20),
    "programmes": (20, 2),
    "networks": (30, 2),
    "regional_meetings": (120, 3),
}
CHILDREN_PER_ROOT = 9  # 40 families of 10 areas: 400 areas
ACTIONS_PER_DECISION = 3
SUB_REGIONS = 12
LANGUAGES = 60
BATCH = 5_000
# Share of (state, action) pairs with implementation reports, and of reports with an update.
REPORTED_SHARE = 0.4
# One activity in this many is hosted by the host coordinator's institution, and the focal
# point's state takes part in two in this many: their pages have records at every scale.
HOSTED_BY_SIGNED_IN = 50
# Roles the benchmark signs in as: the key names the user in `Community.users`.
ROLES = ("officer", "focal_point", "host_coordinator", "partner")


@dataclass
class Community:
    """What was built: the counts, the users by role and the ids the benchmark needs."""

    scale: float
    counts: dict[str, int] = field(default_factory=dict)
    users: dict[str, int] = field(default_factory=dict)
    focal_state_id: int | None = None
    seconds: float = 0.0


def scaled(name: str, scale: float) -> int:
    base, floor = BASE[name]
    return max(floor, round(base * scale))


def word(k: int) -> str:
    """A pronounceable word for number k (distinct numbers give distinct words)."""
    consonants, vowels = "bcdfghjklmnprstvz", "aeiou"
    text, k = "", k + 1
    while k:
        k, c = divmod(k, len(consonants))
        k, v = divmod(k, len(vowels))
        text += consonants[c] + vowels[v]
    return text


@contextmanager
def dates_as_given() -> Iterator[None]:
    """Let bulk_create keep the `created_at`/`updated_at` the builder sets (a community's records
    were made over years, and lists sort on them) instead of stamping them all with now; a row
    given no date still gets now, as a save would give it."""
    from django.apps import apps

    patched = []
    for model in apps.get_models():
        for model_field in model._meta.concrete_fields:
            stamped = getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False)
            if stamped and model_field not in patched:  # a parent's field is listed by its children too
                model_field.pre_save = _keep_given(model_field, model_field.pre_save)
                patched.append(model_field)
    try:
        yield
    finally:
        for model_field in patched:
            del model_field.pre_save  # back to the class's method


def _keep_given(model_field, stamp):
    def pre_save(instance, add):
        value = getattr(instance, model_field.attname)
        return value if value is not None else stamp(instance, add)

    return pre_save


def insert(model, rows: list, *, batch: int = BATCH) -> list:
    """bulk_create in batches; the returned objects carry their primary keys."""
    return model.objects.bulk_create(rows, batch_size=batch)


def insert_links(through, rows: list[dict]) -> None:
    """Many-to-many links, given as field values (ids), without building related objects."""
    through.objects.bulk_create([through(**row) for row in rows], batch_size=BATCH)


class Builder:
    """Writes one community; each step is a method, in dependency order."""

    def __init__(self, scale: float, seed: int, today: datetime.date):
        self.scale, self.today = scale, today
        self.rng = np.random.default_rng(seed)
        self.now = datetime.datetime.combine(today, datetime.time(9), tzinfo=datetime.UTC)
        self.counts: dict[str, int] = {}
        self.vocabulary = [word(k) for k in range(3_000)]

    # --- helpers ----------------------------------------------------------------------------

    def n(self, name: str) -> int:
        return scaled(name, self.scale)

    def text(self, words: int) -> str:
        picks = self.rng.zipf(1.4, size=words)
        return " ".join(self.vocabulary[min(int(z), len(self.vocabulary)) - 1] for z in picks).capitalize() + "."

    def pick(self, items: list, size: int | None = None):
        if size is None:
            return items[int(self.rng.integers(len(items)))]
        return [items[int(k)] for k in self.rng.choice(len(items), size=min(size, len(items)), replace=False)]

    def days_ago(self, low: int, high: int) -> datetime.date:
        return self.today - datetime.timedelta(days=int(self.rng.integers(low, high)))

    def moment(self, day: datetime.date) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(int(self.rng.integers(8, 18))), tzinfo=datetime.UTC)

    def stamps(self, day: datetime.date) -> dict:
        at = self.moment(day)
        return {"created_at": at, "updated_at": at}

    def count(self, name: str, rows) -> list:
        self.counts[name] = self.counts.get(name, 0) + len(rows)
        return rows

    # --- the registry -----------------------------------------------------------------------

    def languages(self):
        from community.models import Language

        rows = [
            Language(code=f"x{k:02d}", name=f"Language {word(k).capitalize()}", name_en=f"Language {word(k)}")
            for k in range(LANGUAGES)
        ]
        self.language_ids = [language.pk for language in self.count("languages", insert(Language, rows))]

    def states(self):
        from community.choices import LegalTradition, MembershipKind
        from community.models import MemberState

        zones = sorted(zone for zone in zoneinfo.available_timezones() if "/" in zone and not zone.startswith("Etc"))
        traditions = list(LegalTradition.values)
        rows = []
        for s in range(self.n("states")):
            letters = f"{chr(65 + s // 26)}{chr(65 + s % 26)}"
            rows.append(
                MemberState(
                    name=f"{word(s).capitalize()} {letters}",
                    iso_code=letters,
                    membership=MembershipKind.ASSOCIATE if s % 10 == 9 else MembershipKind.FULL,
                    single_market=s % 3 == 0,
                    sub_region=f"Sub-region {s % SUB_REGIONS + 1}",
                    capital=f"{word(1000 + s).capitalize()} City",
                    latitude=Decimal(str(round(float(self.rng.uniform(-60, 70)), 5))),
                    longitude=Decimal(str(round(float(self.rng.uniform(-180, 180)), 5))),
                    population=int(self.rng.uniform(1e4, 2e8)),
                    legal_tradition=traditions[s % len(traditions)],
                    time_zone=zones[(s * 7) % len(zones)],
                    **self.stamps(self.days_ago(2000, 3000)),
                )
            )
        self.state_ids = [state.pk for state in self.count("states", insert(MemberState, rows))]
        # Each state develops some capability areas more than others; a few are far ahead.
        self.development = self.rng.beta(2, 2.5, size=len(self.state_ids))
        through = MemberState.official_languages.through
        links = [
            {"memberstate_id": state_id, "language_id": language_id}
            for state_id in self.state_ids
            for language_id in self.pick(self.language_ids, int(self.rng.integers(1, 4)))
        ]
        insert_links(through, self.count("state languages", links))

    def areas(self):
        from community.models import CapabilityArea

        roots, children = self.n("area_roots"), CHILDREN_PER_ROOT
        levels = ("absent", "initial", "developing", "established", "model")

        def area(code: str, name: str, path: str, parent_id=None):
            texts = {f"level_{k}": f"{name}: {label} ({self.text(8)})" for k, label in enumerate(levels)}
            description = self.text(20)
            return CapabilityArea(
                code=code,
                name=name,
                name_en=name,
                parent_id=parent_id,
                path=path,
                description=description,
                description_en=description,
                **texts,
                **{f"{key}_en": value for key, value in texts.items()},
                **self.stamps(self.days_ago(2000, 3000)),
            )

        root_rows = [area(f"f{r:02d}", f"Family {word(r).capitalize()}", f"f{r:02d}") for r in range(roots)]
        root_ids = [root.pk for root in insert(CapabilityArea, root_rows)]
        child_rows = [
            area(
                f"f{r:02d}-{c:02d}",
                f"{word(500 + r * children + c).capitalize()} systems",
                f"f{r:02d}/f{r:02d}-{c:02d}",
                root_ids[r],
            )
            for r in range(roots)
            for c in range(children)
        ]
        child_ids = [child.pk for child in insert(CapabilityArea, child_rows)]
        self.root_area_ids, self.area_ids = root_ids, root_ids + child_ids
        self.leaf_area_ids = child_ids
        self.counts["capability areas"] = len(self.area_ids)

    def institutions(self):
        from community.choices import InstitutionKind
        from community.models import Institution

        national = [
            InstitutionKind.MINISTRY,
            InstitutionKind.DEPARTMENT,
            InstitutionKind.AGENCY,
            InstitutionKind.NATIONAL_COMMITTEE,
            InstitutionKind.UNIVERSITY,
            InstitutionKind.ACCREDITATION_BODY,
        ]
        total = self.n("institutions")
        regional = max(4, total // 100)
        per_state, extra = divmod(max(total - regional, len(self.state_ids)), len(self.state_ids))
        rows = []
        for s, state_id in enumerate(self.state_ids):
            for k in range(per_state + (s < extra)):
                kind = national[k % len(national)]
                rows.append(
                    Institution(
                        name=f"{kind.label} of {word(s * (per_state + 1) + k).capitalize()}",
                        acronym=word(s * (per_state + 1) + k)[:6].upper(),
                        kind=kind,
                        state_id=state_id,
                        description=self.text(25),
                        website=f"https://{word(s * (per_state + 1) + k)}.example.org",
                        email=f"info@{word(s * (per_state + 1) + k)}.example.org",
                        visibility="restricted" if k % 7 == 6 else "shared",
                        group_capacity=int(self.rng.integers(2, 30)),
                        **self.stamps(self.days_ago(1000, 3000)),
                    )
                )
        for k in range(regional):
            kind = InstitutionKind.DEVELOPMENT_PARTNER if k % 2 else InstitutionKind.REGIONAL_BODY
            rows.append(
                Institution(
                    name=f"{kind.label} {word(90_000 + k).capitalize()}",
                    kind=kind,
                    seat_id=self.state_ids[k % len(self.state_ids)] if kind == InstitutionKind.REGIONAL_BODY else None,
                    description=self.text(25),
                    **self.stamps(self.days_ago(1000, 3000)),
                )
            )
        created = self.count("institutions", insert(Institution, rows))
        self.institutions_by_state: dict[int, list[int]] = {}
        for institution in created:
            if institution.state_id:
                self.institutions_by_state.setdefault(institution.state_id, []).append(institution.pk)
        self.committee_ids = [i.pk for i in created if i.kind == InstitutionKind.NATIONAL_COMMITTEE]
        self.partner_ids = [i.pk for i in created if i.kind == InstitutionKind.DEVELOPMENT_PARTNER]

    def people(self):
        from community.models import Person, PostHeld

        rows, total = [], self.n("people")
        posts = ("Director", "Senior officer", "Analyst", "Permanent secretary", "Registrar", "Adviser")
        for k in range(total):
            state_id = self.state_ids[k % len(self.state_ids)] if k % 20 else None
            institution_id = self.pick(self.institutions_by_state[state_id]) if state_id and k % 3 else None
            expert = k % 5 == 0
            rows.append(
                Person(
                    full_name=f"{word(k).capitalize()} {word(70_000 + k * 7).capitalize()}",
                    honorific=("Dr", "Ms", "Mr", "")[k % 4],
                    post=posts[k % len(posts)],
                    institution_id=institution_id,
                    state_id=state_id,
                    email=f"person{k}@example.org",
                    phone=f"+1 555 {k:07d}",
                    expertise=self.text(20) if expert else "",
                    is_expert=expert,
                    visibility="restricted" if k % 9 == 8 else "shared",
                    **self.stamps(self.days_ago(10, 3000)),
                )
            )
        people = self.count("people", insert(Person, rows))
        self.person_ids = [person.pk for person in people]
        self.expert_ids = [person.pk for person in people if person.is_expert]
        self.people_by_state: dict[int, list[int]] = {}
        for person in people:
            if person.state_id:
                self.people_by_state.setdefault(person.state_id, []).append(person.pk)
        insert_links(
            Person.languages.through,
            self.count(
                "person languages",
                [
                    {"person_id": person.pk, "language_id": language_id}
                    for person in people
                    for language_id in self.pick(self.language_ids, 1 + person.pk % 2)
                ],
            ),
        )
        insert_links(
            Person.expertise_areas.through,
            self.count(
                "expertise areas",
                [
                    {"person_id": person_id, "capabilityarea_id": area_id}
                    for person_id in self.expert_ids
                    for area_id in self.pick(self.area_ids, int(self.rng.integers(1, 4)))
                ],
            ),
        )
        # The current post of every tenth person, and the one before it.
        held = []
        for person in people[::10]:
            start = self.days_ago(100, 2000)
            held.append(
                PostHeld(person_id=person.pk, post=person.post, institution_id=person.institution_id, start_date=start)
            )
            held.append(
                PostHeld(
                    person_id=person.pk,
                    post="Officer",
                    start_date=start - datetime.timedelta(days=1500),
                    end_date=start - datetime.timedelta(days=1),
                )
            )
        self.count("posts held", insert(PostHeld, held))

    def community_life(self):
        """Committee meetings, networks, regional meetings and non-working days."""
        from community.choices import NetworkRole
        from community.models import CommitteeMeeting, Network, NetworkMembership, NonWorkingDay, RegionalMeeting

        meetings = [
            CommitteeMeeting(
                committee_id=committee_id,
                date=self.today + datetime.timedelta(days=30 * m - 180 + k % 28),
                place=f"Room {m}",
                agenda=self.text(12),
            )
            for k, committee_id in enumerate(self.committee_ids)
            for m in range(12)
        ]
        self.count("committee meetings", insert(CommitteeMeeting, meetings))
        networks = self.count(
            "networks",
            insert(
                Network,
                [
                    Network(name=f"Network of {word(k).capitalize()} specialists", description=self.text(30))
                    for k in range(self.n("networks"))
                ],
            ),
        )
        insert_links(
            Network.areas.through,
            [
                {"network_id": network.pk, "capabilityarea_id": area_id}
                for network in networks
                for area_id in self.pick(self.area_ids, 3)
            ],
        )
        memberships = [
            NetworkMembership(
                network_id=network.pk,
                person_id=person_id,
                role=NetworkRole.COORDINATOR if j == 0 else NetworkRole.MEMBER,
                joined=self.days_ago(30, 2000),
            )
            for network in networks
            for j, person_id in enumerate(self.pick(self.person_ids, 60))
        ]
        self.count("network memberships", insert(NetworkMembership, memberships))
        regional = []
        for k in range(self.n("regional_meetings")):
            start = self.today + datetime.timedelta(days=int(self.rng.integers(-700, 400)))
            regional.append(
                RegionalMeeting(
                    body=("COHSOD", "COTED", "COFAP", "Conference of Heads of Government")[k % 4],
                    title=f"Meeting {k + 1}",
                    start_date=start,
                    end_date=start + datetime.timedelta(days=int(self.rng.integers(0, 4))),
                    host_state_id=self.pick(self.state_ids),
                    venue=f"{word(k).capitalize()} City",
                    agenda=self.text(20),
                )
            )
        regional = self.count("regional meetings", insert(RegionalMeeting, regional))
        insert_links(
            RegionalMeeting.attending_states.through,
            [
                {"regionalmeeting_id": meeting.pk, "memberstate_id": state_id}
                for meeting in regional
                for state_id in self.pick(self.state_ids, 10)
            ],
        )
        insert_links(
            RegionalMeeting.areas.through,
            [
                {"regionalmeeting_id": meeting.pk, "capabilityarea_id": area_id}
                for meeting in regional
                for area_id in self.pick(self.area_ids, 2)
            ],
        )
        days = [
            NonWorkingDay(
                state_id=state_id, date=self.today + datetime.timedelta(days=40 + 3 * k + s % 3), name="Carnival"
            )
            for s, state_id in enumerate(self.state_ids)
            for k in range(2)
        ]
        self.count("non-working days", insert(NonWorkingDay, days))

    # --- accounts ---------------------------------------------------------------------------

    def users(self) -> dict[str, int]:
        """The accounts the benchmark signs in as (and an officer that requests are assigned to)."""
        from django.contrib.auth.hashers import make_password

        from accounts.choices import Role
        from accounts.models import User

        self.focal_state_id = self.state_ids[0]
        self.host_institution_id = host_institution = self.institutions_by_state[self.state_ids[1]][0]
        unusable = make_password(None)
        specs = {
            "officer": {"role": Role.OFFICER, "is_staff": True},
            "focal_point": {"role": Role.FOCAL_POINT, "member_state_id": self.focal_state_id},
            "host_coordinator": {"role": Role.HOST_COORDINATOR, "institution_id": host_institution},
            "partner": {"role": Role.PARTNER, "institution_id": self.partner_ids[0]},
        }
        created = insert(
            User,
            [
                User(
                    email=f"{key.replace('_', '.')}@bench.example.org",
                    full_name=key.replace("_", " ").title(),
                    password=unusable,
                    **spec,
                )
                for key, spec in specs.items()
            ],
        )
        self.user_ids = {key: user.pk for key, user in zip(specs, created, strict=True)}
        self.counts["user accounts"] = len(created)
        return self.user_ids

    # --- maturity, decisions ----------------------------------------------------------------

    def assessments(self):
        """Assessments over the (state, area) pairs: each pair once before any gets a second one,
        so a global community has a level for nearly every cell and a history for some."""
        from maturity.choices import AssessmentMethod
        from maturity.models import MaturityAssessment

        pairs = [(s, a) for s in range(len(self.state_ids)) for a in range(len(self.area_ids))]
        order = self.rng.permutation(len(pairs))
        methods = list(AssessmentMethod.values)
        rows = []
        for k in range(self.n("assessments")):
            s, a = pairs[int(order[k % len(pairs)])]
            round_ = k // len(pairs)
            level = int(np.clip(round(self.development[s] * 5 + self.rng.normal(0, 0.9)) + round_, 0, 4))
            day = self.today - datetime.timedelta(days=int(self.rng.integers(30, 700)) + 800 * (3 - min(round_, 3)))
            rows.append(
                MaturityAssessment(
                    state_id=self.state_ids[s],
                    area_id=self.area_ids[a],
                    level=level,
                    method=methods[k % len(methods)],
                    assessed_on=day,
                    assessor=f"Assessor {word(k % 300).capitalize()}",
                    evidence=self.text(10),
                    visibility="restricted" if k % 11 == 10 else "shared",
                    recorded_by_id=self.user_ids["officer"],
                    **self.stamps(day),
                )
            )
            if len(rows) == BATCH * 4:
                self.count("maturity assessments", insert(MaturityAssessment, rows))
                rows = []
        self.count("maturity assessments", insert(MaturityAssessment, rows))

    def decisions(self):
        from decisions.choices import ImplementationStatus, Timeframe
        from decisions.models import Decision, ImplementationReport, RequiredAction

        organs = ("COHSOD", "COTED", "COFAP", "Conference of Heads of Government")
        decisions = []
        for k in range(self.n("decisions")):
            day = self.days_ago(30, 3600)
            organ = organs[k % len(organs)]
            decisions.append(
                Decision(
                    organ=organ,
                    meeting=f"{organ} {k // len(organs) + 1}",
                    date=day,
                    reference=f"{organ.split()[0].upper()}/{day.year}/{k + 1:04d}",
                    title=f"Decision on {word(k).capitalize()} systems",
                    text=self.text(60),
                    **self.stamps(day),
                )
            )
        decisions = self.count("decisions", insert(Decision, decisions))
        timeframes = list(Timeframe.values)
        actions = self.count(
            "required actions",
            insert(
                RequiredAction,
                [
                    RequiredAction(
                        decision_id=decision.pk,
                        description=self.text(15),
                        area_id=self.pick(self.area_ids),
                        timeframe=timeframes[p % len(timeframes)],
                        due_date=decision.date + datetime.timedelta(days=365 * (p + 1)),
                        position=p + 1,
                    )
                    for decision in decisions
                    for p in range(ACTIONS_PER_DECISION)
                ],
            ),
        )
        self.action_ids = [action.pk for action in actions]
        statuses = list(ImplementationStatus.values)
        rows = []
        for s, state_id in enumerate(self.state_ids):
            for action in actions:
                if self.rng.random() >= REPORTED_SHARE:
                    continue
                day = self.days_ago(10, 1500)
                status = statuses[int(np.clip(self.development[s] * 4 + self.rng.normal(0, 1.2), 0, 5))]
                rows.append(
                    ImplementationReport(
                        state_id=state_id,
                        action_id=action.pk,
                        status=status,
                        evidence=self.text(8),
                        status_date=day,
                        reported_by_id=self.user_ids["officer"],
                        **self.stamps(day),
                    )
                )
                if self.rng.random() < 0.2:  # an earlier report: the series has a history
                    earlier = day - datetime.timedelta(days=200)
                    rows.append(
                        ImplementationReport(
                            state_id=state_id,
                            action_id=action.pk,
                            status=ImplementationStatus.NOT_STARTED,
                            status_date=earlier,
                            reported_by_id=self.user_ids["officer"],
                            **self.stamps(earlier),
                        )
                    )
        self.count("implementation reports", insert(ImplementationReport, rows))
        self.decision_ids = [decision.pk for decision in decisions]

    # --- requests and matching --------------------------------------------------------------

    def requests(self):
        """Requests over every status and state; a reference from registration on (as the
        workflow issues it), a host from host confirmation on, one recorded status change each."""
        from django.conf import settings
        from django.contrib.contenttypes.models import ContentType

        from assistance.choices import Channel, Modality, Status, Urgency
        from assistance.models import AssistanceRequest, ReferenceCounter
        from assistance.workflow import request_workflow
        from core.models import TransitionRecord

        # Most requests are over (closed, declined, withdrawn); a few thousand are open.
        weights = {
            Status.DRAFT: 2,
            Status.SUBMITTED: 2,
            Status.REGISTERED: 2,
            Status.ASSESSING: 2,
            Status.APPROVED: 2,
            Status.DECLINED: 6,
            Status.ON_HOLD: 1,
            Status.MATCHING: 2,
            Status.HOST_CONFIRMED: 1,
            Status.PLANNED: 1,
            Status.IN_DELIVERY: 1,
            Status.DELIVERED: 3,
            Status.FOLLOW_UP: 3,
            Status.CLOSED: 66,
            Status.WITHDRAWN: 6,
        }
        statuses = list(weights)
        probabilities = np.array(list(weights.values()), dtype=float)
        probabilities /= probabilities.sum()
        hosted = {
            Status.HOST_CONFIRMED,
            Status.PLANNED,
            Status.IN_DELIVERY,
            Status.DELIVERED,
            Status.FOLLOW_UP,
            Status.CLOSED,
        }
        modalities, urgencies, channels = list(Modality.values), list(Urgency.values), list(Channel.values)
        total = self.n("requests")
        drawn = self.rng.choice(len(statuses), size=total, p=probabilities)
        ages = self.rng.integers(1, 3650, size=total)
        # The oldest first, so that references follow the order of registration within a year.
        order = np.argsort(-ages, kind="stable")
        numbers: dict[int, int] = {}
        prefix = settings.ATTACHE_REFERENCE_PREFIX
        rows = []
        for k in order.tolist():
            status = statuses[int(drawn[k])]
            created = self.today - datetime.timedelta(days=int(ages[k]))
            state_index = int(self.rng.integers(len(self.state_ids)))
            state_id = self.state_ids[state_index]
            reference = None
            if status not in (Status.DRAFT, Status.SUBMITTED):
                numbers[created.year] = numbers.get(created.year, 0) + 1
                reference = f"{prefix}/{created.year}/{numbers[created.year]:04d}"  # as issue_reference
            host_id = None
            if status in hosted:
                host_id = self.state_ids[
                    (state_index + 1 + int(self.rng.integers(len(self.state_ids) - 1))) % len(self.state_ids)
                ]
            start = created + datetime.timedelta(days=int(self.rng.integers(60, 240)))
            changed = created + datetime.timedelta(days=int(min(ages[k] - 1, self.rng.integers(0, 120))))
            rows.append(
                AssistanceRequest(
                    reference=reference,
                    state_id=state_id,
                    institution_id=self.pick(self.institutions_by_state[state_id]) if k % 2 else None,
                    focal_point_id=self.user_ids["focal_point"] if state_id == self.focal_state_id else None,
                    title=f"Support for {word(k % 5000)} {word(k % 977 + 5000)} reform",
                    need=self.text(50),
                    modality=modalities[k % len(modalities)],
                    officials_count=int(self.rng.integers(1, 6)),
                    window_start=start,
                    window_end=start + datetime.timedelta(days=int(self.rng.integers(14, 150))),
                    urgency=urgencies[k % len(urgencies)],
                    visibility="shared" if k % 3 else "restricted",
                    channel=channels[k % len(channels)],
                    received_on=created if status != Status.DRAFT else None,
                    status=status,
                    status_changed_at=self.moment(changed),
                    assigned_officer_id=self.user_ids["officer"]
                    if status not in (Status.DRAFT, Status.SUBMITTED)
                    else None,
                    host_state_id=host_id,
                    host_institution_id=self.pick(self.institutions_by_state[host_id]) if host_id else None,
                    **self.stamps(created),
                )
            )
        created_requests = []
        for start in range(0, len(rows), BATCH * 4):
            created_requests += insert(AssistanceRequest, rows[start : start + BATCH * 4])
        self.count("assistance requests", created_requests)
        ReferenceCounter.objects.bulk_create(
            [ReferenceCounter(year=year, last_number=last) for year, last in numbers.items()]
        )
        self.requests_built = created_requests
        through = AssistanceRequest.areas.through
        links = [
            {"assistancerequest_id": request.pk, "capabilityarea_id": area_id}
            for request in created_requests
            for area_id in self.pick(self.leaf_area_ids, 1 + request.pk % 3)
        ]
        insert_links(through, self.count("request areas", links))
        decision_links = [
            {"assistancerequest_id": request.pk, "decision_id": self.pick(self.decision_ids)}
            for request in created_requests[::4]
        ]
        insert_links(AssistanceRequest.decisions.through, self.count("request decisions", decision_links))
        content_type = ContentType.objects.get_for_model(AssistanceRequest)
        records = [
            TransitionRecord(
                content_type_id=content_type.pk,
                object_id=request.pk,
                workflow=request_workflow.name,
                from_status=Status.DRAFT,
                to_status=Status.SUBMITTED,
                actor_id=self.user_ids["officer"],
                at=request.created_at,
            )
            for request in created_requests
            if request.status != Status.DRAFT
        ]
        records += [
            TransitionRecord(
                content_type_id=content_type.pk,
                object_id=request.pk,
                workflow=request_workflow.name,
                from_status=Status.SUBMITTED,
                to_status=request.status,
                actor_id=self.user_ids["officer"],
                at=request.status_changed_at,
            )
            for request in created_requests
            if request.status not in (Status.DRAFT, Status.SUBMITTED)
        ]
        self.count("request status changes", insert(TransitionRecord, records))

    def invitations(self):
        """Host invitations for requests being matched (invited) or hosted (one accepted), and
        expert invitations for a share of them."""
        from assistance.choices import Status
        from matching.choices import InvitationStatus
        from matching.models import ExpertInvitation, HostInvitation

        host_rows, expert_rows = [], []
        for request in self.requests_built:
            if request.status == Status.MATCHING:
                for state_id in self.pick(self.state_ids, 2):
                    if state_id != request.state_id:
                        host_rows.append(
                            HostInvitation(
                                request_id=request.pk, state_id=state_id, status=InvitationStatus.INVITED, rank=1
                            )
                        )
            elif request.host_state_id and request.pk % 4 == 0:
                host_rows.append(
                    HostInvitation(
                        request_id=request.pk,
                        state_id=request.host_state_id,
                        institution_id=request.host_institution_id,
                        status=InvitationStatus.ACCEPTED,
                        rank=1,
                        responded_at=request.status_changed_at,
                    )
                )
            if request.status in (Status.MATCHING, Status.HOST_CONFIRMED, Status.PLANNED) and request.pk % 2 == 0:
                expert_rows.append(
                    ExpertInvitation(
                        request_id=request.pk, person_id=self.pick(self.expert_ids), status=InvitationStatus.INVITED
                    )
                )
        self.count("host invitations", insert(HostInvitation, host_rows))
        self.count("expert invitations", insert(ExpertInvitation, expert_rows))

    # --- activities, follow-up, portfolio, results ------------------------------------------

    def activities(self):
        from activities.choices import ACTIVITY_MODALITIES, BudgetCategory, NominationStatus, SessionKind
        from activities.choices import ActivityStatus as A
        from activities.models import Activity, BudgetLine, Nomination, Session
        from assistance.choices import Status

        done_requests = [
            r
            for r in self.requests_built
            if r.host_state_id and r.status in (Status.DELIVERED, Status.FOLLOW_UP, Status.CLOSED)
        ]
        live_requests = [r for r in self.requests_built if r.status in (Status.PLANNED, Status.IN_DELIVERY)]
        modalities = [value for value, _label in ACTIVITY_MODALITIES]
        rows, served = [], []
        total = self.n("activities")
        for k in range(total):
            if k % 5 == 0 and live_requests:
                request = live_requests[k % len(live_requests)]
                status, start = (
                    (A.PLANNED, A.CONFIRMED, A.IN_DELIVERY)[k % 3],
                    self.today + datetime.timedelta(days=int(self.rng.integers(-3, 200))),
                )
            else:
                request = done_requests[k % len(done_requests)] if done_requests else None
                status, start = (A.DELIVERED, A.CLOSED, A.CLOSED, A.CANCELLED)[k % 4], self.days_ago(30, 3000)
            host_state_id = request.host_state_id if request and request.host_state_id else self.pick(self.state_ids)
            host_institution_id = self.pick(self.institutions_by_state[host_state_id])
            if k % HOSTED_BY_SIGNED_IN == 6:  # the host coordinator's institution hosts its share
                host_state_id, host_institution_id = self.state_ids[1], self.host_institution_id
            served.append(request)
            modality = modalities[k % len(modalities)]
            rows.append(
                Activity(
                    title=f"{modality.replace('_', ' ').capitalize()} on {word(k % 4000)} practice",
                    modality=modality,
                    description=self.text(40),
                    host_state_id=host_state_id,
                    host_institution_id=host_institution_id,
                    start_date=start,
                    end_date=start + datetime.timedelta(days=int(self.rng.integers(0, 10))),
                    venue=f"{word(k % 800).capitalize()} Hall",
                    status=status,
                    status_changed_at=self.moment(start),
                    officer_id=self.user_ids["officer"],
                    visibility="shared" if k % 2 else "restricted",
                    **self.stamps(start - datetime.timedelta(days=60)),
                )
            )
        activities = self.count("activities", insert(Activity, rows))
        states_links, request_links, area_links, expert_links = [], [], [], []
        self.activity_states: dict[int, list[int]] = {}
        for k, (activity, request) in enumerate(zip(activities, served, strict=True)):
            states = [request.state_id] if request else self.pick(self.state_ids, 3)
            if k % HOSTED_BY_SIGNED_IN in (6, 9):  # the focal point's state takes part in its share
                states = list({*states, self.focal_state_id})
            if activity.pk % 6 == 0:  # a regional workshop: more states take part
                states = list({*states, *self.pick(self.state_ids, 4)})
            self.activity_states[activity.pk] = states
            states_links += [{"activity_id": activity.pk, "memberstate_id": state_id} for state_id in states]
            if request:
                request_links.append({"activity_id": activity.pk, "assistancerequest_id": request.pk})
            area_links += [
                {"activity_id": activity.pk, "capabilityarea_id": a} for a in self.pick(self.leaf_area_ids, 2)
            ]
            expert_links.append({"activity_id": activity.pk, "person_id": self.pick(self.expert_ids)})
        insert_links(Activity.states.through, self.count("activity states", states_links))
        insert_links(Activity.requests.through, self.count("activity requests", request_links))
        insert_links(Activity.areas.through, self.count("activity areas", area_links))
        insert_links(Activity.experts.through, self.count("activity experts", expert_links))
        sessions, nominations, budget = [], [], []
        categories = list(BudgetCategory.values)
        kinds = list(SessionKind.values)
        for activity in activities:
            for p in range(3):
                sessions.append(
                    Session(
                        activity_id=activity.pk,
                        day=activity.start_date,
                        start_time=datetime.time(9 + 2 * p),
                        end_time=datetime.time(10 + 2 * p, 30),
                        position=p,
                        title=f"Session {p + 1}: {word(activity.pk % 900 + p)}",
                        kind=kinds[p % len(kinds)],
                    )
                )
            for state_id in self.activity_states[activity.pk][:2]:
                people = self.people_by_state.get(state_id) or self.person_ids
                nominations.append(
                    Nomination(
                        activity_id=activity.pk,
                        state_id=state_id,
                        person_id=self.pick(people),
                        post="Senior officer",
                        reason=self.text(10),
                        status=NominationStatus.CONFIRMED
                        if activity.status != "planned"
                        else NominationStatus.PROPOSED,
                        status_changed_at=activity.status_changed_at,
                    )
                )
            for c in range(2):
                amount = Decimal(int(self.rng.integers(500, 20000)))
                budget.append(
                    BudgetLine(
                        activity_id=activity.pk,
                        category=categories[(activity.pk + c) % len(categories)],
                        amount=amount,
                        actual=amount * Decimal("0.9") if activity.status in ("delivered", "closed") else None,
                        funding_source="Regional fund",
                    )
                )
        self.count("sessions", insert(Session, sessions))
        self.count("nominations", insert(Nomination, nominations))
        self.count("budget lines", insert(BudgetLine, budget))
        self.activities_built = activities

    def followup(self):
        from followup.choices import ItemStatus, Respondent, Stage
        from followup.models import ActionItem, ActionPlan, Evaluation

        delivered = [a for a in self.activities_built if a.status in ("delivered", "closed")]
        evaluations, plans = [], []
        for activity in delivered[::2]:
            for r, respondent in enumerate((Respondent.PARTICIPANT, Respondent.EXPERT, Respondent.HOST)):
                sent = self.moment(activity.end_date + datetime.timedelta(days=1))
                evaluations.append(
                    Evaluation(
                        activity_id=activity.pk,
                        stage=Stage.END,
                        respondent=respondent,
                        email=f"respondent{activity.pk}-{r}@example.org",
                        language="en",
                        sent_at=sent,
                        answered_at=sent + datetime.timedelta(days=3) if r != 2 else None,
                    )
                )
            for state_id in self.activity_states[activity.pk][:1]:
                plans.append(
                    ActionPlan(
                        activity_id=activity.pk,
                        state_id=state_id,
                        title=f"Action plan: {activity.title}"[:250],
                        group_work=self.text(20),
                    )
                )
        self.count("evaluations", insert(Evaluation, evaluations))
        plans = self.count("action plans", insert(ActionPlan, plans))
        statuses = list(ItemStatus.values)
        items = [
            ActionItem(
                plan_id=plan.pk,
                description=self.text(8)[:400],
                owner_name=f"Owner {word(plan.pk % 700).capitalize()}",
                due_date=self.today + datetime.timedelta(days=int(self.rng.integers(-400, 400))),
                status=statuses[(plan.pk + i) % len(statuses)],
            )
            for plan in plans
            for i in range(3)
        ]
        self.count("action items", insert(ActionItem, items))

    def practices(self):
        from portfolio.choices import PracticeStatus
        from portfolio.models import Practice

        statuses = list(PracticeStatus.values)
        rows = []
        for k in range(self.n("practices")):
            state_id = self.state_ids[k % len(self.state_ids)]
            rows.append(
                Practice(
                    title=f"The {word(k).capitalize()} programme",
                    state_id=state_id,
                    institution_id=self.pick(self.institutions_by_state[state_id]),
                    description=self.text(60),
                    results=self.text(20),
                    in_operation_since=self.days_ago(400, 4000),
                    status=statuses[k % len(statuses)],
                    contact_id=self.pick(self.people_by_state.get(state_id) or self.person_ids),
                    **self.stamps(self.days_ago(10, 2000)),
                )
            )
        practices = self.count("practices", insert(Practice, rows))
        insert_links(
            Practice.areas.through,
            [
                {"practice_id": p.pk, "capabilityarea_id": a}
                for p in practices
                for a in self.pick(self.leaf_area_ids, 2)
            ],
        )
        insert_links(
            Practice.languages.through,
            [{"practice_id": p.pk, "language_id": self.pick(self.language_ids)} for p in practices],
        )

    def child_nodes(self, parents, level) -> list:
        """Three result nodes at `level` under each of `parents`, numbered after their parent."""
        from results.models import ResultNode

        return insert(
            ResultNode,
            [
                ResultNode(
                    programme_id=parent.programme_id,
                    parent_id=parent.pk,
                    level=level,
                    code=f"{parent.code}.{k + 1}",
                    title=self.text(8)[:300],
                    position=k,
                )
                for parent in parents
                for k in range(3)
            ],
        )

    def results(self):
        from results.choices import Level, ValueStatus
        from results.models import Indicator, MeasuredValue, Period, Programme, ResultNode, Target

        programmes = self.count(
            "programmes",
            insert(
                Programme,
                [
                    Programme(
                        name=f"Capacity programme {word(k).capitalize()}",
                        start_date=datetime.date(self.today.year - 5 + k % 3, 1, 1),
                        end_date=datetime.date(self.today.year + 1 + k % 3, 12, 31),
                        description=self.text(30),
                        visibility="shared" if k % 2 else "restricted",
                    )
                    for k in range(self.n("programmes"))
                ],
            ),
        )
        insert_links(
            Programme.funders.through,
            [
                {"programme_id": p.pk, "institution_id": self.partner_ids[k % len(self.partner_ids)]}
                for k, p in enumerate(programmes)
            ],
        )
        periods, nodes = [], []
        for programme in programmes:
            for year in range(programme.start_date.year, programme.end_date.year + 1):
                periods.append(
                    Period(
                        programme_id=programme.pk,
                        label=str(year),
                        start_date=datetime.date(year, 1, 1),
                        end_date=datetime.date(year, 12, 31),
                        status="locked" if year < self.today.year - 1 else "open",
                    )
                )
        periods = self.count("periods", insert(Period, periods))
        goals = insert(
            ResultNode,
            [ResultNode(programme_id=p.pk, level=Level.GOAL, code="1", title=self.text(8)[:300]) for p in programmes],
        )
        outcomes = self.child_nodes(goals, Level.OUTCOME)
        outputs = self.child_nodes(outcomes, Level.OUTPUT)
        nodes = goals + outcomes + outputs
        self.counts["result nodes"] = len(nodes)
        insert_links(
            ResultNode.outputs.through,
            [
                {"resultnode_id": node.pk, "activity_id": activity.pk}
                for node in outputs
                for activity in self.pick(self.activities_built, 2)
            ],
        )
        indicators = self.count(
            "indicators",
            insert(
                Indicator,
                [
                    Indicator(
                        node_id=node.pk,
                        name=f"Officials trained in {word(node.pk % 500)}",
                        unit="officials",
                        baseline_value=Decimal(0),
                        position=i,
                    )
                    for node in nodes
                    for i in range(2)
                ],
            ),
        )
        periods_by_programme: dict[int, list] = {}
        for period in periods:
            periods_by_programme.setdefault(period.programme_id, []).append(period)
        programme_of_node = {node.pk: node.programme_id for node in nodes}
        targets, values = [], []
        for indicator in indicators:
            for p, period in enumerate(periods_by_programme[programme_of_node[indicator.node_id]]):
                targets.append(Target(indicator_id=indicator.pk, period_id=period.pk, value=Decimal(10 * (p + 1))))
                if period.start_date <= self.today:
                    values.append(
                        MeasuredValue(
                            indicator_id=indicator.pk,
                            period_id=period.pk,
                            value=Decimal(int(self.rng.integers(0, 15))),
                            status=ValueStatus.APPROVED if period.status == "locked" else ValueStatus.SUBMITTED,
                        )
                    )
        self.count("targets", insert(Target, targets))
        self.count("measured values", insert(MeasuredValue, values))

    def persons_for_users(self):
        """The partner's and host coordinator's accounts point at people in the registry."""
        from accounts.models import User

        User.objects.filter(pk=self.user_ids["host_coordinator"]).update(
            person_id=self.people_by_state[self.state_ids[1]][0]
        )


def build(scale: float = 1.0, seed: int = 2026, today: datetime.date | None = None) -> Community:
    """Write a community of the given scale into the (migrated, empty) default database.

    scale 1 is the global community of issue 12; 0.01 is about the demo's size."""
    import time

    from django.db import transaction
    from django.utils import timezone

    started = time.perf_counter()
    builder = Builder(scale, seed, today or timezone.localdate())
    with dates_as_given(), transaction.atomic():
        builder.languages()
        builder.states()
        builder.areas()
        builder.institutions()
        builder.people()
        builder.community_life()
        builder.users()
        builder.persons_for_users()
        builder.assessments()
        builder.decisions()
        builder.requests()
        builder.invitations()
        builder.activities()
        builder.followup()
        builder.practices()
        builder.results()
    from core.derived import refresh_derived_data

    refreshed = refresh_derived_data()
    analyse()
    community = Community(
        scale=scale,
        counts=builder.counts,
        users=builder.user_ids,
        focal_state_id=builder.focal_state_id,
        seconds=time.perf_counter() - started,
    )
    community.counts["derived data hooks"] = len(refreshed)
    return community


def analyse() -> None:
    """Fresh planner statistics after a bulk load (PostgreSQL plans badly on an unanalysed table)
    and, on PostgreSQL, the visibility map autovacuum keeps on a live site: without it an
    index-only scan reads every row it passes from the table too. VACUUM cannot run inside a
    transaction (a test's), where only ANALYZE runs."""
    from django.db import connection

    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")


if __name__ == "__main__":
    import argparse
    import os
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    parser = argparse.ArgumentParser(description="Write a global-scale community into DATABASE_URL (migrated, empty).")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "False")
    os.environ.setdefault("SECRET_KEY", "attache-bench-key")
    import django

    django.setup()
    result = build(args.scale, seed=args.seed)
    for name, value in result.counts.items():
        print(f"{name:>28}: {value:,}")
    print(f"built in {result.seconds:.1f} s")
