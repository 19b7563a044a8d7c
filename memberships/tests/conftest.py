import pytest
from django.core import mail
from django.core.files.base import ContentFile

from cities.models import Country
from memberships import services
from memberships.tests.test_join import pdf_bytes


@pytest.fixture
def application(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        app = services.application_submit(
            data={
                "authority_name": "مدينة تجريبية",
                "authority_type": "city",
                "country": Country.objects.get(code="JO"),
                "population": 500000,
                "head_name": "Demo Head",
                "head_title": "Mayor",
                "focal_name": "Demo Focal",
                "focal_role": "Coordinator",
                "focal_email": "focal@example.org",
                "focal_phone": "+962 6 000 0000",
                "hopes": "Peer learning",
                "consent": True,
            },
            challenges=[],
            priorities=[],
            letter=ContentFile(pdf_bytes(), name="l.pdf"),
            language="ar",
        )
    mail.outbox.clear()
    return app
