"""What every signed-in page pays once rather than many times: each rule's scope built once per
request, the menu's answers kept per kind of user, status labels found without translating every
choice; and each answer still follows the user and the language as they are."""

from unittest import mock

import pytest
from django.db.models import Q
from django.test import override_settings
from django.urls import clear_url_caches, path, reverse
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from accounts.choices import Role
from accounts.models import User
from community import models
from community.choices import InstitutionKind
from community.tests.factories import InstitutionFactory, MemberStateFactory
from core.access import NOTHING, AccessRule, can, secretariat_or_owner
from core.registry import menu_url


class Report:
    """A state's own reports, which its focal points and the secretariat publish."""

    access = AccessRule(state="state", owners_edit=False, actions={"publish": secretariat_or_owner(Role.FOCAL_POINT)})


def persona(role: str, **fields) -> User:
    return User(email=f"{role}@example.test", role=role, is_active=True, **fields)


def test_a_rules_scope_is_built_once_for_one_user_object():
    focal = persona(Role.FOCAL_POINT, member_state_id=1)
    with mock.patch.object(AccessRule, "_view_q", autospec=True, side_effect=AccessRule._view_q) as built:
        first = Report.access.view_q(focal)
        assert Report.access.view_q(focal) is first
        assert Report.access.view_q(SimpleLazyObject(lambda: focal)) is first  # request.user's stand-in
    assert built.call_count == 1


def test_a_scope_follows_a_change_to_the_user_on_the_same_object():
    user = persona(Role.FOCAL_POINT, member_state_id=1)
    assert Report.access.action_q(user, "publish") == Q(state=1)
    user.role = Role.PARTNER
    assert Report.access.action_q(user, "publish") == NOTHING
    user.role, user.member_state_id = Role.FOCAL_POINT, 2
    assert Report.access.action_q(user, "publish") == Q(state=2)
    user.is_active = False
    assert Report.access.action_q(user, "publish") == NOTHING


def test_another_user_object_of_another_state_gets_its_own_scope():
    assert Report.access.view_q(persona(Role.FOCAL_POINT, member_state_id=1)) != Report.access.view_q(
        persona(Role.FOCAL_POINT, member_state_id=2)
    )


def test_may_is_shared_by_users_alike_and_follows_their_role():
    focal, other_focal = persona(Role.FOCAL_POINT, member_state_id=1), persona(Role.FOCAL_POINT, member_state_id=1)
    with mock.patch.object(AccessRule, "_may", autospec=True, side_effect=AccessRule._may) as asked:
        assert can(focal, "publish", Report) and can(other_focal, "publish", Report)
        assert asked.call_count == 1
        focal.role = Role.PARTNER
        assert not can(focal, "publish", Report)
        focal.role, focal.is_active = Role.FOCAL_POINT, False
        assert not can(focal, "publish", Report)  # a deactivated account takes no action
    assert asked.call_count == 3


@pytest.mark.django_db
def test_may_follows_the_home_state_a_host_coordinators_institution_is_given():
    """A regional body's host coordinator has no home state, so reads no state's records; once the
    institution belongs to a state, they do (the institution's key is the same both times)."""

    class StateRecord:
        access = AccessRule(state="state")

    regional = InstitutionFactory(state=None, kind=InstitutionKind.REGIONAL_BODY)
    coordinator = User.objects.create(email="hc@example.test", role=Role.HOST_COORDINATOR, institution=regional)
    assert not can(User.objects.get(pk=coordinator.pk), "view", StateRecord)
    models.Institution.objects.filter(pk=regional.pk).update(state=MemberStateFactory())
    assert can(User.objects.get(pk=coordinator.pk), "view", StateRecord)


def test_a_menu_link_follows_the_sites_urls():
    assert menu_url("core:home") == reverse("core:home")
    urls = type("urls", (), {"urlpatterns": [path("elsewhere/", lambda request: None, name="home")]})
    with override_settings(ROOT_URLCONF=urls):
        assert menu_url("home") == "/elsewhere/"
    clear_url_caches()
    assert menu_url("core:home") == reverse("core:home")


@pytest.mark.django_db
def test_a_status_label_is_djangos_in_the_current_language():
    institution = models.Institution(kind=InstitutionKind.REGIONAL_BODY)
    assert institution.get_kind_display() == "Regional body"
    with translation.override("fr"):
        assert institution.get_kind_display() == str(InstitutionKind.REGIONAL_BODY.label)
        assert institution.get_kind_display() != "Regional body"
    institution.kind = "not-a-kind"  # a value outside the choices shows as it is, as Django's
    assert institution.get_kind_display() == "not-a-kind"
