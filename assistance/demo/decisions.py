"""Community decisions with the national actions they require, and uneven national progress."""

import datetime
import random

from community.models import CapabilityArea, MemberState
from decisions.choices import ImplementationStatus as S
from decisions.choices import Timeframe as T
from decisions.models import Decision, ImplementationReport, RequiredAction
from maturity.selectors import current_levels

# reference, organ, meeting, date, title, text, [(description, area code, timeframe, months to due)]
DECISIONS = [
    (
        "HGC/2002/23/MSP",
        "Conference of Heads of Government",
        "Twenty-Third Regular Meeting, Georgetown",
        datetime.date(2002, 7, 5),
        "Free movement of skilled persons: categories and procedures",
        "Member states shall enact legislation and put in place administrative procedures for the "
        "free movement of skilled CARICOM nationals and for CARICOM Skills Certificates.",
        [
            (
                "Enact the Caribbean Community (Free Movement of Skilled Persons) Act",
                "free-movement-skilled-persons",
                T.IMMEDIATE,
                12,
            ),
            (
                "Designate the competent authority to issue and verify skills certificates",
                "free-movement-skilled-persons",
                T.IMMEDIATE,
                12,
            ),
            (
                "Establish a Movement of Skilled Persons Committee that meets regularly",
                "free-movement-skilled-persons",
                T.MEDIUM,
                24,
            ),
        ],
    ),
    (
        "COTED/2005/20/ACC",
        "Council for Trade and Economic Development (COTED)",
        "Twentieth Meeting",
        datetime.date(2005, 5, 12),
        "National accreditation bodies and the equivalency of qualifications",
        "Member states shall establish national accreditation bodies, adopt procedures consistent "
        "with regional criteria and recognise the accreditation decisions of other member states.",
        [
            ("Establish a national accreditation body by law", "accreditation-equivalency", T.MEDIUM, 24),
            (
                "Adopt and publish procedures for accrediting programmes and institutions",
                "accreditation-equivalency",
                T.MEDIUM,
                36,
            ),
            (
                "Recognise the accreditation decisions of other member states' bodies",
                "accreditation-equivalency",
                T.LONG,
                60,
            ),
        ],
    ),
    (
        "COHSOD/2019/36/LMI",
        "Council for Human and Social Development (COHSOD)",
        "Thirty-Sixth Meeting",
        datetime.date(2019, 10, 17),
        "Labour market information systems and public employment services",
        "Member states shall strengthen labour market information systems and public employment "
        "services to support the movement of skilled persons.",
        [
            (
                "Set up a labour market information system with regular publications",
                "labour-market-information",
                T.LONG,
                48,
            ),
            (
                "Offer employer and job-seeker services through the public employment service",
                "public-employment-services",
                T.MEDIUM,
                24,
            ),
        ],
    ),
]


def _status_for(level: int | None, rng: random.Random) -> str:
    if level is None:
        return S.NOT_STARTED
    if level >= 4:
        return S.VERIFIED
    if level == 3:
        return rng.choice([S.DONE, S.VERIFIED])
    if level == 2:
        return rng.choice([S.IN_PROGRESS, S.IN_PROGRESS, S.DONE])
    if level == 1:
        return rng.choice([S.NOT_STARTED, S.IN_PROGRESS])
    return rng.choice([S.NOT_STARTED, S.NO_ACTION_REQUIRED])


def load_decisions(*, today: datetime.date) -> None:
    if Decision.objects.exists():
        return
    areas = {area.code: area for area in CapabilityArea.objects.all()}
    states = list(MemberState.objects.filter(membership="full", single_market=True))
    for reference, organ, meeting, date, title, text, actions in DECISIONS:
        decision = Decision.objects.create(
            reference=reference, organ=organ, meeting=meeting, date=date, title=title, text=text
        )
        for position, (description, code, timeframe, months) in enumerate(actions, start=1):
            RequiredAction.objects.create(
                decision=decision,
                position=position,
                description=description,
                area=areas.get(code),
                timeframe=timeframe,
                due_date=date + datetime.timedelta(days=30 * months),
            )
    levels = current_levels(user=_system_reader(), states=states)
    reports = []
    for action in RequiredAction.objects.select_related("area"):
        for state in states:
            rng = random.Random(f"attache-demo-{state.iso_code}-{action.pk}")
            level_row = levels.get((state.pk, action.area_id))
            status = _status_for(level_row.level if level_row else None, rng)
            if status in (S.IN_PROGRESS, S.DONE, S.VERIFIED):
                # Progress has a history: the state reported "in progress" a year earlier.
                reports.append(
                    ImplementationReport(
                        state=state,
                        action=action,
                        status=S.IN_PROGRESS,
                        status_date=today - datetime.timedelta(days=400),
                        evidence="Reported at the annual CSME implementation review.",
                    )
                )
            if status != S.IN_PROGRESS:
                reports.append(
                    ImplementationReport(
                        state=state,
                        action=action,
                        status=status,
                        status_date=today - datetime.timedelta(days=60),
                        evidence="Confirmed in the secretariat's compliance study." if status == S.VERIFIED else "",
                    )
                )
    ImplementationReport.objects.bulk_create(reports)


def _system_reader():
    """A stand-in reader with the secretariat's view, for reading the map while loading."""
    from accounts.models import User

    return User(role="admin", is_superuser=True)
