"""Recording maturity assessments, with who may use which method."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.access import can, require
from core.documents import document_validate, documents_attach
from core.models import DocumentKind
from maturity.choices import AssessmentMethod
from maturity.models import MaturityAssessment

METHOD_ORDER = (AssessmentMethod.SECRETARIAT, AssessmentMethod.PEER, AssessmentMethod.SELF)


def method_action(method: str) -> str:
    """The named action (on MaturityAssessment's rule) of recording with one method."""
    return f"record:{method}"


def allowed_methods(user) -> list[str]:
    """The methods the user may record with, as MaturityAssessment's rule declares them
    (focal points: self-assessments; the secretariat: every method)."""
    return [method for method in METHOD_ORDER if can(user, method_action(method), MaturityAssessment)]


def can_record(user, *, state_id: int | None = None) -> bool:
    """Whether the user may record an assessment at all, or for this state."""
    if state_id is None:
        return can(user, "add", MaturityAssessment)
    return can(user, "record", MaturityAssessment(state_id=state_id))


@transaction.atomic
def assessment_record(*, actor, evidence_file=None, **fields) -> MaturityAssessment:
    """Add one dated assessment to a state's series (earlier ones are kept), with its evidence
    document if one is given.

    Raises PermissionDenied when the actor may not use the method or assess the state,
    and ValidationError (keyed by field) when the assessment itself is wrong."""
    assessment = MaturityAssessment(recorded_by=actor, **fields)
    require(
        actor,
        method_action(assessment.method),
        MaturityAssessment,
        _("You may not record a %(method)s.") % {"method": assessment.get_method_display().lower()},
    )
    require(actor, "record", assessment, _("Focal points assess their own state only."))
    if assessment.assessed_on and assessment.assessed_on > timezone.localdate():
        raise ValidationError({"assessed_on": _("An assessment cannot be dated in the future.")})
    if evidence_file:
        try:
            document_validate(evidence_file)
        except ValidationError as error:
            raise ValidationError({"evidence_file": error.messages}) from error
    assessment.full_clean()
    assessment.save()
    if evidence_file:
        documents_attach(record=assessment, uploads=[evidence_file], uploaded_by=actor, kind=DocumentKind.EVIDENCE)
    return assessment


@transaction.atomic
def assessment_delete(*, assessment_id: int, actor) -> None:
    """Remove an assessment recorded by mistake; the change log keeps what it said."""
    assessment = MaturityAssessment.objects.get(pk=assessment_id)
    require(actor, "delete", assessment, _("Only the secretariat removes assessments."))
    assessment.delete()
