"""Plain-language reasons for a ranking: why each candidate scores as it does, and why it is out.

Written only for the candidates that are shown, from the arrays of the scoring core; every text
is translatable. No ORM here either."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.contrib.humanize.templatetags.humanize import intcomma, intword
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from matching.scoring import (
    DocKind,
    Exclusion,
    ExpertSupply,
    HostSupply,
    Need,
    Ranking,
    from_epoch_day,
)

FACTOR_LABELS = {
    "capability": gettext_lazy("Capability"),
    "fit": gettext_lazy("Fit"),
    "relevance": gettext_lazy("Relevance"),
    "track_record": gettext_lazy("Track record"),
    "load": gettext_lazy("Load"),
    "timing": gettext_lazy("Timing"),
    "cost": gettext_lazy("Cost"),
    "expertise": gettext_lazy("Expertise"),
    "languages": gettext_lazy("Languages"),
    "availability": gettext_lazy("Availability"),
}

FACTOR_HELP = {
    "capability": gettext_lazy("Current maturity in the requested areas and the gap to the requesting state."),
    "fit": gettext_lazy("Shared official language, similar population, sub-region and legal tradition."),
    "relevance": gettext_lazy("How well its practices, institutions and past activities match the statement of need."),
    "track_record": gettext_lazy("Activities hosted before in these areas, and their ratings."),
    "load": gettext_lazy("What it already hosts in the requested window (higher is freer)."),
    "timing": gettext_lazy("A relevant committee meets in the window; public holidays in the window."),
    "cost": gettext_lazy("Travel distance between capitals (higher is closer)."),
    "expertise": gettext_lazy("Requested areas among the expert's areas of expertise."),
    "languages": gettext_lazy("Speaks an official language of the requesting state."),
    "availability": gettext_lazy("Other invitations in the requested window (higher is freer)."),
}


@dataclass(frozen=True)
class Reason:
    factor: str
    text: str


def _people(population: float) -> str:
    value = int(round(population))
    return intword(value) if value >= 1_000_000 else intcomma(value)


def _date(day) -> str:
    return date_format(day, "j F")


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
    d = ranking.detail
    r = need.requester
    requester = supply.names[r] if r >= 0 else _("the requesting state")
    reasons: list[Reason] = []

    for k, a in enumerate(need.areas):
        area = supply.area_names[a]
        if not d["assessed"][i, k]:
            reasons.append(Reason("capability", _("no assessment in %(area)s") % {"area": area}))
            continue
        level, theirs = int(d["levels"][i, k]), int(d["requester_levels"][k])
        reasons.append(
            Reason(
                "capability",
                _("%(area)s level %(level)d against %(requester)s's %(theirs)d")
                % {"area": area, "level": level, "requester": requester, "theirs": theirs},
            )
        )
        if level - theirs > options["ideal_gap"]:
            reasons.append(Reason("capability", _("a wide gap: a closer peer may be easier to learn from")))

    if r >= 0:
        shared = [supply.language_names[k] for k in np.flatnonzero(supply.languages[i] & supply.languages[r])]
        if shared:
            reasons.append(
                Reason(
                    "fit",
                    _("shares %(languages)s with %(requester)s") % {"languages": _join(shared), "requester": requester},
                )
            )
        else:
            reasons.append(
                Reason("fit", _("no official language in common with %(requester)s") % {"requester": requester})
            )
        mine, theirs = supply.population[i], supply.population[r]
        if np.isfinite(mine) and np.isfinite(theirs) and mine > 0 and theirs > 0:
            if d["size"][i] >= 0.75:
                reasons.append(
                    Reason(
                        "fit",
                        _("a similar size (%(host)s against %(requester)s people)")
                        % {"host": _people(mine), "requester": _people(theirs)},
                    )
                )
            elif mine > theirs:
                reasons.append(
                    Reason(
                        "fit",
                        _("about %(times)d times %(requester)s's population")
                        % {"times": round(mine / theirs), "requester": requester},
                    )
                )
            else:
                reasons.append(
                    Reason(
                        "fit",
                        _("about %(times)d times smaller than %(requester)s")
                        % {"times": round(theirs / mine), "requester": requester},
                    )
                )
        if 0 <= supply.sub_region[i] < len(supply.sub_region_names) and supply.sub_region[i] == supply.sub_region[r]:
            reasons.append(
                Reason("fit", _("same sub-region (%(name)s)") % {"name": supply.sub_region_names[supply.sub_region[i]]})
            )
        if 0 <= supply.legal_tradition[i] < len(supply.legal_tradition_names):
            name = supply.legal_tradition_names[supply.legal_tradition[i]]
            if supply.legal_tradition[i] == supply.legal_tradition[r]:
                reasons.append(Reason("fit", _("same legal tradition (%(name)s)") % {"name": name}))
            else:
                reasons.append(Reason("fit", _("a different legal tradition (%(name)s)") % {"name": name}))

    doc = best_doc(supply, ranking, i)
    if doc < 0:
        reasons.append(Reason("relevance", _("nothing it offers matches the words of the need")))
    else:
        terms = _join(matched_terms(need.query, supply.docs.tokens[doc]))
        label = supply.docs.labels[doc]
        kind = supply.docs.kind[doc]
        if kind == DocKind.PRACTICE:
            text = _("its practice “%(title)s” matches the need (%(terms)s)")
        elif kind == DocKind.ACTIVITY:
            text = _("it hosted “%(title)s”, close to this need (%(terms)s)")
        else:
            text = _("%(title)s matches the need (%(terms)s)")
        reasons.append(Reason("relevance", text % {"title": label, "terms": terms}))

    count = int(d["track_count"][i])
    if count:
        text = ngettext("hosted %(count)d similar activity", "hosted %(count)d similar activities", count) % {
            "count": count
        }
        if np.isfinite(d["mean_rating"][i]):
            text += _(", rated %(rating).1f out of 5 on average") % {"rating": d["mean_rating"][i]}
        reasons.append(Reason("track_record", text))
    else:
        reasons.append(Reason("track_record", _("has not hosted in these areas yet")))

    busy = int(d["load_count"][i])
    if busy:
        reasons.append(
            Reason(
                "load",
                ngettext(
                    "already hosts %(count)d activity in the window",
                    "already hosts %(count)d activities in the window",
                    busy,
                )
                % {"count": busy},
            )
        )
    else:
        reasons.append(Reason("load", _("hosts nothing else in the window")))

    meeting = int(d["best_meeting"][i])
    if meeting >= 0:
        committee = supply.institution_names[supply.meetings.institution[meeting]]
        reasons.append(
            Reason(
                "timing",
                _("the %(committee)s meets on %(date)s, inside the window")
                % {"committee": committee, "date": _date(from_epoch_day(supply.meetings.day[meeting]))},
            )
        )
    holidays = supply.holidays.in_window(i, need.start, need.end)
    if holidays:
        names = "; ".join(f"{name}, {_date(day)}" for day, name in holidays[:3])
        if len(holidays) > 3:
            names += "; …"
        reasons.append(
            Reason(
                "timing",
                ngettext(
                    "%(count)d public holiday in the window (%(names)s)",
                    "%(count)d public holidays in the window (%(names)s)",
                    len(holidays),
                )
                % {"count": len(holidays), "names": names},
            )
        )
    else:
        reasons.append(Reason("timing", _("no public holidays in the window")))
    if d["free_days"][i] < need.required_days:
        reasons.append(
            Reason(
                "timing",
                _("the window leaves only %(days)d working days, fewer than the %(needed)d needed")
                % {"days": max(int(d["free_days"][i]), 0), "needed": need.required_days},
            )
        )

    distance = d["distance"][i]
    if np.isfinite(distance) and r >= 0:
        reasons.append(
            Reason(
                "cost",
                _("%(km)s km between %(origin)s and %(destination)s")
                % {
                    "km": intcomma(int(round(distance))),
                    "origin": supply.capitals[r] or requester,
                    "destination": supply.capitals[i] or supply.names[i],
                },
            )
        )
    else:
        reasons.append(Reason("cost", _("distance unknown (no capital coordinates)")))
    return reasons


def best_doc(supply: HostSupply, ranking: Ranking, i: int) -> int:
    lo, hi = supply.docs.state_ptr[i], supply.docs.state_ptr[i + 1]
    if hi <= lo:
        return -1
    scores = ranking.detail["doc_scores"][lo:hi]
    k = int(np.argmax(scores))
    return int(lo + k) if scores[k] > 0 else -1


def host_exclusion(supply: HostSupply, need: Need, ranking: Ranking, i: int, options: dict) -> str:
    why = Exclusion(int(ranking.excluded[i]))
    if why == Exclusion.REQUESTER:
        return _("the requesting state: a state never hosts its own request")
    if why == Exclusion.DECLINED:
        return _("declined to host this request")
    if why == Exclusion.NOT_ASSESSED:
        return _("no maturity assessment in the requested areas")
    d = ranking.detail
    k = int(np.argmax(d["levels"][i])) if len(need.areas) else 0
    return _("%(area)s level %(level)d, below the level %(needed)d needed to host") % {
        "area": supply.area_names[need.areas[k]],
        "level": int(d["levels"][i, k]),
        "needed": options["min_host_level"],
    }


# --- experts --------------------------------------------------------------------------------


def _expert_in(experts: ExpertSupply, area: int, j: int) -> bool:
    items = experts.area_items[experts.area_ptr[area] : experts.area_ptr[area + 1]]
    k = np.searchsorted(items, j)
    return bool(k < len(items) and items[k] == j)


def expert_reasons(experts: ExpertSupply, supply: HostSupply, need: Need, ranking: Ranking, j: int) -> list[Reason]:
    r = need.requester
    requester = supply.names[r] if r >= 0 else _("the requesting state")
    reasons: list[Reason] = []
    covered = [supply.area_names[a] for a in need.areas if _expert_in(experts, a, j)]
    if covered:
        reasons.append(Reason("expertise", _("expert in %(areas)s") % {"areas": _join(covered)}))
    elif ranking.factors[j, 0] > 0:
        reasons.append(Reason("expertise", _("expert in a related area")))
    else:
        reasons.append(Reason("expertise", _("no requested area among their areas of expertise")))
    terms = matched_terms(need.query, experts.tokens[j])
    if terms:
        reasons.append(Reason("relevance", _("their expertise matches the need (%(terms)s)") % {"terms": _join(terms)}))
    if r >= 0:
        shared = [supply.language_names[k] for k in np.flatnonzero(experts.languages[j] & supply.languages[r])]
        if shared:
            reasons.append(Reason("languages", _("speaks %(languages)s") % {"languages": _join(shared)}))
        else:
            reasons.append(
                Reason("languages", _("speaks no official language of %(requester)s") % {"requester": requester})
            )
    busy = int(ranking.detail["busy"][j])
    if busy:
        reasons.append(
            Reason(
                "availability",
                ngettext("%(count)d other invitation in the window", "%(count)d other invitations in the window", busy)
                % {"count": busy},
            )
        )
    else:
        reasons.append(Reason("availability", _("free in the window")))
    count = int(experts.track_count[j])
    if count:
        reasons.append(
            Reason(
                "track_record",
                ngettext("served on %(count)d delivered request", "served on %(count)d delivered requests", count)
                % {"count": count},
            )
        )
    else:
        reasons.append(Reason("track_record", _("no past assignments recorded yet")))
    return reasons


def expert_exclusion(experts: ExpertSupply, supply: HostSupply, need: Need, ranking: Ranking, j: int) -> str:
    why = Exclusion(int(ranking.excluded[j]))
    if why == Exclusion.SAME_STATE:
        return _("from %(state)s, the requesting state: a conflict of interest") % {
            "state": supply.names[need.requester]
        }
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
    for k, factor in enumerate(ranking.factors_names):
        rows.append(
            FactorComparison(
                factor=factor,
                label=str(FACTOR_LABELS[factor]),
                value=float(ranking.factors[i, k]),
                top_value=float(ranking.factors[top, k]),
                weight=float(ranking.weights[k]),
                contribution=float(mine[k]),
                gap=100.0 * float(best[k] - mine[k]),
            )
        )
    return sorted(rows, key=lambda row: (-row.gap, row.factor))


def factor_label(factor: str):
    return FACTOR_LABELS.get(factor, factor)


def reasons_sentence(reasons: list[Reason]) -> str:
    return "; ".join(reason.text for reason in reasons)
