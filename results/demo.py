"""Demo results framework: a capacity-development programme like the 2003–2008 CSME attachment
programme of the seed case story, funded by the demo development partner, with its goal,
outcomes and outputs, indicators with baselines and targets, and approved figures for the
first periods (the earliest ones certified). Idempotent: reloading changes nothing."""

import datetime
from decimal import Decimal

from community.models import Institution, MemberState
from core.demo import set_m2m, upsert
from results.choices import CumulativeMode, Level, PeriodStatus, TargetFrequency, ValueStatus
from results.computed import MATURITY_AT_LEVEL, OFFICIALS_TRAINED
from results.models import Indicator, MeasuredValue, Period, Programme, ResultNode, Target

D = datetime.date
PARTNER_NAME = "Caribbean Cooperation Fund (demo partner)"
PROGRAMME = "CSME attachment programme: national capacity to implement regional decisions"
DESCRIPTION = (
    "Attachments of two to five officials for five days to ministries, agencies and committees of a "
    "host member state where a system supporting a Community decision already works, with seminars "
    "and group work on national action plans. Goal: an administrative framework for the effective "
    "and efficient implementation of the CSME. Purpose: improved capability in national departments "
    "to meet their responsibilities for implementing regional decisions."
)
# label, first day, last day, certified
PERIODS = [
    ("2003–04", D(2003, 4, 1), D(2004, 3, 31), True),
    ("2004–05", D(2004, 4, 1), D(2005, 3, 31), True),
    ("2005–06", D(2005, 4, 1), D(2006, 3, 31), True),
    ("2006–07", D(2006, 4, 1), D(2007, 3, 31), False),
    ("2007–08", D(2007, 4, 1), D(2008, 3, 31), False),
]
# code, level, parent code, title
NODES = [
    ("1", Level.GOAL, None, "An administrative framework for the effective and efficient implementation of the CSME"),
    (
        "1.1",
        Level.OUTCOME,
        "1",
        "Improved departmental capability to support the Minister or Director of CARICOM Affairs",
    ),
    ("1.2", Level.OUTCOME, "1", "Coordinated national approaches to regional decision-making and implementation"),
    ("1.3", Level.OUTCOME, "1", "Relevant human resources in place"),
    ("1.1.1", Level.OUTPUT, "1.1", "A cadre of trained personnel within the ministries of CARICOM affairs and trade"),
    (
        "1.1.2",
        Level.OUTPUT,
        "1.1",
        "CSME units demonstrating administrative best practice in coordinating implementation",
    ),
    (
        "1.2.1",
        Level.OUTPUT,
        "1.2",
        "Systems improved in participating member states (IMCC, BLAC, skilled persons committees)",
    ),
    (
        "1.3.1",
        Level.OUTPUT,
        "1.3",
        "Country-specific programmes of technical support, e.g. national accreditation councils",
    ),
]
# node, name, unit, baseline, baseline date, frequency, mode, disaggregation, source, params,
# targets per period, approved values per period (None: not reported), breakdown by state
INDICATORS = [
    (
        "1",
        "Member states meeting their CSME obligations on time",
        "member states",
        3,
        D(2003, 4, 1),
        TargetFrequency.END,
        CumulativeMode.LATEST,
        [],
        "manual",
        {},
        [None, None, None, None, 12],
        [4, 6, 9, 10, None],
        None,
    ),
    (
        "1",
        "Member states at level 3 or above in accreditation and equivalency",
        "member states",
        3,
        D(2003, 4, 1),
        TargetFrequency.END,
        CumulativeMode.LATEST,
        ["state"],
        MATURITY_AT_LEVEL,
        {"area": "accreditation-equivalency", "level": 3},
        [None, None, None, None, 8],
        [None] * 5,
        None,
    ),
    (
        "1.1",
        "CSME units applying best-practice coordination",
        "member states",
        2,
        D(2003, 4, 1),
        TargetFrequency.CUMULATIVE,
        CumulativeMode.LATEST,
        [],
        "manual",
        {},
        [4, 6, 9, 12, 14],
        [3, 5, 8, 11, None],
        None,
    ),
    (
        "1.2",
        "Member states with a functioning Inter-Ministry Consultative Committee",
        "member states",
        5,
        D(2003, 4, 1),
        TargetFrequency.CUMULATIVE,
        CumulativeMode.LATEST,
        [],
        "manual",
        {},
        [6, 8, 10, 12, 14],
        [6, 7, 10, 11, None],
        None,
    ),
    (
        "1.3",
        "Trained officials still in a post where the training is used",
        "%",
        100,
        D(2003, 4, 1),
        TargetFrequency.PER_PERIOD,
        CumulativeMode.LATEST,
        [],
        "manual",
        {},
        [90, 90, 85, 85, 85],
        [95, 88, 72, 80, None],
        None,
    ),
    (
        "1.1.1",
        "Officials trained through attachments",
        "officials",
        0,
        D(2003, 4, 1),
        TargetFrequency.CUMULATIVE,
        CumulativeMode.SUM,
        ["state"],
        "manual",
        {},
        [10, 25, 40, 55, 70],
        [8, 14, 15, 12, None],
        [
            {"BZ": 3, "GY": 2, "LC": 3},
            {"BZ": 2, "DM": 3, "GD": 4, "GY": 2, "SR": 3},
            {"AG": 3, "BZ": 4, "KN": 2, "SR": 3, "VC": 3},
            {"BZ": 3, "DM": 2, "GY": 3, "HT": 4},
        ],
    ),
    (
        "1.1.1",
        "Officials trained (from activities in Attaché)",
        "officials",
        0,
        None,
        TargetFrequency.PER_PERIOD,
        CumulativeMode.SUM,
        ["state"],
        OFFICIALS_TRAINED,
        {},
        [None] * 5,
        [None] * 5,
        None,
    ),
    (
        "1.2.1",
        "Systems put in place where none existed",
        "systems",
        0,
        D(2003, 4, 1),
        TargetFrequency.PER_PERIOD,
        CumulativeMode.SUM,
        [],
        "manual",
        {},
        [2, 3, 3, 3, 2],
        [1, 3, 4, 2, None],
        None,
    ),
    (
        "1.3.1",
        "National accreditation councils trained to start accreditation",
        "councils",
        0,
        D(2003, 4, 1),
        TargetFrequency.END,
        CumulativeMode.SUM,
        [],
        "manual",
        {},
        [None, None, None, None, 4],
        [0, 1, 1, 0, None],
        None,
    ),
]


def non_demo_data() -> list[str]:
    return ["programmes"] if Programme.objects.exclude(name=PROGRAMME).exists() else []


def load_results(*, today: datetime.date | None = None) -> dict[str, int]:
    partner = Institution.objects.get(name=PARTNER_NAME, state__isnull=True)
    programme = upsert(
        Programme,
        {"name": PROGRAMME},
        {"start_date": D(2003, 4, 1), "end_date": D(2008, 3, 31), "description": DESCRIPTION, "visibility": "shared"},
    )
    set_m2m(programme, "funders", [partner])
    periods = [
        upsert(
            Period,
            {"programme": programme, "label": label},
            {"start_date": start, "end_date": end, "status": PeriodStatus.LOCKED if locked else PeriodStatus.OPEN},
        )
        for label, start, end, locked in PERIODS
    ]
    nodes = {}
    for position, (code, level, parent, title) in enumerate(NODES):
        nodes[code] = upsert(
            ResultNode,
            {"programme": programme, "code": code},
            {"level": level, "parent": nodes.get(parent), "title": title, "position": position},
        )
    states = set(MemberState.objects.values_list("iso_code", flat=True))
    counts = {"programmes": 1, "results": len(nodes), "indicators": 0, "targets": 0, "approved values": 0}
    for position, row in enumerate(INDICATORS):
        node, name, unit, baseline, on, frequency, mode, dimensions, source, params, targets, values, parts = row
        indicator = upsert(
            Indicator,
            {"node": nodes[node], "name": name},
            {
                "unit": unit,
                "baseline_value": Decimal(baseline) if baseline is not None else None,
                "baseline_date": on,
                "target_frequency": frequency,
                "cumulative_mode": mode,
                "disaggregation": dimensions,
                "source": source,
                "source_params": params,
                "position": position,
            },
        )
        counts["indicators"] += 1
        for index, (period, target) in enumerate(zip(periods, targets, strict=True)):
            if target is not None:
                upsert(Target, {"indicator": indicator, "period": period}, {"value": Decimal(target)})
                counts["targets"] += 1
            value = values[index]
            if value is None:
                continue
            breakdown = {}
            if parts and index < len(parts):
                breakdown = {"state": {iso: n for iso, n in parts[index].items() if iso in states}}
            upsert(
                MeasuredValue,
                {"indicator": indicator, "period": period},
                {
                    "value": Decimal(value),
                    "disaggregated": breakdown,
                    "source_note": "Annual report of the Technical Assistance Support Unit to the development partner.",
                    "status": ValueStatus.APPROVED,
                },
            )
            counts["approved values"] += 1
    _submitted_figure(periods[-1])
    return counts


def _submitted_figure(period) -> None:
    """The last year's training figure, sent in and awaiting the secretariat's approval."""
    indicator = Indicator.objects.get(node__programme=period.programme_id, name="Officials trained through attachments")
    upsert(
        MeasuredValue,
        {"indicator": indicator, "period": period},
        {
            "value": Decimal(11),
            "disaggregated": {"state": {"BZ": 4, "GY": 3, "LC": 4}},
            "source_note": "Draft annual report of the Technical Assistance Support Unit.",
            "status": ValueStatus.SUBMITTED,
        },
    )
