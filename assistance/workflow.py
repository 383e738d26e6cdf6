"""The request lifecycle, declared once (DESIGN.md):

draft → submitted → registered → assessing → approved | declined | on_hold → matching →
host_confirmed → planned → in_delivery → delivered → follow_up → closed, and withdrawn from any
state before in_delivery.

Who may make each move is the AssistanceRequest AccessRule (`transition:<status>`); the guards
are registered by the app that owns each rule: `assistance.services` (a needs assessment before
approval, the reference on registration), `matching` (an accepted invitation before
host_confirmed), and `activities` (an activity planned, started, closed; back to host_confirmed
when the activity is cancelled)."""

from django.utils.translation import gettext_lazy as _

from assistance.choices import Status
from assistance.models import AssistanceRequest
from core.workflow import Transition, Workflow

# The steps after host_confirmed follow the activity that serves the request: the activities app
# registers their guards (activities.lifecycle); until it does, these moves are refused.
AWAITS_ACTIVITY = {
    Status.PLANNED: _("A request is planned when an activity that serves it is planned."),
    Status.IN_DELIVERY: _("Delivery starts when an activity that serves the request starts."),
    Status.DELIVERED: _(
        "A request is delivered when an activity that serves it is closed with its attendance recorded."
    ),
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
    # The activity was cancelled: the request waits for another one with its host.
    (Status.PLANNED, Status.HOST_CONFIRMED),
    (Status.IN_DELIVERY, Status.HOST_CONFIRMED),
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
