"""An owner never moves a record into or out of their scope: the page and the API refuse the
same changes, on the field that would move it (`core.access.scope_moves_refused`)."""

import pytest
from django.urls import reverse

from assistance.choices import Status
from assistance.forms import NeedsAssessmentForm
from assistance.models import NeedsAssessment
from assistance.tests.factories import AssistanceRequestFactory, NeedsAssessmentFactory
from core.access import outside_scope_message, scope_move_message
from core.testing import NON_FIELD, api_errors, edit_data

# (role, model, record key, field, new value: a key of world.records[<related model>]), refused.
REFUSED = [
    ("host_jm", "institution", "jm_host", "state", ("memberstate", "bz")),
    ("host_jm", "institution", "jm_host", "parent", ("institution", "jm_shared")),
    ("expert", "person", "expert", "state", ("memberstate", "jm")),
    ("expert", "person", "expert", "institution", ("institution", "jm_shared")),
    ("host_jm", "person", "jm_host", "institution", ("institution", "jm_shared")),
    ("focal_jm", "institution", "jm_shared", "state", ("memberstate", "bz")),
    ("focal_jm", "person", "jm_shared", "state", ("memberstate", "bz")),
    ("focal_jm", "practice", "jm_restricted", "state", ("memberstate", "bz")),
    ("focal_bz", "assistancerequest", "bz_draft", "state", ("memberstate", "jm")),
]

PAGES = {
    "institution": ("community:institution_edit", "api:institution-detail"),
    "person": ("community:person_edit", "api:person-detail"),
    "practice": ("portfolio:practice_edit", "api:practice-detail"),
    "assistancerequest": ("assistance:request_edit", "api:assistancerequest-detail"),
}


def form_data(form) -> dict:
    """What the browser would post back for an unchanged form."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[name] = [getattr(item, "pk", item) for item in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = getattr(value, "pk", value)
    return data


def assert_unmoved(record, field):
    attname = f"{field}_id"
    assert getattr(type(record).objects.get(pk=record.pk), attname) == getattr(record, attname)


def record_of(world, model, key):
    return world.records[model][key]


@pytest.mark.parametrize("role,model,key,field,new", REFUSED, ids=lambda value: str(value))
def test_the_api_refuses_a_move_on_the_field(world, api_client_for, role, model, key, field, new):
    record = record_of(world, model, key)
    target = record_of(world, *new)
    api_name = PAGES[model][1]
    response = api_client_for(world.users[role]).patch(
        reverse(api_name, args=[record.pk]), {field: target.pk}, format="json"
    )
    # Refused on a field (the move, or a rule of the model it breaks), or not writable at all.
    if response.status_code != 200:
        assert response.status_code == 400, response.content[:300]
        assert set(api_errors(response)) & {field, "state", "institution"}, api_errors(response)
    assert_unmoved(record, field)


@pytest.mark.parametrize("role,model,key,field,new", REFUSED, ids=lambda value: str(value))
def test_the_page_refuses_a_move_on_the_field(world, client_for, role, model, key, field, new):
    record = record_of(world, model, key)
    target = record_of(world, *new)
    client = client_for(world.users[role])
    url = reverse(PAGES[model][0], args=[record.pk])
    form = client.get(url).context["form"]
    # The choice may not even be offered (another state's record): then the form refuses it too.
    response = client.post(url, {**form_data(form), field: target.pk})
    # Refused beside a field, or shown but not editable (disabled: input ignored); a field the
    # page does not offer is ignored when forged. Either way the record stays where it was.
    if field in form.fields and response.status_code == 200:
        assert response.context["form"].errors, "the page neither saved nor refused"
    elif field in form.fields:
        assert form.fields[field].disabled
    assert_unmoved(record, field)


def reassign(client, person, institution):
    data = {"post": "Adviser", "institution": institution.pk, "start_date": "2031-01-01"}
    return client.post(reverse("api:person-reassign", args=[person.pk]), data, format="json")


def test_a_focal_point_moves_a_person_between_institutions_of_their_state(world, api_client_for):
    response = reassign(api_client_for(world.users["focal_jm"]), world.person_jm_shared, world.inst_jm_restricted)
    assert response.status_code == 200, response.content[:300]


@pytest.mark.parametrize(
    "role,person", [("expert", "person_expert"), ("host_jm", "person_jm_host")], ids=["expert", "host"]
)
def test_a_profile_owner_cannot_reassign_it_elsewhere(world, api_client_for, role, person):
    person = getattr(world, person)
    response = reassign(api_client_for(world.users[role]), person, world.inst_jm_shared)
    assert response.status_code == 400, response.content[:300]
    assert api_errors(response) == {"institution": [scope_move_message()]}
    assert_unmoved(person, "institution")


def test_a_host_coordinator_still_edits_their_institution(world, client_for, api_client_for):
    institution = world.inst_jm_host
    response = api_client_for(world.users["host_jm"]).patch(
        reverse("api:institution-detail", args=[institution.pk]), {"description": "Customs."}, format="json"
    )
    assert response.status_code == 200, response.content[:300]
    client = client_for(world.users["host_jm"])
    url = reverse("community:institution_edit", args=[institution.pk])
    data = {**form_data(client.get(url).context["form"]), "acronym": "JCA2"}
    assert client.post(url, data).status_code == 302


def test_the_secretariat_moves_a_record_to_another_state(world, api_client_for):
    institution = world.inst_jm_shared
    response = api_client_for(world.users["officer"]).patch(
        reverse("api:institution-detail", args=[institution.pk]), {"state": world.bz.pk}, format="json"
    )
    assert response.status_code == 200, response.content[:300]


def test_a_record_outside_the_scope_is_refused_alike_whether_or_not_one_like_it_exists(
    world, client_for, api_client_for
):
    """Jamaica's restricted meeting of 11 March is hidden from Belize's focal point: adding one
    to the same committee that day is refused exactly as on a free day, saying nothing of it."""
    user = world.users["focal_bz"]
    api_answers, page_answers = [], []
    for date in ("2025-03-11", "2025-03-12"):
        data = {"committee": world.inst_jm_shared.pk, "date": date, "place": "Kingston", "visibility": "shared"}
        api = api_client_for(user).post(reverse("api:committeemeeting-list"), data, format="json")
        api_answers.append((api.status_code, api_errors(api)))
        page = client_for(user).post(reverse("community:committeemeeting_add"), data)
        page_answers.append((page.status_code, dict(page.context["form"].errors)))
    assert api_answers[0] == api_answers[1] == (403, {NON_FIELD: [outside_scope_message()]})
    assert page_answers[0] == page_answers[1]
    assert "already exists" not in str(page_answers)


def test_a_needs_assessment_never_moves_to_a_request_outside_the_user_s_scope(world):
    """The form is the shared base's (ScopedModelForm): moving the assessment to another state's
    request is the secretariat's alone."""
    assessment = NeedsAssessmentFactory(request=AssistanceRequestFactory(state=world.bz, status=Status.ASSESSING))
    elsewhere = AssistanceRequestFactory(state=world.jm, status=Status.ASSESSING)
    data = edit_data(assessment, stakeholders="Ministry", gaps="No manual.", recommended_modality="attachment")

    for user, refused in ((world.users["focal_bz"], True), (world.users["officer"], False)):
        instance = NeedsAssessment.objects.get(pk=assessment.pk)
        form = NeedsAssessmentForm(data, instance=instance, user=user, areas=[], map_levels={})
        form.instance.request = elsewhere
        assert form.is_valid() is not refused, form.errors
        if refused:
            assert form.errors[NON_FIELD] == [scope_move_message()]


def test_the_api_keeps_a_needs_assessment_with_its_request(world, api_client_for):
    assessment = NeedsAssessmentFactory(request=AssistanceRequestFactory(state=world.bz, status=Status.ASSESSING))
    elsewhere = AssistanceRequestFactory(state=world.jm, status=Status.ASSESSING)
    api_client_for(world.users["officer"]).patch(
        reverse("api:needsassessment-detail", args=[assessment.pk]), {"request": elsewhere.pk}, format="json"
    )
    assert NeedsAssessment.objects.get(pk=assessment.pk).request_id == assessment.request_id
