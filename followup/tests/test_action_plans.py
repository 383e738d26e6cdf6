"""Action plans: the state's focal points keep their items up to date, the secretariat reviews;
overdue items show on the state's page; the page and the API refuse alike."""

import datetime

import pytest
from django.urls import reverse

from core.testing import assert_same_refusal, edit_data
from followup.choices import ItemStatus
from followup.models import ActionItem
from followup.tests.factories import ActionItemFactory, ActionPlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(closed_activity, belize, jamaica):
    bz = ActionPlanFactory(activity=closed_activity, state=belize, title="Belize: border risk plan")
    jm = ActionPlanFactory(activity=closed_activity, state=jamaica, title="Jamaica: border risk plan")
    return {
        "bz": bz,
        "jm": jm,
        "bz_overdue": ActionItemFactory(plan=bz, overdue=True, description="Publish the risk register"),
        "bz_open": ActionItemFactory(plan=bz, description="Train the port staff"),
        "jm_overdue": ActionItemFactory(plan=jm, overdue=True, description="Buy scanners"),
    }


def item_data(plan, **changes):
    data = {
        "plan": plan.pk,
        "description": "Adopt the risk profiles",
        "owner_name": "Comptroller of Customs",
        "due_date": (datetime.date.today() + datetime.timedelta(days=60)).isoformat(),
        "status": ItemStatus.OPEN,
        "evidence": "",
    }
    return {**data, **changes}


def test_a_focal_point_updates_its_states_items_by_page_and_api(plans, focal_bz, client_for, api_client_for):
    item = plans["bz_open"]
    page = client_for(focal_bz).post(
        reverse("followup:actionitem_edit", args=[item.pk]),
        edit_data(item, item_data(plans["bz"], description=item.description, status=ItemStatus.IN_PROGRESS)),
    )
    assert page.status_code == 302
    item.refresh_from_db()
    assert item.status == ItemStatus.IN_PROGRESS
    api = api_client_for(focal_bz)
    added = api.post("/api/v1/action-items/", item_data(plans["bz"]), format="json")
    assert added.status_code == 201, added.content
    assert ActionItem.objects.get(pk=added.json()["id"]).plan == plans["bz"]


def test_another_states_focal_point_and_the_host_cannot_touch_them(
    plans, focal_jm, host_jm, client_for, api_client_for
):
    item = plans["bz_open"]
    for user in (focal_jm, host_jm):
        assert client_for(user).get(reverse("followup:actionitem_edit", args=[item.pk])).status_code == 404
        assert api_client_for(user).patch(f"/api/v1/action-items/{item.pk}/", {"status": "done"}).status_code == 404
    # An item put into another state's plan: that plan is not among the choices.
    refused = api_client_for(focal_jm).post("/api/v1/action-items/", item_data(plans["bz"]), format="json")
    assert refused.status_code == 400 and "plan" in refused.json()
    # The host coordinator reads its own state's plan, but edits no item of it.
    assert api_client_for(host_jm).get(f"/api/v1/action-items/{plans['jm_overdue'].pk}/").status_code == 200
    assert (
        api_client_for(host_jm).patch(f"/api/v1/action-items/{plans['jm_overdue'].pk}/", {"status": "done"}).status_code
        == 403
    )


def test_done_without_evidence_is_refused_alike_by_page_and_api(plans, focal_bz, client_for, api_client_for):
    messages = assert_same_refusal(
        client=client_for(focal_bz),
        api_client=api_client_for(focal_bz),
        form_url=reverse("followup:actionitem_add"),
        api_url="/api/v1/action-items/",
        data=item_data(plans["bz"], status=ItemStatus.DONE),
        field="evidence",
    )
    assert messages


def test_no_owner_is_refused_by_field(plans, focal_bz, api_client_for):
    answer = api_client_for(focal_bz).post(
        "/api/v1/action-items/", item_data(plans["bz"], owner_name=""), format="json"
    )
    assert answer.status_code == 400 and list(answer.json()) == ["owner_name"]


def test_only_the_secretariat_reviews_a_plan(plans, officer, focal_bz, api_client_for):
    url = f"/api/v1/action-plans/{plans['bz'].pk}/review/"
    assert api_client_for(focal_bz).post(url, {"note": "Fine"}, format="json").status_code == 403
    assert api_client_for(officer).post(url, {"note": ""}, format="json").status_code == 400
    done = api_client_for(officer).post(url, {"note": "Two of three items under way."}, format="json")
    assert done.status_code == 200 and done.json()["reviewed_at"] == datetime.date.today().isoformat()


def test_overdue_items_are_flagged_on_the_states_page(plans, belize, focal_bz, partner, client_for):
    page = client_for(focal_bz).get(belize.get_absolute_url()).content.decode()
    assert "data-followup-panel" in page
    assert "Publish the risk register" in page and "Train the port staff" not in page and "Buy scanners" not in page
    assert "data-followup-panel" not in client_for(partner).get(belize.get_absolute_url()).content.decode()


def test_the_plan_page_marks_overdue_items_and_offers_updates_to_its_state_only(plans, focal_bz, host_jm, client_for):
    url = plans["bz"].get_absolute_url()
    page = client_for(focal_bz).get(url).content.decode()
    assert page.count("data-overdue") == 1 and "Add an item" in page
    assert client_for(host_jm).get(url).status_code == 404
    jm_page = client_for(host_jm).get(plans["jm"].get_absolute_url()).content.decode()
    assert "Buy scanners" in jm_page and "Add an item" not in jm_page and "Update</a>" not in jm_page


@pytest.mark.parametrize("role", ["officer", "focal_bz"])
def test_lists_take_the_same_queries_with_one_or_many_plans(
    role, persona, closed_activity, belize, client_for, api_client_for, django_assert_num_queries
):
    """For a focal point too, who may not see every record a plan's items point to: the items'
    plans were asked about one plan at a time."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ActionItemFactory(plan=ActionPlanFactory(activity=closed_activity, state=belize))
    client, api = client_for(persona(role)), api_client_for(persona(role))
    client.get(reverse("followup:actionplan_list"))
    api.get("/api/v1/action-plans/")
    with CaptureQueriesContext(connection) as page_one:
        client.get(reverse("followup:actionplan_list"))
    with CaptureQueriesContext(connection) as api_one:
        api.get("/api/v1/action-plans/")
    for _ in range(4):
        ActionItemFactory(plan=ActionPlanFactory(state=belize))
    with django_assert_num_queries(len(page_one)):
        client.get(reverse("followup:actionplan_list"))
    with django_assert_num_queries(len(api_one)):
        api.get("/api/v1/action-plans/")


def test_a_document_is_evidence_enough_and_is_read_only_where_the_plan_is(
    plans, focal_bz, focal_jm, client_for, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from core.documents import document_for_user

    settings.MEDIA_ROOT = tmp_path
    item = plans["bz_open"]
    data = edit_data(item, item_data(plans["bz"], description=item.description, status=ItemStatus.DONE))
    data["documents"] = [SimpleUploadedFile("cabinet-conclusion.pdf", b"%PDF-1.4")]
    response = client_for(focal_bz).post(reverse("followup:actionitem_edit", args=[item.pk]), data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == ItemStatus.DONE and item.evidence == ""
    document = item.documents.get()
    assert document.title == "cabinet-conclusion.pdf"
    assert document_for_user(user=focal_bz, pk=document.pk) is not None
    assert document_for_user(user=focal_jm, pk=document.pk) is None
    page = client_for(focal_bz).get(plans["bz"].get_absolute_url()).content.decode()
    assert "cabinet-conclusion.pdf" in page


@pytest.mark.parametrize(
    "role, shown", [("officer", True), ("focal_bz", True), ("focal_jm", False), ("expert", False), ("partner", False)]
)
def test_the_state_panel_shows_to_the_states_people_and_the_secretariat(
    closed_activity, belize, persona, client_for, role, shown
):
    page = client_for(persona(role)).get(belize.get_absolute_url()).content.decode()
    assert ("data-followup-panel" in page) is shown
    if shown:
        assert "3 of 3 officials trained still hold the post they had." in page


def test_a_review_from_a_page_shown_before_another_review_replaces_nothing(plans, officer, client_for):
    plan = plans["bz"]
    client = client_for(officer)
    assert f'name="version" value="{plan.version}"' in client.get(plan.get_absolute_url()).content.decode()
    shown = plan.version
    url = reverse("followup:actionplan_review", args=[plan.pk])
    assert client.post(url, {"note": "Four of six items done.", "version": shown}).status_code == 302

    refused = client.post(url, {"note": "Nothing done yet.", "version": shown}, follow=True)
    assert "Someone else changed this record since you opened it" in refused.content.decode()
    plan.refresh_from_db()
    assert plan.review_note == "Four of six items done."

    client.post(url, {"note": "Five of six items done.", "version": plan.version})
    plan.refresh_from_db()
    assert plan.review_note == "Five of six items done."
