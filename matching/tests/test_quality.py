"""Matching quality on real data (issue 9, point 4): floors, unknown populations, geography, and
reasons that name intensities and what differs (engine and sentences, no database)."""

import math

import pytest
from django.utils import translation

from matching.engine import Engine, Weights
from matching.explain import join_terms, reason_text, strength
from matching.profiles import profile_from_dict
from matching.tests.test_engine import city, codes, ids, reason


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


# -- floors ---------------------------------------------------------------------------------


def test_a_city_only_starting_in_a_low_priority_need_is_not_a_helper():
    asker = city("asker", needs={"victim-support": "low", "partnerships": "high"})
    starter = city("starter", offers={"victim-support": "starting"})  # 1/4 x 1/4: below the floor
    established = city("established", offers={"victim-support": "established"})  # 1/4 x 3/4: above
    engine = Engine([asker, starter, established])
    assert ids(engine.helpers("asker")) == ["established"]
    assert ids(engine.helpers("asker", area="victim-support")) == ["established"]
    ((_, lists),) = list(engine.top_all(["asker"], needs_top=5))
    assert ids(lists["helpers:victim-support"]) == ["established"]


def test_starting_in_a_high_priority_need_is_still_a_helper():
    engine = Engine(
        [city("asker", needs={"victim-support": "high"}), city("starter", offers={"victim-support": "starting"})]
    )
    assert ids(engine.helpers("asker")) == ["starter"]


def test_the_help_floor_is_a_weight():
    asker = city("asker", needs={"victim-support": "low"})
    starter = city("starter", offers={"victim-support": "starting"})
    assert ids(Engine([asker, starter], Weights(help_floor=0)).helpers("asker")) == ["starter"]
    with pytest.raises(ValueError):
        Weights(pair_maturity="expert")


def test_a_pair_needs_one_established_side():
    asker = city("asker", needs={"victim-support": "high"}, offers={"partnerships": "starting"})
    both_starting = city("both-starting", needs={"partnerships": "high"}, offers={"victim-support": "starting"})
    one_established = city("one-established", needs={"partnerships": "high"}, offers={"victim-support": "established"})
    engine = Engine([asker, both_starting, one_established])
    assert ids(engine.pairs("asker")) == ["one-established"]


# -- unknown population ---------------------------------------------------------------------


def test_population_0_means_unknown():
    record = {"id": "x", "name": "X", "stage": "member", "authority_type": "city", "settlement_type": "urban"}
    assert profile_from_dict({**record, "country": "KE", "region": "esa", "population": 0}).population is None
    # A profile built directly with 0 is unknown too: not "similar in size" to a city of 1.
    engine = Engine([city("zero", population=0), city("one", population=1), city("none", population=None)])
    by_id = {m.id: m for m in engine.peers("zero")}
    assert "similar_size" not in codes(by_id["one"]) and "different_size" not in codes(by_id["one"])
    assert by_id["one"].components == by_id["none"].components


# -- geography --------------------------------------------------------------------------------


def test_same_region_counts_with_a_reason():
    engine = Engine([city("asker"), city("here"), city("there", region="mena", country="JO", hub="mena")])
    here, there = engine.peers("asker")
    assert (here.id, there.id) == ("here", "there") and here.score > there.score
    assert reason(here, "same_region") == {"region": "esa"}
    assert reason(there, "different_region") == {"region": "mena", "yours": "esa"}
    assert "same_region" not in codes(there)


def test_nearer_ranks_higher_and_nearby_is_a_reason_with_the_distance():
    nairobi = city("asker", lat=-1.286, lon=36.817)
    near = city("near", lat=-0.303, lon=36.080)  # Nakuru, about 135 km
    far = city("far", lat=-4.043, lon=39.668)  # Mombasa, about 440 km
    engine = Engine([nairobi, far, near])
    first, second = engine.peers("asker")
    assert (first.id, second.id) == ("near", "far")
    assert 120 <= reason(first, "nearby")["km"] <= 150
    assert "nearby" not in codes(second)  # beyond 300 km
    expected = 1 - 135 / 2000  # nearness of Nakuru, within the rounding of the distance
    context = first.components["context"]
    assert math.isclose(context, 0.4 + 0.2 + 0.2 + 0.1 + 0.1 * expected, abs_tol=0.002)


def test_distance_is_symmetric_and_neutral_without_coordinates():
    a, b = city("a", lat=31.95, lon=35.93), city("b", lat=33.89, lon=35.50)
    c = city("c")  # no coordinates
    engine = Engine([a, b, c])
    assert engine.peers("a")[0].score == [m for m in engine.peers("b") if m.id == "a"][0].score
    neutral = {m.id: m for m in engine.peers("a")}["c"].components["context"]
    assert neutral == pytest.approx(0.4 + 0.2 + 0.2 + 0.1 + 0.1 * 0.5)


# -- reasons in words ---------------------------------------------------------------------------


def test_reasons_name_intensities_and_what_differs():
    asker = city("asker", challenges={"online-hate": "significant", "hate-crime": "severe"}, population=50_000)
    zarqa = city(
        "zarqa",
        name="Zarqa",
        challenges={"online-hate": "severe", "hate-crime": "severe"},
        population=1_500_000,
        region="mena",
        country="JO",
    )
    (match,) = Engine([asker, zarqa]).peers("asker")
    texts = [reason_text({"code": r.code, "params": r.params}, city_name="Zarqa") for r in match.reasons]
    assert texts[0] == (
        "Both face hate crime and hate incidents (both severe); online hate and disinformation (Zarqa severe, you significant)"
    )
    assert "Differs in size: Zarqa has about 30 times your population" in texts
    assert "Differs in region: Middle East & North Africa (yours: East & Southern Africa)" in texts


def test_lists_of_names_with_and_are_not_ambiguous():
    joined = join_terms(["hate crime and hate incidents", "online hate and disinformation", "polarisation"])
    assert joined == "hate crime and hate incidents; online hate and disinformation; polarisation"


def test_can_learn_names_the_other_side_priority_and_our_maturity():
    params = {"area": "womens-leadership", "maturity": "leading", "priority": "medium"}
    text = reason_text({"code": "can_learn", "params": params}, city_name="Lakeside")
    assert (
        text
        == "In return, Lakeside needs women's leadership and networks (their priority: medium), where you are leading"
    )


def test_strength_in_words_in_every_language():
    assert [strength(s) for s in (0.72, 0.45, 0.1)] == ["Very close match", "Close match", "Some common ground"]
    with translation.override("fr"):
        assert all(strength(s) for s in (0.72, 0.45, 0.1))
