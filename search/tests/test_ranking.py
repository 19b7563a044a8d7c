"""`search/ranking.py`: which pages are visible, on both databases."""

import pytest
from wagtail.models import Page

from core.pages import public_pages

pytestmark = pytest.mark.django_db


def test_public_pages_are_wagtails_public_pages(homes, make_page, make_private):
    en = homes["en"]
    section = make_page(en, "Section", "text")
    inner = make_page(section, "Inner", "text")
    make_page(inner, "Deep", "text")
    other = make_page(en, "Other section", "text")
    deep_private = make_page(make_page(other, "Open", "text"), "Closed", "text")
    make_page(deep_private, "Below closed", "text")
    make_page(en, "Sectional", "text")  # a sibling whose path starts like a restricted one's does not
    assert set(public_pages(Page.objects.all())) == set(Page.objects.public())  # nothing restricted yet
    make_private(inner)
    make_private(deep_private)
    make_private(homes["fr"])
    visible = set(public_pages(Page.objects.all()))
    assert visible == set(Page.objects.public())
    titles = {page.title for page in visible}
    assert {"Section", "Other section", "Open", "Sectional"} <= titles
    assert not {"Inner", "Deep", "Closed", "Below closed"} & titles
