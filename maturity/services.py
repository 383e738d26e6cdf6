"""Recording maturity assessments, with who may use which method."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from community.models import MemberState
from core.access import Visibility, can, require
from core.documents import document_validate, documents_attach
from core.models import DocumentKind
from maturity.choices import AssessmentMethod
from maturity.models import Audience, CurrentAssessment, MaturityAssessment
from maturity.selectors import current_assessments

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
    current_assessments_refresh(pairs=[(assessment.state_id, assessment.area_id)])
    if evidence_file:
        documents_attach(record=assessment, uploads=[evidence_file], uploaded_by=actor, kind=DocumentKind.EVIDENCE)
    return assessment


@transaction.atomic
def assessment_delete(*, assessment_id: int, actor) -> None:
    """Remove an assessment recorded by mistake; the change log keeps what it said."""
    assessment = MaturityAssessment.objects.get(pk=assessment_id)
    require(actor, "delete", assessment, _("Only the secretariat removes assessments."))
    pair = (assessment.state_id, assessment.area_id)
    assessment.delete()
    current_assessments_refresh(pairs=[pair])


# The columns a current assessment copies from the assessment behind it.
CURRENT_COLUMNS = ("state_id", "area_id", "pk", "level", "method", "assessed_on")


def _latest_rows(assessments) -> dict[tuple[int, int], tuple]:
    """(state id, area id) → the current assessment's columns, among `assessments`."""
    return {row[:2]: row for row in current_assessments(assessments).values_list(*CURRENT_COLUMNS)}


def _current_rows(assessments) -> list[CurrentAssessment]:
    """The current assessment rows of every audience for the (state, area) pairs of `assessments`."""
    audiences = {
        Audience.ALL: assessments,
        Audience.SHARED: assessments.filter(visibility=Visibility.SHARED),
    }
    rows = []
    for audience, visible in audiences.items():
        confirmed = _latest_rows(visible.exclude(method=AssessmentMethod.SELF))
        for pair, (state_id, area_id, pk, level, method, on) in _latest_rows(visible).items():
            row = CurrentAssessment(
                state_id=state_id,
                area_id=area_id,
                audience=audience,
                assessment_id=pk,
                level=level,
                method=method,
                assessed_on=on,
            )
            if pair in confirmed:
                _state, _area, row.confirmed_id, row.confirmed_level, row.confirmed_method, row.confirmed_on = (
                    confirmed[pair]
                )
            rows.append(row)
    return rows


@transaction.atomic
def current_assessments_refresh(*, pairs) -> None:
    """Recompute the current assessments of these (state id, area id) pairs from their history,
    after an assessment of theirs was recorded, deleted or changed visibility (in the same
    transaction as that change)."""
    pairs = set(pairs)
    if not pairs:
        return
    # Two people recording for one state at once: the second waits, then sees the first's row.
    list(MemberState.objects.select_for_update().filter(pk__in={state for state, _area in pairs}).values("pk"))
    which = Q()
    for state_id, area_id in pairs:
        which |= Q(state_id=state_id, area_id=area_id)
    CurrentAssessment.objects.filter(which).delete()
    CurrentAssessment.objects.bulk_create(_current_rows(MaturityAssessment.objects.filter(which)))


@transaction.atomic
def current_assessments_rebuild() -> int:
    """Refill the current assessments from the whole history (after a bulk load of assessments);
    returns how many rows there are. Writes no change history."""
    CurrentAssessment.objects.all().delete()
    rows = CurrentAssessment.objects.bulk_create(_current_rows(MaturityAssessment.objects.all()), batch_size=2000)
    return len(rows)
