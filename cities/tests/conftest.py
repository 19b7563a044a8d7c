import pytest
from django.contrib.auth import get_user_model


@pytest.fixture
def staff_user(db):
    return get_user_model().objects.create_user(
        email="staff@example.org", name="Staff Person", password="pw", is_staff=True
    )


@pytest.fixture
def member_user(db):
    return get_user_model().objects.create_user(email="member@example.org", name="Member Person", password="pw")
