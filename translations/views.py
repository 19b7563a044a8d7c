from django.contrib.sitemaps import views as sitemap_views

from .sitemap import PageSitemap, ViewSitemap


def sitemap(request):
    """`/sitemap.xml` (`sitemap.py`): public pages only, with their alternates per language."""
    sitemaps = {"pages": PageSitemap(request), "views": ViewSitemap()}
    return sitemap_views.sitemap(request, sitemaps, template_name="translations/sitemap.xml")
