"""What each persona may see and change in the `registry` fixture (conftest.py).

The access rules live in one place (core/access.py); this table is the independent statement
of what they must produce. The querysets, the pages and the API are all checked against it.
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
MODELS = tuple(RECORDS)


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

# Who may start a new record. Host coordinators own one institution and experts one profile:
# neither can ever save a *new* institution or person, so neither is offered the form.
CAN_ADD = {
    "memberstate": {"admin"},
    "capabilityarea": {"admin"},
    "network": {"admin", "officer"},
    "institution": {"admin", "officer", "focal_bz", "focal_jm"},
    "person": {"admin", "officer", "focal_bz", "focal_jm", "host_jm"},
    "committeemeeting": {"admin", "officer", "focal_bz", "focal_jm", "host_jm"},
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


def model_role_cases():
    return [(role, model) for model in MODELS for role in ROLES]


# The API's URL for each model.
API_PATHS = {
    "memberstate": "member-states",
    "institution": "institutions",
    "person": "people",
    "committeemeeting": "meetings",
    "network": "networks",
    "capabilityarea": "capability-areas",
}
