"""Proposing and checking an activity's dates on the host's calendar.

A proposal takes N working days (the modality's usual length) inside the request's window,
skipping the host's weekends, public holidays and other non-working days kept in the registry
(`core.calendar`, the calendar matching reads too), avoiding the days the host
already holds another activity, and preferring the week a relevant committee of the host meets:
the seed timed attachments to such meetings so visiting officials could sit in.
An officer may choose other dates; `date_warnings` then says which non-working days or clashes fall
inside.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from activities.choices import LIVE
from activities.models import Activity
from community.models import CommitteeMeeting
from core.calendar import WorkCalendar, holidays_between
from core.vocabulary import GENERIC_WORDS, fold


@dataclass
class DateProposal:
    start: datetime.date | None
    end: datetime.date | None
    working_days: int
    meeting: CommitteeMeeting | None = None
    problem: str = ""  # why no dates could be proposed
    warnings: list[str] = field(default_factory=list)


def _words(text: str) -> set[str]:
    """The telling words of a text: five letters or more, not generic (`core.vocabulary`)."""
    return {word for word in re.findall(r"[^\W\d_]{5,}", fold(text)) if word not in GENERIC_WORDS}


def _busy_days(*, host_state_id: int, host_institution_id: int | None, start, end, exclude_pk=None) -> dict:
    """Day → the host's other live activity held that day."""
    same_host = Q(host_institution_id=host_institution_id) if host_institution_id else Q(host_state_id=host_state_id)
    others = (
        Activity.objects.filter(same_host, status__in=LIVE, start_date__lte=end, end_date__gte=start)
        .exclude(pk=exclude_pk)
        .only("pk", "title", "start_date", "end_date")
    )
    busy = {}
    for other in others:
        for day in other.days:
            busy.setdefault(day, other)
    return busy


def relevant_meetings(*, host_state_id: int, host_institution_id: int | None, topic: str, start, end) -> list:
    """Meetings of the host's committees in the window that concern the topic (or are the host
    institution's own), earliest first."""
    meetings = CommitteeMeeting.objects.filter(
        committee__state_id=host_state_id, date__range=(start, end)
    ).select_related("committee")
    wanted = _words(topic)
    return [
        meeting
        for meeting in meetings.order_by("date", "pk")
        if meeting.committee_id == host_institution_id or wanted & _words(f"{meeting.committee.name} {meeting.agenda}")
    ]


def propose_dates(
    *,
    country: str,
    host_state_id: int,
    host_institution_id: int | None,
    window_start: datetime.date,
    window_end: datetime.date,
    working_days: int,
    topic: str = "",
    exclude_pk: int | None = None,
) -> DateProposal:
    """The first span of `working_days` working days in the window that keeps clear of the host's
    other activities, preferring one that holds a relevant committee meeting."""
    if window_end < window_start:
        return DateProposal(None, None, working_days, problem=_("The window ends before it starts."))
    calendar = WorkCalendar(country, window_start, window_end)
    available = calendar.working_days_between(window_start, window_end)
    if available < working_days:
        return DateProposal(
            None,
            None,
            working_days,
            problem=_(
                "The window from %(start)s to %(end)s holds %(available)s working days in the host state; "
                "this activity needs %(needed)s. Widen the window or shorten the activity."
            )
            % {
                "start": date_format(window_start),
                "end": date_format(window_end),
                "available": available,
                "needed": working_days,
            },
        )
    busy = _busy_days(
        host_state_id=host_state_id,
        host_institution_id=host_institution_id,
        start=window_start,
        end=window_end,
        exclude_pk=exclude_pk,
    )
    meetings = relevant_meetings(
        host_state_id=host_state_id,
        host_institution_id=host_institution_id,
        topic=topic,
        start=window_start,
        end=window_end,
    )
    spans = []
    start = calendar.add_working_days(window_start, 0)
    while start <= window_end:
        end = calendar.add_working_days(start, working_days - 1)
        if end > window_end:
            break
        if not any(start <= day <= end for day in busy):
            spans.append((start, end))
        start = calendar.add_working_days(start, 1)
    if not spans:
        return DateProposal(
            None,
            None,
            working_days,
            problem=_("The host already holds other activities on every span of %(needed)s working days in the window.")
            % {"needed": working_days},
        )
    for start, end in spans:
        for meeting in meetings:
            if start <= meeting.date <= end:
                return DateProposal(start, end, working_days, meeting=meeting)
    start, end = spans[0]
    return DateProposal(start, end, working_days)


def date_warnings(
    *,
    country: str,
    host_state_id: int,
    host_institution_id: int | None,
    start: datetime.date,
    end: datetime.date,
    exclude_pk: int | None = None,
) -> list[str]:
    """What an officer should know about dates they chose: holidays and other non-working days,
    weekends, the host's clashes."""
    calendar = WorkCalendar(country, start, end)
    # Public holidays named in the reader's language where the holidays package can.
    statutory = dict(holidays_between(country, start, end, get_language()))
    warnings = [
        (
            _("%(day)s is a public holiday in the host state (%(name)s).")
            if day in statutory
            else _("%(day)s is a non-working day in the host state (%(name)s).")
        )
        % {"day": date_format(day), "name": statutory.get(day, name)}
        for day, name in calendar.between(start, end)
    ]
    if not calendar.is_working_day(start) and start not in calendar.closed:
        warnings.append(_("The first day, %(day)s, falls on a weekend.") % {"day": date_format(start)})
    busy = _busy_days(
        host_state_id=host_state_id,
        host_institution_id=host_institution_id,
        start=start,
        end=end,
        exclude_pk=exclude_pk,
    )
    for other in {activity.pk: activity for activity in busy.values()}.values():
        warnings.append(
            _("The host also holds “%(title)s” from %(start)s to %(end)s.")
            % {"title": other.title, "start": date_format(other.start_date), "end": date_format(other.end_date)}
        )
    return warnings
