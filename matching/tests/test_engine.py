"""The matching engine on hand-built networks where the right answer is known (no database)."""

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching.engine import DEFAULT_WEIGHTS, KINDS, Engine, Match, Options, Reason, Weights
from matching.profiles import (
    AUTHORITY_TYPES,
    CHALLENGE_CODES,
    INTENSITIES,
    MATURITIES,
    PRACTICE_AREA_CODES,
    PRIORITIES,
    SETTLEMENT_TYPES,
    STAGES,
    Profile,
)


def city(id, **fields):
    """A member city in Kenya with one challenge; `fields` override."""
    defaults = dict(
        name=id.title(),
        stage="member",
        authority_type="city",
        settlement_type="urban",
        country="KE",
        region="esa",
        hub="esa",
        population=500_000,
        languages=("en",),
        challenges={"online-hate": "severe"},
    )
    return Profile(id=id, **{**defaults, **fields})


def ids(matches):
    return [m.id for m in matches]


def codes(match):
    return [reason.code for reason in match.reasons]


def reason(match, code):
    (found,) = [r for r in match.reasons if r.code == code]
    return found.params


# -- helpers: who can help us --------------------------------------------------------------


def test_a_leading_city_like_us_ranks_ahead_of_one_only_starting():
    asker = city("asker", needs={"victim-support": "high"})
    leading = city("leading", offers={"victim-support": "leading"})
    starting = city("starting", offers={"victim-support": "starting"})
    engine = Engine([starting, asker, leading])
    matches = engine.helpers("asker")
    assert ids(matches) == ["leading", "starting"]
    assert matches[1].score < matches[0].score / 2  # clearly lower, not by a hair
    assert matches[0].components["help"] == 1.0
    assert reason(matches[0], "can_help") == {"area": "victim-support", "maturity": "leading", "priority": "high"}


def test_maturity_orders_helpers_leading_established_starting():
    asker = city("asker", needs={"victim-support": "high"})
    engine = Engine(
        [asker] + [city(level, offers={"victim-support": level}) for level in ("starting", "leading", "established")]
    )
    assert ids(engine.helpers("asker")) == ["leading", "established", "starting"]


def test_shared_context_and_challenges_decide_between_equally_mature_helpers():
    asker = city("asker", needs={"victim-support": "high"}, challenges={"hate-crime": "severe"})
    alike = city("alike", offers={"victim-support": "leading"}, challenges={"hate-crime": "severe"})
    different = city(
        "different",
        offers={"victim-support": "leading"},
        challenges={"gender-hate": "emerging"},
        authority_type="county",
        settlement_type="rural",
        population=5_000,
        languages=("fr",),
    )
    matches = Engine([different, alike, asker]).helpers("asker")
    assert ids(matches) == ["alike", "different"]
    assert matches[0].components["transfer"] > matches[1].components["transfer"]
    assert matches[1].score >= DEFAULT_WEIGHTS.transfer_floor * matches[1].components["help"] - 1e-6


def test_helpers_only_returns_cities_offering_something_we_need():
    asker = city("asker", needs={"victim-support": "high", "mental-health": "low"})
    engine = Engine(
        [
            asker,
            city("mental", offers={"mental-health": "established"}),
            city("unrelated", offers={"partnerships": "leading"}),
            city("nothing"),
        ]
    )
    assert ids(engine.helpers("asker")) == ["mental"]


def test_helpers_weigh_needs_by_priority():
    asker = city("asker", needs={"victim-support": "high", "mental-health": "low"})
    engine = Engine(
        [
            asker,
            city("for-the-high-need", offers={"victim-support": "leading"}),
            city("for-the-low-need", offers={"mental-health": "leading"}),
            city("for-both", offers={"victim-support": "leading", "mental-health": "leading"}),
        ]
    )
    matches = engine.helpers("asker")
    assert ids(matches) == ["for-both", "for-the-high-need", "for-the-low-need"]
    assert [m.components["help"] for m in matches] == [1.0, 0.8, 0.2]
    assert [r["area"] for r in (r.params for r in matches[0].reasons if r.code == "can_help")] == [
        "victim-support",
        "mental-health",
    ]


def test_no_needs_and_no_area_means_no_helpers():
    engine = Engine([city("asker"), city("helper", offers={"victim-support": "leading"})])
    assert engine.helpers("asker") == []


def test_helpers_for_a_named_area():
    asker = city("asker", needs={"victim-support": "high"})
    others = [
        city("schools-leader", offers={"schools-education": "leading"}),
        city("schools-starter", offers={"schools-education": "starting"}),
        city("victims", offers={"victim-support": "leading"}),
    ]
    engine = Engine([asker, *others])
    matches = engine.helpers("asker", area="schools-education")
    assert ids(matches) == ["schools-leader", "schools-starter"]
    assert matches[0].components["help"] == 1.0
    # The asker did not list the area as a need: the priority is null.
    assert reason(matches[0], "can_help") == {"area": "schools-education", "maturity": "leading", "priority": None}
    assert reason(engine.helpers("asker", area="victim-support")[0], "can_help")["priority"] == "high"
    # A city with no needs may still ask about one area.
    assert ids(Engine([city("plain"), *others]).helpers("plain", area="victim-support")) == ["victims"]


def test_explaining_a_city_that_does_not_offer_the_area_gives_no_help_and_no_error():
    """A stored list can be older than a profile change: the page explains what is there now."""
    asker = city("asker", needs={"victim-support": "high"})
    former = city("former", offers={"partnerships": "leading"})
    ((parts, reasons),) = (
        Engine([asker, former]).explain("helpers", "asker", ["former"], area="victim-support").values()
    )
    assert parts["help"] == 0 and "can_help" not in [r.code for r in reasons]


def test_unknown_area_is_refused():
    engine = Engine([city("a")])
    with pytest.raises(ValueError, match="unknown practice area code 'cooking'"):
        engine.helpers("a", area="cooking")


# -- peers: cities like mine ----------------------------------------------------------------


def test_identical_profiles_rank_each_other_first():
    twin = dict(
        challenges={"polarisation": "severe", "migration-tension": "significant"},
        authority_type="municipality",
        settlement_type="peri-urban",
        population=80_000,
        languages=("fr", "ar"),
        lat=36.8,  # the same place: nearness 1 (without coordinates it would be neutral, 0.5)
        lon=10.2,
    )
    engine = Engine(
        [
            city("near", challenges={"polarisation": "severe"}, population=90_000),
            city("twin-a", **twin),
            city("far", challenges={"gender-hate": "emerging"}, population=3_000_000),
            city("twin-b", **twin),
        ]
    )
    for asker, other in (("twin-a", "twin-b"), ("twin-b", "twin-a")):
        first = engine.peers(asker)[0]
        assert first.id == other
        assert first.score == 1.0
        assert first.components == {"challenges": 1.0, "context": 1.0, "languages": 1.0}


def test_peer_reasons_carry_codes_and_params():
    asker = city(
        "asker",
        challenges={
            "online-hate": "significant",
            "hate-crime": "severe",
            "polarisation": "emerging",
            "gender-hate": "severe",
        },
        languages=("sw", "en", "fr"),
        population=1_000_000,
        settlement_type="urban",
    )
    peer = city(
        "peer",
        challenges={
            "online-hate": "severe",
            "hate-crime": "severe",
            "polarisation": "severe",
            "gender-hate": "emerging",
        },
        languages=("fr", "en"),
        population=2_900_000,
        settlement_type="peri-urban",
    )
    (match,) = Engine([asker, peer]).peers("asker")
    assert match.reasons == [
        # most intense (both sides together) first, at most three
        # with both sides' intensities, so the reader sees what "shared" means
        Reason(
            "shared_challenges",
            {
                "challenges": ["hate-crime", "online-hate", "polarisation"],
                "intensities": {
                    "hate-crime": {"theirs": "severe", "yours": "severe"},
                    "online-hate": {"theirs": "severe", "yours": "significant"},
                    "polarisation": {"theirs": "severe", "yours": "emerging"},
                },
            },
        ),
        Reason("similar_size", {}),
        Reason("same_authority_type", {"authority_type": "city"}),
        Reason("same_region", {"region": "esa"}),
        Reason("shared_languages", {"languages": ["en", "fr"]}),
    ]
    assert set(match.components) == {"challenges", "context", "languages"}


def test_similar_size_means_within_a_factor_of_three():
    engine = Engine([city("a", population=100_000), city("b", population=310_000), city("c", population=299_000)])
    by_id = {m.id: m for m in engine.peers("a")}
    assert "similar_size" not in codes(by_id["b"])
    assert "similar_size" in codes(by_id["c"])


def test_unknown_population_is_neutral():
    engine = Engine([city("a", population=None), city("b", population=10), city("c", population=10_000_000)])
    by_id = {m.id: m for m in engine.peers("a")}
    assert by_id["b"].score == by_id["c"].score
    assert "similar_size" not in codes(by_id["b"])


def test_a_city_is_never_suggested_to_itself():
    engine = Engine([city("a", needs={"victim-support": "high"}, offers={"victim-support": "leading"}), city("b")])
    for kind in KINDS:
        assert "a" not in ids(getattr(engine, kind)("a", top=50))


@pytest.mark.parametrize("stage", ["applicant", "suspended", "left"])
def test_only_joining_and_member_cities_are_suggested_but_anyone_may_ask(stage):
    both_ways = dict(needs={"victim-support": "high"}, offers={"mental-health": "leading"})
    back = dict(needs={"mental-health": "high"}, offers={"victim-support": "leading"})
    engine = Engine(
        [
            city("asker", stage=stage, **both_ways),
            city("excluded", stage=stage, **back),
            city("joining", stage="joining", **back),
        ]
    )
    for kind in KINDS:
        assert ids(getattr(engine, kind)("asker")) == ["joining"]
        assert "excluded" not in ids(getattr(engine, kind)("joining"))


# -- pairs ----------------------------------------------------------------------------------


def test_pairs_need_help_in_both_directions():
    asker = city("asker", needs={"victim-support": "high"}, offers={"youth-engagement": "established"})
    engine = Engine(
        [
            asker,
            city("one-way", offers={"victim-support": "leading"}),
            city("other-way", needs={"youth-engagement": "high"}),
            city("two-way", offers={"victim-support": "starting"}, needs={"youth-engagement": "medium"}),
        ]
    )
    (match,) = engine.pairs("asker")
    assert match.id == "two-way"
    assert match.components["help"] == 0.25
    assert match.components["help_back"] == 0.75
    assert match.score == pytest.approx((0.25 * 0.75) ** 0.5 * match.components["transfer"], abs=1e-6)
    assert match.reasons[:2] == [
        Reason("can_help", {"area": "victim-support", "maturity": "starting", "priority": "high"}),
        Reason("can_learn", {"area": "youth-engagement", "maturity": "established", "priority": "medium"}),
    ]


# -- options ----------------------------------------------------------------------------------


def diversity_network():
    """Scores fall with population distance: k1 > k2 > k3 > t1 > t2 > u1 (countries KE, TZ, UG)."""
    asker = city("asker", country="RW", population=100_000)
    others = [
        ("k1", "KE", 100_000),
        ("k2", "KE", 120_000),
        ("k3", "KE", 140_000),
        ("t1", "TZ", 160_000),
        ("t2", "TZ", 180_000),
        ("u1", "UG", 200_000),
    ]
    return Engine([asker, *(city(i, country=c, population=p) for i, c, p in reversed(others))])


def test_diversity_walks_the_ranking_keeping_at_most_n_per_country():
    engine = diversity_network()
    assert ids(engine.peers("asker")) == ["k1", "k2", "k3", "t1", "t2", "u1"]
    assert ids(engine.peers("asker", options=Options(diversity=1))) == ["k1", "t1", "u1"]
    assert ids(engine.peers("asker", options=Options(diversity=2))) == ["k1", "k2", "t1", "t2", "u1"]
    assert ids(engine.peers("asker", top=3, options=Options(diversity=2))) == ["k1", "k2", "t1"]
    assert ids(engine.peers("asker", top=2, options=Options(diversity=1))) == ["k1", "t1"]


def test_diversity_must_be_positive():
    with pytest.raises(ValueError):
        Options(diversity=0)


def test_exclude_own_country():
    engine = Engine([city("asker"), city("home"), city("abroad", country="TZ")])
    assert ids(engine.peers("asker")) == ["abroad", "home"]  # equal scores: by id
    assert ids(engine.peers("asker", options=Options(exclude_own_country=True))) == ["abroad"]


def test_hub_region_and_language_limit_the_candidates():
    engine = Engine(
        [
            city("asker"),
            city("esa-en"),
            city("mena-ar", region="mena", hub="mena", country="JO", languages=("ar",)),
            city("europe-fr", region="europe", hub=None, country="FR", languages=("fr", "en")),
        ]
    )
    assert ids(engine.peers("asker", options=Options(hub="mena"))) == ["mena-ar"]
    assert ids(engine.peers("asker", options=Options(region="europe"))) == ["europe-fr"]
    assert ids(engine.peers("asker", options=Options(language="ar"))) == ["mena-ar"]
    assert sorted(ids(engine.peers("asker", options=Options(language="en")))) == ["esa-en", "europe-fr"]
    assert engine.peers("asker", options=Options(hub="nowhere")) == []
    assert engine.peers("asker", options=Options(language="zu")) == []
    # Options limit candidates only: an asker outside the hub still gets results.
    assert ids(engine.peers("mena-ar", options=Options(hub="esa"))) == ["asker", "esa-en"]


def test_top_limits_the_list():
    engine = Engine([city(f"c{i}") for i in range(30)])
    assert len(engine.peers("c0")) == 10
    assert len(engine.peers("c0", top=3)) == 3
    assert len(engine.peers("c0", top=100)) == 29
    with pytest.raises(ValueError):
        engine.peers("c0", top=0)


# -- the engine as a container ------------------------------------------------------------------


def test_lookups_and_unknown_ids():
    a = city("a")
    engine = Engine([a, city("b")])
    assert len(engine) == 2 and "a" in engine and "zzz" not in engine
    assert engine.profile("a") is a
    for call in (
        lambda: engine.profile("zzz"),
        lambda: engine.peers("zzz"),
        lambda: list(engine.top_many("peers", ["zzz"])),
    ):
        with pytest.raises(KeyError, match="no profile with id 'zzz'"):
            call()
    with pytest.raises(ValueError, match="duplicate profile id 'a'"):
        Engine([a, a])
    with pytest.raises(ValueError, match="unknown kind"):
        list(engine.top_many("friends"))


def test_an_empty_engine_and_a_lonely_city():
    assert len(Engine([])) == 0
    assert list(Engine([]).top_many("peers")) == []
    assert Engine([city("alone")]).peers("alone") == []


def test_weights_are_checked():
    with pytest.raises(ValueError, match="multiples of 1/64"):
        Weights(maturity={"starting": 0.3, "established": 0.7, "leading": 1.0})
    with pytest.raises(ValueError, match="sum to 1"):
        Weights(challenges=0.9)
    assert Weights() == DEFAULT_WEIGHTS


def test_custom_weights_change_the_ranking():
    asker = city("asker", challenges={"hate-crime": "severe"}, population=100_000)
    same_challenge = city("same-challenge", challenges={"hate-crime": "severe"}, population=20_000_000)
    same_size = city("same-size", challenges={"gender-hate": "severe"}, population=100_000)
    engine = Engine([asker, same_challenge, same_size])
    assert ids(engine.peers("asker")) == ["same-challenge", "same-size"]
    context_first = Weights(challenges=0.2, context=0.7, languages=0.1)
    assert ids(Engine([asker, same_challenge, same_size], context_first).peers("asker")) == [
        "same-size",
        "same-challenge",
    ]


# -- larger networks: the chunked selection and ties --------------------------------------------


def random_profile(rng, i, *, stages=STAGES, countries=("KE", "TZ", "UG", "FR", "JO")):
    def levels(codes, names, low, high):
        return {code: rng.choice(names) for code in rng.sample(codes, rng.randint(low, high))}

    return Profile(
        id=f"p{rng.randrange(10**6):06d}-{i}",
        name=f"P{i}",
        stage=rng.choice(stages),
        authority_type=rng.choice(AUTHORITY_TYPES),
        settlement_type=rng.choice(SETTLEMENT_TYPES),
        country=rng.choice(countries),
        region=rng.choice(["esa", "mena", "europe"]),
        hub=rng.choice(["esa", "mena", None]),
        population=rng.choice([None, 0, 800, 12_000, 95_000, 1_500_000, rng.randrange(1, 10**7)]),
        **rng.choice([{}, {"lat": 31.95, "lon": 35.93}, {"lat": 32.07, "lon": 36.09}, {"lat": -1.29, "lon": 36.82}]),
        languages=tuple(rng.sample(["en", "fr", "ar", "sw", "es"], rng.randint(0, 3))),
        challenges=levels(CHALLENGE_CODES, INTENSITIES, 0, 4),
        offers=levels(PRACTICE_AREA_CODES, MATURITIES, 0, 4),
        needs=levels(PRACTICE_AREA_CODES, PRIORITIES, 0, 3),
    )


@pytest.fixture(scope="module")
def big_engine():
    rng = random.Random(5)
    # Few distinct profiles, so there are many exact ties for the ids to break.
    templates = [random_profile(rng, i, stages=("member",)) for i in range(40)]
    clones = [
        Profile(**{**{f: getattr(t, f) for f in Profile.__dataclass_fields__}, "id": f"c{i:05d}"})
        for i, t in enumerate(rng.choice(templates) for _ in range(2600))
    ]
    return Engine(clones)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("options", [Options(), Options(diversity=1), Options(exclude_own_country=True)])
def test_chunked_selection_equals_a_full_sort(big_engine, kind, options):
    """With 2,600 candidates the top 10 come from the chunk threshold; the full ranking from a sort."""
    rng = random.Random(kind)
    for asker in rng.sample(big_engine.ids, 8):
        top = getattr(big_engine, kind)(asker, options=options)
        everything = getattr(big_engine, kind)(asker, top=len(big_engine), options=options)
        assert [(m.id, m.score) for m in top] == [(m.id, m.score) for m in everything[:10]]
        ranking = [(-m.score, m.id) for m in everything]
        if options.diversity is None:
            assert ranking == sorted(ranking)


def test_ties_are_broken_by_id(big_engine):
    matches = big_engine.peers("c00000", top=50)
    for first, second in zip(matches, matches[1:], strict=False):
        assert (-first.score, first.id) < (-second.score, second.id)


def test_top_many_in_blocks_and_threads_agrees_with_single_queries(big_engine):
    chosen = big_engine.ids[::97]
    for kind in KINDS:
        single = [getattr(big_engine, kind)(i) for i in chosen]
        assert [m for _, m in big_engine.top_many(kind, chosen, block_size=7, workers=2)] == single
    everything = dict(big_engine.top_all(chosen, block_size=5))
    assert everything[chosen[3]]["pairs"] == big_engine.pairs(chosen[3])


def test_top_all_lists_helpers_per_needed_area(big_engine):
    chosen = big_engine.ids[::89]
    options = Options(exclude_own_country=True)
    for asker, found in big_engine.top_all(chosen, kinds=("peers",), needs_top=3, block_size=6, options=options):
        needs = big_engine.profile(asker).needs
        assert set(found) == {"peers"} | {f"helpers:{area}" for area in needs}
        for area in needs:
            assert found[f"helpers:{area}"] == big_engine.helpers(asker, area=area, top=3, options=options)
            assert all(reason(m, "can_help")["priority"] == needs[area] for m in found[f"helpers:{area}"])


# -- properties -----------------------------------------------------------------------------------

networks = st.builds(
    lambda seed, size: [random_profile(random.Random(seed), i) for i in range(size)],
    st.integers(0, 10**9),
    st.integers(2, 14),
)
options = st.builds(
    Options,
    hub=st.sampled_from([None, "esa", "mena"]),
    region=st.sampled_from([None, "esa", "europe"]),
    language=st.sampled_from([None, "en", "ar"]),
    exclude_own_country=st.booleans(),
    diversity=st.sampled_from([None, 1, 2]),
)
examples = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def everything(engine, kind, asker, option=None, area=None):
    """The whole ranking (every suggestible candidate)."""
    option = option or Options()
    if kind == "helpers":
        return engine.helpers(asker, area=area, top=len(engine) + 1, options=option)
    return getattr(engine, kind)(asker, top=len(engine) + 1, options=option)


@examples
@given(networks, options, st.sampled_from([None, "victim-support", "partnerships"]))
def test_scores_and_components_stay_in_0_1(profiles, option, area):
    engine = Engine(profiles)
    for asker in engine.ids:
        for kind in KINDS:
            for match in everything(engine, kind, asker, option, area):
                assert isinstance(match, Match)
                assert 0 < match.score <= 1
                assert all(0 <= value <= 1 for value in match.components.values()), match.components
                assert match.id != asker and engine.profile(match.id).eligible


@examples
@given(networks)
def test_peer_scores_are_symmetric(profiles):
    engine = Engine(profiles)
    score = {(a, m.id): m.score for a in engine.ids for m in everything(engine, "peers", a)}
    for (a, b), value in score.items():
        if (b, a) in score:
            assert score[(b, a)] == value
        else:  # a was not eligible to be suggested to b
            assert not engine.profile(a).eligible


@examples
@given(networks, options, st.randoms(use_true_random=False))
def test_rankings_do_not_depend_on_the_input_order(profiles, option, rng):
    shuffled = profiles[:]
    rng.shuffle(shuffled)
    first, second = Engine(profiles), Engine(shuffled)
    for asker in first.ids:
        for kind in KINDS:
            assert everything(first, kind, asker, option) == everything(second, kind, asker, option)
            assert getattr(first, kind)(asker, top=3, options=option) == getattr(second, kind)(
                asker, top=3, options=option
            )


@examples
@given(networks, options, st.integers(1, 5), st.integers(1, 4))
def test_top_many_agrees_with_single_queries(profiles, option, top, block_size):
    engine = Engine(profiles)
    for kind in KINDS:
        batch = dict(engine.top_many(kind, top=top, options=option, block_size=block_size))
        assert list(batch) == engine.ids
        for asker, matches in batch.items():
            assert matches == getattr(engine, kind)(asker, top=top, options=option)
    area = dict(engine.top_many("helpers", area="partnerships", top=top, block_size=block_size))
    assert all(area[a] == engine.helpers(a, area="partnerships", top=top) for a in engine.ids)


def explained_score(weights, kind, parts):
    """The score from its parts, by the formulas of docs/matching.md (in float64)."""
    peer = weights.challenges * parts["challenges"] + weights.context * parts["context"]
    peer += weights.languages * parts["languages"]
    if kind == "peers":
        return peer
    assert parts["transfer"] == pytest.approx(weights.transfer_floor + (1 - weights.transfer_floor) * peer, abs=1e-9)
    if kind == "helpers":
        return parts["help"] * parts["transfer"]
    return (parts["help"] * parts["help_back"]) ** 0.5 * parts["transfer"]


def above_floor(engine, kind, asker, other, area):
    """The floors of docs/matching.md, from the two profiles: helpers must reach `help_floor` in
    sum of priority x maturity; a pair needs one side offering a needed area at `pair_maturity`."""
    w, me, them = engine.weights, engine.profile(asker), engine.profile(other)
    if kind == "peers":
        return True
    if kind == "helpers":
        if area is not None:
            priority = w.priority[me.needs[area]] if area in me.needs else 1.0
            return area in them.offers and priority * w.maturity[them.offers[area]] >= w.help_floor
        return sum(w.priority[p] * w.maturity[them.offers[a]] for a, p in me.needs.items() if a in them.offers) >= (
            w.help_floor
        )
    good = w.maturity[w.pair_maturity]
    return any(w.maturity[them.offers[a]] >= good for a in me.needs if a in them.offers) or any(
        w.maturity[me.offers[a]] >= good for a in them.needs if a in me.offers
    )


@examples
@given(networks, st.sampled_from([None, "victim-support", "partnerships"]), st.sampled_from([None, 1]))
def test_fast_scores_equal_the_explained_scores(profiles, area, diversity):
    """The ranked path (float32 arrays, whole rows at once) and `explain` (float64, pair by pair, what
    the pages show) agree: same components, and each score is its components put through the formula.
    Every eligible candidate whose explained score is above 0 is listed, and no other."""
    engine = Engine(profiles)
    option = Options(diversity=diversity)
    for asker in engine.ids:
        for kind in KINDS:
            area_here = area if kind == "helpers" else None
            ranked = everything(engine, kind, asker, option, area_here)
            others = [i for i in engine.ids if i != asker and engine.profile(i).eligible]
            explained = engine.explain(kind, asker, others, area=area_here)
            for match in ranked:
                parts, reasons = explained[match.id]
                assert match.components == parts and match.reasons == reasons
                assert match.score == pytest.approx(explained_score(engine.weights, kind, parts), abs=2e-6)
            if diversity is None:
                positive = {
                    i
                    for i in others
                    if explained_score(engine.weights, kind, explained[i][0]) > 2e-6
                    and above_floor(engine, kind, asker, i, area_here)
                }
                assert positive <= {m.id for m in ranked} <= set(others)


@pytest.mark.parametrize(
    "option",
    [
        Options(),
        Options(hub="esa"),
        Options(region="europe"),
        Options(language="fr"),
        Options(exclude_own_country=True),
        Options(diversity=1),
    ],
)
def test_whole_network_lists_equal_single_queries_when_many_cannot_be_suggested(option):
    """The recompute's path (blocks, scores only, helpers per need) gives exactly the lists of the single
    queries: same ids, same order, same float32 scores, in a network where cities at every stage ask but
    only joining and member ones can be suggested (only they are scored as candidates)."""
    rng = random.Random(11)
    profiles = [random_profile(rng, i) for i in range(300)]
    engine = Engine(profiles)
    assert engine.ids == [p.id for p in profiles]
    assert 0 < sum(p.eligible for p in profiles) < len(profiles)
    scored = list(engine.top_all(top=10, needs_top=5, options=option, block_size=64, explain=False))
    assert [asker for asker, _ in scored] == engine.ids
    for asker, found in scored:
        for kind in KINDS:
            single = getattr(engine, kind)(asker, options=option)
            assert [(m.id, m.score) for m in found[kind]] == [(m.id, m.score) for m in single]
        for area in engine.profile(asker).needs:
            single = engine.helpers(asker, area=area, top=5, options=option)
            assert [(m.id, m.score) for m in found[f"helpers:{area}"]] == [(m.id, m.score) for m in single]
