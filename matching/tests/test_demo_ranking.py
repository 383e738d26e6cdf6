"""On the demo community: Belize's accreditation request and who should host it, and why."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from activities.choices import ActivityStatus
from activities.tests.factories import ActivityFactory
from assistance.choices import Status
from assistance.tests.factories import AssistanceRequestFactory
from community.models import MemberState
from community.tests.factories import PersonFactory
from matching import factors as registry
from matching import loaders, selectors
from matching.choices import InvitationStatus
from matching.tests.factories import ExpertInvitationFactory, HostInvitationFactory
from portfolio.models import Practice
from portfolio.tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db


def hosts_of(matches):
    return [candidate.detail for candidate in matches.hosts]


def test_jamaica_barbados_and_trinidad_are_the_top_three_hosts_for_belize(belize_request):
    matches = selectors.request_matches(assistance_request=belize_request)
    assert set(hosts_of(matches)[:3]) == {"JM", "BB", "TT"}
    jamaica = next(candidate for candidate in matches.hosts if candidate.detail == "JM")
    assert "University Council of Jamaica" in [institution.name for institution in jamaica.institutions]


def test_the_top_three_follow_from_maturity_fit_and_institutions_even_without_the_portfolio(belize_request):
    Practice.objects.all().delete()
    matches = selectors.request_matches(assistance_request=belize_request)
    assert set(hosts_of(matches)[:3]) == {"JM", "BB", "TT"}
    jamaica = next(candidate for candidate in matches.hosts if candidate.detail == "JM")
    # Without its practice the council is proposed on its description's words alone (a mention of
    # Belize itself no longer counts: a state's name says nothing about the subject).
    assert "University Council of Jamaica" in [institution.name for institution in jamaica.institutions[:2]]


def test_state_names_and_boilerplate_are_not_quoted_as_matching_words(belize_request):
    matches = selectors.request_matches(assistance_request=belize_request)
    jamaica = next(candidate for candidate in matches.hosts if candidate.detail == "JM")
    relevance = " ".join(reason.text for reason in jamaica.reasons if reason.factor == "relevance")
    assert "‘accreditation’" in relevance
    for word in ("belize", "member", "appointed"):
        assert f"‘{word}’" not in relevance


def test_the_reasons_say_why_in_plain_language(belize_request):
    matches = selectors.request_matches(assistance_request=belize_request)
    jamaica = next(candidate for candidate in matches.hosts if candidate.detail == "JM")
    text = jamaica.reasons_text
    assert "Accreditation and equivalency level 4 against Belize's 1" in text
    assert "shares English with Belize" in text
    assert "Movement of Skilled Persons Committee meets on" in text and "inside the window" in text
    assert "public holiday" in text
    assert "km between Belmopan and Kingston" in text
    assert {bar.factor for bar in jamaica.factors} == {
        "capability",
        "fit",
        "relevance",
        "track_record",
        "load",
        "timing",
        "cost",
        "burden",
    }
    second = matches.hosts[1]
    assert second.comparison and second.behind  # "why not higher" against the top candidate


def test_belize_and_the_states_below_level_3_are_listed_as_excluded_with_the_reason(belize_request):
    matches = selectors.request_matches(assistance_request=belize_request)
    reasons = {candidate.detail: candidate.excluded_because for candidate in matches.excluded}
    assert "never hosts its own request" in reasons["BZ"]
    assert "level 2, below the level 3 needed to host" in reasons["GY"]
    assert "BZ" not in hosts_of(matches)


def test_a_state_that_declined_is_not_proposed_again(belize_request, officer):
    jamaica = belize_request.state.__class__.objects.get(iso_code="JM")
    HostInvitationFactory(request=belize_request, state=jamaica, status=InvitationStatus.DECLINED, invited_by=officer)
    matches = selectors.request_matches(assistance_request=belize_request)
    assert "JM" not in hosts_of(matches)
    assert next(c for c in matches.excluded if c.detail == "JM").excluded_because == "declined to host this request"


def test_the_officer_may_ask_for_hosts_below_level_3(belize_request):
    matches = selectors.request_matches(assistance_request=belize_request, include_developing=True)
    assert {"GD", "LC"} <= set(hosts_of(matches))
    assert set(hosts_of(matches)[:3]) == {"JM", "BB", "TT"}
    # Guyana's level 2 is its own self-assessment: proposed only when the officer also asks for that.
    reasons = {candidate.detail: candidate.excluded_because for candidate in matches.excluded}
    assert "level 2 in Accreditation and equivalency is self-assessed, unconfirmed" in reasons["GY"]
    wider = selectors.request_matches(
        assistance_request=belize_request, include_developing=True, include_unconfirmed=True
    )
    assert "GY" in hosts_of(wider)


def test_states_at_or_below_belizes_level_are_never_proposed_and_the_reason_names_both_levels(belize_request):
    matches = selectors.request_matches(assistance_request=belize_request, include_developing=True)
    reasons = {candidate.detail: candidate.excluded_because for candidate in matches.excluded}
    assert reasons["DM"] == (
        "level 1 in Accreditation and equivalency, the same as or below Belize's level 1; "
        "a host must be at least 1 level ahead"
    )
    assert "DM" not in hosts_of(matches)


def test_the_reasons_say_how_and_when_each_level_was_assessed(belize_request):
    jamaica = next(c for c in selectors.request_matches(assistance_request=belize_request).hosts if c.detail == "JM")
    assert "level 4 against Belize's 1 (peer review, 1 year old)" in jamaica.reasons_text


def test_experts_are_ranked_separately_and_never_from_belize(belize_request):
    matches = selectors.request_matches(assistance_request=belize_request)
    names = [candidate.name for candidate in matches.experts]
    assert names[:3] and all("accreditation" in c.reasons_text.lower() for c in matches.experts[:3])
    assert {"Dr. Patricia Reid", "Dr. Arjun Maharaj", "Dr. Cheryl Best"} == set(names[:3])


def test_weights_change_the_ranking(belize_request):
    only_cost = dict.fromkeys(registry.names(registry.HOST), 0.0) | {"cost": 1.0}
    matches = selectors.request_matches(assistance_request=belize_request, weights=only_cost, include_developing=True)
    # Nearest capital to Belmopan among the candidates: Kingston.
    assert hosts_of(matches)[0] == "JM"
    assert matches.weights["cost"] == 1.0


def test_the_loaders_read_the_same_current_levels_as_the_maturity_map(belize_request):
    from maturity.selectors import current_level_rows, current_levels

    reader = loaders.system_reader()
    expected = {
        pair: (assessment.level, assessment.method, assessment.assessed_on)
        for pair, assessment in current_levels(user=reader).items()
    }
    rows = current_level_rows(user=reader)
    assert {pair: (row.level, row.method, row.assessed_on) for pair, row in rows.items()} == expected
    supply = loaders.load_host_supply(user=reader)
    states, areas = supply.state_index(), {int(pk): k for k, pk in enumerate(supply.area_ids)}
    for (state_id, area_id), row in rows.items():
        assert supply.levels[states[state_id], areas[area_id]] == row.level


def test_the_loaders_read_in_a_fixed_number_of_queries_whatever_the_size(belize_request):
    def count():
        with CaptureQueriesContext(connection) as context:
            supply = loaders.load_host_supply()
            experts = loaders.load_expert_supply(supply)
            loaders.load_need(belize_request, supply, experts)
        return len(context.captured_queries)

    before = count()
    # More of everything: activities delivered and planned with their hosts and experts, requests,
    # declined invitations, experts and practices.
    area = belize_request.areas.get()
    for iso in ("JM", "BB", "TT"):
        state = MemberState.objects.get(iso_code=iso)
        for status in (Status.CLOSED, Status.PLANNED):
            done = AssistanceRequestFactory(state=MemberState.objects.get(iso_code="GY"), status=status, areas=[area])
            HostInvitationFactory(request=done, state=state, status=InvitationStatus.ACCEPTED)
            ExpertInvitationFactory(
                request=done,
                person=PersonFactory(expert=True, state=state, institution=None),
                status=InvitationStatus.ACCEPTED,
            )
        for status in (ActivityStatus.CLOSED, ActivityStatus.PLANNED):
            activity = ActivityFactory(
                host_state=state, status=status, experts=[PersonFactory(expert=True, state=state, institution=None)]
            )
            activity.areas.add(area)
        HostInvitationFactory(request=belize_request, state=state, status=InvitationStatus.DECLINED)
        PracticeFactory(state=state, published=True, areas=[area], languages=[])
    assert count() == before
    # hosts 23 (confirmed levels, with hosting lately, capacities, regional meetings, non-working days, staff and
    # practice languages and the translated names), experts 6 (each with the evaluations), the
    # request 4 (with the officer's exclusions)
    assert before == 33


def test_the_regional_examinations_council_is_proposed_from_its_seat_in_barbados(belize_request):
    barbados = next(c for c in selectors.request_matches(assistance_request=belize_request).hosts if c.detail == "BB")
    regional = [institution.name for institution in barbados.institutions if institution.regional]
    assert regional == ["Caribbean Examinations Council"]
