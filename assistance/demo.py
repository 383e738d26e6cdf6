"""Demo data for requests: requests in every status this part of the lifecycle covers, with backdated histories.

The histories are written directly (not through `request_transition`) so they can carry
past dates and send no e-mail while the demo loads; the references still come from
`issue_reference`, so numbering continues correctly afterwards."""

import datetime

from django.utils import timezone

from accounts.models import User
from assistance.choices import Channel, Modality, Status, Urgency
from assistance.models import AssistanceRequest, NeedsAssessment
from assistance.services import issue_reference
from assistance.workflow import request_workflow
from community.models import CapabilityArea, Institution, MemberState
from core.access import Visibility
from core.models import TransitionRecord
from decisions.models import Decision

PATH = [Status.DRAFT, Status.SUBMITTED, Status.REGISTERED, Status.ASSESSING]

# state, title, need, areas, decision refs, modality, officials, final status, days old, channel,
# visibility, needs assessment?
REQUESTS = [
    (
        "BZ",
        "Make the National Accreditation Council operational",
        "Belize's National Accreditation Council has been appointed, but the procedures for initiating "
        "the accreditation process are not in place. We ask for an attachment of senior officials to a "
        "member state with a working accreditation system, to learn its procedures, criteria and "
        "administration, and to draft our own.",
        ["accreditation-equivalency"],
        ["COTED/2005/20/ACC"],
        Modality.ATTACHMENT,
        4,
        Status.APPROVED,
        75,
        Channel.ONLINE,
        Visibility.SHARED,
        True,
    ),
    (
        "BZ",
        "Equivalency of foreign qualifications",
        "Belize receives a growing number of degrees and diplomas from abroad, including CARICOM Skills "
        "Certificates, and has no desk that assesses their equivalency. We ask for an attachment of three "
        "officials to a member state whose accreditation body runs an equivalency service, to learn its "
        "procedures and set up our own.",
        ["accreditation-equivalency"],
        ["COTED/2005/20/ACC"],
        Modality.ATTACHMENT,
        3,
        Status.APPROVED,
        95,
        Channel.LETTER,
        Visibility.RESTRICTED,
        True,
    ),
    (
        "GY",
        "Procedures for the National Accreditation Council of Guyana",
        "The council is established with limited functioning. We need support to complete and adopt "
        "procedures for accrediting programmes and institutions and for equivalency of qualifications.",
        ["accreditation-equivalency"],
        ["COTED/2005/20/ACC"],
        Modality.ATTACHMENT,
        3,
        Status.ASSESSING,
        40,
        Channel.LETTER,
        Visibility.SHARED,
        True,
    ),
    (
        "LC",
        "Employer services for the public employment service",
        "Following the 2019 training workshop, the Department of Labour wants to set up employer "
        "services and vacancy matching in its public employment service.",
        ["public-employment-services", "labour-market-information"],
        ["COHSOD/2019/36/LMI"],
        Modality.STUDY_VISIT,
        3,
        Status.SUBMITTED,
        3,
        Channel.ONLINE,
        Visibility.SHARED,
        False,
    ),
    (
        "DM",
        "Labour market bulletin",
        "We would like help to design a quarterly labour market bulletin from administrative data.",
        ["labour-market-information"],
        ["COHSOD/2019/36/LMI"],
        Modality.EXPERT_MISSION,
        1,
        Status.DRAFT,
        1,
        Channel.ONLINE,
        Visibility.RESTRICTED,
        False,
    ),
    (
        "GD",
        "Verification of qualifications for skills certificates",
        "Applications for CARICOM Skills Certificates wait months for verification of qualifications.",
        ["free-movement-skilled-persons"],
        ["HGC/2002/23/MSP"],
        Modality.ATTACHMENT,
        2,
        Status.REGISTERED,
        20,
        Channel.EMAIL,
        Visibility.SHARED,
        False,
    ),
    (
        "SR",
        "Labour inspection case management",
        "The labour inspectorate needs a case-management procedure for complaints and inspections.",
        ["labour-inspection"],
        [],
        Modality.WORKSHOP,
        15,
        Status.ON_HOLD,
        120,
        Channel.LETTER,
        Visibility.SHARED,
        True,
    ),
    (
        "KN",
        "Right of establishment: company registration",
        "Streamline registration of companies by CARICOM nationals.",
        ["right-of-establishment"],
        [],
        Modality.VIRTUAL,
        2,
        Status.DECLINED,
        200,
        Channel.ONLINE,
        Visibility.SHARED,
        True,
    ),
    (
        "AG",
        "Occupational safety and health inspection",
        "Training of inspectors in occupational safety and health.",
        ["occupational-safety-health"],
        [],
        Modality.WORKSHOP,
        20,
        Status.WITHDRAWN,
        90,
        Channel.ONLINE,
        Visibility.SHARED,
        False,
    ),
]

COMMENTS = {
    Status.ON_HOLD: "Waiting for the new inspectorate structure to be approved by Cabinet.",
    Status.DECLINED: "Already covered by the regional programme on company registries.",
    Status.WITHDRAWN: "The ministry found national funding for the training.",
    Status.APPROVED: "Needs assessment confirms the gap; an attachment is the right modality.",
}


def _history(request, final: Status, *, created: datetime.datetime, officer, focal):
    steps = PATH[: PATH.index(final) + 1] if final in PATH else [*PATH, final]
    if final == Status.WITHDRAWN:
        steps = [Status.DRAFT, Status.SUBMITTED, Status.WITHDRAWN]
    at, previous = created, ""
    for step in steps:
        actor = focal if step in (Status.DRAFT, Status.SUBMITTED, Status.WITHDRAWN) and focal else officer
        TransitionRecord.objects.create(
            record=request,
            workflow=request_workflow.name,
            from_status=previous,
            to_status=step,
            actor=actor,
            comment=COMMENTS.get(step, ""),
            at=at,
        )
        if step == Status.REGISTERED:
            request.reference = issue_reference(year=at.year)
            request.received_on = at.date()
        previous, last_at = step, at
        at += datetime.timedelta(days=3)
    request.status, request.status_changed_at = final, last_at
    request.save(update_fields=["status", "status_changed_at", "reference", "received_on"])


def load_requests(*, today: datetime.date) -> dict[str, int]:
    """Load the demo requests once (a second run writes nothing)."""
    if not AssistanceRequest.objects.exists():
        _create_requests(today=today)
    return {"requests": AssistanceRequest.objects.count()}


def _create_requests(*, today: datetime.date) -> None:
    officer = User.objects.filter(email="officer@demo.test").first()
    areas = {area.code: area for area in CapabilityArea.objects.all()}
    decisions = {decision.reference: decision for decision in Decision.objects.all()}
    now = timezone.now()
    # Oldest first, so reference numbers follow the order of registration.
    for iso, title, need, codes, refs, modality, officials, final, days_old, channel, visibility, assessed in sorted(
        REQUESTS, key=lambda row: -row[8]
    ):
        state = MemberState.objects.get(iso_code=iso)
        focal = User.objects.filter(role="focal_point", member_state=state).first()
        window_start = today + datetime.timedelta(days=60)
        request = AssistanceRequest.objects.create(
            state=state,
            title=title,
            need=need,
            modality=modality,
            officials_count=officials,
            institution=Institution.objects.filter(state=state, kind__in=["accreditation_body", "ministry"]).first(),
            focal_point=focal,
            window_start=window_start,
            window_end=window_start + datetime.timedelta(days=120),
            urgency=Urgency.HIGH if iso == "BZ" else Urgency.NORMAL,
            visibility=visibility,
            channel=channel,
            assigned_officer=officer if final not in (Status.DRAFT, Status.SUBMITTED) else None,
        )
        AssistanceRequest.objects.filter(pk=request.pk).update(created_at=now - datetime.timedelta(days=days_old))
        request.areas.set([areas[code] for code in codes if code in areas])
        request.decisions.set([decisions[ref] for ref in refs if ref in decisions])
        if assessed:
            NeedsAssessment.objects.create(
                request=request,
                assessed_by=officer,
                recommended_modality=modality,
                stakeholders="Ministry responsible for CARICOM affairs; the national council; the CSME focal point.",
                baseline={code: 1 for code in codes},
                gaps="Procedures, criteria and trained staff are missing; the legal basis exists.",
                risks="Staff turnover after elections; the officials nominated must stay in post.",
                assessed_on=today - datetime.timedelta(days=max(days_old - 20, 1)),
            )
        _history(request, final, created=now - datetime.timedelta(days=days_old), officer=officer, focal=focal)
