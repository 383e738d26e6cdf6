"""Plain-language reasons for a ranking: why each candidate scores as it does, and why it is out.

Written only for the candidates that are shown, from the arrays of the scoring core; every text
is translatable. No ORM here either."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
from django.contrib.humanize.templatetags.humanize import intcomma, intword
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext, ngettext

from core.calendar import localised_public_holidays
from matching.conf import DEFAULT_OPTIONS
from matching.scoring import (
    ASSESSMENT_METHODS,
    DAY_KEY,
    EXPERT_MISSION,
    VIRTUAL,
    DocKind,
    Exclusion,
    ExpertSupply,
    HostSupply,
    Need,
    Ranking,
    from_epoch_day,
)


@functools.lru_cache(maxsize=4096)
def _translated(message: str, language: str | None) -> str:
    return gettext(message)


def _(message: str) -> str:
    """gettext, remembered per language: a page writes the same few texts for every candidate
    it shows, and looking each up again costs more than writing the reason."""
    return _translated(message, get_language())


@dataclass(frozen=True)
class Reason:
    factor: str
    text: str


@dataclass(frozen=True)
class ReasonContext:
    """What a factor's explanation reads: the community, the need, the ranking (with the arrays
    the factors left in its `detail`), the options, and the experts when ranking experts."""

    supply: HostSupply
    need: Need
    ranking: Ranking
    options: dict
    experts: ExpertSupply | None = None

    @property
    def requester_name(self) -> str:
        r = self.need.requester
        return self.supply.names[r] if r >= 0 else _("the requesting state")


def reasons_for(ctx: ReasonContext, i: int) -> list[Reason]:
    """Why candidate i scores as it does, factor by factor, in the ranking's factor order."""
    return [Reason(factor.name, text) for factor in ctx.ranking.definitions for text in factor.explain(ctx, i)]


def _label(supply: HostSupply, kind: str, names: tuple[str, ...], k: int) -> str:
    """A name in the reader's language, the stored (English) one when it is not translated."""
    translated = supply.translations.get((get_language() or "").split("-")[0], {}).get(kind)
    return (translated[k] if translated and k < len(translated) else "") or names[k]


def area_label(supply: HostSupply, a: int) -> str:
    """A capability area's name in the reader's language."""
    return _label(supply, "areas", supply.area_names, int(a))


def language_label(supply: HostSupply, k: int) -> str:
    """A language's name in the reader's language."""
    return _label(supply, "languages", supply.language_names, int(k))


def _people(population: float) -> str:
    value = int(round(population))
    return intword(value) if value >= 1_000_000 else intcomma(value)


def _date(day) -> str:
    return _dated(day, get_language())


@functools.lru_cache(maxsize=4096)
def _dated(day, language: str | None) -> str:
    # Formatting a date is slow next to writing a reason; a page names the same few days again.
    return date_format(day, "MONTH_DAY_FORMAT")


def _join(items: list[str]) -> str:
    return ", ".join(items)


def matched_terms(query: tuple[str, ...], tokens: tuple[str, ...], limit: int = 4) -> list[str]:
    present = set(tokens)
    seen: list[str] = []
    for term in query:
        if term in present and term not in seen:
            seen.append(term)
        if len(seen) == limit:
            break
    return seen


# --- hosts ----------------------------------------------------------------------------------


def host_reasons(supply: HostSupply, need: Need, ranking: Ranking, i: int, options: dict) -> list[Reason]:
    """Why state i scores as it does, factor by factor."""
    return reasons_for(ReasonContext(supply, need, ranking, options), i)


def _method(supply: HostSupply, i: int, area: int, confirmed: bool) -> str:
    """How the level was assessed, "" when unknown."""
    if supply.assessment_method is None:
        return ""
    method = int(supply.assessment_method[i, area])
    if method == ASSESSMENT_METHODS.index("self"):
        return _("self-assessed") if confirmed else _("self-assessed, unconfirmed")
    if method == ASSESSMENT_METHODS.index("peer"):
        return _("peer review")
    if method == ASSESSMENT_METHODS.index("secretariat"):
        return _("secretariat assessment")
    return ""


def _age(years: float) -> str:
    if not np.isfinite(years):
        return ""
    whole = max(int(years), 0)
    if whole < 1:
        return _("less than a year old")
    return ngettext("%(years)d year old", "%(years)d years old", whole) % {"years": whole}


def assessment_basis(ctx: ReasonContext, i: int, k: int) -> str:
    """How the level behind a requested area is known: "peer review, 2 years old"."""
    d = ctx.ranking.detail
    parts = [
        _method(ctx.supply, i, int(ctx.need.areas[k]), bool(d["confirmed"][i, k])),
        _age(float(d["age_years"][i, k])),
    ]
    return ", ".join(part for part in parts if part)


def capability_reasons(ctx: ReasonContext, i: int) -> list[str]:
    d, supply, texts = ctx.ranking.detail, ctx.supply, []
    gap = max(int(ctx.options.get("min_level_gap", DEFAULT_OPTIONS["min_level_gap"])), 1)
    for k, a in enumerate(ctx.need.areas):
        area = area_label(supply, a)
        if not d["assessed"][i, k]:
            texts.append(_("no assessment in %(area)s") % {"area": area})
            continue
        level, theirs = int(d["levels"][i, k]), int(d["requester_levels"][k])
        values = {"area": area, "level": level, "requester": ctx.requester_name, "theirs": theirs}
        basis = assessment_basis(ctx, i, k)
        if basis:
            texts.append(
                _("%(area)s level %(level)d against %(requester)s's %(theirs)d (%(basis)s)")
                % {**values, "basis": basis}
            )
        else:
            texts.append(_("%(area)s level %(level)d against %(requester)s's %(theirs)d") % values)
        if d["old"][i, k]:
            years = int(d["age_years"][i, k])
            texts.append(
                ngettext(
                    "the %(area)s assessment is %(years)d year old: it counts for less",
                    "the %(area)s assessment is %(years)d years old: it counts for less",
                    years,
                )
                % {"area": area, "years": years}
            )
        if not d["ahead"][i, k]:
            texts.append(
                ngettext(
                    "not proposed for %(area)s: not %(gap)d level ahead of %(requester)s there",
                    "not proposed for %(area)s: not %(gap)d levels ahead of %(requester)s there",
                    gap,
                )
                % {"area": area, "gap": gap, "requester": ctx.requester_name}
            )
        elif level - theirs > ctx.options["ideal_gap"]:
            texts.append(_("a wide gap: a closer peer may be easier to learn from"))
    return texts


def fit_reasons(ctx: ReasonContext, i: int) -> list[str]:
    supply, r, requester = ctx.supply, ctx.need.requester, ctx.requester_name
    if r < 0:
        return []
    texts = language_reasons(ctx, i)
    mine, theirs = supply.population[i], supply.population[r]
    if np.isfinite(mine) and np.isfinite(theirs) and mine > 0 and theirs > 0:
        if ctx.ranking.detail["size"][i] >= 0.75:
            texts.append(
                _("a similar size (%(host)s against %(requester)s people)")
                % {"host": _people(mine), "requester": _people(theirs)}
            )
        elif mine > theirs:
            texts.append(
                _("about %(times)d times %(requester)s's population")
                % {"times": round(mine / theirs), "requester": requester}
            )
        else:
            texts.append(
                _("about %(times)d times smaller than %(requester)s")
                % {"times": round(theirs / mine), "requester": requester}
            )
    if 0 <= supply.sub_region[i] < len(supply.sub_region_names) and supply.sub_region[i] == supply.sub_region[r]:
        texts.append(_("same sub-region (%(name)s)") % {"name": supply.sub_region_names[supply.sub_region[i]]})
    if 0 <= supply.legal_tradition[i] < len(supply.legal_tradition_names):
        name = supply.legal_tradition_names[supply.legal_tradition[i]]
        if supply.legal_tradition[i] == supply.legal_tradition[r]:
            texts.append(_("same legal tradition (%(name)s)") % {"name": name})
        else:
            texts.append(_("a different legal tradition (%(name)s)") % {"name": name})
    return texts


def doc_areas(supply: HostSupply, doc: int) -> list[int]:
    """The capability areas (indexes) a host document is filed under."""
    docs = supply.docs
    lo, hi = np.searchsorted(docs.area_doc, doc, "left"), np.searchsorted(docs.area_doc, doc, "right")
    return [int(a) for a in docs.area_items[lo:hi]]


def related_areas(supply: HostSupply, areas) -> set[int]:
    """The parents and children of these areas, the areas themselves left out."""
    wanted = {int(a) for a in areas}
    parents = {int(supply.area_parent[a]) for a in wanted if supply.area_parent[a] >= 0}
    children = {int(b) for b in np.flatnonzero(np.isin(supply.area_parent, list(wanted)))} if wanted else set()
    return (parents | children) - wanted


def quoted(words: list[str]) -> str:
    return _join([_("‘%(word)s’") % {"word": word} for word in words])


def what_matched(ctx: ReasonContext, doc: int) -> str:
    """What a host document shares with the need: its words and its capability areas, e.g.
    "matched on: ‘accreditation’, ‘equivalency’; area Quality assurance"."""
    supply, parts = ctx.supply, []
    terms = matched_terms(ctx.need.query, supply.docs.tokens[doc])
    if terms:
        parts.append(_("matched on: %(words)s") % {"words": quoted(terms)})
    areas = doc_areas(supply, doc)
    requested = {int(a) for a in ctx.need.areas}
    same = [a for a in areas if a in requested]
    near = [a for a in areas if a in related_areas(supply, requested)] if not same else []
    if same:
        names = _join([area_label(supply, a) for a in same])
        parts.append(ngettext("area %(areas)s", "areas %(areas)s", len(same)) % {"areas": names})
    elif near:
        names = _join([area_label(supply, a) for a in near])
        parts.append(ngettext("related area %(areas)s", "related areas %(areas)s", len(near)) % {"areas": names})
    elif requested and areas:
        parts.append(_("in another area (%(areas)s)") % {"areas": _join([area_label(supply, a) for a in areas])})
    return "; ".join(parts)


def _languages(supply: HostSupply, mask: np.ndarray) -> str:
    return _join([language_label(supply, k) for k in np.flatnonzero(mask)])


def language_reasons(ctx: ReasonContext, i: int) -> list[str]:
    """A shared official language; else the requester's language that the host's institutions'
    staff work in or its practices are offered in, named as such; else none in common."""
    supply, r, requester = ctx.supply, ctx.need.requester, ctx.requester_name
    wanted = supply.languages[r]
    shared = supply.languages[i] & wanted
    if shared.any():
        return [
            _("shares %(languages)s with %(requester)s")
            % {"languages": _languages(supply, shared), "requester": requester}
        ]
    official = supply.languages[i]
    host = {"host": supply.names[i], "official": _languages(supply, official)}
    staff = _first_staff_speaking(supply, i, wanted)
    if staff is not None:
        k, languages = staff
        if not official.any():
            return [
                _("the %(institution)s's staff work in %(languages)s")
                % {"institution": supply.institution_names[k], "languages": languages}
            ]
        text = ngettext(
            "%(host)s's official language is %(official)s, but the %(institution)s's staff work in %(languages)s",
            "%(host)s's official languages are %(official)s, but the %(institution)s's staff work in %(languages)s",
            int(official.sum()),
        )
        return [text % {**host, "institution": supply.institution_names[k], "languages": languages}]
    practice = _first_practice_offered(supply, i, wanted)
    if practice is not None:
        d, languages = practice
        if not official.any():
            return [
                _("its practice “%(title)s” is offered in %(languages)s")
                % {"title": supply.docs.labels[d], "languages": languages}
            ]
        text = ngettext(
            "%(host)s's official language is %(official)s, but its practice “%(title)s” is offered in %(languages)s",
            "%(host)s's official languages are %(official)s, but its practice “%(title)s” is offered in %(languages)s",
            int(official.sum()),
        )
        return [text % {**host, "title": supply.docs.labels[d], "languages": languages}]
    return [_("no official language in common with %(requester)s") % {"requester": requester}]


def _first_staff_speaking(supply: HostSupply, i: int, wanted: np.ndarray) -> tuple[int, str] | None:
    """The first of host i's institutions whose staff work in a wanted language, with those
    languages (vectorised: a state may have hundreds of institutions)."""
    if supply.institution_languages is None:
        return None
    own = np.flatnonzero(supply.institution_state == i)
    speaking = own[(supply.institution_languages[own] & wanted).any(axis=1)] if len(own) else own
    if not len(speaking):
        return None
    k = int(speaking[0])
    return k, _languages(supply, supply.institution_languages[k] & wanted)


def _first_practice_offered(supply: HostSupply, i: int, wanted: np.ndarray) -> tuple[int, str] | None:
    """The first of host i's documents offered in a wanted language, with those languages: the
    host's (document, language) items are found in two binary searches, not one per document."""
    docs = supply.docs
    lo, hi = np.searchsorted(docs.language_doc, [docs.state_ptr[i], docs.state_ptr[i + 1]])
    item_docs, items = docs.language_doc[lo:hi], docs.language_items[lo:hi]
    if not len(items):
        return None
    wanted_items = wanted[items]
    if not wanted_items.any():
        return None
    d = int(item_docs[wanted_items][0])
    offered = items[(item_docs == d) & wanted_items]
    return d, _join([language_label(supply, int(k)) for k in offered])


def relevance_reasons(ctx: ReasonContext, i: int) -> list[str]:
    supply = ctx.supply
    doc = best_doc(supply, ctx.ranking, i)
    if doc < 0:
        return [_("nothing it offers matches the areas or the words of the need")]
    kind = supply.docs.kind[doc]
    if kind == DocKind.PRACTICE:
        text = _("its practice “%(title)s” matches the need (%(matched)s)")
    elif kind == DocKind.ACTIVITY:
        text = _("it hosted “%(title)s”, close to this need (%(matched)s)")
    else:
        text = _("%(title)s matches the need (%(matched)s)")
    return [text % {"title": supply.docs.labels[doc], "matched": what_matched(ctx, doc)}]


def track_record_reasons(ctx: ReasonContext, i: int) -> list[str]:
    d = ctx.ranking.detail
    count = int(d["track_count"][i])
    if not count:
        return [_("has not hosted in these areas yet")]
    text = ngettext("hosted %(count)d similar activity", "hosted %(count)d similar activities", count) % {
        "count": count
    }
    if np.isfinite(d["mean_rating"][i]):
        answers = int(d["rating_answers"][i]) if "rating_answers" in d else 0
        text += ngettext(
            ", rated %(rating).1f out of 5 on average by %(answers)d evaluation answer",
            ", rated %(rating).1f out of 5 on average by %(answers)d evaluation answers",
            answers,
        ) % {"rating": d["mean_rating"][i], "answers": answers}
    return [text]


def load_reasons(ctx: ReasonContext, i: int) -> list[str]:
    busy = int(ctx.ranking.detail["load_count"][i])
    if not busy:
        return [_("hosts nothing else in the window")]
    return [
        ngettext(
            "already hosts %(count)d activity in the window",
            "already hosts %(count)d activities in the window",
            busy,
        )
        % {"count": busy}
    ]


def _span(start: int, end: int) -> str:
    first, last = from_epoch_day(start), from_epoch_day(end)
    if first == last:
        return _date(first)
    return _("%(start)s to %(end)s") % {"start": _date(first), "end": _date(last)}


def _meeting_place(supply: HostSupply, m: int) -> str:
    meetings = supply.regional
    if meetings.venues[m]:
        return meetings.venues[m]
    host = int(meetings.host[m])
    return supply.names[host] if host >= 0 else _("another place")


def regional_meeting_reasons(ctx: ReasonContext, i: int) -> list[str]:
    """The regional meetings in the window that are an opportunity or a clash for host i."""
    regional, supply, texts = ctx.ranking.detail.get("regional"), ctx.supply, []
    if not regional or not len(regional["meetings"]):
        return texts
    meetings = supply.regional
    for k, m in enumerate(regional["meetings"]):
        body, when = meetings.bodies[m], _span(int(meetings.start[m]), int(meetings.end[m]))
        if regional["opportunity"][k, i]:
            areas = [supply.area_names[a] for a in ctx.need.areas if meetings.areas[m, a]]
            subject = _join(areas or regional["terms"][k][:3]) or _("the need")
            texts.append(
                _("%(body)s meets in %(place)s from %(when)s, in the window: relevant to %(subject)s, a good time")
                % {"body": body, "place": _meeting_place(supply, m), "when": when, "subject": subject}
            )
        elif regional["clash"][k, i]:
            texts.append(
                _("%(body)s meets in %(place)s from %(when)s: %(state)s's officials are away")
                % {"body": body, "place": _meeting_place(supply, m), "when": when, "state": supply.names[i]}
            )
    return texts


def _days_list(days: list[tuple]) -> str:
    names = "; ".join(f"{name}, {_date(day)}" for day, name in days[:3])
    return names + ("; …" if len(days) > 3 else "")


def holidays_in_reader_language(supply: HostSupply, i: int, holidays: list) -> list[tuple]:
    """The holidays named in the reader's language where the holidays package can (the calendar
    the ranking read keeps the names it was loaded with)."""
    if not holidays or i >= len(supply.iso_codes):
        return holidays
    local: dict = {}
    for year in {day.year for day, _name in holidays}:
        local.update(localised_public_holidays(supply.iso_codes[i], year))
    return [(day, local.get(day, name)) for day, name in holidays]


def timing_reasons(ctx: ReasonContext, i: int) -> list[str]:
    d, supply, need, texts = ctx.ranking.detail, ctx.supply, ctx.need, []
    meeting = int(d["best_meeting"][i])
    if meeting >= 0:
        committee = supply.institution_names[supply.meetings.institution[meeting]]
        texts.append(
            _("the %(committee)s meets on %(date)s, inside the window")
            % {"committee": committee, "date": _date(from_epoch_day(supply.meetings.day[meeting]))}
        )
    texts.extend(regional_meeting_reasons(ctx, i))
    lo, hi = supply.holidays.bounds(np.array([i]), need.start, need.end)
    statutory_flags = supply.holiday_statutory
    holidays, extra = [], []
    for key in range(int(lo[0]), int(hi[0])):
        day = (from_epoch_day(supply.holidays.keys[key] - i * DAY_KEY), supply.holidays.names[key])
        (holidays if statutory_flags is None or statutory_flags[key] else extra).append(day)
    holidays = holidays_in_reader_language(supply, i, holidays)
    if holidays:
        texts.append(
            ngettext(
                "%(count)d public holiday in the window (%(names)s)",
                "%(count)d public holidays in the window (%(names)s)",
                len(holidays),
            )
            % {"count": len(holidays), "names": _days_list(holidays)}
        )
    else:
        texts.append(_("no public holidays in the window"))
    if extra:
        texts.append(
            ngettext(
                "%(count)d other non-working day in the window (%(names)s)",
                "%(count)d other non-working days in the window (%(names)s)",
                len(extra),
            )
            % {"count": len(extra), "names": _days_list(extra)}
        )
    run = int(d["longest_run"][i]) if "longest_run" in d else int(d["free_days"][i])
    if run < need.required_days:
        texts.append(
            _("the window leaves only %(days)d working days in a row, fewer than the %(needed)d needed")
            % {"days": max(run, 0), "needed": need.required_days}
        )
    return texts


def cost_reasons(ctx: ReasonContext, i: int) -> list[str]:
    supply, r = ctx.supply, ctx.need.requester
    if ctx.need.modality == VIRTUAL:
        return [_("a virtual session: nobody travels, distance does not count")]
    distance = ctx.ranking.detail["distance"][i]
    if not (np.isfinite(distance) and r >= 0):
        return [_("distance unknown (no capital coordinates)")]
    places = {
        "km": intcomma(int(round(distance))),
        "origin": supply.capitals[r] or ctx.requester_name,
        "destination": supply.capitals[i] or supply.names[i],
    }
    if ctx.need.modality == EXPERT_MISSION:
        return [_("an expert mission: the expert travels %(km)s km from %(destination)s to %(origin)s") % places]
    return [_("%(km)s km between %(origin)s and %(destination)s") % places]


def burden_reasons(ctx: ReasonContext, i: int) -> list[str]:
    d = ctx.ranking.detail
    count, months = int(d["burden_count"][i]), int(round(d["burden_months"]))
    if count:
        text = ngettext(
            "hosted %(count)d activity in the last %(months)d months",
            "hosted %(count)d activities in the last %(months)d months",
            count,
        ) % {"count": count, "months": months}
    else:
        text = _("hosted nothing in the last %(months)d months") % {"months": months}
    last = int(d["last_hosted"][i])
    if last >= 0:
        text += _(" (last from %(date)s)") % {"date": date_format(from_epoch_day(last), "DATE_FORMAT")}
    return [text]


def best_doc(supply: HostSupply, ranking: Ranking, i: int) -> int:
    lo, hi = supply.docs.state_ptr[i], supply.docs.state_ptr[i + 1]
    if hi <= lo:
        return -1
    scores = ranking.detail.get("doc_relevance", ranking.detail["doc_scores"])[lo:hi]
    k = int(np.argmax(scores))
    return int(lo + k) if scores[k] > 0 else -1


def host_exclusion(supply: HostSupply, need: Need, ranking: Ranking, i: int, options: dict, note: str = "") -> str:
    """Why state i is not proposed; `note`: the officer's reason for leaving it out."""
    why = Exclusion(int(ranking.excluded[i]))
    if why == Exclusion.REQUESTER:
        return _("the requesting state: a state never hosts its own request")
    if why == Exclusion.DECLINED:
        return _("declined to host this request")
    if why == Exclusion.NOT_ASSESSED:
        return _("no maturity assessment in the requested areas")
    if why == Exclusion.OFFICER:
        return _("left out of this ranking by the officer: %(reason)s") % {"reason": note}
    if why == Exclusion.NOT_AHEAD:
        return not_ahead_exclusion(supply, need, ranking, i, options)
    if why == Exclusion.UNCONFIRMED:
        return unconfirmed_exclusion(supply, need, ranking, i)
    d = ranking.detail
    if why == Exclusion.NO_TIME:
        return _(
            "does not fit in the window: at most %(days)d working days in a row are clear of holidays, "
            "non-working days, its other activities and regional meetings abroad; %(needed)d are needed"
        ) % {"days": int(d["window_fit"]["longest_run"][i]), "needed": need.required_days}
    if why == Exclusion.OVER_CAPACITY:
        return _("its institutions can receive a group of up to %(capacity)d; %(group)d officials are coming") % {
            "capacity": int(d["capacity"][i]),
            "group": need.group_size,
        }
    # The best level among the areas where the state is ahead of the requester.
    k = int(np.argmax(np.where(d["ahead"][i], d["levels"][i], -1.0))) if len(need.areas) else 0
    return _("%(area)s level %(level)d, below the level %(needed)d needed to host") % {
        "area": area_label(supply, need.areas[k]),
        "level": int(d["levels"][i, k]),
        "needed": options["min_host_level"],
    }


def not_ahead_exclusion(supply: HostSupply, need: Need, ranking: Ranking, i: int, options: dict) -> str:
    """Names both levels in the area where the state comes closest to being ahead."""
    d = ranking.detail
    difference = np.where(d["assessed"][i], d["levels"][i] - d["requester_levels"], -np.inf)
    k = int(np.argmax(difference))
    r = need.requester
    gap = max(int(options.get("min_level_gap", DEFAULT_OPTIONS["min_level_gap"])), 1)
    return ngettext(
        "level %(level)d in %(area)s, the same as or below %(requester)s's level %(theirs)d; "
        "a host must be at least %(gap)d level ahead",
        "level %(level)d in %(area)s, the same as or below %(requester)s's level %(theirs)d; "
        "a host must be at least %(gap)d levels ahead",
        gap,
    ) % {
        "level": int(d["levels"][i, k]),
        "area": supply.area_names[need.areas[k]],
        "requester": supply.names[r] if r >= 0 else _("the requesting state"),
        "theirs": int(d["requester_levels"][k]),
        "gap": gap,
    }


def unconfirmed_exclusion(supply: HostSupply, need: Need, ranking: Ranking, i: int) -> str:
    """Names the best self-assessed level that would have made the state a host."""
    d = ranking.detail
    candidates = d["ahead"][i] & ~d["confirmed"][i]
    k = int(np.argmax(np.where(candidates, d["levels"][i], -1.0)))
    return _(
        "level %(level)d in %(area)s is self-assessed, unconfirmed: a self-assessment makes a host once the "
        "secretariat or a peer review confirms it"
    ) % {"level": int(d["levels"][i, k]), "area": supply.area_names[need.areas[k]]}


# --- experts --------------------------------------------------------------------------------


def _expert_in(experts: ExpertSupply, area: int, j: int) -> bool:
    items = experts.area_items[experts.area_ptr[area] : experts.area_ptr[area + 1]]
    k = np.searchsorted(items, j)
    return bool(k < len(items) and items[k] == j)


def expert_reasons(experts: ExpertSupply, supply: HostSupply, need: Need, ranking: Ranking, j: int) -> list[Reason]:
    return reasons_for(ReasonContext(supply, need, ranking, {}, experts), j)


def expertise_reasons(ctx: ReasonContext, j: int) -> list[str]:
    covered = [area_label(ctx.supply, a) for a in ctx.need.areas if _expert_in(ctx.experts, a, j)]
    if covered:
        return [_("expert in %(areas)s") % {"areas": _join(covered)}]
    if ctx.ranking.detail["expertise"][j] > 0:
        return [_("expert in a related area")]
    return [_("no requested area among their areas of expertise")]


def expert_relevance_reasons(ctx: ReasonContext, j: int) -> list[str]:
    terms = matched_terms(ctx.need.query, ctx.experts.tokens[j])
    return [_("their expertise matches the need (%(terms)s)") % {"terms": _join(terms)}] if terms else []


def languages_reasons(ctx: ReasonContext, j: int) -> list[str]:
    r, supply = ctx.need.requester, ctx.supply
    if r < 0:
        return []
    shared = [language_label(supply, k) for k in np.flatnonzero(ctx.experts.languages[j] & supply.languages[r])]
    if shared:
        return [_("works in %(languages)s") % {"languages": _join(shared)}]
    return [_("speaks no official language of %(requester)s") % {"requester": ctx.requester_name}]


def availability_reasons(ctx: ReasonContext, j: int) -> list[str]:
    busy = int(ctx.ranking.detail["busy"][j])
    if not busy:
        return [_("free in the window")]
    return [
        ngettext("%(count)d other invitation in the window", "%(count)d other invitations in the window", busy)
        % {"count": busy}
    ]


def expert_track_record_reasons(ctx: ReasonContext, j: int) -> list[str]:
    count = int(ctx.experts.track_count[j])
    if not count:
        return [_("no past assignments recorded yet")]
    text = ngettext("served on %(count)d delivered activity", "served on %(count)d delivered activities", count) % {
        "count": count
    }
    rating, answers = ctx.experts.track_rating[j], ctx.experts.track_answers
    if np.isfinite(rating) and answers is not None:
        text += ngettext(
            ", rated %(rating).1f out of 5 on average by %(answers)d evaluation answer",
            ", rated %(rating).1f out of 5 on average by %(answers)d evaluation answers",
            int(answers[j]),
        ) % {"rating": rating, "answers": int(answers[j])}
    return [text]


def expert_cost_reasons(ctx: ReasonContext, j: int) -> list[str]:
    if ctx.need.modality == VIRTUAL:
        return [_("a virtual session: nobody travels")]
    distance, r, supply = ctx.ranking.detail["distance"][j], ctx.need.requester, ctx.supply
    if not (np.isfinite(distance) and r >= 0):
        return [_("travel unknown (no state or no capital coordinates)")]
    origin = int(ctx.experts.state[j])
    return [
        _("travels %(km)s km from %(origin)s to %(destination)s")
        % {
            "km": intcomma(int(round(distance))),
            "origin": supply.capitals[origin] or supply.names[origin],
            "destination": supply.capitals[r] or ctx.requester_name,
        }
    ]


def expert_exclusion(
    experts: ExpertSupply, supply: HostSupply, need: Need, ranking: Ranking, j: int, note: str = ""
) -> str:
    """Why expert j is not proposed; `note`: the officer's reason for leaving them out."""
    why = Exclusion(int(ranking.excluded[j]))
    if why == Exclusion.SAME_STATE:
        return _("from %(state)s, the requesting state: a conflict of interest") % {
            "state": supply.names[need.requester]
        }
    if why == Exclusion.WORKS_FOR_REQUESTER:
        return _("works for an institution of %(state)s, the requesting state: a conflict of interest") % {
            "state": supply.names[need.requester]
        }
    if why == Exclusion.OFFICER:
        return _("left out of this ranking by the officer: %(reason)s") % {"reason": note}
    if why == Exclusion.DECLINED:
        return _("declined this request")
    return _("no expertise in the requested areas")


# --- why not higher -------------------------------------------------------------------------


@dataclass(frozen=True)
class FactorComparison:
    factor: str
    label: str
    value: float  # this candidate's factor, 0..1
    top_value: float  # the top candidate's factor, 0..1
    weight: float  # share of the score, 0..1
    contribution: float
    gap: float  # points (0..100) of score behind the top candidate on this factor; negative: ahead


def compare(ranking: Ranking, i: int, top: int) -> list[FactorComparison]:
    """Each factor of candidate i against the top candidate, largest shortfall first."""
    rows = []
    mine, best = ranking.contribution(i), ranking.contribution(top)
    labels = ranking.labels
    for k, definition in enumerate(ranking.definitions):
        rows.append(
            FactorComparison(
                factor=definition.name,
                label=labels[k][0],
                value=float(ranking.factors[i, k]),
                top_value=float(ranking.factors[top, k]),
                weight=float(ranking.weights[k]),
                contribution=float(mine[k]),
                gap=100.0 * float(best[k] - mine[k]),
            )
        )
    return sorted(rows, key=lambda row: (-row.gap, row.factor))


def reasons_sentence(reasons: list[Reason]) -> str:
    return "; ".join(reason.text for reason in reasons)
