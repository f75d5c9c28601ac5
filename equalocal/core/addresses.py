"""The client's address, for throttling sign-ins and for the security log."""

from __future__ import annotations

import ipaddress

from django.conf import settings


def client_address(request) -> str | None:
    """The address the request came from.

    Behind ``TRUSTED_PROXY_COUNT`` reverse proxies, each appending to ``X-Forwarded-For``, the
    client is the entry that many places from the right; entries further left were written
    by the client and prove nothing. Without proxies it is ``REMOTE_ADDR``.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return _valid(forwarded[-proxies])
    return _valid(request.META.get("REMOTE_ADDR") or "")


def _valid(address: str) -> str | None:
    """The address if it is an IPv4 or IPv6 address, else None (a test client, a forged header):
    PostgreSQL stores the throttling records' addresses as ``inet``."""
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None
