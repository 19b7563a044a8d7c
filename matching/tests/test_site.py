"""Matching in the site: profiles from the database, stored suggestions, pages, the command."""

import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cities.models import Challenge, City, Country, PracticeArea, Stage
from cities.services import city_change_stage
from cities.tests.factories import CityFactory, add_challenge, add_need, add_offer
from cities.tests.test_self_service import profile_post
from conftest import as_role
from matching.models import Kind, Suggestion
from matching.profiles import CHALLENGE_CODES, PRACTICE_AREA_CODES
from matching.services import suggestions_recompute
from matching.sources import city_profiles

pytestmark = pytest.mark.django_db


def test_the_engine_vocabulary_is_the_database_vocabulary():
    assert set(CHALLENGE_CODES) == set(Challenge.objects.values_list("code", flat=True))
    assert set(PRACTICE_AREA_CODES) == set(PracticeArea.objects.values_list("code", flat=True))


@pytest.fixture
def network(world):
    """City A needs youth engagement; Leader leads in it and looks like A; Starter only starts in it."""
    city_a = world["city A"]
    add_challenge(city_a, "online-hate", "severe")
    add_challenge(city_a, "youth-radicalisation")
    add_need(city_a, "youth-engagement", "high")
    add_offer(city_a, "victim-support", "leading")
    leader = CityFactory(slug="leader", name="Leader", country=Country.objects.get(code="TZ"))
    add_challenge(leader, "online-hate", "severe")
    add_challenge(leader, "youth-radicalisation")
    add_offer(leader, "youth-engagement", "leading")
    add_need(leader, "victim-support", "medium")
    starter = CityFactory(
        slug="starter", name="Starter", authority_type="county", settlement_type="rural", population=4_000_000
    )
    add_offer(starter, "youth-engagement", "starting")
    suspended = CityFactory(slug="suspended-twin", name="Suspended Twin", stage=Stage.SUSPENDED)
    add_challenge(suspended, "online-hate", "severe")
    add_challenge(suspended, "youth-radicalisation")
    add_offer(suspended, "youth-engagement", "leading")
    return world


def test_profiles_are_read_in_a_fixed_number_of_queries(network):
    with CaptureQueriesContext(connection) as few:
        profiles = city_profiles()
    CityFactory.create_batch(15)
    with CaptureQueriesContext(connection) as many:
        more = city_profiles()
    assert len(more) == len(profiles) + 15
    assert len(few) == len(many) == 5
    a = next(p for p in profiles if p.id == "city-a")
    assert a.needs == {"youth-engagement": "high"} and a.challenges["online-hate"] == "severe"
    assert a.hub == "esa" and a.country == "KE"


def test_recompute_stores_ranked_lists_and_the_leader_comes_first(network):
    written = suggestions_recompute()
    assert written >= City.objects.count() * 3
    assert all(0 <= score <= 1 for s in Suggestion.objects.all() for _slug, score in s.matches)
    helpers = Suggestion.objects.get(city__slug="city-a", kind=Kind.HELPERS, area="")
    ranked = [slug for slug, _score in helpers.matches]
    assert ranked[:2] == ["leader", "starter"]
    assert "suspended-twin" not in ranked and "city-a" not in ranked
    by_area = Suggestion.objects.get(city__slug="city-a", kind=Kind.HELPERS, area="youth-engagement")
    assert by_area.matches[0][0] == "leader"
    pairs = Suggestion.objects.get(city__slug="city-a", kind=Kind.PAIRS, area="")
    assert [slug for slug, _score in pairs.matches] == ["leader"]  # each can help the other


def test_a_need_removed_drops_its_list_on_the_next_run(network):
    suggestions_recompute()
    City.objects.get(slug="city-a").needs.all().delete()
    suggestions_recompute(slugs=["city-a"])
    assert not Suggestion.objects.filter(city__slug="city-a", area="youth-engagement").exists()
    assert Suggestion.objects.filter(city__slug="city-a", kind=Kind.PEERS).exists()


@pytest.mark.parametrize("role", ["anonymous", "practitioner", "focal point of B", "staff"])
def test_cities_like_this_one_on_a_profile_are_for_signed_in_members(client, network, role):
    suggestions_recompute()
    html = as_role(client, network, role).get("/en/network/city-a/").content.decode()
    shown = "Cities like this one" in html
    assert shown == (role != "anonymous")
    if shown:
        assert 'href="/en/network/leader/"' in html
        assert "Both face online hate and disinformation" in html


def test_a_member_suspended_after_the_run_is_never_shown(client, network):
    suggestions_recompute()
    city_change_stage(city=City.objects.get(slug="leader"), to=Stage.SUSPENDED, actor=None)
    html = as_role(client, network, "focal point of A").get("/en/my-city/city-a/").content.decode()
    assert 'href="/en/network/leader/"' not in html
    assert 'href="/en/network/starter/"' in html


def test_the_focal_points_page_shows_peers_help_for_each_need_and_pairs(client, network):
    suggestions_recompute()
    as_role(client, network, "focal point of A")
    response = client.get("/ar/my-city/city-a/")
    html = response.content.decode()
    assert response.status_code == 200 and 'dir="rtl"' in html
    client.get("/en/my-city/city-a/")
    html = client.get("/en/my-city/city-a/").content.decode()
    assert "Cities like yours" in html
    assert "Find help with youth engagement" in html
    assert "Leader leads in youth engagement, which you marked as a high priority" in html
    assert "Learning pairs" in html


def test_the_focal_points_page_runs_a_bounded_number_of_queries(client, network):
    as_role(client, network, "focal point of A")
    suggestions_recompute()
    client.get("/en/my-city/city-a/")
    with CaptureQueriesContext(connection) as few:
        client.get("/en/my-city/city-a/")
    for n in range(12):
        other = CityFactory(slug=f"peer-{n}", name=f"Peer {n}")
        add_challenge(other, "online-hate", "severe")
        add_offer(other, "youth-engagement", "established")
        add_need(other, "victim-support", "high")
    suggestions_recompute()
    client.get("/en/my-city/city-a/")  # the site's figures are cached again after the change
    with CaptureQueriesContext(connection) as many:
        client.get("/en/my-city/city-a/")
    assert len(many) == len(few)
    assert many.captured_queries[-1] and "Peer 1" in client.get("/en/my-city/city-a/").content.decode()


def test_before_the_first_run_the_page_says_suggestions_are_coming(client, network):
    html = as_role(client, network, "focal point of A").get("/en/my-city/city-a/").content.decode()
    assert "Suggestions are being prepared" in html


def test_saving_a_profile_recomputes_in_the_background(client, network, django_capture_on_commit_callbacks):
    as_role(client, network, "focal point of A")
    assert not Suggestion.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/my-city/city-a/", profile_post())
    assert response.status_code == 302
    assert Suggestion.objects.filter(city__slug="city-a", kind=Kind.PEERS).exists()
    assert Suggestion.objects.filter(city__slug="leader").exists()  # the whole network's run too


def test_the_command_on_the_database(network, capsys):
    call_command("match", "helpers", "--for", "city-a", "--top", "3", "--json")
    rows = json.loads(capsys.readouterr().out)
    assert [row["id"] for row in rows][:2] == ["leader", "starter"]
    reason = next(r for r in rows[0]["reasons"] if r["code"] == "can_help")
    assert reason["text"] == "Leader leads in youth engagement, which you marked as a high priority"
    call_command("match", "peers", "--for", "city-a")
    assert "1. " in capsys.readouterr().out


def test_the_command_on_a_profiles_file_uses_no_database(network, tmp_path, capsys):
    path = tmp_path / "profiles.jsonl"
    lines = [json.dumps(profile.to_dict()) for profile in city_profiles()]
    lines.insert(1, "{broken json")
    lines.insert(2, json.dumps({**json.loads(lines[0]), "id": "bad", "population": -5}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with CaptureQueriesContext(connection) as queries:
        call_command("match", "pairs", "--for", "city-a", "--profiles", str(path), "--json")
    assert len(queries) == 0
    captured = capsys.readouterr()
    assert [row["id"] for row in json.loads(captured.out)] == ["leader"]
    assert "line 2: not valid JSON" in captured.err and "line 3:" in captured.err
    with pytest.raises(SystemExit) as stopped:
        call_command("match", "pairs", "--for", "city-a", "--profiles", str(path), "--strict")
    assert stopped.value.code == 2


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["--for", "nowhere"], "no authority 'nowhere'"),
        (["--for", "city-a", "--area", "juggling"], "unknown practice area"),
        (["--for", "city-a", "--diversity", "0"], "diversity"),
        (["--for", "city-a", "--profiles", "/nonexistent.jsonl"], "cannot read"),
    ],
)
def test_the_command_explains_bad_arguments(network, arguments, message):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match=message):
        call_command("match", "helpers", *arguments)


def test_helpers_for_an_area_the_city_does_not_list_says_so_plainly(network, capsys):
    call_command("match", "helpers", "--for", "starter", "--area", "youth-engagement", "--json")
    rows = json.loads(capsys.readouterr().out)
    texts = [r["text"] for r in rows[0]["reasons"] if r["code"] == "can_help"]
    assert texts and "priority" not in texts[0] and "None" not in texts[0]


def test_the_command_answers_many_askers_as_json_lines(network, tmp_path, capsys):
    call_command("match", "peers", "--for", "city-a,leader", "--json")
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["for"] for line in lines] == ["city-a", "leader"]
    assert json.loads(lines[0])["kind"] == "peers" and json.loads(lines[0])["matches"]
    askers = tmp_path / "askers.txt"
    askers.write_text("# who asks\nleader\n\ncity-a  # the first city\n", encoding="utf-8")
    call_command("match", "helpers", "--askers", str(askers), "--json")
    assert [json.loads(line)["for"] for line in capsys.readouterr().out.splitlines()] == ["leader", "city-a"]
    call_command("match", "pairs", "--for-all", "--json")
    answered = [json.loads(line)["for"] for line in capsys.readouterr().out.splitlines()]
    assert sorted(answered) == sorted(City.objects.values_list("slug", flat=True))


@pytest.mark.parametrize(
    "option, value, valid",
    [("--region", "atlantis", "esa"), ("--hub", "moon", "esa"), ("--language", "xx", "en")],
)
def test_the_command_rejects_unknown_regions_hubs_and_languages(network, option, value, valid):
    from django.core.management import CommandError

    from cities.models import Language

    leader = City.objects.get(slug="leader")
    leader.working_languages.add(Language.objects.get_or_create(code="en")[0])
    leader.save()  # a ParentalManyToManyField is written on save

    with pytest.raises(CommandError) as refused:
        call_command("match", "peers", "--for", "city-a", option, value)
    assert repr(value) in str(refused.value) and valid in str(refused.value)


def test_the_command_writes_utf8_whatever_the_terminal(network):
    import io

    City.objects.filter(slug="leader").update(name="الزرقاء")
    raw = io.BytesIO()
    ascii_terminal = io.TextIOWrapper(raw, encoding="ascii")
    call_command("match", "helpers", "--for", "city-a", "--json", stdout=ascii_terminal)
    ascii_terminal.flush()
    rows = json.loads(raw.getvalue().decode("utf-8"))
    assert rows[0]["name"] == "الزرقاء"


def test_suggestions_are_shown_in_words_not_scores(client, network):
    suggestions_recompute()
    html = as_role(client, network, "focal point of A").get("/en/my-city/city-a/").content.decode()
    assert "match 0." not in html
    assert "Very close match" in html or "Close match" in html or "Some common ground" in html


def test_a_city_only_starting_in_a_low_need_is_not_stored_as_a_helper(network):
    city_a = City.objects.get(slug="city-a")
    add_need(city_a, "partnerships", "low")
    beginner = CityFactory(slug="beginner", name="Beginner")
    add_offer(beginner, "partnerships", "starting")
    suggestions_recompute()
    for area in ("", "partnerships"):
        stored = Suggestion.objects.filter(city=city_a, kind=Kind.HELPERS, area=area).first()
        assert stored is None or "beginner" not in [slug for slug, _score in stored.matches]
