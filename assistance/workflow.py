"""The request lifecycle, declared once (DESIGN.md):

draft → submitted → registered → assessing → approved | declined | on_hold → matching →
host_confirmed → planned → in_delivery → delivered → follow_up → closed, and withdrawn from any
state before in_delivery.

Who may make each move is the AssistanceRequest AccessRule (`transition:<status>`); the guards
are registered by the app that owns each rule: `assistance.services` (a needs assessment before
approval, the reference on registration), `matching` (an accepted invitation before
host_confirmed), and later `activities` (an activity planned, started, delivered)."""

from django.utils.translation import gettext_lazy as _

from assistance.choices import Status
from assistance.models import AssistanceRequest
from core.workflow import Transition, Workflow

# The steps after host_confirmed wait for the activities app: it registers the guards that
# replace these refusals (an activity planned, started, delivered).
AWAITS_ACTIVITY = {
    Status.PLANNED: _("A request is planned once its activity is planned, and activities cannot be recorded yet."),
    Status.IN_DELIVERY: _(
        "Delivery starts when the request's planned activity starts, and no activity is planned yet."
    ),
    Status.DELIVERED: _("A request is delivered only when its activity has been delivered, and none is recorded yet."),
}

MAIN_LINE = [
    (Status.DRAFT, Status.SUBMITTED),
    (Status.SUBMITTED, Status.REGISTERED),
    (Status.REGISTERED, Status.ASSESSING),
    (Status.ASSESSING, Status.APPROVED),
    (Status.ASSESSING, Status.DECLINED),
    (Status.ASSESSING, Status.ON_HOLD),
    (Status.ON_HOLD, Status.ASSESSING),
    (Status.ON_HOLD, Status.DECLINED),
    (Status.APPROVED, Status.MATCHING),
    (Status.APPROVED, Status.ON_HOLD),
    (Status.MATCHING, Status.HOST_CONFIRMED),
    (Status.HOST_CONFIRMED, Status.PLANNED),
    (Status.PLANNED, Status.IN_DELIVERY),
    (Status.IN_DELIVERY, Status.DELIVERED),
    (Status.DELIVERED, Status.FOLLOW_UP),
    (Status.FOLLOW_UP, Status.CLOSED),
]
# A request can be withdrawn until its delivery starts.
WITHDRAWABLE = [
    Status.DRAFT,
    Status.SUBMITTED,
    Status.REGISTERED,
    Status.ASSESSING,
    Status.ON_HOLD,
    Status.APPROVED,
    Status.MATCHING,
    Status.HOST_CONFIRMED,
    Status.PLANNED,
]

request_workflow = Workflow(
    name="request",
    model=AssistanceRequest,
    statuses=Status,
    changed_at_field="status_changed_at",
    transitions=[
        *(Transition(source, target, awaits=AWAITS_ACTIVITY.get(target)) for source, target in MAIN_LINE),
        *(Transition(source, Status.WITHDRAWN) for source in WITHDRAWABLE),
    ],
    # Moves that must say why: the requester and the record deserve a reason.
    reason_required={Status.DECLINED, Status.ON_HOLD, Status.WITHDRAWN},
)
