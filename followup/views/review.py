"""The follow-up review of a request: the evidence, then maturity, implementation and the move
recorded in one submit (followup.services_review)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community.choices import MATURITY_LEVELS
from core.versions import RecordChanged
from decisions.choices import ImplementationStatus
from followup import selectors
from followup.services_review import (
    followup_review_record,
    level_field,
    may_review,
    review_targets,
    reviewable_request,
    status_field,
)


class FollowUpReviewForm(forms.Form):
    to = forms.ChoiceField(label=gettext_lazy("Next step for the request"))
    evidence = forms.CharField(
        label=gettext_lazy("What the evidence shows"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,  # the service says what is missing, as the API does
    )
    comment = forms.CharField(
        label=gettext_lazy("Comment on the move"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Needed to move without a follow-up questionnaire or its answer."),
    )
    # The version of the request the page showed: a request changed since is not moved.
    version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, assistance_request, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = assistance_request.version
        self.fields["to"].choices = [(str(s), s.label) for s in review_targets(assistance_request, user)]
        levels = [("", "—"), *[(str(value), label) for value, label in MATURITY_LEVELS]]
        for area in assistance_request.areas.all():
            self.fields[level_field(area.pk)] = forms.ChoiceField(
                label=_("Level in %(area)s") % {"area": area.name}, choices=levels, required=False
            )
        statuses = [("", _("No new report")), *ImplementationStatus.choices]
        for action in assistance_request.actions.all():
            self.fields[status_field(action.pk)] = forms.ChoiceField(
                label=str(action), choices=statuses, required=False
            )
        self.areas = list(assistance_request.areas.all())
        self.actions = list(assistance_request.actions.all())

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "to": data["to"],
            "evidence": data["evidence"],
            "comment": data["comment"],
            "version": data["version"],
            "levels": {a.pk: int(data[level_field(a.pk)]) for a in self.areas if data.get(level_field(a.pk))},
            "statuses": {a.pk: data[status_field(a.pk)] for a in self.actions if data.get(status_field(a.pk))},
        }


@login_required
def followup_review(request, pk: int):
    try:
        assistance_request = reviewable_request(request_id=pk, user=request.user)
    except ObjectDoesNotExist as missing:
        raise Http404 from missing
    if not may_review(request.user, assistance_request):
        raise PermissionDenied
    form = FollowUpReviewForm(request.POST or None, assistance_request=assistance_request, user=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                followup_review_record(request_id=pk, actor=request.user, **form.service_arguments())
            except RecordChanged as changed:  # the page showed an older version of the request
                form.add_error(None, changed.move_message_for(request.user))
                form.data = form.data.copy()
                form.data["version"] = str(changed.current)  # the next submit starts from what was seen
                status = 409
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
                status = 400
            else:
                messages.success(request, _("Follow-up review recorded."))
                return redirect(assistance_request.get_absolute_url())
        else:
            status = 400
    context = {
        "assistance_request": assistance_request,
        "form": form,
        **selectors.review_evidence(assistance_request=assistance_request),
    }
    return render(request, "followup/followup_review.html", context, status=status)


urlpatterns = [
    path("requests/<int:pk>/review/", followup_review, name="followup_review"),
]
