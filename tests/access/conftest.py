"""`world`: the root conftest's `registry` plus records of every other app's scoped models,
named for what each one tests (tests/access/matrix.py says who may do what with each)."""

import pytest
from auditlog.context import disable_auditlog

from assistance.choices import Status
from assistance.tests.factories import AssistanceRequestFactory, NeedsAssessmentFactory
from core.models import VisibilityChoices
from core.tests.factories import DocumentFactory
from decisions.tests.factories import DecisionFactory, ImplementationReportFactory, RequiredActionFactory
from matching.tests.factories import ExpertInvitationFactory, HostInvitationFactory, MatchWeightsFactory
from maturity.choices import AssessmentMethod
from maturity.tests.factories import AssessmentFactory
from portfolio.choices import PracticeStatus
from portfolio.tests.factories import PracticeFactory
from tests.access.matrix import DOCUMENT_RECORDS

SHARED, RESTRICTED = VisibilityChoices.SHARED, VisibilityChoices.RESTRICTED


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(registry):
    with disable_auditlog():
        _add_records(registry)
    return registry


def _add_records(registry):
    bz, jm, tt = registry.bz, registry.jm, registry.tt
    area = registry.records["capabilityarea"]["root"]
    records = registry.records

    def assessment(state, visibility):
        return AssessmentFactory(
            state=state, area=area, visibility=visibility, method=AssessmentMethod.SECRETARIAT, level=2
        )

    records["maturityassessment"] = {
        "bz_shared": assessment(bz, SHARED),
        "bz_restricted": assessment(bz, RESTRICTED),
        "jm_shared": assessment(jm, SHARED),
        "jm_restricted": assessment(jm, RESTRICTED),
    }

    decision = DecisionFactory(reference="COTED/2005/20/ACC", title="National accreditation bodies")
    action = RequiredActionFactory(decision=decision, position=1)
    records["decision"] = {"coted": decision}
    records["requiredaction"] = {"coted_1": action}
    records["implementationreport"] = {
        "bz": ImplementationReportFactory(state=bz, action=action),
        "jm": ImplementationReportFactory(state=jm, action=action),
    }

    def request(state, status, visibility):
        return AssistanceRequestFactory(state=state, status=status, visibility=visibility, areas=[area])

    requests = {
        "bz_draft": request(bz, Status.DRAFT, SHARED),
        "bz_shared": request(bz, Status.MATCHING, SHARED),
        "bz_restricted": request(bz, Status.ASSESSING, RESTRICTED),
        "jm_draft": request(jm, Status.DRAFT, SHARED),
        "jm_shared": request(jm, Status.APPROVED, SHARED),
    }
    records["assistancerequest"] = requests
    records["document"] = {key: DocumentFactory(record=requests[key]) for key in DOCUMENT_RECORDS}
    records["needsassessment"] = {
        key: NeedsAssessmentFactory(request=requests[key]) for key in ("bz_restricted", "jm_shared")
    }
    records["practice"] = {
        "bz_published": PracticeFactory(state=bz, status=PracticeStatus.PUBLISHED, areas=[area]),
        "bz_draft": PracticeFactory(state=bz, status=PracticeStatus.DRAFT, areas=[area]),
        "jm_host_draft": PracticeFactory(
            state=jm, institution=registry.inst_jm_host, status=PracticeStatus.DRAFT, areas=[area]
        ),
        "jm_restricted": PracticeFactory(
            state=jm, status=PracticeStatus.PUBLISHED, visibility=RESTRICTED, areas=[area]
        ),
    }
    records["hostinvitation"] = {
        "jm_host_for_bz": HostInvitationFactory(
            request=requests["bz_shared"], state=jm, institution=registry.inst_jm_host
        ),
        "tt_for_jm": HostInvitationFactory(request=requests["jm_shared"], state=tt),
    }
    records["expertinvitation"] = {
        "expert_for_bz": ExpertInvitationFactory(request=requests["bz_shared"], person=registry.person_expert),
    }
    records["matchweights"] = {
        key: MatchWeightsFactory(request=requests[key]) for key in ("bz_restricted", "jm_shared")
    }


# --- results frameworks (results app) ------------------------------------------------------


def _add_results_records(registry):
    from results.choices import ValueStatus
    from results.tests.factories import (
        IndicatorFactory,
        MeasuredValueFactory,
        PeriodFactory,
        ProgrammeFactory,
        ResultNodeFactory,
        TargetFactory,
    )

    partner = registry.records["institution"]["partner"]
    records = registry.records
    programmes = {
        "funded_shared": ProgrammeFactory(funders=[partner]),
        "funded_restricted": ProgrammeFactory(funders=[partner], visibility=RESTRICTED),
        "other_shared": ProgrammeFactory(),
        "other_restricted": ProgrammeFactory(visibility=RESTRICTED),
    }
    records["programme"] = programmes
    records["resultnode"] = {key: ResultNodeFactory(programme=p) for key, p in programmes.items()}
    records["indicator"] = {key: IndicatorFactory(node=records["resultnode"][key]) for key in programmes}
    records["period"] = {key: PeriodFactory(programme=p) for key, p in programmes.items()}
    records["target"] = {
        key: TargetFactory(indicator=records["indicator"][key], period=records["period"][key]) for key in programmes
    }

    def value(key, status):
        return MeasuredValueFactory(indicator=records["indicator"][key], period=records["period"][key], status=status)

    records["measuredvalue"] = {
        "funded_approved": value("funded_shared", ValueStatus.APPROVED),
        "funded_draft": value("funded_restricted", ValueStatus.DRAFT),
        "other_shared_approved": value("other_shared", ValueStatus.APPROVED),
        "other_restricted_approved": value("other_restricted", ValueStatus.APPROVED),
    }


_add_records_before_results = _add_records


def _add_records(registry):  # noqa: F811 — the results block extends the records above
    _add_records_before_results(registry)
    _add_results_records(registry)
