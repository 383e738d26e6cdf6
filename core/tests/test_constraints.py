"""Field limits are database constraints on every engine (core.constraints): what SQLite would
store beyond a column's limit is refused there as on PostgreSQL, and the models refuse it first
with a field error."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.urls import reverse

from community.models import MemberState
from community.tests.factories import MemberStateFactory
from core.constraints import FieldLimits, attache_app_labels, field_limits_constraint

pytestmark = pytest.mark.django_db


def _insert_raw(**changes):
    """Write past the model's own validation, as a bug or a script could."""
    state = MemberStateFactory.build(**changes)
    with transaction.atomic():
        MemberState.objects.bulk_create([state])


@pytest.mark.parametrize(
    "changes",
    [
        {"name": "x" * 121},  # CharField(max_length=120)
        {"population": 2_147_483_648},  # PositiveIntegerField: PostgreSQL's integer column
        {"latitude": "1000.00000"},  # DecimalField(max_digits=8, decimal_places=5)
    ],
    ids=["text", "integer", "decimal"],
)
def test_the_database_refuses_a_value_past_the_field_s_limit(changes):
    with pytest.raises((IntegrityError, DataError)):  # PostgreSQL: the column type; SQLite: the check
        _insert_raw(**changes)


def test_a_value_at_the_limit_is_stored():
    _insert_raw(name="x" * 120, population=2_147_483_647)
    assert MemberState.objects.filter(name="x" * 120).exists()


def test_the_model_refuses_it_first_with_a_field_error_and_no_query(django_assert_num_queries):
    state = MemberStateFactory.build(population=2_147_483_648)
    constraint = next(c for c in MemberState._meta.constraints if isinstance(c, FieldLimits))
    with django_assert_num_queries(0), pytest.raises(ValidationError) as refused:
        constraint.validate(MemberState, state)
    assert list(refused.value.message_dict) == ["population"]


def test_every_model_of_attache_with_limited_fields_has_the_constraint():
    missing = [
        model._meta.label
        for config in attache_app_labels(apps.get_app_configs())
        for model in config.get_models()
        if field_limits_constraint(model) is not None
        and not any(isinstance(c, FieldLimits) for c in model._meta.constraints)
    ]
    assert missing == []


def test_third_party_models_are_left_alone():
    from auditlog.models import LogEntry

    assert not any(isinstance(c, FieldLimits) for c in LogEntry._meta.constraints)


@pytest.mark.parametrize("field, value", [("population", 2_147_483_648), ("capital", "x" * 121)])
def test_the_api_and_the_page_refuse_it_on_the_field_on_any_engine(api_client_for, client_for, admin, field, value):
    data = {"name": "Montserrat", "iso_code": "MS", "membership": "full", field: value}

    api = api_client_for(admin).post("/api/v1/member-states/", data, format="json")
    page = client_for(admin).post(reverse("community:memberstate_add"), data)

    assert api.status_code == 400 and field in api.json()
    assert page.status_code == 200 and page.context["form"].errors[field]
    assert not MemberState.objects.filter(iso_code="MS").exists()
