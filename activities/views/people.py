"""The people of an activity: nominations (by the states taking part, within the modality's caps),
their confirmation, the attendance grid, certificates of participation, and the public page
where anyone checks a certificate's code. Every write calls `activities.services_people`."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.decorators.http import require_POST

from activities import services_people as people
from activities.certificates import certificate_pdf, verification_url
from activities.choices import STARTED, NominationStatus
from activities.models import Activity, Certificate, Nomination
from activities.rules import modality_rule
from activities.views.tabs import tab_register, tabs_for
from community.models import MemberState, Person
from core.access import can
from core.choosers import SearchChoiceField
from core.forms import form_add_errors, posted_version
from core.versions import RecordChanged
from core.views import redirect_after_post
from core.workflow import InvalidTransition

N = NominationStatus
MOVE_LABELS = {
    N.CONFIRMED: gettext_lazy("Confirm"),
    N.DECLINED: gettext_lazy("Decline"),
    N.WITHDRAWN: gettext_lazy("Withdraw"),
}

tab_register(key="people", label=gettext_lazy("People"), url_name="activities:activity_people", order=30)


def _activity(request, pk) -> Activity:
    queryset = Activity.objects.for_user(request.user).select_related("host_state", "host_institution")
    return get_object_or_404(queryset, pk=pk)


def _page_context(request, activity: Activity) -> dict:
    """What every people page shows above its content: the activity and its tabs."""
    return {
        "activity": activity,
        "tabs": tabs_for(activity=activity, user=request.user, current="people"),
    }


def _states_to_nominate_for(user, activity: Activity) -> list:
    return [
        state
        for state in activity.states.order_by("name")
        if can(user, "add", Nomination(activity=activity, state=state))
    ]


def _cap_summary(activity: Activity) -> str:
    rule, seats = modality_rule(activity.modality), people.nomination_seats(activity)
    if seats.cap is None:
        return ngettext("%(count)s official nominated.", "%(count)s officials nominated.", seats.taken) % {
            "count": seats.taken
        }
    text = _("%(taken)s of %(cap)s seats taken") % {"taken": seats.taken, "cap": seats.cap}
    if seats.justified_cap:
        text += _(" (up to %(justified)s with a written justification)") % {"justified": seats.justified_cap}
    return text + _("; at least %(min)s officials.") % {"min": rule.min_people}


# --- the people page --------------------------------------------------------------------------


class ActivityPeopleView(LoginRequiredMixin, View):
    """Nominations by state with their status and the moves each reader may make; attendance
    and certificates once the activity runs."""

    def get(self, request, pk):
        activity = _activity(request, pk)
        nominations = list(people.nominations_of(activity=activity, user=request.user))
        actions = people.nomination_actions(nominations, request.user)
        groups: dict = {}
        for nomination in nominations:
            row = actions[nomination.pk]
            moves = [{"to": to, "label": MOVE_LABELS[to], "reason": to == N.DECLINED} for to in row["moves"]]
            groups.setdefault(nomination.state, []).append(
                {"nomination": nomination, "moves": moves, "may_confirm_participation": row["participant_confirm"]}
            )
        may_prepare = can(request.user, "prepare", activity)
        may_certify = can(request.user, "certify", activity)
        context = {
            **_page_context(request, activity),
            "groups": list(groups.items()),
            "cap_summary": _cap_summary(activity),
            "may_nominate": bool(_states_to_nominate_for(request.user, activity))
            and can(request.user, "nominate", activity)
            and activity.status in people.NOMINATION_OPEN,
            "attendance_open": activity.status in people.ATTENDANCE_OPEN,
            "started": activity.status in STARTED,
            "may_record_attendance": may_prepare and activity.status in people.ATTENDANCE_OPEN,
            "grid": people.attendance_grid(activity=activity)
            if (may_prepare or may_certify) and activity.status in STARTED
            else None,
            "may_certify": may_certify and activity.status in people.CERTIFICATES_OPEN,
            "certificates": list(people.certificates_of(activity=activity, user=request.user)),
        }
        return render(request, "activities/people.html", context)


# --- nominating ----------------------------------------------------------------------------------


class NominationForm(forms.Form):
    """The page's spelling of `services_people.nomination_create`: every rule is the service's."""

    state = forms.ModelChoiceField(queryset=None, required=False, label=gettext_lazy("Nominating state"))
    person = SearchChoiceField(
        queryset=None,
        required=False,
        label=gettext_lazy("Official"),
        empty_label=gettext_lazy("— a new official, typed below —"),
    )
    full_name = forms.CharField(required=False, label=gettext_lazy("New official: full name"))
    email = forms.CharField(required=False, label=gettext_lazy("New official: e-mail"))
    post = forms.CharField(required=False, label=gettext_lazy("Post"))
    reason = forms.CharField(
        required=False, label=gettext_lazy("Why this official"), widget=forms.Textarea(attrs={"rows": 3})
    )
    justification = forms.CharField(
        required=False,
        label=gettext_lazy("Justification for a larger group"),
        help_text=gettext_lazy("Only beyond the ordinary cap, where the modality allows it (a study visit of 4 or 5)."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, states, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].queryset = states_qs = MemberState.objects.filter(pk__in=[state.pk for state in states])
        if len(states) == 1:
            self.fields["state"].initial = states[0].pk
        people_of = Q(state__in=states_qs) | Q(institution__state__in=states_qs)
        self.fields["person"].queryset = Person.objects.filter(people_of).select_related("state").order_by("full_name")
        self.fields["person"].label_from_instance = lambda p: f"{p.full_name} — {p.post}" if p.post else p.full_name


class NominationCreateView(LoginRequiredMixin, View):
    template_name = "activities/people_nominate.html"

    def _setup(self, request, pk):
        activity = _activity(request, pk)
        states = _states_to_nominate_for(request.user, activity)
        if not (states and can(request.user, "nominate", activity)):
            raise Http404  # not theirs to nominate for: as if there were no such page
        return activity, states

    def _render(self, request, activity, form, status=200):
        context = {**_page_context(request, activity), "form": form, "cap_summary": _cap_summary(activity)}
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk):
        activity, states = self._setup(request, pk)
        return self._render(request, activity, NominationForm(states=states))

    def post(self, request, pk):
        activity, states = self._setup(request, pk)
        form = NominationForm(request.POST, states=states)
        if form.is_valid():
            data = form.cleaned_data
            try:
                nomination = people.nomination_create(
                    actor=request.user,
                    activity_id=activity.pk,
                    state_id=data["state"].pk if data["state"] else None,
                    person_id=data["person"].pk if data["person"] else None,
                    full_name=data["full_name"],
                    email=data["email"],
                    post=data["post"],
                    reason=data["reason"],
                    justification=data["justification"],
                )
            except ValidationError as error:
                form_add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("%(name)s nominated. %(seats)s")
                    % {"name": nomination.person.full_name, "seats": _cap_summary(activity)},
                )
                return redirect("activities:activity_people", activity.pk)
        return self._render(request, activity, form, status=400)


# --- moves -------------------------------------------------------------------------------------


def _visible_nomination(request, pk) -> Nomination:
    return get_object_or_404(Nomination.objects.for_user(request.user).select_related("activity"), pk=pk)


@login_required
@require_POST
def nomination_move(request, pk):
    """Confirm, decline (with a reason) or withdraw a nomination; a refused move says why."""
    nomination = _visible_nomination(request, pk)
    to = request.POST.get("to", "")
    try:
        nomination = people.nomination_transition(
            actor=request.user,
            nomination_id=nomination.pk,
            to=to,
            comment=request.POST.get("comment", ""),
            version=posted_version(request.POST),
        )
    except InvalidTransition as refusal:
        messages.error(request, refusal.message)
    except RecordChanged as changed:  # the page showed an older version of the nomination
        messages.error(request, changed.move_message_for(request.user))
    except ValueError:
        messages.error(request, _("Choose where the nomination should go."))
    else:
        messages.success(
            request,
            _("%(name)s: %(status)s.")
            % {"name": nomination.person.full_name, "status": nomination.get_status_display().lower()},
        )
    return redirect_after_post(request, nomination.get_absolute_url())


@login_required
@require_POST
def nomination_participant_confirm(request, pk):
    nomination = _visible_nomination(request, pk)
    try:
        people.nomination_participant_confirm(actor=request.user, nomination_id=nomination.pk)
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    else:
        messages.success(request, _("Participation confirmed."))
    return redirect_after_post(request, nomination.get_absolute_url())


# --- attendance --------------------------------------------------------------------------------


def _marks_from(post, grid) -> list:
    """Every cell of the grid: ticked boxes are present, the others absent."""
    ticked = set(post.getlist("present"))
    return [
        (row["nomination"].pk, cell["day"], f"{row['nomination'].pk}:{cell['day'].isoformat()}" in ticked)
        for row in grid
        for cell in row["cells"]
    ]


class AttendanceView(LoginRequiredMixin, View):
    """The grid of participants × days: the secretariat or the host institution ticks who came."""

    template_name = "activities/people_attendance.html"

    def _setup(self, request, pk):
        activity = _activity(request, pk)
        if not can(request.user, "prepare", activity):
            raise Http404
        return activity

    def _render(self, request, activity, *, error="", status=200):
        context = {
            **_page_context(request, activity),
            "grid": people.attendance_grid(activity=activity),
            # The weekday's short name in the reader's language heads each column.
            "days": [{"date": day, "weekday": date_format(day, "D")} for day in activity.days],
            "open": activity.status in people.ATTENDANCE_OPEN,
            "error": error,
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk):
        return self._render(request, self._setup(request, pk))

    def post(self, request, pk):
        activity = self._setup(request, pk)
        marks = _marks_from(request.POST, people.attendance_grid(activity=activity))
        try:
            people.attendance_record(actor=request.user, activity_id=activity.pk, marks=marks)
        except ValidationError as refusal:
            return self._render(request, activity, error=" ".join(refusal.messages), status=400)
        messages.success(request, _("Attendance saved."))
        return redirect(reverse("activities:activity_people", args=[activity.pk]) + "#attendance")


# --- certificates ------------------------------------------------------------------------------


@login_required
@require_POST
def certificates_issue(request, pk):
    activity = _activity(request, pk)
    try:
        result = people.certificates_issue(actor=request.user, activity_id=activity.pk)
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    else:
        parts = [
            ngettext("%(count)s certificate issued.", "%(count)s certificates issued.", len(result.issued))
            % {"count": len(result.issued)}
        ]
        if result.absent:
            parts.append(
                ngettext(
                    "%(count)s participant left out: present on no day.",
                    "%(count)s participants left out: present on no day.",
                    result.absent,
                )
                % {"count": result.absent}
            )
        if result.already:
            parts.append(
                ngettext(
                    "%(count)s participant already holds one.",
                    "%(count)s participants already hold one.",
                    result.already,
                )
                % {"count": result.already}
            )
        messages.success(request, " ".join(parts))
    return redirect(reverse("activities:activity_people", args=[activity.pk]) + "#certificates")


def _visible_certificate(request, pk) -> Certificate:
    return get_object_or_404(Certificate.objects.for_user(request.user).select_related("nomination"), pk=pk)


@login_required
def certificate_download(request, pk):
    """The PDF, for those who may see the certificate (404 for everyone else)."""
    certificate = _visible_certificate(request, pk)
    response = HttpResponse(certificate_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.pdf"'
    return response


def _back_to_certificates(certificate) -> str:
    return reverse("activities:activity_people", args=[certificate.nomination.activity_id]) + "#certificates"


@login_required
@require_POST
def certificate_reissue(request, pk):
    certificate = _visible_certificate(request, pk)
    try:
        new = people.certificate_reissue(actor=request.user, certificate_id=certificate.pk)
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    else:
        messages.success(
            request,
            _("Re-issued as %(code)s; %(old)s now shows as replaced.") % {"code": new.code, "old": certificate.code},
        )
    return redirect(_back_to_certificates(certificate))


@login_required
@require_POST
def certificate_revoke(request, pk):
    certificate = _visible_certificate(request, pk)
    try:
        people.certificate_revoke(
            actor=request.user, certificate_id=certificate.pk, reason=request.POST.get("reason", "")
        )
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    else:
        messages.success(request, _("Certificate %(code)s revoked.") % {"code": certificate.code})
    return redirect(_back_to_certificates(certificate))


# --- public verification ---------------------------------------------------------------------------


def certificate_verify(request, code):
    """Anyone, signed in or not, checks a code: valid, replaced or revoked, and what it certifies.
    An unknown code says only that no certificate has it."""
    certificate = people.certificate_by_code(code)
    if certificate is None:
        return render(request, "activities/certificate_verify.html", {"code": code}, status=404)
    if certificate.code != code:
        return redirect("activities:certificate_verify", certificate.code)
    return render(
        request,
        "activities/certificate_verify.html",
        {"certificate": certificate, "code": code, "url": verification_url(certificate)},
    )


def certificate_lookup(request):
    """A form to type a code read off a certificate."""
    code = request.GET.get("code", "").strip()
    if code:
        return redirect("activities:certificate_verify", code)
    return render(request, "activities/certificate_lookup.html")


urlpatterns = [
    path("<int:pk>/people/", ActivityPeopleView.as_view(), name="activity_people"),
    path("<int:pk>/people/nominate/", NominationCreateView.as_view(), name="nomination_create"),
    path("nominations/<int:pk>/move/", nomination_move, name="nomination_move"),
    path(
        "nominations/<int:pk>/confirm-participation/",
        nomination_participant_confirm,
        name="nomination_participant_confirm",
    ),
    path("<int:pk>/people/attendance/", AttendanceView.as_view(), name="attendance_record"),
    path("<int:pk>/certificates/issue/", certificates_issue, name="certificates_issue"),
    path("certificates/<int:pk>.pdf", certificate_download, name="certificate_pdf"),
    path("certificates/<int:pk>/reissue/", certificate_reissue, name="certificate_reissue"),
    path("certificates/<int:pk>/revoke/", certificate_revoke, name="certificate_revoke"),
    path("verify/<str:code>/", certificate_verify, name="certificate_verify"),
    path("verify/", certificate_lookup, name="certificate_lookup"),
]
