"""Action plans and their items, on the generic views."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import views as generic
from core.access import can
from core.forms import posted_version
from core.versions import RecordChanged
from followup import filtersets, forms, selectors, services, tables
from followup.models import ActionItem, ActionPlan


class ActionplanListView(generic.ObjectListView):
    queryset = ActionPlan.objects.all()
    filterset = filtersets.ActionPlanFilterSet
    table = tables.ActionPlanTable

    def scoped_queryset(self):
        return selectors.actionplan_list(user=self.request.user)


class ActionplanDetailView(generic.ObjectDetailView):
    queryset = selectors.actionplan_detail_queryset()

    def extra_context(self, obj):
        return {
            "items": list(obj.items.all()),
            "may_review": can(self.request.user, "review", obj),
            "may_add_item": can(self.request.user, "add", ActionItem(plan=obj)),
            "review_form": forms.ReviewForm(),
            "editable_items": set(
                ActionItem.objects.editable_by(self.request.user).filter(plan=obj).values_list("pk", flat=True)
            ),
        }


class ActionplanEditView(generic.ObjectEditView):
    queryset = ActionPlan.objects.all()
    form = forms.ActionPlanForm


class ActionplanDeleteView(generic.ObjectDeleteView):
    queryset = ActionPlan.objects.all()


class ActionitemListView(generic.ObjectListView):
    queryset = ActionItem.objects.all()
    filterset = filtersets.ActionItemFilterSet
    table = tables.ActionItemTable

    def scoped_queryset(self):
        return ActionItem.objects.for_user(self.request.user).select_related("plan", "plan__state")


class ActionitemDetailView(generic.ObjectDetailView):
    queryset = ActionItem.objects.all()

    def get(self, request, pk):
        return redirect(self.get_object(pk).get_absolute_url())


class ActionitemEditView(generic.ObjectEditView):
    queryset = ActionItem.objects.all()
    form = forms.ActionItemForm

    def get(self, request, pk=None):
        obj = self.get_instance(pk)
        initial = {"plan": request.GET.get("plan")} if pk is None and request.GET.get("plan", "").isdigit() else {}
        return self.render_form(self.form(instance=obj, user=request.user, initial=initial), obj)

    def save(self, form):
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        return services.actionitem_save(
            item_id=form.instance.pk, actor=self.request.user, documents=form.cleaned_data["documents"], **fields
        )


class ActionitemDeleteView(generic.ObjectDeleteView):
    queryset = ActionItem.objects.all()


@login_required
@require_POST
def actionplan_review(request, pk):
    plan = get_object_or_404(ActionPlan.objects.for_user(request.user), pk=pk)
    form = forms.ReviewForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError({"review_note": form.errors["note"]})
        services.actionplan_review(
            plan_id=plan.pk, note=form.cleaned_data["note"], actor=request.user, version=posted_version(request.POST)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except RecordChanged as changed:  # the page showed an older version of the plan
        messages.error(request, changed.move_message_for(request.user))
    else:
        messages.success(request, _("The review of %(name)s is recorded.") % {"name": plan})
    return generic.redirect_after_post(request, plan.get_absolute_url())


urlpatterns = [path("plans/<int:pk>/review/", actionplan_review, name="actionplan_review")]
