import pytest
from django.core import mail

from accounts.models import Role
from accounts.services import role_grant
from cities.models import Country, PracticeArea
from cities.tests.factories import CityFactory
from conftest import make_person
from exchanges import services

MESSAGE = "We would like to learn how your youth forum works (demo)."


def area(code: str) -> PracticeArea:
    return PracticeArea.objects.get(code=code)


@pytest.fixture
def people(world):
    """The shared `world`, plus a practitioner of city A and two cities (France, Germany: no hub)
    with their focal points, that nobody in `world` belongs to."""
    practitioner_a = make_person("practitioner-a@example.org")
    role_grant(user=practitioner_a, role=Role.PRACTITIONER, city=world["city A"])
    city_c = CityFactory(slug="city-c", name="City C", country=Country.objects.get(code="FR"), latitude=45, longitude=4)
    city_d = CityFactory(slug="city-d", name="City D", country=Country.objects.get(code="DE"), latitude=50, longitude=8)
    focal_c, focal_d = make_person("focal-c@example.org"), make_person("focal-d@example.org")
    role_grant(user=focal_c, role=Role.FOCAL_POINT, city=city_c)
    role_grant(user=focal_d, role=Role.FOCAL_POINT, city=city_d)
    return {
        **world,
        "practitioner of A": practitioner_a,
        "city C": city_c,
        "city D": city_d,
        "focal point of C": focal_c,
        "focal point of D": focal_d,
    }


def request_exchange(requester, partner, actor, codes=("youth-engagement",), message=MESSAGE):
    return services.exchange_request(
        requester=requester, partner=partner, areas=[area(code) for code in codes], message=message, actor=actor
    )


@pytest.fixture
def exchange(people, django_capture_on_commit_callbacks):
    """City A asks city B for an exchange on youth engagement (requested)."""
    with django_capture_on_commit_callbacks(execute=True):
        made = request_exchange(people["city A"], people["city B"], people["focal point of A"])
    mail.outbox.clear()
    return made


@pytest.fixture
def elsewhere(people):
    """An exchange between two cities nobody in `world` belongs to (C in France asks D in Germany)."""
    made = request_exchange(people["city C"], people["city D"], people["focal point of C"])
    mail.outbox.clear()
    return made
