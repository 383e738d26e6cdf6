"""The request lifecycle against an independent, hand-written table of legal moves per role.

The table below is written from DESIGN.md, not derived from `assistance.workflow` or the access
rules: `draft → submitted → registered → assessing → approved | declined | on_hold → matching →
host_confirmed → planned → in_delivery → delivered → follow_up → closed`, `withdrawn` from any
state before `in_delivery`; focal points submit and withdraw their own state's requests; the
secretariat does the rest. DESIGN.md leaves the exits of `on_hold` open: a request on hold goes
back to assessment or is declined, and an approved request may be put on hold.

Every (from, to, persona) is tried through the service and compared with the table, including a
focal point of another state, a host coordinator, an expert and a development partner.
"""

import pytest

from activities import lifecycle
from assistance import services
from assistance.tests.factories import AssistanceRequestFactory, NeedsAssessmentFactory
from assistance.workflow import request_workflow
from core.models import TransitionRecord
from core.workflow import InvalidTransition, TransitionForbidden, transitions_of
from followup import lifecycle as followup_lifecycle
from matching.choices import InvitationStatus
from matching.tests.factories import HostInvitationFactory

STATUSES = [
    "draft",
    "submitted",
    "registered",
    "assessing",
    "approved",
    "declined",
    "on_hold",
    "matching",
    "host_confirmed",
    "planned",
    "in_delivery",
    "delivered",
    "follow_up",
    "closed",
    "withdrawn",
]
SECRETARIAT = {"admin", "officer"}
BOTH = SECRETARIAT | {"focal_bz"}  # the requests below are Belize's
PERSONAS = ["admin", "officer", "focal_bz", "focal_jm", "host_jm", "expert", "partner"]

LEGAL = {
    ("draft", "submitted"): BOTH,
    ("submitted", "registered"): SECRETARIAT,
    ("registered", "assessing"): SECRETARIAT,
    ("assessing", "approved"): SECRETARIAT,
    ("assessing", "declined"): SECRETARIAT,
    ("assessing", "on_hold"): SECRETARIAT,
    ("on_hold", "assessing"): SECRETARIAT,
    ("on_hold", "declined"): SECRETARIAT,
    ("approved", "matching"): SECRETARIAT,
    ("approved", "on_hold"): SECRETARIAT,
    ("matching", "host_confirmed"): SECRETARIAT,
    ("host_confirmed", "planned"): SECRETARIAT,
    ("planned", "in_delivery"): SECRETARIAT,
    ("in_delivery", "delivered"): SECRETARIAT,
    ("planned", "host_confirmed"): SECRETARIAT,  # its activity was cancelled
    ("in_delivery", "host_confirmed"): SECRETARIAT,
    ("delivered", "follow_up"): SECRETARIAT,
    ("follow_up", "closed"): SECRETARIAT,
    ("draft", "withdrawn"): BOTH,
    ("submitted", "withdrawn"): BOTH,
    ("registered", "withdrawn"): BOTH,
    ("assessing", "withdrawn"): BOTH,
    ("on_hold", "withdrawn"): BOTH,
    ("approved", "withdrawn"): BOTH,
    ("matching", "withdrawn"): BOTH,
    ("host_confirmed", "withdrawn"): BOTH,
    ("planned", "withdrawn"): BOTH,
}
REASON = "Agreed with the Permanent Secretary."


def may_ever_enter(persona: str, target: str) -> bool:
    """Whether some legal move leads the persona into `target` (nothing ever leads back to draft:
    that is an illegal move for everyone, not a forbidden one)."""
    entering = [roles for (_start, to), roles in LEGAL.items() if to == target]
    return not entering or any(persona in roles for roles in entering)


def sees(persona: str, start: str) -> bool:
    """A draft is Belize's own workspace; every other request here is shared."""
    return start != "draft" or persona in BOTH


def expected(start: str, to: str, persona: str):
    """'moved', or the refusal the persona gets."""
    if persona in LEGAL.get((start, to), set()):
        return "moved"
    if not sees(persona, start):
        return "not found"
    return "illegal" if may_ever_enter(persona, to) else "forbidden"


def _pass(assistance_request, move):
    return None


ACTIVITY_GUARDS = (
    ("planned", lifecycle.guard_request_planned),
    ("in_delivery", lifecycle.guard_request_in_delivery),
    ("delivered", lifecycle.guard_request_delivered),
    ("host_confirmed", lifecycle.guard_request_back_to_host_confirmed),
    # The follow-up's evidence (questionnaire sent, answered) is followup's rule (followup/tests).
    ("follow_up", followup_lifecycle.guard_request_follow_up),
    ("closed", followup_lifecycle.guard_request_closed),
)


@pytest.fixture
def activities_registered():
    """This table is about who may make which move: the activity behind each step is
    activities' rule (activities/tests), so its guards stand aside here."""
    for status, guard in ACTIVITY_GUARDS:
        request_workflow.remove_guard(status, guard)
        request_workflow.add_guard(status, _pass)
    yield
    for status, guard in ACTIVITY_GUARDS:
        request_workflow.remove_guard(status, _pass)
        request_workflow.add_guard(status, guard)


def _request_in(start, belize, jamaica):
    assistance_request = AssistanceRequestFactory(state=belize, status=start)
    NeedsAssessmentFactory(request=assistance_request)  # approval's guard
    HostInvitationFactory(request=assistance_request, state=jamaica, status=InvitationStatus.ACCEPTED)
    return assistance_request


def _attempt(assistance_request, to, actor) -> str:
    try:
        services.request_transition(request_id=assistance_request.pk, to=to, actor=actor, comment=REASON)
    except InvalidTransition:
        return "illegal"
    except TransitionForbidden:
        return "forbidden"
    except type(assistance_request).DoesNotExist:
        return "not found"
    return "moved"


@pytest.mark.usefixtures("activities_registered")
@pytest.mark.parametrize("start", STATUSES)
def test_every_move_of_every_persona_matches_the_design(start, persona, belize, jamaica):
    mismatches = []
    assistance_request = _request_in(start, belize, jamaica)
    for name in PERSONAS:
        actor = persona(name)
        offered = {str(status) for status in services.allowed_transitions(assistance_request, actor)}
        should_offer = {to for (s, to), roles in LEGAL.items() if s == start and name in roles}
        if sees(name, start) and offered != should_offer:
            mismatches.append((start, name, "offered", sorted(offered), "expected", sorted(should_offer)))
        for to in STATUSES:
            outcome, want = _attempt(assistance_request, to, actor), expected(start, to, name)
            if outcome != want:
                mismatches.append((start, to, name, outcome, "expected", want))
            if outcome == "moved":
                record = transitions_of(assistance_request).get()
                assert (record.from_status, record.to_status, record.actor, record.comment) == (
                    start,
                    to,
                    actor,
                    REASON,
                )
                assistance_request = _request_in(start, belize, jamaica)
            else:
                assistance_request.refresh_from_db()
                assert assistance_request.status == start
                assert not transitions_of(assistance_request).exists()
    assert mismatches == []


@pytest.mark.parametrize(
    "start,to", [("host_confirmed", "planned"), ("planned", "in_delivery"), ("in_delivery", "delivered")]
)
@pytest.mark.parametrize("name", ["admin", "officer"])
def test_activity_steps_are_refused_without_an_activity_behind_them(start, to, name, persona, belize):
    assistance_request = AssistanceRequestFactory(state=belize, status=start)
    with pytest.raises(InvalidTransition, match="activity") as refused:
        services.request_transition(request_id=assistance_request.pk, to=to, actor=persona(name), comment=REASON)
    assert str(refused.value) == str(request_workflow.transitions[(start, to)].awaits)
    assistance_request.refresh_from_db()
    assert assistance_request.status == start
    assert not TransitionRecord.objects.exists()
