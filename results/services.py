"""Writes on results frameworks, for the pages and the API alike.

Each save checks the actor's right (`core.access.require`) and the model's rules
(`full_clean`: the model's clean(), its fields' limits and its constraints), so a page and the
API refuse the same input with the same message by field. Status changes are moves of
`results.workflow` (value approval, period locking and audited reopening)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from community.choices import InstitutionKind
from core.access import require
from results import sources
from results.choices import EDITABLE_VALUE_STATUSES, Level, PeriodStatus, ValueStatus
from results.models import Indicator, MeasuredValue, Period, Programme, ResultNode, Target, locked_period_error
from results.workflow import period_workflow, value_workflow


def _save(model, pk, actor, fields: dict, *, fixed: tuple[str, ...] = ()):
    """Create (no pk) or change a record from plain fields (many-to-many as lists). The `fixed`
    fields never change once saved (a result stays in its programme)."""
    if pk is None:
        record = model()
    else:
        record = model._base_manager.select_for_update().get(pk=pk)
        require(actor, "change", record)
        for name in fixed:
            if name in fields and fields[name] != getattr(record, name):
                raise ValidationError({name: _("This cannot change once saved.")})
    many = {field.name for field in model._meta.many_to_many}
    for name, value in fields.items():
        if name not in many:
            setattr(record, name, value)
    if pk is None:
        require(actor, "add", record)
    record.full_clean()
    record.save()
    for name in many & set(fields):
        getattr(record, name).set(fields[name])
    return record


@transaction.atomic
def programme_save(*, actor, programme_id: int | None = None, **fields) -> Programme:
    """A programme and its development partners (institutions of that kind only)."""
    if any(funder.kind != InstitutionKind.DEVELOPMENT_PARTNER for funder in fields.get("funders") or ()):
        raise ValidationError({"funders": _("Choose development partners only.")})
    return _save(Programme, programme_id, actor, fields)


@transaction.atomic
def node_save(*, actor, node_id: int | None = None, **fields) -> ResultNode:
    """A goal, outcome or output; only an output lists the activities that serve it."""
    level = fields.get("level") or (ResultNode._base_manager.get(pk=node_id).level if node_id else None)
    if fields.get("outputs") and level != Level.OUTPUT:
        raise ValidationError({"outputs": _("Only an output lists the activities that serve it.")})
    return _save(ResultNode, node_id, actor, fields, fixed=("programme",))


@transaction.atomic
def node_link_activities(*, actor, node_id: int, activity_ids: list[int]) -> ResultNode:
    """Set the activities that serve an output (from the output's page)."""
    node = ResultNode.objects.for_user(actor).get(pk=node_id)
    require(actor, "change", node)
    if node.level != Level.OUTPUT:
        raise ValidationError({"outputs": _("Only an output lists the activities that serve it.")})
    node.outputs.set(activity_ids)
    return node


@transaction.atomic
def indicator_save(*, actor, indicator_id: int | None = None, **fields) -> Indicator:
    """An indicator may move to another result of its programme, never to another programme."""
    if indicator_id is not None and "node" in fields:
        current = Indicator._base_manager.select_related("node").get(pk=indicator_id)
        if fields["node"].programme_id != current.node.programme_id:
            raise ValidationError({"node": _("An indicator stays in its programme.")})
    return _save(Indicator, indicator_id, actor, fields)


@transaction.atomic
def period_save(*, actor, period_id: int | None = None, **fields) -> Period:
    return _save(Period, period_id, actor, fields, fixed=("programme",))


@transaction.atomic
def target_save(*, actor, target_id: int | None = None, **fields) -> Target:
    if target_id is not None:
        current = Target._base_manager.select_related("period").get(pk=target_id)
        if current.period.is_locked:
            raise ValidationError(locked_period_error(current.period))
    return _save(Target, target_id, actor, fields)


@transaction.atomic
def value_save(*, actor, value_id: int | None = None, **fields) -> MeasuredValue:
    """Enter or correct a figure. Once submitted it changes only by being returned; in a locked
    period it does not change at all (MeasuredValue.clean)."""
    if value_id is not None:
        current = MeasuredValue._base_manager.select_related("period").get(pk=value_id)
        if current.period.is_locked:
            raise ValidationError(locked_period_error(current.period))
        if current.status not in EDITABLE_VALUE_STATUSES:
            raise ValidationError(
                {
                    "value": _("This value is %(status)s: return it for correction to change it.")
                    % {"status": current.get_status_display().lower()}
                }
            )
    value = _save(MeasuredValue, value_id, actor, fields)
    if value_id is None:
        value_workflow.record_start(value, actor=actor)
    return value


# Each move's `version`, when given, is the version of the record the page showed: a record
# changed since is not moved (core.versions.RecordChanged).


def value_submit(*, value_id: int, actor, comment: str = "", version: int | None = None) -> MeasuredValue:
    return value_workflow.move(pk=value_id, to=ValueStatus.SUBMITTED, actor=actor, comment=comment, version=version)


def value_approve(*, value_id: int, actor, comment: str = "", version: int | None = None) -> MeasuredValue:
    return value_workflow.move(pk=value_id, to=ValueStatus.APPROVED, actor=actor, comment=comment, version=version)


def value_return(*, value_id: int, actor, reason: str, version: int | None = None) -> MeasuredValue:
    """Send a figure back for correction; the reason is required and kept in its history."""
    return value_workflow.move(pk=value_id, to=ValueStatus.RETURNED, actor=actor, comment=reason, version=version)


def period_lock(*, period_id: int, actor, comment: str = "", version: int | None = None) -> Period:
    """Certify a period: its values and targets are frozen."""
    return period_workflow.move(pk=period_id, to=PeriodStatus.LOCKED, actor=actor, comment=comment, version=version)


def period_reopen(*, period_id: int, actor, reason: str, version: int | None = None) -> Period:
    """The audited reopening of a certified period: who and why stay in its history."""
    return period_workflow.move(pk=period_id, to=PeriodStatus.OPEN, actor=actor, comment=reason, version=version)


@transaction.atomic
def indicator_compute(*, indicator_id: int, period_id: int, actor) -> MeasuredValue:
    """Work out a computed indicator's value for one period from the system's data, as a draft
    figure (new, or replacing a draft or returned one) that then goes through approval."""
    indicator = Indicator.objects.for_user(actor).select_related("node__programme").get(pk=indicator_id)
    require(actor, "compute", indicator)
    source = sources.indicator_source(indicator.source)
    if source is None:
        raise ValidationError({"source": _("This indicator is entered by hand.")})
    period = Period.objects.for_user(actor).filter(pk=period_id, programme=indicator.node.programme_id).first()
    if period is None:
        raise ValidationError({"period": _("Choose a period of this indicator's programme.")})
    total, breakdown = source.compute(indicator, period)
    fields = {
        "value": Decimal(total),
        "disaggregated": breakdown,
        "source_note": _("Computed by Attaché: %(source)s.") % {"source": source.label},
    }
    existing = MeasuredValue._base_manager.filter(indicator=indicator, period=period).first()
    if existing is None:
        return value_save(actor=actor, indicator=indicator, period=period, **fields)
    return value_save(actor=actor, value_id=existing.pk, **fields)
