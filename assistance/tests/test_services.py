"""The request lifecycle's own rules: guards, reference numbering, notifications, routing,
needs assessments and filing. Every (from, to, role) is checked against the hand-written table
of DESIGN.md in test_lifecycle_table.py."""

import datetime
import threading

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection

from assistance import services
from assistance.choices import Channel, Status
from assistance.models import AssistanceRequest, NeedsAssessment, ReferenceCounter
from assistance.tests.factories import (
    AssistanceRequestFactory,
    NeedsAssessmentFactory,
    officer_factory,
)
from community.tests.factories import CapabilityAreaFactory
from core.models import TransitionRecord
from core.workflow import InvalidTransition, TransitionForbidden, transitions_of

REASON = "The Permanent Secretary asked for it in writing."
UTC = datetime.UTC


def history(assistance_request):
    return transitions_of(assistance_request)


def test_an_unknown_status_is_an_illegal_move(officer):
    request = AssistanceRequestFactory(status=Status.SUBMITTED)
    with pytest.raises(InvalidTransition):
        services.request_transition(request_id=request.pk, to="teleported", actor=officer)
    assert not TransitionRecord.objects.exists()


def test_allowed_transitions_follow_role_and_state(officer, focal_bz, focal_jm, partner, belize):
    request = AssistanceRequestFactory(state=belize, status=Status.ASSESSING)
    assert services.allowed_transitions(request, officer) == [
        Status.APPROVED,
        Status.DECLINED,
        Status.ON_HOLD,
        Status.WITHDRAWN,
    ]
    assert services.allowed_transitions(request, focal_bz) == [Status.WITHDRAWN]
    assert services.allowed_transitions(request, focal_jm) == []
    assert services.allowed_transitions(request, partner) == []


# --- guards ------------------------------------------------------------------------------


def test_approval_needs_a_needs_assessment(officer):
    request = AssistanceRequestFactory(status=Status.ASSESSING)
    with pytest.raises(InvalidTransition, match="needs assessment"):
        services.request_transition(request_id=request.pk, to=Status.APPROVED, actor=officer)
    request.refresh_from_db()
    assert request.status == Status.ASSESSING
    assert not TransitionRecord.objects.exists()
    NeedsAssessmentFactory(request=request)
    assert (
        services.request_transition(request_id=request.pk, to=Status.APPROVED, actor=officer).status == Status.APPROVED
    )


@pytest.mark.parametrize("to", [Status.DECLINED, Status.ON_HOLD, Status.WITHDRAWN])
@pytest.mark.parametrize("comment", ["", "   \n"])
def test_declining_holding_and_withdrawing_need_a_reason(to, comment, officer):
    request = AssistanceRequestFactory(status=Status.ASSESSING)
    with pytest.raises(InvalidTransition, match="Say why"):
        services.request_transition(request_id=request.pk, to=to, actor=officer, comment=comment)
    assert not TransitionRecord.objects.exists()
    assert services.request_transition(request_id=request.pk, to=to, actor=officer, comment=REASON).status == to


@time_machine.travel(datetime.datetime(2026, 3, 2, 15, tzinfo=UTC))
def test_registering_issues_a_reference_and_the_receipt_date(officer):
    request = AssistanceRequestFactory(status=Status.SUBMITTED)
    registered = services.request_transition(request_id=request.pk, to=Status.REGISTERED, actor=officer)
    request.refresh_from_db()
    assert registered.reference == request.reference == "TA/2026/0001"
    assert request.received_on == datetime.date(2026, 3, 2)


# --- reference numbering -------------------------------------------------------------------


def _register(request, officer):
    return services.request_transition(request_id=request.pk, to=Status.REGISTERED, actor=officer).reference


@time_machine.travel(datetime.datetime(2026, 5, 4, 14, tzinfo=UTC))
def test_references_are_sequential_within_a_year(officer):
    requests = AssistanceRequestFactory.create_batch(3, status=Status.SUBMITTED)
    assert [_register(r, officer) for r in requests] == ["TA/2026/0001", "TA/2026/0002", "TA/2026/0003"]
    assert ReferenceCounter.objects.get(year=2026).last_number == 3


def test_references_restart_each_year(officer):
    first, second, third = AssistanceRequestFactory.create_batch(3, status=Status.SUBMITTED)
    with time_machine.travel(datetime.datetime(2026, 12, 31, 15, tzinfo=UTC)):
        assert _register(first, officer) == "TA/2026/0001"
        assert _register(second, officer) == "TA/2026/0002"
    with time_machine.travel(datetime.datetime(2027, 1, 4, 15, tzinfo=UTC)):
        assert _register(third, officer) == "TA/2027/0001"


def test_the_year_is_the_secretariats_local_year(officer):
    request = AssistanceRequestFactory(status=Status.SUBMITTED)
    # 1 January 02:00 UTC is still 31 December in Barbados (UTC-4).
    with time_machine.travel(datetime.datetime(2027, 1, 1, 2, tzinfo=UTC)):
        assert _register(request, officer) == "TA/2026/0001"


@time_machine.travel(datetime.datetime(2026, 6, 1, 14, tzinfo=UTC))
def test_a_reference_is_never_reused_after_withdrawal(officer, focal_bz, belize):
    withdrawn, later = AssistanceRequestFactory.create_batch(2, state=belize, status=Status.SUBMITTED)
    assert _register(withdrawn, officer) == "TA/2026/0001"
    services.request_transition(
        request_id=withdrawn.pk, to=Status.WITHDRAWN, actor=focal_bz, comment="Funded bilaterally."
    )
    assert _register(later, officer) == "TA/2026/0002"
    withdrawn.refresh_from_db()
    assert withdrawn.reference == "TA/2026/0001"


def test_a_refused_registration_uses_no_number(officer, focal_bz, belize):
    request = AssistanceRequestFactory(state=belize, status=Status.SUBMITTED)
    with pytest.raises(TransitionForbidden):
        _register(request, focal_bz)
    assert not ReferenceCounter.objects.exists()
    assert _register(request, officer).endswith("/0001")


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises every write; row locks need PostgreSQL"
)
@pytest.mark.django_db(transaction=True)
def test_officers_registering_at_the_same_moment_get_distinct_consecutive_references(officer, belize):
    count = 8
    requests = AssistanceRequestFactory.create_batch(count, state=belize, status=Status.SUBMITTED)
    barrier = threading.Barrier(count)
    references, errors = [], []

    def register(pk):
        try:
            barrier.wait(timeout=10)
            references.append(services.request_transition(request_id=pk, to=Status.REGISTERED, actor=officer).reference)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(r.pk,)) for r in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    year = references[0].split("/")[1]
    assert sorted(references) == [f"TA/{year}/{n:04d}" for n in range(1, count + 1)]
    assert TransitionRecord.objects.filter(to_status=Status.REGISTERED).count() == count


# --- cross-state -------------------------------------------------------------------------


def test_a_focal_point_cannot_move_another_states_restricted_request(focal_bz, jamaica):
    request = AssistanceRequestFactory(state=jamaica, status=Status.DRAFT, restricted=True)
    with pytest.raises(AssistanceRequest.DoesNotExist):
        services.request_transition(request_id=request.pk, to=Status.SUBMITTED, actor=focal_bz)
    assert not TransitionRecord.objects.exists()


def test_a_focal_point_cannot_move_another_states_shared_request(focal_bz, jamaica):
    request = AssistanceRequestFactory(state=jamaica, status=Status.SUBMITTED)
    with pytest.raises(TransitionForbidden):
        services.request_transition(request_id=request.pk, to=Status.WITHDRAWN, actor=focal_bz, comment=REASON)
    assert not TransitionRecord.objects.exists()


# --- notifications -------------------------------------------------------------------------


def _mails():
    """(address, subject) of each message: every recipient gets their own, in their language."""
    assert all(len(m.to) == 1 for m in mail.outbox)
    return {(m.to[0], m.subject) for m in mail.outbox}


def test_submitting_tells_every_officer(focal_bz, officer, belize, django_capture_on_commit_callbacks):
    other_officer = officer_factory(email="keisha.alleyne@secretariat.example")
    officer_factory(email="gone@secretariat.example", is_active=False)
    request = AssistanceRequestFactory(state=belize, focal_point=focal_bz)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_transition(request_id=request.pk, to=Status.SUBMITTED, actor=focal_bz)
    assert _mails() == {
        (officer.email, "[Attaché] new request is now Submitted"),
        (other_officer.email, "[Attaché] new request is now Submitted"),
    }


@time_machine.travel(datetime.datetime(2026, 2, 10, 15, tzinfo=UTC))
def test_registering_tells_the_focal_point(focal_bz, officer, belize, django_capture_on_commit_callbacks):
    request = AssistanceRequestFactory(state=belize, focal_point=focal_bz, status=Status.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_transition(request_id=request.pk, to=Status.REGISTERED, actor=officer)
    assert _mails() == {(focal_bz.email, "[Attaché] TA/2026/0001 is now Registered")}
    assert request.get_absolute_url() in mail.outbox[0].body


@time_machine.travel(datetime.datetime(2026, 2, 10, 15, tzinfo=UTC))
def test_approving_tells_the_focal_point_and_the_assigned_officer(
    focal_bz, officer, admin, belize, django_capture_on_commit_callbacks
):
    request = AssistanceRequestFactory(
        state=belize, focal_point=focal_bz, assigned_officer=officer, status=Status.ASSESSING, reference="TA/2026/0007"
    )
    NeedsAssessmentFactory(request=request)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_transition(request_id=request.pk, to=Status.APPROVED, actor=admin, comment="Good case.")
    assert sorted(address for m in mail.outbox for address in m.to) == sorted([focal_bz.email, officer.email])
    assert {m.subject for m in mail.outbox} == {"[Attaché] TA/2026/0007 is now Approved"}
    assert all("Good case." in m.body for m in mail.outbox)


def test_assigning_tells_the_officer_but_not_oneself(officer, admin, django_capture_on_commit_callbacks):
    request = AssistanceRequestFactory(status=Status.REGISTERED, reference="TA/2026/0003")
    with django_capture_on_commit_callbacks(execute=True):
        services.request_assign(request_id=request.pk, officer=officer, actor=admin)
    assert _mails() == {(officer.email, "[Attaché] TA/2026/0003 was assigned to you")}
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.request_assign(request_id=request.pk, officer=admin, actor=admin)
    assert mail.outbox == []
    request.refresh_from_db()
    assert request.assigned_officer == admin


def test_only_the_secretariat_assigns_and_only_to_active_officers(officer, focal_bz, partner):
    request = AssistanceRequestFactory(status=Status.REGISTERED)
    with pytest.raises(PermissionDenied):
        services.request_assign(request_id=request.pk, officer=officer, actor=focal_bz)
    with pytest.raises(PermissionDenied):
        services.request_assign(request_id=request.pk, officer=partner, actor=officer)
    retired = officer_factory(is_active=False)
    with pytest.raises(PermissionDenied):
        services.request_assign(request_id=request.pk, officer=retired, actor=officer)
    request.refresh_from_db()
    assert request.assigned_officer is None


# --- needs assessment ----------------------------------------------------------------------


def test_the_first_needs_assessment_starts_the_assessment(officer):
    request = AssistanceRequestFactory(status=Status.REGISTERED)
    area = request.areas.get()
    assessment = services.needs_assessment_save(
        request_id=request.pk,
        actor=officer,
        stakeholders="Ministry of Labour",
        baseline={area.code: 1},
        gaps="No procedures",
        recommended_modality="attachment",
        risks="",
    )
    request.refresh_from_db()
    assert request.status == Status.ASSESSING
    assert assessment.assessed_by == officer
    assert history(request).get().to_status == Status.ASSESSING
    services.needs_assessment_save(
        request_id=request.pk,
        actor=officer,
        stakeholders="Ministry of Labour; NAC",
        baseline={area.code: 2},
        gaps="No procedures",
        recommended_modality="attachment",
        risks="",
    )
    assert NeedsAssessment.objects.get().baseline == {area.code: 2}
    assert TransitionRecord.objects.count() == 1


def test_needs_assessments_are_for_the_secretariat_while_assessable(officer, focal_bz, belize):
    request = AssistanceRequestFactory(state=belize, status=Status.REGISTERED)
    fields = {"stakeholders": "x", "baseline": {}, "gaps": "y", "recommended_modality": "attachment", "risks": ""}
    with pytest.raises(PermissionDenied):
        services.needs_assessment_save(request_id=request.pk, actor=focal_bz, **fields)
    approved = AssistanceRequestFactory(status=Status.APPROVED)
    with pytest.raises(InvalidTransition):
        services.needs_assessment_save(request_id=approved.pk, actor=officer, **fields)
    assert not NeedsAssessment.objects.exists()


# --- overdue -------------------------------------------------------------------------------


def test_a_request_is_overdue_after_the_deadline_of_its_status(settings, db):
    settings.ATTACHE_STATUS_DEADLINES = {"submitted": 5}
    with time_machine.travel(datetime.datetime(2026, 4, 1, 12, tzinfo=UTC), tick=False) as traveller:
        request = AssistanceRequestFactory(status=Status.SUBMITTED)
        traveller.shift(datetime.timedelta(days=5))
        assert not services.is_overdue(request)
        traveller.shift(datetime.timedelta(minutes=1))
        assert services.is_overdue(request)
        request.status = Status.MATCHING  # no deadline
        assert not services.is_overdue(request)


# --- filing ----------------------------------------------------------------------------------


def test_filing_by_a_partner_is_refused(partner, belize):
    with pytest.raises(PermissionDenied):
        services.request_file(actor=partner, title="x", need="y", state=belize)
    assert not AssistanceRequest.objects.exists()


def test_a_focal_point_files_for_their_own_state_whatever_they_send(focal_bz, jamaica, belize):
    filed = services.request_file(actor=focal_bz, title="x", need="y", state=jamaica, channel=Channel.LETTER)
    assert (filed.state, filed.channel, filed.focal_point) == (belize, Channel.ONLINE, focal_bz)
    assert list(history(filed).values_list("to_status", "actor")) == [(Status.DRAFT, focal_bz.pk)]


def test_a_letter_filed_and_submitted_by_an_officer_is_registered_at_once(officer, jamaica, focal_jm):
    request = services.request_file(
        actor=officer,
        submit=True,
        title="Labour inspection",
        need="Inspectors",
        areas=[CapabilityAreaFactory()],
        state=jamaica,
        channel=Channel.LETTER,
        received_on=datetime.date(2026, 1, 5),
        focal_point=focal_jm,
    )
    assert request.status == Status.REGISTERED
    assert request.reference.startswith("TA/")
    assert request.received_on == datetime.date(2026, 1, 5)
    assert list(history(request).values_list("to_status", flat=True)) == ["draft", "submitted", "registered"]


@pytest.mark.parametrize(
    "status,editable,officer_edits",
    [
        (Status.DRAFT, True, True),
        (Status.SUBMITTED, True, True),
        # The secretariat corrects and completes a request until it is over; its state no longer.
        (Status.REGISTERED, False, True),
        (Status.MATCHING, False, True),
        (Status.CLOSED, False, False),
        (Status.DECLINED, False, False),
        (Status.WITHDRAWN, False, False),
    ],
)
def test_one_rule_says_when_a_request_may_be_edited(
    status, editable, officer_edits, focal_bz, focal_jm, officer, belize
):
    request = AssistanceRequestFactory(state=belize, status=status)
    assert services.request_is_editable(request, focal_bz) is editable
    assert services.request_is_editable(request, officer) is officer_edits
    assert services.request_is_editable(request, focal_jm) is False
    if officer_edits:
        services.request_update(request_id=request.pk, actor=officer, need="Completed by the secretariat")
        request.refresh_from_db()
        assert request.need == "Completed by the secretariat"
    else:
        with pytest.raises(PermissionDenied, match="can no longer be changed"):
            services.request_update(request_id=request.pk, actor=officer, need="Too late")
    if editable:
        services.request_update(request_id=request.pk, actor=focal_bz, title="Corrected")
        request.refresh_from_db()
        assert request.title == "Corrected"
    else:
        with pytest.raises(PermissionDenied):
            services.request_update(request_id=request.pk, actor=focal_bz, title="Corrected")


@time_machine.travel(datetime.datetime(2026, 2, 10, 15, tzinfo=UTC))
def test_each_recipient_reads_the_email_in_their_own_language(
    focal_bz, officer, admin, belize, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://attache.example.org"
    focal_bz.preferred_language = "fr"
    focal_bz.save(update_fields=["preferred_language"])
    request = AssistanceRequestFactory(
        state=belize, focal_point=focal_bz, assigned_officer=officer, status=Status.ASSESSING, reference="TA/2026/0007"
    )
    NeedsAssessmentFactory(request=request)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_transition(request_id=request.pk, to=Status.APPROVED, actor=admin, comment="Bon dossier.")
    by_address = {m.to[0]: m for m in mail.outbox}
    french, english = by_address[focal_bz.email], by_address[officer.email]
    assert french.subject == "[Attaché] TA/2026/0007 : Approuvée"
    assert "La demande « " in french.body and "est passée de « Évaluation" in french.body
    assert english.subject == "[Attaché] TA/2026/0007 is now Approved"
    assert "moved from" in english.body and "La demande" not in english.body
    # Links point at the configured site, never at a host guessed from a request.
    link = f"https://attache.example.org{request.get_absolute_url()}"
    assert link in french.body and link in english.body
