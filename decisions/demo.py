"""Demo data for the decisions tracker: community decisions with the national actions they
require, and uneven national progress that follows the seeds (Jamaica, Barbados and Trinidad and
Tobago implement accreditation; Belize and Guyana are starting). Other progress is drawn from a
seeded generator, so every load gives the same heatmap."""

import datetime
import random

from community.models import CapabilityArea, MemberState
from decisions.choices import ImplementationStatus as S
from decisions.choices import Timeframe as T
from decisions.models import Decision, ImplementationReport, RequiredAction
from decisions.services import implementation_current_rebuild

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


# (state, area) → how far the state has come in that area, 0 (nothing) to 4 (a model for others)
PROGRESS = {
    ("JM", "accreditation-equivalency"): 4,
    ("BB", "accreditation-equivalency"): 3,
    ("TT", "accreditation-equivalency"): 3,
    ("BZ", "accreditation-equivalency"): 1,
    ("GY", "accreditation-equivalency"): 2,
    ("TT", "free-movement-skilled-persons"): 4,
    ("JM", "free-movement-skilled-persons"): 3,
    ("BZ", "free-movement-skilled-persons"): 2,
    ("LC", "public-employment-services"): 3,
    ("BB", "public-employment-services"): 4,
}


def _progress(iso: str, area_code: str | None) -> int | None:
    if area_code is None:
        return None
    if (iso, area_code) in PROGRESS:
        return PROGRESS[iso, area_code]
    return random.Random(f"attache-demo-{iso}-{area_code}").choice([0, 1, 1, 2, 2, 2, 3, 3])


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


def load_decisions(*, today: datetime.date) -> dict[str, int]:
    """Load the demo decisions and national progress once (a second run writes nothing)."""
    if not Decision.objects.exists():
        _create_decisions(today=today)
    return {"decisions": Decision.objects.count(), "implementation reports": ImplementationReport.objects.count()}


def _create_decisions(*, today: datetime.date) -> None:
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
    reports = []
    for action in RequiredAction.objects.select_related("area"):
        for state in states:
            rng = random.Random(f"attache-demo-{state.iso_code}-{action.pk}")
            status = _status_for(_progress(state.iso_code, action.area.code if action.area else None), rng)
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
    implementation_current_rebuild()  # bulk_create went round the services that keep it
