"""Recording maturity assessments, with who may use which method."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import Role
from core.documents import document_validate, documents_attach
from core.models import DocumentKind
from maturity.choices import AssessmentMethod
from maturity.models import MaturityAssessment


def allowed_methods(user) -> list[str]:
    """Focal points assess their own state; the secretariat records reviews and its own assessments."""
    if not user.is_authenticated or not user.is_active:
        return []
    if user.is_secretariat:
        return [AssessmentMethod.SECRETARIAT, AssessmentMethod.PEER, AssessmentMethod.SELF]
    if user.role == Role.FOCAL_POINT and user.member_state_id:
        return [AssessmentMethod.SELF]
    return []


def can_record(user, *, state_id: int | None = None) -> bool:
    """Whether the user may record an assessment at all, or for this state."""
    if not allowed_methods(user):
        return False
    return user.is_secretariat or state_id is None or state_id == user.member_state_id


def can_delete(user) -> bool:
    """Assessments form a time series: only the secretariat removes one (e.g. entered twice)."""
    return user.is_authenticated and user.is_active and user.is_secretariat


@transaction.atomic
def assessment_record(*, actor, evidence_file=None, **fields) -> MaturityAssessment:
    """Add one dated assessment to a state's series (earlier ones are kept), with its evidence
    document if one is given.

    Raises PermissionDenied when the actor may not use the method or assess the state,
    and ValidationError (keyed by field) when the assessment itself is wrong."""
    assessment = MaturityAssessment(recorded_by=actor, **fields)
    if assessment.method not in allowed_methods(actor):
        raise PermissionDenied(
            _("You may not record a %(method)s.") % {"method": assessment.get_method_display().lower()}
        )
    if not actor.is_secretariat and assessment.state_id != actor.member_state_id:
        raise PermissionDenied(_("Focal points assess their own state only."))
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
    if not can_delete(actor):
        raise PermissionDenied(_("Only the secretariat removes assessments."))
    MaturityAssessment.objects.get(pk=assessment_id).delete()
