"""Writes for an activity's money, its papers and the modality rules. Pages and the API call these
same functions, so both refuse the same input with the same message (the model's `clean()`)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from activities.models import Activity, BudgetLine, ModalityRule
from activities.rules import DEFAULT_RULES
from core.access import can, require
from core.documents import documents_attach

BUDGET_FIELDS = ("category", "description", "amount", "actual", "currency", "funding_source")
RULE_FIELDS = ("min_people", "max_people", "max_people_justified", "min_days", "max_days", "default_days")


def _activity_for(actor, activity_id: int) -> Activity:
    """The activity, among those the actor sees (another's is as if it did not exist)."""
    return Activity.objects.for_user(actor).get(pk=activity_id)


def _write(record, fields: dict, names) -> None:
    for name in names:
        if name in fields:
            setattr(record, name, fields[name])
    record.full_clean()
    record.save()


@transaction.atomic
def budget_line_create(*, activity_id: int, actor, **fields) -> BudgetLine:
    """Add a budget line to an activity (the secretariat)."""
    activity = _activity_for(actor, activity_id)
    require(actor, "budget", activity, _("Only the secretariat plans an activity's budget."))
    line = BudgetLine(activity=activity)
    _write(line, fields, BUDGET_FIELDS)
    return line


@transaction.atomic
def budget_line_update(*, line_id: int, actor, **fields) -> BudgetLine:
    """Change a budget line, or record what was really spent (the secretariat)."""
    line = BudgetLine.objects.for_user(actor).select_for_update().get(pk=line_id)
    require(actor, "change", line, _("Only the secretariat plans an activity's budget."))
    _write(line, fields, BUDGET_FIELDS)
    return line


@transaction.atomic
def budget_line_delete(*, line_id: int, actor) -> int:
    """Remove a budget line (the secretariat); returns the activity's id."""
    line = BudgetLine.objects.for_user(actor).get(pk=line_id)
    require(actor, "delete", line, _("Only the secretariat plans an activity's budget."))
    line.delete()
    return line.activity_id


@transaction.atomic
def activity_documents_add(*, activity_id: int, actor, documents) -> list:
    """Attach concept notes, reports or presentations to an activity: the secretariat and the host
    institution's coordinator (those who prepare it). Returns the new core.Documents."""
    activity = _activity_for(actor, activity_id)
    require(actor, "prepare", activity, _("Only the secretariat and the host institution add papers to an activity."))
    if not [upload for upload in documents if upload]:
        raise ValidationError({"documents": _("Choose at least one file to add.")})
    return documents_attach(record=activity, uploads=documents, uploaded_by=actor)


@transaction.atomic
def modality_rule_save(*, modality: str, actor, **fields) -> ModalityRule:
    """Set how many people and working days a modality takes (the secretariat): saves the row,
    starting from the defaults when there is none yet."""
    if not can(actor, "change", ModalityRule):
        raise PermissionDenied(_("Only the secretariat sets the rules of each modality."))
    if modality not in DEFAULT_RULES:
        raise ValidationError({"modality": _("Not a modality of an activity.")})
    rule = ModalityRule.objects.select_for_update().filter(modality=modality).first()
    rule = rule or ModalityRule(modality=modality, **DEFAULT_RULES[modality])
    _write(rule, fields, RULE_FIELDS)
    return rule
