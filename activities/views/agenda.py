"""The agenda of an activity: the builder (days × sessions, changed in place with htmx), the
printable agenda, and the calendar files (.ics) of the activity and of one participant.

One page template serves everything: a full page, or its `agenda` fragment when htmx asks. Each
write is a small POST view around one service (`activities.services_agenda`); with htmx it
answers with the agenda fragment, without JavaScript with a redirect (or the page again, status
400, with the refusal on its field). Reading follows the activity's access rule (404 when the
activity is hidden), changing follows the session's (403)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.formats import date_format, time_format
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from activities import calendar_files, services_agenda
from activities.models import Activity, Nomination, Session
from activities.views.tabs import tab_register, tabs_for
from community.models import Person
from core.access import can
from core.choosers import SearchChoiceField
from core.forms import ScopedModelForm, form_add_errors
from core.htmx import render_page_or_partial, wants_partial
from core.versions import RecordChanged

TEMPLATE = "activities/agenda.html"
REFUSED = 400
CHANGED = 409


# --- forms -----------------------------------------------------------------------------------


class SessionForm(ScopedModelForm):
    """One session; the day is chosen among the activity's days, the facilitator among its
    experts and the host institution's people. An edit carries the session's version, and the
    session never moves to an activity outside the user's scope (ScopedModelForm)."""

    listed_choices = ("facilitator",)  # the activity's experts and host people: a handful

    class Meta:
        model = Session
        fields = ["day", "start_time", "end_time", "title", "kind", "facilitator", "method", "notes"]
        widgets = {
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, activity: Activity, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.instance.activity = activity
        days = [(day.isoformat(), date_format(day, "l j F Y")) for day in activity.days]
        self.fields["day"].widget = forms.Select(choices=days)
        people = services_agenda.facilitator_choices(activity=activity, user=user)
        if self.instance.facilitator_id:  # still shown when no longer among the choices
            people = Person.objects.filter(Q(pk__in=people.values("pk")) | Q(pk=self.instance.facilitator_id))
        self.fields["facilitator"].queryset = people.order_by("full_name")
        self.fields["facilitator"].help_text = _("The activity's experts and the people of the host institution.")

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "day": data["day"],
            "start_time": data["start_time"],
            "end_time": data["end_time"],
            "title": data["title"],
            "kind": data["kind"],
            "facilitator_id": data["facilitator"].pk if data.get("facilitator") else None,
            "method": data["method"],
            "notes": data["notes"],
        }


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", gettext_lazy("Up")), ("down", gettext_lazy("Down"))], required=False)
    day = forms.DateField(required=False, label=gettext_lazy("Move to"))


class ExpertForm(forms.Form):
    person = SearchChoiceField(queryset=None, label=gettext_lazy("Expert"))

    def __init__(self, *args, activity: Activity, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = services_agenda.expert_choices(activity=activity, user=user)


# --- the page --------------------------------------------------------------------------------


def _activity(request, pk: int) -> Activity:
    scoped = Activity.objects.for_user(request.user).select_related("host_state", "host_institution")
    return get_object_or_404(scoped, pk=pk)


def _session(request, pk: int) -> Session:
    scoped = Session.objects.for_user(request.user).select_related("activity__host_state")
    return get_object_or_404(scoped, pk=pk)


def _agenda_url(activity_id: int, anchor: str = "") -> str:
    return reverse("activities:activity_agenda", args=[activity_id]) + (f"#{anchor}" if anchor else "")


def _render(request, activity, *, status=200, form=None, editing=None, adding_day=None, refusal="", notice=""):
    user = request.user
    may_prepare = (
        bool(activity.days) and can(user, "prepare", activity) and activity.status not in services_agenda.FROZEN
    )
    may_assign = can(user, "change", activity) and activity.status not in services_agenda.FROZEN
    sessions = list(services_agenda.agenda_sessions(activity=activity, user=user))
    editable = set()
    if may_prepare:
        editable = set(Session.objects.editable_by(user).filter(activity=activity).values_list("pk", flat=True))
    days = services_agenda.agenda_days(activity=activity, sessions=sessions)
    if form is not None and not may_prepare and not editing:  # no place for the form: say why above
        refusal = refusal or " ".join(form.non_field_errors())
    context = {
        "activity": activity,
        "object": activity,
        "days": days,
        "session_count": len(sessions),
        "may_prepare": may_prepare,
        "editable": editable,
        "form": form,
        "editing": editing,
        "adding_day": adding_day,
        "refusal": refusal,
        "notice": notice,
        "day_choices": [(day, date_format(day, "D j M")) for day in activity.days],
        "may_assign": may_assign,
        "experts": activity.experts.order_by("full_name") if may_assign else None,
        "expert_form": ExpertForm(activity=activity, user=user) if may_assign else None,
        "calendar_url": reverse("activities:activity_ics", args=[activity.pk]),
        "agenda_url": _agenda_url(activity.pk),
        "print_url": reverse("activities:activity_agenda_print", args=[activity.pk]),
        "tabs": tabs_for(activity=activity, user=user, current="agenda"),
    }
    return render_page_or_partial(request, TEMPLATE, context, partial="agenda", status=status)


def _done(request, activity, message: str, anchor: str = ""):
    """After a write: the fresh agenda fragment for htmx, a redirect for a plain form."""
    if wants_partial(request):
        return _render(request, activity, notice=message)
    messages.success(request, message)
    return HttpResponseRedirect(_agenda_url(activity.pk, anchor))


def _refused_message(error: ValidationError) -> str:
    return " ".join(error.messages)


@login_required
@require_GET
def activity_agenda(request, pk):
    return _render(request, _activity(request, pk))


def _checked_session(request, pk) -> Session:
    session = _session(request, pk)
    if not can(request.user, "change", session):
        raise PermissionDenied(_("Only the secretariat and the host institution change the agenda."))
    return session


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request, pk):
    activity = _activity(request, pk)
    if not can(request.user, "prepare", activity):
        raise PermissionDenied(_("Only the secretariat and the host institution build the agenda."))
    day = request.GET.get("day") or (activity.start_date.isoformat() if activity.start_date else None)
    form = SessionForm(request.POST or None, activity=activity, user=request.user, initial={"day": day})
    if request.method == "POST" and form.is_valid():
        try:
            session = services_agenda.session_save(
                actor=request.user, activity_id=activity.pk, **form.service_arguments()
            )
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            return _done(
                request, activity, _("Session “%(title)s” added.") % {"title": session}, f"session-{session.pk}"
            )
    # The form shows under the day asked for; a day the activity does not have, under its first.
    days = {day.isoformat() for day in activity.days}
    asked = str(form["day"].value() or day)
    adding_day = asked if asked in days else (activity.start_date.isoformat() if activity.start_date else None)
    status = REFUSED if form.is_bound else 200
    return _render(request, activity, status=status, form=form, adding_day=adding_day)


@login_required
@require_http_methods(["GET", "POST"])
def session_update(request, pk):
    session = _checked_session(request, pk)
    activity = session.activity
    form = SessionForm(request.POST or None, instance=session, activity=activity, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                form.claim_version()  # refuses an edit that started from an older version
                session = services_agenda.session_save(
                    actor=request.user, session_id=session.pk, **form.service_arguments()
                )
        except RecordChanged as error:
            form.refuse_changed(error)
            return _render(request, activity, status=CHANGED, form=form, editing=session.pk)
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            return _done(
                request, activity, _("Session “%(title)s” saved.") % {"title": session}, f"session-{session.pk}"
            )
    status = REFUSED if form.is_bound else 200
    return _render(request, activity, status=status, form=form, editing=session.pk)


@login_required
@require_http_methods(["GET", "POST"])
def session_delete(request, pk):
    session = _checked_session(request, pk)
    activity = session.activity
    if request.method == "GET":
        context = {"object": session, "activity": activity, "agenda_url": _agenda_url(activity.pk)}
        return render(request, "activities/agenda_session_delete.html", context)
    try:
        services_agenda.session_delete(actor=request.user, session_id=session.pk)
    except ValidationError as error:
        return _render(request, activity, status=REFUSED, refusal=_refused_message(error))
    return _done(request, activity, _("Session “%(title)s” deleted.") % {"title": session})


@login_required
@require_POST
def session_move(request, pk):
    session = _checked_session(request, pk)
    activity = session.activity
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _render(request, activity, status=REFUSED, refusal=_("Choose a day of the activity."))
    try:
        session = services_agenda.session_move(
            actor=request.user,
            session_id=session.pk,
            direction=form.cleaned_data["direction"],
            day=form.cleaned_data["day"],
        )
    except ValidationError as error:
        return _render(request, activity, status=REFUSED, refusal=_refused_message(error))
    message = _("Session “%(title)s” moved to %(day)s, %(start)s.") % {
        "title": session,
        "day": date_format(session.day, "l j F"),
        "start": time_format(session.start_time, "TIME_FORMAT"),
    }
    return _done(request, activity, message, f"session-{session.pk}")


@login_required
@require_POST
def activity_expert_add(request, pk):
    activity = _activity(request, pk)
    form = ExpertForm(request.POST, activity=activity, user=request.user)
    person = form.cleaned_data["person"] if form.is_valid() else None
    try:
        services_agenda.activity_expert_add(actor=request.user, activity_id=activity.pk, person_id=person and person.pk)
    except ValidationError as error:
        return _render(request, activity, status=REFUSED, refusal=_refused_message(error))
    return _done(request, activity, _("%(name)s assigned to this activity.") % {"name": person}, "experts")


@login_required
@require_POST
def activity_expert_remove(request, pk, person_pk):
    activity = _activity(request, pk)
    person = get_object_or_404(activity.experts.all(), pk=person_pk)
    try:
        services_agenda.activity_expert_remove(actor=request.user, activity_id=activity.pk, person_id=person.pk)
    except ValidationError as error:
        return _render(request, activity, status=REFUSED, refusal=_refused_message(error))
    return _done(request, activity, _("%(name)s no longer assigned to this activity.") % {"name": person}, "experts")


# --- print and calendar files ----------------------------------------------------------------


@login_required
@require_GET
def activity_agenda_print(request, pk):
    activity = _activity(request, pk)
    sessions = services_agenda.agenda_sessions(activity=activity, user=request.user)
    context = {
        "activity": activity,
        "days": [day for day in services_agenda.agenda_days(activity=activity, sessions=sessions) if day["sessions"]],
        "agenda_url": _agenda_url(activity.pk),
    }
    return render(request, "activities/agenda_print.html", context)


def calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


def _filename(activity: Activity, suffix: str = "") -> str:
    base = slugify(activity.reference or activity.title)[:60] or f"activity-{activity.pk}"
    return f"{base}{suffix}.ics"


def activity_calendar_download(user, pk: int) -> HttpResponse:
    """The activity's calendar as the user may read it (404 when the activity is hidden)."""
    activity = get_object_or_404(Activity.objects.for_user(user).select_related("host_state"), pk=pk)
    sessions = services_agenda.agenda_sessions(activity=activity, user=user)
    return calendar_response(calendar_files.activity_calendar(activity, sessions), _filename(activity))


def participant_calendar_download(user, pk: int, nomination_pk: int) -> HttpResponse:
    """One participant's calendar: their own, their state's focal point's, the host's or the
    secretariat's to download (404 for anyone else)."""
    nomination = get_object_or_404(
        Nomination.objects.for_user(user).select_related("activity__host_state", "person"),
        pk=nomination_pk,
        activity_id=pk,
    )
    activity = nomination.activity
    sessions = Session.objects.filter(activity=activity).select_related("facilitator")
    content = calendar_files.participant_calendar(nomination, sessions)
    return calendar_response(content, _filename(activity, f"-{slugify(nomination.person.full_name)[:40]}"))


@login_required
@require_GET
def activity_ics(request, pk):
    return activity_calendar_download(request.user, pk)


@login_required
@require_GET
def participant_ics(request, pk, nomination_pk):
    return participant_calendar_download(request.user, pk, nomination_pk)


tab_register(key="agenda", label=gettext_lazy("Agenda"), url_name="activities:activity_agenda", order=20)

urlpatterns = [
    path("<int:pk>/agenda/", activity_agenda, name="activity_agenda"),
    path("<int:pk>/agenda/sessions/new/", session_create, name="session_create"),
    path("sessions/<int:pk>/edit/", session_update, name="session_update"),
    path("sessions/<int:pk>/delete/", session_delete, name="session_delete"),
    path("sessions/<int:pk>/move/", session_move, name="session_move"),
    path("<int:pk>/agenda/experts/add/", activity_expert_add, name="activity_expert_add"),
    path("<int:pk>/agenda/experts/<int:person_pk>/remove/", activity_expert_remove, name="activity_expert_remove"),
    path("<int:pk>/agenda/print/", activity_agenda_print, name="activity_agenda_print"),
    path("<int:pk>/calendar.ics", activity_ics, name="activity_ics"),
    path("<int:pk>/calendar/<int:nomination_pk>.ics", participant_ics, name="participant_ics"),
]
