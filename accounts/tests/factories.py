"""Factories for accounts: users who sign in by e-mail and carry one role."""

import factory

from accounts.choices import Role
from accounts.models import User

PASSWORD = "Soursop-Breadfruit-42"  # every factory user signs in with this

FIRST_NAMES = [
    "Keisha",
    "Andre",
    "Marcia",
    "Dwayne",
    "Shanice",
    "Ravi",
    "Elena",
    "Tanisha",
    "Kwame",
    "Anya",
    "Desmond",
    "Natalie",
    "Jermaine",
    "Aaliyah",
    "Winston",
    "Carlene",
    "Rohan",
    "Felicia",
]
LAST_NAMES = [
    "Williams",
    "Campbell",
    "Thompson",
    "Clarke",
    "Maharaj",
    "Castillo",
    "Brown",
    "Joseph",
    "Persaud",
    "Baptiste",
    "Alleyne",
    "Greenidge",
    "Ramdass",
    "Pierre",
    "Gordon",
    "St. Hill",
]


def caribbean_name(n: int) -> str:
    """A different realistic name for every n (first names cycle faster than last names)."""
    first = FIRST_NAMES[n % len(FIRST_NAMES)]
    last = LAST_NAMES[(n // len(FIRST_NAMES) + n) % len(LAST_NAMES)]
    return f"{first} {last}"


def email_local_part(full_name: str) -> str:
    return ".".join(part.strip(".").lower() for part in full_name.split())


class UserFactory(factory.django.DjangoModelFactory):
    """A development partner by default: the role that may see least of the registry."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    full_name = factory.Sequence(caribbean_name)
    email = factory.LazyAttributeSequence(lambda o, n: f"{email_local_part(o.full_name)}.{n}@attache.example")
    role = Role.PARTNER
    password = factory.django.Password(PASSWORD)
    is_active = True

    class Params:
        # Shortcuts for the roles that need something to act for.
        admin = factory.Trait(role=Role.ADMIN, is_staff=True)
        officer = factory.Trait(role=Role.OFFICER, is_staff=True)
