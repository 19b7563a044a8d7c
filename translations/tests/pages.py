"""A small site for the status, notice, hreflang and sitemap tests: an English home with its
Arabic, French and Spanish copies, content pages under it, translations made the way
wagtail-localize makes them (a `TranslationSource`, a `Translation`, `StringTranslation`s)."""

from django.test import TestCase
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from core.models import ContentPage

LANGUAGES = ("en", "ar", "fr", "es")


def build_homes() -> dict:
    root = Page.get_first_root_node()
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}
    homes = {"en": root.add_child(instance=ContentPage(title="Home", slug="t-home", locale=locales["en"]))}
    homes["en"].save_revision().publish()
    for code in LANGUAGES[1:]:
        homes[code] = homes["en"].copy_for_translation(locales[code])
        homes[code].save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=homes["en"], is_default_site=True)
    return homes


def make_page(parent, title, paragraphs=("Our work in cities.",), *, live=True, slug=None) -> ContentPage:
    page = ContentPage(
        title=title, slug=slug or "", intro="", live=live, body=[("paragraph", f"<p>{text}</p>") for text in paragraphs]
    )
    page.locale = parent.locale
    parent.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    return page


def translation_for(page, code: str) -> Translation:
    source, _ = TranslationSource.get_or_create_from_instance(page)
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=Locale.objects.get(language_code=code)
    )
    return translation


def fill(translation: Translation, *, kind: str = "machine", text: str = "[{code}] {data}", only=None) -> None:
    """Translate the source's segments (all, or the first `only`) as `kind` ("machine"/"manual")."""
    segments = (
        StringSegment.objects.filter(source=translation.source).select_related("string", "context").order_by("order")
    )
    for segment in list(segments)[:only]:
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=translation.target_locale,
            context=segment.context,
            defaults={
                "data": segment.string.data  # addresses stay as they are
                if segment.context.path == "slug"
                else text.format(code=translation.target_locale.language_code, data=segment.string.data),
                "translation_type": kind,
            },
        )


def publish(translation: Translation) -> None:
    """`save_target`, with the publish it leaves for after the commit run now (tests roll back)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        translation.save_target(publish=True)


def translate(page, code: str, *, kind: str = "machine", publish: bool = True) -> Page:
    """The page in `code`, translated by `kind` and published (wagtail-localize's `save_target`)."""
    translation = translation_for(page, code)
    fill(translation, kind=kind)
    if publish:
        translation_publish = globals()["publish"]
        translation_publish(translation)
    else:
        translation.save_target(publish=False)
    return page.get_translation(translation.target_locale)


def make_private(page) -> None:
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="secret")


def edit_original(page, paragraphs) -> None:
    """An editor changes the original's text and publishes it again."""
    page = page.specific
    page.body = [("paragraph", f"<p>{text}</p>") for text in paragraphs]
    page.save_revision().publish()
