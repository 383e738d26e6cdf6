"""The administrator adds people from the product; the API docs page works under the site's
content security policy; signing out says so."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD

pytestmark = pytest.mark.browser
NEW_PASSWORD = "Guava-Cassava-2026"


@pytest.fixture
def admin_user(community):
    from accounts.choices import Role
    from accounts.tests.factories import UserFactory

    return UserFactory(
        email="admin@demo.test", password=PASSWORD, full_name="Secretariat Administrator", role=Role.ADMIN
    )


def test_administrator_invites_a_focal_point_who_sets_a_password_and_signs_in(
    page, live_server, admin_user, sign_in, snap, settings
):
    settings.SITE_URL = live_server.url
    sign_in("admin@demo.test")
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Users").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Users")
    snap("user-list")

    page.get_by_role("link", name="Invite a user").click()
    page.get_by_label("Full name").fill("Nadia Young")
    page.get_by_label("E-mail address").fill("nadia.young@mfa.gov.bz")
    page.get_by_label("Role").select_option(label="Member-state focal point")
    page.get_by_role("button", name="Send the invitation").click()
    # The model's rule, through the form: a focal point acts for a state.
    expect(page.get_by_text("A focal point acts for one member state.")).to_be_visible()
    page.get_by_label("Member state").select_option(label="Belize")
    snap("invite-form")
    page.get_by_role("button", name="Send the invitation").click()

    expect(page.get_by_role("status")).to_contain_text("nadia.young@mfa.gov.bz")
    row = page.get_by_role("row").filter(has_text="nadia.young@mfa.gov.bz")
    expect(row).to_contain_text("Invited, pending")
    expect(row).to_contain_text("Belize")
    snap("invited")

    (message,) = [m for m in mail.outbox if m.to == ["nadia.young@mfa.gov.bz"]]
    link = re.search(r"http\S+/accounts/invitation/\S+/", message.body).group(0)
    assert link.startswith(live_server.url)

    page.get_by_role("button", name="Sign out").click()
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose your password")
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password confirmation").fill(NEW_PASSWORD)
    snap("choose-password")
    page.get_by_role("button", name="Set my password and sign in").click()
    expect(page.get_by_role("heading", name="Welcome, Nadia Young")).to_be_visible()
    snap("signed-in")

    # The link worked once; afterwards it says so.
    page.get_by_role("button", name="Sign out").click()
    page.goto(link)
    expect(page.get_by_text("already used")).to_be_visible()
    sign_in("nadia.young@mfa.gov.bz", NEW_PASSWORD)
    expect(page.get_by_role("heading", name="Welcome, Nadia Young")).to_be_visible()


def test_signing_out_says_so(page, live_server, community, sign_in):
    sign_in("officer@demo.test")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(page.get_by_role("status")).to_have_text("You are signed out.")


def test_the_api_docs_page_renders_operations_without_a_policy_violation(page, live_server, community, sign_in, snap):
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    sign_in("officer@demo.test")
    # The operations render as they scroll into view: a deep link takes the page to one group.
    page.goto(f"{live_server.url}/api/v1/docs/#/member-states")
    expect(page.locator(".opblock").first).to_be_visible(timeout=15000)
    expect(page.locator(".opblock-tag", has_text="member-states")).to_be_visible(timeout=15000)
    snap("api-docs")
    assert not [text for text in problems if "Content Security Policy" in text or "Refused" in text], problems


def test_a_focal_point_reads_her_notifications_from_the_user_menu(page, live_server, community, sign_in, snap):
    from core.inbox import Notification

    for subject in ("[Attaché] TA/2026/0042 is now Registered", "[Attaché] TA/2026/0042 is now Assessing"):
        Notification.objects.create(
            recipient=community["focal_bz"], subject=subject, body=f"{subject}\n\nhttp://x/", link="/requests/"
        )
    sign_in("focal-bz@demo.test")
    nav = page.get_by_role("navigation", name="Main navigation")
    expect(nav.locator("[data-unread]")).to_have_text("2 unread")
    nav.get_by_role("link", name="Notifications").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    expect(page.get_by_role("listitem").filter(has_text="is now Assessing")).to_contain_text("Unread")
    snap("inbox")
    page.get_by_role("button", name="Mark all as read").click()
    expect(page.get_by_text("Unread", exact=True)).to_have_count(0)
    expect(nav.locator("[data-unread]")).to_have_count(0)


def authenticator_code(manual_key: str) -> str:
    """What an authenticator app shows now for this key (RFC 6238, as django-otp computes it)."""
    from base64 import b32decode

    from django_otp.oath import TOTP

    return f"{TOTP(b32decode(manual_key.replace(' ', ''))).token():06d}"


def next_authenticator_code(email: str, manual_key: str) -> str:
    """The code an authenticator app shows for a later sign-in: a code is good once, and
    django-otp follows the app's clock (the step it last accepted, its drift), so it is computed
    from the device's state; a time step that ended between enrolling and signing in (a slow
    machine) would otherwise make the test's code fall outside the accepted window."""
    from base64 import b32decode

    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user__email=email, confirmed=True)
    assert device.bin_key == b32decode(manual_key.replace(" ", ""))
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    steps_ahead = max(0, device.last_t + 1 - totp.t())
    totp.time = totp.time + device.step * steps_ahead
    return f"{totp.token():0{device.digits}d}"


def test_officer_turns_on_two_factor_sign_in_and_signs_in_with_the_authenticator(
    page, live_server, community, sign_in, snap
):
    sign_in("officer@demo.test")
    page.goto(f"{live_server.url}/accounts/profile/")
    page.get_by_role("link", name="Set up two-factor sign-in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-factor sign-in")
    expect(page.get_by_role("img", name="QR code to scan with your authenticator app")).to_be_visible()
    key = page.locator("#manual-key").inner_text()
    page.get_by_label("Code", exact=True).fill(authenticator_code(key))
    snap("enrol")
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    recovery = page.get_by_role("list", name="Recovery codes").get_by_role("listitem").all_inner_texts()
    assert len(recovery) == 10
    snap("recovery-codes")

    # Signing in again: the password, then the authenticator's next code.
    page.get_by_role("button", name="Sign out").click()
    page.get_by_label("E-mail address").fill("officer@demo.test")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-factor sign-in")
    page.get_by_label("Code", exact=True).fill("000000")
    page.get_by_role("button", name="Verify and sign in").click()
    expect(page.get_by_text("That code is not right")).to_be_visible()
    snap("wrong-code")
    # django-otp makes the next try wait a second after a wrong code (more after each); the
    # person takes that long to find a recovery code.
    page.wait_for_timeout(1500)
    page.get_by_label("Code", exact=True).fill(recovery[0])
    page.get_by_role("button", name="Verify and sign in").click()
    expect(page.get_by_role("heading", name="Welcome, Secretariat Officer")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("You used a recovery code: 9 are left.")

    page.get_by_role("button", name="Sign out").click()
    page.get_by_label("E-mail address").fill("officer@demo.test")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Code", exact=True).fill(next_authenticator_code("officer@demo.test", key))
    page.get_by_role("button", name="Verify and sign in").click()
    expect(page.get_by_role("heading", name="Welcome, Secretariat Officer")).to_be_visible()
