"""The client's address, as the login lockout (django-axes) counts it.

Behind a reverse proxy every request arrives from the proxy's address; with
`CASEWORK_TRUSTED_PROXY_COUNT` = n (> 0) the client is the n-th address from the right of
X-Forwarded-For (the one the outermost trusted proxy saw). Addresses the client wrote further left are
ignored, so a forged header cannot choose the address that is locked out.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    remote = _valid(request.META.get("REMOTE_ADDR", "") or "")
    proxies = int(getattr(settings, "CASEWORK_TRUSTED_PROXY_COUNT", 0) or 0)
    if proxies <= 0:
        return remote
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        return remote
    return _valid(forwarded[-proxies]) or remote
