"""Managing accounts in the product: the administrator invites people, who set their own
password from a signed, expiring link; accounts are deactivated and reactivated, never deleted."""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.emails import normalize_email
from accounts.models import User
from core.access import require
from core.notifications import notify

INVITATION_SALT = "accounts.invitation"
INVITATION_TEMPLATE = "accounts/email/invitation"


class AccountError(Exception):
    """A change to an account that cannot be made; the message says why."""


class InvitationInvalid(AccountError):
    """An invitation link that cannot be used; the message says why, for the person holding it."""


def invitation_token(user: User) -> str:
    """A signed token naming the user and the invitation it belongs to: a newer invitation, or a
    password already set, makes it unusable."""
    return signing.dumps({"user": user.pk, "invited": user.invited_at.isoformat()}, salt=INVITATION_SALT)


def invitation_path(user: User) -> str:
    return reverse("accounts:invitation_accept", args=[invitation_token(user)])


def _send_invitation(user: User) -> None:
    # The link is a key to the account: it goes to the mailbox only, never to an inbox.
    notify(
        recipients=[user],
        template=INVITATION_TEMPLATE,
        context={"invitee": user, "link": invitation_path(user), "days": settings.ATTACHE_INVITATION_MAX_AGE_DAYS},
        inbox=False,
    )


@transaction.atomic
def user_invite(*, actor: User, user: User) -> User:
    """Create the account `user` (validated, not yet saved) without a password and e-mail the
    person a link, in the language chosen for them, to set one and sign in."""
    require(actor, "manage_users", User, _("Only the administrator invites people."))
    user.email = normalize_email(user.email)
    user.set_unusable_password()
    user.is_active = True
    user.invited_at = timezone.now()
    user.full_clean()
    user.save()
    _send_invitation(user)
    return user


@transaction.atomic
def user_resend_invitation(*, actor: User, user_id: int) -> User:
    """Send a new invitation to someone who has not yet set a password; earlier links stop working."""
    require(actor, "manage_users", User, _("Only the administrator invites people."))
    user = User.objects.select_for_update().get(pk=user_id)
    if not user.is_active or user.has_usable_password():
        raise AccountError(_("This person already has a password or their account is deactivated."))
    user.invited_at = timezone.now()
    user.save(update_fields=["invited_at"])
    _send_invitation(user)
    return user


@transaction.atomic
def user_set_active(*, actor: User, user_id: int, active: bool) -> User:
    """Deactivate (the person can no longer sign in or be notified) or reactivate an account."""
    require(actor, "manage_users", User, _("Only the administrator manages accounts."))
    user = User.objects.select_for_update().get(pk=user_id)
    if user.pk == actor.pk and not active:
        raise AccountError(_("You cannot deactivate your own account."))
    user.is_active = active
    user.save(update_fields=["is_active"])
    return user


def user_for_invitation(*, token: str) -> User:
    """The account an invitation link opens, or InvitationInvalid saying why it cannot be used."""
    max_age = settings.ATTACHE_INVITATION_MAX_AGE_DAYS * 24 * 3600
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise InvitationInvalid(
            _("This invitation has expired. Ask the secretariat's administrator to send you a new one.")
        ) from None
    except signing.BadSignature:
        raise InvitationInvalid(_("This invitation link is not valid. Check that you copied all of it.")) from None
    user = User.objects.filter(pk=data.get("user"), is_active=True).first()
    if user is None:
        raise InvitationInvalid(_("This invitation link is not valid. Check that you copied all of it."))
    if user.has_usable_password():
        raise InvitationInvalid(_("This invitation was already used: sign in with your e-mail address and password."))
    if user.invited_at is None or user.invited_at.isoformat() != data.get("invited"):
        raise InvitationInvalid(_("A newer invitation was sent to you: use the link in the latest message."))
    return user


@transaction.atomic
def user_accept_invitation(*, token: str, password: str) -> User:
    """Set the invited person's password; the link cannot be used again."""
    user = user_for_invitation(token=token)
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.has_usable_password():  # two tabs submitted the same link
        raise InvitationInvalid(_("This invitation was already used: sign in with your e-mail address and password."))
    user.set_password(password)
    user.save(update_fields=["password"])
    return user
