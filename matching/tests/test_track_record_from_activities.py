"""Matching reads what was really done: a host's track record and load, and an expert's bookings
and track record, come from activities (`activities.selectors`), not from invitations."""

import datetime

import pytest

from activities.choices import ActivityStatus
from activities.tests.factories import ActivityFactory
from community.tests.factories import MemberStateFactory, PersonFactory
from matching import loaders
from matching.choices import InvitationStatus
from matching.factors import default_weights
from matching.scoring import rank_experts, rank_hosts
from matching.tests.factories import ExpertInvitationFactory, HostInvitationFactory

pytestmark = pytest.mark.django_db

A = ActivityStatus


def _activity(state, area, status, *, start=None, experts=(), requests=()):
    start = start or datetime.date(2025, 3, 3)
    activity = ActivityFactory(
        host_state=state,
        status=status,
        start_date=start,
        end_date=start + datetime.timedelta(days=4),
        experts=list(experts),
        requests=list(requests),
    )
    activity.areas.add(area)
    return activity


def _window(request, start):
    request.window_start, request.window_end = start, start + datetime.timedelta(days=30)
    request.save(update_fields=["window_start", "window_end"])


def _hosts(request):
    supply = loaders.load_host_supply()
    ranking = rank_hosts(supply, loaders.load_need(request, supply), default_weights("host"))
    return supply.state_index(), ranking.detail


def test_a_host_that_delivered_a_closed_activity_in_the_area_has_a_track_record(
    approved, accreditation, jamaica, trinidad
):
    closed = _activity(jamaica, accreditation, A.CLOSED)
    _activity(trinidad, accreditation, A.CANCELLED)
    _activity(trinidad, accreditation, A.PLANNED)  # not done yet
    index, detail = _hosts(approved)
    assert [activity.ref for activity in loaders.past_activities()] == [closed.pk]
    assert detail["track_count"][index[jamaica.pk]] == 1
    assert detail["track_count"][index[trinidad.pk]] == 0


def test_an_accepted_invitation_on_a_delivered_request_is_no_longer_a_track_record(approved, jamaica):
    from assistance.choices import Status
    from assistance.tests.factories import AssistanceRequestFactory

    done = AssistanceRequestFactory(status=Status.CLOSED, areas=list(approved.areas.all()))
    HostInvitationFactory(request=done, state=jamaica, status=InvitationStatus.ACCEPTED)
    assert loaders.past_activities() == []


def test_a_live_activity_in_the_window_loads_its_host_and_a_cancelled_one_does_not(
    approved, accreditation, jamaica, trinidad
):
    barbados = MemberStateFactory.for_iso("BB")
    start = datetime.date(2027, 2, 1)
    _window(approved, start)
    _activity(jamaica, accreditation, A.CONFIRMED, start=start + datetime.timedelta(days=7))
    _activity(trinidad, accreditation, A.CANCELLED, start=start + datetime.timedelta(days=7))
    _activity(barbados, accreditation, A.PLANNED, start=start + datetime.timedelta(days=90))  # after the window
    index, detail = _hosts(approved)
    assert detail["load_count"][index[jamaica.pk]] == 1
    assert detail["load_count"][index[trinidad.pk]] == 0
    assert detail["load_count"][index[barbados.pk]] == 0


def test_the_activity_serving_the_request_itself_is_not_its_hosts_load(approved, accreditation, jamaica):
    start = datetime.date(2027, 2, 1)
    _window(approved, start)
    _activity(jamaica, accreditation, A.PLANNED, start=start, requests=[approved])
    index, detail = _hosts(approved)
    assert detail["load_count"][index[jamaica.pk]] == 0


def _experts(request):
    supply = loaders.load_host_supply()
    experts = loaders.load_expert_supply(supply)
    need = loaders.load_need(request, supply, experts)
    ranking = rank_experts(experts, supply, need, default_weights("expert"))
    return {int(pk): j for j, pk in enumerate(experts.ids)}, experts, ranking.detail


def test_an_expert_booked_on_a_live_activity_in_the_window_is_unavailable(approved, accreditation, jamaica, trinidad):
    start = datetime.date(2027, 2, 1)
    _window(approved, start)
    booked = PersonFactory(expert=True, state=trinidad, institution=None)
    free = PersonFactory(expert=True, state=trinidad, institution=None)
    cancelled_on = PersonFactory(expert=True, state=trinidad, institution=None)
    _activity(jamaica, accreditation, A.IN_DELIVERY, start=start + datetime.timedelta(days=3), experts=[booked])
    _activity(jamaica, accreditation, A.CANCELLED, start=start + datetime.timedelta(days=3), experts=[cancelled_on])
    # An invitation, even accepted, no longer books anyone: the activity does.
    ExpertInvitationFactory(request=approved, person=free, status=InvitationStatus.ACCEPTED)
    index, _experts_supply, detail = _experts(approved)
    assert detail["busy"][index[booked.pk]] == 1
    assert detail["busy"][index[free.pk]] == 0
    assert detail["busy"][index[cancelled_on.pk]] == 0


def test_an_experts_track_record_counts_the_activities_delivered_with_them(approved, accreditation, jamaica, trinidad):
    expert = PersonFactory(expert=True, state=trinidad, institution=None)
    _activity(jamaica, accreditation, A.CLOSED, experts=[expert])
    _activity(jamaica, accreditation, A.DELIVERED, experts=[expert])
    _activity(jamaica, accreditation, A.CANCELLED, experts=[expert])
    index, experts, _detail = _experts(approved)
    assert experts.track_count[index[expert.pk]] == 2


def _rated(activity, rating: int, answers: int) -> None:
    from followup.questions import OUTCOME_KEYS
    from followup.tests.factories import EvaluationAnswerFactory, EvaluationFactory

    for _n in range(answers):
        EvaluationAnswerFactory(
            evaluation=EvaluationFactory(activity=activity), scores=dict.fromkeys(OUTCOME_KEYS, rating)
        )


def test_a_host_with_well_rated_exchanges_outranks_one_with_poorly_rated_ones_and_the_reason_says_so(
    approved, accreditation, jamaica, trinidad
):
    """All else equal (here: neither has a maturity level, a practice or a meeting), the ratings
    the participants gave decide, and the reason says by how many answers."""
    from matching.conf import options
    from matching.explain import host_reasons

    _rated(_activity(jamaica, accreditation, A.CLOSED), 5, answers=4)
    _rated(_activity(trinidad, accreditation, A.CLOSED), 2, answers=3)
    supply = loaders.load_host_supply()
    need = loaders.load_need(approved, supply)
    ranking = rank_hosts(supply, need, default_weights("host"))
    index = supply.state_index()
    jm, tt = index[jamaica.pk], index[trinidad.pk]
    assert ranking.detail["track_count"][jm] == ranking.detail["track_count"][tt] == 1
    track = ranking.factors_names.index("track_record")
    assert ranking.factors[jm, track] > ranking.factors[tt, track]
    assert ranking.scores[jm] > ranking.scores[tt]
    reasons = " ".join(reason.text for reason in host_reasons(supply, need, ranking, jm, options()))
    assert "rated 5.0 out of 5 on average by 4 evaluation answers" in reasons


def test_each_answer_weighs_the_same_in_a_hosts_mean_rating(approved, accreditation, jamaica):
    _rated(_activity(jamaica, accreditation, A.CLOSED), 5, answers=3)
    _rated(_activity(jamaica, accreditation, A.CLOSED, start=datetime.date(2025, 6, 2)), 1, answers=1)
    index, detail = _hosts(approved)
    assert detail["mean_rating"][index[jamaica.pk]] == pytest.approx(4.0)  # (3×5 + 1×1) / 4
    assert detail["rating_answers"][index[jamaica.pk]] == 4


def test_an_expert_whose_activities_were_rated_well_has_the_better_track_record_and_the_reason_says_so(
    approved, accreditation, jamaica, trinidad
):
    from matching.explain import expert_reasons

    well = PersonFactory(expert=True, state=trinidad, institution=None)
    poorly = PersonFactory(expert=True, state=trinidad, institution=None)
    _rated(_activity(jamaica, accreditation, A.CLOSED, experts=[well]), 5, answers=3)
    _rated(_activity(jamaica, accreditation, A.CLOSED, experts=[poorly]), 2, answers=2)
    index, experts, _detail = _experts(approved)
    good, bad = index[well.pk], index[poorly.pk]
    assert experts.track_count[good] == experts.track_count[bad] == 1
    assert (experts.track_rating[good], experts.track_answers[good]) == (5.0, 3)
    assert experts.track[good] > experts.track[bad]
    supply = loaders.load_host_supply()
    need = loaders.load_need(approved, supply)
    ranking = rank_experts(experts, supply, need, default_weights("expert"))
    reasons = " ".join(reason.text for reason in expert_reasons(experts, supply, need, ranking, good))
    assert "served on 1 delivered activity, rated 5.0 out of 5 on average by 3 evaluation answers" in reasons
