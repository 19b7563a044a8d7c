from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware

# Paths outside the language-prefixed site: a 404 there is final, not a hint
# to try "/en/..." (which Wagtail's catch-all would answer with a redirect).
UNPREFIXED = ("/api/", "/admin/", "/documents/", "/static/", "/media/", "/healthz")


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_response(self, request, response):
        if request.path_info.startswith(UNPREFIXED):
            return response
        return super().process_response(request, response)
