"""The whole toolkit as one PDF, in a real browser: the demo toolkit's page offers the download, the
browser gets a PDF whose text holds every chapter's title, and each chapter's page then offers the
same file with its size. In English and in Arabic; screenshots in artifacts/screenshots/toolkit-pdf/."""

import io
import re
import unicodedata

import pytest
from pypdf import PdfReader

from tests.browser.conftest import SCREENSHOTS

pytestmark = pytest.mark.browser
SHOTS = SCREENSHOTS / "toolkit-pdf"


@pytest.fixture(scope="module")
def demo_extras():
    from resources.demo import load_resources_demo

    return (load_resources_demo,)


@pytest.fixture
def pdf_folder(settings, tmp_path):
    """The PDFs of this test only (the live server runs in this process)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": "core.storage.PrivateFileSystemStorage", "OPTIONS": {"location": str(tmp_path)}},
    }
    return tmp_path


def flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_demo_toolkit_downloads_as_one_pdf_with_every_chapter(site, context, pdf_folder, language):
    from resources.models import ResourceKind, ResourcePage
    from resources.pdf import live_chapters

    toolkit = (
        ResourcePage.objects.live()
        .public()
        .filter(kind=ResourceKind.TOOLKIT, locale__language_code=language, is_demo=True)
        .order_by("path")
        .first()
    )
    assert toolkit is not None, f"the demo has no toolkit in {language}"
    chapters = [chapter.title for chapter in live_chapters(toolkit)]
    assert len(chapters) >= 2

    page = context.new_page()
    response = page.goto(site.url + toolkit.url, wait_until="load")
    assert response.status == 200
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    link = page.locator(f'a[href="{toolkit.url}pdf/"]')
    assert link.count() == 1
    SHOTS.mkdir(parents=True, exist_ok=True)
    link.scroll_into_view_if_needed()
    page.screenshot(path=SHOTS / f"toolkit-{language}.png")

    with page.expect_download() as event:
        link.click()
    download = event.value
    assert download.suggested_filename == f"{toolkit.slug}.pdf"
    content = open(download.path(), "rb").read()
    assert content.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(content))
    text = flat("\n".join(sheet.extract_text() for sheet in reader.pages))
    assert flat(toolkit.title) in text
    for title in chapters:
        assert flat(title) in text, f"chapter {title!r} missing from the PDF"
    assert len(reader.pages) >= len(chapters) + 2  # cover, contents, one page or more per chapter

    # Every chapter's page offers the same file, now with its size.
    chapter = live_chapters(toolkit)[1]
    response = page.goto(site.url + chapter.url, wait_until="load")
    assert response.status == 200
    offer = page.locator(".toolkit-pdf")
    assert offer.locator(f'a[href="{toolkit.url}pdf/"]').count() == 1
    assert re.search(r"\(\s*[\d٠-٩][\d٠-٩.,٫\s]*\S+\s*\)", offer.inner_text()), offer.inner_text()  # e.g. (70.1 KB)
    offer.scroll_into_view_if_needed()
    page.screenshot(path=SHOTS / f"chapter-{language}.png")
    page.close()
