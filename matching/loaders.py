"""Load what the scoring core needs, in a fixed number of queries, into its arrays.

`load_host_supply` reads the member states, the maturity map, institutions, committee meetings,
practices, activities delivered and activities live (12 queries whatever the size of the
community); `load_expert_supply` reads the experts (5 queries); `load_need` reads one request
(3 queries). Public holidays come from `core.calendar`, cached per state and year.

Matching reads the other apps only through their selectors (an import contract holds it so):
the rows come from `community`, `maturity`, `portfolio`, `assistance` and `activities` selectors;
the rules (which level is current, which practices are usable, which activities were delivered
or hold their dates) stay there.
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from django.utils import timezone

from accounts.choices import Role
from accounts.models import User
from activities import selectors as activity_selectors
from assistance import selectors as assistance_selectors
from community import selectors as community
from community.choices import LegalTradition
from core.calendar import public_holidays
from followup import selectors as followup_selectors
from matching import conf
from matching.choices import InvitationStatus
from matching.models import ExpertInvitation, HostInvitation, MatchExclusion
from matching.scoring import (
    ASSESSMENT_METHODS,
    UNKNOWN_METHOD,
    Calendar,
    Doc,
    DocKind,
    DocSet,
    Engagements,
    ExpertSupply,
    HostSupply,
    Meetings,
    Need,
    PastActivities,
    TextIndex,
    epoch_day,
    inverted_index,
)
from matching.text import tokenize
from matching.text import tokens as text_tokens
from maturity.selectors import confirmed_level_rows, current_level_rows, level_confirmed
from portfolio.selectors import usable_practice_area_rows, usable_practice_rows


def system_reader() -> User:
    """A stand-in reader with the secretariat's view, for the command line and background jobs."""
    return User(role=Role.ADMIN, is_superuser=True)


@dataclass(frozen=True)
class PastActivity:
    """One activity a state hosted, as the track record and the relevance factor see it."""

    state_id: int
    institution_id: int | None
    area_ids: tuple[int, ...]
    rating: float | None
    ref: int
    title: str
    text: str
    answers: int = 0  # how many evaluation answers `rating` is the mean of


def past_activities() -> list[PastActivity]:
    """Activities delivered or closed, each with its host and how its evaluations rated it (3
    queries): the track record and the relevance factor read what was really done
    (`activities.selectors.hosted_activity_rows`, `followup.selectors.evaluation_scores`)."""
    scores = followup_selectors.evaluation_scores()
    return [
        PastActivity(
            state_id,
            institution_id,
            area_ids,
            scores[pk].mean if pk in scores else None,
            pk,
            title,
            f"{title}\n{description}",
            scores[pk].answers if pk in scores else 0,
        )
        for pk, state_id, institution_id, area_ids, title, description in activity_selectors.hosted_activity_rows()
    ]


def _radians(value) -> float:
    return math.radians(float(value)) if value is not None else math.nan


@dataclass(frozen=True)
class MaturityArrays:
    """The maturity map on the supply's axes [S, A]: each current level, when and how it was
    assessed, and whether the secretariat or a peer review confirms it."""

    levels: np.ndarray
    assessed_day: np.ndarray
    method: np.ndarray
    confirmed: np.ndarray


def load_maturity(reader, state_index: dict[int, int], area_index: dict[int, int]) -> MaturityArrays:
    """The current levels and how they are known (2 queries; the rule of what confirms a level is
    `maturity.selectors.level_confirmed`)."""
    shape = (len(state_index), len(area_index))
    arrays = MaturityArrays(
        levels=np.full(shape, -1, dtype=np.int8),
        assessed_day=np.full(shape, -1, dtype=np.int32),
        method=np.full(shape, UNKNOWN_METHOD, dtype=np.int8),
        confirmed=np.zeros(shape, dtype=bool),
    )
    confirmed_rows = confirmed_level_rows(user=reader)
    for key, current in current_level_rows(user=reader).items():
        state_id, area_id = key
        if state_id not in state_index or area_id not in area_index:
            continue
        at = state_index[state_id], area_index[area_id]
        arrays.levels[at] = current.level
        arrays.assessed_day[at] = epoch_day(current.assessed_on)
        if current.method in ASSESSMENT_METHODS:
            arrays.method[at] = ASSESSMENT_METHODS.index(current.method)
        arrays.confirmed[at] = level_confirmed(current, confirmed_rows.get(key))
    return arrays


def load_host_supply(*, user=None, today: datetime.date | None = None) -> HostSupply:
    """Everything about the member states the host ranking reads, in 12 queries."""
    reader = user or system_reader()
    today = today or timezone.localdate()

    states = community.state_rows(user=reader)
    state_index = {row[0]: i for i, row in enumerate(states)}
    n = len(states)

    language_rows = community.state_language_rows()
    language_ids: list[int] = []
    language_names: list[str] = []
    for _state, language_id, name in language_rows:
        if language_id not in language_ids:
            language_ids.append(language_id)
            language_names.append(name)
    language_index = {pk: k for k, pk in enumerate(language_ids)}
    languages = np.zeros((n, len(language_ids)), dtype=bool)
    for state_id, language_id, _name in language_rows:
        if state_id in state_index:
            languages[state_index[state_id], language_index[language_id]] = True

    areas = community.area_rows()
    area_index = {row[0]: k for k, row in enumerate(areas)}
    maturity = load_maturity(reader, state_index, area_index)

    # Closed institutions are never proposed, nor do their documents speak for their state.
    rows = [row for row in community.institution_rows(user=reader) if row[3] in state_index]
    closed = {row[0] for row in rows if row[6]}
    institutions = [row for row in rows if not row[6]]
    institution_index = {row[0]: k for k, row in enumerate(institutions)}

    meetings = community.meeting_rows(user=reader, since=today - datetime.timedelta(days=30))
    agendas: dict[int, list[str]] = defaultdict(list)
    meeting_rows = []
    for committee_id, date, agenda in meetings:
        k = institution_index.get(committee_id)
        if k is None:
            continue
        meeting_rows.append((state_index[institutions[k][3]], k, epoch_day(date)))
        for line in agenda.splitlines():
            if line and line not in agendas[committee_id]:
                agendas[committee_id].append(line)

    docs = []
    for k, (pk, name, acronym, state_id, description, _regional, _closed) in enumerate(institutions):
        text = "\n".join([name, acronym, description, *agendas.get(pk, [])])
        docs.append(Doc(state_index[state_id], k, DocKind.INSTITUTION, pk, name, text))

    practices = usable_practice_rows(user=reader)
    practice_areas: dict[int, list[str]] = defaultdict(list)
    for practice_id, area_name in usable_practice_area_rows():
        practice_areas[practice_id].append(area_name)
    for pk, title, state_id, institution_id, description, results, population in practices:
        if state_id not in state_index or institution_id in closed:
            continue
        k = institution_index.get(institution_id, -1)
        text = "\n".join([title, description, results, population, *practice_areas.get(pk, [])])
        docs.append(Doc(state_index[state_id], k, DocKind.PRACTICE, pk, title, text))

    past_rows = []
    for activity in past_activities():
        if activity.state_id not in state_index:
            continue
        s = state_index[activity.state_id]
        k = institution_index.get(activity.institution_id, -1)
        if activity.institution_id not in closed:  # the track record stays; the relevance goes
            docs.append(Doc(s, k, DocKind.ACTIVITY, activity.ref, activity.title, activity.text))
        areas_of = tuple(area_index[a] for a in activity.area_ids if a in area_index)
        past_rows.append((s, k, areas_of, activity.rating, activity.answers))

    # A host is loaded by the activities it holds dates for (planned, confirmed, in delivery).
    engagement_rows = [
        (state_index[state_id], epoch_day(start), epoch_day(end), request_id)
        for state_id, _activity, start, end, request_id in activity_selectors.host_busy_rows()
        if state_id in state_index
    ]

    years = range(today.year - 1, today.year + 3)
    holiday_rows = [
        (s, epoch_day(day), name)
        for s, row in enumerate(states)
        for year in years
        for day, name in public_holidays(row[2], year)
    ]

    sub_regions = sorted({row[5] for row in states if row[5]})
    traditions = [value for value, _label in LegalTradition.choices]
    doc_set = DocSet.build(docs, n)
    institution_doc = np.full(len(institutions), -1, dtype=np.int32)
    for d in np.flatnonzero(doc_set.kind == DocKind.INSTITUTION):
        institution_doc[doc_set.institution[d]] = d
    return HostSupply(
        ids=np.array([row[0] for row in states], dtype=np.int64),
        names=tuple(row[1] for row in states),
        iso_codes=tuple(row[2] for row in states),
        capitals=tuple(row[3] for row in states),
        population=np.array([row[4] if row[4] else np.nan for row in states], dtype=np.float64),
        sub_region=np.array([sub_regions.index(row[5]) if row[5] else -1 for row in states], dtype=np.int32),
        legal_tradition=np.array(
            [traditions.index(row[6]) if row[6] in traditions else -1 for row in states], dtype=np.int32
        ),
        languages=languages,
        language_names=tuple(language_names),
        latitude=np.array([_radians(row[7]) for row in states]),
        longitude=np.array([_radians(row[8]) for row in states]),
        area_ids=np.array([row[0] for row in areas], dtype=np.int64),
        area_names=tuple(row[1] for row in areas),
        area_parent=np.array([area_index.get(row[2], -1) for row in areas], dtype=np.int32),
        levels=maturity.levels,
        institution_ids=np.array([row[0] for row in institutions], dtype=np.int64),
        institution_names=tuple(row[1] for row in institutions),
        institution_state=np.array([state_index[row[3]] for row in institutions], dtype=np.int32),
        institution_doc=institution_doc,
        docs=doc_set,
        meetings=Meetings.build(meeting_rows),
        holidays=Calendar.build(holiday_rows),
        past=PastActivities.build(past_rows, len(areas)),
        engagements=Engagements.build(engagement_rows),
        sub_region_names=tuple(sub_regions),
        legal_tradition_names=tuple(str(label) for _value, label in LegalTradition.choices),
        assessed_day=maturity.assessed_day,
        assessment_method=maturity.method,
        confirmed=maturity.confirmed,
        institution_regional=np.array([bool(row[5]) for row in institutions], dtype=bool),
    )


def load_expert_supply(supply: HostSupply, *, user=None) -> ExpertSupply:
    """The experts, in 5 queries, on the host supply's state, area and language axes."""
    reader = user or system_reader()
    people = community.expert_rows(user=reader)
    index = {row[0]: j for j, row in enumerate(people)}
    e = len(people)
    state_index = supply.state_index()
    area_index = {int(pk): k for k, pk in enumerate(supply.area_ids)}

    language_rows = community.expert_language_rows()
    language_index = {name: k for k, name in enumerate(supply.language_names)}
    languages = np.zeros((e, len(supply.language_names)), dtype=bool)
    for person_id, name in language_rows:
        if person_id in index and name in language_index:
            languages[index[person_id], language_index[name]] = True

    owners, keys = [], []
    area_text: dict[int, list[str]] = defaultdict(list)
    for person_id, area_id in community.expert_area_rows():
        if person_id in index and area_id in area_index:
            owners.append(index[person_id])
            keys.append(area_index[area_id])
            area_text[person_id].append(supply.area_names[area_index[area_id]])
    area_ptr, area_items = inverted_index(
        np.array(owners, dtype=np.int32), np.array(keys, dtype=np.int32), len(supply.area_ids)
    )

    # An expert is booked on the live activities they are assigned to, and their track record
    # is the activities delivered or closed with them, rated by their evaluations (each answer
    # weighs the same).
    busy = [
        (index[person_id], epoch_day(start), epoch_day(end), request_id)
        for person_id, _activity, start, end, request_id in activity_selectors.expert_booking_rows()
        if person_id in index
    ]
    track = np.zeros(e, dtype=np.int32)
    rating_sum, answers = np.zeros(e), np.zeros(e, dtype=np.int32)
    scores = followup_selectors.evaluation_scores()
    for person_id, activity_id in activity_selectors.expert_track_rows():
        if person_id in index:
            track[index[person_id]] += 1
            if activity_id in scores:
                rating_sum[index[person_id]] += scores[activity_id].mean * scores[activity_id].answers
                answers[index[person_id]] += scores[activity_id].answers
    with np.errstate(divide="ignore", invalid="ignore"):
        track_rating = np.where(answers > 0, rating_sum / np.maximum(answers, 1), np.nan).astype(np.float32)

    tokens = tuple(
        text_tokens("\n".join([expertise, post, institution or "", *area_text.get(pk, [])]))
        for pk, _name, _honorific, post, _state, expertise, institution, _institution_state in people
    )
    return ExpertSupply(
        ids=np.array([row[0] for row in people], dtype=np.int64),
        names=tuple(" ".join(part for part in (row[2], row[1]) if part) for row in people),
        posts=tuple(", ".join(part for part in (row[3], row[6]) if part) for row in people),
        state=np.array([state_index.get(row[4], -1) for row in people], dtype=np.int32),
        languages=languages,
        area_ptr=area_ptr,
        area_items=area_items,
        index=TextIndex.cached(tokens),
        tokens=tokens,
        engagements=Engagements.build(busy),
        track_count=track,
        track_rating=track_rating,
        track_answers=answers,
        institution_state=np.array([state_index.get(row[7], -1) for row in people], dtype=np.int32),
    )


def request_window(assistance_request, *, today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The request's window, or the default one when it gives none (from settings)."""
    options = conf.options()
    today = today or timezone.localdate()
    start = assistance_request.window_start or today + datetime.timedelta(days=options["default_window_offset_days"])
    end = assistance_request.window_end or start + datetime.timedelta(days=options["default_window_days"])
    return start, max(start, end)


def need_query(assistance_request, areas) -> tuple[str, ...]:
    """The words of the statement of need, the title and the requested areas, in that order."""
    text = "\n".join(
        [
            assistance_request.title,
            assistance_request.need,
            *(f"{name}\n{description}" for _pk, name, description in areas),
        ]
    )
    seen: dict[str, None] = {}
    for token in tokenize(text):
        seen.setdefault(token, None)
    return tuple(seen)


def load_need(
    assistance_request,
    supply: HostSupply,
    experts: ExpertSupply | None = None,
    *,
    include_below: bool = False,
    include_unconfirmed: bool = False,
    today: datetime.date | None = None,
) -> Need:
    """One request as the scoring core sees it (4 queries: areas, declined hosts, declined
    experts, the officer's exclusions)."""
    options = conf.options()
    areas = assistance_selectors.request_need_areas(request=assistance_request)
    area_index = {int(pk): k for k, pk in enumerate(supply.area_ids)}
    state_index = supply.state_index()
    declined_states = {
        state_index[pk]
        for pk in HostInvitation.objects.filter(
            request=assistance_request, status=InvitationStatus.DECLINED
        ).values_list("state_id", flat=True)
        if pk in state_index
    }
    declined_experts: set[int] = set()
    if experts is not None:
        expert_index = {int(pk): j for j, pk in enumerate(experts.ids)}
        declined_experts = {
            expert_index[pk]
            for pk in ExpertInvitation.objects.filter(
                request=assistance_request, status=InvitationStatus.DECLINED
            ).values_list("person_id", flat=True)
            if pk in expert_index
        }
    start, end = request_window(assistance_request, today=today)
    left_out = officer_exclusions(assistance_request, supply, experts)
    return Need(
        request_id=assistance_request.pk,
        requester=state_index.get(assistance_request.state_id, -1),
        areas=np.array([area_index[pk] for pk, _n, _d in areas if pk in area_index], dtype=np.int32),
        query=need_query(assistance_request, areas),
        start=epoch_day(start),
        end=epoch_day(end),
        required_days=int(options["required_days"].get(assistance_request.modality, 5)),
        declined_states=frozenset(declined_states),
        declined_experts=frozenset(declined_experts),
        include_below=include_below,
        include_unconfirmed=include_unconfirmed,
        excluded_states=left_out["state"],
        excluded_experts=left_out["person"],
        excluded_institutions=left_out["institution"],
        today=epoch_day(today or timezone.localdate()),
    )


def officer_exclusions(assistance_request, supply: HostSupply, experts: ExpertSupply | None) -> dict[str, frozenset]:
    """The states, experts and institutions the officer left out of this request's ranking, as
    indexes on the supplies' axes (1 query)."""
    indexes = {
        "state": supply.state_index(),
        "institution": {int(pk): k for k, pk in enumerate(supply.institution_ids)},
        "person": {int(pk): j for j, pk in enumerate(experts.ids)} if experts is not None else {},
    }
    found: dict[str, set[int]] = {kind: set() for kind in indexes}
    rows = MatchExclusion.objects.filter(request=assistance_request).values_list(
        "state_id", "institution_id", "person_id"
    )
    for row in rows:
        for kind, pk in zip(indexes, row, strict=True):
            if pk is not None and pk in indexes[kind]:
                found[kind].add(indexes[kind][pk])
    return {kind: frozenset(values) for kind, values in found.items()}
