"""Demo data for the maturity map: assessments consistent with the seeds.

Barbados, Jamaica and Trinidad and Tobago run working accreditation systems; Belize's
National Accreditation Council is appointed but has no procedures; Guyana is similar.
Other levels are drawn from a seeded generator, so every load gives the same map."""

import datetime
import random

from community.models import CapabilityArea, MemberState
from core.access import Visibility
from maturity.choices import AssessmentMethod
from maturity.models import MaturityAssessment
from maturity.services import current_assessments_rebuild

# (state, area) → the series of (level, method, years before today, evidence)
SEEDED = {
    ("JM", "accreditation-equivalency"): [
        (3, AssessmentMethod.SECRETARIAT, 4, "University Council of Jamaica accredits programmes and institutions."),
        (
            4,
            AssessmentMethod.PEER,
            1,
            "Peer review by Barbados: UCJ procedures documented and supported Belize and Guyana.",
        ),
    ],
    ("BB", "accreditation-equivalency"): [
        (3, AssessmentMethod.SECRETARIAT, 2, "Barbados Accreditation Council with published procedures."),
    ],
    ("TT", "accreditation-equivalency"): [
        (3, AssessmentMethod.SELF, 3, "ACTT operating; verifies qualifications for skills certificates."),
        (3, AssessmentMethod.SECRETARIAT, 1, "Confirmed during the 2025 monitoring mission."),
    ],
    ("BZ", "accreditation-equivalency"): [
        (
            1,
            AssessmentMethod.SELF,
            2,
            "National Accreditation Council appointed; no procedures to start accreditation.",
        ),
        (1, AssessmentMethod.SECRETARIAT, 0, "Members and chair named; procedures still to be drafted."),
    ],
    ("GY", "accreditation-equivalency"): [
        (1, AssessmentMethod.SECRETARIAT, 3, "Council established with limited functioning."),
        (2, AssessmentMethod.SELF, 0, "Draft procedures prepared with support from the University Council of Jamaica."),
    ],
    ("TT", "free-movement-skilled-persons"): [
        (
            4,
            AssessmentMethod.SECRETARIAT,
            1,
            "Skills-certificate committee meets monthly; certificates issued within weeks.",
        ),
    ],
    ("JM", "free-movement-skilled-persons"): [
        (3, AssessmentMethod.SECRETARIAT, 1, "Movement of Skilled Persons Committee processes applications."),
    ],
    ("BZ", "free-movement-skilled-persons"): [
        (2, AssessmentMethod.SELF, 1, "Skilled Nationals Act in force; verification of qualifications is slow."),
    ],
    ("LC", "public-employment-services"): [
        (2, AssessmentMethod.SELF, 2, "Department of Labour runs a job bank without an employer service."),
        (
            3,
            AssessmentMethod.PEER,
            0,
            "After the 2019 ILO workshop: employer services and referral procedures in place.",
        ),
    ],
    ("BB", "public-employment-services"): [
        (4, AssessmentMethod.SECRETARIAT, 1, "National Employment Bureau with online registration and counselling."),
    ],
}


def _generated_level(iso: str, code: str) -> int:
    return random.Random(f"attache-demo-{iso}-{code}").choice([0, 1, 1, 2, 2, 2, 3, 3])


def load_maturity(*, today: datetime.date) -> dict[str, int]:
    """Load the demo assessments once (a second run writes nothing)."""
    if not MaturityAssessment.objects.exists():
        _create_assessments(today=today)
    return {"maturity assessments": MaturityAssessment.objects.count()}


def _create_assessments(*, today: datetime.date) -> None:
    leaves = [area for area in CapabilityArea.objects.filter(parent__isnull=False)]
    states = {state.iso_code: state for state in MemberState.objects.filter(membership="full")}
    rows = []
    for iso, state in states.items():
        for area in leaves:
            series = SEEDED.get((iso, area.code)) or [
                (
                    _generated_level(iso, area.code),
                    AssessmentMethod.SECRETARIAT,
                    2,
                    "Secretariat monitoring questionnaire.",
                )
            ]
            for level, method, years_ago, evidence in series:
                rows.append(
                    MaturityAssessment(
                        state=state,
                        area=area,
                        level=level,
                        method=method,
                        assessed_on=today - datetime.timedelta(days=365 * years_ago + 30),
                        assessor="CARICOM Secretariat" if method == AssessmentMethod.SECRETARIAT else "",
                        evidence=evidence,
                        visibility=Visibility.RESTRICTED
                        if method == AssessmentMethod.SELF and iso == "TT"
                        else Visibility.SHARED,
                    )
                )
    MaturityAssessment.objects.bulk_create(rows)
    current_assessments_rebuild()
