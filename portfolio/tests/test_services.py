"""The review workflow: publish, ask for an update, flag stale entries, resubmit by editing."""

import datetime
import io

import pytest
import time_machine
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone

from core.testing import edit_data
from core.workflow import InvalidTransition, transitions_of
from portfolio import services
from portfolio.choices import PracticeStatus as S
from portfolio.forms import PracticeForm
from portfolio.models import Practice
from portfolio.tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db

T0 = datetime.datetime(2026, 1, 15, 9, 0, tzinfo=datetime.UTC)


def status_of(practice) -> str:
    return Practice.objects.values_list("status", flat=True).get(pk=practice.pk)


def test_officer_publishes_a_draft_and_the_history_says_who(officer, jamaica):
    practice = PracticeFactory(state=jamaica)
    with time_machine.travel(T0, tick=False):
        services.practice_publish(practice_id=practice.pk, actor=officer)
    practice.refresh_from_db()
    assert practice.status == S.PUBLISHED
    assert (practice.reviewed_at, practice.reviewed_by) == (T0, officer)
    # The move is in the review history once; the change log leaves the status fields to it.
    move = transitions_of(practice).get()
    assert (move.from_status, move.to_status, move.actor) == (S.DRAFT, S.PUBLISHED, officer)
    assert all("status" not in entry.changes_dict for entry in LogEntry.objects.get_for_object(practice))


@pytest.mark.parametrize("actor", ["focal_jm", "host_jm", "partner", "expert"])
def test_only_the_secretariat_publishes(actor, persona, jamaica, host_institution):
    practice = PracticeFactory(state=jamaica, institution=host_institution)
    # The owners see their draft; the others do not even find it.
    refused = PermissionDenied if actor in ("focal_jm", "host_jm") else Practice.DoesNotExist
    with pytest.raises(refused):
        services.practice_publish(practice_id=practice.pk, actor=persona(actor))
    assert status_of(practice) == S.DRAFT
    published = PracticeFactory(state=jamaica, institution=host_institution, published=True)
    with pytest.raises(PermissionDenied):
        services.practice_request_update(practice_id=published.pk, actor=persona(actor))
    assert status_of(published) == S.PUBLISHED


@pytest.mark.parametrize(
    "start,service",
    [
        (S.PUBLISHED, services.practice_publish),
        (S.DRAFT, services.practice_request_update),
        (S.NEEDS_UPDATE, services.practice_request_update),
    ],
)
def test_illegal_moves_are_refused_and_change_nothing(start, service, officer):
    practice = PracticeFactory(status=start)
    entries = LogEntry.objects.count()
    with pytest.raises(InvalidTransition):
        service(practice_id=practice.pk, actor=officer)
    assert status_of(practice) == start
    assert LogEntry.objects.count() == entries


def test_request_update_keeps_the_entry_listed_with_the_note(officer, partner):
    practice = PracticeFactory(published=True)
    services.practice_request_update(practice_id=practice.pk, actor=officer, note="Add the 2025 figures.")
    practice.refresh_from_db()
    assert (practice.status, practice.review_note) == (S.NEEDS_UPDATE, "Add the 2025 figures.")
    assert Practice.objects.for_user(partner).filter(pk=practice.pk).exists()


def test_officer_confirms_a_flagged_entry_is_still_current(officer):
    practice = PracticeFactory(needs_update=True)
    services.practice_publish(practice_id=practice.pk, actor=officer)
    practice.refresh_from_db()
    assert (practice.status, practice.review_note) == (S.PUBLISHED, "")


def edit(practice, user, **changes):
    data = {
        "title": practice.title,
        "state": practice.state_id,
        "institution": practice.institution_id or "",
        "areas": [area.pk for area in practice.areas.all()],
        "description": practice.description,
        "results": practice.results,
        "evidence": practice.evidence,
        "target_population": practice.target_population,
        "visibility": practice.visibility,
        **changes,
    }
    form = PracticeForm(edit_data(practice, data), instance=Practice.objects.get(pk=practice.pk), user=user)
    assert form.is_valid(), form.errors
    return services.practice_save(practice_id=practice.pk, actor=user, **form.cleaned_data)


def test_an_owners_edit_of_a_flagged_entry_sends_it_back_for_review(focal_jm, jamaica):
    practice = PracticeFactory(state=jamaica, needs_update=True)
    edit(practice, focal_jm, results="Figures for 2025 added.")
    practice.refresh_from_db()
    assert (practice.status, practice.results) == (S.DRAFT, "Figures for 2025 added.")
    last = LogEntry.objects.get_for_object(practice).order_by("-pk").first()
    assert "status" not in last.changes_dict and last.actor == focal_jm
    move = transitions_of(practice).last()
    assert (move.from_status, move.to_status, move.actor) == (S.NEEDS_UPDATE, S.DRAFT, focal_jm)


def test_an_officers_edit_of_a_flagged_entry_leaves_it_flagged(officer, jamaica):
    practice = PracticeFactory(state=jamaica, needs_update=True)
    edit(practice, officer, title="Renamed by the secretariat")
    assert status_of(practice) == S.NEEDS_UPDATE


def test_an_owners_edit_of_a_published_entry_keeps_it_published(focal_jm, jamaica):
    practice = PracticeFactory(state=jamaica, published=True)
    edit(practice, focal_jm, results="More results.")
    assert status_of(practice) == S.PUBLISHED


def test_stale_entries_are_flagged_after_the_configured_age(settings):
    settings.ATTACHE_PRACTICE_MAX_AGE_DAYS = 365
    with time_machine.travel(T0, tick=False):
        old = PracticeFactory(published=True)
        edited_later = PracticeFactory(published=True)
        draft = PracticeFactory()
    with time_machine.travel(T0 + datetime.timedelta(days=200), tick=False):
        edited_later.results = "Updated by its owner."
        edited_later.save(update_fields=["results", "updated_at"])
    with time_machine.travel(T0 + datetime.timedelta(days=364), tick=False):
        assert services.practice_mark_stale() == []
    with time_machine.travel(T0 + datetime.timedelta(days=366), tick=False):
        flagged = services.practice_mark_stale()
    assert [p.pk for p in flagged] == [old.pk]
    assert status_of(old) == S.NEEDS_UPDATE
    assert "365 days" in Practice.objects.get(pk=old.pk).review_note
    assert (status_of(edited_later), status_of(draft)) == (S.PUBLISHED, S.DRAFT)
    with time_machine.travel(T0 + datetime.timedelta(days=367), tick=False):
        assert services.practice_mark_stale() == []  # already flagged: nothing twice


def test_a_recent_review_counts_even_if_the_row_is_older(settings):
    settings.ATTACHE_PRACTICE_MAX_AGE_DAYS = 30
    with time_machine.travel(T0, tick=False):
        practice = PracticeFactory(published=True)
    Practice.objects.filter(pk=practice.pk).update(reviewed_at=T0 + datetime.timedelta(days=25))
    with time_machine.travel(T0 + datetime.timedelta(days=40), tick=False):
        assert services.practice_mark_stale() == []
    with time_machine.travel(T0 + datetime.timedelta(days=56), tick=False):
        assert len(services.practice_mark_stale()) == 1


def test_the_age_defaults_to_a_year(settings):
    del settings.ATTACHE_PRACTICE_MAX_AGE_DAYS
    assert services.max_age_days() == 365


def test_flag_stale_practices_command(settings):
    settings.ATTACHE_PRACTICE_MAX_AGE_DAYS = 90
    with time_machine.travel(T0, tick=False):
        PracticeFactory(published=True)
        PracticeFactory(published=True)
    out = io.StringIO()
    with time_machine.travel(T0 + datetime.timedelta(days=91), tick=False):
        call_command("flag_stale_practices", stdout=out)
    assert "2 practice(s)" in out.getvalue() and "90 days" in out.getvalue()
    assert Practice.objects.filter(status=S.NEEDS_UPDATE).count() == 2
    assert timezone.now() > T0  # the clock is back


def test_flag_stale_practices_command_takes_an_age(settings):
    with time_machine.travel(T0, tick=False):
        PracticeFactory(published=True)
    out = io.StringIO()
    with time_machine.travel(T0 + datetime.timedelta(days=10), tick=False):
        call_command("flag_stale_practices", "--max-age-days", "30", stdout=out)
        assert "0 practice(s)" in out.getvalue()
        call_command("flag_stale_practices", "--max-age-days", "7", stdout=out)
    assert "1 practice(s)" in out.getvalue()
