"""What each persona may see, change, add and do in the `world` fixture (tests/access/conftest.py,
built on the root conftest's `registry`), for every scoped model of every app.

The access rules live in one place (core/access.py); this table is the independent statement,
written by hand from the product rules (../shared/DESIGN.md) and the behaviour users rely on,
of what they must produce. The querysets (tests/access/test_matrix.py), and the community pages
and API (community/tests) are checked against it.
"""

SECRETARIAT = ("admin", "officer")
ROLES = ("admin", "officer", "focal_bz", "focal_jm", "host_jm", "expert", "partner")

RECORDS = {
    "memberstate": {"bz", "jm", "tt", "ai"},
    "institution": {
        "bz_shared",
        "bz_restricted",
        "jm_shared",
        "jm_restricted",
        "jm_host",
        "partner",
    },
    "person": {"bz_shared", "bz_restricted", "jm_shared", "jm_restricted", "jm_host", "expert"},
    "committeemeeting": {"bz_restricted", "jm_restricted", "jm_shared", "jm_host"},
    "network": {"labour", "drafters"},
    "capabilityarea": {"root", "child"},
}
MODELS = tuple(RECORDS)  # the community registry's models: its pages and API use these

# Every other app's scoped models, with the records `world` adds. Keys say owner and kind.
RECORDS.update(
    {
        # maturity: dated assessments, shared or restricted to their state
        "maturityassessment": {"bz_shared", "bz_restricted", "jm_shared", "jm_restricted"},
        # decisions: reference data, and each state's reports on an action
        "decision": {"coted"},
        "requiredaction": {"coted_1"},
        "implementationreport": {"bz", "jm"},
        # assistance: requests (drafts are their state's own workspace), assessments
        "assistancerequest": {"bz_draft", "bz_shared", "bz_restricted", "jm_draft", "jm_shared"},
        "needsassessment": {"bz_restricted", "jm_shared"},
        # portfolio: practices, listed once reviewed; drafts with their owners
        "practice": {"bz_published", "bz_draft", "jm_host_draft", "jm_restricted"},
        # matching: invitations to host or serve, and a request's ranking weights
        "hostinvitation": {"jm_host_for_bz", "tt_for_jm"},
        "expertinvitation": {"expert_for_bz"},
        "matchweights": {"bz_restricted", "jm_shared"},
        # activities (keys name the activity each record belongs to):
        #   bz_at_jm_host  restricted, hosted by the Jamaican host institution, Belize takes part,
        #                  one session led by the expert
        #   bz_shared      shared, hosted by Trinidad, Belize and Trinidad take part
        #   jm_restricted  restricted, hosted by a Belizean institution, Jamaica takes part
        #   tt_restricted  restricted, hosted by Trinidad for Trinidad; the expert is its nominee
        "activity": {"bz_at_jm_host", "bz_shared", "jm_restricted", "tt_restricted"},
        "session": {"bz_at_jm_host", "bz_shared", "jm_restricted", "tt_restricted"},
        "nomination": {"bz_at_jm_host", "bz_shared", "jm_restricted", "tt_expert"},
        "attendance": {"bz_at_jm_host", "jm_restricted", "tt_expert"},
        "budgetline": {"bz_at_jm_host", "bz_shared", "jm_restricted", "tt_restricted"},
        "certificate": {"bz_at_jm_host", "jm_restricted", "tt_expert"},
        "modalityrule": {"attachment"},
    }
)
SCOPED_MODELS = tuple(RECORDS)
ACTIVITY_MODELS = ("activity", "session", "nomination", "attendance", "budgetline", "certificate", "modalityrule")


# Documents (core.Document) are attached to requests with these keys. A document goes with its
# record: it is downloaded exactly where the request is seen, never where it is not.
DOCUMENT_RECORDS = {"bz_restricted", "jm_draft", "jm_shared"}
# Documents attached to activities, keyed "activity:<activity key>": downloaded exactly where the
# activity is seen (a concept note of a restricted activity never leaks to another state).
ACTIVITY_DOCUMENT_RECORDS = {"bz_at_jm_host", "bz_shared", "jm_restricted", "tt_restricted"}


def _activity_documents(*keys):
    return {f"activity:{key}" for key in keys}


DOWNLOADABLE = {
    **{role: DOCUMENT_RECORDS | _activity_documents(*ACTIVITY_DOCUMENT_RECORDS) for role in SECRETARIAT},
    "focal_bz": {"bz_restricted", "jm_shared"} | _activity_documents("bz_at_jm_host", "bz_shared"),
    "focal_jm": {"jm_draft", "jm_shared"} | _activity_documents("bz_shared", "jm_restricted"),
    "host_jm": {"jm_draft", "jm_shared"} | _activity_documents("bz_at_jm_host", "bz_shared", "jm_restricted"),
    "expert": {"jm_shared"} | _activity_documents("bz_at_jm_host", "bz_shared", "tt_restricted"),
    "partner": {"jm_shared"} | _activity_documents("bz_shared"),
}


def _everyone(model):
    return {role: RECORDS[model] for role in ROLES}


VISIBLE = {
    "memberstate": _everyone("memberstate"),
    "network": _everyone("network"),
    "capabilityarea": _everyone("capabilityarea"),
    "institution": {
        "admin": RECORDS["institution"],
        "officer": RECORDS["institution"],
        "focal_bz": {"bz_shared", "bz_restricted", "jm_shared", "partner"},
        "focal_jm": {"bz_shared", "jm_shared", "jm_restricted", "jm_host", "partner"},
        "host_jm": {"bz_shared", "jm_shared", "jm_restricted", "jm_host", "partner"},
        "expert": {"bz_shared", "jm_shared", "partner"},
        "partner": {"bz_shared", "jm_shared", "partner"},
    },
    "person": {
        "admin": RECORDS["person"],
        "officer": RECORDS["person"],
        "focal_bz": {"bz_shared", "bz_restricted", "jm_shared"},
        "focal_jm": {"bz_shared", "jm_shared", "jm_restricted", "jm_host"},
        "host_jm": {"bz_shared", "jm_shared", "jm_restricted", "jm_host"},
        "expert": {"bz_shared", "jm_shared", "expert"},
        "partner": {"bz_shared", "jm_shared"},
    },
    "committeemeeting": {
        "admin": RECORDS["committeemeeting"],
        "officer": RECORDS["committeemeeting"],
        "focal_bz": {"bz_restricted", "jm_shared"},
        "focal_jm": {"jm_restricted", "jm_shared", "jm_host"},
        "host_jm": {"jm_restricted", "jm_shared", "jm_host"},
        "expert": {"jm_shared"},
        "partner": {"jm_shared"},
    },
}

SHARED_ASSESSMENTS = {"bz_shared", "jm_shared"}
NONE_: set = set()
VISIBLE.update(
    {
        "maturityassessment": {
            **{role: RECORDS["maturityassessment"] for role in SECRETARIAT},
            "focal_bz": {"bz_shared", "bz_restricted", "jm_shared"},
            "focal_jm": {"bz_shared", "jm_shared", "jm_restricted"},
            "host_jm": {"bz_shared", "jm_shared", "jm_restricted"},  # reads its state's records
            "expert": SHARED_ASSESSMENTS,
            "partner": SHARED_ASSESSMENTS,
        },
        "decision": _everyone("decision"),
        "requiredaction": _everyone("requiredaction"),
        "implementationreport": _everyone("implementationreport"),  # compliance is public
        "assistancerequest": {
            **{role: RECORDS["assistancerequest"] for role in SECRETARIAT},
            "focal_bz": {"bz_draft", "bz_shared", "bz_restricted", "jm_shared"},
            "focal_jm": {"bz_shared", "jm_draft", "jm_shared"},
            "host_jm": {"bz_shared", "jm_draft", "jm_shared"},
            "expert": {"bz_shared", "jm_shared"},
            "partner": {"bz_shared", "jm_shared"},
        },
        "needsassessment": {
            **{role: RECORDS["needsassessment"] for role in SECRETARIAT},
            "focal_bz": {"bz_restricted", "jm_shared"},
            "focal_jm": {"jm_shared"},
            "host_jm": {"jm_shared"},
            "expert": {"jm_shared"},
            "partner": {"jm_shared"},
        },
        "practice": {
            **{role: RECORDS["practice"] for role in SECRETARIAT},
            "focal_bz": {"bz_published", "bz_draft"},
            "focal_jm": {"bz_published", "jm_host_draft", "jm_restricted"},
            "host_jm": {"bz_published", "jm_host_draft", "jm_restricted"},
            "expert": {"bz_published"},
            "partner": {"bz_published"},
        },
        # The invited side and the requesting state see an invitation; nobody else does.
        "hostinvitation": {
            **{role: RECORDS["hostinvitation"] for role in SECRETARIAT},
            "focal_bz": {"jm_host_for_bz"},
            "focal_jm": {"jm_host_for_bz", "tt_for_jm"},
            "host_jm": {"jm_host_for_bz"},
            "expert": set(),
            "partner": set(),
        },
        "expertinvitation": {
            **{role: RECORDS["expertinvitation"] for role in SECRETARIAT},
            "focal_bz": {"expert_for_bz"},
            "focal_jm": set(),
            "host_jm": set(),
            "expert": {"expert_for_bz"},
            "partner": set(),
        },
        "matchweights": {
            **{role: RECORDS["matchweights"] for role in SECRETARIAT},
            "focal_bz": {"bz_restricted", "jm_shared"},
            "focal_jm": {"jm_shared"},
            "host_jm": {"jm_shared"},
            "expert": {"jm_shared"},
            "partner": {"jm_shared"},
        },
        # An activity: the states taking part, the host institution, the experts leading one of
        # its sessions; every signed-in user when shared. A host coordinator also reads the
        # activities its own state takes part in (its state's restricted records, as everywhere).
        "activity": {
            **{role: RECORDS["activity"] for role in SECRETARIAT},
            "focal_bz": {"bz_at_jm_host", "bz_shared"},
            "focal_jm": {"bz_shared", "jm_restricted"},
            "host_jm": {"bz_at_jm_host", "bz_shared", "jm_restricted"},
            # Leads a session of the first; nominated (as a Trinidad official) to the last.
            "expert": {"bz_at_jm_host", "bz_shared", "tt_restricted"},
            "partner": {"bz_shared"},
        },
        # The agenda follows the activity; the expert reads the session they lead, and the agenda
        # of the activity they are nominated to (the last).
        "session": {
            **{role: RECORDS["session"] for role in SECRETARIAT},
            "focal_bz": {"bz_at_jm_host", "bz_shared"},
            "focal_jm": {"bz_shared", "jm_restricted"},
            "host_jm": {"bz_at_jm_host", "bz_shared", "jm_restricted"},
            "expert": {"bz_at_jm_host", "bz_shared", "tt_restricted"},
            "partner": {"bz_shared"},
        },
        # People are personal data: their own state, the host institution, the nominee; never
        # another state, even on a shared activity.
        "nomination": {
            **{role: RECORDS["nomination"] for role in SECRETARIAT},
            "focal_bz": {"bz_at_jm_host", "bz_shared"},
            "focal_jm": {"jm_restricted"},
            "host_jm": {"bz_at_jm_host", "jm_restricted"},
            "expert": {"tt_expert"},  # the nominee themself
            "partner": NONE_,
        },
        "attendance": {
            **{role: RECORDS["attendance"] for role in SECRETARIAT},
            "focal_bz": {"bz_at_jm_host"},
            "focal_jm": {"jm_restricted"},
            "host_jm": {"bz_at_jm_host", "jm_restricted"},
            "expert": {"tt_expert"},
            "partner": NONE_,
        },
        # Money: the states taking part and the host institution; never the experts, never
        # another state, even on a shared activity.
        "budgetline": {
            **{role: RECORDS["budgetline"] for role in SECRETARIAT},
            "focal_bz": {"bz_at_jm_host", "bz_shared"},
            "focal_jm": {"jm_restricted"},
            "host_jm": {"bz_at_jm_host", "jm_restricted"},
            "expert": NONE_,
            "partner": NONE_,
        },
        "certificate": {
            **{role: RECORDS["certificate"] for role in SECRETARIAT},
            "focal_bz": {"bz_at_jm_host"},
            "focal_jm": {"jm_restricted"},
            "host_jm": {"bz_at_jm_host", "jm_restricted"},
            "expert": {"tt_expert"},
            "partner": NONE_,
        },
        "modalityrule": _everyone("modalityrule"),
    }
)

NONE: set = set()
EDITABLE = {
    "memberstate": {role: (RECORDS["memberstate"] if role == "admin" else NONE) for role in ROLES},
    "capabilityarea": {role: (RECORDS["capabilityarea"] if role == "admin" else NONE) for role in ROLES},
    "network": {role: (RECORDS["network"] if role in SECRETARIAT else NONE) for role in ROLES},
    "institution": {
        "admin": RECORDS["institution"],
        "officer": RECORDS["institution"],
        "focal_bz": {"bz_shared", "bz_restricted"},
        "focal_jm": {"jm_shared", "jm_restricted", "jm_host"},
        "host_jm": {"jm_host"},
        "expert": NONE,
        "partner": NONE,
    },
    "person": {
        "admin": RECORDS["person"],
        "officer": RECORDS["person"],
        "focal_bz": {"bz_shared", "bz_restricted"},
        "focal_jm": {"jm_shared", "jm_restricted", "jm_host"},
        "host_jm": {"jm_host"},
        "expert": {"expert"},
        "partner": NONE,
    },
    "committeemeeting": {
        "admin": RECORDS["committeemeeting"],
        "officer": RECORDS["committeemeeting"],
        "focal_bz": {"bz_restricted"},
        "focal_jm": {"jm_restricted", "jm_shared", "jm_host"},
        "host_jm": {"jm_host"},
        "expert": NONE,
        "partner": NONE,
    },
}


def _secretariat_only(model):
    return {role: (RECORDS[model] if role in SECRETARIAT else NONE) for role in ROLES}


EDITABLE.update(
    {
        # Time series: states add to them, only the secretariat changes or removes a row.
        "maturityassessment": _secretariat_only("maturityassessment"),
        "implementationreport": _secretariat_only("implementationreport"),
        "decision": _secretariat_only("decision"),
        "requiredaction": _secretariat_only("requiredaction"),
        "assistancerequest": {
            **_secretariat_only("assistancerequest"),
            "focal_bz": {"bz_draft", "bz_shared", "bz_restricted"},
            "focal_jm": {"jm_draft", "jm_shared"},
        },
        "needsassessment": _secretariat_only("needsassessment"),
        "practice": {
            **_secretariat_only("practice"),
            "focal_bz": {"bz_published", "bz_draft"},
            "focal_jm": {"jm_host_draft", "jm_restricted"},
            "host_jm": {"jm_host_draft"},  # its institution's entry, not its state's others
        },
        "hostinvitation": _secretariat_only("hostinvitation"),
        "expertinvitation": _secretariat_only("expertinvitation"),
        "matchweights": _secretariat_only("matchweights"),
        # Activities: the secretariat changes the record, its money and its certificates; the host
        # institution edits the agenda and the attendance; a focal point its state's nominations.
        "activity": _secretariat_only("activity"),
        "session": {**_secretariat_only("session"), "host_jm": {"bz_at_jm_host"}},
        "nomination": {
            **_secretariat_only("nomination"),
            "focal_bz": {"bz_at_jm_host", "bz_shared"},
            "focal_jm": {"jm_restricted"},
        },
        "attendance": {**_secretariat_only("attendance"), "host_jm": {"bz_at_jm_host"}},
        "budgetline": _secretariat_only("budgetline"),
        "certificate": _secretariat_only("certificate"),
        "modalityrule": _secretariat_only("modalityrule"),
    }
)

# Who may start a new record. Host coordinators own one institution and experts one profile:
# neither can ever save a *new* institution or person, so neither is offered the form.
CAN_ADD = {
    "memberstate": {"admin"},
    "capabilityarea": {"admin"},
    "network": {"admin", "officer"},
    "institution": {"admin", "officer", "focal_bz", "focal_jm"},
    "person": {"admin", "officer", "focal_bz", "focal_jm", "host_jm"},
    "committeemeeting": {"admin", "officer", "focal_bz", "focal_jm", "host_jm"},
    "maturityassessment": {"admin", "officer", "focal_bz", "focal_jm"},  # focal points: self-assessments
    "decision": {"admin", "officer"},
    "requiredaction": {"admin", "officer"},
    "implementationreport": {"admin", "officer", "focal_bz", "focal_jm"},
    "assistancerequest": {"admin", "officer", "focal_bz", "focal_jm"},
    "needsassessment": {"admin", "officer"},
    "practice": {"admin", "officer", "focal_bz", "focal_jm", "host_jm"},
    "hostinvitation": {"admin", "officer"},
    "expertinvitation": {"admin", "officer"},
    "matchweights": {"admin", "officer"},
    "activity": {"admin", "officer"},
    "session": {"admin", "officer", "host_jm"},  # the host institution builds the agenda
    "nomination": {"admin", "officer", "focal_bz", "focal_jm"},
    "attendance": {"admin", "officer", "host_jm"},
    "budgetline": {"admin", "officer"},
    "certificate": {"admin", "officer"},
    "modalityrule": {"admin", "officer"},
}

# Named actions of community, maturity and decisions: (model, action) → role → the records on
# which the role may take it (checked with can() on each record).
ACTIONS = {
    ("maturityassessment", "record"): {
        **_secretariat_only("maturityassessment"),
        "focal_bz": {"bz_shared", "bz_restricted"},
        "focal_jm": {"jm_shared", "jm_restricted"},
    },
    ("maturityassessment", "record:self"): {
        **_secretariat_only("maturityassessment"),
        "focal_bz": {"bz_shared", "bz_restricted"},
        "focal_jm": {"jm_shared", "jm_restricted"},
    },
    ("maturityassessment", "record:peer"): _secretariat_only("maturityassessment"),
    ("maturityassessment", "record:secretariat"): _secretariat_only("maturityassessment"),
    ("implementationreport", "record"): {
        **_secretariat_only("implementationreport"),
        "focal_bz": {"bz"},
        "focal_jm": {"jm"},
    },
    ("implementationreport", "verify"): _secretariat_only("implementationreport"),
    # Activities. Preparing (agenda, attendance, papers): the secretariat and the host institution.
    ("activity", "prepare"): {**_secretariat_only("activity"), "host_jm": {"bz_at_jm_host"}},
    # Nominating: a focal point for the activities their state takes part in, shared or not;
    # seeing a shared activity gives no right to nominate.
    ("activity", "nominate"): {
        **_secretariat_only("activity"),
        "focal_bz": {"bz_at_jm_host", "bz_shared"},
        "focal_jm": {"jm_restricted"},
    },
    **{
        ("activity", action): _secretariat_only("activity")
        for action in (
            "confirm_nominations",
            "budget",
            "certify",
            "transition:planned",
            "transition:confirmed",
            "transition:in_delivery",
            "transition:delivered",
            "transition:closed",
            "transition:cancelled",
        )
    },
    ("nomination", "transition:confirmed"): _secretariat_only("nomination"),
    ("nomination", "transition:declined"): _secretariat_only("nomination"),
    ("nomination", "transition:withdrawn"): {
        **_secretariat_only("nomination"),
        "focal_bz": {"bz_at_jm_host", "bz_shared"},
        "focal_jm": {"jm_restricted"},
    },
    # Confirming participation: the nominee with an account, or their state's focal point; never
    # the host coordinator, though it reads every nomination of the activities it hosts.
    ("nomination", "participant_confirm"): {
        **_secretariat_only("nomination"),
        "focal_bz": {"bz_at_jm_host", "bz_shared"},
        "focal_jm": {"jm_restricted"},
        "expert": {"tt_expert"},
    },
}

# Records other rows still point at with on_delete=PROTECT: deleting them is refused with a message.
PROTECTED = {
    "memberstate": {"bz", "jm", "tt"},
    "institution": {"jm_host", "partner"},  # a user acts for each
    "capabilityarea": {"root"},  # it has a sub-area
}


def access(model: str, role: str, key: str) -> str:
    """'edit' when the role may change the record, 'view' when it may only see it, else 'hidden'."""
    if key in EDITABLE[model][role]:
        return "edit"
    if key in VISIBLE[model][role]:
        return "view"
    return "hidden"


def record_cases():
    """(role, model, key) for every persona and every record of the registry."""
    return [(role, model, key) for model in MODELS for key in sorted(RECORDS[model]) for role in ROLES]


def model_role_cases(models=MODELS):
    return [(role, model) for model in models for role in ROLES]


def action_cases():
    return [(role, model, action) for (model, action) in ACTIONS for role in ROLES]


# The API's URL for each model.
API_PATHS = {
    "memberstate": "member-states",
    "institution": "institutions",
    "person": "people",
    "committeemeeting": "meetings",
    "network": "networks",
    "capabilityarea": "capability-areas",
}


# --- follow-up: evaluations, action plans (followup) ------------------------------------------
# Evaluations and their answers are the secretariat's (others see totals through selectors);
# an action plan is read by its state's people, its items are kept by its state's focal points.
RECORDS.update(
    {
        "evaluation": {"bz_participant", "jm_host"},
        "evaluationanswer": {"bz_participant"},
        "actionplan": {"bz", "jm"},
        "actionitem": {"bz_overdue", "jm_open"},
    }
)
SCOPED_MODELS = tuple(RECORDS)
VISIBLE.update(
    {
        "evaluation": _secretariat_only("evaluation"),
        "evaluationanswer": _secretariat_only("evaluationanswer"),
        "actionplan": {
            **_secretariat_only("actionplan"),
            "focal_bz": {"bz"},
            "focal_jm": {"jm"},
            "host_jm": {"jm"},  # reads its state's records
        },
        "actionitem": {
            **_secretariat_only("actionitem"),
            "focal_bz": {"bz_overdue"},
            "focal_jm": {"jm_open"},
            "host_jm": {"jm_open"},
        },
    }
)
EDITABLE.update(
    {
        "evaluation": _secretariat_only("evaluation"),
        "evaluationanswer": _secretariat_only("evaluationanswer"),
        "actionplan": _secretariat_only("actionplan"),
        "actionitem": {**_secretariat_only("actionitem"), "focal_bz": {"bz_overdue"}, "focal_jm": {"jm_open"}},
    }
)
CAN_ADD.update(
    {
        "evaluation": {"admin", "officer"},
        "evaluationanswer": {"admin", "officer"},
        "actionplan": {"admin", "officer"},
        "actionitem": {"admin", "officer", "focal_bz", "focal_jm"},
    }
)
ACTIONS[("actionplan", "review")] = _secretariat_only("actionplan")
# --- results frameworks (results app) ------------------------------------------------------
# Programmes: funded by the partner persona's institution or by nobody it acts for, shared or
# restricted. A partner reads only what it funds; everyone else signed in reads shared
# programmes; only the secretariat writes. Each part of a programme is read as the programme is,
# and a measured value leaves the secretariat only once approved.
PROGRAMME_KEYS = {"funded_shared", "funded_restricted", "other_shared", "other_restricted"}
PROGRAMME_MEMBERS_SEE = {"funded_shared", "other_shared"}
PROGRAMME_PARTNER_SEES = {"funded_shared", "funded_restricted"}
RESULTS_PARTS = ("programme", "resultnode", "indicator", "period", "target")
VALUE_KEYS = {"funded_approved", "funded_draft", "other_shared_approved", "other_restricted_approved"}
RECORDS.update({model: PROGRAMME_KEYS for model in RESULTS_PARTS})
RECORDS["measuredvalue"] = VALUE_KEYS
SCOPED_MODELS = tuple(RECORDS)


def _results_visible(members: set, partner: set, model: str) -> dict:
    return {
        **{role: RECORDS[model] for role in SECRETARIAT},
        **{role: members for role in ("focal_bz", "focal_jm", "host_jm", "expert")},
        "partner": partner,
    }


for _model in RESULTS_PARTS:
    VISIBLE[_model] = _results_visible(PROGRAMME_MEMBERS_SEE, PROGRAMME_PARTNER_SEES, _model)
VISIBLE["measuredvalue"] = _results_visible(
    {"funded_approved", "other_shared_approved"}, {"funded_approved"}, "measuredvalue"
)
for _model in (*RESULTS_PARTS, "measuredvalue"):
    EDITABLE[_model] = _secretariat_only(_model)
    CAN_ADD[_model] = {"admin", "officer"}
ACTIONS.update(
    {
        ("measuredvalue", "transition:submitted"): _secretariat_only("measuredvalue"),
        ("measuredvalue", "transition:approved"): _secretariat_only("measuredvalue"),
        ("measuredvalue", "transition:returned"): _secretariat_only("measuredvalue"),
        ("measuredvalue", "view_unapproved"): _secretariat_only("measuredvalue"),
        ("period", "transition:locked"): _secretariat_only("period"),
        ("period", "transition:open"): _secretariat_only("period"),
        ("indicator", "compute"): _secretariat_only("indicator"),
    }
)


# --- the regional calendar (community) and the officer's exclusions (matching) ---------------
# Meetings of the community's organs and states' extra non-working days are everyone's to read
# and the secretariat's to keep; who the officer left out of a ranking is the secretariat's only.
RECORDS.update(
    {
        "regionalmeeting": {"cohsod"},
        "nonworkingday": {"tt_carnival"},
        "matchexclusion": {"jm_from_bz_shared"},
    }
)
SCOPED_MODELS = tuple(RECORDS)
VISIBLE.update(
    {
        "regionalmeeting": _everyone("regionalmeeting"),
        "nonworkingday": _everyone("nonworkingday"),
        "matchexclusion": _secretariat_only("matchexclusion"),
    }
)
for _model in ("regionalmeeting", "nonworkingday", "matchexclusion"):
    EDITABLE[_model] = _secretariat_only(_model)
    CAN_ADD[_model] = {"admin", "officer"}
ACTIONS[("matchexclusion", "exclude")] = _secretariat_only("matchexclusion")
