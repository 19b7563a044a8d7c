# Varnish in front of gunicorn (docs/deploy.md, "Caching"). `make serve` and bench/http_bench.py run it with this
# file, the backend's port rewritten to the one they started gunicorn on.
#
# What Django says decides what is kept (core/http_cache.py): only responses marked `public` with no
# Set-Cookie; anything `private`, `no-store`, `no-cache` or varying on Cookie goes straight through.
# Requests with a session cookie (signed in, or a message waiting) always go to Django. Django purges
# on change (core/frontend_cache.py): PURGE <path> drops that path with any query string; BAN with
# `X-Cache-Tag: <tag>` drops every response Django tagged so ("html": every page, "network": everything
# built from the network's data). Both only from this machine.
vcl 4.1;

backend default {
    .host = "127.0.0.1";
    .port = "8001";
    .first_byte_timeout = 120s;  # the big exports
    .between_bytes_timeout = 60s;
}

acl purge {
    "localhost";
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    # Purges only from this machine, and never relayed by the TLS proxy in front (nginx also connects from
    # 127.0.0.1, but adds X-Forwarded-Proto and the visitor's address: Varnish then appends its own, so
    # X-Forwarded-For holds two). Django's purges carry neither.
    if ((req.method == "PURGE" || req.method == "BAN")
        && (client.ip !~ purge || req.http.X-Forwarded-Proto || req.http.X-Forwarded-For ~ ",")) {
        return (synth(405, "Not allowed"));
    }
    if (req.method == "PURGE") {
        # The path with every query string (filters, pages of a list). A lurker-friendly ban (obj.* only).
        # (No quotes, no spaces: Varnish takes a ban's value up to the next space, quotes included.)
        ban("obj.http.x-url-path == " + regsub(req.url, "\?.*$", ""));
        return (synth(200, "Purged"));
    }
    if (req.method == "BAN") {
        if (req.http.X-Cache-Tag !~ "^[a-z0-9-]+$") {
            return (synth(400, "One X-Cache-Tag, lower-case letters, digits and hyphens"));
        }
        ban("obj.http.x-cache-tags ~ (^|,)" + req.http.X-Cache-Tag + "(,|$)");
        return (synth(200, "Banned"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.http.Authorization || req.url ~ "^/admin/") {
        return (pass);
    }
    # Keep Django's own cookies only (session, CSRF, language); analytics and the like would make every
    # request look different. Names as in Django's defaults (SESSION_COOKIE_NAME, CSRF_COOKIE_NAME,
    # LANGUAGE_COOKIE_NAME).
    if (req.http.Cookie) {
        set req.http.Cookie = ";" + req.http.Cookie;
        set req.http.Cookie = regsuball(req.http.Cookie, "; +", ";");
        set req.http.Cookie = regsuball(req.http.Cookie, ";(sessionid|csrftoken|django_language)=", "; \1=");
        set req.http.Cookie = regsuball(req.http.Cookie, ";[^ ][^;]*", "");
        set req.http.Cookie = regsuball(req.http.Cookie, "^[; ]+|[; ]+$", "");
        if (req.http.Cookie == "") {
            unset req.http.Cookie;
        }
    }
    # A session: someone signed in (or an anonymous visitor with a message waiting). Never from the cache.
    if (req.http.Cookie ~ "(^|; )sessionid=") {
        return (pass);
    }
    # A client that does not take gzip (scripts, some bots) gets a stored copy of its own, kept as Django
    # sent it, rather than the shared gzipped one unzipped on every request.
    if (req.http.Accept-Encoding ~ "gzip") {
        unset req.http.x-plain;
    } else {
        set req.http.x-plain = "1";
    }
    # CSRF and language cookies alone do not change a public page (Django marks the pages they change
    # private), so the lookup ignores them.
    return (hash);
}

sub vcl_hash {
    # Behind TLS: the http:// answer (a redirect to https) is not the https:// one.
    hash_data(req.http.X-Forwarded-Proto);
    if (req.http.x-plain) {
        hash_data("plain");
    }
    # Then Varnish's built-in: URL and Host.
}

sub vcl_backend_fetch {
    # Varnish asks Django for gzip; the plain copy is asked for plain.
    if (bereq.http.x-plain) {
        unset bereq.http.Accept-Encoding;
    }
}

sub vcl_pass {
    set req.http.x-cache-pass = "1";
}

sub vcl_backend_response {
    set beresp.http.x-url-path = regsub(bereq.url, "\?.*$", "");
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control !~ "(^|[ ,])public([ ,]|$)"
        || beresp.http.Cache-Control ~ "(private|no-store|no-cache)"
        || beresp.http.Vary ~ "(?i)(cookie|\*)") {
        # Not stored; the next request for it goes to Django too (hit-for-miss), without waiting on this one.
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # TTL: Django's s-maxage. Past it, a little grace (served while one request refreshes it) and a
    # keep time in which Varnish asks Django with If-None-Match (open data answers 304 from the data
    # version, cities/conditional.py). Purges and bans drop objects at once, grace or not.
    set beresp.grace = 10s;
    set beresp.keep = 1h;
    # Compressed once when stored (not per request), except the copy for clients without gzip.
    if (!bereq.http.x-plain && !beresp.http.Content-Encoding && beresp.http.Content-Type ~ "^(text/|application/(json|geo\+json|xml|atom\+xml|javascript))") {
        set beresp.do_gzip = true;
    }
    return (deliver);
}

sub vcl_deliver {
    if (req.http.x-cache-pass) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    unset resp.http.x-url-path;
    unset resp.http.X-Cache-Tags;
    # The id of the request that filled the cache means nothing to this one (core/logs.py).
    if (obj.hits > 0) {
        unset resp.http.X-Request-ID;
    }
}
