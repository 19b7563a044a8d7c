"""The figures kept in the shared cache: read from it once warm, never kept from a connection's own
uncommitted change, and recomputed in the background once a change is committed, so a new member is in
the figures pages read. These tests commit (transaction=True): the versions move on only after a commit."""

import datetime

import pytest
from django.core.cache import caches
from django.db import transaction

from cities.models import Country
from cities.selectors import forget_local_state
from cities.tests.factories import CityFactory
from insights import figures
from insights.tests.builders import build_members

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _fresh():
    caches["shared"].clear()
    forget_local_state()
    yield
    caches["shared"].clear()
    forget_local_state()


def kept(scope, slug):
    figure = figures.figure_named(slug, scope)
    return caches["shared"].get(figures._key(figures.version_token(), scope, figure))


def test_a_committed_new_member_is_in_the_kept_figures_at_once(world):
    build_members(world)
    assert figures.tables(figures.PUBLIC)["members-by-region"]["rows"] == [
        ["esa", 2], ["mena", 1], ["west-africa-sahel", 1],
    ]  # fmt: skip
    assert kept(figures.PUBLIC, "members-by-region") is not None
    with transaction.atomic():
        CityFactory(slug="newcomer", name="Newcomer", country=Country.objects.get(code="MA"),
                    date_joined=datetime.date(2026, 11, 2))  # fmt: skip
        # until the commit this connection's figures are its own: computed for it, never kept
        assert figures.version_token() is None
        assert figures.tables(figures.PUBLIC)["members-by-region"]["rows"][1] == ["mena", 2]
    # committed: the version moved on and the figures were recomputed in the background (the test
    # settings run tasks at once), so the page finds them kept, with the newcomer
    assert kept(figures.PUBLIC, "members-by-region")["rows"] == [["esa", 2], ["mena", 2], ["west-africa-sahel", 1]]
    assert kept(figures.PUBLIC, "members-over-time")["rows"][-1] == ["2026-4", 5]


def test_warm_figures_are_read_in_a_bounded_number_of_queries(world, django_assert_max_num_queries):
    build_members(world)
    figures.tables(figures.NETWORK)
    with django_assert_max_num_queries(3):  # the two versions, one read of the shared cache
        again = figures.tables(figures.NETWORK)
    assert again["new-members"]["rows"][-1][-1] == 4


def test_the_public_page_is_kept_rendered_for_visitors_until_a_change(client, world, django_assert_max_num_queries):
    build_members(world)
    first = client.get("/en/network-in-numbers/")
    assert b"Middle East &amp; North Africa" in first.content
    with django_assert_max_num_queries(4):  # the versions and the kept page: no figure is counted again
        again = client.get("/en/network-in-numbers/")
    assert again.content == first.content
    CityFactory(slug="second-in-morocco", name="Second", country=Country.objects.get(code="MA"))
    changed = client.get("/en/network-in-numbers/")
    assert changed.content != first.content
