import json

import pytest

from cities.models import Country, Stage
from cities.tests.factories import CityFactory, add_challenge, add_focal_point

pytestmark = pytest.mark.django_db


@pytest.fixture
def cities():
    kenya, morocco = Country.objects.get(code="KE"), Country.objects.get(code="MA")
    mombasa = CityFactory(slug="mombasa", name="Mombasa", name_ar="مومباسا", country=kenya)
    add_challenge(mombasa, "online-hate", "severe")
    add_focal_point(mombasa, email="focal@example.org")
    CityFactory(slug="rabat", name="الرباط", name_en="Rabat", country=morocco, authority_type="capital-city")
    CityFactory(slug="secret", name="Applicant", country=kenya, stage=Stage.APPLICANT)


def test_members_list_is_public_data_only(client, cities):
    response = client.get("/api/v1/members")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2
    slugs = {item["slug"] for item in data["results"]}
    assert slugs == {"mombasa", "rabat"}
    assert "focal@example.org" not in response.content.decode()
    mombasa = next(item for item in data["results"] if item["slug"] == "mombasa")
    assert mombasa["hub"] == "esa" and mombasa["names"]["ar"] == "مومباسا"
    assert mombasa["challenges"] == [{"code": "online-hate", "intensity": "severe"}]


def test_members_list_uses_the_directory_filters(client, cities):
    data = client.get("/api/v1/members", {"hub": "mena"}).json()
    assert [item["slug"] for item in data["results"]] == ["rabat"]
    data = client.get("/api/v1/members", {"q": "الرباط"}).json()
    assert [item["slug"] for item in data["results"]] == ["rabat"]


@pytest.mark.parametrize(
    "params, field",
    [
        ({"hub": "atlantis"}, "hub"),
        ({"country": "ZZ"}, "country"),
        ({"page": "abc"}, "page"),
        ({"page": "0"}, "page"),
        ({"page": "99"}, "page"),
        ({"page_size": "1000"}, "page_size"),
        ({"population": "-1"}, "population"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_invalid_parameters_answer_400_with_json(client, cities, params, field):
    response = client.get("/api/v1/members", params)
    assert response.status_code == 400
    body = response.json()
    assert field in body["errors"]
    assert body["detail"]


def test_member_detail_and_404(client, cities):
    assert client.get("/api/v1/members/mombasa").json()["country"] == "KE"
    for slug in ("secret", "nowhere"):
        response = client.get(f"/api/v1/members/{slug}")
        assert response.status_code == 404
        assert response.json()["detail"]


def test_hubs_and_taxonomy(client, cities):
    hubs = {hub["code"]: hub for hub in client.get("/api/v1/hubs").json()}
    assert set(hubs) == {"esa", "mena", "south-asia", "western-balkans", "north-america"}
    assert hubs["esa"]["member_count"] == 1 and hubs["mena"]["member_count"] == 1
    taxonomy = client.get("/api/v1/taxonomy").json()
    challenge = next(item for item in taxonomy["challenges"] if item["code"] == "online-hate")
    assert challenge["names"]["ar"] and challenge["names"]["fr"]
    types = {item["code"]: item["names"] for item in taxonomy["authority_types"]}
    assert types["town"]["en"] == "Town"


def test_openapi_schema_and_offline_docs(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/members" in schema["paths"] and "/api/v1/taxonomy" in schema["paths"]
    parameters = {p["name"] for p in schema["paths"]["/api/v1/members"]["get"]["parameters"]}
    assert {"q", "hub", "country", "challenge", "page", "page_size"} <= parameters
    docs = client.get("/api/v1/docs").content.decode()
    assert "cdn." not in docs and "unpkg" not in docs  # served from our static files
    assert "swagger-ui" in docs


def test_api_errors_are_never_html(client):
    response = client.get("/api/v1/members", {"q": "x" * 5000, "page": "1e9"})
    assert response.status_code == 400
    json.loads(response.content)
