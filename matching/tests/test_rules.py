"""Rules matching shares with other apps: who sees and answers an invitation (a hand-written
truth table), what counts as delivered track record, and the weights carried to the mapping."""

import importlib
from types import SimpleNamespace

import pytest

from accounts.choices import Role
from accounts.tests.factories import UserFactory
from assistance.choices import Status
from assistance.selectors import delivered_requests
from assistance.tests.factories import AssistanceRequestFactory, status_change
from community.tests.factories import InstitutionFactory
from core.access import can
from matching.choices import InvitationStatus
from matching.models import ExpertInvitation, HostInvitation
from matching.tests.factories import ExpertInvitationFactory, HostInvitationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitations(approved, jamaica, host_institution, expert_person):
    """Belize's request: Jamaica invited through two institutions, and one expert."""
    other = InstitutionFactory(state=jamaica, name="Jamaica Employment Service")
    return {
        "host": HostInvitationFactory(request=approved, state=jamaica, institution=host_institution),
        "host_other": HostInvitationFactory(
            request=approved, state=jamaica, institution=other, status=InvitationStatus.DECLINED
        ),
        "expert": ExpertInvitationFactory(request=approved, person=expert_person),
    }


@pytest.fixture
def personas(officer, focal_bz, focal_jm, host_jm, expert, trinidad, invitations):
    return {
        "officer": officer,
        "focal_bz": focal_bz,  # the requesting state
        "focal_jm": focal_jm,  # the invited state
        "host_jm": host_jm,  # coordinator of the first invited institution
        "host_other": UserFactory(role=Role.HOST_COORDINATOR, institution=invitations["host_other"].institution),
        "focal_tt": UserFactory(role=Role.FOCAL_POINT, member_state=trinidad),
        "expert": expert,
    }


# persona: (invitations seen, invitations it may accept or decline)
TRUTH = {
    "officer": ({"host", "host_other", "expert"}, {"host", "host_other", "expert"}),
    "focal_bz": ({"host", "host_other", "expert"}, set()),
    "focal_jm": ({"host", "host_other"}, {"host", "host_other"}),
    "host_jm": ({"host"}, {"host"}),
    "host_other": ({"host_other"}, {"host_other"}),
    "focal_tt": (set(), set()),
    "expert": ({"expert"}, {"expert"}),
}


@pytest.mark.parametrize("persona", sorted(TRUTH))
def test_who_sees_and_answers_an_invitation(persona, personas, invitations):
    user = personas[persona]
    seen, answers = TRUTH[persona]
    visible = {*HostInvitation.objects.for_user(user), *ExpertInvitation.objects.for_user(user)}
    assert {name for name, inv in invitations.items() if inv in visible} == seen
    assert {name for name, inv in invitations.items() if can(user, "accept", inv)} == answers
    assert {name for name, inv in invitations.items() if can(user, "decline", inv)} == answers
    is_officer = persona == "officer"
    assert all(can(user, "withdraw", inv) == is_officer for inv in invitations.values())
    # Ranking candidates is brokering the request: the request's own `match` action.
    assert all(can(user, "match", inv.request) == is_officer for inv in invitations.values())
    assert can(user, "invite", HostInvitation) == is_officer


def _delivered(request):
    status_change(request, Status.IN_DELIVERY, Status.DELIVERED)
    return request


def test_only_requests_delivered_through_the_workflow_count_as_delivered():
    """The request's rule; matching's track record now reads activities
    (matching/tests/test_track_record_from_activities.py)."""
    AssistanceRequestFactory(status=Status.CLOSED)  # closed by hand: no move to delivered recorded
    delivered = _delivered(AssistanceRequestFactory(status=Status.DELIVERED))
    closed = _delivered(AssistanceRequestFactory(status=Status.CLOSED))
    following_up = _delivered(AssistanceRequestFactory(status=Status.FOLLOW_UP))
    withdrawn_after = _delivered(AssistanceRequestFactory(status=Status.WITHDRAWN))
    in_delivery = AssistanceRequestFactory(status=Status.IN_DELIVERY)
    assert set(delivered_requests()) == {delivered, closed, following_up}
    assert withdrawn_after not in delivered_requests() and in_delivery not in delivered_requests()


def test_the_weights_migration_carries_the_columns_over_and_back():
    migration = importlib.import_module("matching.migrations.0002_match_weights_by_factor_name")
    row = SimpleNamespace(capability=4.0, fit=0.0, relevance=3.0, track_record=1.0, load=1.0, timing=2.5, cost=0.5)
    saved = []
    row.save = lambda update_fields: saved.append(sorted(update_fields))
    manager = SimpleNamespace(all=lambda: [row])
    apps = SimpleNamespace(get_model=lambda app, model: SimpleNamespace(objects=manager))
    migration.columns_to_mapping(apps, None)
    assert row.weights == {
        "capability": 4.0,
        "fit": 0.0,
        "relevance": 3.0,
        "track_record": 1.0,
        "load": 1.0,
        "timing": 2.5,
        "cost": 0.5,
    }
    row.weights = {"fit": 1.5}
    migration.mapping_to_columns(apps, None)
    assert (row.fit, row.capability, row.cost) == (1.5, 3.0, 1.0)  # missing names: the column defaults
    assert saved == [["weights"], sorted(migration.COLUMNS)]
