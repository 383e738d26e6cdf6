"""The personas and the small registry they act on, as plain builders: the root conftest's
fixtures call them once per test, and the access matrix builds its world once per module with
them (see tests/access/conftest.py)."""

import datetime
from contextlib import contextmanager
from types import SimpleNamespace

from auditlog.context import disable_auditlog
from django.db import transaction

from accounts.choices import Role
from accounts.tests.factories import UserFactory
from community.choices import InstitutionKind
from community.tests.factories import (
    CapabilityAreaFactory,
    CommitteeMeetingFactory,
    InstitutionFactory,
    MemberStateFactory,
    NetworkFactory,
    NetworkMembershipFactory,
    PersonFactory,
)

# --- member states the personas act for -------------------------------------------------


def make_belize():
    return MemberStateFactory.for_iso("BZ")


def make_jamaica():
    return MemberStateFactory.for_iso("JM")


def make_trinidad():
    return MemberStateFactory.for_iso("TT")


def make_host_institution(jamaica):
    """The institution the Jamaican host coordinator acts for; restricted to Jamaica."""
    return InstitutionFactory(
        name="Jamaica Customs Agency",
        acronym="JCA",
        kind=InstitutionKind.AGENCY,
        state=jamaica,
        restricted=True,
    )


def make_partner_institution():
    return InstitutionFactory(
        name="Caribbean Development Fund",
        acronym="CDF",
        kind=InstitutionKind.DEVELOPMENT_PARTNER,
        state=None,
    )


def make_expert_person(trinidad):
    """The expert's own profile: restricted, so only the expert and the secretariat see it."""
    return PersonFactory(
        full_name="Ravi Maharaj",
        honorific="Dr",
        post="Senior Lecturer in Labour Law",
        institution=None,
        state=trinidad,
        restricted=True,
        expert=True,
    )


# --- personas ----------------------------------------------------------------------------


def make_admin():
    return UserFactory(
        role=Role.ADMIN,
        is_staff=True,
        full_name="Marcia Thompson",
        email="marcia.thompson@secretariat.example",
    )


def make_officer():
    return UserFactory(role=Role.OFFICER, full_name="Dwayne Clarke", email="dwayne.clarke@secretariat.example")


def make_focal_bz(belize):
    return UserFactory(
        role=Role.FOCAL_POINT,
        member_state=belize,
        full_name="Elena Castillo",
        email="elena.castillo@mfa.gov.bz",
    )


def make_focal_jm(jamaica):
    return UserFactory(
        role=Role.FOCAL_POINT,
        member_state=jamaica,
        full_name="Andre Campbell",
        email="andre.campbell@mfaft.gov.jm",
    )


def make_host_jm(host_institution):
    return UserFactory(
        role=Role.HOST_COORDINATOR,
        institution=host_institution,
        full_name="Tanisha Brown",
        email="tanisha.brown@jca.gov.jm",
    )


def make_expert(expert_person):
    return UserFactory(
        role=Role.EXPERT,
        person=expert_person,
        full_name="Ravi Maharaj",
        email="ravi.maharaj@uwi.example",
    )


def make_partner(partner_institution):
    return UserFactory(
        role=Role.PARTNER,
        institution=partner_institution,
        full_name="Sophie Laurent",
        email="sophie.laurent@cdf.example",
    )


def build_registry(
    *,
    admin,
    officer,
    focal_bz,
    focal_jm,
    host_jm,
    expert,
    partner,
    belize,
    jamaica,
    trinidad,
    host_institution,
    partner_institution,
    expert_person,
):
    """Two states' worth of shared and restricted records, named for what each one tests.

    Keys follow `<model>.<owner>_<visibility>`; `registry.records[model][key]` is the object.
    """
    anguilla = MemberStateFactory.for_iso("AI")  # nothing refers to it, so it can be deleted
    institutions = {
        "bz_shared": InstitutionFactory(
            name="Belize Bureau of Standards",
            acronym="BBS",
            kind=InstitutionKind.AGENCY,
            state=belize,
        ),
        "bz_restricted": InstitutionFactory(
            name="Belize Financial Intelligence Unit",
            acronym="FIU",
            kind=InstitutionKind.AGENCY,
            state=belize,
            restricted=True,
        ),
        "jm_shared": InstitutionFactory(
            name="Statistical Institute of Jamaica",
            acronym="STATIN",
            kind=InstitutionKind.AGENCY,
            state=jamaica,
        ),
        "jm_restricted": InstitutionFactory(
            name="Jamaica Financial Investigations Division",
            acronym="FID",
            kind=InstitutionKind.DEPARTMENT,
            state=jamaica,
            restricted=True,
        ),
        "jm_host": host_institution,
        "partner": partner_institution,
    }
    people = {
        "bz_shared": PersonFactory(
            full_name="Wilfred Usher",
            post="Director of Standards",
            institution=institutions["bz_shared"],
        ),
        "bz_restricted": PersonFactory(
            full_name="Marisol Chan",
            post="Director",
            institution=institutions["bz_restricted"],
            restricted=True,
        ),
        "jm_shared": PersonFactory(
            full_name="Courtney Grant",
            post="Director General",
            institution=institutions["jm_shared"],
        ),
        "jm_restricted": PersonFactory(
            full_name="Shanique Bailey",
            post="Chief Technical Director",
            institution=institutions["jm_restricted"],
            restricted=True,
        ),
        "jm_host": PersonFactory(
            full_name="Omar Henry",
            post="Deputy Commissioner",
            institution=host_institution,
            restricted=True,
        ),
        "expert": expert_person,
    }
    meetings = {
        "bz_restricted": CommitteeMeetingFactory(
            committee=institutions["bz_shared"],
            date=datetime.date(2025, 3, 4),
            place="Belmopan, East Block",
            restricted=True,
        ),
        "jm_restricted": CommitteeMeetingFactory(
            committee=institutions["jm_shared"],
            date=datetime.date(2025, 3, 11),
            place="Kingston, Jamaica House",
            restricted=True,
        ),
        "jm_shared": CommitteeMeetingFactory(
            committee=institutions["jm_shared"],
            date=datetime.date(2025, 4, 8),
            place="Kingston, Jamaica Conference Centre",
        ),
        "jm_host": CommitteeMeetingFactory(
            committee=host_institution,
            date=datetime.date(2025, 5, 6),
            place="Kingston, Customs House",
            restricted=True,
        ),
    }
    root = CapabilityAreaFactory(code="labour-migration", name="Labour migration")
    areas = {
        "root": root,
        "child": CapabilityAreaFactory(code="recruitment-practices", name="Fair recruitment practices", parent=root),
    }
    network = NetworkFactory(name="Regional Labour Migration Network", areas=[root])
    NetworkMembershipFactory(network=network, person=people["jm_shared"])
    NetworkMembershipFactory(network=network, person=people["jm_restricted"])
    networks = {
        "labour": network,
        "drafters": NetworkFactory(name="Caribbean Network of Legislative Drafters"),
    }
    states = {"bz": belize, "jm": jamaica, "tt": trinidad, "ai": anguilla}
    return SimpleNamespace(
        users={
            "admin": admin,
            "officer": officer,
            "focal_bz": focal_bz,
            "focal_jm": focal_jm,
            "host_jm": host_jm,
            "expert": expert,
            "partner": partner,
        },
        records={
            "memberstate": states,
            "institution": institutions,
            "person": people,
            "committeemeeting": meetings,
            "network": networks,
            "capabilityarea": areas,
        },
        **states,
        **{f"inst_{k}": v for k, v in institutions.items()},
        **{f"person_{k}": v for k, v in people.items()},
        **{f"meeting_{k}": v for k, v in meetings.items()},
    )


def build_registry_and_personas():
    """Everything the `registry` fixture gives, built without fixtures (for a once-per-module world)."""
    belize, jamaica, trinidad = make_belize(), make_jamaica(), make_trinidad()
    host_institution, partner_institution = make_host_institution(jamaica), make_partner_institution()
    expert_person = make_expert_person(trinidad)
    return build_registry(
        admin=make_admin(),
        officer=make_officer(),
        focal_bz=make_focal_bz(belize),
        focal_jm=make_focal_jm(jamaica),
        host_jm=make_host_jm(host_institution),
        expert=make_expert(expert_person),
        partner=make_partner(partner_institution),
        belize=belize,
        jamaica=jamaica,
        trinidad=trinidad,
        host_institution=host_institution,
        partner_institution=partner_institution,
        expert_person=expert_person,
    )


@contextmanager
def built_once(django_db_blocker, build=build_registry_and_personas):
    """What `build` makes, kept for a whole test module: built inside a transaction that is rolled
    back when the module ends, while each test runs in a savepoint of it (pytest-django's `db`).

    Only for modules whose tests leave the built objects as they found them (they may write to the
    database, which each test's savepoint undoes, but not change the objects in memory)."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with disable_auditlog():
                built = build()
            yield built
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
