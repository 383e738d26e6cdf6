"""The lifecycles of an activity and of a nomination, on the shared workflow (core.workflow).

An activity: proposed → planned → confirmed → in_delivery → delivered → closed, and cancelled
(with a reason) from any state before delivery ends. Its requests follow it through
`activities.services.activity_transition`: planning it plans them, starting it starts their
delivery, closing it delivers them, cancelling it returns them to host_confirmed.

A nomination: proposed → confirmed | declined, and withdrawn by its state."""

from activities.choices import ActivityStatus, NominationStatus
from activities.models import Activity, Nomination
from core.workflow import Transition, Workflow

S = ActivityStatus
CANCELLABLE = (S.PROPOSED, S.PLANNED, S.CONFIRMED, S.IN_DELIVERY)

activity_workflow = Workflow(
    name="activity",
    model=Activity,
    statuses=ActivityStatus,
    changed_at_field="status_changed_at",
    transitions=[
        Transition(S.PROPOSED, S.PLANNED),
        Transition(S.PLANNED, S.CONFIRMED),
        Transition(S.CONFIRMED, S.IN_DELIVERY),
        Transition(S.IN_DELIVERY, S.DELIVERED),
        Transition(S.DELIVERED, S.CLOSED),
        *(Transition(source, S.CANCELLED) for source in CANCELLABLE),
    ],
    reason_required={S.CANCELLED},
)

N = NominationStatus
nomination_workflow = Workflow(
    name="nomination",
    model=Nomination,
    statuses=NominationStatus,
    changed_at_field="status_changed_at",
    transitions=[
        Transition(N.PROPOSED, N.CONFIRMED),
        Transition(N.PROPOSED, N.DECLINED),
        Transition(N.CONFIRMED, N.DECLINED),
        Transition(N.PROPOSED, N.WITHDRAWN),
        Transition(N.CONFIRMED, N.WITHDRAWN),
    ],
    reason_required={N.DECLINED},
)
