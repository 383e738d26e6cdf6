"""A small portfolio the personas of the root conftest act on."""

from types import SimpleNamespace

import pytest

from community.tests.factories import CapabilityAreaFactory, InstitutionFactory, LanguageFactory
from portfolio.tests.factories import PracticeFactory


@pytest.fixture
def areas(db):
    labour = CapabilityAreaFactory(code="labour-admin", name="Labour administration")
    return SimpleNamespace(
        labour=labour,
        pes=CapabilityAreaFactory(code="public-employment-services", name="Public employment services", parent=labour),
        lmi=CapabilityAreaFactory(code="labour-market-information", name="Labour market information", parent=labour),
        accreditation=CapabilityAreaFactory(code="accreditation-equivalency", name="Accreditation and equivalency"),
    )


@pytest.fixture
def portfolio(areas, belize, jamaica, trinidad, host_institution):
    """Entries keyed `<state>_<status>`; `jm_host_draft` is the host coordinator's institution's."""
    english, spanish = LanguageFactory(code="en"), LanguageFactory(code="es")
    ucj = InstitutionFactory(name="University Council of Jamaica", acronym="UCJ", state=jamaica)
    return SimpleNamespace(
        jm_published=PracticeFactory(
            title="National accreditation and equivalency system",
            state=jamaica,
            institution=ucj,
            areas=[areas.accreditation],
            languages=[english, spanish],
            published=True,
            results="Programmes accredited; technical support to Belize and Guyana.",
            target_population="National accreditation bodies",
        ),
        jm_draft=PracticeFactory(
            title="Electronic labour exchange",
            state=jamaica,
            areas=[areas.pes],
            languages=[english],
            target_population="Job seekers and employers",
        ),
        jm_host_draft=PracticeFactory(
            title="Single window for customs clearance",
            state=jamaica,
            institution=host_institution,
            areas=[areas.lmi],
        ),
        tt_needs_update=PracticeFactory(
            title="Labour market information unit",
            state=trinidad,
            areas=[areas.lmi],
            languages=[english],
            needs_update=True,
            target_population="Policy makers and researchers",
        ),
        bz_published=PracticeFactory(
            title="Bilingual employment counselling",
            state=belize,
            areas=[areas.pes],
            languages=[english, spanish],
            published=True,
            target_population="Job seekers in border districts",
        ),
        ucj=ucj,
    )
