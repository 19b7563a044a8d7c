import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks import StreamBlockValidationError
from wagtail.models import PageViewRestriction
from wagtail_localize.fields import SynchronizedField, get_translatable_fields

from cities.models import Challenge, Country, Stage
from cities.tests.factories import CityFactory
from resources.models import ArticleBodyBlock, ResourceKind, ResourcePage, ToolkitChapterPage
from resources.selectors import resources_about

from .conftest import paragraph, publish, translate

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def test_news_feed_per_language_is_valid_atom_with_its_language(client, hub, make_news):
    english = make_news(hub["news"]["en"], title="English item", publication_date=date(2025, 1, 2))
    translate(english, "ar", hub, key="news", title="خبر بالعربية")
    make_news(hub["news"]["ar"], title="مسودة", live=False)
    private = make_news(hub["news"]["ar"], title="خبر خاص")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    response = client.get("/ar/news/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.attrib[XML_LANG] == "ar"
    entries = [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]
    assert entries == ["خبر بالعربية"]

    english_feed = ET.fromstring(client.get("/en/news/feed/").content)
    assert english_feed.attrib[XML_LANG] == "en"
    assert [e.findtext(f"{ATOM}title") for e in english_feed.findall(f"{ATOM}entry")] == ["English item"]


def test_reading_time_is_computed_in_the_page_language(hub, make_resource):
    words = " ".join(["كلمة"] * 300)
    arabic = make_resource(hub["resources"]["ar"], title="نص", body=paragraph(words))
    english = make_resource(hub["resources"]["en"], title="Text", body=paragraph(" ".join(["word"] * 300)))
    assert english.reading_minutes == 2  # 300 / 200
    assert arabic.reading_minutes == 3  # 300 / 140


def test_figure_needs_alt_text():
    block = ArticleBodyBlock()
    value = block.to_python([{"type": "image", "value": {"image": None, "alt_text": "", "caption": ""}}])
    with pytest.raises((ValidationError, StreamBlockValidationError)):
        block.clean(value)


def test_card_image_needs_alt_text(hub):
    from .test_listing import small_image

    page = ResourcePage(title="x", slug="x", summary="s", publication_date=date(2024, 1, 1), image=small_image())
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "image_alt" in error.value.message_dict


def test_toolkit_has_contents_and_chapters_link_previous_and_next(client, hub, make_resource):
    toolkit = make_resource(hub["resources"]["en"], title="The toolkit", kind=ResourceKind.TOOLKIT)
    chapters = []
    for number in range(4):
        chapter = ToolkitChapterPage(title=f"Chapter {number + 1}", slug=f"c{number + 1}", body=paragraph("Text"))
        toolkit.add_child(instance=chapter)
        chapters.append(publish(chapter))
    response = client.get(toolkit.url)
    assert [c.title for c in response.context["chapters"]] == ["Chapter 1", "Chapter 2", "Chapter 3", "Chapter 4"]
    response = client.get(chapters[1].url)
    body = response.content.decode()
    assert response.context["previous_chapter"].pk == chapters[0].pk
    assert response.context["next_chapter"].pk == chapters[2].pk
    assert f'href="{chapters[0].url}" rel="prev"' in body and f'href="{chapters[2].url}" rel="next"' in body
    assert "Chapter 2 of 4" in body
    last = client.get(chapters[3].url)
    assert last.context["next_chapter"] is None


def test_chapters_only_under_toolkits(hub, make_resource):
    guide = make_resource(hub["resources"]["en"], title="A guide", kind=ResourceKind.GUIDE)
    toolkit = make_resource(hub["resources"]["en"], title="A toolkit", kind=ResourceKind.TOOLKIT)
    assert not ToolkitChapterPage.can_create_at(guide)
    assert ToolkitChapterPage.can_create_at(toolkit)


def test_taxonomy_and_cities_are_synchronised_to_translations(hub, make_resource):
    fields = {f.field_name: f for f in get_translatable_fields(ResourcePage)}
    for name in ("topics", "practice_areas", "regions", "hubs", "cities"):
        assert isinstance(fields[name], SynchronizedField) and fields[name].overridable
    youth = Challenge.objects.get(code="youth-radicalisation")
    page = make_resource(hub["resources"]["en"], title="Original", topics=[youth])
    translated = page.copy_for_translation(hub["resources"]["fr"].locale).specific
    assert list(translated.topics.all()) == [youth]


def test_resources_about_a_city_for_its_profile(hub, make_resource):
    kenya = Country.objects.get(code="KE")
    mombasa = CityFactory(slug="mombasa-test", name="Mombasa Test", country=kenya)
    other = CityFactory(slug="elsewhere", name="Elsewhere", country=kenya)
    first = make_resource(
        hub["resources"]["en"],
        title="Case study one",
        kind=ResourceKind.CASE_STUDY,
        cities=[mombasa],
        publication_date=date(2024, 1, 1),
    )
    translate(first, "ar", hub, title="دراسة الحالة الأولى")
    make_resource(hub["resources"]["en"], title="Case study two", cities=[mombasa], publication_date=date(2025, 1, 1))
    make_resource(hub["resources"]["en"], title="Not about it", cities=[other])
    make_resource(hub["resources"]["en"], title="Draft about it", cities=[mombasa], live=False)
    assert [page.title for page in resources_about(mombasa, "en")] == ["Case study two", "Case study one"]
    assert [page.title for page in resources_about(mombasa, "ar")] == ["Case study two", "دراسة الحالة الأولى"]
    assert list(mombasa.resources.live().order_by("title").values_list("title", flat=True)) == [
        "Case study one",
        "Case study two",
        "دراسة الحالة الأولى",
    ]


def test_resource_page_links_only_public_member_cities(client, hub, make_resource):
    kenya = Country.objects.get(code="KE")
    member = CityFactory(slug="member-town", name="Member Town", country=kenya)
    joining = CityFactory(slug="joining-town-x", name="Joining Town X", country=kenya, stage=Stage.JOINING)
    page = make_resource(hub["resources"]["en"], title="About two towns", cities=[member, joining])
    body = client.get(page.url).content.decode()
    assert "Member Town" in body and "Joining Town X" not in body


def test_city_profile_lists_the_resources_about_it_in_the_readers_language(client, hub, make_resource):
    kenya = Country.objects.get(code="KE")
    mombasa = CityFactory(slug="mombasa-profile", name="Mombasa Profile", country=kenya)
    study = make_resource(hub["resources"]["en"], title="Case study on the coast", cities=[mombasa])
    translate(study, "ar", hub, title="دراسة حالة عن الساحل")
    make_resource(hub["resources"]["en"], title="Draft on the coast", cities=[mombasa], live=False)

    english = client.get(f"/en/network/{mombasa.slug}/").content.decode()
    arabic = client.get(f"/ar/network/{mombasa.slug}/").content.decode()

    assert "Resources about this authority" in english
    assert "Case study on the coast" in english and "Draft on the coast" not in english
    assert "دراسة حالة عن الساحل" in arabic and "Case study on the coast" not in arabic


def test_city_profile_without_resources_has_no_resources_section(client, hub):
    city = CityFactory(slug="quiet-town", name="Quiet Town", country=Country.objects.get(code="KE"))
    assert "resources-heading" not in client.get(f"/en/network/{city.slug}/").content.decode()


def test_the_focal_points_page_suggests_reading_for_what_the_city_needs(client, hub, make_resource):
    from accounts.models import Role
    from accounts.services import role_grant
    from cities.models import CityNeed, PracticeArea
    from conftest import make_person

    city = CityFactory(slug="needs-town", name="Needs Town", country=Country.objects.get(code="KE"))
    needed, other = PracticeArea.objects.order_by("pk")[:2]
    CityNeed.objects.create(city=city, practice_area=needed, priority="high")
    guide = make_resource(hub["resources"]["en"], title="Guide on what it needs", practice_areas=[needed])
    translate(guide, "ar", hub, title="دليل لما تحتاجه")
    make_resource(hub["resources"]["en"], title="Guide on something else", practice_areas=[other])
    make_resource(hub["resources"]["en"], title="Unpublished guide", practice_areas=[needed], live=False)
    person = make_person("focal-needs@example.org")
    role_grant(user=person, role=Role.FOCAL_POINT, city=city)
    client.force_login(person)

    english = client.get(f"/en/my-city/{city.slug}/").content.decode()
    arabic = client.get(f"/ar/my-city/{city.slug}/").content.decode()

    assert "To read for what you need" in english and "Guide on what it needs" in english
    assert "Guide on something else" not in english and "Unpublished guide" not in english
    assert "دليل لما تحتاجه" in arabic


def test_a_news_article_and_a_resource_read_as_their_own_kind(client, hub, make_news, make_resource):
    article = make_news(hub["news"]["en"], title="Hubs meet online", kind="statement")
    guide = make_resource(hub["resources"]["en"], title="A guide to listening", kind=ResourceKind.GUIDE)

    news_html = client.get(article.url).content.decode()
    guide_html = client.get(guide.url).content.decode()

    assert "<h1>Hubs meet online</h1>" in news_html and "Statement" in news_html
    assert "toc-heading" not in news_html and "documents-heading" not in news_html
    assert "<h1>A guide to listening</h1>" in guide_html and "Guide" in guide_html
