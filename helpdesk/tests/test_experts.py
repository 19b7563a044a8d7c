"""Expert matching with the peer-matching engine, on hand-built pools where the right answer is known."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from cities.models import Language
from cities.tests.factories import add_need
from helpdesk.experts import experts_for_city_needs, experts_for_request
from helpdesk.tests.conftest import ask, make_expert

pytestmark = pytest.mark.django_db


@pytest.fixture
def pool(db):
    return {
        # In the topic, in East & Southern Africa, speaks English: the right answer.
        "best": make_expert("best@example.org", areas=["youth-engagement"], languages=["en", "sw"], regions=["esa"]),
        # Same region and topic, no shared language.
        "in region": make_expert("region@example.org", areas=["youth-engagement"], languages=["fr"], regions=["esa"]),
        # Topic and language, but works elsewhere.
        "elsewhere": make_expert(
            "elsewhere@example.org",
            areas=["youth-engagement", "schools-education"],
            languages=["en"],
            regions=["europe"],
        ),
        # Works in several regions, East & Southern Africa among them (not first in the regions' order).
        "several regions": make_expert(
            "several@example.org", areas=["youth-engagement"], languages=["ar"], regions=["mena", "esa"]
        ),
        # Would be the best, but is not available.
        "away": make_expert(
            "away@example.org", areas=["youth-engagement"], languages=["en"], regions=["esa"], available=False
        ),
        # Another field altogether.
        "other field": make_expert("other@example.org", areas=["risk-mapping"], languages=["en"], regions=["esa"]),
    }


def names(suggestions, pool):
    by_pk = {expert.pk: name for name, expert in pool.items()}
    return [by_pk[suggestion.expert.pk] for suggestion in suggestions]


def test_the_expert_in_the_topic_and_region_who_speaks_the_language_comes_first(world, pool):
    request = ask(world["focal point of A"], world["city A"], language="en", urgency="urgent")
    suggestions = experts_for_request(request)
    ranked = names(suggestions, pool)
    assert ranked[0] == "best"
    # The region's experts first (the language decides among them), then the rest of the pool.
    assert set(ranked[:3]) == {"best", "in region", "several regions"}
    assert ranked[3:] == ["elsewhere"]
    assert "away" not in ranked and "other field" not in ranked
    assert [s.in_region for s in suggestions] == [True, True, True, False]
    assert suggestions[0].score >= suggestions[1].score
    with translation.override("en"):
        reasons = experts_for_request(request)[0].reasons
    assert any("Youth engagement" in reason for reason in reasons)
    assert any("English" in reason for reason in reasons)
    assert any("East & Southern Africa" in reason for reason in reasons)


def test_the_language_counts_within_the_region(world, pool):
    request = ask(world["focal point of A"], world["city A"], language="fr")
    ranked = names(experts_for_request(request), pool)
    assert ranked[0] == "in region"


def test_top_limits_the_list_and_the_region_still_comes_first(world, pool):
    request = ask(world["focal point of A"], world["city A"])
    assert names(experts_for_request(request, top=1), pool) == ["best"]
    request_b = ask(world["focal point of B"], world["city B"])  # Morocco: MENA
    assert names(experts_for_request(request_b, top=2), pool)[0] == "several regions"


def test_an_expert_made_unavailable_drops_out(world, pool):
    request = ask(world["focal point of A"], world["city A"])
    pool["best"].available = False
    pool["best"].save()
    assert "best" not in names(experts_for_request(request, top=50), pool)


def test_the_asker_is_not_their_own_expert(world, pool):
    from accounts.models import Role
    from accounts.services import role_grant

    role_grant(user=pool["best"].user, role=Role.PRACTITIONER, city=world["city A"])
    request = ask(pool["best"].user, world["city A"])
    assert "best" not in names(experts_for_request(request), pool)


def test_nobody_knows_the_topic(world, pool):
    request = ask(world["focal point of A"], world["city A"], topic="victim-support")
    assert experts_for_request(request) == []


def test_experts_for_a_city_s_needs(world, pool):
    city = world["city A"]
    add_need(city, "youth-engagement", "high")
    add_need(city, "risk-mapping", "low")
    city.working_languages.set([Language.objects.get_or_create(code="en")[0]])
    ranked = names(experts_for_city_needs(city), pool)
    assert ranked[0] == "best"  # the high-priority need, in the region, in English
    assert "other field" in ranked  # covers the low-priority need
    assert "away" not in ranked
    assert ranked.index("other field") > ranked.index("best")
    assert experts_for_city_needs(world["city B"]) == []  # lists no need


def test_matching_runs_a_bounded_number_of_queries(world, pool):
    request = ask(world["focal point of A"], world["city A"])
    request = type(request).objects.select_related("city__country__region", "topic").get(pk=request.pk)
    with CaptureQueriesContext(connection) as few:
        experts_for_request(request)
    for n in range(8):
        make_expert(f"more-{n}@example.org", areas=["youth-engagement"], languages=["en"], regions=["esa", "mena"])
    with CaptureQueriesContext(connection) as many:
        assert len(experts_for_request(request, top=20)) == 12
    assert len(many) == len(few)
