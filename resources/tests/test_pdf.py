"""The whole toolkit as one PDF (resources/pdf.py, the `pdf/` route of ResourcePage)."""

import io
import re
import unicodedata
from urllib.parse import urljoin

import pytest
from django.core.cache import cache
from django.core.files.storage import storages
from django.test import override_settings
from pypdf import PdfReader
from wagtail.models import PageViewRestriction

from resources import pdf as toolkit_pdf_module
from resources.models import ResourceKind, ToolkitChapterPage
from resources.tasks import build_toolkit_pdf

from .conftest import paragraph, publish

pytestmark = pytest.mark.django_db

ARABIC_TITLE = "دليل الوقاية المحلية للمدن"
ARABIC_SUMMARY = "مجموعة أدوات عملية للسلطات المحلية"
ARABIC_BODY = "تبدأ المدينة باجتماع قصير مع الشركاء المحليين"
ARABIC_CHAPTERS = ["البداية", "رصد الوضع المحلي", "بناء الشراكة"]
# Arabic presentation forms: a PDF whose text maps glyphs to these lost the logical letters.
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")


@pytest.fixture(autouse=True)
def pdf_storage(settings, tmp_path):
    """PDFs of this test only, and a cache without sizes or locks of other tests."""
    private = {"BACKEND": "core.storage.PrivateFileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}
    if settings.STORAGES["private"]["BACKEND"] == "storages.backends.s3.S3Storage":  # STORAGE=s3: a prefix of its own
        private = settings.STORAGES["private"]
        private = {**private, "OPTIONS": {**private["OPTIONS"], "location": f"private/pdf-tests/{tmp_path.name}"}}
    settings.STORAGES = {**settings.STORAGES, "private": private}
    cache.clear()
    yield storages["private"]
    cache.clear()


@pytest.fixture
def builds(monkeypatch):
    """Counts the PDF builds (the real build runs)."""
    calls = []
    real = toolkit_pdf_module.build_pdf_bytes

    def counting(toolkit, chapters):
        calls.append(toolkit.pk)
        return real(toolkit, chapters)

    monkeypatch.setattr(toolkit_pdf_module, "build_pdf_bytes", counting)
    return calls


def add_chapter(toolkit, title, *, body=None, live=True):
    chapter = ToolkitChapterPage(
        title=title,
        slug=f"c-{abs(hash(title)) % 10**8}",
        summary=f"About {title}",
        body=body or paragraph(title),
        live=live,
    )
    toolkit.add_child(instance=chapter)
    if live:
        return publish(chapter)
    chapter.save_revision()
    return chapter


def make_toolkit(parent, make_resource, *, title, summary, body, chapters, slug=None):
    toolkit = make_resource(
        parent, title=title, summary=summary, body=paragraph(body), kind=ResourceKind.TOOLKIT, slug=slug or "toolkit"
    )
    for chapter in chapters:
        add_chapter(toolkit, chapter)
    return toolkit


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return unicodedata.normalize("NFC", "\n".join(page.extract_text() for page in reader.pages))


def flat(text: str) -> str:
    return " ".join(text.split())


def fonts_of(content: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(content)).pages:
        for font in (page.get("/Resources", {}).get("/Font") or {}).values():
            names.add(str(font.get_object().get("/BaseFont", "")))
    return names


def download(client, toolkit):
    return client.get(toolkit.url + "pdf/")


def test_english_toolkit_pdf_has_title_summary_body_and_live_public_chapters_in_order(client, hub, make_resource):
    toolkit = make_toolkit(
        hub["resources"]["en"],
        make_resource,
        title="Local prevention toolkit",
        summary="Practical tools for local authorities",
        body="Start with a short meeting of the services involved",
        chapters=["Getting started", "Mapping the local situation"],
    )
    add_chapter(toolkit, "A chapter still in draft", live=False)
    private = add_chapter(toolkit, "A chapter for members only")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    add_chapter(toolkit, "Following up and learning")

    response = download(client, toolkit)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="toolkit.pdf"'
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF-")
    text = flat(pdf_text(content))
    for expected in ("Local prevention toolkit", "Practical tools for local authorities", "Start with a short meeting"):
        assert expected in text
    positions = [
        text.rindex(title) for title in ("Getting started", "Mapping the local situation", "Following up and learning")
    ]
    assert positions == sorted(positions)  # the chapters, after the contents, in their order
    assert "Chapters" in text  # the table of contents
    assert "A chapter still in draft" not in text and "A chapter for members only" not in text


def test_arabic_toolkit_pdf_is_right_to_left_shaped_and_maps_back_to_the_text(client, hub, make_resource):
    toolkit = make_toolkit(
        hub["resources"]["ar"],
        make_resource,
        title=ARABIC_TITLE,
        summary=ARABIC_SUMMARY,
        body=ARABIC_BODY,
        chapters=ARABIC_CHAPTERS,
        slug="دليل-الوقاية",
    )
    html = toolkit_pdf_module.render_html(toolkit, toolkit_pdf_module.live_chapters(toolkit))
    assert '<html lang="ar" dir="rtl">' in html

    response = download(client, toolkit)

    assert response.status_code == 200
    assert response["Content-Language"] == "ar"
    assert "filename*=utf-8''" in response["Content-Disposition"]  # the Arabic slug, encoded
    content = b"".join(response.streaming_content)
    text = pdf_text(content)
    # Logical order (first letter first), and the shaped glyphs give back the letters typed.
    assert not PRESENTATION_FORMS.search(text)
    lines = {flat(line) for line in text.splitlines()}
    assert ARABIC_TITLE in lines
    for expected in (ARABIC_SUMMARY, ARABIC_BODY, *ARABIC_CHAPTERS):
        assert expected in flat(text)
    assert "الفصول" in lines  # the interface words too, in Arabic: the contents' heading
    assert any("Arabic" in name for name in fonts_of(content))  # an Arabic-capable font, embedded


def test_the_pdf_is_built_once_per_published_state(client, hub, make_resource, builds, pdf_storage):
    toolkit = make_toolkit(
        hub["resources"]["en"], make_resource, title="Toolkit", summary="S", body="Body", chapters=["One", "Two"]
    )
    first = b"".join(download(client, toolkit).streaming_content)
    again = b"".join(download(client, toolkit).streaming_content)
    assert builds == [toolkit.pk] and again == first
    assert (
        toolkit.live_revision_id
        and str(toolkit.live_revision_id) in pdf_storage.listdir(f"toolkit-pdfs/{toolkit.pk}")[1][0]
    )

    toolkit.title = "Toolkit, second edition"
    publish(toolkit)
    text = pdf_text(b"".join(download(client, toolkit).streaming_content))
    assert "Toolkit, second edition" in text and len(builds) == 2

    chapter = ToolkitChapterPage.objects.child_of(toolkit).get(title="Two")
    chapter.title = "Two, rewritten"
    publish(chapter)  # a chapter's publish changes the toolkit's PDF too
    text = pdf_text(b"".join(download(client, toolkit).streaming_content))
    assert "Two, rewritten" in text and len(builds) == 3
    assert len(pdf_storage.listdir(f"toolkit-pdfs/{toolkit.pk}")[1]) == 1  # earlier editions removed


def test_a_build_in_progress_elsewhere_is_waited_for_not_repeated(hub, make_resource, builds, monkeypatch):
    toolkit = make_toolkit(hub["resources"]["en"], make_resource, title="T", summary="S", body="B", chapters=["One"])
    chapters = toolkit_pdf_module.live_chapters(toolkit)
    name = toolkit_pdf_module.pdf_name(toolkit, chapters)
    lock = toolkit_pdf_module._lock_key(name)
    cache.add(lock, True, 60)  # another process is building
    sleeps = []

    def other_process_finishes(seconds):
        sleeps.append(seconds)
        toolkit_pdf_module._store(name, b"%PDF-1.7 built by the other process")
        cache.delete(lock)

    monkeypatch.setattr(toolkit_pdf_module.time, "sleep", other_process_finishes)
    assert toolkit_pdf_module.toolkit_pdf(toolkit, chapters) == name
    assert builds == [] and sleeps
    with toolkit_pdf_module.pdf_storage().open(name) as handle:
        assert handle.read().endswith(b"other process")


@pytest.mark.parametrize("case", ["draft", "private", "guide", "news"])
def test_no_pdf_of_drafts_private_pages_or_other_kinds(client, hub, make_resource, make_news, django_user_model, case):
    parent = hub["resources"]["en"]
    if case == "draft":
        page = make_resource(parent, title="Draft", kind=ResourceKind.TOOLKIT, live=False)
    elif case == "private":
        page = make_toolkit(parent, make_resource, title="Private", summary="S", body="B", chapters=["One"])
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
        client.force_login(
            django_user_model.objects.create_user(email="reader@example.org", name="Reader", password="x")
        )
    elif case == "guide":
        page = make_resource(parent, title="Guide", kind=ResourceKind.GUIDE)
    else:
        page = make_news(hub["news"]["en"], title="News")
    url = f"/en/{'news' if case == 'news' else 'resources'}/{page.slug}/pdf/"
    response = client.get(url)
    assert response.status_code == 404
    client.logout()
    assert client.get(url).status_code == 404


def test_the_link_is_on_the_toolkit_and_every_chapter_with_the_size_once_built(client, hub, make_resource):
    toolkit = make_toolkit(
        hub["resources"]["en"], make_resource, title="Toolkit", summary="S", body="B", chapters=["One", "Two"]
    )
    chapter = ToolkitChapterPage.objects.child_of(toolkit).get(title="Two")
    link = f'href="{toolkit.url}pdf/"'
    for page in (toolkit, chapter):
        body = client.get(page.url).content.decode()
        assert link in body and "Download the whole toolkit (PDF)" in body
        assert "KB)" not in body  # not built yet: no size

    size = len(b"".join(download(client, toolkit).streaming_content))
    for page in (toolkit, chapter):
        body = client.get(page.url).content.decode()
        assert link in body and f"({size / 1024:.1f}\xa0KB)" in body


def test_no_link_on_other_resources_or_private_toolkits(client, hub, make_resource, django_user_model):
    guide = make_resource(hub["resources"]["en"], title="Guide", kind=ResourceKind.GUIDE)
    assert "/pdf/" not in client.get(guide.url).content.decode()
    toolkit = make_toolkit(hub["resources"]["en"], make_resource, title="P", summary="S", body="B", chapters=["One"])
    PageViewRestriction.objects.create(page=toolkit, restriction_type=PageViewRestriction.LOGIN)
    client.force_login(django_user_model.objects.create_user(email="reader@example.org", name="Reader", password="x"))
    body = client.get(toolkit.url).content.decode()
    assert "P" in body and f"{toolkit.url}pdf/" not in body


def test_images_come_from_storage_and_nothing_else_is_fetched(client, hub, make_resource):
    from .test_listing import small_image

    image = small_image()
    toolkit = make_toolkit(hub["resources"]["en"], make_resource, title="T", summary="S", body="B", chapters=[])
    add_chapter(
        toolkit,
        "Pictures",
        body=[{"type": "image", "value": {"image": image.pk, "alt_text": "A picture", "caption": "A caption"}}],
    )
    content = b"".join(download(client, toolkit).streaming_content)
    images = [picture for page in PdfReader(io.BytesIO(content)).pages for picture in page.images]
    assert len(images) >= 2  # the logo (a static file) and the body's image (a rendition in storage)
    assert "A caption" in pdf_text(content)

    fetcher = toolkit_pdf_module.make_url_fetcher("http://localhost/")
    rendition = image.get_rendition("max-1200x900")
    address = urljoin("http://localhost/", rendition.url)  # absolute already with S3 storage (make test-shared)
    assert fetcher.fetch(address).read() == rendition.file.open("rb").read()
    for refused in (
        "http://example.org/picture.png",  # another host
        "http://localhost/en/resources/",  # the site itself, not a file
        "http://localhost/media/../config/settings/base.py",
        "file:///etc/passwd",
        "/media/%2e%2e/secret",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(refused)


def test_publishing_builds_the_pdf_in_the_background_later(
    client, hub, make_resource, builds, django_capture_on_commit_callbacks
):
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}):
        from django_tasks import default_task_backend

        default_task_backend.clear()
        with django_capture_on_commit_callbacks(execute=True):
            toolkit = make_toolkit(
                hub["resources"]["en"], make_resource, title="T", summary="S", body="B", chapters=["One"]
            )
        queued = [result for result in default_task_backend.results if result.task.name == "build_toolkit_pdf"]
        assert queued and all(result.task.run_after is not None for result in queued)
        assert {result.kwargs["page_id"] for result in queued} == {toolkit.pk}
        default_task_backend.clear()
    assert builds == []
    build_toolkit_pdf.call(page_id=toolkit.pk)  # what the worker does
    assert builds == [toolkit.pk]
    assert download(client, toolkit).status_code == 200 and builds == [toolkit.pk]  # served, not rebuilt


def test_with_the_immediate_backend_publishing_builds_nothing(
    hub, make_resource, builds, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_toolkit(hub["resources"]["en"], make_resource, title="T", summary="S", body="B", chapters=["One"])
    assert builds == []
