"""iCalendar files (RFC 5545) for an activity and for one participant, written with `icalendar`.

Every session is an event timed in the host state's time zone, with the matching VTIMEZONE, so
a calendar program anywhere shows it at the right hour. An activity with dates but no sessions
yet is one all-day event over its days. Each event's UID is stable (the session's key and the
site's host), so downloading the file again updates the events instead of doubling them."""

import datetime
import zoneinfo
from urllib.parse import urlparse

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from activities.choices import SEATED, ActivityStatus
from activities.models import Activity, Nomination

PRODID = "-//Attaché//Activities//EN"


def _host() -> str:
    return urlparse(settings.SITE_URL).hostname or "attache.invalid"


def _zone(activity: Activity) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(activity.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def _calendar(name: str, zone: zoneinfo.ZoneInfo) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", zone.key)
    return calendar


def _location(activity: Activity) -> str:
    return activity.venue or activity.online_link


def _stamp(record) -> datetime.datetime:
    """DTSTAMP: when the record last changed (stable from one download to the next)."""
    return (record.updated_at or timezone.now()).astimezone(datetime.UTC)


def session_event(session, activity: Activity, zone: zoneinfo.ZoneInfo) -> Event:
    event = Event()
    event.add("uid", f"attache-session-{session.pk}@{_host()}")
    event.add("dtstamp", _stamp(session))
    event.add("dtstart", datetime.datetime.combine(session.day, session.start_time, tzinfo=zone))
    event.add("dtend", datetime.datetime.combine(session.day, session.end_time, tzinfo=zone))
    event.add("summary", f"{session.title} — {activity.title}")
    if location := _location(activity):
        event.add("location", location)
    if activity.online_link:
        event.add("url", activity.online_link)
    lines = [_("Kind: %(kind)s") % {"kind": session.get_kind_display()}]
    if session.facilitator_id:
        lines.append(_("Facilitator: %(name)s") % {"name": session.facilitator.full_name})
    if session.method:
        lines.append(_("Method: %(method)s") % {"method": session.method})
    if session.notes:
        lines.append(session.notes)
    event.add("description", "\n".join(lines))
    event.add("categories", [session.get_kind_display()])
    event.add("transp", "TRANSPARENT" if session.kind == "break" else "OPAQUE")
    _mark_cancelled(event, activity)
    return event


def activity_event(activity: Activity, days: list[datetime.date]) -> Event:
    """One all-day event from the first to the last of `days` (DTEND is the day after)."""
    event = Event()
    event.add("uid", f"attache-activity-{activity.pk}@{_host()}")
    event.add("dtstamp", _stamp(activity))
    event.add("dtstart", days[0])
    event.add("dtend", days[-1] + datetime.timedelta(days=1))
    event.add("summary", activity.title)
    if location := _location(activity):
        event.add("location", location)
    host = activity.host_institution.name if activity.host_institution_id else activity.host_state.name
    event.add(
        "description",
        _("%(modality)s hosted by %(host)s.") % {"modality": activity.get_modality_display(), "host": host},
    )
    return event


def _mark_cancelled(event: Event, activity: Activity) -> None:
    """A calendar that already holds the events takes them off when it reads this (same UID)."""
    if activity.status == ActivityStatus.CANCELLED:
        event.add("status", "CANCELLED")


def _finish(calendar: Calendar) -> bytes:
    calendar.add_missing_timezones()
    return calendar.to_ical()


def activity_calendar(activity: Activity, sessions) -> bytes:
    """Every session the reader sees; or one all-day event when there are none yet."""
    zone = _zone(activity)
    calendar = _calendar(activity.title, zone)
    sessions = list(sessions)
    for session in sessions:
        calendar.add_component(session_event(session, activity, zone))
    if not sessions and activity.days:
        calendar.add_component(activity_event(activity, activity.days))
    return _finish(calendar)


def participant_days(nomination: Nomination) -> list[datetime.date]:
    """The days a participant attended, once attendance is recorded; until then, every day of
    the activity (the days they are expected)."""
    if nomination.status not in SEATED:
        return []  # declined or withdrawn: no longer expected
    recorded = list(nomination.attendance.values_list("day", "present"))
    if recorded:
        return sorted(day for day, present in recorded if present)
    return nomination.activity.days


def participant_calendar(nomination: Nomination, sessions) -> bytes:
    """The sessions of the days the participant attends; one all-day event when the activity
    has no sessions on those days."""
    activity = nomination.activity
    zone = _zone(activity)
    name = f"{activity.title} — {nomination.person.full_name}"
    calendar = _calendar(name, zone)
    days = set(participant_days(nomination))
    chosen = [session for session in sessions if session.day in days]
    for session in chosen:
        calendar.add_component(session_event(session, activity, zone))
    if not chosen and days:
        calendar.add_component(activity_event(activity, sorted(days)))
    return _finish(calendar)
