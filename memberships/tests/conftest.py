import pytest
from django.core import mail

from memberships.tests.builders import application_send


@pytest.fixture
def application(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        app = application_send(authority_name="مدينة تجريبية", language="ar")
    mail.outbox.clear()
    return app
