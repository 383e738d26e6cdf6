# ruff: noqa: E501  (the agenda reads best as whole lines)
"""Demo activities: the 2019 Saint Lucia workshop on public employment services with its full
five-day agenda (from the seed `ilo-pes-training-workshop-2019.txt`), and the five-day attachment
of Belizean officials to the University Council of Jamaica that serves Belize's request on the
equivalency of foreign qualifications.

`load_activities(today=...)` runs after the community and the requests. It is idempotent:
activities are keyed on (host state, title), sessions on (activity, day, start), nominations on
(activity, person); only what is missing or different is written, and the lifecycle moves are
made once, when the activity is first created.

The 2019 workshop is history: its lifecycle is written as it happened, with backdated records.
The attachment is planned through the real lifecycle (`activity_transition`, by the system), so
the request it serves moves to `planned` with it. The request reached its confirmed host (the
University Council of Jamaica) through matching's demo, which invites the Council and has it accept."""

import datetime

from django.utils import timezone

from accounts.models import User
from activities.choices import ActivityStatus, NominationStatus, SessionKind
from activities.lifecycle import activity_transition
from activities.models import Activity, Attendance, Certificate, Nomination, Session
from activities.services_people import certificates_issue
from activities.workflow import activity_workflow
from assistance.choices import Modality
from assistance.choices import Status as RequestStatus
from assistance.models import AssistanceRequest
from community.models import CapabilityArea, Institution, Language, MemberState, Person
from core.access import Visibility
from core.calendar import WorkCalendar
from core.demo import set_m2m, upsert
from core.models import TransitionRecord
from core.workflow import SYSTEM

D = datetime.date
K = SessionKind
OFFICER_EMAIL = "officer@demo.test"
FOCAL_BZ_EMAIL = "focal-bz@demo.test"

# --- the 2019 Saint Lucia workshop (seed: ilo-pes-training-workshop-2019.txt) ----------------

PES_TITLE = (
    "Training Workshop on Public Employment Services in the context of disaster and crisis preparedness and response"
)
PES_DESCRIPTION = (
    "The ILO “Caribbean resilience” project aims at enhancing the capacity of ILO constituents to support "
    "resilience, adaptation to climate change and greening of the economy, through more holistic and inclusive "
    "disaster preparedness and national capacity to mainstream decent work in early recovery. Developed with the "
    "Saint Lucia Department of Labour (Ministry of Infrastructure, Ports, Energy and Labour).\n\n"
    "Objectives: (i) capacitate staff and national stakeholders of public employment services on key skills and "
    "processes for managing public employment services and employability measures; (ii) introduce crisis response "
    "mechanisms within the operations of public employment services; (iii) guide national strategic choices on "
    "their functioning, including through peer review of operations with other Caribbean partners; (iv) design a "
    "results-oriented strategy for the public employment service with a simple performance evaluation framework "
    "and monitoring and evaluation system."
)
PES_VENUE = "St James Morgan Bay Hotel, Gros Islet Highway, Choc Bay, Gros Islet, Saint Lucia"
PES_START, PES_END = D(2019, 10, 28), D(2019, 11, 1)
# The seed names the host and the project, not the list of countries: the demo invites the host
# and the neighbours whose public employment services took part in the peer review.
PES_STATES = ["LC", "AG", "DM", "GD", "KN", "VC", "BB"]

PLENARY_METHOD = "Plenary presentation and discussion"
EXERCISE_METHOD = "Role exercise"
GROUP_METHOD = "Group work"

# The people the seed names as contributors (both by Skype), as community people.
RICCO = ("Diego Ricco", "JANZZ.technology", "Digital technologies for job matching (contributed by Skype)")
ECKERSLEY = ("Eckersley", "", "Partnerships for service delivery: a real-life experience (by Skype, to be confirmed)")


def _pes_day(day, *rows):
    return [(day, *row) for row in rows]


def _standard_breaks(day):
    return [
        (day, "10:00", "10:30", "Break", K.BREAK, None, "", ""),
        (day, "12:00", "13:00", "Lunch", K.BREAK, None, "", ""),
        (day, "14:30", "14:45", "Break", K.BREAK, None, "", ""),
    ]


# day, start, end, title, kind, facilitator (None, "ricco", "eckersley"), method, notes
PES_AGENDA = [
    *_pes_day(
        D(2019, 10, 28),
        (
            "08:30",
            "10:00",
            "1. Opening session; 1a. Introduction",
            K.PLENARY,
            None,
            PLENARY_METHOD,
            "Presentation of the agenda\nIce breaker\nIntroduction: Caribbean labour market outlook; employment services and job search channels; employment service providers",
        ),
        (
            "10:30",
            "12:00",
            "1b. Key institutional elements of public employment services",
            K.PLENARY,
            None,
            PLENARY_METHOD,
            "Key functions\nDelivery models: country examples and lessons learned",
        ),
        (
            "13:00",
            "14:30",
            "1c. Public employment services as coordinators or implementers of employment programmes",
            K.PLENARY,
            None,
            PLENARY_METHOD,
            "Activation\nPyramid model\nSteps to design\nWhat works",
        ),
        (
            "14:45",
            "16:15",
            "1d. Employment services: response to emergency situations",
            K.PLENARY,
            None,
            PLENARY_METHOD,
            "",
        ),
    ),
    *_standard_breaks(D(2019, 10, 28)),
    *_pes_day(
        D(2019, 10, 29),
        (
            "08:30",
            "10:00",
            "2a. Exercise on planning employment services operations in an emergency",
            K.EXERCISE,
            None,
            EXERCISE_METHOD,
            "",
        ),
        (
            "10:30",
            "12:00",
            "2b. Employment programmes in an emergency",
            K.PLENARY,
            None,
            PLENARY_METHOD,
            "Adapting existing programmes\nSpecial and new programmes",
        ),
        (
            "13:00",
            "14:30",
            "2c. Exercise on an employment programme in an emergency",
            K.EXERCISE,
            None,
            EXERCISE_METHOD,
            "",
        ),
        (
            "14:45",
            "16:15",
            "2d. Labour market information",
            K.PLENARY,
            None,
            PLENARY_METHOD,
            "Key indicators: quantity and quality\nISCO, ISIC and ISCED\nForecasts\nInstitutional choice (with Mexico's example)",
        ),
    ),
    *_standard_breaks(D(2019, 10, 29)),
    *_pes_day(
        D(2019, 10, 30),
        (
            "08:30",
            "10:00",
            "3a. Tools for employment services",
            K.PLENARY,
            "ricco",
            PLENARY_METHOD,
            "Digital technologies for job matching (Diego Ricco, JANZZ.technology, by Skype)\nDatabases: the labour administration application\nSelf-help tools\nGroup workshops",
        ),
        (
            "10:30",
            "12:00",
            "3b. Employers: offer of services",
            K.EXERCISE,
            None,
            EXERCISE_METHOD,
            "Offer of services\nExercise",
        ),
        (
            "13:00",
            "14:30",
            "3c. Jobseekers: offer of services",
            K.PLENARY,
            None,
            PLENARY_METHOD,
            "Offer of services\nSegmentation",
        ),
        ("14:45", "16:15", "3d. Jobseekers: counselling", K.EXERCISE, None, EXERCISE_METHOD, "Counselling\nExercise"),
    ),
    *_standard_breaks(D(2019, 10, 30)),
    *_pes_day(
        D(2019, 10, 31),
        (
            "08:30",
            "10:00",
            "4a. Employment programmes and partnerships",
            K.PLENARY,
            "eckersley",
            PLENARY_METHOD,
            "Mapping\nQuality delivery\nPartnerships for service delivery: a real-life experience (Eckersley, to be confirmed, 30 minutes by Skype)",
        ),
        (
            "10:30",
            "12:00",
            "4b. Partnerships and coordination mechanisms at local level",
            K.EXERCISE,
            None,
            EXERCISE_METHOD,
            "Exercise",
        ),
        (
            "13:00",
            "14:30",
            "4c. Performance and performance management",
            K.PLENARY,
            None,
            PLENARY_METHOD,
            "Results-based management in general\nResults-based management in public employment services",
        ),
        (
            "14:45",
            "16:15",
            "4d. Group exercise: SWOT analysis by country, reported back in plenary",
            K.GROUP_WORK,
            None,
            GROUP_METHOD,
            "",
        ),
    ),
    *_standard_breaks(D(2019, 10, 31)),
    *_pes_day(
        D(2019, 11, 1),
        (
            "09:00",
            "09:30",
            "5a. Site visit to the Saint Lucia employment services office",
            K.SITE_VISIT,
            None,
            "Guided visit",
            "",
        ),
        (
            "10:30",
            "12:00",
            "5b. Group work on the national action plan",
            K.GROUP_WORK,
            None,
            GROUP_METHOD,
            "Strategy for improvement: governance, operation, delivery",
        ),
        (
            "13:00",
            "14:30",
            "5c. Group work on the national action plan: country presentations",
            K.GROUP_WORK,
            None,
            GROUP_METHOD,
            "Country presentations",
        ),
        (
            "14:45",
            "16:15",
            "5d. Summary of learnings, certificates and closure",
            K.PLENARY,
            None,
            PLENARY_METHOD,
            "Summary of learnings\nCertificates\nClosure",
        ),
    ),
    *_standard_breaks(D(2019, 11, 1)),
]

# --- the Belize attachment to the University Council of Jamaica ------------------------------

BZ_REQUEST_TITLE = "Equivalency of foreign qualifications"
ATTACHMENT_TITLE = (
    "Attachment of Belizean officials to the University Council of Jamaica: equivalency of qualifications"
)
ATTACHMENT_DESCRIPTION = (
    "Three officials of Belize's National Accreditation Council and its working group follow the University "
    "Council of Jamaica's accreditation cycle for a week: criteria for accreditation, a framework for institutional "
    "quality assurance, the functioning of a modern accreditation body, and the equivalency desk, so that they can "
    "draft the procedures Belize's council still lacks."
)
# full name, honorific, post, institution key (state BZ), visibility, why
NOMINEES = [
    (
        "Rolando Cal",
        "Dr.",
        "Chair, National Accreditation Council",
        "National Accreditation Council of Belize",
        Visibility.SHARED,
        "Chairs the council that will adopt the procedures; needs to see how a council decides on accreditation.",
    ),
    (
        "Marisol Chan",
        "Ms.",
        "Coordinator, Accreditation Working Group",
        "Accreditation Working Group (internal)",
        Visibility.RESTRICTED,
        "Coordinates the working group drafting the procedures manual.",
    ),
    (
        "Kevin Sosa",
        "Mr.",
        "Accreditation Officer, National Accreditation Council",
        "National Accreditation Council of Belize",
        Visibility.SHARED,
        "Will run the council's secretariat: applications, site visits and the register of accredited programmes.",
    ),
]
# day of the attachment (1-5), start, end, title, kind, facilitated by the host's director?, method, notes
ATTACHMENT_AGENDA = [
    (
        1,
        "09:00",
        "10:30",
        "Welcome; the accreditation system of Jamaica",
        K.PLENARY,
        True,
        "Presentation and discussion",
        "The Council's mandate, its registers and its decisions",
    ),
    (1, "10:30", "10:45", "Break", K.BREAK, False, "", ""),
    (1, "10:45", "12:30", "Criteria for accreditation", K.PLENARY, True, "Presentation and worked examples", ""),
    (
        1,
        "13:30",
        "16:00",
        "Belize's council today: gaps and priorities",
        K.GROUP_WORK,
        False,
        "Facilitated discussion",
        "The visitors present their council's situation; hosts and visitors list what the procedures must cover.",
    ),
    (
        2,
        "09:00",
        "12:30",
        "A framework for institutional quality assurance",
        K.PLENARY,
        True,
        "Presentation and case studies",
        "",
    ),
    (2, "13:30", "16:00", "Reading a self-study report", K.EXERCISE, False, "Exercise on a real (anonymised) file", ""),
    (
        3,
        "09:00",
        "15:00",
        "Peer-review visit to a tertiary institution",
        K.SITE_VISIT,
        False,
        "Observation with the review panel",
        "Travel with the panel; lunch on site.",
    ),
    (3, "15:30", "16:30", "Debrief of the visit", K.GROUP_WORK, True, "Discussion", ""),
    (
        4,
        "09:00",
        "11:00",
        "The panel's report and the Council's decision",
        K.PLENARY,
        True,
        "Presentation and discussion",
        "",
    ),
    (
        4,
        "11:15",
        "12:30",
        "The equivalency desk",
        K.SITE_VISIT,
        False,
        "Visit of the unit",
        "Equivalency statements for employers, the Ministry of Labour and CARICOM Skills Certificates.",
    ),
    (
        4,
        "13:30",
        "16:00",
        "How a modern accreditation body works",
        K.PLENARY,
        True,
        "Presentation and discussion",
        "Staffing, fees, timelines, appeals",
    ),
    (
        5,
        "09:00",
        "12:30",
        "Drafting Belize's accreditation procedures",
        K.GROUP_WORK,
        False,
        "Drafting workshop",
        "Outline of the procedures manual and the forms the council needs first.",
    ),
    (5, "13:30", "15:00", "Action plan and close", K.PLENARY, True, "Presentation of the plan by the visitors", ""),
]


# --- helpers ---------------------------------------------------------------------------------


def _time(text: str) -> datetime.time:
    return datetime.time.fromisoformat(text)


def _at(day: datetime.date, hour: int = 17) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _person(
    full_name: str, *, state=None, honorific="", post="", institution=None, visibility=Visibility.SHARED, expertise=""
):
    person = upsert(
        Person,
        {"full_name": full_name, "state": state},
        {
            "honorific": honorific,
            "post": post,
            "institution": institution,
            "visibility": visibility,
            "expertise": expertise,
            "is_expert": bool(expertise),
        },
    )
    if expertise:  # an expert's profile says what they speak and know
        set_m2m(person, "languages", Language.objects.filter(code="en"))
        set_m2m(person, "expertise_areas", CapabilityArea.objects.filter(code="public-employment-services"))
    return person


def _sessions(activity: Activity, rows, facilitators: dict) -> int:
    """Upsert each session; positions follow the times within each day."""
    wanted = set()
    for day, start, end, title, kind, facilitator, method, notes in rows:
        session = upsert(
            Session,
            {"activity": activity, "day": day, "start_time": _time(start)},
            {
                "end_time": _time(end),
                "title": title,
                "kind": kind,
                "facilitator": facilitators.get(facilitator),
                "method": method,
                "notes": notes,
            },
        )
        wanted.add(session.pk)
    sessions = Session.objects.filter(activity=activity)
    for stale in sessions.exclude(pk__in=wanted):
        stale.delete()
    for day in {row[0] for row in rows}:
        for position, session in enumerate(sessions.filter(day=day).order_by("start_time")):
            if session.position != position:
                Session.objects.filter(pk=session.pk).update(position=position)
    return len(wanted)


def _history(record, workflow, steps, *, actor, comment: str = "") -> None:
    """Backdated lifecycle records: (from, to, when) each."""
    for source, target, at in steps:
        TransitionRecord.objects.create(
            record=record,
            workflow=workflow.name,
            from_status=source,
            to_status=target,
            actor=actor,
            comment=comment if target == steps[-1][1] else "",
            at=at,
        )


# --- the workshop ----------------------------------------------------------------------------


def load_pes_workshop(officer) -> Activity:
    saint_lucia = MemberState.objects.get(iso_code="LC")
    host = Institution.objects.get(state=saint_lucia, name="Department of Labour")
    values = {
        "modality": Modality.WORKSHOP,
        "description": PES_DESCRIPTION,
        "host_institution": host,
        "start_date": PES_START,
        "end_date": PES_END,
        "venue": PES_VENUE,
        "visibility": Visibility.SHARED,
        "officer": officer,
    }
    existing = Activity.objects.filter(host_state=saint_lucia, title=PES_TITLE).first()
    activity = upsert(Activity, {"host_state": saint_lucia, "title": PES_TITLE}, values)
    ilo = Institution.objects.filter(acronym="ILO").first()
    facilitators = {
        "ricco": _person(RICCO[0], post="Job matching technology", expertise=RICCO[2]),
        "eckersley": _person(ECKERSLEY[0], post="Partnerships for service delivery", expertise=ECKERSLEY[2]),
    }
    specialist = Person.objects.filter(full_name="Lucía Fernández", institution=ilo).first() if ilo else None
    set_m2m(activity, "experts", [*facilitators.values(), *([specialist] if specialist else [])])
    set_m2m(activity, "states", MemberState.objects.filter(iso_code__in=PES_STATES))
    set_m2m(activity, "languages", Language.objects.filter(code="en"))
    set_m2m(
        activity,
        "areas",
        CapabilityArea.objects.filter(code__in=["public-employment-services", "labour-market-information"]),
    )
    _sessions(activity, PES_AGENDA, facilitators)
    if existing is None:
        A = ActivityStatus
        steps = [
            ("", A.PROPOSED, _at(D(2019, 6, 3))),
            (A.PROPOSED, A.PLANNED, _at(D(2019, 7, 15))),
            (A.PLANNED, A.CONFIRMED, _at(D(2019, 10, 4))),
            (A.CONFIRMED, A.IN_DELIVERY, _at(PES_START, 8)),
            (A.IN_DELIVERY, A.DELIVERED, _at(PES_END, 16)),
            (A.DELIVERED, A.CLOSED, _at(D(2019, 11, 29))),
        ]
        _history(activity, activity_workflow, steps, actor=officer, comment="Workshop report and evaluations filed.")
        Activity.objects.filter(pk=activity.pk).update(status=A.CLOSED, status_changed_at=steps[-1][2])
        activity.refresh_from_db()
    _pes_participants(activity, officer)
    return activity


# The officials who took part (names invented for the demo; the seed names none): Saint Lucia's
# public employment service and two officials of each neighbouring state. Full name, state, post,
# days absent (1 = Monday).
PES_PARTICIPANTS = [
    ("Marcia Joseph", "LC", "Employment officer, Department of Labour", ()),
    ("Kervin Alexander", "LC", "Labour market information officer", ()),
    ("Shernelle Pierre", "LC", "Job placement officer", (3,)),
    ("Dwight Emmanuel", "LC", "Youth employment coordinator", ()),
    ("Natalie St. Rose", "LC", "Senior labour officer", ()),
    ("Keisha Warner", "AG", "Labour officer, Department of Labour", ()),
    ("Trevor Samuel", "AG", "Employment services supervisor", ()),
    ("Alicia Laville", "DM", "Labour officer", ()),
    ("Gregory Baptiste", "DM", "Statistician, Central Statistics Office", (5,)),
    ("Jenelle Charles", "GD", "Employment officer", ()),
    ("Ronald Mitchell", "GD", "Labour commissioner's assistant", ()),
    ("Tamika Liburd", "KN", "Labour officer", ()),
    ("Delroy Hanley", "KN", "Employment services officer", ()),
    ("Sharlene Ollivierre", "VC", "Labour officer", ()),
    ("Kenroy Browne", "VC", "Placement officer", ()),
    ("Andrea Griffith", "BB", "Employment officer, National Employment Bureau", ()),
    ("Carlyle Best", "BB", "Labour market analyst", ()),
]


def _pes_participants(activity: Activity, officer) -> None:
    """The workshop's participants, confirmed, with their attendance and their certificates (issued
    at closure, as the seed's agenda says), so the closing rule holds in the demo too."""
    states = {state.iso_code: state for state in MemberState.objects.filter(iso_code__in=PES_STATES)}
    for full_name, iso, post, absent in PES_PARTICIPANTS:
        person = _person(full_name, state=states[iso], post=post, visibility=Visibility.RESTRICTED)
        nomination = upsert(
            Nomination,
            {"activity": activity, "person": person},
            {
                "state": states[iso],
                "post": post,
                "reason": "Works in the public employment service and will apply the national action plan.",
                "status": NominationStatus.CONFIRMED,
                "participant_confirmed_at": _at(PES_START - datetime.timedelta(days=10)),
                "nominated_by": officer,
            },
        )
        for number, day in enumerate(activity.days, start=1):
            if day.weekday() < 5:
                upsert(Attendance, {"nomination": nomination, "day": day}, {"present": number not in absent})
    if officer is not None and not Certificate.objects.filter(nomination__activity=activity).exists():
        issued = certificates_issue(actor=officer, activity_id=activity.pk)
        Certificate.objects.filter(pk__in=[c.pk for c in issued.issued]).update(issued_at=_at(PES_END, 15))


# --- the attachment --------------------------------------------------------------------------


def _attachment_dates(request, today):
    """The first Monday-to-Friday week in the request's window with no public holiday in
    Jamaica (an attachment is one working week)."""
    first = max(request.window_start or today, today + datetime.timedelta(days=14))
    last = request.window_end or first + datetime.timedelta(days=120)
    monday = first + datetime.timedelta(days=(7 - first.weekday()) % 7)
    calendar = WorkCalendar("JM", first, last)  # one query for the window, not one per day
    while monday + datetime.timedelta(days=4) <= last:
        week = [monday + datetime.timedelta(days=n) for n in range(5)]
        if all(calendar.is_working_day(day) for day in week):
            return week[0], week[-1]
        monday += datetime.timedelta(days=7)
    return first, first + datetime.timedelta(days=4)


def load_belize_attachment(officer, *, today: datetime.date) -> Activity | None:
    belize, jamaica = MemberState.objects.get(iso_code="BZ"), MemberState.objects.get(iso_code="JM")
    request = AssistanceRequest.objects.filter(state=belize, title=BZ_REQUEST_TITLE).first()
    ucj = Institution.objects.get(state=jamaica, name="University Council of Jamaica")
    existing = Activity.objects.filter(host_state=jamaica, title=ATTACHMENT_TITLE).first()
    values = {
        "modality": Modality.ATTACHMENT,
        "description": ATTACHMENT_DESCRIPTION,
        "host_institution": ucj,
        "venue": "University Council of Jamaica, Kingston",
        "visibility": Visibility.RESTRICTED,
        "officer": officer,
    }
    if existing is None:
        start, end = _attachment_dates(request, today) if request else (today, today)
        values.update(start_date=start, end_date=end)
    activity = upsert(Activity, {"host_state": jamaica, "title": ATTACHMENT_TITLE}, values)
    set_m2m(activity, "states", [belize])
    set_m2m(activity, "languages", Language.objects.filter(code="en"))
    set_m2m(activity, "areas", CapabilityArea.objects.filter(code="accreditation-equivalency"))
    if request is not None:
        set_m2m(activity, "requests", [request])
    director = Person.objects.filter(full_name="Patricia Reid", state=jamaica).first()
    days = activity.days
    rows = [
        (days[n - 1], start, end, title, kind, "director" if led else None, method, notes)
        for n, start, end, title, kind, led, method, notes in ATTACHMENT_AGENDA
        if n <= len(days)
    ]
    _sessions(activity, rows, {"director": director})
    _nominations(activity, belize)
    if existing is None and request is not None and request.status == RequestStatus.HOST_CONFIRMED:
        activity_transition(activity_id=activity.pk, to=ActivityStatus.PLANNED, actor=SYSTEM)
        activity.refresh_from_db()
    return activity


def _nominations(activity: Activity, belize) -> None:
    focal = User.objects.filter(email=FOCAL_BZ_EMAIL).first()
    for full_name, honorific, post, institution_name, visibility, reason in NOMINEES:
        institution = Institution.objects.filter(state=belize, name=institution_name).first()
        person = Person.objects.filter(full_name=full_name, state=belize).first() or _person(
            full_name, state=belize, honorific=honorific, post=post, institution=institution, visibility=visibility
        )
        nomination = upsert(
            Nomination,
            {"activity": activity, "person": person},
            {"state": belize, "post": post, "reason": reason},
        )
        if nomination.nominated_by_id is None and focal is not None:
            Nomination.objects.filter(pk=nomination.pk).update(nominated_by=focal)


def load_activities(*, today: datetime.date) -> dict[str, int]:
    """Load (or refresh) the demo activities; what they hold, label → count."""
    officer = User.objects.filter(email=OFFICER_EMAIL).first()
    load_pes_workshop(officer)
    load_belize_attachment(officer, today=today)
    return {
        "activities": Activity.objects.count(),
        "sessions": Session.objects.count(),
        "nominations": Nomination.objects.filter(
            status__in=[NominationStatus.PROPOSED, NominationStatus.CONFIRMED]
        ).count(),
        "certificates": Certificate.objects.count(),
    }
