"""The matches page (ranked hosts and experts for a request) and the invitations page.

Views only read through selectors and write through services; every POST is a small explicit
view around one service call. A refusal (a rule of the service, a move the workflow refuses)
comes back as the page again, status 400, with the message on the field it is about: the same
field and words the API answers with. A step the user may not take at all is a 403."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.htmx import render_page_or_partial
from core.paging import COUNT_CAP
from core.views import redirect_after_post
from core.workflow import InvalidTransition
from matching import conf, forms, selectors, services, tables
from matching.exceptions import MatchingError
from matching.models import ExpertInvitation, HostInvitation, MatchExclusion

MATCHES_TEMPLATE = "matching/request_matches.html"
INVITATIONS_TEMPLATE = "matching/invitation_list.html"
REFUSED = 400


def _matches_url(pk: int) -> str:
    return reverse("matching:request_matches", args=[pk])


def _refuse(form, error) -> None:
    """Put a service's refusal on the form: on the field it names, else on the form as a whole."""
    if isinstance(error, MatchingError):
        form.add_error(error.field if error.field in form.fields else None, error.text)
    else:
        form.add_error(None, error.message)


def _weights_form(request, assistance_request):
    saved = selectors.saved_weights(assistance_request)
    return forms.WeightsForm(
        request.GET or None,
        initial_weights=saved.as_dict() if saved else conf.host_weights(),
        initial={switch: getattr(saved, switch) if saved else False for switch in forms.SWITCHES},
    )


def _matches_page(request, assistance_request, *, refused=None):
    """The ranking, re-ranked by the weights in the address; `refused`, a form a service refused,
    is shown with its errors (status 400)."""
    form = refused if isinstance(refused, forms.WeightsForm) else _weights_form(request, assistance_request)
    weights = None
    switches = dict.fromkeys(forms.SWITCHES)
    if form.is_bound and form.is_valid() and refused is None:
        if form.has_weights():
            weights = form.weights()
        for switch in forms.SWITCHES:
            if form.has_weights() or switch in request.GET:
                switches[switch] = form.cleaned_data[switch]
    # The best hosts, explained; all of them when the officer asks (every host is explained then).
    all_hosts = request.GET.get("hosts") == "all"
    matches = selectors.request_matches(
        assistance_request=assistance_request,
        user=request.user,
        weights=weights,
        top=None if all_hosts else conf.options()["hosts_shown"],
        **switches,
    )
    every_host = request.GET.copy()
    every_host["hosts"] = "all"
    context = {
        "object": assistance_request,
        "matches": matches,
        "form": form,
        "refused": refused,
        "invitations": selectors.request_invitations(assistance_request=assistance_request),
        "can_invite": services.invitations_open(assistance_request, user=request.user),
        "adjusted": weights is not None or any(value is not None for value in switches.values()),
        "all_hosts": all_hosts,
        "every_host_query": every_host.urlencode(),
        "exclusion_form": refused if isinstance(refused, forms.ExclusionForm) else forms.ExclusionForm(),
    }
    status = REFUSED if refused is not None else 200
    return render_page_or_partial(request, MATCHES_TEMPLATE, context, partial="ranking", status=status)


@login_required
@require_GET
def request_matches(request, pk):
    """Ranked hosts and experts for one request, with the reasons, a "why not higher" view, the
    excluded candidates, who can answer an invitation, and weight inputs; htmx re-ranks the list
    in place as the weights change."""
    assistance_request = selectors.request_for_matching(user=request.user, pk=pk)
    return _matches_page(request, assistance_request)


def _matches_step(request, pk, form_class, step):
    """One write on the matches page: read the form, call `step(assistance_request, data)`
    (returns the success message), then back to the page; or the page with the refusal."""
    assistance_request = selectors.request_for_matching(user=request.user, pk=pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            message = step(assistance_request, form.cleaned_data)
        except (MatchingError, InvalidTransition) as error:
            _refuse(form, error)
        else:
            messages.success(request, message)
            return redirect_after_post(request, _matches_url(assistance_request.pk))
    return _matches_page(request, assistance_request, refused=form)


@login_required
@require_POST
def request_weights(request, pk):
    """Keep the weights on the page for this request's ranking."""

    def save(assistance_request, data):
        services.match_weights_save(
            assistance_request_id=assistance_request.pk,
            actor=request.user,
            weights={name: value for name, value in data.items() if name not in forms.SWITCHES and value is not None},
            include_developing=data["include_developing"],
            include_unconfirmed=data["include_unconfirmed"],
        )
        return _("Weights kept for this request.")

    return _matches_step(request, pk, forms.WeightsForm, save)


@login_required
@require_POST
def host_invite(request, pk):
    def invite(assistance_request, data):
        invitation = services.host_invitation_create(
            assistance_request_id=assistance_request.pk,
            state_id=data["state"],
            actor=request.user,
            institution_id=data["institution"],
            message=data["message"],
        )
        if not selectors.invitation_answerers(invitation):
            messages.warning(
                request,
                _(
                    "Nobody at %(host)s signs in to Attaché yet: record their answer here when it arrives "
                    "by letter or e-mail."
                )
                % {"host": invitation.host_name},
            )
        return _("%(invitation)s: invitation sent.") % {"invitation": invitation}

    return _matches_step(request, pk, forms.InviteHostForm, invite)


@login_required
@require_POST
def expert_invite(request, pk):
    def invite(assistance_request, data):
        invitation = services.expert_invitation_create(
            assistance_request_id=assistance_request.pk,
            person_id=data["person"],
            actor=request.user,
            message=data["message"],
        )
        return _("%(invitation)s: invitation sent.") % {"invitation": invitation}

    return _matches_step(request, pk, forms.InviteExpertForm, invite)


def _invitations_page(request, *, refused=None):
    """One page of each kind of invitation the user may see, those the user may answer first
    with Accept (with the host's contact and proposal) and Decline. `refused`: (invitation,
    form) a service refused, shown on the page the user answered from (the form's address keeps
    the page parameters) or, if it is no longer there, at the top of its table."""
    refused_invitation, form = refused or (None, None)
    host_table = tables.HostInvitationTable(selectors.host_invitations_for(user=request.user), prefix="host-")
    expert_table = tables.ExpertInvitationTable(selectors.expert_invitations_for(user=request.user), prefix="expert-")
    for table in (host_table, expert_table):
        table.configure(request)
        _pin_refused(table, refused_invitation)
    hosts, experts = list(host_table.page.object_list), list(expert_table.page.object_list)
    _decorate(request.user, hosts, experts, refused_invitation, form)
    open_count = selectors.waiting_for_answer_count(user=request.user)
    context = {
        "host_invitations": host_table,
        "expert_invitations": expert_table,
        "open_count": min(open_count, COUNT_CAP),
        "open_count_is_exact": open_count <= COUNT_CAP,
        "count_cap": COUNT_CAP,
        "refused": form,
    }
    return render_page_or_partial(
        request, INVITATIONS_TEMPLATE, context, partial="invitations", status=REFUSED if form else 200
    )


def _pin_refused(table, refused_invitation) -> None:
    """Show the refused invitation in its table even when it is not on the page asked for."""
    if refused_invitation is None or table._meta.model is not type(refused_invitation):
        return
    rows = table.page.object_list
    if any(row.pk == refused_invitation.pk for row in rows):
        return
    pinned = table.data.data.filter(pk=refused_invitation.pk).first()
    if pinned is not None:
        table.page.object_list = [pinned, *rows]


def _decorate(user, hosts, experts, refused_invitation, form) -> None:
    """What each card on the page needs, for these rows only: may it be answered (from the
    selector's order), does its request open, whom may a host name as contact, which was refused."""
    shown = [*hosts, *experts]
    readable = selectors.readable_request_ids(user=user, ids={invitation.request_id for invitation in shown})
    for invitation in shown:
        invitation.may_answer = invitation.answer_first == 0
        invitation.request_readable = invitation.request_id in readable
        same = refused_invitation is not None and (type(invitation), invitation.pk) == (
            type(refused_invitation),
            refused_invitation.pk,
        )
        invitation.refused = form if same else None
    answerable_states = {invitation.state_id for invitation in hosts if invitation.may_answer}
    contacts = selectors.contact_choices(user=user, state_ids=answerable_states) if answerable_states else {}
    options = {state_id: _person_options(people) for state_id, people in contacts.items()}
    for invitation in hosts:
        invitation.contact_options = options.get(invitation.state_id, "") if invitation.may_answer else ""


def _person_options(people) -> str:
    """A state's people as <option>s, joined once per state rather than rendered per card: a state
    holds hundreds of people and a page several of its invitations (as core.choosers.QuickSelect)."""
    return mark_safe("".join(_person_option(person) for person in people))  # noqa: S308 - labels escaped


def _person_option(person: tuple[int, str, str]) -> str:
    pk, name, post = person
    label = f"{name} — {post}" if post else name
    return f'<option value="{pk}">{escape(label)}</option>'


@login_required
@require_GET
def invitation_list(request):
    return _invitations_page(request)


def _back(request, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _invitations_url(request) -> str:
    """The invitations page at the pages the answer was given from (the form's query string)."""
    query = request.GET.urlencode()
    return reverse("matching:invitation_list") + (f"?{query}" if query else "")


def _answer(request, pk, model, answer):
    """Accept or decline an invitation; `answer(invitation, form)` calls the service."""
    invitation = get_object_or_404(model.objects.for_user(request.user), pk=pk)
    form = forms.AnswerForm(request.POST)
    if form.is_valid():
        try:
            answer(invitation, form)
        except (MatchingError, InvalidTransition) as error:
            _refuse(form, error)
        else:
            if form.accepts:
                messages.success(request, _("You accepted: %(invitation)s.") % {"invitation": invitation})
            else:
                messages.success(
                    request,
                    _("You declined: %(invitation)s. The secretariat has been told.") % {"invitation": invitation},
                )
            return redirect_after_post(request, _back(request, _invitations_url(request)))
    return _invitations_page(request, refused=(invitation, form))


@login_required
@require_POST
def host_invitation_respond(request, pk):
    def answer(invitation, form):
        host = form.host_answer() if form.accepts else {}
        services.host_invitation_answer(
            invitation_id=invitation.pk,
            actor=request.user,
            accept=form.accepts,
            reason=form.cleaned_data["reason"],
            **host,
        )

    return _answer(request, pk, HostInvitation, answer)


@login_required
@require_POST
def expert_invitation_respond(request, pk):
    def answer(invitation, form):
        services.expert_invitation_answer(
            invitation_id=invitation.pk, actor=request.user, accept=form.accepts, reason=form.cleaned_data["reason"]
        )

    return _answer(request, pk, ExpertInvitation, answer)


def _withdraw(request, pk, model, withdraw):
    invitation = get_object_or_404(model.objects.for_user(request.user), pk=pk)

    def step(assistance_request, data):
        withdraw(invitation_id=invitation.pk, actor=request.user, reason=data["reason"])
        return _("Invitation withdrawn: %(invitation)s.") % {"invitation": invitation}

    return _matches_step(request, invitation.request_id, forms.WithdrawForm, step)


@login_required
@require_POST
def host_invitation_withdraw(request, pk):
    return _withdraw(request, pk, HostInvitation, services.host_invitation_withdraw)


@login_required
@require_POST
def expert_invitation_withdraw(request, pk):
    return _withdraw(request, pk, ExpertInvitation, services.expert_invitation_withdraw)


@login_required
@require_POST
def exclusion_create(request, pk):
    """Leave a state, an institution or an expert out of this request's ranking, with a reason."""

    def exclude(assistance_request, data):
        exclusion = services.match_exclusion_create(
            assistance_request_id=assistance_request.pk,
            actor=request.user,
            reason=data["reason"],
            state_id=data["state"],
            institution_id=data["institution"],
            person_id=data["person"],
        )
        return _("%(target)s is left out of this ranking.") % {"target": exclusion.target}

    return _matches_step(request, pk, forms.ExclusionForm, exclude)


@login_required
@require_POST
def exclusion_remove(request, pk):
    """Put a left-out state, institution or expert back in the request's ranking."""
    exclusion = get_object_or_404(MatchExclusion.objects.for_user(request.user), pk=pk)

    def put_back(assistance_request, data):
        services.match_exclusion_remove(exclusion_id=exclusion.pk, actor=request.user)
        return _("%(target)s is back in this ranking.") % {"target": exclusion.target}

    return _matches_step(request, exclusion.request_id, forms.ExclusionRemoveForm, put_back)
