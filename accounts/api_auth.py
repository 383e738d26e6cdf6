"""API tokens (DRF's): each lasts ATTACHE_API_TOKEN_DAYS from when it was issued, and is
deleted when its owner's password changes or the account is deactivated (`User.save`)."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token


def token_expires_at(token: Token):
    return token.created + timedelta(days=settings.ATTACHE_API_TOKEN_DAYS)


def token_has_expired(token: Token) -> bool:
    return timezone.now() >= token_expires_at(token)


class ExpiringTokenAuthentication(TokenAuthentication):
    """DRF's token authentication, refusing a token older than its lifetime."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if token_has_expired(token):
            raise exceptions.AuthenticationFailed(_("This token has expired. Ask for a new one."))
        return user, token
