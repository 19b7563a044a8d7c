"""Declarations: numbered commitments in four languages, endorsements (a focal point, or staff on a
city's behalf with the date and a statement), counts by region and hub from the data, and each endorsing
city's progress per commitment (latest shown, history kept) as a chart with the same numbers in a table."""

import datetime
import re

import pytest
from django.utils import timezone

from cities.models import City
from conftest import ROLES, as_role
from events import declarations
from events.models import CommitmentProgress, DeclarationPage, Endorsement

from .conftest import publish

pytestmark = pytest.mark.django_db

COMMITMENTS = ["Name a prevention focal point", "Train frontline staff", "Publish a local plan"]
ENDORSERS = {"focal point of A", "hub staff of A's hub", "staff"}  # for city A


@pytest.fixture
def declaration(events_index):
    page = DeclarationPage(
        title="Nairobi Declaration", slug="nairobi-declaration", locale=events_index["en"].locale,
        summary="Cities commit to prevention.", adopted_on=datetime.date(2026, 9, 20),
        commitments=[{"type": "commitment", "value": {"title": title, "text": ""}} for title in COMMITMENTS],
    )  # fmt: skip
    events_index["en"].add_child(instance=page)
    return publish(page)


@pytest.fixture
def arabic(declaration, events_index):
    translated = declaration.copy_for_translation(events_index["ar"].locale).specific
    translated.title = "إعلان نيروبي"
    for block, title in zip(
        translated.commitments, ["تعيين جهة اتصال", "تدريب الموظفين", "نشر خطة محلية"], strict=True
    ):
        block.value["title"] = title
    return publish(translated)


def commitment_ids(page):
    return [item["id"] for item in page.numbered_commitments()]


def test_a_focal_point_endorses_for_their_city_today(client, world, declaration):
    client.force_login(world["focal point of A"])
    url = f"/en/declarations/{declaration.pk}/endorse/"
    page = client.get(url).content.decode()
    assert "City A" in page and "City B" not in page and 'name="endorsed_on"' not in page
    response = client.post(url, {"city": world["city A"].pk, "statement": "We are in."})
    assert response.status_code == 200 and "Thank you for endorsing" in response.content.decode()
    endorsement = Endorsement.objects.get()
    assert (endorsement.city, endorsement.on_behalf, endorsement.endorsed_on) == (
        world["city A"],
        False,
        timezone.localdate(),
    )
    again = client.get(url).content.decode()
    assert "has endorsed this declaration already" in again or "Every city you can endorse for" in again


def test_staff_record_an_endorsement_on_a_city_behalf_with_its_date(client, world, declaration):
    as_role(client, world, "staff")
    url = f"/en/declarations/{declaration.pk}/endorse/"
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    response = client.post(url, {"city": world["city B"].pk, "endorsed_on": future})
    assert response.status_code == 400 and "cannot be in the future" in response.content.decode()
    client.post(url, {"city": world["city B"].pk, "endorsed_on": "2026-10-01", "statement": "Rabat endorses."})
    endorsement = Endorsement.objects.get()
    assert endorsement.on_behalf and endorsement.endorsed_on == datetime.date(2026, 10, 1)
    assert endorsement.recorded_by == world["staff"]
    joining = City.objects.get(slug="joining-town")
    response = client.post(url, {"city": joining.pk})
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    with pytest.raises(Exception, match="Only member cities"):
        declarations.endorsement_create(declaration=declaration, city=joining, actor=world["staff"])


def test_the_page_counts_endorsers_by_region_and_shows_progress_per_commitment(client, world, declaration):
    a = declarations.endorsement_create(declaration=declaration, city=world["city A"], actor=world["staff"])
    declarations.endorsement_create(declaration=declaration, city=world["city B"], actor=world["staff"])
    first, second, _third = commitment_ids(declaration)
    declarations.progress_report(endorsement=a, commitment=first, status="in_progress", actor=world["focal point of A"])
    declarations.progress_report(endorsement=a, commitment=first, status="achieved", note="Named in May.",
                                 actor=world["focal point of A"])  # fmt: skip
    declarations.progress_report(
        endorsement=a, commitment=second, status="in_progress", actor=world["focal point of A"]
    )
    html = client.get(declaration.url).content.decode()
    assert "2 member cities endorse it." in html
    assert "City A" in html and "City B" in html
    rows = re.findall(r"<tr><th scope=\"row\"><a href=\"#commitment-\d\">(\d)</a>\. ([^<]+)</th>(.*?)</tr>", html)
    counts = {number: re.findall(r"<td>(\d+)</td>", cells) for number, _title, cells in rows}
    # not started, in progress, achieved, no report yet
    assert counts == {"1": ["0", "0", "1", "1"], "2": ["0", "1", "0", "1"], "3": ["0", "0", "0", "2"]}
    assert 'aria-label="Commitment 1: Not started: 0; In progress: 0; Achieved: 1; No report yet: 1"' in html
    assert CommitmentProgress.objects.filter(commitment=first).count() == 2  # the history is kept
    assert "Named in May." not in html  # notes are not on the public page


def test_the_page_in_arabic_draws_the_chart_right_to_left(client, world, declaration, arabic):
    declarations.endorsement_create(declaration=declaration, city=world["city A"], actor=world["staff"])
    html = client.get(arabic.url).content.decode()
    assert "إعلان نيروبي" in html and "تدريب الموظفين" in html
    assert 'transform="translate(100 0) scale(-1 1)"' in html
    assert commitment_ids(arabic) == commitment_ids(declaration)  # progress is on the same commitments


def test_progress_is_reported_from_my_city_only_what_changed_is_recorded(client, world, declaration):
    declarations.endorsement_create(declaration=declaration, city=world["city A"], actor=world["staff"])
    first, second, third = commitment_ids(declaration)
    client.force_login(world["focal point of A"])
    url = f"/en/my-city/city-a/declarations/{declaration.pk}/"
    assert "Nairobi Declaration" in client.get("/en/my-city/city-a/").content.decode()
    bad = client.post(url, {f"status_{first}": "", f"note_{first}": "A note without a status"})
    assert bad.status_code == 400 and "Choose a status for this note." in bad.content.decode()
    assert not CommitmentProgress.objects.exists()
    ok = client.post(url, {f"status_{first}": "achieved", f"note_{first}": "Done.", f"status_{second}": "",
                           f"status_{third}": "not_started"})  # fmt: skip
    assert ok.status_code == 302
    assert sorted(CommitmentProgress.objects.values_list("status", flat=True)) == ["achieved", "not_started"]
    client.post(url, {f"status_{first}": "achieved", f"note_{first}": "Done.", f"status_{third}": "in_progress"})
    assert CommitmentProgress.objects.count() == 3  # the unchanged first commitment is not recorded again
    with pytest.raises(Exception, match="not part of the declaration"):
        declarations.progress_report(endorsement=Endorsement.objects.get(), commitment="nope", status="achieved",
                                     actor=world["staff"])  # fmt: skip


@pytest.mark.usefixtures("two_factor_required")
@pytest.mark.parametrize("role", ROLES)
def test_who_may_endorse_for_a_city_and_report_its_progress(client, world, declaration, role):
    as_role(client, world, role)
    response = client.post(f"/en/declarations/{declaration.pk}/endorse/", {"city": world["city A"].pk,
                                                                            "endorsed_on": "2026-10-01"})  # fmt: skip
    endorsed = Endorsement.objects.filter(city=world["city A"]).exists()
    assert endorsed is (role in ENDORSERS), response.status_code
    if role == "anonymous":
        assert response.status_code == 302 and "/sign-in/" in response["Location"]
    if not endorsed:
        declarations.endorsement_create(declaration=declaration, city=world["city A"], actor=world["staff"])
    first = commitment_ids(declaration)[0]
    progress = client.post(f"/en/my-city/city-a/declarations/{declaration.pk}/", {f"status_{first}": "achieved"})
    assert CommitmentProgress.objects.exists() is (role in ENDORSERS), progress.status_code
