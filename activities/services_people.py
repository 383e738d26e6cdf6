"""The people of an activity: nominations within each modality's caps, their confirmation by the
secretariat and by the participants themselves, attendance per day, and certificates of
participation (issued, re-issued, revoked).

Every write is here, so a page and the API refuse the same input with the same message on the
same field; the reads the pages and the API share are at the end."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.choices import Role
from accounts.models import User
from activities.choices import DONE, SEATED, ActivityStatus, NominationStatus, SessionKind
from activities.models import Activity, Attendance, Certificate, Nomination
from activities.rules import modality_rule
from activities.workflow import nomination_workflow
from assistance.choices import Modality
from community.models import MemberState, Person
from core.access import can, require
from core.models import Visibility
from core.notifications import notify
from core.workflow import InvalidTransition

A = ActivityStatus
N = NominationStatus

# Nominations are taken while the activity is being prepared; attendance is recorded once it has
# started; certificates are issued once it is over.
NOMINATION_OPEN = (A.PROPOSED, A.PLANNED, A.CONFIRMED)
ATTENDANCE_OPEN = (A.IN_DELIVERY, A.DELIVERED)
CERTIFICATES_OPEN = DONE
# Who took part is settled once the activity is over (or called off).
NOMINATIONS_FINAL = (*DONE, A.CANCELLED)

# Hours credited for an attended working day of an activity whose agenda has no sessions.
HOURS_PER_DAY = Decimal(6)

# "An attachment takes at most 5 officials": the modality with its article, as a sentence starts.
MODALITY_SUBJECT = {
    Modality.ATTACHMENT: gettext_lazy("An attachment"),
    Modality.WORKSHOP: gettext_lazy("A workshop"),
    Modality.EXPERT_MISSION: gettext_lazy("An expert mission"),
    Modality.STUDY_VISIT: gettext_lazy("A study visit"),
    Modality.VIRTUAL: gettext_lazy("A virtual session"),
}


def _refuse(field: str | None, message: str):
    return ValidationError({field or NON_FIELD_ERRORS: [message]})


# --- nominations -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Seats:
    """How many seats an activity's nominations take against its modality's caps."""

    taken: int
    cap: int | None  # None: no cap on officials
    justified_cap: int | None  # a higher cap reached only with a written justification

    @property
    def open(self) -> int | None:
        top = self.justified_cap or self.cap
        return None if top is None else max(top - self.taken, 0)


def nomination_seats(activity: Activity) -> Seats:
    rule = modality_rule(activity.modality)
    taken = activity.nominations.filter(status__in=SEATED).count()
    if rule.counts_experts:  # an expert mission caps the experts sent, not the officials
        return Seats(taken, None, None)
    return Seats(taken, rule.max_people, rule.max_people_justified)


def _cap_refusal(activity: Activity, seats: Seats, *, justification: str) -> ValidationError | None:
    subject = MODALITY_SUBJECT.get(activity.modality, activity.get_modality_display())
    already = ngettext("%(count)s is already nominated.", "%(count)s are already nominated.", seats.taken) % {
        "count": seats.taken
    }
    top = seats.justified_cap or seats.cap
    if top is not None and seats.taken >= top:
        cap = ngettext(
            "%(subject)s takes at most %(cap)s official;", "%(subject)s takes at most %(cap)s officials;", top
        )
        return _refuse(None, f"{cap % {'subject': subject, 'cap': top}} {already}")
    if seats.justified_cap and seats.taken >= seats.cap and not justification.strip():
        text = _(
            "%(subject)s takes %(cap)s officials, up to %(justified)s with a written justification; %(already)s "
            "Say why a larger group is needed."
        )
        return _refuse(
            "justification",
            text % {"subject": subject, "cap": seats.cap, "justified": seats.justified_cap, "already": already},
        )
    return None


def _people_of(state: MemberState):
    return Person.objects.filter(Q(state=state) | Q(institution__state=state))


def _nominee(*, state, person_id, full_name: str, email: str, post: str) -> tuple[Person, bool]:
    """The person nominated: one of the state's people, or a new one typed in (unsaved yet)."""
    if person_id:
        person = _people_of(state).filter(pk=person_id).first()
        if person is None:
            raise _refuse("person", _("Choose an official of %(state)s.") % {"state": state.name})
        return person, False
    full_name, email = full_name.strip(), email.strip()
    if not full_name:
        raise _refuse("person", _("Choose an official, or type the name of a new one."))
    if email:
        known = _people_of(state).filter(email__iexact=email).first()
        if known is not None:
            return known, False
    person = Person(full_name=full_name, email=email, post=post.strip(), state=state, visibility=Visibility.RESTRICTED)
    try:
        person.full_clean(exclude=["institution"])
    except ValidationError as error:
        raise ValidationError({name: messages for name, messages in error.message_dict.items()}) from error
    return person, True


@transaction.atomic
def nomination_create(
    *,
    actor,
    activity_id: int,
    state_id: int | None,
    person_id: int | None = None,
    full_name: str = "",
    email: str = "",
    post: str,
    reason: str,
    justification: str = "",
) -> Nomination:
    """Nominate an official of a state taking part: the secretariat for any such state, a focal
    point for their own. Refused beyond the modality's cap (a study visit's higher cap needs a
    written justification), for a person already nominated, or once preparation is over."""
    activity = Activity.objects.select_for_update().get(pk=activity_id)  # one nomination at a time
    require(actor, "nominate", activity, _("You may not nominate officials for this activity."))
    if not state_id:
        raise _refuse("state", str(forms.Field.default_error_messages["required"]))
    state = activity.states.filter(pk=state_id).first()
    if state is None:
        raise _refuse("state", _("This state does not take part in this activity."))
    if not can(actor, "add", Nomination(activity=activity, state=state)):
        raise PermissionDenied(_("You nominate officials for your own state only."))
    if activity.status not in NOMINATION_OPEN:
        raise _refuse(
            None,
            _("Nominations are taken while an activity is proposed, planned or confirmed; this one is %(status)s.")
            % {"status": activity.get_status_display().lower()},
        )
    refusal = _cap_refusal(activity, nomination_seats(activity), justification=justification)
    if refusal is not None:
        raise refusal
    person, is_new = _nominee(state=state, person_id=person_id, full_name=full_name, email=email, post=post)
    if not is_new and activity.nominations.filter(person=person, status__in=SEATED).exists():
        raise _refuse("person", _("%(name)s is already nominated for this activity.") % {"name": person.full_name})
    nomination = Nomination(
        activity=activity,
        state=state,
        person=person,
        post=post.strip(),
        reason=reason.strip(),
        justification=justification.strip(),
        nominated_by=actor,
    )
    nomination.full_clean(exclude=["person", "activity", "state"], validate_constraints=False)
    if is_new:
        person.save()
        nomination.person = person
    nomination.save()
    return nomination


def _permitted(nominations: list, user, action: str) -> set[int]:
    """The ids among `nominations` on which `user` may take `action`: one query, not one a row."""
    if not nominations:
        return set()
    q = Nomination.access.action_q(user, action)
    return set(Nomination.objects.filter(q, pk__in=[n.pk for n in nominations]).values_list("pk", flat=True))


def nomination_actions(nominations: list, user) -> dict[int, dict]:
    """For each nomination, the moves to offer `user` (as `nomination_workflow.allowed` would)
    and whether they may confirm the participation; nothing once the activity is over."""
    open_rows = [n for n in nominations if n.activity.status not in NOMINATIONS_FINAL]
    transitions = list(nomination_workflow.transitions.values())
    permitted = {
        action: _permitted(open_rows, user, action)
        for action in {t.action for t in transitions} | {"participant_confirm"}
    }
    actions = {n.pk: {"moves": [], "participant_confirm": False} for n in nominations}
    for nomination in open_rows:
        row = actions[nomination.pk]
        row["moves"] = [
            N(t.target) for t in transitions if t.source == nomination.status and nomination.pk in permitted[t.action]
        ]
        row["participant_confirm"] = (
            nomination.status == N.CONFIRMED
            and nomination.participant_confirmed_at is None
            and nomination.pk in permitted["participant_confirm"]
        )
    return actions


@transaction.atomic
def nomination_transition(
    *, actor, nomination_id: int, to: str, comment: str = "", version: int | None = None
) -> Nomination:
    """Confirm or decline (with a reason) a nomination, or withdraw it, until the activity is
    over; the state's focal points hear of a confirmation or a refusal. `version` (the version
    the page showed) refuses a move of a nomination changed since."""
    activity = Activity.objects.filter(nominations=nomination_id).only("status").first()
    if activity is not None and activity.status in NOMINATIONS_FINAL:
        raise InvalidTransition(_("This activity is over: its nominations no longer change."))
    nomination = nomination_workflow.move(pk=nomination_id, to=to, actor=actor, comment=comment, version=version)
    if to in (N.CONFIRMED, N.DECLINED):
        focal_points = User.objects.filter(role=Role.FOCAL_POINT, member_state=nomination.state_id, is_active=True)
        notify(
            recipients=[user for user in focal_points if user != actor],
            template="activities/email/people_nomination_decided",
            context={"nomination": nomination, "comment": comment.strip()},
            link=nomination.get_absolute_url(),
        )
    return nomination


@transaction.atomic
def nomination_participant_confirm(*, actor, nomination_id: int) -> Nomination:
    """The nominee (with an account linked to their profile) or their focal point confirms they
    will take part in an activity that has not ended."""
    nomination = Nomination.objects.select_for_update().select_related("activity").get(pk=nomination_id)
    require(actor, "participant_confirm", nomination, _("You may not confirm this participation."))
    if nomination.status != N.CONFIRMED:
        raise _refuse(None, _("Only a confirmed nomination can be confirmed by its participant."))
    if nomination.activity.status in NOMINATIONS_FINAL:
        raise _refuse(None, _("This activity is over."))
    if nomination.participant_confirmed_at is None:
        nomination.participant_confirmed_at = timezone.now()
        nomination.save(update_fields=["participant_confirmed_at", "updated_at"])
    return nomination


# --- attendance --------------------------------------------------------------------------------


@transaction.atomic
def attendance_record(*, actor, activity_id: int, marks) -> int:
    """Record who was present on which day: `marks` are (nomination id, day, present). All of
    them are saved, or none: a mark for someone not a confirmed participant, or for a day outside
    the activity, refuses the whole sheet. Returns how many marks were saved."""
    activity = Activity.objects.select_for_update().get(pk=activity_id)
    require(actor, "prepare", activity, _("You may not record attendance for this activity."))
    if activity.status not in ATTENDANCE_OPEN:
        raise _refuse(
            None,
            _("Attendance is recorded once the activity has started; this one is %(status)s.")
            % {"status": activity.get_status_display().lower()},
        )
    participants = set(activity.nominations.filter(status=N.CONFIRMED).values_list("pk", flat=True))
    days = set(activity.days)
    wanted: dict[tuple[int, datetime.date], bool] = {}
    for nomination_id, day, present in marks:
        if nomination_id not in participants:
            raise _refuse("attendance", _("Attendance is recorded for the confirmed participants only."))
        if day not in days:
            raise _refuse("attendance", _("%(day)s is not a day of this activity.") % {"day": day.isoformat()})
        wanted[(nomination_id, day)] = bool(present)
    existing = {
        (mark.nomination_id, mark.day): mark
        for mark in Attendance.objects.filter(nomination__activity=activity).select_for_update()
    }
    for (nomination_id, day), present in wanted.items():
        mark = existing.get((nomination_id, day))
        if mark is None:
            Attendance.objects.create(nomination_id=nomination_id, day=day, present=present, recorded_by=actor)
        elif mark.present != present:
            mark.present, mark.recorded_by = present, actor
            mark.save(update_fields=["present", "recorded_by", "updated_at"])
    return len(wanted)


def attended_hours(activity: Activity, days_present: list[datetime.date], sessions=None) -> Decimal:
    """The hours a participant is credited with: the agenda's sessions (breaks left out) on the
    days they were present, or six hours per working day present when there is no agenda."""
    if sessions is None:
        sessions = list(activity.sessions.exclude(kind=SessionKind.BREAK))
    else:
        sessions = [session for session in sessions if session.kind != SessionKind.BREAK]
    if not sessions:
        return HOURS_PER_DAY * sum(1 for day in days_present if day.weekday() < 5)
    present = set(days_present)
    minutes = sum(session.minutes for session in sessions if session.day in present)
    return (Decimal(minutes) / 60).quantize(Decimal("0.1"))


# --- certificates --------------------------------------------------------------------------------


def _host(activity: Activity) -> str:
    if activity.host_institution_id:
        return f"{activity.host_institution.name}, {activity.host_state.name}"
    return activity.host_state.name


def _certificate_for(nomination: Nomination, *, actor, sessions) -> Certificate | None:
    """A new certificate saying what the records say now, or None when they attended no day."""
    days_present = [mark.day for mark in nomination.attendance.all() if mark.present]
    if not days_present:
        return None
    activity = nomination.activity
    return Certificate.objects.create(
        nomination=nomination,
        participant_name=nomination.person.full_name,
        activity_title=activity.title,
        host=_host(activity),
        start_date=activity.start_date,
        end_date=activity.end_date,
        days_attended=len(days_present),
        hours=attended_hours(activity, days_present, sessions),
        issued_by=actor,
    )


@dataclass(frozen=True)
class Issued:
    issued: list
    absent: int  # confirmed participants present on no day
    already: int  # participants who already hold a valid certificate


def _require_certify(actor, activity: Activity) -> None:
    require(actor, "certify", activity, _("You may not issue certificates for this activity."))
    if activity.status not in CERTIFICATES_OPEN:
        raise _refuse(
            None,
            _("Certificates are issued once the activity is delivered; this one is %(status)s.")
            % {"status": activity.get_status_display().lower()},
        )


@transaction.atomic
def certificates_issue(*, actor, activity_id: int) -> Issued:
    """A certificate for every confirmed participant present on at least one day who holds no
    valid one yet; says how many were left out and why."""
    activity = (
        Activity.objects.select_for_update(of=("self",))
        .select_related("host_state", "host_institution")
        .get(pk=activity_id)
    )
    _require_certify(actor, activity)
    sessions = list(activity.sessions.all())
    current = Certificate.objects.filter(revoked_at__isnull=True, replaced_by__isnull=True)
    nominations = (
        activity.nominations.filter(status=N.CONFIRMED)
        .select_related("person", "activity")
        .prefetch_related("attendance", Prefetch("certificates", queryset=current, to_attr="current"))
    )
    issued, absent, already = [], 0, 0
    for nomination in nominations:
        nomination.activity = activity
        if nomination.current:
            already += 1
            continue
        certificate = _certificate_for(nomination, actor=actor, sessions=sessions)
        if certificate is None:
            absent += 1
        else:
            issued.append(certificate)
    return Issued(issued, absent, already)


def _certificate_locked(certificate_id: int) -> Certificate:
    return (
        Certificate.objects.select_for_update(of=("self",))
        .select_related("nomination__activity__host_state", "nomination__activity__host_institution")
        .get(pk=certificate_id)
    )


@transaction.atomic
def certificate_reissue(*, actor, certificate_id: int) -> Certificate:
    """A new certificate (a new code) from the records as they are now; the old one verifies as
    replaced by a newer certificate."""
    old = _certificate_locked(certificate_id)
    activity = old.nomination.activity
    _require_certify(actor, activity)
    if old.replaced_by_id:
        raise _refuse(None, _("This certificate was already replaced: re-issue the newer one."))
    if old.revoked_at:
        raise _refuse(None, _("A revoked certificate is not re-issued: issue the activity's certificates again."))
    nomination = Nomination.objects.select_related("person").prefetch_related("attendance").get(pk=old.nomination_id)
    nomination.activity = activity
    new = _certificate_for(nomination, actor=actor, sessions=list(activity.sessions.all()))
    if new is None:
        raise _refuse(None, _("This participant is recorded present on no day: there is nothing to certify."))
    old.replaced_by = new
    old.save(update_fields=["replaced_by", "updated_at"])
    return new


@transaction.atomic
def certificate_revoke(*, actor, certificate_id: int, reason: str) -> Certificate:
    """Withdraw a certificate: its code then verifies as revoked (the reason stays inside)."""
    certificate = _certificate_locked(certificate_id)
    require(actor, "certify", certificate.nomination.activity, _("You may not revoke this certificate."))
    if not reason.strip():
        raise _refuse("reason", _("Say why the certificate is revoked."))
    if certificate.revoked_at:
        raise _refuse(None, _("This certificate is already revoked."))
    if certificate.replaced_by_id:
        raise _refuse(None, _("This certificate was replaced: revoke the newer one."))
    certificate.revoked_at = timezone.now()
    certificate.revoked_reason = reason.strip()
    certificate.save(update_fields=["revoked_at", "revoked_reason", "updated_at"])
    return certificate


def certificate_by_code(code: str) -> Certificate | None:
    """The certificate a typed code names, forgiving case, spaces and missing dashes."""
    raw = "".join(ch for ch in code.upper() if ch.isalnum())
    if len(raw) != 12:
        return None
    return Certificate.objects.filter(code=f"{raw[:4]}-{raw[4:8]}-{raw[8:]}").first()


# --- reads shared by the pages and the API ---------------------------------------------------------


def nominations_of(*, activity: Activity, user):
    """The activity's nominations the user may see, with what a list of them shows."""
    return (
        Nomination.objects.for_user(user)
        .filter(activity=activity)
        .select_related("state", "person", "activity")
        .order_by("state__name", "status", "person__full_name")
    )


def attendance_grid(*, activity: Activity) -> list[dict]:
    """One row per confirmed participant: their marks by day (True, False, or None: not yet)."""
    participants = (
        activity.nominations.filter(status=N.CONFIRMED).select_related("person").prefetch_related("attendance")
    )
    rows = []
    for nomination in sorted(participants, key=lambda n: n.person.full_name):
        marks = {mark.day: mark.present for mark in nomination.attendance.all()}
        cells = [{"day": day, "present": marks.get(day)} for day in activity.days]
        rows.append({"nomination": nomination, "cells": cells, "days_present": sum(1 for m in marks.values() if m)})
    return rows


def certificates_of(*, activity: Activity, user):
    return (
        Certificate.objects.for_user(user)
        .filter(nomination__activity=activity)
        .select_related("nomination__person", "replaced_by")
        .order_by("participant_name", "-issued_at")
    )
