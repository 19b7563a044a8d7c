"""People fixtures live in the root conftest.py."""

from conftest import make_person  # noqa: F401
