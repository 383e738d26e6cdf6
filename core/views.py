"""Generic list, detail, edit and delete views, scoped by the model's AccessRule (NetBox style)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django_htmx.http import HttpResponseClientRedirect

from core.forms import form_add_errors
from core.history import history_for
from core.htmx import render_page_or_partial
from core.tables import PAGE_SIZE  # noqa: F401  (re-exported: the lists' page size)
from core.versions import RecordChanged


def url_name(model, action: str) -> str:
    return f"{model._meta.app_label}:{model._meta.model_name}_{action}"


def template_name(model, suffix: str) -> str:
    return f"{model._meta.app_label}/{model._meta.model_name}_{suffix}.html"


def redirect_after_post(request, url: str):
    """htmx posts get HX-Redirect so the whole page changes; plain posts get a 302."""
    if request.htmx:
        return HttpResponseClientRedirect(url)
    return HttpResponseRedirect(url)


class ObjectView(LoginRequiredMixin, View):
    queryset = None

    @property
    def model(self):
        return self.queryset.model

    def scoped_queryset(self):
        return self.queryset.for_user(self.request.user)

    def get_object(self, pk):
        return get_object_or_404(self.scoped_queryset(), pk=pk)

    def base_context(self):
        meta = self.model._meta
        return {
            "model_name": meta.verbose_name,
            "model_name_plural": meta.verbose_name_plural,
            "list_url": reverse(url_name(self.model, "list")),
            "add_url": reverse(url_name(self.model, "add")),
            "can_add": self.model.access.can_add(self.request.user),
        }


class ObjectListView(ObjectView):
    """Filtered, searchable, sortable, paginated table of the records the user may see.

    `table` is the model's `core.tables.Table`; it gets the filtered, scoped queryset and the
    request (sort, page, column choice). htmx requests get the #results fragment only."""

    filterset = None
    table = None
    template = None

    def get(self, request):
        filterset = self.filterset(request.GET, queryset=self.scoped_queryset(), request=request)
        table = self.table(filterset.qs).configure(request)
        context = {
            **self.base_context(),
            "filterset": filterset,
            "table": table,
            "page_obj": table.page,
            "object_list": table.page.object_list,
        }
        return render_page_or_partial(request, self.template or "generic/object_list.html", context, partial="results")


class ObjectDetailView(ObjectView):
    """One record, with what the user may do with it and its change history."""

    def extra_context(self, obj) -> dict:
        return {}

    def get(self, request, pk):
        obj = self.get_object(pk)
        can_change = obj.can_change(request.user)
        context = {
            **self.base_context(),
            "object": obj,
            "can_change": can_change,
            "edit_url": reverse(url_name(self.model, "edit"), args=[obj.pk]),
            "delete_url": reverse(url_name(self.model, "delete"), args=[obj.pk]),
            "history": history_for(obj),
            **self.extra_context(obj),
        }
        return render(request, template_name(self.model, "detail"), context)


class ObjectEditView(ObjectView):
    """Create (no pk) or edit a record; the saved record must stay within what the user may change."""

    form = None

    def get_instance(self, pk):
        if pk is None:
            if not self.model.access.can_add(self.request.user):
                raise PermissionDenied
            return self.model()
        obj = self.get_object(pk)
        if not obj.can_change(self.request.user):
            raise PermissionDenied
        return obj

    def render_form(self, form, obj):
        context = {**self.base_context(), "form": form, "object": obj}
        return render(self.request, "generic/object_edit.html", context)

    def get(self, request, pk=None):
        obj = self.get_instance(pk)
        return self.render_form(self.form(instance=obj, user=request.user), obj)

    def post(self, request, pk=None):
        obj = self.get_instance(pk)
        form = self.form(request.POST, request.FILES, instance=obj, user=request.user)
        if not form.is_valid():
            return self.render_form(form, obj)
        adding = obj._state.adding
        try:
            with transaction.atomic():
                form.claim_version()  # refuses an edit that started from an older version
                obj = self.save(form)
                if not obj.can_change(request.user):
                    raise PermissionDenied  # rolls the save back
        except RecordChanged as error:
            form.refuse_changed(error)
            return self.render_form(form, obj)
        except (PermissionDenied, ValidationError) as error:
            if adding:  # the row was rolled back: show the add form again, not an edit form
                obj.pk, obj._state.adding = None, True
            if isinstance(error, ValidationError):
                form_add_errors(form, error)  # a rule of the model or the service, as the API says it
            else:
                form.add_error(None, _("You may not save a record outside your own state or institution."))
            return self.render_form(form, obj)
        messages.success(request, _("%(name)s saved.") % {"name": obj})
        return redirect_after_post(request, obj.get_absolute_url())

    def save(self, form):
        return form.save()


class ObjectDeleteView(ObjectView):
    """Confirm, then delete a record the user may change."""

    def get_deletable(self, pk):
        obj = self.get_object(pk)
        if not obj.can_change(self.request.user):
            raise PermissionDenied
        return obj

    def get(self, request, pk):
        obj = self.get_deletable(pk)
        return render(request, "generic/object_delete.html", {**self.base_context(), "object": obj})

    def post(self, request, pk):
        obj = self.get_deletable(pk)
        try:
            with transaction.atomic():
                obj.delete()
        except ProtectedError:
            messages.error(request, _("%(name)s is still in use and cannot be deleted.") % {"name": obj})
            return redirect_after_post(request, obj.get_absolute_url())
        messages.success(request, _("%(name)s deleted.") % {"name": obj})
        return redirect_after_post(request, reverse(url_name(self.model, "list")))
