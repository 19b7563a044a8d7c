from csp.decorators import csp_update
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import requires_csrf_token


def healthz(request):
    """The process answers (liveness). Touches neither the session nor CSRF, and is never cached."""
    response = HttpResponse("ok", content_type="text/plain")
    response["Cache-Control"] = "no-store"
    return response


def readyz(request):
    """Ready to serve: the database answers and the task queue moves; 503 with a JSON body naming the problem.
    Jobs on a clock that are overdue (the daily backup) are reported in the body, not as a problem.

    Touches neither the session nor CSRF, and is never cached.
    """
    from .health import database_check, deferred_check, periodic_check, task_backlog_check

    checks, problems = {}, []
    steps = (
        ("database", database_check),
        ("tasks", task_backlog_check),
        ("deferred", deferred_check),
        ("periodic", periodic_check),
    )
    for name, check in steps:
        ok, message = check()
        checks[name] = message
        if not ok:
            problems.append(name)
            if name == "database":
                break
    response = JsonResponse(
        {"status": "unavailable" if problems else "ok", "checks": checks, "problems": problems},
        status=503 if problems else 200,
    )
    response["Cache-Control"] = "no-store"
    return response


def page_not_found(request, exception=None):
    # `not_found`: nothing on the page is kept per path (core/templatetags/content_cache.py)
    return render(request, "404.html", {"not_found": True}, status=404)


@requires_csrf_token
@csp_update({"style-src": ["'unsafe-inline'"]})  # the page's own <style>: it needs no static file
def server_error(request):
    # No database or template context processors here: the error may be theirs.
    import sys

    from django.db import InterfaceError, OperationalError
    from django.template import loader

    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return service_unavailable(request)
    return HttpResponse(loader.get_template("500.html").render({}), status=500)


def service_unavailable(request):
    """The database does not answer: a 503 in the visitor's language (from the address, else their browser's),
    rendered without the database; the next request tries again (CONN_HEALTH_CHECKS), no restart needed."""
    from django.template import loader
    from django.utils import translation

    language = translation.get_language_from_path(request.path_info) or translation.get_language_from_request(
        request, check_path=False
    )
    with translation.override(language):
        response = HttpResponse(loader.get_template("503.html").render({}), status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


def preview_404(request):
    return page_not_found(request)


def preview_500(request):
    return server_error(request)
