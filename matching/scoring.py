"""The scoring core: rank candidate host states and experts for one request, in bulk, with NumPy.

Plain and deterministic. It never touches the database: `matching.loaders` fetches what it
needs in a fixed number of queries and hands it over as arrays (`HostSupply`, `ExpertSupply`,
`Need`); `bench/match_bench.py` builds the same arrays synthetically at global scale. Every
factor is a number from 0 to 1 for every candidate at once; the score is their weighted mean.
Plain-language reasons are written by `matching.explain` for the candidates that are shown.

The factors are a registry (`matching.factors`): each is declared once with its label, default
weight, scoring function (below, vectorised over every candidate) and explanation; a deployment
or a later app adds one with `register_factor`, and the ranking picks it up.

Built-in host factors
  capability    the host's current level in the requested areas (level/4) and how far it is
                above the requester, the gap counting up to `ideal_gap` levels only, so that
                beyond it "best practice" earns nothing more and fit decides ("best fit")
  fit           a shared language (official, or one its institutions' staff work in or its
                practices are offered in), similar population, same sub-region, same legal
                tradition
  relevance     taxonomy first: the host's documents (practices, institutions' descriptions
                and committee agendas, past activities) in the requested capability areas (or a
                parent or child of one), refined by the BM25 similarity of their words to the
                need (generic words left out), relative to the best other state
  track_record  past activities hosted in the requested areas, and their ratings
  load          availability: 1 / (1 + activities already hosted in the window)
  timing        a relevant committee of the host meets inside the window, or a relevant meeting
                of the community's organs is held there (an opportunity); the host's officials
                away at such a meeting elsewhere (a clash); the host's public holidays and other
                non-working days on working days in the window
  cost          exp(-distance between capitals / distance_scale_km); the same for every host of a
                virtual session (no one travels)
  burden        exp(-activities hosted in any area in the last `burden_horizon_months` /
                burden_scale): the same mature states are not asked every time

A host where the activity cannot fit in the window (no run of the modality's working days clear of
non-working days, its own live activities and its officials' regional meetings abroad) is left
out (`Exclusion.NO_TIME`), as is one whose institutions cannot receive a study visit's group
(`Exclusion.OVER_CAPACITY`).

Built-in expert factors
  expertise     requested areas among the expert's areas (1 each; 0.5 for a parent or child area)
  relevance     BM25 similarity of the need to the expert's expertise text
  languages     shares an official language of the requesting state
  availability  1 / (1 + live activities they are assigned to overlapping the window)
  track_record  activities delivered or closed with them, rated by their evaluations
  cost          exp(-distance from the expert's state to the requesting state / distance_scale_km):
                the expert travels to the requester; the same for everyone in a virtual session
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field
from enum import IntEnum
from functools import cached_property

import numpy as np

from matching import factors as registry
from matching.conf import DEFAULT_OPTIONS
from matching.text import TextIndex
from matching.text import tokens as text_tokens

EPOCH = datetime.date(1970, 1, 1)
DAYS_PER_MONTH = 365.25 / 12
VIRTUAL = "virtual"  # assistance.choices.Modality.VIRTUAL: nobody travels
EXPERT_MISSION = "expert_mission"  # assistance.choices.Modality.EXPERT_MISSION: the expert travels
DAY_KEY = 1_000_000  # state index × DAY_KEY + epoch day: one sorted key for (state, date)
EARTH_RADIUS_KM = 6371.0


def epoch_day(value: datetime.date) -> int:
    return (value - EPOCH).days


def from_epoch_day(day: int) -> datetime.date:
    return EPOCH + datetime.timedelta(days=int(day))


class Exclusion(IntEnum):
    """Why a candidate is not proposed (0: it is)."""

    NONE = 0
    REQUESTER = 1  # a state never hosts its own request
    DECLINED = 2  # declined this request already
    BELOW_LEVEL = 3  # below the hosting level in every requested area
    NOT_ASSESSED = 4  # no assessment in any requested area
    SAME_STATE = 5  # an expert of the requesting state: conflict of interest
    NO_EXPERTISE = 6  # an expert with nothing in common with the need
    NOT_AHEAD = 7  # at or below the requester's level (plus the minimum gap) in every requested area
    UNCONFIRMED = 8  # eligible only on self-assessed levels nobody has confirmed
    OFFICER = 9  # left out of this request's ranking by the officer, with a reason
    WORKS_FOR_REQUESTER = 10  # an expert working for an institution of the requesting state

    NO_TIME = 11  # the activity cannot fit in the window at this host
    OVER_CAPACITY = 12  # no institution of the host can receive the study visit's group


# How the assessment behind a level was made (`HostSupply.assessment_method`), by index.
ASSESSMENT_METHODS = ("self", "peer", "secretariat")
UNKNOWN_METHOD = -1
DAYS_PER_YEAR = 365.25


class DocKind(IntEnum):
    PRACTICE = 0
    INSTITUTION = 1
    ACTIVITY = 2


# --- building blocks ------------------------------------------------------------------------


@dataclass(frozen=True)
class Doc:
    """One text a host offers: a practice, an institution's description, a past activity."""

    state: int
    institution: int  # index into HostSupply.institution_ids, or -1
    kind: DocKind
    ref: int  # primary key of the practice, institution or request it comes from
    label: str
    text: str = ""
    tokens: tuple[str, ...] | None = None  # given directly by the bench; otherwise from text
    areas: tuple[int, ...] = ()  # the capability areas it belongs to (area indexes)
    languages: tuple[int, ...] = ()  # the languages it is offered in (HostSupply language indexes)


@dataclass(frozen=True)
class DocSet:
    """The hosts' documents, sorted by state, with one BM25 index over all of them."""

    state: np.ndarray  # int32 [D], ascending
    institution: np.ndarray  # int32 [D]
    kind: np.ndarray  # int8 [D]
    ref: np.ndarray  # int64 [D]
    labels: tuple[str, ...]
    tokens: tuple[tuple[str, ...], ...]
    state_ptr: np.ndarray  # int64 [S + 1]: the docs of state s are [state_ptr[s], state_ptr[s + 1])
    index: TextIndex
    # The docs' capability areas, flat: doc area_doc[k] is in area area_items[k].
    area_doc: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    area_items: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    # The languages the docs are offered in, flat: doc language_doc[k] is in language language_items[k].
    language_doc: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    language_items: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))

    @classmethod
    def build(cls, docs: list[Doc], state_count: int) -> DocSet:
        docs = sorted((doc for doc in docs if doc.state >= 0), key=lambda d: (d.state, d.kind, d.ref))
        tokens = tuple(tuple(doc.tokens) if doc.tokens is not None else text_tokens(doc.text) for doc in docs)
        state = np.fromiter((doc.state for doc in docs), dtype=np.int32, count=len(docs))
        area_count = sum(len(doc.areas) for doc in docs)
        language_count = sum(len(doc.languages) for doc in docs)
        return cls(
            area_doc=np.fromiter(
                (d for d, doc in enumerate(docs) for _a in doc.areas), dtype=np.int32, count=area_count
            ),
            area_items=np.fromiter((a for doc in docs for a in doc.areas), dtype=np.int32, count=area_count),
            language_doc=np.fromiter(
                (d for d, doc in enumerate(docs) for _k in doc.languages), dtype=np.int32, count=language_count
            ),
            language_items=np.fromiter(
                (k for doc in docs for k in doc.languages), dtype=np.int32, count=language_count
            ),
            state=state,
            institution=np.fromiter((doc.institution for doc in docs), dtype=np.int32, count=len(docs)),
            kind=np.fromiter((doc.kind for doc in docs), dtype=np.int8, count=len(docs)),
            ref=np.fromiter((doc.ref for doc in docs), dtype=np.int64, count=len(docs)),
            labels=tuple(doc.label for doc in docs),
            tokens=tokens,
            state_ptr=np.searchsorted(state, np.arange(state_count + 1), side="left").astype(np.int64),
            index=TextIndex.cached(tokens),
        )

    def __len__(self):
        return len(self.labels)

    @cached_property
    def docs_by_area(self) -> tuple[np.ndarray, np.ndarray]:
        """The docs of each area, built once: (docs sorted by area, and where each area's run
        starts in it, indexed by area up to the largest area index + 2)."""
        order = np.argsort(self.area_items, kind="stable")
        areas = self.area_items[order]
        top = int(areas.max()) + 2 if len(areas) else 1
        return self.area_doc[order], np.searchsorted(areas, np.arange(top))

    def docs_in(self, areas: np.ndarray) -> np.ndarray:
        """The docs (with repeats, one per matching item) in any of these areas."""
        docs, starts = self.docs_by_area
        areas = np.asarray(areas, dtype=np.int64)
        areas = areas[(areas >= 0) & (areas < len(starts) - 1)]
        if not len(areas):
            return np.zeros(0, dtype=docs.dtype)
        return np.concatenate([docs[starts[a] : starts[a + 1]] for a in areas.tolist()])


@dataclass(frozen=True)
class Calendar:
    """Public holidays on working days (Monday to Friday), keyed by (state, day) for counting."""

    keys: np.ndarray  # int64, sorted: state × DAY_KEY + epoch day
    names: tuple[str, ...]

    @classmethod
    def build(cls, holidays: list[tuple[int, int, str]]) -> Calendar:
        """holidays: (state index, epoch day, name). Weekend holidays cost no working day."""
        rows = sorted({(s, d, n) for s, d, n in holidays if (d + 3) % 7 < 5})
        keys = np.fromiter((s * DAY_KEY + d for s, d, _n in rows), dtype=np.int64, count=len(rows))
        return cls(keys=keys, names=tuple(n for _s, _d, n in rows))

    def bounds(self, states: np.ndarray, start: int, end: int) -> tuple[np.ndarray, np.ndarray]:
        base = states.astype(np.int64) * DAY_KEY
        return np.searchsorted(self.keys, base + start, "left"), np.searchsorted(self.keys, base + end, "right")

    def count(self, states: np.ndarray, start: int, end: int) -> np.ndarray:
        lo, hi = self.bounds(states, start, end)
        return hi - lo

    def in_window(self, state: int, start: int, end: int) -> list[tuple[datetime.date, str]]:
        lo, hi = self.bounds(np.array([state]), start, end)
        return [(from_epoch_day(self.keys[i] - state * DAY_KEY), self.names[i]) for i in range(lo[0], hi[0])]


@dataclass(frozen=True)
class Meetings:
    """Committee meetings: which state, which committee (institution index), which day."""

    state: np.ndarray  # int32 [M]
    institution: np.ndarray  # int32 [M]
    day: np.ndarray  # int32 [M]

    @classmethod
    def build(cls, rows: list[tuple[int, int, int]]) -> Meetings:
        rows = sorted(rows)
        return cls(
            state=np.array([r[0] for r in rows], dtype=np.int32),
            institution=np.array([r[1] for r in rows], dtype=np.int32),
            day=np.array([r[2] for r in rows], dtype=np.int32),
        )


@dataclass(frozen=True)
class RegionalMeetings:
    """Meetings of the community's organs and councils: when, where, who attends, on what."""

    start: np.ndarray  # int32 [M] epoch days
    end: np.ndarray  # int32 [M] epoch days
    host: np.ndarray  # int32 [M]: state index where it is held, -1 elsewhere or online
    attending: np.ndarray  # bool [M, S]
    areas: np.ndarray  # bool [M, A]
    bodies: tuple[str, ...] = ()
    venues: tuple[str, ...] = ()
    tokens: tuple[frozenset[str], ...] = ()  # words of the body, title and agenda

    @classmethod
    def build(cls, rows: list[tuple], state_count: int, area_count: int) -> RegionalMeetings:
        """rows: (first day, last day, host state index or -1, attending state indexes, area
        indexes, body, venue, text)."""
        attending = np.zeros((len(rows), state_count), dtype=bool)
        areas = np.zeros((len(rows), area_count), dtype=bool)
        for m, row in enumerate(rows):
            attending[m, list(row[3])] = True
            areas[m, list(row[4])] = True
        return cls(
            start=np.array([r[0] for r in rows], dtype=np.int32),
            end=np.array([r[1] for r in rows], dtype=np.int32),
            host=np.array([r[2] for r in rows], dtype=np.int32),
            attending=attending,
            areas=areas,
            bodies=tuple(r[5] for r in rows),
            venues=tuple(r[6] for r in rows),
            tokens=tuple(frozenset(text_tokens(r[7])) for r in rows),
        )

    @classmethod
    def empty(cls, state_count: int = 0, area_count: int = 0) -> RegionalMeetings:
        return cls.build([], state_count, area_count)

    def __len__(self):
        return len(self.start)


@dataclass(frozen=True)
class Hosting:
    """Every activity a state hosted or holds dates for, in any area: the burden it carries."""

    state: np.ndarray  # int32 [H]
    institution: np.ndarray  # int32 [H], -1 for none
    start: np.ndarray  # int32 [H] epoch days

    @classmethod
    def build(cls, rows: list[tuple[int, int, int]]) -> Hosting:
        """rows: (state index, institution index or -1, first day)."""
        rows = sorted(rows)
        return cls(
            state=np.array([r[0] for r in rows], dtype=np.int32),
            institution=np.array([r[1] for r in rows], dtype=np.int32),
            start=np.array([r[2] for r in rows], dtype=np.int32),
        )

    @classmethod
    def empty(cls) -> Hosting:
        return cls.build([])


@dataclass(frozen=True)
class Engagements:
    """What a host (or an expert) is already committed to: one row per live activity and its dates."""

    owner: np.ndarray  # int32: state index (hosts) or expert index (experts)
    start: np.ndarray  # int32 epoch days
    end: np.ndarray  # int32 epoch days
    request: np.ndarray  # int64: the request it serves, so a request never counts against itself

    @classmethod
    def build(cls, rows: list[tuple[int, int, int, int]]) -> Engagements:
        rows = sorted(rows)
        return cls(
            owner=np.array([r[0] for r in rows], dtype=np.int32),
            start=np.array([r[1] for r in rows], dtype=np.int32),
            end=np.array([r[2] for r in rows], dtype=np.int32),
            request=np.array([r[3] for r in rows], dtype=np.int64),
        )

    def overlapping(self, owner_count: int, start: int, end: int, request_id: int) -> np.ndarray:
        mask = (self.start <= end) & (self.end >= start) & (self.request != request_id)
        return np.bincount(self.owner[mask], minlength=owner_count)


def inverted_index(pairs_owner: np.ndarray, pairs_key: np.ndarray, key_count: int) -> tuple[np.ndarray, np.ndarray]:
    """key → owners, as (ptr [key_count + 1], owners sorted by key then owner)."""
    order = np.lexsort((pairs_owner, pairs_key))
    keys = pairs_key[order]
    return np.searchsorted(keys, np.arange(key_count + 1), side="left").astype(np.int64), pairs_owner[order].astype(
        np.int32
    )


@dataclass(frozen=True)
class PastActivities:
    """Activities hosted in the past: the track record, from the activities delivered or closed
    (`activities.selectors`); ratings come with the activities' evaluations."""

    state: np.ndarray  # int32 [P]
    institution: np.ndarray  # int32 [P]
    rating: np.ndarray  # float32 [P], 1–5, NaN when not rated
    answers: np.ndarray  # int32 [P]: how many evaluation answers the rating is the mean of
    area_ptr: np.ndarray  # int64 [A + 1]: activities touching area a are area_items[area_ptr[a]:area_ptr[a+1]]
    area_items: np.ndarray  # int32

    @classmethod
    def build(cls, rows: list[tuple[int, int, tuple[int, ...], float | None]], area_count: int) -> PastActivities:
        """rows: (state index, institution index or -1, area indexes, rating or None[, answers]);
        a rating without a count of answers counts as one answer."""
        owners = np.array([i for i, row in enumerate(rows) for _a in row[2]], dtype=np.int32)
        keys = np.array([a for row in rows for a in row[2]], dtype=np.int32)
        ptr, items = inverted_index(owners, keys, area_count)
        return cls(
            state=np.array([r[0] for r in rows], dtype=np.int32),
            institution=np.array([r[1] for r in rows], dtype=np.int32),
            rating=np.array([np.nan if r[3] is None else r[3] for r in rows], dtype=np.float32),
            answers=np.array([r[4] if len(r) > 4 else int(r[3] is not None) for r in rows], dtype=np.int32),
            area_ptr=ptr,
            area_items=items,
        )

    def touching(self, areas: np.ndarray) -> np.ndarray:
        """Indexes of the activities in any of the areas, each once."""
        if not len(areas):
            return np.zeros(0, dtype=np.int32)
        parts = [self.area_items[self.area_ptr[a] : self.area_ptr[a + 1]] for a in areas]
        return np.unique(np.concatenate(parts)) if len(parts) > 1 else parts[0]


@dataclass(frozen=True)
class HostSupply:
    """Everything about the member states that scoring reads, as arrays indexed by state."""

    ids: np.ndarray  # int64 [S] primary keys
    names: tuple[str, ...]
    iso_codes: tuple[str, ...]
    capitals: tuple[str, ...]
    population: np.ndarray  # float64 [S], NaN unknown
    sub_region: np.ndarray  # int32 [S], -1 unknown
    legal_tradition: np.ndarray  # int32 [S], -1 unknown
    languages: np.ndarray  # bool [S, L]
    language_names: tuple[str, ...]
    latitude: np.ndarray  # float64 [S] radians, NaN unknown
    longitude: np.ndarray  # float64 [S] radians, NaN unknown
    area_ids: np.ndarray  # int64 [A]
    area_names: tuple[str, ...]
    area_parent: np.ndarray  # int32 [A], -1 for a root
    levels: np.ndarray  # int8 [S, A], current maturity level, -1 not assessed
    institution_ids: np.ndarray  # int64 [I]
    institution_names: tuple[str, ...]
    institution_state: np.ndarray  # int32 [I]
    institution_doc: np.ndarray  # int32 [I]: index of the institution's own doc, -1 if none
    docs: DocSet
    meetings: Meetings
    holidays: Calendar
    past: PastActivities
    engagements: Engagements
    sub_region_names: tuple[str, ...] = ()
    legal_tradition_names: tuple[str, ...] = ()
    hosting: Hosting = field(default_factory=Hosting.empty)
    regional: RegionalMeetings | None = None  # None: no regional meetings known
    institution_capacity: np.ndarray | None = None  # int32 [I]: group it can receive, 0 not stated
    holiday_statutory: np.ndarray | None = None  # bool, one per holidays key: False for an extra day
    # bool [I, L]: the languages each institution's staff work in (None: not known)
    institution_languages: np.ndarray | None = None
    # The names in other interface languages, by language code (`labels.localised` reads them;
    # the names above are the fallback): {"fr": {"areas": (...), "languages": (...)}}.
    translations: dict = field(default_factory=dict)
    # How each current level is known ([S, A]; None: unknown, every level counts as confirmed):
    # the epoch day of its assessment (-1 unknown), its method (index into ASSESSMENT_METHODS,
    # -1 unknown) and whether the secretariat or a peer review confirms it
    # (`maturity.selectors.level_confirmed`).
    assessed_day: np.ndarray | None = None
    assessment_method: np.ndarray | None = None
    confirmed: np.ndarray | None = None
    # [I]: a regional institution, serving the region from its seat (`institution_state`).
    institution_regional: np.ndarray | None = None

    @property
    def state_count(self) -> int:
        return len(self.ids)

    @cached_property
    def working_languages(self) -> np.ndarray:
        """bool [S, L]: the languages a state can host in: its official languages, those its
        institutions' staff work in, and those its practices are offered in."""
        working = self.languages.copy()
        if self.institution_languages is not None and len(self.institution_state):
            np.logical_or.at(working, self.institution_state, self.institution_languages)
        working[self.docs.state[self.docs.language_doc], self.docs.language_items] = True
        return working

    def state_index(self) -> dict[int, int]:
        return dict(self.state_positions)

    @cached_property
    def state_positions(self) -> dict[int, int]:
        """Primary key → state index, built once (read it, never change it)."""
        return {int(pk): i for i, pk in enumerate(self.ids)}

    @cached_property
    def state_name_tokens(self) -> frozenset[str]:
        """The words of the member states' names, as the text index reads them."""
        return frozenset(token for name in self.names for token in text_tokens(name))

    @cached_property
    def institution_positions(self) -> dict[int, int]:
        """Institution primary key → institution index, built once (read it, never change it)."""
        return {int(pk): k for k, pk in enumerate(self.institution_ids)}

    @cached_property
    def area_positions(self) -> dict[int, int]:
        """Primary key → area index, built once (read it, never change it)."""
        return {int(pk): k for k, pk in enumerate(self.area_ids)}

    @cached_property
    def state_capacity(self) -> np.ndarray:
        """[S]: the largest group one of the state's institutions can receive (0: none stated)."""
        capacity = np.zeros(self.state_count, dtype=np.int64)
        if self.institution_capacity is not None and len(self.institution_capacity):
            np.maximum.at(capacity, self.institution_state, self.institution_capacity.astype(np.int64))
        return capacity

    @cached_property
    def institution_hosted(self) -> np.ndarray:
        """How many past activities each institution hosted."""
        hosts = self.past.institution[self.past.institution >= 0]
        return np.bincount(hosts, minlength=len(self.institution_ids))


@dataclass(frozen=True)
class ExpertSupply:
    """The experts, as arrays indexed by expert (languages on the HostSupply's language axis)."""

    ids: np.ndarray  # int64 [E]
    names: tuple[str, ...]
    posts: tuple[str, ...]
    state: np.ndarray  # int32 [E]: HostSupply state index, -1 for regional experts
    languages: np.ndarray  # bool [E, L]
    area_ptr: np.ndarray  # int64 [A + 1]: experts in area a are area_items[area_ptr[a]:area_ptr[a + 1]]
    area_items: np.ndarray  # int32
    index: TextIndex
    tokens: tuple[tuple[str, ...], ...]
    engagements: Engagements
    track_count: np.ndarray  # int32 [E]
    track_rating: np.ndarray  # float32 [E], NaN when not rated
    # int32 [E]: how many evaluation answers the rating is the mean of (None: not counted)
    track_answers: np.ndarray | None = None
    # int32 [E]: state index of the institution the expert works for, -1 none or regional
    institution_state: np.ndarray | None = None

    @property
    def count(self) -> int:
        return len(self.ids)

    @cached_property
    def positions(self) -> dict[int, int]:
        """Primary key → expert index, built once (read it, never change it)."""
        return {int(pk): j for j, pk in enumerate(self.ids)}

    @cached_property
    def track(self) -> np.ndarray:
        """The track-record factor, the same for every request: past assignments and ratings."""
        return saturating(self.track_count) * np.where(
            np.isnan(self.track_rating), 1.0, 0.5 + 0.5 * self.track_rating / 5.0
        )


@dataclass(frozen=True)
class Need:
    """One request as the scoring core sees it."""

    request_id: int
    requester: int  # state index
    areas: np.ndarray  # int32 area indexes
    query: tuple[str, ...]
    start: int  # epoch day
    end: int  # epoch day
    required_days: int = 5
    declined_states: frozenset[int] = frozenset()
    declined_experts: frozenset[int] = frozenset()
    include_below: bool = False
    today: int = -1  # epoch day the ranking is made (-1: the window's start)
    modality: str = ""  # assistance.choices.Modality value; "" for no preference
    group_size: int = 0  # officials travelling (0: unknown)

    # Hosts eligible only on self-assessed levels are proposed only when the officer asks.
    include_unconfirmed: bool = False
    # Left out of this request's ranking by the officer: state, expert and institution indexes.
    excluded_states: frozenset[int] = frozenset()
    excluded_experts: frozenset[int] = frozenset()
    excluded_institutions: frozenset[int] = frozenset()

    @property
    def as_of(self) -> int:
        return self.today if self.today >= 0 else self.start

    @property
    def window(self) -> tuple[datetime.date, datetime.date]:
        return from_epoch_day(self.start), from_epoch_day(self.end)


# --- results --------------------------------------------------------------------------------


@dataclass
class Ranking:
    """Scores of every candidate; the eligible ones ranked best first, the excluded ones with why.

    Ties are broken by primary key, so the same data always ranks the same way. The full order
    is sorted on first use; `top(n)` sorts only the first n (what a re-matching job keeps)."""

    factors_names: tuple[str, ...]
    weights: np.ndarray  # [F], normalised to sum 1
    factors: np.ndarray  # [N, F], each 0..1 (a view of an [F, N] array: one row per factor)
    scores: np.ndarray  # [N]: the sum of the contributions
    excluded: np.ndarray  # int8 [N]: Exclusion
    ids: np.ndarray  # [N] primary keys, for ties
    silent: int = -1  # an exclusion not worth listing (experts with nothing in common with the need)
    definitions: tuple = ()  # the Factor of each column (matching.factors), for labels and reasons
    detail: dict = field(default_factory=dict)  # arrays the explanations read

    @cached_property
    def labels(self) -> tuple[tuple[str, str], ...]:
        """(label, help) of each factor, translated once per ranking (in the language then active)."""
        return tuple((str(factor.label), str(factor.help)) for factor in self.definitions)

    @cached_property
    def contributions(self) -> np.ndarray:
        """[N, F]: weight × factor, in score points from 0 to 1."""
        return self.factors * self.weights

    def contribution(self, i: int) -> np.ndarray:
        """[F]: one candidate's contributions (without computing everyone's)."""
        return self.factors[i] * self.weights

    @cached_property
    def eligible(self) -> np.ndarray:
        return np.flatnonzero(self.excluded == 0)

    @cached_property
    def _rank_keys(self) -> np.ndarray:
        """Scores as ranked: equal up to floating-point noise (a sum taken in another order when
        the states are listed in another order) counts as a tie, which the id then breaks."""
        return np.round(self.scores, TIE_DECIMALS)

    def _sorted(self, candidates: np.ndarray) -> np.ndarray:
        return candidates[np.lexsort((self.ids[candidates], -self._rank_keys[candidates]))]

    @cached_property
    def order(self) -> np.ndarray:
        """The eligible candidates, best first."""
        return self._sorted(self.eligible)

    @cached_property
    def excluded_order(self) -> np.ndarray:
        """The excluded candidates worth listing, by reason, then score."""
        out = np.flatnonzero((self.excluded != 0) & (self.excluded != self.silent))
        return out[np.lexsort((self.ids[out], -self._rank_keys[out], self.excluded[out]))]

    def top(self, n: int | None) -> np.ndarray:
        if n is None or n >= len(self.eligible) or "order" in self.__dict__:
            return self.order[:n] if n is not None else self.order
        scores = self._rank_keys[self.eligible]
        threshold = np.partition(scores, len(scores) - n)[len(scores) - n]
        return self._sorted(self.eligible[scores >= threshold])[:n]  # ties at the threshold included, then cut


# Decimals of a score that decide a rank (scores run from 0 to 1).
TIE_DECIMALS = 9


def normalised_weights(weights: dict[str, float], names: tuple[str, ...]) -> np.ndarray:
    raw = np.array([max(float(weights.get(name, 0.0)), 0.0) for name in names])
    total = raw.sum()
    return raw / total if total > 0 else np.full(len(names), 1.0 / len(names))


def per_state_max(values: np.ndarray, state_ptr: np.ndarray) -> np.ndarray:
    """The largest value of each state's documents (0 for a state without any)."""
    state_count = len(state_ptr) - 1
    result = np.zeros(state_count, dtype=np.float64)
    if not len(values):
        return result
    nonempty = state_ptr[1:] > state_ptr[:-1]
    result[nonempty] = np.maximum.reduceat(values, state_ptr[:-1][nonempty])
    return result


def great_circle_km(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Haversine distance (radians in, kilometres out)."""
    dlat, dlon = lat2 - lat1, lon2 - lon1
    a = np.sin(dlat / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def working_days(start: int, end: int) -> int:
    if end < start:
        return 0
    return int(np.busday_count(np.datetime64(start, "D"), np.datetime64(end + 1, "D")))


def saturating(count: np.ndarray, half: float = 2.0) -> np.ndarray:
    """0 for none, rising towards 1: 1 - exp(-n / half)."""
    return 1.0 - np.exp(-np.asarray(count, dtype=np.float64) / half)


# --- hosts ----------------------------------------------------------------------------------


@dataclass
class HostContext:
    """What the host factors read: the community, the need and the options, with the arrays
    several factors share computed once. Each factor may leave arrays in `detail` for its reasons."""

    supply: HostSupply
    need: Need
    options: dict
    detail: dict = field(default_factory=dict)

    @property
    def n(self) -> int:
        return self.supply.state_count

    @property
    def requester(self) -> int:
        """The requesting state's index, or -1 when it is not among the candidates."""
        r = self.need.requester
        return r if 0 <= r < self.n else -1

    @cached_property
    def areas(self) -> np.ndarray:
        return np.asarray(self.need.areas, dtype=np.int64)

    @cached_property
    def assessed(self) -> np.ndarray:
        """[S, areas]: whether the state's level in each requested area is known."""
        if not len(self.areas):
            return np.zeros((self.n, 0), dtype=bool)
        return self.supply.levels[:, self.areas] >= 0

    @cached_property
    def levels(self) -> np.ndarray:
        """[S, areas]: current levels in the requested areas, 0 where not assessed."""
        if not len(self.areas):
            return np.zeros((self.n, 0))
        return np.where(self.assessed, self.supply.levels[:, self.areas].astype(np.float64), 0.0)

    @cached_property
    def confirmed(self) -> np.ndarray:
        """[S, areas]: whether each level is confirmed by the secretariat or a peer review."""
        if self.supply.confirmed is None or not len(self.areas):
            return np.ones((self.n, len(self.areas)), dtype=bool)
        return self.supply.confirmed[:, self.areas]

    @cached_property
    def age_years(self) -> np.ndarray:
        """[S, areas]: age of the assessment behind each level in years, NaN when unknown."""
        if self.supply.assessed_day is None or not len(self.areas):
            return np.full((self.n, len(self.areas)), np.nan)
        days = self.supply.assessed_day[:, self.areas].astype(np.float64)
        return np.where(days >= 0, (self.need.as_of - days) / DAYS_PER_YEAR, np.nan)

    @cached_property
    def old(self) -> np.ndarray:
        """[S, areas]: the assessment is older than `old_assessment_years`."""
        with np.errstate(invalid="ignore"):
            return self.assessed & (self.age_years > float(self.options["old_assessment_years"]))

    @cached_property
    def ahead(self) -> np.ndarray:
        """[S, areas]: assessed at least `min_level_gap` levels above the requester."""
        gap = max(int(self.options["min_level_gap"]), 1)
        return self.assessed & (self.levels - self.requester_levels >= gap)

    @cached_property
    def requester_levels(self) -> np.ndarray:
        return self.levels[self.requester] if self.requester >= 0 else np.zeros(len(self.areas))

    @cached_property
    def best_level(self) -> np.ndarray:
        return self.levels.max(axis=1) if len(self.areas) else np.full(self.n, 4.0)

    @cached_property
    def any_assessed(self) -> np.ndarray:
        return self.assessed.any(axis=1) if len(self.areas) else np.ones(self.n, dtype=bool)

    @cached_property
    def doc_scores(self) -> np.ndarray:
        """BM25 score of each host document against the need."""
        return self.supply.docs.index.scores(self.need.query) if len(self.supply.docs) else np.zeros(0)

    @cached_property
    def doc_area_match(self) -> np.ndarray:
        """[D]: how well each document's capability areas cover the requested ones: the share of
        the requested areas it is in, or half when it is only in a parent or child of one."""
        docs, areas = self.supply.docs, self.areas
        if not len(areas) or not len(docs.area_items):
            return np.zeros(len(docs))
        area_count = len(self.supply.area_parent)
        requested = np.zeros(area_count, dtype=bool)
        requested[areas] = True
        parents = self.supply.area_parent
        near = np.zeros(area_count, dtype=bool)
        near[parents[areas][parents[areas] >= 0]] = True  # the parents of the requested areas
        near[(parents >= 0) & requested[np.maximum(parents, 0)]] = True  # and their children
        near &= ~requested
        # Count only the (document, area) items that touch the need, from the docs listed by area:
        # few, whatever the corpus.
        exact = np.bincount(docs.docs_in(np.flatnonzero(requested)), minlength=len(docs)).astype(np.float64)
        related = np.bincount(docs.docs_in(np.flatnonzero(near)), minlength=len(docs)) > 0
        return np.maximum(np.minimum(exact / len(areas), 1.0), 0.5 * related)

    @cached_property
    def doc_relevance(self) -> np.ndarray:
        """[D]: taxonomy first, words second. A document in the requested areas earns
        `relevance_area_share` of the factor, its words (BM25, relative to the best document of
        another state) the rest: a document in another area that shares words with the need never
        outranks one in the same area. A need without areas is read by its words alone."""
        scores = self.doc_scores
        if not len(scores):
            return scores
        docs = self.supply.docs
        others = scores if self.requester < 0 else np.where(docs.state == self.requester, 0.0, scores)
        top = float(others.max())
        words = scores / top if top > 0 else np.zeros(len(scores))
        if not len(self.areas):
            return np.clip(words, 0.0, 1.0)
        share = float(self.options.get("relevance_area_share", 0.6))
        return np.clip(share * self.doc_area_match + (1.0 - share) * words, 0.0, 1.0)


def host_capability(ctx: HostContext) -> np.ndarray:
    """level/4, plus the gap above the requester counted up to `ideal_gap` levels; a level known
    from an assessment older than `old_assessment_years` counts `old_assessment_discount` less."""
    gap = np.clip(ctx.levels - ctx.requester_levels, 0.0, None)
    ideal_gap = max(float(ctx.options["ideal_gap"]), 1.0)
    per_area = 0.5 * ctx.levels / 4.0 + 0.5 * np.minimum(gap, ideal_gap) / ideal_gap
    discount = min(max(float(ctx.options["old_assessment_discount"]), 0.0), 1.0)
    per_area = np.where(ctx.old, per_area * (1.0 - discount), per_area)
    return per_area.mean(axis=1) if len(ctx.areas) else np.zeros(ctx.n)


def host_fit(ctx: HostContext) -> np.ndarray:
    """A shared language, similar population, same sub-region, same legal tradition.

    A language is shared in full when it is an official language of both states, and for
    `working_language_credit` of it when the host works in an official language of the requester
    without it being its own: its institutions' staff work in it or its practices are offered in
    it (an English-speaking host with French-speaking staff, for Haiti)."""
    supply, r = ctx.supply, ctx.requester
    if r < 0:
        ctx.detail["size"] = np.full(ctx.n, 0.5)
        ctx.detail["language_term"] = np.zeros(ctx.n)
        return np.zeros(ctx.n)
    official = (supply.languages & supply.languages[r]).any(axis=1)
    working = (supply.working_languages & supply.languages[r]).any(axis=1)
    credit = float(ctx.options.get("working_language_credit", 0.8))
    shared_language = np.where(official, 1.0, np.where(working, credit, 0.0))
    ctx.detail["language_term"] = shared_language
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.abs(np.log10(supply.population / supply.population[r]))
    size = np.where(np.isfinite(ratio), np.clip(1.0 - ratio / 2.0, 0.0, 1.0), 0.5)
    same_sub_region = (supply.sub_region == supply.sub_region[r]) & (supply.sub_region >= 0)
    same_legal = (supply.legal_tradition == supply.legal_tradition[r]) & (supply.legal_tradition >= 0)
    ctx.detail["size"] = size
    return 0.4 * shared_language + 0.2 * size + 0.2 * same_sub_region + 0.2 * same_legal


def host_relevance(ctx: HostContext) -> np.ndarray:
    """The most relevant of each state's documents (`HostContext.doc_relevance`: shared
    capability areas first, then the words of the need)."""
    ctx.detail["relevance_raw"] = per_state_max(ctx.doc_scores, ctx.supply.docs.state_ptr)
    ctx.detail["doc_relevance"] = ctx.doc_relevance
    return per_state_max(ctx.doc_relevance, ctx.supply.docs.state_ptr)


def host_track_record(ctx: HostContext) -> np.ndarray:
    """Past activities hosted in the requested areas, and how they were rated."""
    n, past_all = ctx.n, ctx.supply.past
    past = past_all.touching(ctx.areas)
    track_count = np.bincount(past_all.state[past], minlength=n) if len(past) else np.zeros(n, dtype=np.int64)
    ratings, answers = past_all.rating[past], past_all.answers[past]
    rated = ~np.isnan(ratings) & (answers > 0)
    if rated.any():
        # Each answer weighs the same: an exchange rated by twenty counts more than one rated by two.
        states, weights = past_all.state[past][rated], answers[rated].astype(np.float64)
        rating_sum = np.bincount(states, weights=ratings[rated] * weights, minlength=n)
        rating_n = np.bincount(states, weights=weights, minlength=n)
    else:
        rating_sum, rating_n = np.zeros(n), np.zeros(n)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean_rating = np.where(rating_n > 0, rating_sum / np.maximum(rating_n, 1), np.nan)
    ctx.detail["track_count"], ctx.detail["mean_rating"] = track_count, mean_rating
    ctx.detail["rating_answers"] = rating_n.astype(np.int64)
    return saturating(track_count) * np.where(np.isnan(mean_rating), 1.0, 0.5 + 0.5 * mean_rating / 5.0)


def host_load(ctx: HostContext) -> np.ndarray:
    """Activities the host already hosts in the window: 1 / (1 + count)."""
    need = ctx.need
    load_count = ctx.supply.engagements.overlapping(ctx.n, need.start, need.end, need.request_id)
    ctx.detail["load_count"] = load_count
    return 1.0 / (1.0 + load_count)


# Words that say nothing about a meeting's subject: every council's agenda has them.
MEETING_GENERIC_WORDS = frozenset(
    "caricom community council councils committee development government heads meeting meetings minister "
    "ministers ministry national policy programme programmes regional report session sessions special "
    "update".split()
)
# Points of the timing factor a clash costs: the host's officials are away for part of the window.
CLASH_PENALTY = 0.3


def regional_meetings_in_window(ctx: HostContext) -> dict:
    """[M, S] opportunities (a meeting relevant to the need held in the state) and clashes (the
    state's officials attend a meeting held elsewhere) among the regional meetings in the window,
    with each meeting's relevance: by its capability areas (the need's or their parents or
    children) or by the words it shares with the need."""
    if "regional" in ctx.detail:
        return ctx.detail["regional"]
    supply, need, n = ctx.supply, ctx.need, ctx.n
    meetings = supply.regional
    if meetings is None or not len(meetings):
        empty = np.zeros((0, n), dtype=bool)
        found = {"meetings": np.zeros(0, dtype=np.int64), "opportunity": empty, "clash": empty, "terms": []}
        ctx.detail["regional"] = found
        return found
    inside = np.flatnonzero((meetings.start <= need.end) & (meetings.end >= need.start))
    areas = ctx.areas
    related = set(int(a) for a in areas)
    for a in areas:
        related.update(int(b) for b in np.flatnonzero(supply.area_parent == a))
        if supply.area_parent[a] >= 0:
            related.add(int(supply.area_parent[a]))
    related_mask = np.zeros(meetings.areas.shape[1], dtype=bool)
    related_mask[list(related)] = True
    wanted = [term for term in need.query if len(term) > 3 and term not in MEETING_GENERIC_WORDS]
    terms = [[term for term in wanted if term in meetings.tokens[m]] for m in inside]
    relevant = (meetings.areas[inside][:, related_mask].any(axis=1)) | np.array([bool(t) for t in terms], dtype=bool)
    held_in = meetings.host[inside][:, None] == np.arange(n)[None, :]
    opportunity = held_in & relevant[:, None]
    clash = meetings.attending[inside] & ~held_in
    found = {"meetings": inside, "opportunity": opportunity, "clash": clash, "terms": terms}
    ctx.detail["regional"] = found
    return found


def longest_free_run(free: np.ndarray, blocked: np.ndarray) -> np.ndarray:
    """[S]: the longest run of free days not broken by a blocked day (days that are neither, such
    as weekends and holidays, are skipped: a span of working days runs over them)."""
    if not free.shape[1]:
        return np.zeros(free.shape[0], dtype=np.int64)
    count = np.cumsum(free, axis=1)
    since_block = np.maximum.accumulate(np.where(blocked, count, 0), axis=1)
    return (count - since_block).max(axis=1)


def host_window_days(ctx: HostContext) -> dict:
    """Each host's days in the window: working days left after public holidays and other
    non-working days, and the longest run of them clear of its own live activities and of its
    officials' regional meetings abroad, which says whether the activity fits."""
    if "window_fit" in ctx.detail:
        return ctx.detail["window_fit"]
    supply, need, n = ctx.supply, ctx.need, ctx.n
    width = max(need.end - need.start + 1, 0)
    days = np.arange(need.start, need.start + width)
    weekday = (days + 3) % 7 < 5  # epoch day 0 was a Thursday
    closed = np.zeros((n, width), dtype=bool)
    owners, day = np.divmod(supply.holidays.keys, DAY_KEY)
    inside = (owners < n) & (day >= need.start) & (day <= need.end)
    closed[owners[inside], day[inside] - need.start] = True
    blocked = np.zeros((n, width + 1), dtype=np.int32)
    eng = supply.engagements
    live = np.flatnonzero((eng.start <= need.end) & (eng.end >= need.start) & (eng.request != need.request_id))
    live = live[eng.owner[live] < n]
    if len(live):
        np.add.at(blocked, (eng.owner[live], np.maximum(eng.start[live], need.start) - need.start), 1)
        np.add.at(blocked, (eng.owner[live], np.minimum(eng.end[live], need.end) - need.start + 1), -1)
    regional = regional_meetings_in_window(ctx)
    meetings = supply.regional
    for k, m in enumerate(regional["meetings"]):
        away = np.flatnonzero(regional["clash"][k])
        if len(away):
            blocked[away, max(int(meetings.start[m]), need.start) - need.start] += 1
            blocked[away, min(int(meetings.end[m]), need.end) - need.start + 1] -= 1
    blocked_days = np.cumsum(blocked, axis=1)[:, :width] > 0
    working = weekday[None, :] & ~closed
    found = {
        "free_days": working.sum(axis=1),
        "longest_run": longest_free_run(working & ~blocked_days, blocked_days),
        "window_days": int(weekday.sum()),
    }
    ctx.detail["window_fit"] = found
    return found


def host_timing(ctx: HostContext) -> np.ndarray:
    """A relevant committee or regional meeting in the window; the officials away at a regional
    meeting elsewhere; public holidays and other non-working days."""
    supply, need, n = ctx.supply, ctx.need, ctx.n
    meetings, doc_scores = supply.meetings, ctx.doc_scores
    best_meeting = np.full(n, -1, dtype=np.int64)
    meeting_term = np.zeros(n)
    max_doc = float(doc_scores.max()) if len(doc_scores) else 0.0
    in_window = np.flatnonzero((meetings.day >= need.start) & (meetings.day <= need.end))
    if len(in_window) and max_doc > 0:
        committee_doc = supply.institution_doc[meetings.institution[in_window]]
        committee_relevance = np.where(committee_doc >= 0, doc_scores[np.maximum(committee_doc, 0)] / max_doc, 0.0)
        relevant = committee_relevance > 0
        # The first meeting of the most relevant committee: meetings are sorted by state and day,
        # so a stable sort on relevance keeps the earliest first among equals.
        candidates = in_window[relevant]
        values = np.minimum(1.0, 2.0 * committee_relevance[relevant])
        order = np.lexsort((meetings.day[candidates], -values, meetings.state[candidates]))
        first = np.ones(len(order), dtype=bool)
        first[1:] = meetings.state[candidates][order][1:] != meetings.state[candidates][order][:-1]
        chosen = order[first]
        meeting_term[meetings.state[candidates][chosen]] = values[chosen]
        best_meeting[meetings.state[candidates][chosen]] = candidates[chosen]
    regional = regional_meetings_in_window(ctx)
    opportunity = regional["opportunity"].any(axis=0) if len(regional["meetings"]) else np.zeros(n, dtype=bool)
    clash = regional["clash"].any(axis=0) if len(regional["meetings"]) else np.zeros(n, dtype=bool)
    meeting_term = np.where(opportunity, 1.0, meeting_term)
    holiday_count = supply.holidays.count(np.arange(n), need.start, need.end)
    window_days = working_days(need.start, need.end)
    free_days = window_days - holiday_count
    holiday_term = 1.0 - np.minimum(1.0, holiday_count / max(float(ctx.options["holiday_scale"]), 1.0))
    fit = host_window_days(ctx)
    ctx.detail.update(
        best_meeting=best_meeting,
        holiday_count=holiday_count,
        window_days=window_days,
        free_days=free_days,
        longest_run=fit["longest_run"],
    )
    timing = 0.6 * meeting_term + 0.4 * holiday_term - CLASH_PENALTY * clash
    return np.where(fit["longest_run"] >= need.required_days, np.clip(timing, 0.0, 1.0), 0.0)


def travel_distance(supply: HostSupply, origins: np.ndarray, destination: int) -> np.ndarray:
    """Distance between capitals from each origin state to the destination state (NaN unknown)."""
    distance = np.full(len(origins), np.nan)
    if destination < 0:
        return distance
    # One distance per state (a few hundred), then looked up for each origin (tens of thousands
    # of experts): the same figures at a fraction of the trigonometry.
    by_state = great_circle_km(
        supply.latitude[destination], supply.longitude[destination], supply.latitude, supply.longitude
    )
    known = origins >= 0
    distance[known] = by_state[origins[known]]
    return distance


def cost_from_distance(distance: np.ndarray, options: dict, modality: str) -> np.ndarray:
    """exp(-distance / distance_scale_km), e^-1 when unknown; the same for everyone when the
    session is virtual (nobody travels, so distance must not tip the balance)."""
    if modality == VIRTUAL:
        return np.ones(len(distance))
    scale = max(float(options["distance_scale_km"]), 1.0)
    return np.where(np.isnan(distance), math.exp(-1.0), np.exp(-np.nan_to_num(distance) / scale))


def host_cost(ctx: HostContext) -> np.ndarray:
    """Travel between the two capitals: the requester's officials to the host, or for an expert
    mission the host's expert to the requester (the same distance); none for a virtual session."""
    distance = travel_distance(ctx.supply, np.arange(ctx.n), ctx.requester)
    ctx.detail["distance"] = distance
    return cost_from_distance(distance, ctx.options, ctx.need.modality)


def host_burden(ctx: HostContext) -> np.ndarray:
    """exp(-activities hosted in any area in the last `burden_horizon_months` / burden_scale):
    the more a state hosted lately, the lower its priority, so the burden is shared."""
    need, hosting, n = ctx.need, ctx.supply.hosting, ctx.n
    months = max(float(ctx.options["burden_horizon_months"]), 0.0)
    since = need.as_of - int(round(months * DAYS_PER_MONTH))
    past = (hosting.start <= need.as_of) & (hosting.state < n)
    recent = past & (hosting.start >= since)
    count = np.bincount(hosting.state[recent], minlength=n)[:n]
    last = np.full(n, -1, dtype=np.int64)
    np.maximum.at(last, hosting.state[past], hosting.start[past].astype(np.int64))
    hosted_by = recent & (hosting.institution >= 0)
    institution_count = np.bincount(hosting.institution[hosted_by], minlength=len(ctx.supply.institution_ids))
    ctx.detail.update(
        burden_count=count, last_hosted=last, burden_months=months, institution_burden_count=institution_count
    )
    scale = max(float(ctx.options["burden_scale"]), 0.1)
    return np.exp(-count / scale)


def score_stack(factor_list, context, count: int) -> np.ndarray:
    """[F, N]: every factor's values for every candidate, each clipped to 0..1."""
    stack = np.empty((len(factor_list), count))
    for row, factor in zip(stack, factor_list, strict=True):
        row[...] = factor.score(context)  # a factor may give one value for everyone
    return np.clip(stack, 0.0, 1.0, out=stack)


def rank_hosts(
    supply: HostSupply, need: Need, weights: dict[str, float], options: dict | None = None, factors=None
) -> Ranking:
    """Score every member state as a host for the need, in bulk, and rank the eligible ones.

    factors: the host factors to use, by default those registered (`matching.factors`)."""
    opts = {**DEFAULT_OPTIONS, **(options or {})}
    factor_list = tuple(factors) if factors is not None else registry.host_factors()
    ctx = HostContext(supply, need, opts)
    n, r = ctx.n, ctx.requester
    stack = score_stack(factor_list, ctx, n)
    names = tuple(factor.name for factor in factor_list)
    w = normalised_weights(weights, names)
    scores = w @ stack

    excluded = host_exclusions(ctx)
    if r >= 0:
        excluded[r] = Exclusion.REQUESTER
    return Ranking(
        factors_names=names,
        weights=w,
        factors=stack.T,
        scores=scores,
        excluded=excluded,
        ids=supply.ids,
        definitions=factor_list,
        detail={
            **ctx.detail,
            "levels": ctx.levels,
            "requester_levels": ctx.requester_levels,
            "assessed": ctx.assessed,
            "best_level": ctx.best_level,
            "doc_scores": ctx.doc_scores,
            "capacity": supply.state_capacity,
            "doc_relevance": ctx.doc_relevance,
            "confirmed": ctx.confirmed,
            "age_years": ctx.age_years,
            "old": ctx.old,
            "ahead": ctx.ahead,
        },
    )


def host_exclusions(ctx: HostContext) -> np.ndarray:
    """Why each state is not proposed (0: it is), the later rules taking precedence.

    A state hosts an area only where it is assessed, ahead of the requester by `min_level_gap`
    levels, at the hosting level (unless the officer asks for states below it) and, unless the
    officer includes them, confirmed by the secretariat or a peer review. A state that hosts none
    of the requested areas is left out: not ahead anywhere (which no switch of the officer's
    changes), else below the hosting level, else unconfirmed."""
    need, opts, n = ctx.need, ctx.options, ctx.n
    high = ctx.assessed & ((ctx.levels >= opts["min_host_level"]) | need.include_below)
    usable = high & ctx.ahead
    trusted = usable & (ctx.confirmed | need.include_unconfirmed)
    excluded = np.zeros(n, dtype=np.int8)
    if len(ctx.areas):
        excluded[~trusted.any(axis=1)] = Exclusion.UNCONFIRMED
        excluded[~usable.any(axis=1)] = Exclusion.BELOW_LEVEL
        excluded[~ctx.ahead.any(axis=1)] = Exclusion.NOT_AHEAD
    excluded[~ctx.any_assessed] = Exclusion.NOT_ASSESSED  # a level nobody has assessed is no basis for hosting
    # Left out rather than a few points down: a host where the activity cannot take place, or
    # whose institutions cannot receive the group (not stated: not held against it).
    excluded[(excluded == 0) & (host_window_days(ctx)["longest_run"] < need.required_days)] = Exclusion.NO_TIME
    capacity = ctx.supply.state_capacity
    if need.group_size > 0 and need.modality in opts["capacity_modalities"]:
        over = (excluded == 0) & (capacity > 0) & (capacity < need.group_size)
        excluded[over] = Exclusion.OVER_CAPACITY
    for index in need.declined_states:
        if 0 <= index < n:
            excluded[index] = Exclusion.DECLINED
    for index in need.excluded_states:
        if 0 <= index < n:
            excluded[index] = Exclusion.OFFICER
    return excluded


def rank_institutions(
    supply: HostSupply,
    ranking: Ranking,
    state: int,
    limit: int = 3,
    requester: int = -1,
    excluded: frozenset[int] = frozenset(),
) -> list[tuple[int, float, int]]:
    """A host state's institutions, most relevant first: (institution index, 0..1, best doc or -1).
    The institutions the officer left out of the ranking (`excluded`) are never proposed.

    An institution's relevance is the best score among its own description and the practices and
    past activities attributed to it; ties go to the institution whose staff work in an official
    language of the requester (when given), then to the one that hosted least lately (sharing the
    burden, when the burden factor is used), then to the one that hosted most, then by name."""
    doc_scores = ranking.detail.get("doc_relevance", ranking.detail["doc_scores"])
    lo, hi = supply.docs.state_ptr[state], supply.docs.state_ptr[state + 1]
    owners = supply.docs.institution[lo:hi]
    scores = doc_scores[lo:hi] if len(doc_scores) else np.zeros(hi - lo)
    attributed = np.flatnonzero(owners >= 0)
    # The best document of each institution: sort by institution, best score first, keep the first.
    by_owner = attributed[np.lexsort((attributed, -scores[attributed], owners[attributed]))]
    first = np.ones(len(by_owner), dtype=bool)
    first[1:] = owners[by_owner][1:] != owners[by_owner][:-1]
    best = {int(owners[k]): (float(scores[k]), int(lo + k)) for k in by_owner[first]}
    top = max((score for score, _doc in best.values()), default=0.0)
    hosted = supply.institution_hosted
    lately = ranking.detail.get("institution_burden_count")
    if lately is None:
        lately = np.zeros(len(supply.institution_ids), dtype=np.int64)
    speaks = np.zeros(len(supply.institution_ids), dtype=bool)
    if supply.institution_languages is not None and 0 <= requester < supply.state_count:
        speaks = (supply.institution_languages & supply.languages[requester]).any(axis=1)
    rows = []
    for inst in np.flatnonzero(supply.institution_state == state):
        if int(inst) in excluded:
            continue
        score, doc = best.get(int(inst), (0.0, -1))
        rows.append((int(inst), score / top if top > 0 else 0.0, doc if score > 0 else -1))
    rows.sort(
        key=lambda row: (
            -row[1],
            -int(speaks[row[0]]),
            int(lately[row[0]]),
            -int(hosted[row[0]]),
            supply.institution_names[row[0]],
            row[0],
        )
    )
    relevant = [row for row in rows if row[1] > 0]
    return (relevant or rows)[:limit]


# --- experts --------------------------------------------------------------------------------


@dataclass
class ExpertContext:
    """What the expert factors read; each factor may leave arrays in `detail` for its reasons."""

    experts: ExpertSupply
    supply: HostSupply
    need: Need
    options: dict
    detail: dict = field(default_factory=dict)

    @property
    def e(self) -> int:
        return self.experts.count


def expert_expertise(ctx: ExpertContext) -> np.ndarray:
    """Requested areas among the expert's areas (1 each; 0.5 for a parent or child area)."""
    experts, supply, e = ctx.experts, ctx.supply, ctx.e
    areas = np.asarray(ctx.need.areas, dtype=np.int64)
    expertise = np.zeros(e)
    for a in areas:
        exact = np.zeros(e, dtype=bool)
        exact[experts.area_items[experts.area_ptr[a] : experts.area_ptr[a + 1]]] = True
        near = np.zeros(e, dtype=bool)
        related = list(np.flatnonzero(supply.area_parent == a))
        if supply.area_parent[a] >= 0:
            related.append(int(supply.area_parent[a]))
        for b in related:
            near[experts.area_items[experts.area_ptr[b] : experts.area_ptr[b + 1]]] = True
        expertise += np.where(exact, 1.0, np.where(near, 0.5, 0.0))
    if len(areas):
        expertise /= len(areas)
    ctx.detail["expertise"] = expertise
    return expertise


def expert_relevance(ctx: ExpertContext) -> np.ndarray:
    """BM25 similarity of the need to the expert's expertise text, relative to the best expert."""
    e = ctx.e
    raw = ctx.experts.index.scores(ctx.need.query) if e else np.zeros(0)
    top = raw.max() if e else 0.0
    relevance = raw / top if top > 0 else np.zeros(e)
    ctx.detail["relevance_raw"], ctx.detail["relevance"] = raw, relevance
    return relevance


def expert_languages(ctx: ExpertContext) -> np.ndarray:
    """Shares an official language of the requesting state."""
    r, e = ctx.need.requester, ctx.e
    if not 0 <= r < ctx.supply.state_count:
        return np.zeros(e)
    spoken = np.flatnonzero(ctx.supply.languages[r])
    return ctx.experts.languages[:, spoken].any(axis=1).astype(np.float64) if len(spoken) else np.zeros(e)


def expert_availability(ctx: ExpertContext) -> np.ndarray:
    """1 / (1 + live activities the expert is booked on that overlap the window)."""
    need = ctx.need
    busy = ctx.experts.engagements.overlapping(ctx.e, need.start, need.end, need.request_id)
    ctx.detail["busy"] = busy
    return 1.0 / (1.0 + busy)


def expert_track_record(ctx: ExpertContext) -> np.ndarray:
    """Activities delivered or closed with the expert, and their ratings."""
    return ctx.experts.track


def expert_cost(ctx: ExpertContext) -> np.ndarray:
    """The expert's travel from their state to the requesting state (none for a virtual session)."""
    r = ctx.need.requester if 0 <= ctx.need.requester < ctx.supply.state_count else -1
    distance = travel_distance(ctx.supply, ctx.experts.state, r)
    ctx.detail["distance"] = distance
    return cost_from_distance(distance, ctx.options, ctx.need.modality)


def rank_experts(
    experts: ExpertSupply,
    supply: HostSupply,
    need: Need,
    weights: dict[str, float],
    options: dict | None = None,
    factors=None,
) -> Ranking:
    """Score every expert for the need, in bulk, and rank the eligible ones.

    factors: the expert factors to use, by default those registered (`matching.factors`)."""
    opts = {**DEFAULT_OPTIONS, **(options or {})}
    factor_list = tuple(factors) if factors is not None else registry.expert_factors()
    ctx = ExpertContext(experts, supply, need, opts)
    e = ctx.e
    stack = score_stack(factor_list, ctx, e)
    names = tuple(factor.name for factor in factor_list)
    w = normalised_weights(weights, names)
    scores = w @ stack

    # Exclusions read the expertise and relevance whatever their weight (even when unregistered).
    expertise = ctx.detail["expertise"] if "expertise" in ctx.detail else expert_expertise(ctx)
    relevance = ctx.detail["relevance"] if "relevance" in ctx.detail else expert_relevance(ctx)
    if "busy" not in ctx.detail:
        expert_availability(ctx)
    r = need.requester
    excluded = np.zeros(e, dtype=np.int8)
    if not opts["experts_from_requesting_state"] and r >= 0:
        if experts.institution_state is not None:
            # Working for an institution of the requesting state is a conflict even without a state.
            excluded[experts.institution_state == r] = Exclusion.WORKS_FOR_REQUESTER
        excluded[experts.state == r] = Exclusion.SAME_STATE
    for index in need.declined_experts:
        if 0 <= index < e:
            excluded[index] = Exclusion.DECLINED
    excluded[(expertise == 0) & (relevance < float(opts["expert_min_relevance"]))] = Exclusion.NO_EXPERTISE
    for index in need.excluded_experts:
        if 0 <= index < e:
            excluded[index] = Exclusion.OFFICER
    return Ranking(
        factors_names=names,
        weights=w,
        factors=stack.T,
        scores=scores,
        excluded=excluded,
        ids=experts.ids,
        silent=Exclusion.NO_EXPERTISE,
        definitions=factor_list,
        detail=ctx.detail,
    )
