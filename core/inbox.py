"""The in-product inbox: every notification sent to a user is also kept for them to read in
Attaché, so a message that never reached their mailbox is not lost.

Only the recipient reads their notifications (`for_user`): the secretariat sees everything
else in the product, but not other people's inboxes."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.data_version import CountedQuerySet
from core.urls_helpers import record_url

# The badge in the navigation counts at most this many unread notifications ("99+").
UNREAD_BADGE_CAP = 99


class NotificationQuerySet(CountedQuerySet):
    def for_user(self, user):
        """The user's own notifications; anyone else's behave as if they did not exist."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)

    def mark_read(self) -> int:
        """Mark these notifications read now (those already read keep their time)."""
        return self.unread().update(read_at=timezone.now())


class Notification(models.Model):
    """One message a user was sent: its subject, its text and the page it is about."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("message"))
    link = models.CharField(_("link"), max_length=500, blank=True, help_text=_("A path on this site."))
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            # The badge (unread of one user) and the list (one user's, newest first).
            models.Index(fields=["recipient", "read_at"], name="notification_unread_idx"),
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox_idx"),
        ]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return record_url("core:notification_open", self.pk)

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


def unread_count(user) -> int:
    """How many unread notifications the user has, counted up to UNREAD_BADGE_CAP + 1 so the
    badge costs one bounded query however many there are."""
    if not user.is_authenticated:
        return 0
    # The keys of at most that many, counted here: a cheaper query to build, on every page, than
    # a COUNT around a bounded subquery.
    return len(Notification.objects.for_user(user).unread().values_list("pk", flat=True)[: UNREAD_BADGE_CAP + 1])
