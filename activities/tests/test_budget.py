"""An activity's money: who reads it and who changes it, in pages and the API; totals added up
in the database per category, funding source and currency, never across currencies."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.choices import Role
from accounts.tests.factories import UserFactory
from activities.models import BudgetLine
from activities.selectors_money import budget_lines, budget_totals, totals_by_activity, with_remaining
from activities.tests.factories import ActivityFactory, BudgetLineFactory, SessionFactory
from activities.views.tabs import tabs_for
from community.tests.factories import InstitutionFactory
from core.api_pagination import CappedPageNumberPagination
from core.testing import assert_same_refusal, edit_data

pytestmark = pytest.mark.django_db

API = "/api/v1/budget-lines/"


@pytest.fixture
def activity(jamaica, belize, host_institution):
    """A restricted attachment of Belizean officials to the Jamaican host institution."""
    return ActivityFactory(host_state=jamaica, host_institution=host_institution, states=[belize])


@pytest.fixture
def lines(activity):
    return [
        BudgetLineFactory(activity=activity, amount=Decimal("2400.00"), funding_source="CARICOM Development Fund"),
        BudgetLineFactory(
            activity=activity,
            category="accommodation",
            description="Hotel, 5 nights × 3",
            amount=Decimal("1000.00"),
            actual=Decimal("900.00"),
            funding_source="CARICOM Development Fund",
        ),
        BudgetLineFactory(
            activity=activity,
            category="venue",
            description="Training room",
            amount=Decimal("5000.00"),
            currency="XCD",
            funding_source="Government of Jamaica",
        ),
    ]


@pytest.fixture
def other_host(jamaica):
    return UserFactory(role=Role.HOST_COORDINATOR, institution=InstitutionFactory(state=jamaica))


def _by(rows, **match):
    return [row for row in rows if all(row[key] == value for key, value in match.items())]


def test_totals_are_per_currency_never_summed_across(lines):
    totals = budget_totals(BudgetLine.objects.all())
    assert [(row["currency"], row["budgeted"], row["spent"]) for row in totals["by_currency"]] == [
        ("USD", Decimal("3400.00"), Decimal("900.00")),
        ("XCD", Decimal("5000.00"), Decimal("0")),
    ]
    (fund,) = _by(totals["by_funding_source"], funding_source="CARICOM Development Fund")
    assert (fund["currency"], fund["budgeted"], fund["spent"], fund["lines"]) == ("USD", Decimal("3400.00"), 900, 2)
    (government,) = _by(totals["by_funding_source"], funding_source="Government of Jamaica")
    assert government["currency"] == "XCD" and government["budgeted"] == Decimal("5000.00")
    assert [row["category"] for row in totals["by_category"]] == ["accommodation", "travel", "venue"]
    assert _by(totals["by_category"], category="accommodation")[0]["remaining"] == Decimal("100.00")


def test_totals_per_activity_and_funding_source_across_activities(lines, activity):
    other = ActivityFactory(host_state=activity.host_state)
    BudgetLineFactory(activity=other, amount=Decimal("600.00"), funding_source="CARICOM Development Fund")
    totals = budget_totals(BudgetLine.objects.all())
    (fund,) = _by(totals["by_funding_source"], funding_source="CARICOM Development Fund")
    assert fund["budgeted"] == Decimal("4000.00") and fund["lines"] == 3
    assert "by_activity" not in totals  # as long as the activities: read a page at a time
    rows = with_remaining(totals_by_activity(BudgetLine.objects.all()))
    assert [(row["activity"], row["currency"], row["budgeted"], row["remaining"]) for row in rows] == [
        (activity.pk, "USD", Decimal("3400.00"), Decimal("2500.00")),
        (activity.pk, "XCD", Decimal("5000.00"), Decimal("5000.00")),
        (other.pk, "USD", Decimal("600.00"), Decimal("600.00")),
    ]


# --- who reads the money ---------------------------------------------------------------------

READERS = ("officer", "focal_bz", "host_jm")
NOT_READERS = ("focal_jm", "expert", "partner", "other_host")


@pytest.mark.parametrize("role", READERS)
def test_the_states_taking_part_and_the_host_institution_read_the_budget(role, persona, client_for, lines, activity):
    response = client_for(persona(role)).get(reverse("activities:activity_budget", args=[activity.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "3,400.00" in content and "5,000.00" in content and "Training room" in content
    may_edit = reverse("activities:budgetline_update", args=[lines[0].pk]) in content
    assert may_edit is (role == "officer")
    assert ("Add a budget line" in content) is (role == "officer")


@pytest.mark.parametrize("role", NOT_READERS)
def test_nobody_else_reads_the_budget(role, persona, client_for, lines, activity, expert):
    SessionFactory(activity=activity, facilitator=expert.person)  # the expert reads the activity, not its money
    response = client_for(persona(role)).get(reverse("activities:activity_budget", args=[activity.pk]))
    assert response.status_code == 404
    summary = f"/api/v1/activities/{activity.pk}/budget-summary/"
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_login(persona(role))
    assert api.get(summary).status_code == 404
    assert api.get(API, {"activity": activity.pk}).json()["count"] == 0


def test_a_shared_activity_shows_its_budget_only_to_those_taking_part(client_for, focal_jm, focal_bz, lines, activity):
    activity.visibility = "shared"
    activity.save()
    url = reverse("activities:activity_budget", args=[activity.pk])
    assert client_for(focal_jm).get(url).status_code == 404
    assert client_for(focal_bz).get(url).status_code == 200


def test_the_budget_tab_shows_only_to_those_who_read_the_money(persona, activity, expert):
    SessionFactory(activity=activity, facilitator=expert.person)
    activity.visibility = "shared"
    activity.save()

    def labels(role):
        return [str(tab["label"]) for tab in tabs_for(activity=activity, user=persona(role), current="documents")]

    for role in ("officer", "focal_bz", "host_jm"):
        assert "Budget" in labels(role), role
    for role in ("focal_jm", "expert", "partner"):
        assert "Budget" not in labels(role), role
        assert "Documents" in labels(role), role


def test_the_budget_page_reads_in_a_fixed_number_of_queries(client_for, officer, activity, django_assert_num_queries):
    client = client_for(officer)
    url = reverse("activities:activity_budget", args=[activity.pk])
    BudgetLineFactory(activity=activity)
    client.get(url)  # warm the session and caches
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for n in range(12):
        BudgetLineFactory(activity=activity, currency=("USD", "XCD", "EUR")[n % 3], funding_source=f"Fund {n % 4}")
    with django_assert_num_queries(len(one.captured_queries)):
        assert client.get(url).status_code == 200


# --- the secretariat changes it: pages --------------------------------------------------------

LINE = {
    "category": "subsistence",
    "description": "Per diem, 3 officials × 5 days",
    "amount": "1275.00",
    "actual": "",
    "currency": "usd",
    "funding_source": "CARICOM Development Fund",
}


def test_an_officer_adds_edits_and_deletes_a_line(client_for, officer, activity):
    client = client_for(officer)
    response = client.post(reverse("activities:budgetline_create", args=[activity.pk]), LINE)
    assert response.status_code == 302
    line = BudgetLine.objects.get(activity=activity)
    assert (line.amount, line.currency, line.actual) == (Decimal("1275.00"), "USD", None)
    response = client.post(
        reverse("activities:budgetline_update", args=[line.pk]), edit_data(line, LINE, actual="1190.50")
    )
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.actual == Decimal("1190.50")
    assert client.get(reverse("activities:budgetline_delete", args=[line.pk])).status_code == 200
    response = client.post(reverse("activities:budgetline_delete", args=[line.pk]))
    assert response.status_code == 302 and not BudgetLine.objects.exists()


@pytest.mark.parametrize("role,code", [("focal_bz", 403), ("host_jm", 403), ("focal_jm", 404), ("expert", 404)])
def test_readers_and_outsiders_cannot_change_the_money(role, code, persona, client_for, lines, activity):
    client = client_for(persona(role))
    line = lines[0]
    assert client.post(reverse("activities:budgetline_create", args=[activity.pk]), LINE).status_code == code
    assert client.post(reverse("activities:budgetline_update", args=[line.pk]), LINE).status_code == code
    assert client.post(reverse("activities:budgetline_delete", args=[line.pk])).status_code == code
    assert BudgetLine.objects.count() == 3
    line.refresh_from_db()
    assert line.amount == Decimal("2400.00")


# --- the API ----------------------------------------------------------------------------------


def test_the_api_lists_lines_by_activity_for_those_who_read_them(api_client_for, focal_bz, host_jm, lines, activity):
    elsewhere = BudgetLineFactory()  # an activity Belize does not take part in
    for user in (focal_bz, host_jm):
        body = api_client_for(user).get(API, {"activity": activity.pk}).json()
        assert body["count"] == 3
        assert {row["id"] for row in body["results"]} == {line.pk for line in lines}
        assert api_client_for(user).get(f"{API}{elsewhere.pk}/").status_code == 404


def test_the_api_writes_for_the_secretariat_only(api_client_for, officer, focal_bz, host_jm, lines, activity):
    payload = {**LINE, "activity": activity.pk, "actual": None}
    created = api_client_for(officer).post(API, payload, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["currency"] == "USD" and created.json()["category_label"] == "Daily subsistence"
    line_url = f"{API}{created.json()['id']}/"
    assert api_client_for(officer).patch(line_url, {"actual": "1200.00"}, format="json").json()["actual"] == "1200.00"
    for reader in (focal_bz, host_jm):
        client = api_client_for(reader)
        assert client.post(API, payload, format="json").status_code == 403
        assert client.patch(line_url, {"amount": "1.00"}, format="json").status_code == 403
        assert client.delete(line_url).status_code == 403
    assert api_client_for(officer).delete(line_url).status_code == 204
    assert BudgetLine.objects.count() == 3


def test_a_line_stays_with_its_activity(api_client_for, officer, lines, activity):
    other = ActivityFactory()
    url = f"{API}{lines[0].pk}/"
    assert api_client_for(officer).patch(url, {"activity": other.pk}, format="json").status_code == 200
    lines[0].refresh_from_db()
    assert lines[0].activity_id == activity.pk


def test_an_officer_cannot_add_a_line_to_an_activity_they_cannot_name(api_client_for, officer):
    response = api_client_for(officer).post(API, {**LINE, "activity": 999999}, format="json")
    assert response.status_code == 400 and "activity" in response.json()


@pytest.mark.parametrize(
    "field,value",
    [
        ("amount", "-1.00"),
        ("actual", "-0.01"),
        ("amount", "12345678901234.00"),  # more than 12 digits
        ("currency", "U$D"),
        ("currency", "12"),
        ("description", "Per diem\x00"),
        ("funding_source", "Fund\x00"),
        ("category", "bribes"),
        ("funding_source", ""),
    ],
)
def test_the_api_refuses_bad_input_with_field_errors(api_client_for, officer, activity, field, value):
    response = api_client_for(officer).post(API, {**LINE, "activity": activity.pk, field: value}, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not BudgetLine.objects.exists()


@pytest.mark.parametrize(
    "field,value",
    [("amount", "-1.00"), ("currency", "U$D"), ("amount", "12345678901234.00"), ("description", "Per diem\x00")],
)
def test_the_page_and_the_api_refuse_alike(client_for, api_client_for, officer, activity, field, value):
    data = {**LINE, field: value}
    assert_same_refusal(
        client=client_for(officer),
        api_client=api_client_for(officer),
        form_url=reverse("activities:budgetline_create", args=[activity.pk]),
        api_url=API,
        data=data,
        api_data={**data, "activity": activity.pk, "actual": None},
        field=field,
    )


def test_the_summaries(api_client_for, focal_bz, lines, activity):
    client = api_client_for(focal_bz)
    summary = client.get(f"/api/v1/activities/{activity.pk}/budget-summary/").json()
    assert summary["by_currency"] == [
        {"currency": "USD", "budgeted": "3400.00", "spent": "900.00", "remaining": "2500.00", "lines": 2},
        {"currency": "XCD", "budgeted": "5000.00", "spent": "0.00", "remaining": "5000.00", "lines": 1},
    ]
    assert client.get(f"{API}summary/", {"activity": activity.pk}).json() == summary
    by_source = {(row["funding_source"], row["currency"]): row["budgeted"] for row in summary["by_funding_source"]}
    assert by_source == {("CARICOM Development Fund", "USD"): "3400.00", ("Government of Jamaica", "XCD"): "5000.00"}


def test_the_api_list_reads_in_a_fixed_number_of_queries(api_client_for, officer, activity, django_assert_num_queries):
    client = api_client_for(officer)
    BudgetLineFactory(activity=activity)
    client.get(API)
    with CaptureQueriesContext(connection) as one:
        client.get(API)
        client.get(f"{API}summary/")
    for _n in range(10):
        BudgetLineFactory(activity=activity, currency="XCD")
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(API)
        client.get(f"{API}summary/")


def test_the_totals_per_activity_come_a_page_at_a_time_of_what_the_reader_sees(
    api_client_for, focal_bz, focal_jm, officer, lines, activity, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(CappedPageNumberPagination, "page_size", 2)
    others = ActivityFactory.create_batch(2, host_state=activity.host_state)
    for other in others:
        BudgetLineFactory(activity=other, amount=Decimal("600.00"), actual=Decimal("100.00"))
    first = api_client_for(officer).get(f"{API}by-activity/").json()
    assert first["count"] == 4 and first["next"] and first["results"] == [
        {"activity": activity.pk, "activity__title": activity.title, "currency": "USD", "budgeted": "3400.00",
         "spent": "900.00", "lines": 2, "remaining": "2500.00"},
        {"activity": activity.pk, "activity__title": activity.title, "currency": "XCD", "budgeted": "5000.00",
         "spent": "0.00", "lines": 1, "remaining": "5000.00"},
    ]  # fmt: skip
    second = api_client_for(officer).get(first["next"]).json()
    assert [(row["activity"], row["remaining"]) for row in second["results"]] == [(o.pk, "500.00") for o in others]
    # Filtered like the list; a reader of one activity's money sees its totals alone.
    filtered = api_client_for(officer).get(f"{API}by-activity/", {"activity": others[0].pk}).json()
    assert [row["activity"] for row in filtered["results"]] == [others[0].pk]
    assert {row["activity"] for row in api_client_for(focal_bz).get(f"{API}by-activity/").json()["results"]} == {
        activity.pk
    }
    assert api_client_for(focal_jm).get(f"{API}by-activity/").json()["results"] == []
    client = api_client_for(officer)
    with CaptureQueriesContext(connection) as one:
        client.get(f"{API}by-activity/")
    for other in ActivityFactory.create_batch(3, host_state=activity.host_state):
        BudgetLineFactory(activity=other)
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(f"{API}by-activity/")


def test_budget_lines_selector_is_scoped(focal_jm, lines, activity):
    assert list(budget_lines(user=focal_jm, activity=activity)) == []
