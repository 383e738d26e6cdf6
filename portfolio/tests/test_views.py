"""The catalogue pages: who sees and changes which entries, the filters, the review buttons."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from community.tests.factories import (
    InstitutionFactory,
    LanguageFactory,
    MemberStateFactory,
    PersonFactory,
)
from core.testing import edit_data
from portfolio.choices import PracticeStatus as S
from portfolio.models import Practice
from portfolio.tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db

LIST = reverse("portfolio:practice_list")
ADD = reverse("portfolio:practice_add")


def titles(response) -> set[str]:
    return {practice.title for practice in response.context["object_list"]}


def form_data(practice=None, **changes):
    data = {
        "title": "Electronic labour exchange",
        "description": "Job seekers and employers register online; counsellors follow up.",
        "results": "Vacancies filled through referrals every month.",
        "evidence": "Monthly statistics.",
        "in_operation_since": "2015-06-01",
        "target_population": "Job seekers and employers",
        "visibility": "shared",
    }
    if practice is not None:
        data.update(
            title=practice.title,
            state=practice.state_id,
            institution=practice.institution_id or "",
            areas=[area.pk for area in practice.areas.all()],
            description=practice.description,
        )
    data.update(changes)
    if practice is not None:
        data = edit_data(practice, data)  # the version the edit page carries
    return {key: value for key, value in data.items() if value is not None}


# --- who sees what ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "user,expected",
    [
        (
            "officer",
            {"jm_published", "jm_draft", "jm_host_draft", "tt_needs_update", "bz_published"},
        ),
        ("admin", {"jm_published", "jm_draft", "jm_host_draft", "tt_needs_update", "bz_published"}),
        (
            "focal_jm",
            {"jm_published", "jm_draft", "jm_host_draft", "tt_needs_update", "bz_published"},
        ),
        ("host_jm", {"jm_published", "jm_host_draft", "tt_needs_update", "bz_published"}),
        ("focal_bz", {"jm_published", "tt_needs_update", "bz_published"}),
        ("partner", {"jm_published", "tt_needs_update", "bz_published"}),
        ("expert", {"jm_published", "tt_needs_update", "bz_published"}),
    ],
)
def test_drafts_are_listed_for_their_owners_and_the_secretariat_only(user, expected, persona, portfolio, client_for):
    response = client_for(persona(user)).get(LIST)
    assert response.status_code == 200
    assert titles(response) == {getattr(portfolio, key).title for key in expected}


def test_the_catalogue_needs_a_sign_in(portfolio, client):
    response = client.get(LIST)
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize(
    "user,status",
    [("focal_bz", 404), ("partner", 404), ("host_jm", 404), ("focal_jm", 200), ("officer", 200)],
)
def test_a_draft_is_not_found_by_anyone_but_its_owners(user, status, persona, portfolio, client_for):
    url = portfolio.jm_draft.get_absolute_url()
    assert client_for(persona(user)).get(url).status_code == status


def test_restricted_entries_stay_with_their_state(portfolio, jamaica, client_for, focal_bz, focal_jm):
    restricted = PracticeFactory(state=jamaica, published=True, restricted=True)
    assert client_for(focal_bz).get(restricted.get_absolute_url()).status_code == 404
    assert client_for(focal_jm).get(restricted.get_absolute_url()).status_code == 200


def test_the_detail_page_shows_every_field_and_the_history(portfolio, client_for, partner, jamaica):
    practice = portfolio.jm_published
    practice.contact = PersonFactory(full_name="Patricia Reid", institution=portfolio.ucj, state=jamaica)
    practice.evidence = "Registers of accredited programmes."
    practice.save()
    response = client_for(partner).get(practice.get_absolute_url())
    body = response.content.decode()
    for text in [
        practice.title,
        "Jamaica",
        "University Council of Jamaica",
        "Accreditation and equivalency",
        "Programmes accredited; technical support to Belize and Guyana.",
        "Registers of accredited programmes.",
        "National accreditation bodies",
        "English",
        "Spanish",
        "Patricia Reid",
        "Change history",
        "Published",
    ]:
        assert text in body, text
    assert len(response.context["history"]) >= 2
    assert 'action="/practices/' not in body  # no review buttons for a partner


def test_officers_get_the_review_buttons(portfolio, client_for, officer):
    body = client_for(officer).get(portfolio.jm_draft.get_absolute_url()).content.decode()
    assert reverse("portfolio:practice_publish", args=[portfolio.jm_draft.pk]) in body
    body = client_for(officer).get(portfolio.jm_published.get_absolute_url()).content.decode()
    assert reverse("portfolio:practice_request_update", args=[portfolio.jm_published.pk]) in body


# --- creating and editing -------------------------------------------------------------------


def test_a_focal_point_adds_an_entry_for_their_state_as_a_draft(client_for, focal_jm, jamaica, areas):
    data = form_data(state=jamaica.pk, areas=[areas.pes.pk], status="published")
    response = client_for(focal_jm).post(ADD, data)
    practice = Practice.objects.get()
    assert response.status_code == 302 and response["Location"] == practice.get_absolute_url()
    assert (practice.state, practice.status) == (jamaica, S.DRAFT)  # the posted status is ignored
    assert list(practice.areas.all()) == [areas.pes]


def test_a_focal_point_may_not_add_for_another_state(client_for, focal_jm, belize, jamaica, areas):
    response = client_for(focal_jm).post(ADD, form_data(state=belize.pk, areas=[areas.pes.pk]))
    assert response.status_code == 200
    assert "state" in response.context["form"].errors
    assert not Practice.objects.exists()
    choices = list(response.context["form"].fields["state"].queryset)
    assert choices == [jamaica]


def test_a_host_coordinator_adds_for_their_own_institution(client_for, host_jm, host_institution, jamaica, areas):
    client = client_for(host_jm)
    missing = client.post(ADD, form_data(state=jamaica.pk, areas=[areas.lmi.pk]))
    assert "institution" in missing.context["form"].errors
    other = InstitutionFactory(state=jamaica)
    elsewhere = client.post(ADD, form_data(state=jamaica.pk, institution=other.pk, areas=[areas.lmi.pk]))
    assert "institution" in elsewhere.context["form"].errors
    assert not Practice.objects.exists()
    response = client.post(ADD, form_data(state=jamaica.pk, institution=host_institution.pk, areas=[areas.lmi.pk]))
    assert response.status_code == 302
    assert Practice.objects.get().institution == host_institution


@pytest.mark.parametrize("user", ["partner", "expert"])
def test_roles_without_a_state_or_institution_cannot_add(user, persona, client_for, jamaica, areas):
    client = client_for(persona(user))
    assert client.get(ADD).status_code == 403
    assert client.post(ADD, form_data(state=jamaica.pk, areas=[areas.pes.pk])).status_code == 403
    assert not Practice.objects.exists()


@pytest.mark.parametrize(
    "changes,field",
    [
        ({"title": ""}, "title"),
        ({"areas": None}, "areas"),
        ({"description": ""}, "description"),
        ({"in_operation_since": "2999-01-01"}, "in_operation_since"),
        ({"in_operation_since": "last year"}, "in_operation_since"),
        ({"visibility": "public"}, "visibility"),
    ],
)
def test_bad_input_shows_field_errors_and_saves_nothing(changes, field, client_for, focal_jm, jamaica, areas):
    data = form_data(state=jamaica.pk, areas=[areas.pes.pk])
    data.update(changes)
    data = {key: value for key, value in data.items() if value is not None}
    response = client_for(focal_jm).post(ADD, data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert "is-invalid" in response.content.decode()
    assert not Practice.objects.exists()


def test_institution_and_contact_must_belong_to_the_state(client_for, officer, jamaica, belize, areas):
    bz_institution = InstitutionFactory(state=belize)
    bz_person = PersonFactory(institution=bz_institution)
    data = form_data(state=jamaica.pk, areas=[areas.pes.pk], institution=bz_institution.pk, contact=bz_person.pk)
    response = client_for(officer).post(ADD, data)
    assert set(response.context["form"].errors) == {"institution", "contact"}
    assert not Practice.objects.exists()


def test_owners_edit_their_own_entries(portfolio, client_for, focal_jm):
    practice = portfolio.jm_published
    url = reverse("portfolio:practice_edit", args=[practice.pk])
    response = client_for(focal_jm).post(url, form_data(practice, results="Thirty programmes accredited."))
    assert response.status_code == 302
    practice.refresh_from_db()
    assert (practice.results, practice.status) == ("Thirty programmes accredited.", S.PUBLISHED)


@pytest.mark.parametrize("user", ["focal_bz", "partner", "host_jm"])
def test_others_may_not_edit_or_delete(user, persona, portfolio, client_for):
    practice = portfolio.jm_published  # visible to everyone, changeable by Jamaica and UCJ only
    client = client_for(persona(user))
    assert client.get(reverse("portfolio:practice_edit", args=[practice.pk])).status_code == 403
    response = client.post(
        reverse("portfolio:practice_edit", args=[practice.pk]),
        form_data(practice, title="Taken over"),
    )
    assert response.status_code == 403
    assert client.post(reverse("portfolio:practice_delete", args=[practice.pk])).status_code == 403
    assert Practice.objects.filter(pk=practice.pk, title=practice.title).exists()


def test_an_owner_may_not_move_an_entry_to_another_state(portfolio, client_for, focal_jm, belize):
    practice = portfolio.jm_published
    url = reverse("portfolio:practice_edit", args=[practice.pk])
    response = client_for(focal_jm).post(url, form_data(practice, state=belize.pk, institution=""))
    assert "state" in response.context["form"].errors
    practice.refresh_from_db()
    assert practice.state.iso_code == "JM"


def test_editing_a_flagged_entry_sends_it_back_for_review(portfolio, client_for, trinidad):
    from accounts.tests.factories import UserFactory

    focal_tt = UserFactory(role="focal_point", member_state=trinidad)
    practice = portfolio.tt_needs_update
    url = reverse("portfolio:practice_edit", args=[practice.pk])
    assert client_for(focal_tt).post(url, form_data(practice, results="New figures.")).status_code == 302
    practice.refresh_from_db()
    assert practice.status == S.DRAFT


def test_owners_delete_their_entries(portfolio, client_for, focal_jm):
    response = client_for(focal_jm).post(reverse("portfolio:practice_delete", args=[portfolio.jm_draft.pk]))
    assert response.status_code == 302
    assert not Practice.objects.filter(pk=portfolio.jm_draft.pk).exists()


# --- review buttons -------------------------------------------------------------------------


def test_an_officer_publishes_from_the_page(portfolio, client_for, officer, partner):
    practice = portfolio.jm_draft
    response = client_for(officer).post(reverse("portfolio:practice_publish", args=[practice.pk]))
    assert response.status_code == 302
    practice.refresh_from_db()
    assert (practice.status, practice.reviewed_by) == (S.PUBLISHED, officer)
    assert client_for(partner).get(practice.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("user,status", [("focal_jm", 403), ("host_jm", 404), ("focal_bz", 404), ("partner", 404)])
def test_others_cannot_publish(user, status, persona, portfolio, client_for):
    response = client_for(persona(user)).post(reverse("portfolio:practice_publish", args=[portfolio.jm_draft.pk]))
    assert response.status_code == status
    assert Practice.objects.get(pk=portfolio.jm_draft.pk).status == S.DRAFT


def test_publish_is_post_only(portfolio, client_for, officer):
    response = client_for(officer).get(reverse("portfolio:practice_publish", args=[portfolio.jm_draft.pk]))
    assert response.status_code == 405


def test_an_officer_requests_an_update_with_a_note(portfolio, client_for, officer, focal_bz):
    practice = portfolio.jm_published
    url = reverse("portfolio:practice_request_update", args=[practice.pk])
    assert client_for(officer).post(url, {"note": "Add the 2025 register."}).status_code == 302
    practice.refresh_from_db()
    assert (practice.status, practice.review_note) == (S.NEEDS_UPDATE, "Add the 2025 register.")
    assert client_for(focal_bz).post(url, {"note": "x"}).status_code == 403


def test_an_illegal_move_is_explained_not_applied(portfolio, client_for, officer):
    practice = portfolio.jm_draft
    response = client_for(officer).post(reverse("portfolio:practice_request_update", args=[practice.pk]), follow=True)
    assert "cannot go from Draft to Needs update" in response.content.decode()
    assert Practice.objects.get(pk=practice.pk).status == S.DRAFT


# --- filters ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params,expected",
    [
        (lambda p, a: {"state": p.jm_published.state_id}, {"jm_published"}),
        (lambda p, a: {"within": a.labour.pk}, {"bz_published", "tt_needs_update"}),
        (lambda p, a: {"within": a.pes.pk}, {"bz_published"}),
        (lambda p, a: {"population": "border"}, {"bz_published"}),
        (lambda p, a: {"language": "es"}, {"jm_published", "bz_published"}),
        (lambda p, a: {"q": "support to belize"}, {"jm_published"}),
        (lambda p, a: {"q": "counselling"}, {"bz_published"}),
        (lambda p, a: {"status": "needs_update"}, {"tt_needs_update"}),
        (lambda p, a: {"within": a.labour.pk, "language": "es"}, {"bz_published"}),
    ],
)
def test_catalogue_filters(params, expected, portfolio, areas, client_for, partner):
    response = client_for(partner).get(LIST, params(portfolio, areas))
    assert titles(response) == {getattr(portfolio, key).title for key in expected}


def test_htmx_filtering_returns_only_the_results(portfolio, client_for, partner):
    response = client_for(partner).get(LIST, {"q": "counselling"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="results">')
    assert "Bilingual employment counselling" in body and "<nav" not in body.split("results")[0]


def test_the_list_page_query_count_does_not_grow_with_rows(client_for, focal_jm, jamaica, areas):
    english, spanish = LanguageFactory(code="en"), LanguageFactory(code="es")
    institution = InstitutionFactory(state=jamaica)

    def make(n):
        for _ in range(n):
            PracticeFactory(
                state=MemberStateFactory(),
                institution=None,
                published=True,
                areas=[areas.pes, areas.lmi],
                languages=[english, spanish],
            )
        PracticeFactory(state=jamaica, institution=institution, areas=[areas.pes])

    def count():
        client = client_for(focal_jm)
        client.get(LIST)  # warm the session
        with CaptureQueriesContext(connection) as queries:
            response = client.get(LIST)
        assert response.status_code == 200
        return len(queries), len(response.context["object_list"])

    make(2)
    few, rows = count()
    assert rows == 3
    make(26)
    many, rows = count()
    assert rows == 25  # one full page of the 30
    assert many == few
    assert few <= 12


def test_the_add_form_starts_from_the_owners_state_and_institution(
    client_for, host_jm, host_institution, jamaica, belize
):
    jm_person, bz_person = (
        PersonFactory(institution=host_institution),
        PersonFactory(state=belize, institution=None),
    )
    form = client_for(host_jm).get(ADD).context["form"]
    assert form["state"].value() == jamaica.pk
    assert form["institution"].value() == host_institution.pk
    contacts = set(form.fields["contact"].queryset)
    assert jm_person in contacts and bz_person not in contacts


def test_the_area_choices_show_the_taxonomy(client_for, officer, areas):
    body = client_for(officer).get(ADD).content.decode()
    assert "\u2003Public employment services" in body
    assert "\u2003Labour administration" not in body  # a top-level area is not indented


def test_a_review_button_on_a_page_shown_before_a_change_does_not_move_the_entry(portfolio, client_for, officer):
    practice = portfolio.jm_draft
    page = client_for(officer).get(practice.get_absolute_url()).content.decode()
    assert f'name="version" value="{practice.version}"' in page
    shown = practice.version
    practice.results = "Rewritten by its owners meanwhile."
    practice.save()
    url = reverse("portfolio:practice_publish", args=[practice.pk])

    refused = client_for(officer).post(url, {"version": shown}, follow=True)
    assert "Someone else changed this record since you opened it" in refused.content.decode()
    practice.refresh_from_db()
    assert practice.status == S.DRAFT

    client_for(officer).post(url, {"version": practice.version})
    practice.refresh_from_db()
    assert practice.status == S.PUBLISHED
