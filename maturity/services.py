"""Recording maturity assessments, with who may use which method."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.choices import Role
from maturity.choices import AssessmentMethod
from maturity.models import MaturityAssessment


def allowed_methods(user) -> list[str]:
    """Focal points assess their own state; the secretariat records reviews and its own assessments."""
    if user.is_secretariat:
        return [AssessmentMethod.SECRETARIAT, AssessmentMethod.PEER, AssessmentMethod.SELF]
    if user.role == Role.FOCAL_POINT:
        return [AssessmentMethod.SELF]
    return []


@transaction.atomic
def assessment_record(*, actor, **fields) -> MaturityAssessment:
    """Add one dated assessment to a state's series (earlier ones are kept)."""
    assessment = MaturityAssessment(recorded_by=actor, **fields)
    if assessment.method not in allowed_methods(actor):
        raise PermissionDenied(_("You may not record a %(method)s.") % {"method": assessment.get_method_display()})
    if not actor.is_secretariat and assessment.state_id != actor.member_state_id:
        raise PermissionDenied(_("Focal points assess their own state only."))
    assessment.full_clean()
    assessment.save()
    return assessment
