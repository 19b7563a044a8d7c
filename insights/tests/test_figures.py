"""The network's figures (insights/figures.py) counted on a small known network, and on an empty one;
each hub's figures hold its own hub's numbers only; kept in the shared cache, and a change shows once
committed (the figures recomputed in the background)."""

import pytest
from django.core.cache import caches

from cities.models import Hub
from events.tests.conftest import _events_index_ids, events_index  # noqa: F401 (fixtures)
from insights import figures
from insights.tests.builders import build_activity, build_members

pytestmark = pytest.mark.django_db

HUBS = ["esa", "mena", "north-america", "south-asia", "western-balkans"]


@pytest.fixture(autouse=True)
def _clear_shared_cache():
    caches["shared"].clear()
    yield
    caches["shared"].clear()


@pytest.fixture
def network(world, events_index):  # noqa: F811  (the fixture imported above)
    build_members(world)
    return build_activity(world, events_index)


def esa():
    return figures.hub_scope(Hub.objects.get(code="esa"))


def mena():
    return figures.hub_scope(Hub.objects.get(code="mena"))


def table(slug, scope):
    figure = figures.figure_named(slug, scope)
    return figures.tables(scope, [figure])[slug]


def rows(slug, scope):
    return table(slug, scope)["rows"]


def test_members_over_time_by_hub_count_members_at_each_quarter_end(network):
    found = table("members-by-hub", figures.NETWORK)
    assert found["series"] == [["hub", code] for code in [*HUBS, ""]] + [["measure", "total"]]
    assert found["rows"] == [
        # quarter, ESA, MENA, North America, South Asia, Western Balkans, central team, all hubs
        ["2025-4", 0, 0, 0, 0, 0, 1, 1],
        ["2026-1", 1, 0, 0, 0, 0, 1, 2],
        ["2026-2", 2, 1, 0, 0, 0, 1, 4],
        ["2026-3", 2, 1, 0, 0, 0, 1, 4],
        ["2026-4", 2, 1, 0, 0, 0, 1, 4],
    ]


def test_members_by_authority_type_and_new_members_per_quarter(network):
    found = table("members-by-type", figures.NETWORK)
    assert found["series"] == [["authority_type", "city"], ["authority_type", "municipality"]]
    assert found["rows"] == [["2025-4", 0, 1], ["2026-1", 0, 2], ["2026-2", 1, 3], ["2026-3", 1, 3], ["2026-4", 1, 3]]
    # joined in the quarter, then members at its end; the joining town is not a member yet
    assert rows("new-members", figures.NETWORK) == [
        ["2025-4", 1, 1], ["2026-1", 1, 2], ["2026-2", 2, 4], ["2026-3", 0, 4], ["2026-4", 0, 4],
    ]  # fmt: skip


def test_exchanges_help_requests_answers_attendance_and_declarations(network):
    assert rows("exchanges-and-help", figures.NETWORK) == [
        ["2026-1", 0, 1], ["2026-2", 0, 0], ["2026-3", 0, 0], ["2026-4", 1, 2],
    ]  # fmt: skip
    assert rows("first-answer", figures.NETWORK) == [["esa", 1, 3.0], ["mena", 1, 1.0]]
    assert rows("attendance-by-region", figures.NETWORK) == [["esa", 3, 2]]
    declaration = network["declaration"]
    # two cities x two commitments: A achieved one and has not reported the other; B reported nothing
    assert rows("declaration-progress", figures.NETWORK) == [[str(declaration.translation_key), 2, 0, 0, 1, 3]]


def test_a_hubs_figures_count_its_own_hub_only(network):
    assert table("members-by-hub", esa())["series"] == [["hub", "esa"]]
    assert rows("members-by-hub", esa()) == [["2026-1", 1], ["2026-2", 2], ["2026-3", 2], ["2026-4", 2]]
    assert rows("members-by-hub", mena()) == [["2026-2", 1], ["2026-3", 1], ["2026-4", 1]]
    assert rows("first-answer", esa()) == [["esa", 1, 3.0]]
    assert rows("first-answer", mena()) == [["mena", 1, 1.0]]
    # the exchange between A (ESA) and B (MENA) is each hub's; the help requests are their own hub's
    assert rows("exchanges-and-help", mena()) == [["2026-4", 1, 1]]
    assert rows("attendance-by-region", mena()) == []
    key = str(network["declaration"].translation_key)
    assert rows("declaration-progress", esa()) == [[key, 1, 0, 0, 1, 1]]
    assert rows("declaration-progress", mena()) == [[key, 1, 0, 0, 0, 2]]
    everything = repr([figures.tables(mena())])
    assert "'esa'" not in everything.replace("'region:esa'", "").replace("'hub:esa'", "")


def test_the_public_figures_count_what_the_directory_shows(network):
    assert rows("members-by-region", figures.PUBLIC) == [["esa", 2], ["mena", 1], ["west-africa-sahel", 1]]
    assert rows("members-by-type", figures.PUBLIC) == [["city", 1], ["municipality", 3]]
    assert rows("members-over-time", figures.PUBLIC)[-1][1] == 4
    assert rows("countries", figures.PUBLIC) == [["esa", 1], ["mena", 1], ["west-africa-sahel", 1]]
    assert rows("events-held", figures.PUBLIC) == [[figures._quarter(network["event"].start), 1]]
    assert [figure.slug for figure in figures.PUBLIC_FIGURES] == [
        "members-by-region",
        "members-by-type",
        "members-over-time",
        "countries",
        "events-held",
    ]  # fmt: skip: no help desk, no per-hub staff figures


def test_an_empty_network_has_empty_figures_not_errors(db):
    for scope in (figures.NETWORK, esa(), figures.PUBLIC):
        assert all(found["rows"] == [] for found in figures.tables(scope).values()), scope


def test_scopes_follow_roles_and_the_second_factor(world, two_factor_required):
    assert [scope.key for scope in figures.scopes_for(world["staff"])] == ["network", *(f"hub-{h}" for h in HUBS)]
    assert [scope.key for scope in figures.scopes_for(world["hub staff of A's hub"])] == ["hub-esa"]
    for role in ("practitioner", "focal point of A", "anonymous"):
        assert figures.scopes_for(world[role]) == []
    from core.visibility import hold_back_until_verified

    held_back = world["staff without a second factor"]
    hold_back_until_verified(held_back)
    assert figures.scopes_for(held_back) == []
