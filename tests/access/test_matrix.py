"""Every scoped model of every app through its scoped querysets, against the hand-written
table in tests/access/matrix.py: who sees, changes, adds what, and takes which named action."""

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser

from accounts.choices import Role
from accounts.tests.factories import UserFactory
from core.access import can
from core.documents import document_for_user
from core.models import BaseModel
from tests.access.matrix import (
    ACTIONS,
    CAN_ADD,
    DOWNLOADABLE,
    EDITABLE,
    RECORDS,
    ROLES,
    SCOPED_MODELS,
    VISIBLE,
    action_cases,
    model_role_cases,
)

APP_OF = {
    "memberstate": "community",
    "institution": "community",
    "person": "community",
    "committeemeeting": "community",
    "network": "community",
    "capabilityarea": "community",
    "maturityassessment": "maturity",
    "decision": "decisions",
    "requiredaction": "decisions",
    "implementationreport": "decisions",
    "assistancerequest": "assistance",
    "needsassessment": "assistance",
    "practice": "portfolio",
    "hostinvitation": "matching",
    "expertinvitation": "matching",
    "matchweights": "matching",
    **{
        name: "activities"
        for name in ("activity", "session", "nomination", "attendance", "budgetline", "certificate", "modalityrule")
    },
}

# Known gaps between the product rules and today's code, each owned by another part of the
# framework work; strict, so the table is updated the moment the code is fixed.
KNOWN_GAPS: dict[tuple[str, str], str] = {}


def model_class(name):
    return apps.get_model(APP_OF[name], name)


def keys_of(world, model, queryset):
    """The table's keys of the records in a queryset; a record outside the table fails, and so
    does a record listed twice."""
    by_pk = {obj.pk: key for key, obj in world.records[model].items()}
    pks = list(queryset.values_list("pk", flat=True))
    unknown = [pk for pk in pks if pk not in by_pk]
    assert not unknown, f"records outside the table: {unknown}"
    assert len(pks) == len(set(pks)), f"records listed twice: {pks}"
    return {by_pk[pk] for pk in pks}


def _gap(model, role):
    reason = KNOWN_GAPS.get((model, role))
    if reason:
        pytest.xfail(reason)  # noqa: PT015 — see KNOWN_GAPS


def test_the_table_names_every_scoped_model():
    """A new scoped model must be added to the table (and to APP_OF) to be tested."""
    scoped = {
        model._meta.model_name
        for model in apps.get_models()
        if issubclass(model, BaseModel) and model._meta.app_label not in ("core", "accounts")
    }
    assert scoped <= set(SCOPED_MODELS) | {"language", "postheld", "networkmembership"}, scoped - set(SCOPED_MODELS)


def test_the_table_is_consistent():
    """Nobody may change what they cannot see; every key is a record of the table."""
    for model in SCOPED_MODELS:
        for role in ROLES:
            assert EDITABLE[model][role] <= VISIBLE[model][role], (model, role)
            assert VISIBLE[model][role] <= RECORDS[model], (model, role)
    for (model, _action), by_role in ACTIONS.items():
        for role in ROLES:
            assert by_role[role] <= RECORDS[model], (model, role)


@pytest.mark.parametrize("role,model", model_role_cases(SCOPED_MODELS))
def test_for_user_returns_exactly_what_the_role_may_see(world, role, model):
    if (model, role) in KNOWN_GAPS:
        visible = keys_of(world, model, model_class(model).objects.for_user(world.users[role]))
        if visible != VISIBLE[model][role]:
            _gap(model, role)
        pytest.fail(f"fixed: remove {(model, role)} from KNOWN_GAPS")
    visible = keys_of(world, model, model_class(model).objects.for_user(world.users[role]))
    assert visible == VISIBLE[model][role]


@pytest.mark.parametrize("role", ROLES)
def test_documents_are_downloaded_exactly_where_their_record_is_seen(world, role):
    """Every file follows its record's visibility, another state's drafts included."""
    user = world.users[role]
    downloadable = {key for key, doc in world.records["document"].items() if document_for_user(user=user, pk=doc.pk)}
    assert downloadable == DOWNLOADABLE[role]


@pytest.mark.parametrize("role,model", model_role_cases(SCOPED_MODELS))
def test_editable_by_returns_exactly_what_the_role_may_change(world, role, model):
    editable = keys_of(world, model, model_class(model).objects.editable_by(world.users[role]))
    assert editable == EDITABLE[model][role]


@pytest.mark.parametrize("role,model", model_role_cases(SCOPED_MODELS))
def test_can_change_and_delete_agree_with_the_table(world, role, model):
    user = world.users[role]
    for key, obj in world.records[model].items():
        assert obj.can_change(user) is (key in EDITABLE[model][role]), key
        assert can(user, "delete", obj) is (key in EDITABLE[model][role]), key


@pytest.mark.parametrize("role,model", model_role_cases(SCOPED_MODELS))
def test_can_add(world, role, model):
    cls = model_class(model)
    assert cls.access.can_add(world.users[role]) is (role in CAN_ADD[model])
    assert can(world.users[role], "add", cls) is (role in CAN_ADD[model])


@pytest.mark.parametrize("role,model,action", action_cases())
def test_named_actions(world, role, model, action):
    user = world.users[role]
    allowed = {key for key, obj in world.records[model].items() if can(user, action, obj)}
    assert allowed == ACTIONS[(model, action)][role]
    assert can(user, action, model_class(model)) is bool(ACTIONS[(model, action)][role])


@pytest.mark.parametrize("model", SCOPED_MODELS)
def test_anonymous_sees_changes_and_adds_nothing(world, model):
    cls = model_class(model)
    assert not cls.objects.for_user(AnonymousUser()).exists()
    assert not cls.objects.editable_by(AnonymousUser()).exists()
    assert cls.access.can_add(AnonymousUser()) is False


@pytest.mark.parametrize("model", SCOPED_MODELS)
def test_a_superuser_without_a_secretariat_role_sees_and_changes_everything(world, model):
    root = UserFactory(role=Role.PARTNER, is_superuser=True)
    cls = model_class(model)
    assert keys_of(world, model, cls.objects.for_user(root)) == RECORDS[model]
    assert keys_of(world, model, cls.objects.editable_by(root)) == RECORDS[model]


# --- follow-up (followup) ----------------------------------------------------------------------
APP_OF.update(
    {"evaluation": "followup", "evaluationanswer": "followup", "actionplan": "followup", "actionitem": "followup"}
)

# --- results frameworks (results app) ------------------------------------------------------
APP_OF.update(
    {name: "results" for name in ("programme", "resultnode", "indicator", "period", "target", "measuredvalue")}
)

# --- the regional calendar (community) and the officer's exclusions (matching) -------------
APP_OF.update({"regionalmeeting": "community", "nonworkingday": "community", "matchexclusion": "matching"})
