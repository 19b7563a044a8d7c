"""The JSON Lines reader and the record checks (no database)."""

import json

import pytest

from matching.profiles import (
    CHALLENGE_CODES,
    PRACTICE_AREA_CODES,
    InvalidProfile,
    Profile,
    ProfileError,
    profile_from_dict,
    read_profiles,
)

MOMBASA = {
    "id": "mombasa",
    "name": "Mombasa",
    "stage": "member",
    "authority_type": "city",
    "settlement_type": "urban",
    "population": 1208333,
    "country": "KE",
    "region": "esa",
    "hub": "esa",
    "languages": ["en", "sw"],
    "lat": -4.05,
    "lon": 39.66,
    "challenges": {"online-hate": "severe", "youth-radicalisation": "significant"},
    "offers": {"womens-leadership": "leading"},
    "needs": {"victim-support": "high"},
}


def record(**changes):
    data = {**MOMBASA, **changes}
    return {key: value for key, value in data.items() if value is not ...}


def line(**changes):
    return json.dumps(record(**changes))


def only_error(lines, strict=False):
    profiles, errors = read_profiles(lines, strict=strict)
    assert len(errors) == 1, errors
    return profiles, str(errors[0])


def test_vocabulary_sizes():
    assert len(CHALLENGE_CODES) == len(set(CHALLENGE_CODES)) == 12
    assert len(PRACTICE_AREA_CODES) == len(set(PRACTICE_AREA_CODES)) == 18


def test_a_full_record_reads_and_round_trips():
    profiles, errors = read_profiles([line()], strict=True)
    assert errors == []
    (mombasa,) = profiles
    assert mombasa == Profile(
        id="mombasa",
        name="Mombasa",
        stage="member",
        authority_type="city",
        settlement_type="urban",
        country="KE",
        region="esa",
        population=1208333,
        hub="esa",
        languages=("en", "sw"),
        lat=-4.05,
        lon=39.66,
        challenges={"online-hate": "severe", "youth-radicalisation": "significant"},
        offers={"womens-leadership": "leading"},
        needs={"victim-support": "high"},
    )
    assert mombasa.eligible
    assert profile_from_dict(mombasa.to_dict()) == mombasa


def test_optional_fields_default():
    minimal = {key: MOMBASA[key] for key in ("id", "name", "stage", "authority_type", "settlement_type", "country")}
    profile = profile_from_dict({**minimal, "region": "esa", "hub": None, "population": None})
    assert (profile.population, profile.hub, profile.lat, profile.lon) == (None, None, None, None)
    assert (profile.languages, profile.challenges, profile.offers, profile.needs) == ((), {}, {}, {})


def test_whole_number_population_written_as_a_float_is_accepted():
    assert profile_from_dict(record(population=1208333.0)).population == 1208333


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"country": ...}, "line 2: missing field 'country'"),
        ({"id": None}, "line 2: missing field 'id'"),
        ({"challenges": {"foo": "severe"}}, "line 2: unknown challenge code 'foo' in 'challenges'"),
        ({"offers": {"bar": "leading"}}, "line 2: unknown practice area code 'bar' in 'offers'"),
        ({"needs": {"victim-support": "urgent"}}, "line 2: unknown priority 'urgent' for 'victim-support' in 'needs'"),
        ({"challenges": {"online-hate": "extreme"}}, "line 2: unknown intensity 'extreme' for 'online-hate'"),
        ({"offers": {"partnerships": "expert"}}, "line 2: unknown maturity 'expert' for 'partnerships'"),
        ({"population": -5}, "line 2: population must be a non-negative integer"),
        ({"population": 1.5}, "line 2: population must be a non-negative integer"),
        ({"population": "many"}, "line 2: population must be a non-negative integer"),
        ({"population": True}, "line 2: population must be a non-negative integer"),
        ({"stage": "pending"}, "line 2: unknown stage 'pending'"),
        ({"authority_type": "village"}, "line 2: unknown authority type 'village'"),
        ({"settlement_type": "suburban"}, "line 2: unknown settlement type 'suburban'"),
        ({"country": "Kenya"}, "line 2: 'country' must be a two-letter ISO 3166-1 code"),
        ({"languages": ["english"]}, "line 2: 'languages' must be a list of two-letter ISO 639-1 codes"),
        ({"lat": 95}, "line 2: 'lat' must be a number between -90 and 90 or null"),
        ({"challenge": {}}, "line 2: unknown field 'challenge'"),
        ({"name": ""}, "line 2: 'name' must be a non-empty string"),
    ],
)
def test_a_bad_field_is_reported_with_its_line_and_the_line_skipped(changes, message):
    profiles, error = only_error([line(id="first"), line(**changes), line(id="third")])
    assert error.startswith(message), error
    assert [p.id for p in profiles] == ["first", "third"]


def test_broken_json_is_reported_not_raised():
    profiles, error = only_error([line(id="a"), '{"id": "b", "name": ', line(id="c")])
    assert error.startswith("line 2: not valid JSON: ")
    assert [p.id for p in profiles] == ["a", "c"]


@pytest.mark.parametrize("text", ["[1, 2]", '"text"', "42", "null"])
def test_a_line_that_is_not_an_object_is_reported(text):
    _, error = only_error([text])
    assert error.startswith("line 1: expected a JSON object")


def test_nan_and_absurd_nesting_are_reported_not_raised():
    _, error = only_error([line()[:-1] + ', "lat": NaN}'])
    assert error.startswith("line 1: not valid JSON")
    _, error = only_error(["[" * 100_000])
    assert error.startswith("line 1: not valid JSON")


def test_duplicate_id_keeps_the_first_and_reports_the_second():
    profiles, error = only_error([line(name="First"), line(name="Second")])
    assert error == "line 2: duplicate id 'mombasa' (first on line 1)"
    assert [p.name for p in profiles] == ["First"]


def test_blank_lines_are_ignored_but_counted():
    profiles, error = only_error(["", line(id="a"), "   ", "\n", line(id="b", country="kenya")])
    assert error.startswith("line 5: ")
    assert [p.id for p in profiles] == ["a"]


def test_a_byte_order_mark_on_the_first_line_is_ignored():
    profiles, errors = read_profiles(["\ufeff" + line()], strict=True)
    assert errors == [] and profiles[0].id == "mombasa"


def test_lenient_reports_every_bad_line():
    lines = [line(id="a"), "oops", line(id="b", population=-1), line(id="c")]
    profiles, errors = read_profiles(lines, strict=False)
    assert [p.id for p in profiles] == ["a", "c"]
    assert [e.line for e in errors] == [2, 3]


def test_strict_stops_at_the_first_bad_line_and_returns_nothing_partial():
    lines = [line(id="a"), "oops", line(id="b", population=-1), line(id="c")]
    profiles, errors = read_profiles(lines, strict=True)
    assert profiles == []
    assert errors == [ProfileError(2, errors[0].message)]
    assert errors[0].message.startswith("not valid JSON")


def test_reads_a_file(tmp_path):
    path = tmp_path / "profiles.jsonl"
    path.write_text(line(id="a") + "\n\n" + line(id="b") + "\n", encoding="utf-8")
    with path.open(encoding="utf-8") as lines:
        profiles, errors = read_profiles(lines, strict=True)
    assert errors == [] and [p.id for p in profiles] == ["a", "b"]


def test_profile_from_dict_raises_a_value_error_carrying_the_problem():
    with pytest.raises(InvalidProfile) as caught:
        profile_from_dict(record(challenges={"foo": "severe"}))
    assert isinstance(caught.value, ValueError)
    assert caught.value.error == ProfileError(0, "unknown challenge code 'foo' in 'challenges'")
    assert str(caught.value) == "unknown challenge code 'foo' in 'challenges'"


def test_profile_from_dict_names_odd_python_values_without_failing():
    with pytest.raises(InvalidProfile, match="unknown stage"):
        profile_from_dict(record(stage=object()))


def test_repeated_languages_are_kept_once_in_order():
    assert profile_from_dict(record(languages=["sw", "en", "sw"])).languages == ("sw", "en")


@pytest.mark.parametrize("stage", ["applicant", "suspended", "left"])
def test_only_joining_and_member_stages_are_eligible(stage):
    assert not profile_from_dict(record(stage=stage)).eligible
    assert profile_from_dict(record(stage="joining")).eligible
