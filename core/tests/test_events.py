"""System-written history entries are stored as events and worded in the reader's language."""

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy

from assistance.choices import Status
from assistance.services import EVENT_ASSESSMENT_STARTED
from assistance.tests.factories import AssistanceRequestFactory
from assistance.workflow import request_workflow
from core.events import _EVENTS, event_register, event_render

pytestmark = pytest.mark.django_db


def test_an_event_is_worded_when_read_in_the_active_language():
    with translation.override("fr"):
        french = event_render(EVENT_ASSESSMENT_STARTED)
    with translation.override("en"):
        english = event_render(EVENT_ASSESSMENT_STARTED)
    assert english == "Needs assessment started."
    assert french != english and french  # the French catalogue has it


def test_parameters_fill_the_text_and_a_missing_one_never_breaks_a_page():
    with _EVENTS.restored():
        event_register(code="test.invited", text=gettext_lazy("Invited %(host)s to host."))
        assert event_render("test.invited", {"host": "Jamaica"}) == "Invited Jamaica to host."
        assert event_render("test.invited", {}) == "Invited %(host)s to host."
    assert event_render("test.invited") == "test.invited"  # unknown codes show as themselves


def test_a_move_keeps_its_event_apart_from_the_comment(officer, belize):
    request = AssistanceRequestFactory(state=belize, status=Status.SUBMITTED)
    with _EVENTS.restored():
        event_register(code="test.received", text=gettext_lazy("Received from %(state)s."))
        request_workflow.move(
            pk=request.pk,
            to=Status.REGISTERED,
            actor=officer,
            comment="Letter of the Permanent Secretary",
            event="test.received",
            event_params={"state": "Belize"},
        )
        record = request.transition_records.get()
        assert (record.event, record.event_params) == ("test.received", {"state": "Belize"})
        assert record.event_text == "Received from Belize."
        assert record.comment == "Letter of the Permanent Secretary"
