"""A limit on how often one visitor may do something public (answer a survey, send a
proposal): a fixed window counted in the shared cache.

Visitors are told apart by their address, which is personal data: only a keyed hash of it
is kept, and only for the length of the window.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_fingerprint(request: HttpRequest) -> str:
    """A keyed hash of the visitor's address. Behind a trusted proxy
    (``TURBOTA_TRUSTED_PROXY``), the address the proxy forwarded."""
    address = request.META.get("REMOTE_ADDR", "") or ""
    if getattr(settings, "TURBOTA_TRUSTED_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            address = forwarded.split(",")[0].strip()
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()[:32]


def allow(request: HttpRequest, *, scope: str, limit: int, per_seconds: int) -> bool:
    """Count one more attempt of ``scope`` by this visitor; False once ``limit`` attempts
    were made within the current window of ``per_seconds``."""
    key = f"ratelimit:{scope}:{client_fingerprint(request)}"
    if cache.add(key, 1, timeout=per_seconds):
        return limit >= 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=per_seconds)
        count = 1
    return count <= limit
