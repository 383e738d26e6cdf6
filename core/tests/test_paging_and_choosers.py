"""Lists at scale: pages without a full count (core.paging), bounded choosers for institutions,
people and requests (core.choosers, the suggestions endpoint), related records' visibility asked
for the keys a page shows only, and the indexes behind the lists' sorts."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activities.models import Activity
from assistance.models import AssistanceRequest
from community.forms import InstitutionForm, PersonForm
from community.models import CommitteeMeeting, Institution, Person
from community.tests.factories import CommitteeMeetingFactory, InstitutionFactory, PersonFactory
from core import paging
from core.access import hidden_pks
from core.choosers import CHOICE_LIMIT, SearchChoiceField, SearchInput
from core.paging import CappedPaginator
from core.tables import PAGE_SIZE
from followup.models import ActionItem, ActionPlan
from portfolio.models import Practice

MEETINGS = "community:committeemeeting_list"


def options(response) -> list[str]:
    return re.findall(r'<option value="[^"]*">([^<]*)</option>', response.content.decode())


# --- paging without a full count ------------------------------------------------------------


def test_a_page_knows_its_next_page_from_one_extra_row(db):
    CommitteeMeetingFactory.create_batch(5)
    from community.models import CommitteeMeeting

    paginator = CappedPaginator(CommitteeMeeting.objects.order_by("pk"), 2, cap=3)
    first, last = paginator.get_page(1), paginator.get_page(3)
    assert len(first) == 2 and first.has_next() and not first.has_previous()
    assert len(last) == 1 and not last.has_next() and last.previous_page_number() == 2
    assert paginator.count == 3 and not paginator.count_is_exact and paginator.num_pages is None
    exact = CappedPaginator(CommitteeMeeting.objects.all(), 2, cap=10)
    assert exact.count == 5 and exact.count_is_exact and exact.num_pages == 3


def test_groups_are_counted_as_groups(db):
    from django.db.models import Count

    from community.models import CommitteeMeeting

    meetings = CommitteeMeetingFactory.create_batch(5)
    CommitteeMeeting.objects.filter(pk=meetings[1].pk).update(committee=meetings[0].committee)
    per_committee = CommitteeMeeting.objects.values("committee").annotate(meetings=Count("pk")).order_by("committee")
    assert len(list(per_committee)) == 4 and paging.capped_count(per_committee) == 4
    assert paging.capped_count(per_committee, cap=1) == 2  # cap + 1: "more than one"


def test_a_list_links_the_next_page_only_when_more_rows_follow(officer, client_for):
    CommitteeMeetingFactory.create_batch(PAGE_SIZE + 3)
    client = client_for(officer)
    first = client.get(reverse(MEETINGS)).content.decode()
    last = client.get(reverse(MEETINGS), {"page": 2}).content.decode()
    assert 'rel="next"' in first and 'rel="prev"' not in first
    assert 'rel="next"' not in last and 'rel="prev"' in last
    assert f"{PAGE_SIZE + 3} records" in first and "Page 1 of 2" in first


def test_beyond_the_cap_a_list_says_more_than_and_never_counts_every_row(officer, client_for, monkeypatch):
    monkeypatch.setattr(paging, "COUNT_CAP", 4)
    CommitteeMeetingFactory.create_batch(PAGE_SIZE + 3)
    client = client_for(officer)
    client.get(reverse(MEETINGS))
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse(MEETINGS)).content.decode()
    assert "More than 4 records" in html and "Page 1</span>" in html and 'rel="next"' in html
    counts = [query["sql"] for query in queries if "COUNT(" in query["sql"].upper() and "meeting" in query["sql"]]
    assert counts and all("LIMIT 5" in sql for sql in counts)


def test_the_api_list_caps_its_count_and_says_so(officer, api_client_for, monkeypatch):
    PersonFactory.create_batch(5)
    api = api_client_for(officer)
    body = api.get("/api/v1/people/").json()
    assert set(body) == {"count", "count_is_exact", "next", "previous", "results"}
    assert body["count"] == 5 and body["count_is_exact"] is True and body["next"] is None
    monkeypatch.setattr(paging, "COUNT_CAP", 3)
    body = api.get("/api/v1/people/").json()
    assert body["count"] == 3 and body["count_is_exact"] is False and len(body["results"]) == 5
    assert api.get("/api/v1/people/", {"page": 2}).status_code == 404  # past the end, as before
    assert api.get("/api/v1/people/", {"page": "last"}).status_code == 404


def test_the_schema_documents_the_capped_count(officer, api_client_for):
    schema = api_client_for(officer).get("/api/v1/schema/", {"format": "json"}).json()
    page = schema["components"]["schemas"]["PaginatedPersonList"]
    assert set(page["required"]) == {"count", "count_is_exact", "next", "previous", "results"}
    assert page["properties"]["count"]["maximum"] == paging.COUNT_CAP
    assert page["properties"]["count_is_exact"]["type"] == "boolean"


# --- related records' visibility, for the keys shown only -----------------------------------


def test_hidden_keys_are_asked_for_the_records_shown_only(focal_bz, belize, jamaica):
    own = InstitutionFactory(state=belize, restricted=True)
    hidden = InstitutionFactory(state=jamaica, restricted=True)
    InstitutionFactory.create_batch(3, state=jamaica, restricted=True)  # never asked about
    with CaptureQueriesContext(connection) as queries:
        assert hidden_pks(focal_bz, Institution, [own.pk, hidden.pk]) == {hidden.pk}
        assert hidden_pks(focal_bz, Institution, [hidden.pk]) == {hidden.pk}  # learnt: no query
    assert len(queries) == 1
    assert f"IN ({own.pk}, {hidden.pk})" in queries[0]["sql"] or f"IN ({hidden.pk}, {own.pk})" in queries[0]["sql"]


# --- the suggestions endpoint ----------------------------------------------------------------


def choices_url(label="community.institution"):
    return reverse("core:choice_options", args=[label])


def test_suggestions_are_only_records_the_user_may_see(focal_bz, belize, jamaica, client_for):
    InstitutionFactory(state=belize, restricted=True, name="Own Board")
    InstitutionFactory(state=jamaica, name="Shared Board")
    InstitutionFactory(state=jamaica, restricted=True, name="Hidden Board")
    response = client_for(focal_bz).get(choices_url(), {"field": "institution", "institution": "board"})
    assert response.status_code == 200
    shown = " ".join(options(response))
    assert "Own Board" in shown and "Shared Board" in shown and "Hidden Board" not in shown


def test_suggestions_are_at_most_twenty(officer, client_for):
    InstitutionFactory.create_batch(CHOICE_LIMIT + 5, description="")
    names = list(Institution.objects.values_list("name", flat=True))
    common = min(names, key=len)[:1]
    response = client_for(officer).get(choices_url(), {"field": "q", "q": common})
    assert len(options(response)) == min(CHOICE_LIMIT, sum(common.lower() in n.lower() for n in names))
    assert len(options(client_for(officer).get(choices_url(), {"q": ""}))) == 0


def test_a_multiple_choice_keeps_the_records_already_typed(officer, client_for):
    first = InstitutionFactory(name="Alpha Board")
    InstitutionFactory(name="Beta Board")
    typed = f"{first} #{first.pk}; bet"
    response = client_for(officer).get(choices_url(), {"field": "x", "x": typed, "multiple": "1"})
    values = re.findall(r'<option value="([^"]*)"', response.content.decode())
    assert len(values) == 1 and values[0].startswith(f"{first} #{first.pk}; Beta Board")


@pytest.mark.parametrize(
    "label,params,status",
    [
        ("community.memberstate", {"q": "a"}, 404),  # a short list: no chooser
        ("community.nothing", {"q": "a"}, 404),
        ("bogus", {"q": "a"}, 404),
        ("community.institution", {"q": "a" * 101}, 400),
        ("community.institution", {"field": "field"}, 400),
    ],
)
def test_bad_suggestion_requests_are_refused(officer, client_for, label, params, status):
    assert client_for(officer).get(choices_url(label), params).status_code == status


def test_suggestions_need_a_signed_in_user(client_for, db):
    response = client_for(None).get(choices_url(), {"q": "a"})
    assert response.status_code == 302


# --- bounded fields on forms and filters -----------------------------------------------------


def test_a_form_field_to_a_big_model_is_a_search_box_not_a_list(officer, belize):
    InstitutionFactory.create_batch(3, state=belize)
    form = PersonForm(user=officer)
    field = form.fields["institution"]
    assert isinstance(field, SearchChoiceField) and isinstance(field.widget, SearchInput)
    html = str(form["institution"])
    assert "<select" not in html and 'list="id_institution-options"' in html and "hx-get=" in html
    assert "<option" not in html
    assert isinstance(InstitutionForm(user=officer).fields["parent"], SearchChoiceField)


def person_form(user, state, institution_value):
    data = {"full_name": "Ann Example", "state": state.pk, "institution": institution_value, "visibility": "shared"}
    return PersonForm(data, user=user)


def test_a_bounded_field_takes_a_key_a_suggested_label_or_a_unique_name(focal_bz, belize):
    ministry = InstitutionFactory(state=belize, name="Ministry of Works")
    for value in (str(ministry.pk), f"{ministry} #{ministry.pk}", "ministry of works"):
        form = person_form(focal_bz, belize, value)
        form.is_valid()
        assert "institution" not in form.errors, value
        assert form.cleaned_data["institution"] == ministry


def test_a_bounded_field_refuses_a_record_outside_the_users_scope_without_saying_it_exists(focal_bz, belize, jamaica):
    hidden = InstitutionFactory(state=jamaica, restricted=True, name="Hidden Board")
    missing = person_form(focal_bz, belize, "999999")
    outside = person_form(focal_bz, belize, str(hidden.pk))
    by_name = person_form(focal_bz, belize, "Hidden Board")
    assert not missing.is_valid() and not outside.is_valid() and not by_name.is_valid()
    assert outside.errors["institution"] == missing.errors["institution"] == by_name.errors["institution"]


def test_a_name_shared_by_several_records_asks_to_choose(officer, belize, jamaica):
    InstitutionFactory(state=belize, name="Audit Office")
    InstitutionFactory(state=jamaica, name="Audit Office")
    form = person_form(officer, belize, "Audit Office")
    assert not form.is_valid() and "Several records" in form.errors["institution"][0]


def test_the_people_filter_chooses_an_institution_by_search(officer, belize, client_for):
    ministry = InstitutionFactory(state=belize)
    PersonFactory.create_batch(2, state=belize, institution=ministry)
    PersonFactory(state=belize, institution=InstitutionFactory(state=belize))
    InstitutionFactory.create_batch(5)
    response = client_for(officer).get(reverse("community:person_list"), {"institution": ministry.pk})
    assert len(response.context["object_list"]) == 2
    html = response.content.decode()
    assert re.search(r'<input[^>]*name="institution"[^>]*value="[^"]*#' + str(ministry.pk), html)
    assert not re.search(r'<select[^>]*name="institution"', html)


def test_the_people_filter_refuses_a_hidden_institution_as_an_unknown_one(focal_bz, jamaica, client_for):
    hidden = InstitutionFactory(state=jamaica, restricted=True)
    client = client_for(focal_bz)
    refused = client.get(reverse("community:person_list"), {"institution": hidden.pk})
    unknown = client.get(reverse("community:person_list"), {"institution": 999999})
    assert refused.status_code == unknown.status_code == 200
    assert refused.context["filterset"].errors == unknown.context["filterset"].errors != {}


# --- the indexes behind the lists -------------------------------------------------------------


@pytest.mark.parametrize(
    "model,names",
    [
        (Institution, {"institution_name_sort", "institution_kind_sort", "institution_status_sort"}),
        (Activity, {"activity_start", "activity_title_sort", "activity_end_sort", "activity_status_sort"}),
        (CommitteeMeeting, {"meeting_date_sort", "meeting_place_sort"}),
        (ActionPlan, {"actionplan_title_sort"}),
        (ActionItem, {"actionitem_due_sort"}),
        (Practice, {"practice_title_sort", "practice_since_sort"}),
        (Person, {"person_name_sort", "person_post_sort", "person_state_name", "person_institution_name"}),
        (
            AssistanceRequest,
            {
                "request_created_sort",
                "request_status_since_sort",
                "request_title_sort",
                "request_status_sort",
                "request_status_created",
                "request_state_created",
            },
        ),
    ],
)
def test_the_lists_sorts_have_their_indexes(db, model, names):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
    assert names <= {name for name, details in constraints.items() if details["index"]}


# --- search through a related record's name ----------------------------------------------------


@pytest.mark.parametrize("named_by_key", [True, False])
def test_a_search_finds_requests_by_visible_institution_names_only(
    focal_bz, belize, jamaica, client_for, monkeypatch, named_by_key
):
    from assistance.choices import Status
    from assistance.tests.factories import AssistanceRequestFactory
    from community import filtersets

    if not named_by_key:  # more matches than are named by key: the subquery
        monkeypatch.setattr(filtersets, "RELATED_MATCHES", 0)
    shared = InstitutionFactory(state=jamaica, name="Harbour Authority")
    hidden = InstitutionFactory(state=jamaica, restricted=True, name="Harbour Police")
    found = AssistanceRequestFactory(state=jamaica, institution=shared, status=Status.SUBMITTED, title="Quays")
    AssistanceRequestFactory(state=jamaica, institution=hidden, status=Status.SUBMITTED, title="Patrols")
    response = client_for(focal_bz).get(reverse("assistance:request_list"), {"q": "harbour"})
    assert [record.pk for record in response.context["object_list"]] == [found.pk]
