"""The client address behind a proxy, and counters that every process shares."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.cache import caches
from django.core.cache.backends.db import BaseDatabaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone

from core import ratelimit
from core.net import client_ip
from core.tests.memory import forget_process_memory

PROXY = "10.0.0.2"  # the reverse proxy, as Django sees it


def request(remote_addr=PROXY, forwarded=None):
    extra = {"REMOTE_ADDR": remote_addr}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_a_trusted_proxy_a_forwarded_address_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request("198.51.100.7", forwarded="203.0.113.9")) == "198.51.100.7"


@pytest.mark.parametrize(
    "count, forwarded, expected",
    [
        (1, "198.51.100.7", "198.51.100.7"),
        # A visitor who sends their own X-Forwarded-For gets it prefixed to theirs: ignored.
        (1, "203.0.113.9, 198.51.100.7", "198.51.100.7"),
        (1, "6.6.6.6, 7.7.7.7, 198.51.100.7", "198.51.100.7"),
        (2, "203.0.113.9, 198.51.100.7, 10.0.0.9", "198.51.100.7"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_behind_trusted_proxies_the_address_they_saw_is_used(settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    assert client_ip(request(forwarded=forwarded)) == expected


@pytest.mark.parametrize("forwarded", [None, "", "not an address"])
def test_a_missing_or_broken_forwarded_header_falls_back_to_the_peer(settings, forwarded):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request(forwarded=forwarded)) == PROXY


def test_sign_in_throttling_reads_the_same_address(settings):
    from axes.helpers import get_client_ip_address

    settings.TRUSTED_PROXY_COUNT = 1
    assert get_client_ip_address(request(forwarded="203.0.113.9, 198.51.100.7")) == "198.51.100.7"
    settings.TRUSTED_PROXY_COUNT = 0
    assert get_client_ip_address(request(forwarded="198.51.100.7")) == PROXY


def test_ipv6_visitors_are_counted_per_network_not_per_address(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    one, other = request("2001:db8:1:2::1"), request("2001:db8:1:2:ffff::9")
    assert ratelimit.address_key(one) == ratelimit.address_key(other)
    assert ratelimit.address_key(one) != ratelimit.address_key(request("2001:db8:1:3::1"))


LIMIT = ratelimit.Limit("test", 3, 60)


@pytest.mark.django_db
def test_counters_hold_when_every_hit_goes_to_another_process():
    hits = []
    for _ in range(5):
        forget_process_memory()
        hits.append(ratelimit.over_limit(LIMIT, key="someone"))
    assert hits == [False, False, False, True, True]
    assert ratelimit.over_limit(LIMIT, key="someone-else") is False


@pytest.mark.django_db
def test_counters_are_kept_in_a_cache_every_process_sees():
    assert not isinstance(caches[ratelimit.CACHE_ALIAS], LocMemCache)


@pytest.mark.django_db
def test_the_database_counter_keeps_its_window():
    counters = caches[ratelimit.CACHE_ALIAS]
    if not isinstance(counters, BaseDatabaseCache):
        pytest.skip("counters are in Redis")
    counters.add("window", 0, 3600)
    assert counters.incr("window") == 1 and counters.incr("window", 2) == 3
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT expires FROM {counters._table}")
        (expires,) = cursor.fetchone()
    if isinstance(expires, str):
        expires = datetime.fromisoformat(expires)
    if timezone.is_naive(expires):
        expires = timezone.make_aware(expires, UTC)
    assert expires > timezone.now() + timedelta(minutes=50)  # not Django's default 5 minutes
    with pytest.raises(ValueError):
        counters.incr("never-added")
