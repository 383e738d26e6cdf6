"""The request after filing: half-filled drafts, corrections and documents until it is over,
what happens next, the breadcrumb, printing, and the timeline in the reader's language."""

import datetime
import re
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from assistance import services
from assistance.choices import Status
from assistance.models import AssistanceRequest
from assistance.tests.factories import AssistanceRequestFactory
from community.tests.factories import CapabilityAreaFactory
from core.testing import edit_data
from decisions.tests.factories import RequiredActionFactory

HTMX = {"HTTP_HX_REQUEST": "true"}
LONG_ACTION = (
    "Establish a national accreditation body with published procedures for the accreditation of "
    "programmes and institutions, and for the equivalency of foreign qualifications"
)


def future(days):
    return (datetime.date.today() + datetime.timedelta(days=days)).isoformat()


@pytest.fixture
def area(db):
    return CapabilityAreaFactory(code="accreditation", name="Accreditation and equivalency")


@pytest.fixture
def registered(belize, area):
    return AssistanceRequestFactory(
        state=belize, status=Status.REGISTERED, reference="TA/2026/0042", areas=[area], title="Accreditation"
    )


# What a browser sends from the untouched form: its lists keep their first or default choice.
UNTOUCHED = {"modality": "no_preference", "officials_count": 2, "urgency": "normal", "visibility": "restricted"}


def test_a_half_filled_draft_is_saved_and_comes_back(focal_bz, client_for):
    client = client_for(focal_bz)
    response = client.post(
        reverse("assistance:request_add"), {**UNTOUCHED, "title": "Accreditation, to finish", "action": "draft"}
    )
    draft = AssistanceRequest.objects.get()
    assert response.status_code == 302
    assert (draft.status, draft.need, draft.areas.count(), draft.visibility) == (Status.DRAFT, "", 0, "restricted")
    page = client.get(reverse("assistance:request_edit", args=[draft.pk])).content.decode()
    assert 'value="Accreditation, to finish"' in page


def test_submitting_says_what_is_missing_beside_each_field(focal_bz, client_for):
    response = client_for(focal_bz).post(
        reverse("assistance:request_add"), {**UNTOUCHED, "title": "Accreditation", "action": "submit"}
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"need", "areas", "window_start", "window_end"}
    assert not AssistanceRequest.objects.exists()


def test_a_new_request_is_restricted_unless_shared_on_purpose(focal_bz, client_for):
    form = client_for(focal_bz).get(reverse("assistance:request_add")).context["form"]
    assert form["visibility"].value() == "restricted"


def test_files_chosen_before_an_error_are_asked_for_again(focal_bz, client_for):
    letter = SimpleUploadedFile("letter.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = client_for(focal_bz).post(
        reverse("assistance:request_add"),
        {"title": "Accreditation", "window_start": future(40), "window_end": future(30), "documents": [letter]},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "data-files-again" in html and "Choose them again" in html
    file_input = re.search(r'<input[^>]*name="documents"[^>]*>', html).group(0)
    assert "is-valid" not in file_input
    # Without files there is nothing to ask for again.
    plain = client_for(focal_bz).post(
        reverse("assistance:request_add"),
        {"title": "Accreditation", "window_start": future(40), "window_end": future(30)},
    )
    assert "data-files-again" not in plain.content.decode()


def test_the_decision_and_action_pickers_are_filterable_checkbox_lists_with_full_text(focal_bz, client_for):
    RequiredActionFactory(description=LONG_ACTION)
    html = client_for(focal_bz).get(reverse("assistance:request_add")).content.decode()
    assert html.count("data-filter-list") == 2
    assert LONG_ACTION in html
    assert re.search(
        r'<input[^>]*type="checkbox"[^>]*name="actions"|<input[^>]*name="actions"[^>]*type="checkbox"', html
    )
    assert '<select name="actions"' not in html and '<select name="decisions"' not in html


def test_the_secretariat_corrects_a_registered_request_and_the_history_keeps_it(
    officer, focal_bz, registered, client_for
):
    client = client_for(officer)
    assert client.get(reverse("assistance:request_edit", args=[registered.pk])).status_code == 200
    data = {
        "title": "Accreditation procedures",
        "need": "Completed after the call with the ministry.",
        "areas": [area.pk for area in registered.areas.all()],
        "modality": "attachment",
        "officials_count": 4,
        "urgency": "normal",
        "visibility": "restricted",
        "window_start": registered.window_start.isoformat(),
        "window_end": registered.window_end.isoformat(),
        "action": "save",
    }
    response = client.post(reverse("assistance:request_edit", args=[registered.pk]), edit_data(registered, data))
    assert response.status_code == 302
    registered.refresh_from_db()
    assert (registered.status, registered.officials_count) == (Status.REGISTERED, 4)
    entry = LogEntry.objects.get_for_object(registered).order_by("-pk").first()
    assert entry.actor == officer and "officials_count" in entry.changes_dict
    # Its state reads the change as a sentence, not a list of fields with "changed".
    page = client_for(focal_bz).get(registered.get_absolute_url()).content.decode()
    assert "Changed " in page and "number of officials" in page
    # The state itself no longer edits it once registered.
    assert client_for(focal_bz).get(reverse("assistance:request_edit", args=[registered.pk])).status_code == 403


@pytest.mark.parametrize(
    "user,status,expected",
    [
        ("officer", Status.REGISTERED, 302),
        ("officer", Status.MATCHING, 302),
        ("focal_bz", Status.ASSESSING, 302),
        ("focal_jm", Status.REGISTERED, 403),
        ("officer", Status.CLOSED, 403),
        ("focal_bz", Status.WITHDRAWN, 403),
    ],
)
def test_who_adds_documents_and_when(user, status, expected, persona, belize, client_for):
    request = AssistanceRequestFactory(state=belize, status=status, reference="TA/2026/0050")
    letter = SimpleUploadedFile("letter.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = client_for(persona(user)).post(
        reverse("assistance:request_documents_add", args=[request.pk]), {"documents": [letter]}
    )
    assert response.status_code == expected
    assert request.documents.count() == (1 if expected == 302 else 0)


def test_the_page_offers_to_add_documents_only_to_those_who_may(officer, focal_jm, registered, client_for):
    assert "data-attach-documents" in client_for(officer).get(registered.get_absolute_url()).content.decode()
    assert "data-attach-documents" not in client_for(focal_jm).get(registered.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "user,status,who",
    [
        ("focal_bz", Status.DRAFT, "The requesting state"),
        ("focal_bz", Status.SUBMITTED, "The secretariat"),
        ("officer", Status.SUBMITTED, "Register it"),
        ("focal_bz", Status.MATCHING, "The host"),
    ],
)
def test_the_page_says_what_happens_next(user, status, who, persona, belize, client_for):
    request = AssistanceRequestFactory(state=belize, status=status)
    html = client_for(persona(user)).get(request.get_absolute_url()).content.decode()
    panel = html[html.index("data-next-step") :][:1500]
    assert "What happens next" in panel and who in panel


def test_a_request_without_a_reference_is_named_by_its_title(focal_bz, belize, client_for):
    request = AssistanceRequestFactory(state=belize, status=Status.SUBMITTED, title="Labour inspection reform")
    assert str(request) == "Labour inspection reform"
    html = client_for(focal_bz).get(request.get_absolute_url()).content.decode()
    crumb = html[html.index('id="request-breadcrumb"') :][:600]
    assert "Labour inspection reform" in crumb and "Not yet registered" not in crumb
    assert "<title>Labour inspection reform" in html


def test_the_breadcrumb_is_swapped_with_the_status_panel(officer, belize, client_for):
    request = AssistanceRequestFactory(state=belize, status=Status.SUBMITTED)
    response = client_for(officer).post(
        reverse("assistance:request_transition", args=[request.pk]), {"to": Status.REGISTERED}, **HTMX
    )
    html = response.content.decode()
    request.refresh_from_db()
    crumb = html[html.index('id="request-breadcrumb"') :][:600]
    assert 'hx-swap-oob="true"' in html[html.index("<nav") : html.index('id="request-breadcrumb"') + 200]
    assert request.reference in crumb and "Registered" in crumb


def test_the_page_prints_without_controls_and_with_history_only_when_asked(officer, registered, client_for):
    client = client_for(officer)
    html = client.get(registered.get_absolute_url()).content.decode()
    assert "data-print" in html and 'href="?print=history"' in html
    assert re.search(r'<body class="\s*"', html)
    assert 'class="print-history"' in client.get(registered.get_absolute_url() + "?print=history").content.decode()
    css = (Path(__file__).resolve().parents[2] / "core/static/core/attache.css").read_text()
    rules = css[css.index("@media print") :]
    for hidden in (".btn", "form", "nav", "input", "select", "textarea", "button"):
        assert re.search(rf"(^|[\s,]){re.escape(hidden)}[\s,{{]", rules.split("display: none")[0]), hidden
    assert "body:not(.print-history) .print-optional" in rules
    assert ".badge" in rules and "border: 1px solid #000" in rules  # the status stays readable in black


def test_the_timeline_speaks_the_readers_language(officer, focal_bz, registered, client_for):
    services.needs_assessment_save(
        request_id=registered.pk,
        actor=officer,
        stakeholders="Ministry",
        gaps="Procedures",
        recommended_modality="attachment",
    )
    record = registered.transition_records.get(to_status=Status.ASSESSING)
    assert (record.event, record.comment) == (services.EVENT_ASSESSMENT_STARTED, "")
    english = client_for(focal_bz).get(registered.get_absolute_url()).content.decode()
    with translation.override("en"):  # the request activates French; put English back afterwards
        french = client_for(focal_bz).get(registered.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Needs assessment started." in english
    assert "Évaluation des besoins commencée." in french and "Needs assessment started." not in french


def test_the_e_mail_words_the_event_in_the_recipients_language(
    officer, focal_bz, registered, django_capture_on_commit_callbacks, mailoutbox
):
    focal_bz.preferred_language = "fr"
    focal_bz.save(update_fields=["preferred_language"])
    registered.focal_point = focal_bz
    registered.save(update_fields=["focal_point"])
    with django_capture_on_commit_callbacks(execute=True):
        services.needs_assessment_save(
            request_id=registered.pk,
            actor=officer,
            stakeholders="Ministry",
            gaps="Procedures",
            recommended_modality="attachment",
        )
    (message,) = [m for m in mailoutbox if focal_bz.email in m.to]
    assert "Évaluation des besoins commencée." in message.body
