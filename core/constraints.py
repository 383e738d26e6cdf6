"""Field limits in the database: data valid on one engine is valid on the other.

PostgreSQL refuses a text longer than its column, an integer beyond its column type and a
decimal beyond its precision; SQLite stores all of them. So that a record SQLite accepted
always restores on PostgreSQL (and the other way round), every model of Attaché's own apps gets
one `FieldLimits` check constraint, generated from its fields when the apps are ready:

- a CharField (and EmailField, URLField, SlugField…): Length(field) <= max_length
- a small, positive small, positive or plain IntegerField: within PostgreSQL's column range
- a DecimalField: |value| < 10 ** (max_digits − decimal_places)

Generating the constraint from the fields keeps it in step with them: change a max_length and
`makemigrations` writes the new constraint. The models check the same limits in Python (the
fields' own validators and `FieldLimits.validate`, which runs no query), so a form or the API
refuses an over-long value with a field error before the database would. Third-party models
(accounts' groups, the change log, sign-in attempts) keep their own rules.
"""

import decimal

from django.conf import settings
from django.core import validators
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual

# The column ranges of PostgreSQL, the stricter engine (SQLite stores 64-bit integers in every one).
INTEGER_RANGES = {
    "SmallIntegerField": (-32768, 32767),
    "PositiveSmallIntegerField": (0, 32767),
    "IntegerField": (-2147483648, 2147483647),
    "PositiveIntegerField": (0, 2147483647),
}


def limited_fields(model) -> list[models.Field]:
    """The model's columns whose limit SQLite would not enforce, in declaration order."""
    return [field for field in model._meta.local_concrete_fields if not field.primary_key and _limit_q(field)]


def _limit_q(field) -> models.Q | None:
    name = field.attname
    if isinstance(field, models.CharField) and field.max_length:
        return models.Q(LessThanOrEqual(Length(name), field.max_length))
    if field.get_internal_type() in INTEGER_RANGES and not field.is_relation:
        low, high = INTEGER_RANGES[field.get_internal_type()]
        return models.Q(**{f"{name}__gte": low, f"{name}__lte": high})
    if isinstance(field, models.DecimalField):
        bound = decimal.Decimal(10) ** (field.max_digits - field.decimal_places)
        return models.Q(**{f"{name}__gt": -bound, f"{name}__lt": bound})
    return None


def _validators(field) -> list:
    if isinstance(field, models.CharField):
        return [validators.MaxLengthValidator(field.max_length)]
    if isinstance(field, models.DecimalField):
        return [validators.DecimalValidator(field.max_digits, field.decimal_places)]
    low, high = INTEGER_RANGES[field.get_internal_type()]
    return [validators.MinValueValidator(low), validators.MaxValueValidator(high)]


class FieldLimits(models.CheckConstraint):
    """The length, range and precision of a model's columns, as one check constraint."""

    def validate(self, model, instance, exclude=None, using=None):
        # In Python, field by field, with the fields' own messages: no query per save.
        errors = {}
        for field in limited_fields(model):
            value = getattr(instance, field.attname)
            if value is None or (exclude and field.name in exclude):
                continue
            for validator in _validators(field):
                try:
                    validator(value)
                except ValidationError as error:
                    errors.setdefault(field.name, []).extend(error.error_list)
        if errors:
            raise ValidationError(errors)


def field_limits_constraint(model) -> FieldLimits | None:
    fields = limited_fields(model)
    if not fields:
        return None
    condition = models.Q()
    for field in fields:
        condition &= _limit_q(field)
    return FieldLimits(condition=condition, name=f"{model._meta.db_table}_limits")


def attache_app_labels(app_configs) -> list:
    """Attaché's own apps: `core` and every app INSTALLED_APPS lists after it."""
    own = settings.INSTALLED_APPS[settings.INSTALLED_APPS.index("core") :]
    return [config for config in app_configs if config.name in own]


def add_field_limits(app_configs) -> None:
    """Give every concrete model of Attaché's apps its FieldLimits constraint (once)."""
    for config in attache_app_labels(app_configs):
        for model in config.get_models():
            if model._meta.proxy or not model._meta.managed:
                continue
            constraint = field_limits_constraint(model)
            if constraint is None or any(c.name == constraint.name for c in model._meta.constraints):
                continue
            model._meta.constraints = [*model._meta.constraints, constraint]
            # Migrations read the options a model declared: declare the constraints there too.
            model._meta.original_attrs["constraints"] = model._meta.constraints
