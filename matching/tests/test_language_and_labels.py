"""From the registry to the reasons: the languages hosts work in and the names in the reader's
language, loaded from the database."""

import pytest
from django.utils import translation

from assistance.choices import Status
from assistance.tests.factories import AssistanceRequestFactory, NeedsAssessmentFactory
from community.models import Language
from community.tests.factories import CapabilityAreaFactory, InstitutionFactory, LanguageFactory, MemberStateFactory
from matching import loaders, selectors
from maturity.tests.factories import AssessmentFactory
from portfolio.tests.factories import PracticeFactory


@pytest.fixture
def area(db):
    return CapabilityAreaFactory(code="accreditation-equivalency", name="Accreditation and equivalency")


@pytest.fixture
def haiti_request(area, officer):
    """Haiti (French) asks; Jamaica and Barbados (English) are established in the area."""
    for iso in ("JM", "BB"):
        AssessmentFactory(state=MemberStateFactory.for_iso(iso), area=area, level=3)
    request = AssistanceRequestFactory(
        state=MemberStateFactory.for_iso("HT"), status=Status.APPROVED, areas=[area], assigned_officer=officer
    )
    NeedsAssessmentFactory(request=request)
    return request


@pytest.fixture
def ucj(db):
    council = InstitutionFactory(name="University Council of Jamaica", state=MemberStateFactory.for_iso("JM"))
    council.staff_languages.set([LanguageFactory(code="fr")])
    return council


def host(matches, iso):
    return next(candidate for candidate in matches.hosts if candidate.detail == iso)


def reasons(candidate, factor):
    return [reason.text for reason in candidate.reasons if reason.factor == factor]


def test_a_host_whose_staff_work_in_the_requesters_language_is_recognised(haiti_request, ucj):
    with translation.override("en"):
        matches = selectors.request_matches(assistance_request=haiti_request)
    jamaica, barbados = host(matches, "JM"), host(matches, "BB")
    assert reasons(jamaica, "fit")[0] == (
        "Jamaica's official language is English, but the University Council of Jamaica's staff work in French"
    )
    assert reasons(barbados, "fit")[0] == "no official language in common with Haiti"


def test_a_practice_offered_in_the_requesters_language_is_recognised(haiti_request, area):
    PracticeFactory(
        title="Equivalency desk",
        state=MemberStateFactory.for_iso("BB"),
        published=True,
        areas=[area],
        languages=[LanguageFactory(code="fr")],
    )
    supply = loaders.load_host_supply()
    barbados = supply.state_index()[MemberStateFactory.for_iso("BB").pk]
    french = supply.language_names.index("French")
    assert supply.working_languages[barbados, french]
    assert not supply.languages[barbados, french]
    with translation.override("en"):
        matches = selectors.request_matches(assistance_request=haiti_request)
    assert reasons(host(matches, "BB"), "fit")[0] == (
        "Barbados's official language is English, but its practice “Equivalency desk” is offered in French"
    )


def test_reasons_name_the_area_and_the_language_in_the_readers_language(haiti_request, area, ucj):
    area.name_fr = "Accréditation et équivalence"
    area.save()
    Language.objects.filter(code="fr").update(name_fr="français")
    Language.objects.filter(code="en").update(name_fr="anglais")
    with translation.override("fr"):
        jamaica = host(selectors.request_matches(assistance_request=haiti_request), "JM")
    capability = " ".join(reasons(jamaica, "capability"))
    assert "Accréditation et équivalence" in capability
    fit = reasons(jamaica, "fit")[0]
    assert "anglais" in fit and "français" in fit


def test_an_area_without_a_french_name_keeps_its_english_one(haiti_request):
    with translation.override("fr"):
        jamaica = host(selectors.request_matches(assistance_request=haiti_request), "JM")
    assert "Accreditation and equivalency" in " ".join(reasons(jamaica, "capability"))


def test_the_ranking_does_not_change_with_the_readers_language(haiti_request, area, ucj):
    area.name_fr = "Accréditation et équivalence"
    area.save()
    scores = {}
    for language in ("en", "fr"):
        with translation.override(language):
            matches = selectors.request_matches(assistance_request=haiti_request)
        scores[language] = [(candidate.id, round(candidate.score, 9)) for candidate in matches.hosts]
    assert scores["en"] == scores["fr"]
