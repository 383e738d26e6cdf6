"""Two-factor sign-in: enrolling an authenticator, signing in with its code or a recovery code,
new recovery codes, turning it off, and the roles that must use it."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
from accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"
VERIFY = reverse("accounts:two_factor_verify")
MANAGE = reverse("accounts:two_factor")


def code_for(device: TOTPDevice, offset_steps: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + offset_steps * device.step  # a later code than the one just used
    return f"{totp.token():0{device.digits}d}"


def enrol(user) -> tuple[TOTPDevice, list[str]]:
    device = two_factor.authenticator_to_enrol(user)
    codes = two_factor.two_factor_enable(user=user, device=device, code=code_for(device))
    device.refresh_from_db()
    return device, codes


def signed_in(client):
    return client.session.get("_auth_user_id")


@pytest.fixture
def keisha():
    return UserFactory(email="keisha@gov.lc")


class TestEnrolment:
    def test_the_page_shows_a_qr_code_and_the_key_to_type(self, client, keisha):
        client.force_login(keisha)
        html = client.get(MANAGE).content.decode()
        device = TOTPDevice.objects.get(user=keisha, confirmed=False)
        assert "<svg" in html
        assert two_factor.manual_key(device) in html
        assert "otpauth://totp/" in device.config_url and "Attach" in device.config_url

    def test_reloading_keeps_the_same_secret(self, client, keisha):
        client.force_login(keisha)
        client.get(MANAGE)
        client.get(MANAGE)
        assert TOTPDevice.objects.filter(user=keisha).count() == 1

    def test_a_right_code_turns_it_on_and_shows_recovery_codes(self, client, keisha):
        client.force_login(keisha)
        client.get(MANAGE)
        device = TOTPDevice.objects.get(user=keisha)
        response = client.post(MANAGE, {"code": code_for(device)})
        assert response.status_code == 200
        codes = response.context["codes"]
        assert len(codes) == two_factor.RECOVERY_CODE_COUNT
        assert all(code in response.content.decode() for code in codes)
        assert two_factor.has_two_factor(keisha)

    def test_a_wrong_code_leaves_it_off(self, client, keisha):
        client.force_login(keisha)
        client.get(MANAGE)
        response = client.post(MANAGE, {"code": "000000"})
        assert "code" in response.context["form"].errors
        assert not two_factor.has_two_factor(keisha)


class TestSignIn:
    def test_a_password_alone_does_not_sign_in(self, client, keisha):
        enrol(keisha)
        response = client.post(LOGIN, {"username": keisha.email, "password": PASSWORD})
        assert response.status_code == 302 and response.url == VERIFY
        assert signed_in(client) is None
        assert client.get("/").status_code == 302

    def test_the_authenticators_code_completes_sign_in(self, client, keisha):
        device, _codes = enrol(keisha)
        client.post(LOGIN, {"username": keisha.email, "password": PASSWORD, "next": "/accounts/profile/"})
        response = client.post(VERIFY, {"code": code_for(device, offset_steps=1)})
        assert response.status_code == 302 and response.url == "/accounts/profile/"
        assert signed_in(client) == str(keisha.pk)
        assert client.session["otp_device_id"] == device.persistent_id

    def test_a_wrong_code_is_refused(self, client, keisha):
        enrol(keisha)
        client.post(LOGIN, {"username": keisha.email, "password": PASSWORD})
        response = client.post(VERIFY, {"code": "123456"})
        assert response.status_code == 200
        assert "That code is not right" in response.content.decode()
        assert signed_in(client) is None

    def test_a_recovery_code_signs_in_once(self, client, keisha):
        _device, codes = enrol(keisha)
        client.post(LOGIN, {"username": keisha.email, "password": PASSWORD})
        response = client.post(VERIFY, {"code": codes[0].upper()}, follow=True)
        assert signed_in(client) == str(keisha.pk)
        assert "9 are left" in response.content.decode()
        assert not StaticToken.objects.filter(token=codes[0]).exists()

        client.post(reverse("accounts:logout"))
        client.post(LOGIN, {"username": keisha.email, "password": PASSWORD})
        client.post(VERIFY, {"code": codes[0]})
        assert signed_in(client) is None

    def test_the_second_step_needs_the_first(self, client, keisha):
        device, _codes = enrol(keisha)
        response = client.post(VERIFY, {"code": code_for(device)})
        assert response.status_code == 302 and response.url == reverse("accounts:login")
        assert signed_in(client) is None

    def test_the_second_step_expires(self, client, keisha):
        device, _codes = enrol(keisha)
        client.post(LOGIN, {"username": keisha.email, "password": PASSWORD})
        with time_machine.travel(timezone.now() + datetime.timedelta(minutes=6), tick=False):
            response = client.post(VERIFY, {"code": code_for(device)})  # the code of that moment
        assert response.url == reverse("accounts:login")
        assert signed_in(client) is None

    def test_guessing_codes_is_slowed_down(self, client, keisha):
        device, _codes = enrol(keisha)
        client.post(LOGIN, {"username": keisha.email, "password": PASSWORD})
        client.post(VERIFY, {"code": "000000"})
        response = client.post(VERIFY, {"code": code_for(device, offset_steps=1)})  # right, but too soon
        assert signed_in(client) is None and response.status_code == 200
        assert "wait a few seconds" in response.content.decode()
        with time_machine.travel(timezone.now() + datetime.timedelta(seconds=2), tick=False):
            client.post(VERIFY, {"code": code_for(device, offset_steps=1)})
        assert signed_in(client) == str(keisha.pk)


class TestManage:
    def test_the_page_lists_the_recovery_codes_left(self, client, keisha):
        _device, codes = enrol(keisha)
        client.force_login(keisha)
        html = client.get(MANAGE).content.decode()
        assert all(code in html for code in codes)

    def test_new_recovery_codes_replace_the_old_ones(self, client, keisha):
        _device, old = enrol(keisha)
        client.force_login(keisha)
        response = client.post(reverse("accounts:two_factor_recovery_codes"))
        new = response.context["codes"]
        assert set(new).isdisjoint(old)
        assert sorted(two_factor.recovery_codes(keisha)) == sorted(new)

    def test_it_is_turned_off_with_a_current_code(self, client, keisha):
        device, _codes = enrol(keisha)
        client.force_login(keisha)
        client.post(reverse("accounts:two_factor_disable"), {"code": "000000"})
        assert two_factor.has_two_factor(keisha)
        device.throttle_reset()
        response = client.post(reverse("accounts:two_factor_disable"), {"code": code_for(device, offset_steps=1)})
        assert response.url == reverse("accounts:profile")
        assert not two_factor.has_two_factor(keisha)
        assert client.post(LOGIN, {"username": keisha.email, "password": PASSWORD}).url == reverse("core:home")


class TestRequiredForSecretariat:
    @pytest.fixture(autouse=True)
    def required(self, settings):
        settings.ATTACHE_2FA_REQUIRED_ROLES = ["admin", "officer"]

    def test_a_secretariat_user_without_it_is_sent_to_set_it_up(self, client):
        officer = UserFactory(officer=True, email="officer@gov.lc")
        response = client.post(LOGIN, {"username": officer.email, "password": PASSWORD}, follow=True)
        assert response.redirect_chain[-1][0] == MANAGE
        assert "Your role must use two-factor sign-in" in response.content.decode()
        for page in ("/", reverse("accounts:user_list"), "/api/v1/member-states/"):
            assert client.get(page).url == MANAGE

    def test_once_set_up_the_secretariat_user_goes_on(self, client):
        officer = UserFactory(officer=True, email="officer@gov.lc")
        client.post(LOGIN, {"username": officer.email, "password": PASSWORD})
        client.get(MANAGE)
        device = TOTPDevice.objects.get(user=officer)
        client.post(MANAGE, {"code": code_for(device)})
        assert client.get("/").status_code == 200

    def test_it_cannot_be_turned_off(self, client):
        officer = UserFactory(officer=True, email="officer@gov.lc")
        device, codes = enrol(officer)
        client.post(LOGIN, {"username": officer.email, "password": PASSWORD})
        client.post(VERIFY, {"code": code_for(device, offset_steps=1)})
        assert "cannot be turned off" in client.get(MANAGE).content.decode()
        client.post(reverse("accounts:two_factor_disable"), {"code": codes[0]})
        assert two_factor.has_two_factor(officer)

    def test_a_session_that_skipped_the_second_step_signs_in_again(self, client):
        officer = UserFactory(officer=True, email="officer@gov.lc")
        enrol(officer)
        client.force_login(officer)  # as a session opened before the authenticator was added
        response = client.get("/")
        assert response.url == reverse("accounts:login")
        assert signed_in(client) is None

    def test_other_roles_are_not_required(self, client):
        focal = UserFactory(email="partner@gov.lc")
        client.post(LOGIN, {"username": focal.email, "password": PASSWORD})
        assert client.get("/").status_code == 200


def test_the_profile_links_to_two_factor_sign_in(client, keisha):
    client.force_login(keisha)
    html = client.get(reverse("accounts:profile")).content.decode()
    assert re.search(rf'href="{MANAGE}">Set up two-factor sign-in', html)
