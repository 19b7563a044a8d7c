from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import requires_csrf_token


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request):
    # No database or template context processors here: the error may be theirs.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render({}), status=500)


def preview_404(request):
    return page_not_found(request)


def preview_500(request):
    return server_error(request)
