"""Results frameworks: a programme's goal, outcomes and outputs, their indicators, targets and
measured values per reporting period.

Who sees what (`core.access`): the secretariat keeps every framework; a development partner
reads the programmes it funds (it owns them through `funders`) and nothing else; the other
signed-in users read shared programmes. Everything under a programme is read as the programme
is (`ProgrammePartQuerySet`), and only approved values leave the secretariat."""

import json
import math
import re
from decimal import Decimal, InvalidOperation

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from community.choices import InstitutionKind
from core.access import SECRETARIAT, AccessRule, Allow, secretariat
from core.models import BaseModel, ScopedQuerySet, visibility_field
from core.urls_helpers import record_url
from results import sources
from results.choices import (
    MANUAL_SOURCE,
    PARENT_LEVEL,
    VALUE_STATUS_COLORS,
    CumulativeMode,
    Direction,
    Level,
    PeriodStatus,
    TargetFrequency,
    ValueStatus,
)

# Everyone but a development partner reads shared programmes: a partner reads the ones it funds.
READERS_OF_SHARED = Allow(SECRETARIAT | {Role.FOCAL_POINT, Role.HOST_COORDINATOR, Role.EXPERT})
PARTNER_OWNS = {"institution": {Role.PARTNER}}
MAX_AMOUNT = Decimal("999999999999.99")
AMOUNT = {"max_digits": 14, "decimal_places": 2}
DIMENSION_KEY = re.compile(r"^[\w .\-/()]{1,60}$")


class ProgrammeQuerySet(ScopedQuerySet):
    def for_user(self, user):
        """A development partner reads only the programmes it funds, shared or not."""
        visible = super().for_user(user)
        if not user.is_authenticated or Programme.access.may(user, "read_shared"):
            return visible
        owned = Programme._base_manager.filter(Programme.access.owner_q(user)).values("pk")
        return visible.filter(pk__in=owned)


class ProgrammePartQuerySet(ScopedQuerySet):
    """A part of a programme (node, indicator, period, target, value) is read where its programme is."""

    programme_path = "programme"

    def for_user(self, user):
        visible = super().for_user(user)
        if not user.is_authenticated or Programme.access.may(user, "read_shared"):
            return visible
        return visible.filter(**{f"{self.programme_path}__in": Programme.objects.for_user(user).values("pk")})


def part_rule(path: str, **actions) -> AccessRule:
    """The rule of a programme's part reached by `path`: read as the programme, kept by the secretariat."""
    return AccessRule(
        institution=f"{path}__funders",
        visibility=f"{path}__visibility",
        owners=PARTNER_OWNS,
        owners_edit=False,
        actions=actions,
    )


class Programme(BaseModel):
    """A programme of cooperation with its results framework, e.g. a capacity-development
    programme funded by a development partner."""

    name = models.CharField(_("name"), max_length=250)
    start_date = models.DateField(_("starts"))
    end_date = models.DateField(_("ends"))
    funders = models.ManyToManyField(
        "community.Institution",
        verbose_name=_("development partners"),
        blank=True,
        related_name="programmes_funded",
        limit_choices_to={"kind": InstitutionKind.DEVELOPMENT_PARTNER},
        help_text=_("Their users read this programme and its results, whatever its visibility."),
    )
    description = models.TextField(_("description"), blank=True)
    visibility = visibility_field()

    access = AccessRule(
        institution="funders",
        visibility=True,
        owners=PARTNER_OWNS,
        owners_edit=False,
        actions={"read_shared": READERS_OF_SHARED, "compute": secretariat()},
    )
    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return record_url("results:programme_detail", self.pk)

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("A programme cannot end before it starts.")})


# Whole sentences per level, so that every language words them its own way.
MISSING_PARENT = {
    Level.OUTCOME: _("Say which goal this outcome serves."),
    Level.OUTPUT: _("Say which outcome this output serves."),
}
WRONG_PARENT = {Level.OUTCOME: _("An outcome serves a goal."), Level.OUTPUT: _("An output serves an outcome.")}


class NodeQuerySet(ProgrammePartQuerySet):
    programme_path = "programme"


class ResultNode(BaseModel):
    """A goal, an outcome or an output of a programme's results tree."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="nodes"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("serves"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        help_text=_("An output serves an outcome, an outcome a goal; a goal serves nothing."),
    )
    level = models.CharField(_("level"), max_length=8, choices=Level.choices)
    code = models.CharField(
        _("code"),
        max_length=12,
        validators=[RegexValidator(r"^\d{1,3}(\.\d{1,3}){0,3}$", _("Write the code as numbers and dots, e.g. 1.2."))],
    )
    title = models.CharField(_("title"), max_length=300)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    outputs = models.ManyToManyField(
        "activities.Activity",
        verbose_name=_("activities serving this output"),
        related_name="result_outputs",
        blank=True,
    )

    access = part_rule("programme")
    objects = NodeQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "position", "code"]
        verbose_name = _("result")
        verbose_name_plural = _("results")
        constraints = [models.UniqueConstraint(fields=["programme", "code"], name="resultnode_code_per_programme")]

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        return record_url("results:resultnode_detail", self.pk)

    def clean(self):
        errors = {}
        wanted = PARENT_LEVEL.get(self.level)
        if self.level and wanted is None and self.parent_id:
            errors["parent"] = _("A goal serves no other result.")
        elif wanted is not None and not self.parent_id:
            errors["parent"] = MISSING_PARENT[self.level]
        elif wanted is not None and self.parent.level != wanted:
            errors["parent"] = WRONG_PARENT[self.level]
        elif self.parent_id and self.programme_id and self.parent.programme_id != self.programme_id:
            errors["parent"] = _("This result belongs to another programme.")
        if errors:
            raise ValidationError(errors)


class IndicatorQuerySet(ProgrammePartQuerySet):
    programme_path = "node__programme"


class Indicator(BaseModel):
    """What shows that a result is reached, measured against a baseline and targets."""

    node = models.ForeignKey(ResultNode, verbose_name=_("result"), on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=300)
    definition = models.TextField(_("definition"), blank=True)
    unit = models.CharField(_("unit"), max_length=60, help_text=_("e.g. officials, member states, %."))
    direction = models.CharField(_("direction"), max_length=4, choices=Direction.choices, default=Direction.UP)
    baseline_value = models.DecimalField(_("baseline"), null=True, blank=True, **AMOUNT)
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    target_frequency = models.CharField(
        _("targets"), max_length=12, choices=TargetFrequency.choices, default=TargetFrequency.PER_PERIOD
    )
    cumulative_mode = models.CharField(
        _("values to date"), max_length=8, choices=CumulativeMode.choices, default=CumulativeMode.SUM
    )
    disaggregation = models.JSONField(
        _("disaggregated by"),
        default=list,
        blank=True,
        help_text=_('The dimensions its values are broken down by, e.g. ["state", "sex"].'),
    )
    source = models.CharField(
        _("source"),
        max_length=60,
        default=MANUAL_SOURCE,
        help_text=_("Entered by hand, or computed from Attaché's own data."),
    )
    source_params = models.JSONField(_("source settings"), default=dict, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    access = part_rule("node__programme", compute=secretariat())
    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["node", "position", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return record_url("results:indicator_detail", self.pk)

    @property
    def is_computed(self) -> bool:
        return self.source != MANUAL_SOURCE

    def clean(self):
        errors = {}
        if not isinstance(self.disaggregation, list) or not all(
            isinstance(name, str) and DIMENSION_KEY.match(name) for name in self.disaggregation
        ):
            errors["disaggregation"] = _('Give a list of dimension names, e.g. ["state", "sex"].')
        elif len(set(self.disaggregation)) != len(self.disaggregation):
            errors["disaggregation"] = _("Name each dimension once.")
        if self.source != MANUAL_SOURCE and sources.indicator_source(self.source) is None:
            errors["source"] = _("Unknown source: choose one of the listed sources.")
        if not isinstance(self.source_params, dict):
            errors["source_params"] = _('Give the settings as an object, e.g. {"level": 3}.')
        elif "\\u0000" in json.dumps(self.source_params):
            errors["source_params"] = _("Null characters are not allowed.")
        if self.baseline_date and self.baseline_value is None:
            errors["baseline_value"] = _("Give the baseline value measured on that date.")
        if errors:
            raise ValidationError(errors)


class PeriodQuerySet(ProgrammePartQuerySet):
    programme_path = "programme"


class Period(BaseModel):
    """A reporting period of a programme (usually a year); once certified it is locked."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="periods"
    )
    label = models.CharField(_("label"), max_length=40, help_text=_("e.g. 2004, or 2004–05."))
    start_date = models.DateField(_("starts"))
    end_date = models.DateField(_("ends"))
    status = models.CharField(
        _("status"), max_length=8, choices=PeriodStatus.choices, default=PeriodStatus.OPEN, editable=False
    )
    status_changed_at = models.DateTimeField(_("status since"), default=timezone.now, editable=False)

    transition_records = GenericRelation("core.TransitionRecord", related_query_name="results_period")

    access = part_rule("programme", **{"transition:locked": secretariat(), "transition:open": secretariat()})
    objects = PeriodQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "start_date"]
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        constraints = [models.UniqueConstraint(fields=["programme", "label"], name="period_label_per_programme")]

    def __str__(self):
        return self.label

    def get_absolute_url(self):
        return reverse("results:programme_detail", args=[self.programme_id]) + f"#period-{self.pk}"

    @property
    def is_locked(self) -> bool:
        return self.status == PeriodStatus.LOCKED

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("A period cannot end before it starts.")
        elif self.programme_id and self.start_date and self.end_date:
            programme = self.programme
            if self.start_date < programme.start_date or self.end_date > programme.end_date:
                errors["end_date"] = _("A period lies within the programme's dates.")
        if self.pk and self.is_locked:
            errors["__all__"] = _("This period is locked: reopen it to change it.")
        if errors:
            raise ValidationError(errors)


def locked_period_error(period) -> dict:
    return {"period": _("The period %(period)s is locked (certified): it must be reopened first.") % {"period": period}}


class TargetQuerySet(ProgrammePartQuerySet):
    programme_path = "indicator__node__programme"


class Target(BaseModel):
    """What an indicator should reach in one period (or by its end, for cumulative targets)."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="targets"
    )
    period = models.ForeignKey(Period, verbose_name=_("period"), on_delete=models.CASCADE, related_name="targets")
    value = models.DecimalField(_("target"), **AMOUNT)

    access = part_rule("indicator__node__programme")
    objects = TargetQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "period__start_date"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [models.UniqueConstraint(fields=["indicator", "period"], name="target_once_per_period")]

    def __str__(self):
        return f"{self.indicator} · {self.period}: {self.value}"

    def get_absolute_url(self):
        return self.indicator.get_absolute_url()

    def clean(self):
        errors = {}
        if self.indicator_id and self.period_id:
            if self.period.programme_id != self.indicator.node.programme_id:
                errors["period"] = _("This period belongs to another programme.")
            elif self.period.is_locked:
                errors.update(locked_period_error(self.period))
        if errors:
            raise ValidationError(errors)


class ValueQuerySet(ProgrammePartQuerySet):
    programme_path = "indicator__node__programme"

    def for_user(self, user):
        """Values are the secretariat's until approved: readers see approved figures only."""
        visible = super().for_user(user)
        if not user.is_authenticated or MeasuredValue.access.may(user, "view_unapproved"):
            return visible
        return visible.filter(status=ValueStatus.APPROVED)


VALUE_ACTIONS = {
    "view_unapproved": secretariat(),
    **{f"transition:{status}": secretariat() for status in ValueStatus if status != ValueStatus.DRAFT},
}


class MeasuredValue(BaseModel):
    """An indicator's value in one period, with the parts by dimension that add up to it."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="values"
    )
    period = models.ForeignKey(Period, verbose_name=_("period"), on_delete=models.CASCADE, related_name="values")
    value = models.DecimalField(_("value"), **AMOUNT)
    disaggregated = models.JSONField(
        _("breakdown"),
        default=dict,
        blank=True,
        help_text=_('Parts by dimension that add up to the value, e.g. {"sex": {"female": 7, "male": 5}}.'),
    )
    source_note = models.TextField(_("source"), blank=True, help_text=_("Where the figure comes from."))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ValueStatus.choices,
        default=ValueStatus.DRAFT,
        editable=False,
        db_index=True,
    )
    status_changed_at = models.DateTimeField(_("status since"), default=timezone.now, editable=False)

    transition_records = GenericRelation("core.TransitionRecord", related_query_name="measured_value")

    access = part_rule("indicator__node__programme", **VALUE_ACTIONS)
    objects = ValueQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "period__start_date"]
        verbose_name = _("measured value")
        verbose_name_plural = _("measured values")
        constraints = [models.UniqueConstraint(fields=["indicator", "period"], name="value_once_per_period")]

    def __str__(self):
        return f"{self.indicator} · {self.period}: {self.value}"

    def get_absolute_url(self):
        return self.indicator.get_absolute_url() + f"#value-{self.pk}"

    def get_status_color(self) -> str:
        return VALUE_STATUS_COLORS.get(self.status, "text-bg-light")

    def clean(self):
        errors = {}
        if self.indicator_id and self.period_id:
            if self.period.programme_id != self.indicator.node.programme_id:
                errors["period"] = _("This period belongs to another programme.")
            elif self.period.is_locked:
                errors.update(locked_period_error(self.period))
        if self.indicator_id:
            message = breakdown_error(self.disaggregated, self.indicator.disaggregation, self.value)
            if message:
                errors["disaggregated"] = message
        if errors:
            raise ValidationError(errors)


def _amount(raw) -> Decimal | None:
    if isinstance(raw, bool) or not isinstance(raw, int | float | str | Decimal):
        return None
    try:
        amount = Decimal(str(raw))
    except InvalidOperation:
        return None
    if not amount.is_finite() or abs(amount) > MAX_AMOUNT or (isinstance(raw, float) and not math.isfinite(raw)):
        return None
    return amount


def plain(number: Decimal) -> str:
    """A number as people write it: 12, not 12.00 or 1.2E+1."""
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def breakdown_error(breakdown, dimensions: list, total) -> str | None:
    """Why a breakdown is refused: unknown dimension, bad key or number, parts that do not add up."""
    if not breakdown:
        return None
    if not isinstance(breakdown, dict):
        return _('Give the breakdown as an object, e.g. {"sex": {"female": 7, "male": 5}}.')
    for dimension, parts in breakdown.items():
        if dimension not in dimensions:
            return _("This indicator is not broken down by “%(dimension)s”.") % {"dimension": str(dimension)[:60]}
        if not isinstance(parts, dict) or not parts:
            return _("Give the parts of “%(dimension)s” as key: number.") % {"dimension": dimension}
        amounts = []
        for key, raw in parts.items():
            if not DIMENSION_KEY.match(key):
                return _("A part's name is up to 60 letters, digits, spaces or . - / ( ).")
            amount = _amount(raw)
            if amount is None or amount < 0:
                return _("“%(key)s”: give a number between 0 and %(max)s.") % {"key": key, "max": MAX_AMOUNT}
            amounts.append(amount)
        if total is not None and sum(amounts) != Decimal(str(total)):
            return _("The parts of “%(dimension)s” add up to %(sum)s, not to the value %(total)s.") % {
                "dimension": dimension,
                "sum": plain(sum(amounts)),
                "total": plain(Decimal(str(total))),
            }
    return None
