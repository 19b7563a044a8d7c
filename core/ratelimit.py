"""Rate limits on what anyone can make the platform do often: join applications, password-reset
e-mails, exchange messages and help-desk questions. (Sign-in failures are counted by django-axes.)

Counters live in the `ratelimit` cache, which every process shares: Redis when `REDIS_URL` is set,
else a table of the database (`core.cache.DatabaseCache`, created by `migrate`). A counter starts
with the first hit and lasts its window; keys are keyed hashes, so the cache holds no address,
e-mail or person. Addresses come from `core.net.client_ip`, which knows the trusted proxies.
"""

import hashlib
import hmac
import ipaddress
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches

from .net import client_ip

CACHE_ALIAS = "ratelimit"
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limit:
    name: str
    count: int  # hits allowed in one window
    seconds: int  # length of the window, from the first hit


JOIN = Limit("join", 10, 10 * 60)  # join form posts from one address
RESET_FROM_ADDRESS = Limit("reset-from", 10, 60 * 60)  # password-reset requests from one address
RESET_TO_EMAIL = Limit("reset-to", 3, 60 * 60)  # password-reset e-mails to one address
EXCHANGE_MESSAGE = Limit("exchange-message", 30, 60 * 60)  # messages in exchange threads, per person
HELP_QUESTION = Limit("help-question", 10, 60 * 60)  # questions to the help desk, per person
EVENT_REGISTRATION = Limit("event-registration", 10, 60 * 60)  # event registrations from one address


def _digest(value: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()[:32]


def address_key(request) -> str:
    """The visitor's address; IPv6 by /64 network, since one visitor holds a whole one."""
    address = client_ip(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return "address:" + _digest(address)
    if parsed.version == 6:
        if parsed.ipv4_mapped:
            parsed = parsed.ipv4_mapped
        else:
            parsed = ipaddress.ip_network(f"{parsed}/64", strict=False).network_address
    return "address:" + _digest(str(parsed))


def person_key(user) -> str:
    return f"person:{user.pk}"


def email_key(email: str) -> str:
    return "email:" + _digest(email.strip().casefold())


def over_limit(limit: Limit, *, key: str) -> bool:
    """Count one more hit for `key` and say whether it goes past the limit.

    When the counters' Redis does not answer, the hit is let through and logged: a join application or a
    password reset during an outage matters more than a limit missed for its length (docs/operations.md)."""
    from django_redis.exceptions import ConnectionInterrupted
    from redis.exceptions import RedisError

    try:
        return _count(limit, key) > limit.count
    except (ConnectionInterrupted, RedisError) as error:
        cause = type(error.__cause__ or error).__name__
        logger.warning("Rate limit %s not counted: Redis did not answer (%s)", limit.name, cause)
        return False


def _count(limit: Limit, key: str) -> int:
    counters = caches[CACHE_ALIAS]
    name = f"{limit.name}:{key}"
    counters.add(name, 0, limit.seconds)
    try:
        return counters.incr(name)
    except ValueError:  # the window ended between the two calls
        counters.add(name, 1, limit.seconds)
        return 1
