"""Counting requests in the cache (Redis in production, shared by every web process): how
many password-reset links were asked for, per address and per client address."""

import hashlib

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache

from accounts.emails import normalize_email


def count_in_window(key: str, window_seconds: int) -> int:
    """Add one to the count kept under `key` and return it; the count starts afresh when the
    window that began with its first request ends."""
    cache.add(key, 0, window_seconds)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window_seconds)
        return 1


def password_reset_throttled(request, email: str) -> bool:
    """Count this request for a reset link; True when the address or the client address has
    asked too often in the window. Unknown addresses count the same as known ones, so the answer
    tells nothing about which addresses have accounts."""
    window = settings.ATTACHE_PASSWORD_RESET_WINDOW_MINUTES * 60
    address = hashlib.sha256(normalize_email(email).encode()).hexdigest()
    ip_address = get_client_ip_address(request) or "unknown"
    per_address = count_in_window(f"accounts:reset:address:{address}", window)
    per_ip = count_in_window(f"accounts:reset:ip:{ip_address}", window)
    return (
        per_address > settings.ATTACHE_PASSWORD_RESETS_PER_ADDRESS or per_ip > settings.ATTACHE_PASSWORD_RESETS_PER_IP
    )
