"""The site's face in a real browser: home, a Regional Hub page and the accessibility statement, on a 390-px
phone and a desktop, in English and Arabic. Images are Wagtail renditions that load; axe finds no serious or
critical violation. Screenshots go to artifacts/screenshots/face-*.png (FACE_SHOTS overrides the folder)."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from config.urls import urlpatterns as site_urlpatterns
from tests.browser.conftest import SCREENSHOTS, inject_axe, wait_for_js

pytestmark = [pytest.mark.browser, pytest.mark.urls(__name__)]

# The live server runs with DEBUG off, which serves no uploads: production has its web server or bucket for
# /media/. Here the same URLs plus Django's file view for MEDIA_ROOT, so renditions can be seen to load.
urlpatterns = [re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}), *site_urlpatterns]

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
PAGES = {
    "home": "/{lang}/",
    "hub": "/{lang}/about/regional-hubs/middle-east-north-africa/",
    "a11y": "/{lang}/accessibility/",
}
SHOTS = Path(os.environ.get("FACE_SHOTS", SCREENSHOTS))

AXE_RUN = """
async () => await axe.run(document, {resultTypes: ["violations"]})
"""

IMAGES_LOADED = """
() => Array.from(document.images).map((img) => ({src: img.currentSrc, alt: img.getAttribute("alt"),
  ok: img.complete && img.naturalWidth > 0}))
"""


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("screen", list(VIEWPORTS))
def test_face_pages_look_right_and_pass_axe(site, browser, axe_path, page_errors, lang, screen):
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=VIEWPORTS[screen])
    try:
        page = page_errors(context.new_page())
        for name, path in PAGES.items():
            page.goto(site.url + path.format(lang=lang))
            page.wait_for_load_state("networkidle")
            # Lazy images load when scrolled to; load them all now, to check each one and to screenshot the page.
            page.evaluate("for (const img of document.images) img.loading = 'eager'")
            page.wait_for_load_state("networkidle")
            wait_for_js(page, "Array.from(document.images).every((img) => img.complete)")
            assert page.evaluate("document.documentElement.dir") == ("rtl" if lang == "ar" else "ltr")
            images = page.evaluate(IMAGES_LOADED)
            broken = [img["src"] for img in images if not img["ok"]]
            assert not broken, f"{path}: images that did not load: {broken}"
            assert all(img["alt"] is not None for img in images)
            if name in ("home", "hub"):
                assert any("/media/images/" in img["src"] for img in images), f"{path}: no Wagtail rendition"
            assert page.locator("h1").count() == 1
            assert page.locator("footer .icon").count() >= 4
            # Nothing wider than the screen: no sideways scrolling on a phone.
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), path
            page.screenshot(path=str(SHOTS / f"face-{name}-{lang}-{screen}.png"), full_page=True)
            inject_axe(page, axe_path)
            result = page.evaluate(AXE_RUN)
            serious = [
                f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})"
                for v in result["violations"]
                if v["impact"] in ("serious", "critical")
            ]
            assert not serious, f"{path} ({screen}): " + "; ".join(serious)
        assert not page_errors.errors, page_errors.errors
    finally:
        context.close()
