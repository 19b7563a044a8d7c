"""Join applications for tests, sent through the service as the form sends them."""

from django.core.files.base import ContentFile

from cities.models import Country
from memberships import services
from memberships.tests.test_join import pdf_bytes


def application_data(**changes) -> dict:
    """What the join form's service receives for a Jordanian city, with `changes`."""
    return {
        "authority_name": "Demo Town",
        "authority_type": "city",
        "country": Country.objects.get(code=changes.pop("country_code", "JO")),
        "population": 500000,
        "head_name": "Demo Head",
        "head_title": "Mayor",
        "focal_name": "Demo Focal",
        "focal_role": "Coordinator",
        "focal_email": "focal@example.org",
        "focal_phone": "+962 6 000 0000",
        "hopes": "Peer learning",
        "consent": True,
        **changes,
    }


def application_send(*, language: str = "en", letter_name: str = "l.pdf", **changes):
    """An application submitted with a valid PDF letter."""
    return services.application_submit(
        data=application_data(**changes),
        challenges=[],
        priorities=[],
        letter=ContentFile(pdf_bytes(), name=letter_name),
        language=language,
    )
