"""The issue's journey in a real browser: a participant opens the six-month follow-up link on a
phone, signed out, and answers; the officer sees the activity's scores on its Evaluation tab,
reviews the follow-up of the request it served, computes the programme's "trained and still in
post" indicator and sees it move on the programme page; the partner signs in and sees only the
programme it funds."""

import datetime
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.screens import PHONE

pytestmark = pytest.mark.browser

PROGRAMME = "Border management capacity programme"
OTHER = "A programme of another partner"
INDICATOR = "Officials trained and still in post"


@pytest.fixture
def loop(transactional_db):
    """A closed workshop for Belize six months on, serving a delivered request and an output of a
    programme funded by a development partner: three Belizeans trained (one since moved to
    another post), two follow-up answers in, the third participant has the link."""
    from accounts.tests.factories import UserFactory
    from activities.tests.factories import ActivityFactory, AttendanceFactory, NominationFactory
    from assistance.choices import Status
    from assistance.tests.factories import AssistanceRequestFactory
    from community.tests.factories import CapabilityAreaFactory, MemberStateFactory, PersonFactory, PostHeldFactory
    from followup.choices import Stage
    from followup.indicators import OFFICIALS_IN_POST
    from followup.links import make_token
    from followup.questions import OUTCOME_KEYS
    from followup.tests.factories import EvaluationAnswerFactory, EvaluationFactory
    from results.tests.factories import (
        IndicatorFactory,
        PeriodFactory,
        ProgrammeFactory,
        TargetFactory,
        partner_institution,
        tree,
    )

    today = datetime.date.today()
    officer = UserFactory(role="officer", email="officer@loop.test", full_name="Dwayne Clarke")
    funder = partner_institution(name="Caribbean Development Fund")
    UserFactory(role="partner", institution=funder, email="partner@loop.test", full_name="Sophie Laurent")
    belize = MemberStateFactory.for_iso("BZ")
    end = today - datetime.timedelta(days=185)
    activity = ActivityFactory(
        title="Workshop on risk management at the border",
        status="closed",
        start_date=end - datetime.timedelta(days=2),
        end_date=end,
        officer=officer,
        states=[belize],
    )
    people = [
        PersonFactory(
            full_name=name, state=belize, institution__state=belize, current_post__start_date=end.replace(year=2015)
        )
        for name in ("Carla Mendez", "Andre Flowers", "Maya Castillo")
    ]
    for person in people:
        nomination = NominationFactory(activity=activity, state=belize, person=person, post=person.post, confirmed=True)
        AttendanceFactory(nomination=nomination, day=activity.start_date)
    moved = people[2]
    moved.posts.update(end_date=end + datetime.timedelta(days=30))
    PostHeldFactory(person=moved, post="Adviser to the Minister", start_date=end + datetime.timedelta(days=31))
    for rating in (4, 5):
        EvaluationAnswerFactory(
            evaluation__activity=activity, evaluation__stage=Stage.FOLLOW_UP, scores=dict.fromkeys(OUTCOME_KEYS, rating)
        )
    carla = people[0]
    evaluation = EvaluationFactory(activity=activity, stage=Stage.FOLLOW_UP, person=carla, email="carla@customs.gov.bz")

    area = CapabilityAreaFactory(name="Border risk management")
    request = AssistanceRequestFactory(state=belize, status=Status.DELIVERED, title="Risk profiling at the border")
    request.areas.set([area])
    activity.requests.add(request)

    programme = ProgrammeFactory(name=PROGRAMME, funders=[funder])
    ProgrammeFactory(name=OTHER, funders=[partner_institution(name="Another fund")])
    period = PeriodFactory(
        programme=programme,
        label=str(end.year),
        start_date=end.replace(month=1, day=1),
        end_date=end.replace(month=12, day=31),
    )
    _goal, _outcome, output = tree(programme)
    output.outputs.set([activity])
    indicator = IndicatorFactory(
        node=output, name=INDICATOR, source=OFFICIALS_IN_POST, disaggregation=["state"], unit="officials"
    )
    TargetFactory(indicator=indicator, period=period, value=4)
    return {
        "activity": activity,
        "request": request,
        "programme": programme,
        "indicator": indicator,
        "period": period,
        "url": reverse("followup:answer", args=[make_token(evaluation.pk)]),
    }


def test_the_follow_up_closes_the_loop_and_moves_the_programme(page, live_server, loop, sign_in, snap):
    from accounts.tests.factories import PASSWORD

    # the participant, signed out, on a phone
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + loop["url"])
    expect(page.get_by_role("heading", level=1)).to_have_text("Six months later")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for fieldset in page.locator("fieldset").all()[:5]:
        fieldset.get_by_label("3", exact=True).check()
    page.get_by_label("Yes, regularly").check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.locator("[data-thanks]")).to_be_visible()
    snap("participant-thanks")

    # the officer: the activity's scores on its Evaluation tab
    sign_in("officer@loop.test", PASSWORD)
    page.goto(live_server.url + reverse("followup:activity_evaluation", args=[loop["activity"].pk]))
    later = page.locator('[data-stage="follow_up"]')
    expect(later.locator("[data-counts]")).to_have_text("3 answered of 3 sent")
    expect(later.locator("[data-overall]")).to_have_text("4.0")  # (4 + 5 + 3) / 3
    expect(page.locator("[data-retention-share]")).to_have_text("67 %")  # 2 of 3 still in post
    snap("officer-scores")

    # … the follow-up review of the request the activity served
    page.locator("[data-review-requests]").get_by_role("link").first.click()
    expect(page.get_by_role("heading", name="Follow-up review")).to_be_visible()
    expect(page.locator("[data-score-follow-up]")).to_have_text("4.0")
    page.get_by_label("Level in Border risk management").select_option("3")
    page.get_by_label("What the evidence shows").fill("Risk profiles in daily use; two of three officials in post.")
    page.get_by_label("Next step for the request").select_option("follow_up")
    snap("review")
    page.get_by_role("button", name="Record the review").click()
    expect(page.get_by_text("Follow-up review recorded.")).to_be_visible()
    expect(page.locator("[data-followup-review-panel]")).to_be_visible()
    snap("request")

    # … computes the programme's indicator, submits and approves it: the programme page moves
    page.goto(live_server.url + loop["programme"].get_absolute_url())
    progress = page.locator(f'[data-progress="{loop["indicator"].pk}"]')
    expect(progress).to_contain_text("No approved value yet.")
    page.get_by_role("link", name=INDICATOR).first.click()
    page.get_by_role("button", name="Compute").first.click()
    expect(page.get_by_text("Computed: 2, saved as a draft.")).to_be_visible()
    # the figure's own page, from the period's row; it comes back to the indicator after each move
    page.get_by_role("link", name="2", exact=True).first.click()
    page.get_by_role("button", name="Submit for approval").click()
    page.get_by_role("link", name="2", exact=True).first.click()
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("The value is now approved.")).to_be_visible()
    page.goto(live_server.url + loop["programme"].get_absolute_url())
    expect(progress).to_contain_text(f"2 in {loop['period'].label}")
    expect(progress).to_contain_text("target 4")
    snap("programme")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r"/accounts/login/"))

    # the partner sees only the programme it funds, with the approved figure
    sign_in("partner@loop.test", PASSWORD)
    page.goto(live_server.url + reverse("results:programme_list"))
    expect(page.get_by_role("link", name=PROGRAMME)).to_be_visible()
    expect(page.get_by_role("link", name=OTHER)).to_have_count(0)
    page.get_by_role("link", name=PROGRAMME).click()
    expect(page.locator(f'[data-progress="{loop["indicator"].pk}"]')).to_contain_text(f"2 in {loop['period'].label}")
    snap("partner")
