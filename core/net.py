"""The visitor's address, as limits and sign-in lockouts count it.

Production runs behind a reverse proxy: Django's `REMOTE_ADDR` is then the proxy's address, the same
for everyone, and the visitor's address is in `X-Forwarded-For`. That header is trusted only as far
as `TRUSTED_PROXY_COUNT` says (the number of proxies in front of Django, each of which appends the
address it saw). Without it (the default) only `REMOTE_ADDR` counts, so a visitor who writes their
own `X-Forwarded-For` changes nothing.
"""

from django.conf import settings
from ipware import get_client_ip


def client_ip(request) -> str:
    """The address of the visitor: the one the outermost trusted proxy saw, else the peer's."""
    peer = request.META.get("REMOTE_ADDR", "") or ""
    proxies = settings.TRUSTED_PROXY_COUNT
    if not proxies:
        return peer
    # The last `proxies` entries were written by our proxies; entries before them came from the
    # visitor and mean nothing. In django-ipware's terms the chain ends with `proxies - 1` proxies
    # after the client (the nearest proxy is REMOTE_ADDR, not in the header).
    address, _routable = get_client_ip(
        request,
        proxy_order="left-most",
        proxy_count=proxies - 1,
        request_header_order=["HTTP_X_FORWARDED_FOR"],
        strict=False,
    )
    return address or peer
