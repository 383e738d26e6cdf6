"""The access rules (core/access.py) on their own and through the community registry.

Who sees, changes and adds what, model by model and persona by persona, is checked against the
hand-written table in tests/access/test_matrix.py."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from accounts.choices import Role
from accounts.tests.factories import UserFactory
from community import models
from community.tests.factories import InstitutionFactory, PersonFactory
from core.access import EVERYTHING, NOTHING, AccessRule, Allow, can, secretariat_or_owner
from tests.access.matrix import (
    MODELS,
    ROLES,
)

MODEL_CLASSES = {
    "memberstate": models.MemberState,
    "institution": models.Institution,
    "person": models.Person,
    "committeemeeting": models.CommitteeMeeting,
    "network": models.Network,
    "capabilityarea": models.CapabilityArea,
}


def keys_of(registry, model, queryset):
    """The registry keys of the records in a queryset; records outside the registry fail."""
    by_pk = {obj.pk: key for key, obj in registry.records[model].items()}
    pks = list(queryset.values_list("pk", flat=True))
    unknown = [pk for pk in pks if pk not in by_pk]
    assert not unknown, f"records outside the registry: {unknown}"
    return {by_pk[pk] for pk in pks}


@pytest.mark.parametrize("model", MODELS)
def test_a_deactivated_manager_changes_and_adds_nothing(registry, model):
    officer = registry.users["admin"]
    officer.is_active = False
    cls = MODEL_CLASSES[model]
    assert not cls.objects.editable_by(officer).exists()
    assert cls.access.can_add(officer) is False
    assert not any(obj.can_change(officer) for obj in registry.records[model].values())


def test_editable_by_answers_without_a_query_when_the_role_changes_nothing(registry, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert list(models.Institution.objects.editable_by(registry.users["partner"])) == []


def test_a_focal_point_changes_records_of_their_state_even_after_making_them_shared(registry):
    institution = registry.inst_bz_restricted
    institution.visibility = "shared"
    institution.save(update_fields=["visibility"])
    assert institution.can_change(registry.users["focal_bz"])
    assert not institution.can_change(registry.users["focal_jm"])


def test_a_host_coordinator_reads_their_states_records_but_changes_only_their_institution(
    registry,
):
    host = registry.users["host_jm"]
    assert host.home_state_id == registry.jm.pk
    assert registry.inst_jm_restricted.can_change(host) is False
    assert models.Institution.objects.for_user(host).filter(pk=registry.inst_jm_restricted.pk).exists()
    assert registry.inst_jm_host.can_change(host) is True


def test_a_host_coordinator_of_a_regional_body_sees_its_restricted_people_but_no_states(db):
    regional = InstitutionFactory(name="Caribbean Examinations Council", state=None, restricted=True)
    elsewhere = InstitutionFactory(name="Barbados Statistical Service", restricted=True)
    host = UserFactory(role=Role.HOST_COORDINATOR, institution=regional)
    own = PersonFactory(full_name="Glenroy Alleyne", institution=regional, state=None, restricted=True)
    other = PersonFactory(full_name="Joan Greenidge", institution=elsewhere, restricted=True)
    assert host.home_state_id is None
    assert set(models.Person.objects.for_user(host)) == {own}
    assert set(models.Person.objects.editable_by(host)) == {own}
    assert set(models.Institution.objects.for_user(host)) == {regional}
    assert other.can_change(host) is False


def test_a_focal_point_of_another_state_never_reaches_restricted_records_by_any_lookup(registry):
    """The hidden record cannot be found by pk, by name or through a related manager."""
    focal_bz = registry.users["focal_bz"]
    hidden = registry.inst_jm_restricted
    scoped = models.Institution.objects.for_user(focal_bz)
    assert not scoped.filter(pk=hidden.pk).exists()
    assert not scoped.filter(name__icontains="Financial Investigations").exists()
    assert not scoped.filter(state=registry.jm, visibility="restricted").exists()
    assert not models.Person.objects.for_user(focal_bz).filter(institution=hidden).exists()
    assert (
        not models.CommitteeMeeting.objects.for_user(focal_bz)
        .filter(committee__state=registry.jm, visibility="restricted")
        .exists()
    )


class TestAccessRule:
    """The rule on its own, for rules no registry model uses yet."""

    def test_models_without_owners_are_changed_by_managers_only(self, registry):
        rule = AccessRule(everyone_reads=True, owners_edit=False)
        assert rule.view_q(registry.users["partner"]) == EVERYTHING
        assert rule.change_q(registry.users["officer"]) == EVERYTHING
        for role in ("focal_bz", "host_jm", "expert", "partner"):
            assert rule.change_q(registry.users[role]) == NOTHING, role
            assert rule.can_add(registry.users[role]) is False, role

    def test_custom_managers_replace_the_secretariat(self, registry):
        rule = AccessRule(managers=frozenset({Role.OFFICER}))
        assert rule.change_q(registry.users["officer"]) == EVERYTHING
        assert rule.change_q(registry.users["admin"]) == NOTHING

    def test_partners_own_nothing_even_with_an_institution(self, registry):
        rule = AccessRule(state="state", institution="institution", person="person")
        assert rule.change_q(registry.users["partner"]) == NOTHING
        assert rule.can_add(registry.users["partner"]) is False

    @pytest.mark.parametrize("role", ROLES)
    def test_reference_data_is_read_by_every_signed_in_role(self, registry, role):
        assert AccessRule(state="state", everyone_reads=True).view_q(registry.users[role]) == EVERYTHING

    @pytest.mark.parametrize("role", ["focal_bz", "focal_jm", "host_jm", "expert", "partner"])
    def test_a_rule_that_declares_nothing_is_read_by_the_secretariat_only(self, registry, role):
        assert AccessRule().view_q(registry.users[role]) == NOTHING
        assert AccessRule().view_q(registry.users["officer"]) == EVERYTHING

    def test_owners_read_their_own_records_of_an_unshared_model(self, registry):
        rule = AccessRule(state="state")
        assert rule.view_q(registry.users["focal_bz"]) == Q(state=registry.bz.pk)
        assert rule.view_q(registry.users["partner"]) == NOTHING

    def test_named_actions_are_closed_unless_declared(self, registry):
        rule = AccessRule(state="state", actions={"verify": Allow(frozenset({Role.OFFICER}))})
        assert rule.action_q(registry.users["officer"], "verify") == EVERYTHING
        assert rule.action_q(registry.users["admin"], "verify") == NOTHING
        assert rule.action_q(registry.users["officer"], "publish") == NOTHING

    def test_owner_actions_reach_only_owned_records(self, registry):
        rule = AccessRule(state="state", visibility=True, actions={"submit": secretariat_or_owner(Role.FOCAL_POINT)})
        assert rule.action_q(registry.users["focal_bz"], "submit") == Q(state=registry.bz.pk)
        assert rule.action_q(registry.users["host_jm"], "submit") == NOTHING
        assert rule.action_q(registry.users["officer"], "submit") == EVERYTHING


class TestCan:
    """`can()` on records and on model classes, through a real model's rule."""

    def test_view_and_change_follow_the_querysets(self, registry):
        restricted = registry.records["institution"]["jm_restricted"]
        assert can(registry.users["focal_jm"], "view", restricted)
        assert not can(registry.users["focal_bz"], "view", restricted)
        assert can(registry.users["focal_jm"], "change", restricted)
        assert not can(registry.users["expert"], "change", restricted)

    def test_a_refusal_by_the_rule_alone_costs_no_query(self, registry, django_assert_num_queries):
        anonymous_like = UserFactory(role=Role.PARTNER, is_active=True)
        restricted = registry.records["institution"]["jm_restricted"]
        with django_assert_num_queries(0):
            assert not can(AnonymousUser(), "view", restricted)
        with django_assert_num_queries(1):  # found (or not) through the model's for_user
            assert not can(anonymous_like, "view", restricted)

    def test_add_is_asked_of_the_model(self, registry):
        assert can(registry.users["officer"], "add", models.Institution)
        assert not can(registry.users["partner"], "add", models.Institution)

    def test_nobody_signed_out_may_do_anything(self, registry):
        assert not can(AnonymousUser(), "view", models.MemberState)
        assert not can(None, "view", registry.records["memberstate"]["bz"])

    def test_an_undeclared_action_is_refused(self, registry):
        assert not can(registry.users["officer"], "launch", registry.records["memberstate"]["bz"])
        assert not can(registry.users["officer"], "launch", models.MemberState)

    def test_the_template_tag_asks_the_same_rule(self, registry, rf):
        from django.template import Context, Template

        request = rf.get("/")
        request.user = registry.users["focal_bz"]
        template = Template('{% load access %}{% can "change" obj as ok %}{{ ok }}')
        jm = registry.records["institution"]["jm_restricted"]
        bz = registry.records["institution"]["bz_restricted"]
        assert template.render(Context({"request": request, "obj": jm})) == "False"
        assert template.render(Context({"request": request, "obj": bz})) == "True"

    def test_an_owner_of_a_record_by_its_own_key_cannot_add_new_ones(self, registry):
        """A host coordinator owns one institution (pk) and an expert one profile (pk); a new
        record can never be that one, so they may not start one."""
        assert AccessRule(institution="pk").can_add(registry.users["host_jm"]) is False
        assert AccessRule(person="pk").can_add(registry.users["expert"]) is False
        assert AccessRule(institution="committee").can_add(registry.users["host_jm"]) is True
        assert AccessRule(person="person").can_add(registry.users["expert"]) is True


class TestDeclaredOwnership:
    """Which roles own records through which relation is declared per model, not per role."""

    def test_by_default_partners_own_nothing_through_their_institution(self, registry):
        rule = AccessRule(institution="institution")
        assert rule.owner_q(registry.users["partner"]) == NOTHING
        assert rule.owner_q(registry.users["host_jm"]) == Q(institution=registry.inst_jm_host.pk)

    def test_a_model_may_declare_that_partners_own_through_their_institution(self, registry):
        """E.g. a funding agreement, owned by the funder's institution."""
        rule = AccessRule(institution="funder", owners={"institution": {Role.PARTNER}})
        partner = registry.users["partner"]
        assert rule.owner_q(partner) == Q(funder=registry.inst_partner.pk)
        assert rule.change_q(partner) == Q(funder=registry.inst_partner.pk)
        assert rule.can_add(partner) is True
        # Host coordinators no longer own through this relation: it was declared for partners.
        assert rule.change_q(registry.users["host_jm"]) == NOTHING

    def test_an_unknown_relation_is_refused_when_the_rule_is_declared(self):
        with pytest.raises(ValueError):
            AccessRule(state="state", owners={"funder": {Role.PARTNER}})

    def test_a_role_owning_through_no_declared_relation_changes_nothing(self, registry):
        rule = AccessRule(person="person")
        assert rule.change_q(registry.users["focal_bz"]) == NOTHING  # owns no profile
        assert rule.change_q(registry.users["expert"]) == Q(person=registry.person_expert.pk)


class TestOwnersEditSomeRelations:
    """`owners_edit=("institution",)`: every owner reads, only the named relation's owners edit
    (a host coordinator edits the sessions its institution hosts; the expert leading one reads)."""

    RULE = AccessRule(
        state="state",
        institution="institution",
        person="person",
        owners={"state": frozenset(), "person": {Role.EXPERT}},
        owners_edit=("institution",),
    )

    def test_only_the_named_relation_changes(self, registry):
        assert self.RULE.change_q(registry.users["host_jm"]) == Q(institution=registry.inst_jm_host.pk)
        assert self.RULE.change_q(registry.users["expert"]) == NOTHING
        assert self.RULE.change_q(registry.users["focal_bz"]) == NOTHING

    def test_every_owner_still_reads(self, registry):
        assert self.RULE.view_q(registry.users["expert"]) == Q(person=registry.person_expert.pk)
        assert self.RULE.view_q(registry.users["focal_bz"]) == Q(state=registry.bz.pk)

    def test_only_the_named_relation_adds(self, registry):
        assert self.RULE.can_add(registry.users["host_jm"]) is True
        assert self.RULE.can_add(registry.users["expert"]) is False
        assert self.RULE.can_add(registry.users["focal_bz"]) is False

    def test_an_unknown_editing_relation_is_refused_when_the_rule_is_declared(self):
        with pytest.raises(ValueError):
            AccessRule(state="state", owners_edit=("funder",))


class TestAddAction:
    """A model whose owners add records but never edit them names the action that adds."""

    RULE = AccessRule(
        state="state",
        owners_edit=False,
        add_action="record",
        actions={"record": secretariat_or_owner(Role.FOCAL_POINT)},
    )

    def test_the_add_action_decides_who_may_add(self, registry):
        assert self.RULE.can_add(registry.users["focal_bz"]) is True
        assert self.RULE.can_add(registry.users["officer"]) is True
        assert self.RULE.can_add(registry.users["host_jm"]) is False
        assert self.RULE.can_add(registry.users["partner"]) is False

    def test_owners_who_add_still_change_nothing(self, registry):
        assert self.RULE.change_q(registry.users["focal_bz"]) == NOTHING


class TestCanOnUnsavedRecords:
    """`can()` on a record filled in but not saved: would it be the user's to act on?"""

    def test_an_owner_may_add_a_record_filled_in_as_theirs_only(self, registry):
        focal_bz = registry.users["focal_bz"]
        assert can(focal_bz, "add", models.Institution(state=registry.bz))
        assert not can(focal_bz, "add", models.Institution(state=registry.jm))
        assert not can(focal_bz, "add", models.Institution(state=None))

    def test_the_secretariat_may_add_any(self, registry):
        assert can(registry.users["officer"], "add", models.Institution(state=registry.jm))

    def test_ownership_is_followed_through_related_records(self, registry):
        """A meeting is owned through its committee's state (committee__state)."""
        focal_jm = registry.users["focal_jm"]
        assert can(focal_jm, "add", models.CommitteeMeeting(committee=registry.inst_jm_shared))
        assert not can(focal_jm, "add", models.CommitteeMeeting(committee=registry.inst_bz_shared))
        assert not can(focal_jm, "add", models.CommitteeMeeting())

    def test_a_refused_role_is_refused_whatever_the_record_says(self, registry):
        assert not can(registry.users["partner"], "add", models.Institution(state=registry.bz))


class TestCanOnEvery:
    def test_only_those_who_act_on_every_record_are_told_so(self, registry):
        from core.access import can_on_every

        assert can_on_every(registry.users["officer"], "change", models.Institution)
        assert not can_on_every(registry.users["focal_bz"], "change", models.Institution)
        assert not can_on_every(registry.users["officer"], "change", models.MemberState)  # admin only
        assert can_on_every(registry.users["admin"], "change", models.MemberState)
        assert not can_on_every(None, "view", models.Institution)


def test_sees_everything_is_the_secretariat_and_superusers_only(registry):
    from core.access import sees_everything

    assert sees_everything(registry.users["officer"])
    assert sees_everything(UserFactory(role=Role.PARTNER, is_superuser=True))
    for role in ("focal_bz", "host_jm", "expert", "partner"):
        assert not sees_everything(registry.users[role]), role
    assert not sees_everything(AnonymousUser())


class TestToManyOwnership:
    """Ownership through a to-many relation must not list a record once per owner row."""

    RULE = AccessRule(state="members__state")

    def test_lists_stay_free_of_duplicates(self, registry, monkeypatch):
        monkeypatch.setattr(models.Network, "access", self.RULE)
        focal_jm = registry.users["focal_jm"]
        labour = registry.records["network"]["labour"]  # two Jamaican members
        # The plain filter repeats the network once per Jamaican member …
        assert models.Network.objects.filter(self.RULE.view_q(focal_jm)).count() == 2
        # … the scoped querysets do not.
        assert list(models.Network.objects.for_user(focal_jm)) == [labour]
        assert models.Network.objects.for_user(focal_jm).count() == 1
        assert list(models.Network.objects.editable_by(focal_jm)) == [labour]
        assert not models.Network.objects.for_user(registry.users["focal_bz"]).exists()

    def test_lookups_through_foreign_keys_only_are_filtered_directly(self, registry):
        from core.models import crosses_to_many, to_many_hop

        assert crosses_to_many(models.Network, "members__state")
        assert crosses_to_many(models.MemberState, "institutions__state")
        assert not crosses_to_many(models.CommitteeMeeting, "committee__state")
        assert not crosses_to_many(models.Institution, "pk")
        assert to_many_hop(models.Network, "members__state") == (0, models.Network)
        assert to_many_hop(models.NetworkMembership, "network__members__state") == (1, models.Network)
        assert to_many_hop(models.CommitteeMeeting, "committee__state") is None
        sql = str(models.Person.objects.for_user(registry.users["focal_jm"]).query)
        assert " IN (SELECT" not in sql.upper()

    def test_only_the_parts_through_a_to_many_relation_become_a_correlated_exists(self, registry):
        """Plain parts stay conditions on the record and the to-many part asks "does a matching
        row exist" for each record, so a list sorted by an index reads only its page: selecting
        every visible record's key first (`pk IN (SELECT …)`) made PostgreSQL join them all."""
        from django.db.models import Q

        from core.models import _once_per_record

        jamaica = registry.users["focal_jm"].member_state
        labour = registry.records["network"]["labour"]
        q = Q(name="No such network") | Q(members__state=jamaica)
        scoped = models.Network.objects.filter(_once_per_record(models.Network, q))
        sql = str(scoped.query).upper()
        assert sql.count("EXISTS(") == 1 and '"ID" IN (SELECT' not in sql
        assert sql.index('"NAME" =') < sql.index("EXISTS(")  # the plain part, on the record itself
        assert list(scoped) == [labour]  # once, with its two Jamaican members
        assert list(models.Network.objects.filter(_once_per_record(models.Network, Q(name=labour.name)))) == [labour]

    def test_a_to_many_relation_behind_foreign_keys_is_asked_of_the_related_record(self, registry, monkeypatch):
        """A membership owned through its network's members (`network__members__state`) asks
        whether a matching member exists for its network, not whether a membership that joins
        its way to one exists: the subquery starts at the network and never reads memberships as
        the record again."""
        monkeypatch.setattr(models.NetworkMembership, "access", AccessRule(state="network__members__state"))
        labour = registry.records["network"]["labour"]
        scoped = models.NetworkMembership.objects.for_user(registry.users["focal_jm"])
        sql = str(scoped.query).upper()
        subquery = sql[sql.index("EXISTS(") :]
        assert sql.count("EXISTS(") == 1 and " IN (SELECT" not in sql
        assert 'FROM "COMMUNITY_NETWORK" U0' in subquery
        assert 'U0."ID" = ("COMMUNITY_NETWORKMEMBERSHIP"."NETWORK_ID")' in subquery
        assert sorted(scoped.values_list("pk", flat=True)) == sorted(labour.memberships.values_list("pk", flat=True))
        assert scoped.count() == labour.memberships.count() >= 2  # each once, not once per Jamaican member


def test_read_through_opens_a_record_to_the_owners_of_matching_related_records_without_duplicates(db):
    """A request restricted to Belize is read by Jamaica's focal point once Jamaica is invited
    to host it (an invitation is the related record, found through a subquery)."""
    from accounts.tests.factories import UserFactory
    from assistance.models import AssistanceRequest
    from assistance.tests.factories import AssistanceRequestFactory
    from community.tests.factories import MemberStateFactory
    from matching.tests.factories import HostInvitationFactory

    belize, jamaica = MemberStateFactory.for_iso("BZ"), MemberStateFactory.for_iso("JM")
    focal_jm = UserFactory(role=Role.FOCAL_POINT, member_state=jamaica)
    restricted = AssistanceRequestFactory(state=belize, status="matching", restricted=True)
    visible = AssistanceRequest.objects.for_user(focal_jm)
    assert not visible.filter(pk=restricted.pk).exists()
    HostInvitationFactory(request=restricted, state=jamaica, status="declined")
    assert not visible.filter(pk=restricted.pk).exists()
    HostInvitationFactory(request=restricted, state=jamaica, status="invited")
    HostInvitationFactory(request=restricted, state=MemberStateFactory.for_iso("TT"), status="invited")
    assert list(AssistanceRequest.objects.for_user(focal_jm).values_list("pk", flat=True)) == [restricted.pk]
    assert can(focal_jm, "view", restricted)
    assert not can(focal_jm, "change", restricted)


def test_read_through_may_point_at_a_relation_rather_than_the_record_itself(db):
    """The sessions of an activity are read by its nominees: the nomination points at the
    activity, which the session names by its `activity` field."""
    from accounts.tests.factories import UserFactory
    from activities.models import Session
    from activities.tests.factories import NominationFactory, SessionFactory
    from community.tests.factories import PersonFactory

    person = PersonFactory()
    nominee = UserFactory(role=Role.EXPERT, person=person)
    nomination = NominationFactory(person=person)
    agenda = SessionFactory(activity=nomination.activity)
    SessionFactory()  # another activity's
    assert list(Session.objects.for_user(nominee)) == [agenda]
    nomination.status = "withdrawn"
    nomination.save(update_fields=["status"])
    assert list(Session.objects.for_user(nominee)) == []


def test_read_through_asks_one_subquery_per_way_of_owning_the_related_records(db):
    """A host coordinator owns nominations two ways: those of the activities their institution
    hosts, and their own. Each way is a subquery of its own (read by its own index): one subquery
    with an OR across the nomination and its activity read every nomination in the database."""
    from accounts.tests.factories import UserFactory
    from activities.choices import NominationStatus
    from activities.models import Session
    from activities.tests.factories import NominationFactory, SessionFactory
    from core.access import ReadThrough

    institution = InstitutionFactory()
    person = PersonFactory(institution=institution)
    coordinator = UserFactory(role=Role.HOST_COORDINATOR, institution=institution, person=person)
    hosted = NominationFactory(activity__host_institution=institution)  # someone else, at home
    own = NominationFactory(person=person)  # the coordinator, nominated elsewhere
    NominationFactory()  # neither
    sessions = {nomination.pk: SessionFactory(activity=nomination.activity) for nomination in (hosted, own)}
    SessionFactory()

    through = ReadThrough("activities.Nomination", "activity", {"status__in": [NominationStatus.PROPOSED]}, "activity")
    q = through.q(coordinator)
    assert q.connector == Q.OR and len(q.children) == 2
    # Asked for each session's activity (EXISTS), not as a list of keys (IN), so PostgreSQL can
    # walk the sort's index and ask for the page's rows only; the only OR is between the two.
    sql = str(Session.objects.filter(q).query)
    assert sql.count("EXISTS(") == 2 and " IN (SELECT" not in sql and sql.count(" OR ") == 1
    assert sql.count('= ("activities_session"."activity_id")') == 2
    assert set(Session.objects.filter(q)) == set(sessions.values())


def test_rules_read_the_user_behind_nested_lazy_stand_ins():
    """request.user is django-otp's lazy stand-in for Django's: the rules read the user itself."""
    from django.utils.functional import SimpleLazyObject

    from core.access import _unwrapped

    user = UserFactory.build(role=Role.OFFICER)
    nested = SimpleLazyObject(lambda: SimpleLazyObject(lambda: user))
    assert _unwrapped(nested) is user
    assert _unwrapped(user) is user


def test_what_a_user_may_see_is_learnt_on_the_user_behind_the_stand_ins(focal_bz, belize, jamaica):
    """A list asks once per shown relation: what it learnt is kept on the user itself, so reading
    it again through request.user's stand-ins costs neither a query nor a proxy's reads."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils.functional import SimpleLazyObject

    from community.models import Institution
    from core.access import hidden_pks, remember_visibility
    from core.models import VisibilityChoices as Choice

    own = InstitutionFactory(state=belize, visibility=Choice.RESTRICTED)
    other = InstitutionFactory(state=jamaica, visibility=Choice.RESTRICTED)
    stand_in = SimpleLazyObject(lambda: SimpleLazyObject(lambda: focal_bz))
    remember_visibility(stand_in, Institution, {own.pk, other.pk})
    with CaptureQueriesContext(connection) as asked:
        assert hidden_pks(stand_in, Institution, [own.pk, other.pk]) == {other.pk}
        assert hidden_pks(focal_bz, Institution, [own.pk, other.pk]) == {other.pk}
    assert len(asked) == 0


def test_the_visibility_badge_on_a_list_and_a_record_page(focal_bz, belize, client_for):
    """A restricted record wears the warning badge, a shared one the light one, in the list and
    on its page, in the reader's language."""
    from django.urls import reverse

    from core.models import VisibilityChoices as Choice

    restricted = InstitutionFactory(state=belize, name="Belize Bureau", visibility=Choice.RESTRICTED)
    shared = InstitutionFactory(state=belize, name="Belize Board", visibility=Choice.SHARED)
    client = client_for(focal_bz)
    listed = client.get(reverse("community:institution_list")).content.decode()
    assert listed.count('<span class="badge text-bg-warning">Restricted</span>') == 1
    assert listed.count('<span class="badge text-bg-light border">Shared</span>') >= 1
    page = client.get(restricted.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<span class="badge text-bg-warning">Restreint</span>' in page
    assert '<span class="badge text-bg-light border">' in client.get(shared.get_absolute_url()).content.decode()
