import pytest
from django.contrib.auth import get_user_model


@pytest.fixture
def staff_user(db):
    return get_user_model().objects.create_user(username="staff", password="pw", is_staff=True)


@pytest.fixture
def member_user(db):
    return get_user_model().objects.create_user(username="member", password="pw")
