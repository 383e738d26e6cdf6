"""Synthetic communities for the benchmark and the property tests, built straight into the
scoring core's arrays (no database, no text to tokenise): `generate()` makes one at any scale,
`host_supply()` fills the arrays a test does not care about with neutral defaults."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import numpy as np

from matching.scoring import (
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


def host_supply(
    levels: np.ndarray,
    *,
    ids=None,
    names=None,
    population=None,
    sub_region=None,
    legal_tradition=None,
    languages=None,
    latitude=None,
    longitude=None,
    area_parent=None,
    docs: list[Doc] | None = None,
    institution_state=None,
    meetings: list[tuple[int, int, int]] = (),
    holidays: list[tuple[int, int, str]] = (),
    past: list[tuple[int, int, tuple[int, ...], float | None]] = (),
    engagements: list[tuple[int, int, int, int]] = (),
    hosting: list[tuple[int, int, int]] = (),
    regional: list[tuple] = (),
    institution_capacity=None,
    statutory=None,
    institution_languages=None,
    language_names=None,
    institution_names=None,
) -> HostSupply:
    """A HostSupply from a levels matrix [states × areas]; everything else optional."""
    levels = np.asarray(levels, dtype=np.int8)
    n, a = levels.shape
    ids = np.arange(1, n + 1, dtype=np.int64) if ids is None else np.asarray(ids, dtype=np.int64)
    institution_state = (
        np.arange(n, dtype=np.int32) if institution_state is None else np.asarray(institution_state, dtype=np.int32)
    )
    doc_set = DocSet.build(list(docs or []), n)
    institution_doc = np.full(len(institution_state), -1, dtype=np.int32)
    for d in np.flatnonzero(doc_set.kind == DocKind.INSTITUTION):
        if doc_set.institution[d] >= 0:
            institution_doc[doc_set.institution[d]] = d
    return HostSupply(
        ids=ids,
        names=tuple(names) if names is not None else tuple(f"State {i}" for i in range(n)),
        iso_codes=tuple(f"S{i}" for i in range(n)),
        capitals=tuple(f"Capital {i}" for i in range(n)),
        population=np.full(n, 1e6) if population is None else np.asarray(population, dtype=np.float64),
        sub_region=np.zeros(n, dtype=np.int32) if sub_region is None else np.asarray(sub_region, dtype=np.int32),
        legal_tradition=np.zeros(n, dtype=np.int32)
        if legal_tradition is None
        else np.asarray(legal_tradition, dtype=np.int32),
        languages=np.ones((n, 1), dtype=bool) if languages is None else np.asarray(languages, dtype=bool),
        language_names=tuple(language_names)
        if language_names is not None
        else tuple(f"Language {k}" for k in range(1 if languages is None else np.asarray(languages).shape[1])),
        latitude=np.zeros(n) if latitude is None else np.radians(np.asarray(latitude, dtype=np.float64)),
        longitude=np.zeros(n) if longitude is None else np.radians(np.asarray(longitude, dtype=np.float64)),
        area_ids=np.arange(1, a + 1, dtype=np.int64),
        area_names=tuple(f"Area {k}" for k in range(a)),
        area_parent=np.full(a, -1, dtype=np.int32) if area_parent is None else np.asarray(area_parent, dtype=np.int32),
        levels=levels,
        institution_ids=np.arange(1, len(institution_state) + 1, dtype=np.int64),
        institution_names=tuple(institution_names)
        if institution_names is not None
        else tuple(f"Institution {k}" for k in range(len(institution_state))),
        institution_state=institution_state,
        institution_doc=institution_doc,
        docs=doc_set,
        meetings=Meetings.build(list(meetings)),
        holidays=Calendar.build(list(holidays)),
        past=PastActivities.build(list(past), a),
        engagements=Engagements.build(list(engagements)),
        sub_region_names=tuple(f"Region {k}" for k in range(int(max(sub_region, default=0)) + 1))
        if sub_region is not None
        else ("Region 0",),
        legal_tradition_names=("Common law", "Civil law", "Mixed"),
        hosting=Hosting.build(list(hosting)),
        regional=RegionalMeetings.build(list(regional), n, a),
        institution_capacity=None if institution_capacity is None else np.asarray(institution_capacity, dtype=np.int32),
        holiday_statutory=None if statutory is None else np.asarray(statutory, dtype=bool),
        institution_languages=None if institution_languages is None else np.asarray(institution_languages, dtype=bool),
    )


@dataclass(frozen=True)
class Scale:
    states: int = 200
    areas: int = 400
    experts: int = 50_000
    activities: int = 100_000
    institutions_per_state: int = 15
    practices_per_state: int = 10
    committees_per_state: int = 4
    languages: int = 60
    engagements: int = 5_000
    expert_engagements: int = 20_000
    vocabulary: int = 5_000


def _words(
    rng: np.random.Generator, general: list[str], area_words: list[list[str]], areas, count: int
) -> tuple[str, ...]:
    """Three words of each area, the rest from a Zipf-like general vocabulary. The words are the
    vocabulary's own str objects, shared by every document, as interned tokens would be."""
    own = [area_words[a][k] for a in areas for k in rng.integers(0, len(area_words[a]), size=3)]
    rest = [general[k - 1] for k in np.minimum(rng.zipf(1.3, size=count), len(general)).tolist()]
    return tuple(own + rest)


def generate(
    scale: Scale = Scale(), *, seed: int = 2026, today: datetime.date | None = None, real_holidays: bool = True
):
    """A synthetic community at the given scale: (HostSupply, ExpertSupply, generator state).

    Public holidays are the real ones of the first `states` countries the `holidays` package
    supports (`real_holidays`), or ten random working days a year."""
    rng = np.random.default_rng(seed)
    today = today or datetime.date(2026, 1, 1)
    n, a = scale.states, scale.areas
    general = [f"w{k}" for k in range(scale.vocabulary)]
    area_words = [[f"a{k}t{j}" for j in range(8)] for k in range(a)]
    roots = max(a // 10, 1)
    area_parent = np.array([-1 if k < roots else (k % roots) for k in range(a)], dtype=np.int32)

    development = rng.beta(2, 2, size=n)  # how mature each state is overall
    raw = development[:, None] * 5 + rng.normal(0, 0.9, size=(n, a))
    levels = np.clip(np.floor(raw), 0, 4).astype(np.int8)
    levels[rng.random((n, a)) < 0.1] = -1

    languages = np.zeros((n, scale.languages), dtype=bool)
    for s in range(n):
        languages[s, rng.choice(scale.languages, size=rng.integers(1, 4), replace=False)] = True

    institution_state = np.repeat(np.arange(n, dtype=np.int32), scale.institutions_per_state)
    docs: list[Doc] = []
    for k, s in enumerate(institution_state):
        docs.append(
            Doc(
                int(s),
                k,
                DocKind.INSTITUTION,
                k + 1,
                f"Institution {k}",
                tokens=_words(rng, general, area_words, rng.choice(a, size=2), 25),
            )
        )
    for s in range(n):
        strong = np.flatnonzero(levels[s] >= 3)
        for p in range(scale.practices_per_state):
            areas = (
                rng.choice(strong, size=min(2, len(strong)), replace=False) if len(strong) else rng.choice(a, size=1)
            )
            k = int(s * scale.institutions_per_state + rng.integers(scale.institutions_per_state))
            docs.append(
                Doc(
                    s,
                    k,
                    DocKind.PRACTICE,
                    s * 100 + p,
                    f"Practice {s}-{p}",
                    tokens=_words(rng, general, area_words, areas, 40),
                    areas=tuple(int(area) for area in areas),
                )
            )

    # Past activities: mostly hosted by mature states in their strong areas.
    hosts = rng.choice(n, size=scale.activities, p=development / development.sum())
    past = []
    for i, s in enumerate(hosts):
        areas = tuple(sorted(set(rng.choice(a, size=rng.integers(1, 4)).tolist())))
        rating = None if rng.random() < 0.3 else float(rng.integers(1, 6))
        k = int(s * scale.institutions_per_state + rng.integers(scale.institutions_per_state))
        past.append((int(s), k, areas, rating))
        docs.append(
            Doc(
                int(s),
                k,
                DocKind.ACTIVITY,
                i + 1,
                f"Activity {i}",
                tokens=_words(rng, general, area_words, areas, 30),
                areas=areas,
            )
        )

    start = epoch_day(today)
    meetings = []
    for s in range(n):
        for c in range(scale.committees_per_state):
            k = int(s * scale.institutions_per_state + c)
            offset = int(rng.integers(0, 30))
            meetings += [(s, k, start + offset + 30 * m) for m in range(24)]

    if real_holidays:
        import holidays as holidays_lib

        from core.calendar import public_holidays

        codes = sorted(holidays_lib.list_supported_countries())[:n]
        holiday_rows = [
            (s, epoch_day(day), name)
            for s, code in enumerate(codes)
            for year in range(today.year, today.year + 3)
            for day, name in public_holidays(code, year)
        ]
    else:
        holiday_rows = [
            (s, start + int(d), "Holiday") for s in range(n) for d in rng.choice(3 * 365, size=30, replace=False)
        ]

    engagements = []
    for r in range(scale.engagements):
        begin = start + int(rng.integers(0, 600))
        engagements.append((int(rng.integers(n)), begin, begin + int(rng.integers(5, 60)), 10_000_000 + r))

    supply = host_supply(
        levels,
        population=np.exp(rng.uniform(np.log(1e4), np.log(2e8), size=n)),
        sub_region=rng.integers(0, 12, size=n),
        legal_tradition=rng.integers(0, 3, size=n),
        languages=languages,
        latitude=rng.uniform(-60, 70, size=n),
        longitude=rng.uniform(-180, 180, size=n),
        area_parent=area_parent,
        docs=docs,
        institution_state=institution_state,
        meetings=meetings,
        holidays=holiday_rows,
        past=past,
        engagements=engagements,
    )

    e = scale.experts
    expert_state = np.where(rng.random(e) < 0.1, -1, rng.integers(0, n, size=e)).astype(np.int32)
    expert_languages = np.zeros((e, scale.languages), dtype=bool)
    expert_languages[np.arange(e), rng.integers(0, scale.languages, size=e)] = True
    expert_languages[np.arange(e), rng.integers(0, scale.languages, size=e)] = True
    counts = rng.integers(1, 5, size=e)
    owners = np.repeat(np.arange(e, dtype=np.int32), counts)
    keys = rng.integers(0, a, size=len(owners)).astype(np.int32)
    pairs = np.unique(keys.astype(np.int64) * e + owners)  # an expert listed once per area
    owners, keys = (pairs % e).astype(np.int32), (pairs // e).astype(np.int32)
    area_ptr, area_items = inverted_index(owners, keys, a)
    expert_areas = [[] for _ in range(e)]
    for owner, key in zip(owners.tolist(), keys.tolist(), strict=True):
        expert_areas[owner].append(key)
    tokens = tuple(_words(rng, general, area_words, expert_areas[j], 20) for j in range(e))
    busy = []
    for r in range(scale.expert_engagements):
        begin = start + int(rng.integers(0, 600))
        busy.append((int(rng.integers(e)), begin, begin + int(rng.integers(3, 30)), 20_000_000 + r))
    experts = ExpertSupply(
        ids=np.arange(1, e + 1, dtype=np.int64),
        names=tuple(f"Expert {j}" for j in range(e)),
        posts=tuple("" for _ in range(e)),
        state=expert_state,
        languages=expert_languages,
        area_ptr=area_ptr,
        area_items=area_items,
        index=TextIndex([list(t) for t in tokens]),
        tokens=tokens,
        engagements=Engagements.build(busy),
        track_count=rng.poisson(0.8, size=e).astype(np.int32),
        track_rating=np.where(rng.random(e) < 0.5, np.nan, rng.uniform(2, 5, size=e)).astype(np.float32),
    )
    return supply, experts, {"general": general, "area_words": area_words, "start": start}


def random_need(rng: np.random.Generator, supply: HostSupply, words: dict, request_id: int) -> Need:
    """A request from a random state for 1–3 areas, with a window in the next two years."""
    n, a = supply.levels.shape
    requester = int(rng.integers(n))
    areas = np.array(sorted(set(rng.choice(a, size=rng.integers(1, 4)).tolist())), dtype=np.int32)
    query = _words(rng, words["general"], words["area_words"], areas, 30)
    begin = words["start"] + int(rng.integers(30, 600))
    return Need(
        request_id=request_id,
        requester=requester,
        areas=areas,
        query=tuple(dict.fromkeys(query)),
        start=begin,
        end=begin + int(rng.integers(30, 150)),
        required_days=5,
    )
