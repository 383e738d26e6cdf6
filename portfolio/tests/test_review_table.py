"""Portfolio review against an independent, hand-written table of legal moves per persona
(DESIGN.md: hosts keep their own entries current; the secretariat reviews them):

draft → published, published → needs_update, needs_update → published: the secretariat;
needs_update → draft: the entry's owners, by editing it (its state's focal point, its
institution's host coordinator). Nothing else is a move.

Every (from, to, persona) is tried through the workflow and compared with the table, for a
Jamaican entry of the Jamaica Customs Agency.
"""

import datetime

import pytest

from core.models import TransitionRecord
from core.workflow import InvalidTransition, TransitionForbidden, transitions_of
from portfolio import services
from portfolio.models import Practice
from portfolio.tests.factories import PracticeFactory
from portfolio.workflow import practice_workflow

STATUSES = ["draft", "published", "needs_update"]
SECRETARIAT = {"admin", "officer"}
OWNERS = {"focal_jm", "host_jm"}
PERSONAS = ["admin", "officer", "focal_jm", "host_jm", "focal_bz", "expert", "partner"]
LEGAL = {
    ("draft", "published"): SECRETARIAT,
    ("published", "needs_update"): SECRETARIAT,
    ("needs_update", "published"): SECRETARIAT,
    ("needs_update", "draft"): OWNERS,
}
NOTE = "Add the 2025 figures."


def expected(start: str, to: str, persona: str) -> str:
    if persona in LEGAL.get((start, to), set()):
        return "moved"
    if start == "draft" and persona not in SECRETARIAT | OWNERS:
        return "not found"  # a draft is seen by its owners and the secretariat only
    entering = [roles for (_s, target), roles in LEGAL.items() if target == to]
    return "illegal" if not entering or any(persona in roles for roles in entering) else "forbidden"


def _entry(start, jamaica, host_institution):
    traits = {"published": {"published": True}, "needs_update": {"needs_update": True}}.get(start, {})
    return PracticeFactory(state=jamaica, institution=host_institution, **traits)


def _attempt(practice, to, actor) -> str:
    try:
        practice_workflow.move(pk=practice.pk, to=to, actor=actor, comment=NOTE)
    except InvalidTransition:
        return "illegal"
    except TransitionForbidden:
        return "forbidden"
    except Practice.DoesNotExist:
        return "not found"
    return "moved"


@pytest.mark.parametrize("start", STATUSES)
def test_every_review_move_of_every_persona_matches_the_design(start, persona, jamaica, host_institution):
    mismatches = []
    practice = _entry(start, jamaica, host_institution)
    for name in PERSONAS:
        actor = persona(name)
        for to in STATUSES:
            outcome, want = _attempt(practice, to, actor), expected(start, to, name)
            if outcome != want:
                mismatches.append((start, to, name, outcome, "expected", want))
            if outcome == "moved":
                record = transitions_of(practice).get()
                assert (record.workflow, record.from_status, record.to_status, record.actor) == (
                    "practice",
                    start,
                    to,
                    actor,
                )
                practice = _entry(start, jamaica, host_institution)
            else:
                assert Practice.objects.get(pk=practice.pk).status == start
                assert not transitions_of(practice).exists()
    assert mismatches == []


def test_the_review_buttons_follow_the_table(officer, focal_jm, jamaica, host_institution):
    draft = _entry("draft", jamaica, host_institution)
    assert practice_workflow.allowed(draft, officer) == ["published"]
    assert practice_workflow.allowed(draft, focal_jm) == []
    flagged = _entry("needs_update", jamaica, host_institution)
    assert practice_workflow.allowed(flagged, officer) == ["published"]
    assert practice_workflow.allowed(flagged, focal_jm) == ["draft"]


def test_review_moves_are_recorded_with_their_note(officer, jamaica, host_institution):
    practice = _entry("published", jamaica, host_institution)
    services.practice_request_update(practice_id=practice.pk, actor=officer, note=NOTE)
    record = transitions_of(practice).get()
    assert (record.to_status, record.actor, record.comment) == ("needs_update", officer, NOTE)
    assert record.get_to_status_display() == "Needs update"


def test_stale_entries_are_flagged_by_the_system(jamaica, host_institution):
    practice = _entry("published", jamaica, host_institution)
    Practice.objects.filter(pk=practice.pk).update(
        reviewed_at=None, updated_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    )
    assert [p.pk for p in services.practice_mark_stale(max_age=30)] == [practice.pk]
    record = TransitionRecord.objects.get()
    assert (record.actor, record.by_system, record.on_behalf_of) == (None, True, None)
    assert record.actor_display == "the system"
    assert "30 days" in record.comment


def test_the_practice_page_shows_the_review_history(client_for, officer, jamaica, host_institution):
    practice = _entry("published", jamaica, host_institution)
    services.practice_request_update(practice_id=practice.pk, actor=officer, note=NOTE)
    html = client_for(officer).get(practice.get_absolute_url()).content.decode()
    assert "Review history" in html and "Published → <strong>Needs update</strong>" in html and NOTE in html
