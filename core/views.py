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

    Touches neither the session nor CSRF, and is never cached.
    """
    from .health import database_check, task_backlog_check

    checks, problems = {}, []
    for name, check in (("database", database_check), ("tasks", task_backlog_check)):
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
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render({}), status=500)


def preview_404(request):
    return page_not_found(request)


def preview_500(request):
    return server_error(request)
