"""Request pages: list, board, filing, the request page, its workflow buttons and the needs assessment."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assistance.choices import Channel, Status
from assistance.models import AssistanceRequest, NeedsAssessment
from assistance.tests.factories import (
    AssistanceRequestFactory,
    NeedsAssessmentFactory,
    officer_factory,
    status_change,
)
from community.tests.factories import CapabilityAreaFactory, InstitutionFactory
from core.models import TransitionRecord
from core.testing import docx_bytes, edit_data
from core.tests.factories import DocumentFactory
from core.workflow import transitions_of
from maturity.tests.factories import AssessmentFactory

ROLES = ["admin", "officer", "focal_bz", "focal_jm", "host_jm", "expert", "partner"]
UTC = datetime.UTC
HTMX = {"HTTP_HX_REQUEST": "true"}


def future(days):
    return (datetime.date.today() + datetime.timedelta(days=days)).isoformat()


@pytest.fixture
def accreditation(db):
    return CapabilityAreaFactory(code="accreditation", name="Accreditation and equivalency")


@pytest.fixture
def jm_restricted(jamaica):
    return AssistanceRequestFactory(
        state=jamaica,
        status=Status.REGISTERED,
        reference="TA/2026/0009",
        restricted=True,
        title="Jamaican labour inspection reform",
    )


# --- list and board -------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_list_and_board_open_for_every_signed_in_role(role, persona, client_for):
    client = client_for(persona(role))
    assert client.get(reverse("assistance:request_list")).status_code == 200
    assert client.get(reverse("assistance:request_board")).status_code == 200


def test_list_needs_signing_in(client):
    response = client.get(reverse("assistance:request_list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_list_hides_another_states_restricted_requests(focal_bz, host_jm, client_for, jm_restricted, belize):
    mine = AssistanceRequestFactory(state=belize, restricted=True, title="Belize accreditation")
    content = client_for(focal_bz).get(reverse("assistance:request_list")).content.decode()
    assert mine.title in content and jm_restricted.title not in content
    content = client_for(host_jm).get(reverse("assistance:request_list")).content.decode()
    assert jm_restricted.title in content and mine.title not in content


def test_list_shows_columns_and_flags_overdue(officer, client_for, belize, settings):
    settings.ATTACHE_STATUS_DEADLINES = {"submitted": 5}
    with time_machine.travel(datetime.datetime(2026, 3, 1, 12, tzinfo=UTC)):
        late = AssistanceRequestFactory(
            state=belize, status=Status.SUBMITTED, assigned_officer=officer, title="Late one"
        )
    with time_machine.travel(datetime.datetime(2026, 3, 9, 12, tzinfo=UTC)):
        fresh = AssistanceRequestFactory(state=belize, status=Status.SUBMITTED, title="Fresh one")
        response = client_for(officer).get(reverse("assistance:request_list"))
    rows = {r.title: r for r in response.context["object_list"]}
    assert rows[late.title].overdue and not rows[fresh.title].overdue
    html = _text(response)
    assert html.count("data-overdue") == 1
    assert "Belize" in html and str(officer) in html and "1 week, 1 day" in html


def _text(response) -> str:
    """The page as text, with Django's non-breaking spaces (e.g. in "3\xa0days") made plain."""
    return response.content.decode().replace("\xa0", " ")


def _titles(response):
    return {r.title for r in response.context["object_list"]}


def test_list_filters(officer, client_for, belize, jamaica, accreditation):
    sub_area = CapabilityAreaFactory(
        code="programme-accreditation", name="Programme accreditation", parent=accreditation
    )
    other_area = CapabilityAreaFactory(code="customs", name="Customs")
    a = AssistanceRequestFactory(
        state=belize, status=Status.SUBMITTED, areas=[sub_area], title="A", assigned_officer=officer
    )
    b = AssistanceRequestFactory(state=jamaica, status=Status.ASSESSING, areas=[accreditation, sub_area], title="B")
    c = AssistanceRequestFactory(state=jamaica, status=Status.DRAFT, areas=[other_area], title="C need for customs")
    client = client_for(officer)
    url = reverse("assistance:request_list")
    assert _titles(client.get(url)) == {"A", "B", "C need for customs"}
    assert _titles(client.get(url, {"state": jamaica.pk})) == {"B", c.title}
    assert _titles(client.get(url, {"status": ["submitted", "assessing"]})) == {"A", "B"}
    assert _titles(client.get(url, {"area": accreditation.pk})) == {"A", "B"}  # the subtree, each once
    assert _titles(client.get(url, {"officer": officer.pk})) == {"A"}
    assert _titles(client.get(url, {"officer": "null"})) == {"B", c.title}
    assert _titles(client.get(url, {"q": "customs"})) == {c.title}
    assert a.pk and b.pk


def test_list_filters_by_age_and_overdue(officer, client_for, settings):
    settings.ATTACHE_STATUS_DEADLINES = {"registered": 10}
    with time_machine.travel(datetime.datetime(2026, 1, 5, 12, tzinfo=UTC)):
        AssistanceRequestFactory(title="Old", status=Status.REGISTERED)
    with time_machine.travel(datetime.datetime(2026, 1, 25, 12, tzinfo=UTC)):
        AssistanceRequestFactory(title="New", status=Status.REGISTERED)
        client = client_for(officer)
        url = reverse("assistance:request_list")
        assert _titles(client.get(url, {"older_than": 15})) == {"Old"}
        assert _titles(client.get(url, {"older_than": 0})) == {"Old", "New"}
        assert _titles(client.get(url, {"overdue": "true"})) == {"Old"}
        assert _titles(client.get(url, {"overdue": "false"})) == {"New"}


def test_list_htmx_returns_only_the_results(officer, client_for):
    AssistanceRequestFactory()
    response = client_for(officer).get(reverse("assistance:request_list"), **HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results">') and "<html" not in html


def _make_requests(n, officer, states):
    for i in range(n):
        AssistanceRequestFactory(
            state=states[i % 2],
            status=[Status.SUBMITTED, Status.ASSESSING, Status.APPROVED][i % 3],
            assigned_officer=officer if i % 2 else None,
            institution=InstitutionFactory(state=states[i % 2]),
            areas=[CapabilityAreaFactory(), CapabilityAreaFactory()],
        )


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["assistance:request_list", "assistance:request_board"])
def test_list_and_board_queries_do_not_grow_with_the_rows(name, officer, client_for, belize, jamaica):
    client = client_for(officer)
    url = reverse(name)
    _make_requests(2, officer, [belize, jamaica])
    few = _count_queries(client, url)
    _make_requests(10, officer, [belize, jamaica])
    assert _count_queries(client, url) == few


def test_board_has_a_column_per_open_status(officer, client_for, belize):
    AssistanceRequestFactory(state=belize, status=Status.SUBMITTED, title="Waiting")
    AssistanceRequestFactory(state=belize, status=Status.WITHDRAWN, title="Gone")
    response = client_for(officer).get(reverse("assistance:request_board"))
    columns = {c.status: [r.title for r in c.cards] for c in response.context["columns"]}
    assert Status.WITHDRAWN not in columns and Status.CLOSED not in columns and Status.DECLINED not in columns
    assert columns[Status.SUBMITTED] == ["Waiting"] and columns[Status.DRAFT] == []
    assert "Gone" not in response.content.decode()


# --- filing --------------------------------------------------------------------------------


def _filing(area_list, **extra):
    data = {
        "title": "Accreditation procedures for the National Accreditation Council",
        "need": "The council was appointed in 2004 but has no procedures.",
        "areas": [a.pk for a in area_list],
        "modality": "attachment",
        "officials_count": 3,
        "window_start": future(30),
        "window_end": future(60),
        "urgency": "high",
        "visibility": "restricted",
    }
    data.update(extra)
    return data


@pytest.mark.parametrize(
    "role,status",
    [
        ("admin", 200),
        ("officer", 200),
        ("focal_bz", 200),
        ("focal_jm", 200),
        ("host_jm", 403),
        ("expert", 403),
        ("partner", 403),
    ],
)
def test_who_may_open_the_filing_page(role, status, persona, client_for):
    assert client_for(persona(role)).get(reverse("assistance:request_add")).status_code == status


def test_focal_point_files_a_draft_for_their_own_state_only(focal_bz, client_for, accreditation, jamaica, belize):
    data = _filing([accreditation], state=jamaica.pk, channel="letter", action="draft")
    response = client_for(focal_bz).post(reverse("assistance:request_add"), data)
    request = AssistanceRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == request.get_absolute_url()
    assert (request.state, request.channel, request.focal_point, request.status) == (
        belize,
        Channel.ONLINE,
        focal_bz,
        Status.DRAFT,
    )
    assert request.reference is None
    assert list(request.areas.all()) == [accreditation]
    assert list(transitions_of(request).values_list("to_status", flat=True)) == ["draft"]


def test_focal_point_submits_with_attachments(
    focal_bz, officer, client_for, accreditation, django_capture_on_commit_callbacks
):
    files = [
        SimpleUploadedFile("letter.pdf", b"%PDF-1.4 letter", content_type="application/pdf"),
        SimpleUploadedFile("terms-of-reference.docx", docx_bytes(), content_type="application/octet-stream"),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(focal_bz).post(
            reverse("assistance:request_add"), _filing([accreditation], documents=files, action="submit")
        )
    assert response.status_code == 302
    request = AssistanceRequest.objects.get()
    assert request.status == Status.SUBMITTED
    assert sorted(request.documents.values_list("title", flat=True)) == ["letter.pdf", "terms-of-reference.docx"]
    assert [m.to for m in mail.outbox] == [[officer.email]]


def test_the_filing_form_offers_only_own_state_institutions(focal_bz, client_for, belize, jamaica):
    mine = InstitutionFactory(state=belize, name="National Accreditation Council")
    theirs = InstitutionFactory(state=jamaica, name="University Council of Jamaica")
    form = client_for(focal_bz).get(reverse("assistance:request_add")).context["form"]
    assert list(form.fields["institution"].queryset) == [mine]
    assert "state" not in form.fields and "channel" not in form.fields
    assert theirs.pk


@pytest.mark.parametrize(
    "bad,field",
    [
        ({"window_start": future(60), "window_end": future(30)}, "window_end"),
        (
            {"window_start": (datetime.date.today() - datetime.timedelta(days=2)).isoformat()},
            "window_start",
        ),  # past in every time zone
        ({"areas": []}, "areas"),
        ({"title": ""}, "title"),
        ({"officials_count": 0}, "officials_count"),
        ({"window_end": ""}, "window_end"),
    ],
)
def test_bad_filing_shows_field_errors_and_saves_nothing(bad, field, focal_bz, client_for, accreditation):
    response = client_for(focal_bz).post(
        reverse("assistance:request_add"), _filing([accreditation], action="submit", **bad)
    )
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert "is-invalid" in response.content.decode()
    assert not AssistanceRequest.objects.exists() and not TransitionRecord.objects.exists()


def test_an_institution_of_another_state_is_refused(focal_bz, client_for, accreditation, jamaica):
    other = InstitutionFactory(state=jamaica)
    response = client_for(focal_bz).post(
        reverse("assistance:request_add"), _filing([accreditation], institution=other.pk)
    )
    assert response.status_code == 400 and "institution" in response.context["form"].errors
    assert not AssistanceRequest.objects.exists()


@time_machine.travel(datetime.datetime(2026, 2, 9, 15, tzinfo=UTC))
def test_officer_registers_a_letter_and_the_reference_is_issued_at_once(
    officer, focal_jm, client_for, accreditation, jamaica
):
    institution = InstitutionFactory(state=jamaica, name="Ministry of Labour and Social Security")
    data = _filing(
        [accreditation],
        channel="letter",
        received_on="2026-02-03",
        state=jamaica.pk,
        institution=institution.pk,
        focal_point=focal_jm.pk,
        window_start="2026-01-10",
        window_end="2026-03-10",
        action="submit",
    )
    response = client_for(officer).post(reverse("assistance:request_add"), data)
    request = AssistanceRequest.objects.get()
    assert response.status_code == 302
    assert (request.status, request.reference, request.channel) == (Status.REGISTERED, "TA/2026/0001", Channel.LETTER)
    assert (request.state, request.institution, request.focal_point) == (jamaica, institution, focal_jm)
    assert request.received_on == datetime.date(2026, 2, 3)
    page = client_for(officer).get(request.get_absolute_url()).content.decode()
    assert "TA/2026/0001" in page and "Registered on receipt." in page


def test_officer_cannot_pick_a_focal_point_of_another_state(officer, focal_bz, client_for, accreditation, jamaica):
    data = _filing(
        [accreditation], channel="email", received_on="2026-01-03", state=jamaica.pk, focal_point=focal_bz.pk
    )
    response = client_for(officer).post(reverse("assistance:request_add"), data)
    assert response.status_code == 400 and "focal_point" in response.context["form"].errors


def test_a_letter_cannot_arrive_in_the_future(officer, client_for, accreditation, jamaica):
    data = _filing([accreditation], channel="letter", received_on=future(3), state=jamaica.pk)
    response = client_for(officer).post(reverse("assistance:request_add"), data)
    assert response.status_code == 400 and "received_on" in response.context["form"].errors


# --- editing -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "status,code", [(Status.DRAFT, 200), (Status.SUBMITTED, 200), (Status.REGISTERED, 403), (Status.APPROVED, 403)]
)
def test_edit_only_while_draft_or_submitted(status, code, focal_bz, client_for, belize):
    request = AssistanceRequestFactory(state=belize, status=status, focal_point=focal_bz)
    assert client_for(focal_bz).get(reverse("assistance:request_edit", args=[request.pk])).status_code == code


@pytest.mark.parametrize(
    "role,code",
    [
        ("admin", 200),
        ("officer", 200),
        ("focal_bz", 200),
        ("focal_jm", 404),
        ("host_jm", 404),
        ("expert", 404),
        ("partner", 404),
    ],
)
def test_who_may_edit_a_shared_draft(role, code, persona, client_for, belize):
    request = AssistanceRequestFactory(state=belize)
    assert client_for(persona(role)).get(reverse("assistance:request_edit", args=[request.pk])).status_code == code


def test_editing_a_draft_never_touches_its_status(focal_bz, client_for, belize, accreditation):
    request = AssistanceRequestFactory(state=belize, focal_point=focal_bz, areas=[accreditation])
    data = _filing([accreditation], title="Revised title", status="approved", reference="TA/1999/9999", action="draft")
    response = client_for(focal_bz).post(
        reverse("assistance:request_edit", args=[request.pk]), edit_data(request, data)
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.title, request.status, request.reference) == ("Revised title", Status.DRAFT, None)


def test_submitting_from_the_edit_page(focal_bz, client_for, belize, accreditation):
    request = AssistanceRequestFactory(state=belize, focal_point=focal_bz, areas=[accreditation])
    client_for(focal_bz).post(
        reverse("assistance:request_edit", args=[request.pk]),
        edit_data(request, _filing([accreditation], action="submit")),
    )
    request.refresh_from_db()
    assert request.status == Status.SUBMITTED


# --- the request page --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role,code",
    [
        ("admin", 200),
        ("officer", 200),
        ("focal_bz", 404),
        ("focal_jm", 200),
        ("host_jm", 200),
        ("expert", 404),
        ("partner", 404),
    ],
)
def test_a_restricted_jamaican_request_page(role, code, persona, client_for, jm_restricted):
    assert client_for(persona(role)).get(jm_restricted.get_absolute_url()).status_code == code


@pytest.mark.parametrize("role", ROLES)
def test_a_shared_request_page_is_open_to_all_signed_in(role, persona, client_for, belize):
    request = AssistanceRequestFactory(state=belize, status=Status.SUBMITTED)
    assert client_for(persona(role)).get(request.get_absolute_url()).status_code == 200


def test_request_page_shows_everything(officer, focal_bz, client_for, belize, accreditation):
    request = AssistanceRequestFactory(
        state=belize, focal_point=focal_bz, status=Status.SUBMITTED, areas=[accreditation], title="Accreditation help"
    )
    DocumentFactory(record=request, title="Letter of 3 March.pdf")
    status_change(request, "", "draft", actor=focal_bz)
    status_change(request, "draft", "submitted", actor=focal_bz, comment="Ready.")
    AssessmentFactory(state=belize, area=accreditation, level=1, method="self", assessed_on=datetime.date(2025, 6, 1))
    response = client_for(officer).get(request.get_absolute_url())
    html = response.content.decode()
    for text in [
        "Accreditation help",
        "Letter of 3 March.pdf",
        "Accreditation and equivalency",
        "Not yet registered",
        "Draft → <strong>Submitted</strong>",
        "“Ready.”",
        "Change history",
        'data-status="submitted"',
        "Route to officer",
    ]:
        assert text in html, text
    assert [t["status"] for t in response.context["transitions"]] == [Status.REGISTERED, Status.WITHDRAWN]
    assert [row.map_level for row in response.context["baseline_rows"]] == [1]


def test_focal_point_sees_only_their_moves_and_no_routing(focal_bz, client_for, belize):
    request = AssistanceRequestFactory(state=belize, status=Status.SUBMITTED)
    response = client_for(focal_bz).get(request.get_absolute_url())
    assert [t["status"] for t in response.context["transitions"]] == [Status.WITHDRAWN]
    assert response.context["assign_form"] is None
    assert "Route to officer" not in response.content.decode()


def test_the_request_page_serves_the_status_panel_to_htmx(officer, client_for):
    request = AssistanceRequestFactory(status=Status.SUBMITTED)
    html = client_for(officer).get(request.get_absolute_url(), **HTMX).content.decode()
    assert html.lstrip().startswith('<div id="status-panel"') and "<html" not in html


def test_time_in_each_status_comes_from_the_history(officer, client_for, belize):
    with time_machine.travel(datetime.datetime(2026, 3, 1, 12, tzinfo=UTC), tick=False) as traveller:
        request = AssistanceRequestFactory(state=belize, status=Status.SUBMITTED)
        status_change(request, "", "draft", actor=officer)
        traveller.shift(datetime.timedelta(days=2))
        status_change(request, "draft", "submitted", actor=officer)
        AssistanceRequest.objects.filter(pk=request.pk).update(
            status_changed_at=datetime.datetime(2026, 3, 3, 12, tzinfo=UTC)
        )
        traveller.shift(datetime.timedelta(days=3, hours=4))
        response = client_for(officer).get(request.get_absolute_url())
    totals = {t.status: t.duration for t in response.context["timeline"].totals}
    assert totals == {"draft": datetime.timedelta(days=2), "submitted": datetime.timedelta(days=3, hours=4)}
    assert "3 days, 4 hours so far" in _text(response)


# --- workflow buttons ----------------------------------------------------------------------------


def _move(client, request, to, comment="", htmx=False):
    extra = HTMX if htmx else {}
    return client.post(
        reverse("assistance:request_transition", args=[request.pk]), {"to": to, "comment": comment}, **extra
    )


@time_machine.travel(datetime.datetime(2026, 4, 6, 15, tzinfo=UTC))
def test_officer_registers_with_htmx_and_gets_the_panel_back(officer, client_for):
    request = AssistanceRequestFactory(status=Status.SUBMITTED)
    response = _move(client_for(officer), request, "registered", htmx=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        html.lstrip().startswith('<div id="status-panel"')
        and "TA/2026/0001" in html
        and "Registered as TA/2026/0001." in html
    )
    assert transitions_of(request).get().to_status == Status.REGISTERED


def test_a_plain_post_redirects_to_the_request(officer, client_for):
    request = AssistanceRequestFactory(status=Status.SUBMITTED)
    response = _move(client_for(officer), request, "registered")
    assert response.status_code == 302 and response["Location"] == request.get_absolute_url()


def test_an_illegal_move_is_explained_and_changes_nothing(officer, client_for):
    request = AssistanceRequestFactory(status=Status.SUBMITTED)
    client = client_for(officer)
    response = _move(client, request, "approved", htmx=True)
    assert response.status_code == 409 and "cannot go from Submitted to Approved" in response.content.decode()
    response = _move(client, request, "approved")
    assert response.status_code == 302
    assert "cannot go from Submitted to Approved" in client.get(response["Location"]).content.decode()
    assert not TransitionRecord.objects.exists()


def test_approval_without_assessment_and_decline_without_reason_are_explained(officer, client_for):
    request = AssistanceRequestFactory(status=Status.ASSESSING)
    client = client_for(officer)
    assert "needs assessment" in _move(client, request, "approved", htmx=True).content.decode()
    response = _move(client, request, "declined", htmx=True)
    assert response.status_code == 409 and "Say why" in response.content.decode()
    assert not TransitionRecord.objects.exists()
    assert _move(client, request, "declined", "Out of scope", htmx=True).status_code == 200
    request.refresh_from_db()
    assert request.status == Status.DECLINED


@pytest.mark.parametrize(
    "role,code",
    [
        ("admin", 302),
        ("officer", 302),
        ("focal_bz", 403),
        ("focal_jm", 403),
        ("host_jm", 403),
        ("expert", 403),
        ("partner", 403),
    ],
)
def test_who_may_press_register(role, code, persona, client_for, belize):
    request = AssistanceRequestFactory(state=belize, status=Status.SUBMITTED)
    assert _move(client_for(persona(role)), request, "registered").status_code == code
    assert TransitionRecord.objects.count() == (1 if code == 302 else 0)


def test_a_belize_focal_point_cannot_touch_a_restricted_jamaican_request(focal_bz, client_for, jm_restricted):
    client = client_for(focal_bz)
    assert _move(client, jm_restricted, "withdrawn", "Not ours").status_code == 404
    assert (
        client.post(reverse("assistance:request_assign", args=[jm_restricted.pk]), {"officer": ""}).status_code == 404
    )
    assert client.get(reverse("assistance:request_edit", args=[jm_restricted.pk])).status_code == 404
    assert client.get(reverse("assistance:needs_assessment", args=[jm_restricted.pk])).status_code == 404
    assert not TransitionRecord.objects.exists()


def test_transitions_only_by_post(officer, client_for):
    request = AssistanceRequestFactory(status=Status.SUBMITTED)
    assert client_for(officer).get(reverse("assistance:request_transition", args=[request.pk])).status_code == 405


def test_routing_a_request(officer, admin, focal_bz, client_for, django_capture_on_commit_callbacks):
    request = AssistanceRequestFactory(status=Status.REGISTERED, reference="TA/2026/0004")
    url = reverse("assistance:request_assign", args=[request.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(admin).post(url, {"officer": officer.pk}, **HTMX)
    assert response.status_code == 200 and f"Assigned to {officer}." in response.content.decode()
    request.refresh_from_db()
    assert request.assigned_officer == officer
    assert [m.subject for m in mail.outbox] == ["[Attaché] TA/2026/0004 was assigned to you"]
    assert client_for(focal_bz).post(url, {"officer": officer.pk}).status_code == 403
    assert client_for(admin).post(url, {"officer": focal_bz.pk}, **HTMX).status_code == 400
    request.refresh_from_db()
    assert request.assigned_officer == officer


# --- needs assessment --------------------------------------------------------------------------


@pytest.fixture
def registered(belize, accreditation):
    customs = CapabilityAreaFactory(code="customs", name="Customs")
    AssessmentFactory(state=belize, area=accreditation, level=1, method="peer", assessed_on=datetime.date(2025, 5, 1))
    return AssistanceRequestFactory(state=belize, status=Status.REGISTERED, areas=[accreditation, customs])


def test_the_assessment_form_is_prefilled_from_the_maturity_map(officer, client_for, registered):
    form = client_for(officer).get(reverse("assistance:needs_assessment", args=[registered.pk])).context["form"]
    assert form["baseline_accreditation"].value() == 1
    assert form["baseline_customs"].value() is None


def test_recording_the_assessment_moves_the_request_to_assessing(officer, client_for, registered):
    data = {
        "stakeholders": "Ministry of Education; NAC",
        "gaps": "No manual",
        "recommended_modality": "attachment",
        "risks": "",
        "baseline_accreditation": "1",
        "baseline_customs": "0",
    }
    response = client_for(officer).post(reverse("assistance:needs_assessment", args=[registered.pk]), data)
    assert response.status_code == 302 and response["Location"].endswith("#needs-assessment")
    assessment = NeedsAssessment.objects.get()
    assert assessment.baseline == {"accreditation": 1, "customs": 0}
    registered.refresh_from_db()
    assert registered.status == Status.ASSESSING


@pytest.mark.parametrize(
    "bad", [{"baseline_accreditation": "7"}, {"stakeholders": ""}, {"recommended_modality": "holiday"}]
)
def test_a_bad_assessment_saves_nothing(bad, officer, client_for, registered):
    data = {
        "stakeholders": "NAC",
        "gaps": "No manual",
        "recommended_modality": "attachment",
        "baseline_accreditation": "1",
    }
    data.update(bad)
    response = client_for(officer).post(reverse("assistance:needs_assessment", args=[registered.pk]), data)
    assert response.status_code == 400 and response.context["form"].errors
    assert not NeedsAssessment.objects.exists()
    registered.refresh_from_db()
    assert registered.status == Status.REGISTERED


@pytest.mark.parametrize(
    "role,code",
    [
        ("admin", 200),
        ("officer", 200),
        ("focal_bz", 403),
        ("focal_jm", 403),
        ("host_jm", 403),
        ("expert", 403),
        ("partner", 403),
    ],
)
def test_who_may_open_the_assessment(role, code, persona, client_for, registered):
    assert (
        client_for(persona(role)).get(reverse("assistance:needs_assessment", args=[registered.pk])).status_code == code
    )


def test_no_assessment_once_approved(officer, client_for):
    request = AssistanceRequestFactory(status=Status.APPROVED)
    NeedsAssessmentFactory(request=request)
    response = client_for(officer).get(reverse("assistance:needs_assessment", args=[request.pk]))
    assert response.status_code == 302


# --- documents -----------------------------------------------------------------------------------


def test_documents_are_served_only_to_those_who_see_the_request(officer, focal_bz, client_for, jm_restricted):
    document = DocumentFactory(record=jm_restricted)
    url = document.get_absolute_url()
    response = client_for(officer).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 letter"
    assert client_for(focal_bz).get(url).status_code == 404


def test_an_assigned_officer_is_listed_among_the_choices(officer, client_for):
    other = officer_factory(full_name="Keisha Alleyne")
    request = AssistanceRequestFactory(status=Status.REGISTERED)
    html = client_for(officer).get(request.get_absolute_url()).content.decode()
    assert "Keisha Alleyne" in html and other.pk
