"""In a real browser: a participant opens the six-month follow-up link on a phone, signed out,
and answers; the officer then sees the activity's scores on its Evaluation tab."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.screens import PHONE

pytestmark = pytest.mark.browser


@pytest.fixture
def follow_up(transactional_db):
    """A closed workshop for Belize hosted in Jamaica, six months on: two participants already
    answered the follow-up, the third has the link."""
    from accounts.tests.factories import UserFactory
    from activities.tests.factories import ActivityFactory
    from community.tests.factories import MemberStateFactory, PersonFactory
    from followup.choices import Stage
    from followup.links import make_token
    from followup.questions import OUTCOME_KEYS
    from followup.tests.factories import EvaluationAnswerFactory, EvaluationFactory

    officer = UserFactory(role="officer", email="officer@followup.test")
    end = datetime.date.today() - datetime.timedelta(days=185)
    activity = ActivityFactory(
        title="Workshop on public employment services",
        status="closed",
        start_date=end - datetime.timedelta(days=2),
        end_date=end,
        officer=officer,
        states=[MemberStateFactory.for_iso("BZ")],
    )
    for rating in (4, 5):
        EvaluationAnswerFactory(
            evaluation__activity=activity, evaluation__stage=Stage.FOLLOW_UP, scores=dict.fromkeys(OUTCOME_KEYS, rating)
        )
    person = PersonFactory(full_name="Carla Mendez", email="carla.mendez@labour.gov.bz")
    evaluation = EvaluationFactory(activity=activity, stage=Stage.FOLLOW_UP, person=person, email=person.email)
    return {
        "activity": activity,
        "officer": officer,
        "url": reverse("followup:answer", args=[make_token(evaluation.pk)]),
    }


def test_a_participant_answers_the_follow_up_on_a_phone_and_the_officer_sees_the_scores(
    page, live_server, follow_up, sign_in, snap
):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + follow_up["url"])
    expect(page.get_by_role("heading", level=1)).to_have_text("Six months later")
    expect(page.locator("[data-activity]")).to_have_text("Workshop on public employment services")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width
    snap("questionnaire")

    page.set_viewport_size(PHONE)
    for fieldset in page.locator("fieldset").all()[:5]:
        fieldset.get_by_label("3", exact=True).check()
    page.get_by_label("Yes, regularly").check()
    page.get_by_label("Anything else you want to tell us?").fill("We now publish vacancies weekly.")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.locator("[data-thanks]")).to_contain_text("Your answers about")
    snap("thanks")

    page.goto(live_server.url + follow_up["url"])  # the link now says it was used
    expect(page.locator("[data-already-answered]")).to_be_visible()

    from accounts.tests.factories import PASSWORD

    sign_in("officer@followup.test", PASSWORD)
    page.goto(live_server.url + reverse("followup:activity_evaluation", args=[follow_up["activity"].pk]))
    later = page.locator('[data-stage="follow_up"]')
    expect(later.locator("[data-counts]")).to_have_text("3 answered of 3 sent")
    expect(later.locator("[data-overall]")).to_have_text("4.0")  # (4 + 5 + 3) / 3
    expect(page.locator("[data-linked-answers]")).to_contain_text("Carla Mendez")
    snap("officer-scores")


def test_a_focal_point_sees_an_overdue_item_on_the_state_page_and_marks_it_done(
    page, live_server, transactional_db, sign_in, snap
):
    from accounts.tests.factories import PASSWORD, UserFactory
    from community.tests.factories import MemberStateFactory
    from followup.tests.factories import ActionItemFactory, ActionPlanFactory

    belize = MemberStateFactory.for_iso("BZ")
    UserFactory(role="focal_point", member_state=belize, email="focal@followup.test")
    plan = ActionPlanFactory(state=belize, title="Belize: public employment services plan")
    ActionItemFactory(plan=plan, overdue=True, description="Open the job-matching portal")
    sign_in("focal@followup.test", PASSWORD)
    page.goto(live_server.url + belize.get_absolute_url())
    panel = page.locator("[data-followup-panel]")
    expect(panel.locator("[data-overdue]")).to_contain_text("Open the job-matching portal")
    snap("state-page")
    panel.get_by_role("link", name="Open the job-matching portal").click()
    expect(page.locator("[data-items] [data-overdue]")).to_have_count(1)
    snap("plan")
    page.get_by_role("link", name="Update").click()
    page.get_by_label("Status").select_option("done")
    page.get_by_label("Evidence", exact=True).fill("The portal went live on 1 March.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("[data-items]")).to_contain_text("Done")
    expect(page.locator("[data-items] [data-overdue]")).to_have_count(0)
