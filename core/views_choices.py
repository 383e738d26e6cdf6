"""The suggestions of a bounded chooser (core.choosers): at most CHOICE_LIMIT records the user may
see, as <option>s for the input's <datalist>, fetched by htmx as the user types."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.choosers import MAX_SEARCH, SEPARATOR, choice_label, options_for, searched_model


@require_GET
@login_required
def choice_options(request, model_label: str):
    model = searched_model(model_label)
    if model is None:
        raise Http404
    field = request.GET.get("field", "q")
    text = request.GET.get(field, "")
    if len(text) > MAX_SEARCH * 20 or field in ("field", "multiple"):
        return HttpResponseBadRequest(_("This search is too long."))
    # A multiple choice searches the last name typed and keeps the ones before it.
    kept, _sep, last = text.rpartition(SEPARATOR) if request.GET.get("multiple") else ("", "", text)
    last = last.strip()
    if len(last) > MAX_SEARCH:
        return HttpResponseBadRequest(_("This search is too long."))
    records = options_for(model._default_manager.for_user(request.user), last) if last else []
    prefix = f"{kept}{SEPARATOR} " if kept.strip() else ""
    options = [(f"{prefix}{choice_label(record)}", str(record)) for record in records]
    return render(request, "core/choice_options.html", {"options": options})
