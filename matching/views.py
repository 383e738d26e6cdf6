"""The matches page (ranked hosts and experts for a request) and the invitations page.

Views only read through selectors and write through services; every POST is a small explicit
view around one service call."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from assistance.exceptions import InvalidTransition
from core.views import redirect_after_post
from matching import conf, forms, selectors, services, tables
from matching.exceptions import MatchingError
from matching.models import ExpertInvitation, HostInvitation


def _matches_url(pk: int) -> str:
    return reverse("matching:request_matches", args=[pk])


@login_required
@require_GET
def request_matches(request, pk):
    """Ranked hosts and experts for one request, with the reasons, a "why not higher" view, the
    excluded candidates and weight inputs; htmx re-ranks the list in place as the weights change."""
    assistance_request = selectors.request_for_matching(user=request.user, pk=pk)
    saved = selectors.saved_weights(assistance_request)
    initial = saved.as_dict() if saved else conf.host_weights()
    form = forms.WeightsForm(
        request.GET or None,
        initial_weights=initial,
        initial={"include_developing": saved.include_developing if saved else False},
    )
    weights = include_developing = None
    if form.is_bound and form.is_valid():
        if form.has_weights():
            weights = form.weights()
        if form.has_weights() or "include_developing" in request.GET:
            include_developing = form.cleaned_data["include_developing"]
    matches = selectors.request_matches(
        request=assistance_request, user=request.user, weights=weights, include_developing=include_developing
    )
    context = {
        "object": assistance_request,
        "matches": matches,
        "form": form,
        "invitations": selectors.request_invitations(request=assistance_request),
        "can_invite_hosts": assistance_request.status in services.HOST_INVITABLE,
        "can_invite_experts": assistance_request.status in services.EXPERT_INVITABLE,
        "adjusted": weights is not None or include_developing is not None,
    }
    template = "matching/request_matches.html"
    if request.htmx and not request.htmx.boosted:
        template += "#ranking"
    response = render(request, template, context)
    response["Vary"] = "HX-Request"
    return response


def _fail(request, error) -> None:
    messages.error(request, getattr(error, "message", None) or str(error))


@login_required
@require_POST
def request_weights(request, pk):
    """Keep the weights on the page for this request's ranking."""
    assistance_request = selectors.request_for_matching(user=request.user, pk=pk)
    form = forms.WeightsForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Weights go from 0 to 10."))
        return redirect_after_post(request, _matches_url(pk))
    services.match_weights_save(
        request_id=assistance_request.pk,
        actor=request.user,
        weights=form.weights(),
        include_developing=form.cleaned_data["include_developing"],
    )
    messages.success(request, _("Weights kept for this request."))
    return redirect_after_post(request, _matches_url(pk))


@login_required
@require_POST
def host_invite(request, pk):
    assistance_request = selectors.request_for_matching(user=request.user, pk=pk)
    form = forms.InviteHostForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Choose a host state."))
    data = form.cleaned_data
    try:
        invitation = services.invite_host(
            request_id=assistance_request.pk,
            state_id=data["state"].pk,
            actor=request.user,
            institution_id=data["institution"].pk if data["institution"] else None,
            message=data["message"],
        )
    except (MatchingError, InvalidTransition) as error:
        _fail(request, error)
    else:
        messages.success(request, _("%(invitation)s: invitation sent.") % {"invitation": invitation})
    return redirect_after_post(request, _matches_url(pk))


@login_required
@require_POST
def expert_invite(request, pk):
    assistance_request = selectors.request_for_matching(user=request.user, pk=pk)
    form = forms.InviteExpertForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Choose an expert."))
    data = form.cleaned_data
    try:
        invitation = services.invite_expert(
            request_id=assistance_request.pk,
            person_id=data["person"].pk,
            actor=request.user,
            message=data["message"],
        )
    except (MatchingError, InvalidTransition) as error:
        _fail(request, error)
    else:
        messages.success(request, _("%(invitation)s: invitation sent.") % {"invitation": invitation})
    return redirect_after_post(request, _matches_url(pk))


@login_required
@require_GET
def invitation_list(request):
    """The invitations the user may see; those the user may answer carry Accept and Decline."""
    hosts = list(selectors.host_invitations_for(user=request.user))
    experts = list(selectors.expert_invitations_for(user=request.user))
    answerable = {
        model: selectors.answerable_invitation_ids(model=model, user=request.user)
        for model in (HostInvitation, ExpertInvitation)
    }
    for invitation in [*hosts, *experts]:
        invitation.may_answer = invitation.is_open and invitation.pk in answerable[type(invitation)]
    return render(
        request,
        "matching/invitation_list.html",
        {
            "host_invitations": tables.HostInvitationTable(hosts).configure(request, paginate=False),
            "expert_invitations": tables.ExpertInvitationTable(experts).configure(request, paginate=False),
            "open_count": sum(1 for invitation in [*hosts, *experts] if invitation.may_answer),
        },
    )


def _back(request, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _respond(request, pk, model, service):
    invitation = get_object_or_404(model.objects.for_user(request.user), pk=pk)
    form = forms.RespondForm(request.POST)
    back = _back(request, reverse("matching:invitation_list"))
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect_after_post(request, back)
    accept = form.cleaned_data["decision"] == "accept"
    try:
        service(invitation_id=invitation.pk, actor=request.user, accept=accept, reason=form.cleaned_data["reason"])
    except (MatchingError, InvalidTransition) as error:
        _fail(request, error)
    else:
        if accept:
            messages.success(request, _("You accepted: %(invitation)s.") % {"invitation": invitation})
        else:
            messages.success(
                request, _("You declined: %(invitation)s. The secretariat has been told.") % {"invitation": invitation}
            )
    return redirect_after_post(request, back)


@login_required
@require_POST
def host_invitation_respond(request, pk):
    return _respond(request, pk, HostInvitation, services.host_respond)


@login_required
@require_POST
def expert_invitation_respond(request, pk):
    return _respond(request, pk, ExpertInvitation, services.expert_respond)


def _withdraw(request, pk, model, service):
    invitation = get_object_or_404(model.objects.for_user(request.user), pk=pk)
    form = forms.WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the invitation is withdrawn."))
    else:
        try:
            service(invitation_id=invitation.pk, actor=request.user, reason=form.cleaned_data["reason"])
        except MatchingError as error:
            _fail(request, error)
        else:
            messages.success(request, _("Invitation withdrawn: %(invitation)s.") % {"invitation": invitation})
    return redirect_after_post(request, _matches_url(invitation.request_id))


@login_required
@require_POST
def host_invitation_withdraw(request, pk):
    return _withdraw(request, pk, HostInvitation, services.withdraw_host_invitation)


@login_required
@require_POST
def expert_invitation_withdraw(request, pk):
    return _withdraw(request, pk, ExpertInvitation, services.withdraw_expert_invitation)
