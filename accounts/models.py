"""Users sign in by e-mail and carry one role, bound to a state, an institution or a profile."""

from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from accounts.emails import normalize_email
from core.access import AccessRule, Allow, can, secretariat
from core.models import VersionedMixin, version_field

ADMIN_ONLY = frozenset({Role.ADMIN})


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True, role=Role.ADMIN)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email=normalize_email(username))


class User(VersionedMixin, AbstractBaseUser, PermissionsMixin):
    """A person who signs in to Attaché. The account carries a version as every record does
    (core.models.VersionedMixin), so the profile form is refused when the account changed since
    it was opened; a sign-in only stamps `last_login` and makes no new version."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PARTNER)
    member_state = models.ForeignKey(
        "community.MemberState",
        verbose_name=_("member state"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="focal_points",
        help_text=_("The state a focal point acts for."),
    )
    institution = models.ForeignKey(
        "community.Institution",
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        help_text=_("The institution a host coordinator or a development partner acts for."),
    )
    person = models.OneToOneField(
        "community.Person",
        verbose_name=_("expert profile"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="user",
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the e-mails Attaché sends you."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff status"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    invited_at = models.DateTimeField(
        _("invited"),
        null=True,
        blank=True,
        help_text=_("When the latest invitation to set a password was sent; earlier links stop working."),
    )
    version = version_field()

    objects = UserManager()
    unversioned_fields = frozenset({"last_login"})

    # Accounts are the administrator's: they invite people, deactivate and reactivate them.
    # The secretariat reads the demo's outbox (what was sent to whom).
    access = AccessRule(
        managers=ADMIN_ONLY,
        owners_edit=False,
        actions={"manage_users": Allow(ADMIN_ONLY), "read_outbox": secretariat()},
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        constraints = [
            models.CheckConstraint(
                name="focal_point_has_state",
                condition=~models.Q(role=Role.FOCAL_POINT) | models.Q(member_state__isnull=False),
            ),
            models.CheckConstraint(
                name="host_coordinator_has_institution",
                condition=~models.Q(role=Role.HOST_COORDINATOR) | models.Q(institution__isnull=False),
            ),
        ]

    def __str__(self):
        return self.label(self.full_name, self.email)

    @staticmethod
    def label(full_name: str, email: str) -> str:
        """How a person is named on a page: their name, or their e-mail address until they give
        one (also for a page that reads the two as plain values, without the user)."""
        return full_name or email

    def get_absolute_url(self):
        return reverse("accounts:profile")

    @classmethod
    def normalize_username(cls, username):
        # AbstractBaseUser.clean() normalises the sign-in name with this.
        return normalize_email(username) if isinstance(username, str) else username

    def save(self, *args, **kwargs):
        self.email = normalize_email(self.email)
        password_changed = self._password is not None  # set_password() was called since the last save
        super().save(*args, **kwargs)
        if password_changed or not self.is_active:
            # A token is a standing key to the account: a new password or a deactivation ends it.
            revoke_api_tokens(self)

    def clean(self):
        super().clean()
        if self.role == Role.FOCAL_POINT and not self.member_state_id:
            raise ValidationError({"member_state": _("A focal point acts for one member state.")})
        if self.role == Role.HOST_COORDINATOR and not self.institution_id:
            raise ValidationError({"institution": _("A host coordinator acts for one institution.")})

    def can_change(self, user) -> bool:
        """Whether `user` may change this account: its holder (their own preferences, on the
        profile page) and whoever manages accounts."""
        return user.pk == self.pk or can(user, "manage_users", User)

    @property
    def is_pending(self) -> bool:
        """Invited, but has not yet set a password and signed in."""
        return self.invited_at is not None and self.last_login is None and not self.has_usable_password()

    @property
    def is_secretariat(self) -> bool:
        return self.is_superuser or self.role in Role.secretariat()

    @cached_property
    def home_state_id(self) -> int | None:
        """The state whose restricted records the user may read."""
        if self.role == Role.FOCAL_POINT:
            return self.member_state_id
        if self.role == Role.HOST_COORDINATOR and self.institution_id:
            return self.institution.state_id
        return None


def revoke_api_tokens(user: User) -> int:
    """Delete the user's API tokens; returns how many there were."""
    from rest_framework.authtoken.models import Token  # the token app's model needs the user model first

    deleted, _per_model = Token.objects.filter(user=user).delete()
    return deleted
