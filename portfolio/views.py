from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import views as generic
from core.forms import posted_version
from core.versions import RecordChanged
from core.workflow import InvalidTransition, transitions_of
from portfolio import filtersets, forms, selectors, services, tables
from portfolio.choices import PracticeStatus
from portfolio.models import Practice
from portfolio.workflow import practice_workflow


class PracticeListView(generic.ObjectListView):
    """The catalogue of practices: what each state and institution can share."""

    queryset = Practice.objects.all()
    filterset = filtersets.PracticeCatalogueFilterSet
    table = tables.PracticeTable

    def scoped_queryset(self):
        return selectors.practice_list(user=self.request.user)


class PracticeDetailView(generic.ObjectDetailView):
    queryset = selectors.practice_detail_queryset()

    def extra_context(self, obj):
        moves = practice_workflow.allowed(obj, self.request.user)
        return {
            "can_publish": PracticeStatus.PUBLISHED in moves,
            "can_request_update": PracticeStatus.NEEDS_UPDATE in moves,
            "request_update_form": forms.RequestUpdateForm(),
            "transitions": transitions_of(obj),
        }


class PracticeEditView(generic.ObjectEditView):
    queryset = Practice.objects.all()
    form = forms.PracticeForm

    def save(self, form):
        return services.practice_save(practice_id=form.instance.pk, actor=self.request.user, **form.cleaned_data)


class PracticeDeleteView(generic.ObjectDeleteView):
    queryset = Practice.objects.all()


def _review(request, pk, service, success: str, **kwargs):
    """Make one review move; the workflow refuses a move the user may not make (403)."""
    practice = get_object_or_404(Practice.objects.for_user(request.user), pk=pk)
    try:
        practice = service(practice_id=practice.pk, actor=request.user, version=posted_version(request.POST), **kwargs)
    except InvalidTransition as error:
        messages.error(request, error.message)
    except RecordChanged as changed:  # the page showed an older version of the entry
        messages.error(request, changed.move_message_for(request.user))
    else:
        messages.success(request, success % {"name": practice})
    return generic.redirect_after_post(request, practice.get_absolute_url())


@login_required
@require_POST
def practice_publish(request, pk):
    """Publish a draft, or confirm that an entry flagged for an update is still current."""
    return _review(request, pk, services.practice_publish, _("%(name)s is published in the catalogue."))


@login_required
@require_POST
def practice_request_update(request, pk):
    """Ask the owners to bring a published entry up to date, with a note saying what to change."""
    form = forms.RequestUpdateForm(request.POST)
    if not form.is_valid():
        practice = get_object_or_404(Practice.objects.for_user(request.user), pk=pk)
        messages.error(request, " ".join(form.errors["note"]))
        return generic.redirect_after_post(request, practice.get_absolute_url())
    note = form.cleaned_data["note"]
    return _review(
        request,
        pk,
        services.practice_request_update,
        _("The owners of %(name)s were asked for an update."),
        note=note,
    )
