"""Page- and API-shaped reads: a request's ranked hosts and experts with their reasons, and the
invitations a user may see."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import cached_property, partial

import numpy as np
from django.db.models import BooleanField, Case, ExpressionWrapper, IntegerField, Q, Value, When
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.choices import Role
from accounts.models import User
from assistance.choices import Status
from assistance.selectors import request_list
from community import selectors as community_selectors
from core.access import NOTHING, can, require
from core.paging import capped_count
from matching import conf, explain, loaders, supply_cache
from matching import factors as registry
from matching.choices import InvitationStatus
from matching.models import ExpertInvitation, HostInvitation, MatchExclusion, MatchWeights
from matching.rerank import rerank
from matching.scoring import (
    ExpertSupply,
    HostContext,
    HostSupply,
    Need,
    Ranking,
    from_epoch_day,
    host_burden,
    rank_experts,
    rank_hosts,
    rank_institutions,
)


@dataclass(frozen=True)
class FactorBar:
    factor: str
    label: str
    help: str
    value: float  # 0..1
    weight: float  # share of the score, 0..1
    points: float  # contribution to the score, 0..100

    @property
    def percent(self) -> int:
        return round(100 * self.value)


@dataclass
class InstitutionProposal:
    id: int
    name: str
    relevance: float  # 0..1 among the state's institutions
    because: str  # the document that matched best, if any
    coordinators: list = field(default_factory=list)  # active host-coordinator accounts
    regional: bool = False  # a regional institution, hosting from its seat


def _nothing() -> list:
    return []


def _no_exclusion() -> str:
    return ""


def _in_language(language: str | None):
    """The reader's language while reasons are written; nothing to switch when it is already
    active (the usual case: a page renders in the language it was asked in)."""
    return nullcontext() if language == translation.get_language() else translation.override(language)


@dataclass
class Candidate:
    """One ranked (or excluded) host state or expert, ready for a page, the API or the CLI.

    The reasons, the "why not higher" rows and the reason for leaving a candidate out are
    written when first read, so only the candidates a page shows are explained."""

    kind: str  # "host" or "expert"
    rank: int | None
    id: int
    name: str
    detail: str  # ISO code of a state; post of an expert
    score: float  # 0..100
    factors: list[FactorBar] = field(default_factory=list)
    institutions: list[InstitutionProposal] = field(default_factory=list)
    invitation: HostInvitation | ExpertInvitation | None = None
    top_name: str = ""  # the top candidate, for "why not higher"
    points_behind: float = 0.0
    focal_points: list = field(default_factory=list)  # who answers for a host state
    explain_reasons: Callable[[], list[explain.Reason]] = field(default=_nothing, repr=False, compare=False)
    explain_comparison: Callable[[], list[explain.FactorComparison]] = field(
        default=_nothing, repr=False, compare=False
    )
    explain_exclusion: Callable[[], str] = field(default=_no_exclusion, repr=False, compare=False)
    # The reasons are written when read, in the language of the reader who asked for the ranking.
    language: str | None = field(default_factory=translation.get_language, repr=False, compare=False)

    @cached_property
    def reasons(self) -> list[explain.Reason]:
        with _in_language(self.language):
            return self.explain_reasons()

    @cached_property
    def comparison(self) -> list[explain.FactorComparison]:
        """Each factor against the top candidate ("why not higher")."""
        with _in_language(self.language):
            return self.explain_comparison()

    @cached_property
    def excluded_because(self) -> str:
        with _in_language(self.language):
            return self.explain_exclusion()

    @property
    def reasons_text(self) -> str:
        return explain.reasons_sentence(self.reasons)

    @property
    def reason_groups(self) -> list[tuple[str, str, list[str]]]:
        """(factor, label, texts) in factor order, for a compact list of reasons."""
        groups: dict[str, list[str]] = {}
        for reason in self.reasons:
            groups.setdefault(reason.factor, []).append(reason.text)
        labels = {bar.factor: bar.label for bar in self.factors}  # translated once per ranking
        return [
            (factor, labels.get(factor) or registry.label(self.kind, factor), texts) for factor, texts in groups.items()
        ]

    @property
    def behind(self) -> list[explain.FactorComparison]:
        return [row for row in self.comparison if row.gap > 0.05]

    @property
    def can_invite(self) -> bool:
        return self.invitation is None or self.invitation.status == InvitationStatus.WITHDRAWN


@dataclass(frozen=True)
class HostingBalance:
    """How much a shortlisted state hosted lately, in any area: so the burden is shared."""

    state_id: int
    name: str
    hosted: int  # activities hosted in the last `months` months
    months: int
    last_hosted: datetime.date | None  # first day of the latest activity it hosted, if any


@dataclass
class Matches:
    assistance_request: object
    window: tuple[datetime.date, datetime.date]
    window_given: bool
    weights: dict[str, float]
    weights_saved: bool
    include_developing: bool
    hosts: list[Candidate]
    excluded: list[Candidate]
    experts: list[Candidate]
    experts_excluded: list[Candidate]
    host_count: int
    expert_count: int
    hosting_balance: list[HostingBalance] = field(default_factory=list)
    include_unconfirmed: bool = False
    exclusions: list = field(default_factory=list)  # the officer's MatchExclusion records


def request_for_matching(*, user, pk: int):
    """The request, if the user may see it (else 404) and may broker it, the request's `match`
    action (else 403)."""
    assistance_request = get_object_or_404(request_list(user=user), pk=pk)
    require(user, "match", assistance_request, _("Only the secretariat ranks hosts and experts."))
    return assistance_request


def saved_weights(assistance_request) -> MatchWeights | None:
    return MatchWeights.objects.filter(request=assistance_request).first()


def _bars(ranking: Ranking, i: int) -> list[FactorBar]:
    contribution = ranking.contribution(i)
    labels = ranking.labels
    return [
        FactorBar(
            factor=factor.name,
            label=labels[k][0],
            help=labels[k][1],
            value=float(ranking.factors[i, k]),
            weight=float(ranking.weights[k]),
            points=100 * float(contribution[k]),
        )
        for k, factor in enumerate(ranking.definitions)
    ]


def hosting_balance(supply, need, ranking: Ranking, options: dict, states) -> list[HostingBalance]:
    """The hosting balance of the given states (indexes), from the burden the ranking read (or
    read now, when the burden factor is not used)."""
    detail = ranking.detail
    if "burden_count" not in detail:
        context = HostContext(supply, need, options)
        host_burden(context)
        detail = context.detail
    months = int(round(detail["burden_months"]))
    return [
        HostingBalance(
            state_id=int(supply.ids[i]),
            name=supply.names[i],
            hosted=int(detail["burden_count"][i]),
            months=months,
            last_hosted=from_epoch_day(int(detail["last_hosted"][i])) if detail["last_hosted"][i] >= 0 else None,
        )
        for i in (int(i) for i in states)
    ]


def request_matches(
    *,
    assistance_request,
    user=None,
    weights: dict[str, float] | None = None,
    include_developing: bool | None = None,
    top: int | None = None,
    expert_top: int | None = 10,
    today: datetime.date | None = None,
    include_unconfirmed: bool | None = None,
) -> Matches:
    """Rank hosts and experts for a request: load (a fixed number of queries), score in bulk,
    then explain the candidates shown. Weights and the "below level 3" switch come from the
    arguments, else from the officer's saved choice for the request, else from settings."""
    options = conf.options()
    saved = saved_weights(assistance_request)
    if weights is None:
        weights = saved.as_dict() if saved else conf.host_weights()
    if include_developing is None:
        include_developing = saved.include_developing if saved else False
    if include_unconfirmed is None:
        include_unconfirmed = saved.include_unconfirmed if saved else False
    supply, experts = supply_cache.supplies(user=user, today=today)
    exclusions = request_exclusions(assistance_request=assistance_request)
    need = loaders.load_need(
        assistance_request,
        supply,
        experts,
        include_below=include_developing,
        include_unconfirmed=include_unconfirmed,
        today=today,
        exclusions=[(item.state_id, item.institution_id, item.person_id) for item in exclusions],
    )
    officer_reasons = {(exclusion.target_kind, exclusion.target.pk): exclusion.reason for exclusion in exclusions}
    hosts = rank_hosts(supply, need, weights, options)
    expert_ranking = rank_experts(experts, supply, need, conf.expert_weights(), options)

    host_invitations = {}
    for invitation in (
        HostInvitation.objects.filter(request=assistance_request)
        .select_related("state", "institution")
        .order_by("created_at", "pk")
    ):
        host_invitations[invitation.state_id] = invitation  # the latest per state wins
    expert_invitations = {}
    for invitation in (
        ExpertInvitation.objects.filter(request=assistance_request)
        .select_related("person")
        .order_by("created_at", "pk")
    ):
        expert_invitations[invitation.person_id] = invitation

    shown = shown_candidates(
        supply, experts, need, hosts, expert_ranking, options, top=top, expert_top=expert_top, notes=officer_reasons
    )
    for candidate in [*shown.hosts, *shown.excluded]:
        candidate.invitation = host_invitations.get(candidate.id)
    for candidate in [*shown.experts, *shown.experts_excluded]:
        candidate.invitation = expert_invitations.get(candidate.id)
    _with_answerers(shown.hosts)
    return Matches(
        assistance_request=assistance_request,
        window=need.window,
        window_given=bool(assistance_request.window_start and assistance_request.window_end),
        weights={factor: float(weights.get(factor, 0.0)) for factor in registry.names(registry.HOST)},
        weights_saved=saved is not None,
        include_developing=include_developing,
        hosts=shown.hosts,
        excluded=shown.excluded,
        experts=shown.experts,
        experts_excluded=shown.experts_excluded,
        host_count=len(hosts.order),
        expert_count=len(expert_ranking.order),
        hosting_balance=hosting_balance(supply, need, hosts, options, hosts.top(top)),
        include_unconfirmed=include_unconfirmed,
        exclusions=exclusions,
    )


def request_exclusions(*, assistance_request) -> list:
    """The states, institutions and experts the officer left out of this request's ranking, in
    the order they were left out (one query)."""
    return list(
        MatchExclusion.objects.filter(request=assistance_request).select_related(
            "state", "institution__state", "person", "excluded_by"
        )
    )


@dataclass
class Shown:
    """The candidates a ranking shows: the best hosts and experts, and those left out."""

    hosts: list[Candidate]
    excluded: list[Candidate]
    experts: list[Candidate]
    experts_excluded: list[Candidate]


def shown_candidates(
    supply: HostSupply,
    experts: ExpertSupply,
    need: Need,
    hosts: Ranking,
    expert_ranking: Ranking,
    options: dict,
    *,
    top: int | None,
    expert_top: int | None,
    notes: dict | None = None,
) -> Shown:
    """The candidates shown for a ranking (no query): the first `top` hosts with their
    institutions and the first `expert_top` experts, then the candidates left out. Reasons are
    written when read (`Candidate`), so what is not shown costs nothing. notes: the officer's
    reason for each state or expert left out, by ("state" | "person", primary key)."""
    notes = notes or {}
    best = int(hosts.order[0]) if len(hosts.order) else None
    host_list = [
        Candidate(
            kind="host",
            rank=rank,
            id=int(supply.ids[i]),
            name=supply.names[i],
            detail=supply.iso_codes[i],
            score=100 * float(hosts.scores[i]),
            factors=_bars(hosts, i),
            institutions=_institutions(supply, hosts, i, options, need),
            top_name=supply.names[best],
            points_behind=100 * float(hosts.scores[best] - hosts.scores[i]),
            explain_reasons=partial(explain.host_reasons, supply, need, hosts, i, options),
            explain_comparison=partial(explain.compare, hosts, i, best) if i != best else _nothing,
        )
        for rank, i in enumerate(map(int, hosts.top(top)), start=1)
    ]
    out = hosts.excluded_order
    excluded = [
        Candidate(
            kind="host",
            rank=None,
            id=pk,
            name=supply.names[i],
            detail=supply.iso_codes[i],
            score=score,
            explain_exclusion=partial(
                explain.host_exclusion, supply, need, hosts, i, options, note=notes.get(("state", pk), "")
            ),
        )
        for i, pk, score in zip(out.tolist(), supply.ids[out].tolist(), (100 * hosts.scores[out]).tolist(), strict=True)
    ]
    best = int(expert_ranking.order[0]) if len(expert_ranking.order) else None
    expert_list = [
        Candidate(
            kind="expert",
            rank=rank,
            id=int(experts.ids[j]),
            name=experts.names[j],
            detail=experts.posts[j],
            score=100 * float(expert_ranking.scores[j]),
            factors=_bars(expert_ranking, j),
            top_name=experts.names[best],
            points_behind=100 * float(expert_ranking.scores[best] - expert_ranking.scores[j]),
            explain_reasons=partial(explain.expert_reasons, experts, supply, need, expert_ranking, j),
            explain_comparison=partial(explain.compare, expert_ranking, j, best) if j != best else _nothing,
        )
        for rank, j in enumerate(map(int, expert_ranking.top(expert_top)), start=1)
    ]
    out = expert_ranking.excluded_order
    experts_excluded = [
        Candidate(
            kind="expert",
            rank=None,
            id=pk,
            name=experts.names[j],
            detail=experts.posts[j],
            score=score,
            explain_exclusion=partial(
                explain.expert_exclusion, experts, supply, need, expert_ranking, j, note=notes.get(("person", pk), "")
            ),
        )
        for j, pk, score in zip(
            out.tolist(), experts.ids[out].tolist(), (100 * expert_ranking.scores[out]).tolist(), strict=True
        )
    ]
    return Shown(hosts=host_list, excluded=excluded, experts=expert_list, experts_excluded=experts_excluded)


def _because(supply: HostSupply, institution: int, doc: int) -> str:
    """The document that matched best, unless it is the institution's own description."""
    label = supply.docs.labels[doc] if doc >= 0 else ""
    return label if label != supply.institution_names[institution] else ""


def _institutions(supply: HostSupply, hosts: Ranking, i: int, options: dict, need: Need) -> list[InstitutionProposal]:
    return [
        InstitutionProposal(
            id=int(supply.institution_ids[k]),
            name=supply.institution_names[k],
            relevance=relevance,
            because=_because(supply, k, doc),
            regional=supply.institution_regional is not None and bool(supply.institution_regional[k]),
        )
        for k, relevance, doc in rank_institutions(
            supply,
            hosts,
            i,
            limit=options["institutions_per_host"],
            requester=need.requester,
            excluded=need.excluded_institutions,
        )
    ]


# The statuses in which hosts or experts are still invited (`services.HOST_INVITABLE` and
# `EXPERT_INVITABLE`): the requests a re-matching job ranks again.
OPEN_FOR_MATCHING = frozenset({Status.APPROVED, Status.MATCHING, Status.HOST_CONFIRMED, Status.PLANNED})


@dataclass(frozen=True)
class OpenShortlist:
    """The best hosts and experts of one open request, ranked now."""

    assistance_request: object
    hosts: list[tuple[str, str, float]]  # (name, ISO code, score 0..100), best first
    experts: list[tuple[str, float]]  # (name, score 0..100), best first
    host_count: int  # eligible hosts in all
    expert_count: int


def open_request_shortlists(
    *, user=None, top: int = 10, workers: int | None = None, today: datetime.date | None = None
) -> list[OpenShortlist]:
    """Rank again every request still open for matching, by id, each with its kept weights: the
    community is loaded once (a fixed number of queries), then the requests are ranked by
    `workers` processes (default: the ATTACHE_MATCH_WORKERS setting, else every core)."""
    reader = user or loaders.system_reader()
    requests = list(request_list(user=reader).filter(status__in=OPEN_FOR_MATCHING).order_by("pk"))
    if not requests:
        return []
    supply, experts = supply_cache.supplies(user=reader, today=today)
    saved = {kept.request_id: kept for kept in MatchWeights.objects.filter(request__in=[r.pk for r in requests])}
    needs = loaders.load_needs(
        requests,
        supply,
        experts,
        include_below={pk: kept.include_developing for pk, kept in saved.items()},
        include_unconfirmed={pk: kept.include_unconfirmed for pk, kept in saved.items()},
        today=today,
    )
    shortlists = rerank(
        supply,
        experts,
        needs,
        host_weights=conf.host_weights(),
        expert_weights=conf.expert_weights(),
        options=conf.options(),
        top=top,
        workers=workers,
        weights_by_request={pk: kept.as_dict() for pk, kept in saved.items()},
    )
    states, people = supply.state_positions, experts.positions
    return [
        OpenShortlist(
            assistance_request=request,
            hosts=[
                (supply.names[states[pk]], supply.iso_codes[states[pk]], 100 * score)
                for pk, score in zip(item.hosts, item.host_scores, strict=True)
            ],
            experts=[
                (experts.names[people[pk]], 100 * score)
                for pk, score in zip(item.experts, item.expert_scores, strict=True)
            ],
            host_count=item.host_count,
            expert_count=item.expert_count,
        )
        for request, item in zip(requests, shortlists, strict=True)
    ]


def _with_answerers(candidates: list[Candidate]) -> None:
    """Name, on each host candidate, who could answer an invitation: the coordinators of each
    proposed institution and the state's focal points (one query for the whole page)."""
    answerers = host_answerers(
        state_ids={candidate.id for candidate in candidates},
        institution_ids={proposal.id for candidate in candidates for proposal in candidate.institutions},
    )
    for candidate in candidates:
        candidate.focal_points = answerers.focal_points.get(candidate.id, [])
        for proposal in candidate.institutions:
            proposal.coordinators = answerers.coordinators.get(proposal.id, [])


@dataclass
class Answerers:
    """Who can answer an invitation to host: active host coordinators by institution, active
    focal points by state."""

    coordinators: dict[int, list] = field(default_factory=dict)
    focal_points: dict[int, list] = field(default_factory=dict)


def host_answerers(*, state_ids, institution_ids) -> Answerers:
    """The accounts that can answer invitations to these states and institutions, in one query."""
    found = Answerers()
    for_state = Q(role=Role.FOCAL_POINT, member_state_id__in=list(state_ids))
    for_institution = Q(role=Role.HOST_COORDINATOR, institution_id__in=list(institution_ids))
    people = User.objects.filter(is_active=True).filter(for_state | for_institution)
    people = people.annotate(answers_for_state=ExpressionWrapper(for_state, output_field=BooleanField()))
    for user in people.order_by("full_name", "email"):
        if user.answers_for_state:
            found.focal_points.setdefault(user.member_state_id, []).append(user)
        else:
            found.coordinators.setdefault(user.institution_id, []).append(user)
    return found


@dataclass(frozen=True)
class Standing:
    """Where a candidate stands in a request's ranking now: the score (0..100) and the rank among
    the eligible (None when the candidate is left out, or unknown)."""

    score: float | None = None
    rank: int | None = None


def _standing(ranking: Ranking, pk: int) -> Standing:
    found = np.flatnonzero(ranking.ids == pk)
    if not len(found):
        return Standing()
    i = int(found[0])
    score = 100 * float(ranking.scores[i])
    if ranking.excluded[i]:
        return Standing(score=score)
    return Standing(score=score, rank=int(np.flatnonzero(ranking.order == i)[0]) + 1)


def _saved_choice(assistance_request) -> tuple[dict[str, float], bool, bool]:
    saved = saved_weights(assistance_request)
    if saved is None:
        return conf.host_weights(), False, False
    return saved.as_dict(), saved.include_developing, saved.include_unconfirmed


def host_standing(*, assistance_request, state_id: int, user=None) -> Standing:
    """A state's score and rank as a host for the request, ranked now with the weights kept for
    the request (else the defaults): what an invitation records, computed by the server."""
    weights, include_developing, include_unconfirmed = _saved_choice(assistance_request)
    supply, _experts = supply_cache.supplies(user=user)
    need = loaders.load_need(
        assistance_request, supply, include_below=include_developing, include_unconfirmed=include_unconfirmed
    )
    return _standing(rank_hosts(supply, need, weights, conf.options()), state_id)


def expert_standing(*, assistance_request, person_id: int, user=None) -> Standing:
    """An expert's score and rank for the request, ranked now with the deployment's weights."""
    supply, experts = supply_cache.supplies(user=user)
    need = loaders.load_need(assistance_request, supply, experts)
    return _standing(rank_experts(experts, supply, need, conf.expert_weights(), conf.options()), person_id)


def _first_when(q: Q) -> Case:
    return Case(When(q, then=Value(0)), default=Value(1), output_field=IntegerField())


def open_first(queryset):
    """Invitations waiting for an answer first, then the newest (an index on each model serves
    this order: Meta.indexes "…_open_first")."""
    return queryset.annotate(open_first=_first_when(Q(status=InvitationStatus.INVITED))).order_by(
        "open_first", "-created_at", "-pk"
    )


def waiting_for_answer_q(*, model, user) -> Q:
    """The invitations of `model` waiting for an answer that the user may accept or decline (the
    access rule's "accept" action); NOTHING when the user answers none."""
    q = model.access.action_q(user, "accept")
    return NOTHING if q == NOTHING else q & Q(status=InvitationStatus.INVITED)


def answer_first(queryset, *, model, user):
    """Those the user may answer first (`answer_first` 0, so `may_answer` needs no other query),
    then the newest. For the secretariat, who may answer every open invitation, this is
    `open_first`'s order and index; every other user sees few enough to sort."""
    q = waiting_for_answer_q(model=model, user=user)
    first = Value(1, output_field=IntegerField()) if q == NOTHING else _first_when(q)
    return queryset.annotate(answer_first=first).order_by("answer_first", "-created_at", "-pk")


# An invitation's request (and its state) read for the page's rows only: joined, the requests
# table (100,000 rows) would be read whole before the page is cut from the sorted invitations.
INVITATION_REQUEST = ("request", "request__state")


def host_invitations_for(*, user):
    """The host invitations the user may see, those the user may answer first."""
    queryset = (
        HostInvitation.objects.for_user(user)
        .select_related("state", "invited_by", "responded_by")
        # The host institution for the page's rows too: joined, all 5,000 were hashed for a page
        # of ten (the access rule's OR misleads the planner's estimate of the rows).
        .prefetch_related("institution", *INVITATION_REQUEST)
    )
    return answer_first(queryset, model=HostInvitation, user=user)


def expert_invitations_for(*, user):
    """The expert invitations the user may see, those the user may answer first."""
    queryset = (
        ExpertInvitation.objects.for_user(user)
        .select_related("person", "invited_by", "responded_by")
        .prefetch_related(*INVITATION_REQUEST)
    )
    return answer_first(queryset, model=ExpertInvitation, user=user)


def waiting_for_answer_count(*, user) -> int:
    """How many invitations (both kinds) the user may answer, counted up to COUNT_CAP + 1 for
    each kind: above COUNT_CAP the page says "more than"."""
    total = 0
    for model in (HostInvitation, ExpertInvitation):
        q = waiting_for_answer_q(model=model, user=user)
        if q != NOTHING:
            total += capped_count(model.objects.filter(q))
    return total


def request_invitations(*, assistance_request):
    """Every invitation of one request, newest first (the brokering panel of the matches page)."""
    hosts = list(
        HostInvitation.objects.filter(request=assistance_request).select_related(
            "state", "institution", "invited_by", "responded_by"
        )
    )
    experts = list(
        ExpertInvitation.objects.filter(request=assistance_request).select_related(
            "person", "invited_by", "responded_by"
        )
    )
    return sorted([*hosts, *experts], key=lambda invitation: (invitation.created_at, invitation.pk), reverse=True)


def invitation_answerers(invitation) -> list:
    """Who can answer this invitation to host: the institution's coordinators, the state's focal
    points."""
    found = host_answerers(state_ids={invitation.state_id}, institution_ids={invitation.institution_id} - {None})
    return [*found.coordinators.get(invitation.institution_id, []), *found.focal_points.get(invitation.state_id, [])]


def waiting_invitations_count(*, user) -> int | None:
    """How many invitations wait for this user's own answer (as the invited state, institution
    or expert); None when the user is never an invitee."""
    count, invitee = 0, False
    for model in (HostInvitation, ExpertInvitation):
        owned = model.access.owner_q(user)
        if owned == NOTHING or not can(user, "accept", model):
            continue
        invitee = True
        count += model.objects.filter(owned, status=InvitationStatus.INVITED).count()
    return count if invitee else None


def readable_request_ids(*, user, ids) -> set[int]:
    """Which of these requests the user may open (one query), so an invitation card links to its
    request only when the link opens."""
    return set(request_list(user=user).filter(pk__in=list(ids)).values_list("pk", flat=True))


def contact_choices(*, user, state_ids) -> dict[int, list[tuple[int, str, str]]]:
    """The people the user may see in each of these states, to name as a host's contact: (key,
    name, post) of each, by name. Only what an option shows: a state holds hundreds of people."""
    choices: dict[int, list] = {}
    people = (
        community_selectors.person_list(user=user)
        .prefetch_related(None)
        .filter(state_id__in=list(state_ids))
        .order_by("full_name", "pk")
        .values_list("state_id", "pk", "full_name", "post")
    )
    for state_id, *person in people:
        choices.setdefault(state_id, []).append(tuple(person))
    return choices


def request_host_panel(*, record, user) -> dict | None:
    """What the request page shows of brokering: the confirmed host with its contact and
    proposal, or the invitations still waiting for an answer (None: nothing to show)."""
    hosts = (
        HostInvitation.objects.for_user(user)
        .filter(request=record)
        .select_related("state", "institution", "contact_person", "responded_by")
    )
    accepted = [invitation for invitation in hosts if invitation.status == InvitationStatus.ACCEPTED]
    waiting = [invitation for invitation in hosts if invitation.status == InvitationStatus.INVITED]
    experts = list(
        ExpertInvitation.objects.for_user(user)
        .filter(request=record, status=InvitationStatus.ACCEPTED)
        .select_related("person")
    )
    if not (accepted or waiting or experts):
        return None
    return {"host": accepted[0] if accepted else None, "waiting": waiting, "experts": experts}
