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
  fit           a shared official language, similar population, same sub-region, same
                legal tradition
  relevance     BM25 similarity of the need to the host's documents (practices, institutions'
                descriptions and committee agendas, past activities), relative to the best host
  track_record  past activities hosted in the requested areas, and their ratings
  load          availability: 1 / (1 + activities already hosted in the window)
  timing        a relevant committee of the host meets inside the window; the host's public
                holidays on working days in the window; whether the window leaves enough
                working days for the modality
  cost          exp(-distance between capitals / distance_scale_km)

Built-in expert factors
  expertise     requested areas among the expert's areas (1 each; 0.5 for a parent or child area)
  relevance     BM25 similarity of the need to the expert's expertise text
  languages     shares an official language of the requesting state
  availability  1 / (1 + live activities they are assigned to overlapping the window)
  track_record  activities delivered or closed with them, rated by their evaluations
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

    @classmethod
    def build(cls, docs: list[Doc], state_count: int) -> DocSet:
        docs = sorted((doc for doc in docs if doc.state >= 0), key=lambda d: (d.state, d.kind, d.ref))
        tokens = tuple(tuple(doc.tokens) if doc.tokens is not None else text_tokens(doc.text) for doc in docs)
        state = np.fromiter((doc.state for doc in docs), dtype=np.int32, count=len(docs))
        return cls(
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

    def state_index(self) -> dict[int, int]:
        return {int(pk): i for i, pk in enumerate(self.ids)}

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
    # Hosts eligible only on self-assessed levels are proposed only when the officer asks.
    include_unconfirmed: bool = False
    # Left out of this request's ranking by the officer: state, expert and institution indexes.
    excluded_states: frozenset[int] = frozenset()
    excluded_experts: frozenset[int] = frozenset()
    excluded_institutions: frozenset[int] = frozenset()
    today: int | None = None  # epoch day the assessments' age is counted from (None: the window's start)

    @property
    def age_from(self) -> int:
        return self.start if self.today is None else self.today

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
        return np.where(days >= 0, (self.need.age_from - days) / DAYS_PER_YEAR, np.nan)

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
    """Shared official language, similar population, same sub-region, same legal tradition."""
    supply, r = ctx.supply, ctx.requester
    if r < 0:
        ctx.detail["size"] = np.full(ctx.n, 0.5)
        return np.zeros(ctx.n)
    shared_language = (supply.languages & supply.languages[r]).any(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.abs(np.log10(supply.population / supply.population[r]))
    size = np.where(np.isfinite(ratio), np.clip(1.0 - ratio / 2.0, 0.0, 1.0), 0.5)
    same_sub_region = (supply.sub_region == supply.sub_region[r]) & (supply.sub_region >= 0)
    same_legal = (supply.legal_tradition == supply.legal_tradition[r]) & (supply.legal_tradition >= 0)
    ctx.detail["size"] = size
    return 0.4 * shared_language + 0.2 * size + 0.2 * same_sub_region + 0.2 * same_legal


def host_relevance(ctx: HostContext) -> np.ndarray:
    """The best BM25 score among each state's documents, relative to the best other state."""
    relevance_raw = per_state_max(ctx.doc_scores, ctx.supply.docs.state_ptr)
    others = relevance_raw.copy()
    if ctx.requester >= 0:
        others[ctx.requester] = 0.0
    top_relevance = others.max() if ctx.n else 0.0
    ctx.detail["relevance_raw"] = relevance_raw
    relevance = relevance_raw / top_relevance if top_relevance > 0 else np.zeros(ctx.n)
    return np.clip(relevance, 0.0, 1.0)


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


def host_timing(ctx: HostContext) -> np.ndarray:
    """A relevant committee meeting in the window; public holidays; enough working days."""
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
    holiday_count = supply.holidays.count(np.arange(n), need.start, need.end)
    window_days = working_days(need.start, need.end)
    free_days = window_days - holiday_count
    holiday_term = 1.0 - np.minimum(1.0, holiday_count / max(float(ctx.options["holiday_scale"]), 1.0))
    ctx.detail.update(
        best_meeting=best_meeting, holiday_count=holiday_count, window_days=window_days, free_days=free_days
    )
    return np.where(free_days >= need.required_days, 0.6 * meeting_term + 0.4 * holiday_term, 0.0)


def host_cost(ctx: HostContext) -> np.ndarray:
    """exp(-distance between capitals / distance_scale_km)."""
    supply, r = ctx.supply, ctx.requester
    if r >= 0:
        distance = great_circle_km(supply.latitude[r], supply.longitude[r], supply.latitude, supply.longitude)
    else:
        distance = np.full(ctx.n, np.nan)
    ctx.detail["distance"] = distance
    scale = max(float(ctx.options["distance_scale_km"]), 1.0)
    return np.where(np.isnan(distance), math.exp(-1.0), np.exp(-np.nan_to_num(distance) / scale))


def score_stack(factor_list, context, count: int) -> np.ndarray:
    """[F, N]: every factor's values for every candidate, each clipped to 0..1."""
    if not factor_list:
        return np.zeros((0, count))
    rows = [np.broadcast_to(np.asarray(factor.score(context), dtype=np.float64), (count,)) for factor in factor_list]
    return np.clip(np.stack(rows), 0.0, 1.0)


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
    for index in need.declined_states:
        if 0 <= index < n:
            excluded[index] = Exclusion.DECLINED
    for index in need.excluded_states:
        if 0 <= index < n:
            excluded[index] = Exclusion.OFFICER
    return excluded


def rank_institutions(
    supply: HostSupply, ranking: Ranking, state: int, limit: int = 3, excluded: frozenset[int] = frozenset()
) -> list[tuple[int, float, int]]:
    """A host state's institutions, most relevant first: (institution index, 0..1, best doc or -1).
    The institutions the officer left out of the ranking (`excluded`) are never proposed.

    An institution's relevance is the best score among its own description and the practices and
    past activities attributed to it; ties go to the institution that hosted most, then by name."""
    doc_scores = ranking.detail["doc_scores"]
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
    rows = []
    for inst in np.flatnonzero(supply.institution_state == state):
        if int(inst) in excluded:
            continue
        score, doc = best.get(int(inst), (0.0, -1))
        rows.append((int(inst), score / top if top > 0 else 0.0, doc if score > 0 else -1))
    rows.sort(key=lambda row: (-row[1], -int(hosted[row[0]]), supply.institution_names[row[0]], row[0]))
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
