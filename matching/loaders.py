"""Load what the scoring core needs, in a fixed number of queries, into its arrays.

`load_host_supply` reads the member states, the maturity map, institutions and what they can
receive, committee and regional meetings, practices with their areas and languages, institutions'
staff languages, activities delivered, live and hosted lately, the extra non-working days, and the
names of areas and languages in the other interface languages, with how each level was assessed
and confirmed (24 queries whatever the size of
the community); `load_expert_supply` reads the experts (5 queries); `load_need` reads one request
(3 queries). Public holidays and extra non-working days come from `core.calendar`, the calendar
activity planning reads too.

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
from django.conf import settings
from django.utils import timezone, translation

from accounts.choices import Role
from accounts.models import User
from activities import selectors as activity_selectors
from assistance import selectors as assistance_selectors
from community import selectors as community
from community.choices import LegalTradition
from core.calendar import non_working_days_by_country
from followup import selectors as followup_selectors
from matching import conf
from matching.choices import InvitationStatus
from matching.models import ExpertInvitation, HostInvitation, MatchExclusion
from matching.scoring import (
    ASSESSMENT_METHODS,
    DAY_KEY,
    UNKNOWN_METHOD,
    Calendar,
    Doc,
    DocKind,
    DocSet,
    Engagements,
    ExpertSupply,
    Hosting,
    HostSupply,
    Meetings,
    Need,
    PastActivities,
    RegionalMeetings,
    TextIndex,
    epoch_day,
    inverted_index,
)
from matching.text import tokenize
from matching.text import tokens as text_tokens
from maturity.selectors import confirmed_level_rows, current_level_rows, level_confirmed
from portfolio.selectors import usable_practice_area_id_rows, usable_practice_language_rows, usable_practice_rows


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
    """Everything about the member states the host ranking reads, in 24 queries."""
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

    # The areas' stored (English) names: the words the text relevance reads do not change with the
    # reader's language; `translations` holds the names each reader sees.
    with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
        areas = community.area_rows()
    area_index = {row[0]: k for k, row in enumerate(areas)}
    maturity = load_maturity(reader, state_index, area_index)

    # Closed institutions are never proposed, nor do their documents speak for their state.
    rows = [row for row in community.institution_rows(user=reader) if row[3] in state_index]
    closed = {row[0] for row in rows if row[6]}
    institutions = [row for row in rows if not row[6]]
    institution_index = {row[0]: k for k, row in enumerate(institutions)}
    # Languages no state speaks officially are left out: no requester asks for them.
    institution_languages = np.zeros((len(institutions), len(language_ids)), dtype=bool)
    for institution_id, language_id in community.institution_language_rows():
        if institution_id in institution_index and language_id in language_index:
            institution_languages[institution_index[institution_id], language_index[language_id]] = True

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
    practice_areas: dict[int, list[int]] = defaultdict(list)
    for practice_id, area_id in usable_practice_area_id_rows():
        if area_id in area_index:
            practice_areas[practice_id].append(area_index[area_id])
    practice_languages: dict[int, list[int]] = defaultdict(list)
    for practice_id, language_id in usable_practice_language_rows():
        if language_id in language_index:
            practice_languages[practice_id].append(language_index[language_id])
    for pk, title, state_id, institution_id, description, results, population in practices:
        if state_id not in state_index or institution_id in closed:
            continue
        k = institution_index.get(institution_id, -1)
        area_names = [areas[a][1] for a in practice_areas.get(pk, [])]
        text = "\n".join([title, description, results, population, *area_names])
        docs.append(
            Doc(
                state_index[state_id],
                k,
                DocKind.PRACTICE,
                pk,
                title,
                text,
                areas=tuple(practice_areas.get(pk, ())),
                languages=tuple(practice_languages.get(pk, ())),
            )
        )

    past_rows = []
    for activity in past_activities():
        if activity.state_id not in state_index:
            continue
        s = state_index[activity.state_id]
        k = institution_index.get(activity.institution_id, -1)
        areas_of = tuple(area_index[a] for a in activity.area_ids if a in area_index)
        if activity.institution_id not in closed:  # the track record stays; the relevance goes
            docs.append(Doc(s, k, DocKind.ACTIVITY, activity.ref, activity.title, activity.text, areas=areas_of))
        past_rows.append((s, k, areas_of, activity.rating, activity.answers))

    # A host is loaded by the activities it holds dates for (planned, confirmed, in delivery).
    engagement_rows = [
        (state_index[state_id], epoch_day(start), epoch_day(end), request_id)
        for state_id, _activity, start, end, request_id in activity_selectors.host_busy_rows()
        if state_id in state_index
    ]

    # Public holidays and the extra non-working days kept in the registry: the calendar
    # activity planning reads too (`core.calendar`), for all states in one query.
    closed = non_working_days_by_country(
        [row[2] for row in states], datetime.date(today.year - 1, 1, 1), datetime.date(today.year + 2, 12, 31)
    )
    holiday_rows, statutory = [], set()
    for s, row in enumerate(states):
        for day, name, is_statutory in closed.get((row[2] or "").upper(), []):
            holiday_rows.append((s, epoch_day(day), name))
            if is_statutory:
                statutory.add((s, epoch_day(day)))
    holidays = Calendar.build(holiday_rows)
    holiday_statutory = np.array(
        [(int(key // DAY_KEY), int(key % DAY_KEY)) in statutory for key in holidays.keys], dtype=bool
    )

    # Everything hosted or planned, in any area, for the burden each state carries.
    hosting_rows = [
        (state_index[state_id], institution_index.get(institution_id, -1), epoch_day(start))
        for state_id, institution_id, start in activity_selectors.hosting_rows()
        if state_id in state_index
    ]
    capacity = np.zeros(len(institutions), dtype=np.int32)
    for institution_id, group in community.institution_capacity_rows():
        if institution_id in institution_index:
            capacity[institution_index[institution_id]] = group
    regional = _regional_meetings(state_index, area_index, since=today - datetime.timedelta(days=30))

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
        holidays=holidays,
        past=PastActivities.build(past_rows, len(areas)),
        engagements=Engagements.build(engagement_rows),
        sub_region_names=tuple(sub_regions),
        legal_tradition_names=tuple(str(label) for _value, label in LegalTradition.choices),
        hosting=Hosting.build(hosting_rows),
        regional=RegionalMeetings.build(regional, n, len(areas)),
        institution_capacity=capacity,
        holiday_statutory=holiday_statutory,
        institution_languages=institution_languages,
        translations=name_translations(area_ids=[row[0] for row in areas], language_ids=language_ids),
        assessed_day=maturity.assessed_day,
        assessment_method=maturity.method,
        confirmed=maturity.confirmed,
        institution_regional=np.array([bool(row[5]) for row in institutions], dtype=bool),
    )


def _regional_meetings(state_index: dict, area_index: dict, *, since: datetime.date) -> list[tuple]:
    """The regional meetings from `since` on, on the supply's state and area axes (3 queries)."""
    rows = []
    for _pk, body, title, start, end, host_id, venue, agenda, attending, areas in community.regional_meeting_rows(
        since=since
    ):
        rows.append(
            (
                epoch_day(start),
                epoch_day(end),
                state_index.get(host_id, -1),
                tuple(state_index[s] for s in attending if s in state_index),
                tuple(area_index[a] for a in areas if a in area_index),
                body,
                venue,
                "\n".join([body, title, agenda]),
            )
        )
    return rows


def name_translations(*, area_ids, language_ids) -> dict[str, dict[str, tuple[str, ...]]]:
    """The areas' and languages' names in each other interface language, on the supply's axes
    ("" where not translated: the English name stands in), in 2 queries."""
    areas, languages = community.area_name_translations(), community.language_name_translations()
    return {
        code: {
            "areas": tuple(areas[code].get(pk, "") for pk in area_ids),
            "languages": tuple(languages.get(code, {}).get(pk, "") for pk in language_ids),
        }
        for code in areas
    }


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
    exclusions: list[tuple] | None = None,
) -> Need:
    """One request as the scoring core sees it (4 queries: areas, declined hosts, declined
    experts, the officer's exclusions; 3 when the caller has the exclusions' (state id,
    institution id, person id) rows already)."""
    with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):  # the same words in every language
        areas = assistance_selectors.request_need_areas(request=assistance_request)
    declined_states = HostInvitation.objects.filter(
        request=assistance_request, status=InvitationStatus.DECLINED
    ).values_list("state_id", flat=True)
    declined_experts = (
        ExpertInvitation.objects.filter(request=assistance_request, status=InvitationStatus.DECLINED).values_list(
            "person_id", flat=True
        )
        if experts is not None
        else ()
    )
    if exclusions is None:
        exclusions = officer_exclusion_rows([assistance_request.pk]).get(assistance_request.pk, [])
    return _need(
        assistance_request,
        supply,
        experts,
        areas,
        declined_states,
        declined_experts,
        exclusions,
        include_below=include_below,
        include_unconfirmed=include_unconfirmed,
        today=today,
    )


def load_needs(
    requests,
    supply: HostSupply,
    experts: ExpertSupply | None = None,
    *,
    include_below: dict[int, bool] | None = None,
    include_unconfirmed: dict[int, bool] | None = None,
    today: datetime.date | None = None,
) -> list[Need]:
    """`load_need` for many requests in 4 queries in all (what a re-matching job reads).
    include_below, include_unconfirmed: the officer's choices kept for some requests, by request id."""
    requests = list(requests)
    ids = [request.pk for request in requests]
    with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):  # the same words in every language
        areas = assistance_selectors.requests_need_areas(request_ids=ids)
    declined_states: dict[int, list[int]] = defaultdict(list)
    for request_id, state_id in HostInvitation.objects.filter(
        request_id__in=ids, status=InvitationStatus.DECLINED
    ).values_list("request_id", "state_id"):
        declined_states[request_id].append(state_id)
    declined_experts: dict[int, list[int]] = defaultdict(list)
    if experts is not None:
        for request_id, person_id in ExpertInvitation.objects.filter(
            request_id__in=ids, status=InvitationStatus.DECLINED
        ).values_list("request_id", "person_id"):
            declined_experts[request_id].append(person_id)
    exclusions = officer_exclusion_rows(ids)
    include_below, include_unconfirmed = include_below or {}, include_unconfirmed or {}
    return [
        _need(
            request,
            supply,
            experts,
            areas.get(request.pk, []),
            declined_states[request.pk],
            declined_experts[request.pk],
            exclusions.get(request.pk, []),
            include_below=include_below.get(request.pk, False),
            include_unconfirmed=include_unconfirmed.get(request.pk, False),
            today=today,
        )
        for request in requests
    ]


def _need(
    assistance_request,
    supply: HostSupply,
    experts: ExpertSupply | None,
    areas: list[tuple[int, str, str]],
    declined_states,
    declined_experts,
    exclusions,
    *,
    include_below: bool,
    include_unconfirmed: bool,
    today: datetime.date | None,
) -> Need:
    """The Need of a request from its rows: areas (id, name, description), declined state and
    person ids, the officer's exclusions (state, institution, person ids)."""
    options = conf.options()
    area_index, state_index = supply.area_positions, supply.state_positions
    expert_index = experts.positions if experts is not None else {}
    start, end = request_window(assistance_request, today=today)
    left_out = _left_out(exclusions, supply, experts)
    return Need(
        request_id=assistance_request.pk,
        requester=state_index.get(assistance_request.state_id, -1),
        areas=np.array([area_index[pk] for pk, _n, _d in areas if pk in area_index], dtype=np.int32),
        # A member state's name (the requester's, a host's) says nothing about the subject.
        query=tuple(token for token in need_query(assistance_request, areas) if token not in supply.state_name_tokens),
        start=epoch_day(start),
        end=epoch_day(end),
        required_days=int(options["required_days"].get(assistance_request.modality, 5)),
        declined_states=frozenset(state_index[pk] for pk in declined_states if pk in state_index),
        declined_experts=frozenset(expert_index[pk] for pk in declined_experts if pk in expert_index),
        include_below=include_below,
        today=epoch_day(today or timezone.localdate()),
        modality=assistance_request.modality,
        group_size=int(assistance_request.officials_count or 0),
        include_unconfirmed=include_unconfirmed,
        excluded_states=left_out["state"],
        excluded_experts=left_out["person"],
        excluded_institutions=left_out["institution"],
    )


def officer_exclusion_rows(request_ids) -> dict[int, list[tuple]]:
    """The states, institutions and experts the officer left out of these requests' rankings:
    {request id: [(state id, institution id, person id)]} (1 query)."""
    found: dict[int, list[tuple]] = defaultdict(list)
    rows = MatchExclusion.objects.filter(request_id__in=list(request_ids)).values_list(
        "request_id", "state_id", "institution_id", "person_id"
    )
    for request_id, *row in rows:
        found[request_id].append(tuple(row))
    return found


def _left_out(exclusions, supply: HostSupply, experts: ExpertSupply | None) -> dict[str, frozenset]:
    """The officer's exclusions as indexes on the supplies' axes."""
    indexes = {
        "state": supply.state_positions,
        "institution": supply.institution_positions,
        "person": experts.positions if experts is not None else {},
    }
    found: dict[str, set[int]] = {kind: set() for kind in indexes}
    for row in exclusions:
        for kind, pk in zip(indexes, row, strict=True):
            if pk is not None and pk in indexes[kind]:
                found[kind].add(indexes[kind][pk])
    return {kind: frozenset(values) for kind, values in found.items()}
