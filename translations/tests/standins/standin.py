"""A stand-in for LibreTranslate and DeepL, for the tests: run as its own process on 127.0.0.1.

    python standin.py [--port 0]      # prints "PORT <n>" once listening

Speaks LibreTranslate's `POST /translate` and `GET /languages`, and DeepL's `POST /v2/translate`
and `GET /v2/languages?type=source|target` (key "standin-key", header `Authorization: DeepL-Auth-Key …`).
It "translates" with a small word list, keeping every tag where it was, as the real engines'
HTML/XML modes do, and it makes the old site's mistake: in Arabic, "International Steering
Committee" comes out as "مركز الدراسات الدولية" ("International Studies Centre").

Faults, set with `POST /_control {"mode": ..., "times": n, ...}`, apply to the next n translation
requests: "500" (server error), "429" (rate limited, `Retry-After: retry_after`), "slow" (answers
after `delay` seconds), "bad-json" (an HTML page with status 200). `GET /_control` tells how many
translation requests came and the texts of each; `POST /_control {"reset": true}` starts afresh.
Standard library only.
"""

import argparse
import json
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

LANGUAGES = {"en": "English", "ar": "Arabic", "fr": "French", "es": "Spanish"}
WORDS = {
    "ar": {
        "the": "ال",
        "committee": "لجنة",
        "met": "اجتمعت",
        "in": "في",
        "network": "شبكة",
        "strong": "قوية",
        "cities": "مدن",
        "city": "مدينة",
        "of": "من",
        "and": "و",
        "our": "لدينا",
        "members": "الأعضاء",
    },
    "fr": {
        "the": "le",
        "committee": "comité",
        "met": "s'est réuni",
        "in": "à",
        "network": "réseau",
        "strong": "fortes",
        "cities": "villes",
        "city": "ville",
        "of": "de",
        "and": "et",
        "our": "nos",
        "members": "membres",
    },
    "es": {
        "the": "el",
        "committee": "comité",
        "met": "se reunió",
        "in": "en",
        "network": "red",
        "strong": "fuertes",
        "cities": "ciudades",
        "city": "ciudad",
        "of": "de",
        "and": "y",
        "our": "nuestros",
        "members": "miembros",
    },
    "en": {},
}
OLD_SITE_MISTAKE = ("International Steering Committee", "مركز الدراسات الدولية")
TAG_RE = re.compile(r"(<[^>]*>)")


def translate_html(text: str, target: str) -> str:
    pieces = []
    words = WORDS.get(target, {})
    for piece in TAG_RE.split(text):
        if piece.startswith("<"):
            pieces.append(piece)  # tags go through untouched, wherever they are
            continue
        if target == "ar":
            piece = re.sub(OLD_SITE_MISTAKE[0], OLD_SITE_MISTAKE[1], piece, flags=re.IGNORECASE)
        pieces.append(re.sub(r"[A-Za-z]+", lambda m: words.get(m.group().lower(), m.group()), piece))
    return "".join(pieces)


class State:
    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        self.mode, self.times, self.delay, self.retry_after = "ok", 0, 0.0, 1
        self.requests = []

    def next_fault(self):
        with self.lock:
            if self.times > 0:
                self.times -= 1
                return self.mode
            return "ok"


STATE = State()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # quiet
        pass

    def _send(self, status, body, content_type="application/json", headers=()):
        data = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _body(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode() if length else ""
        if "json" in (self.headers.get("Content-Type") or ""):
            return json.loads(raw or "{}")
        return {
            key: values if len(values) > 1 or key == "text" else values[0]
            for key, values in parse_qs(raw, keep_blank_values=True).items()
        }

    def do_GET(self):
        url = urlparse(self.path)
        if url.path == "/_control":
            with STATE.lock:
                return self._send(200, {"count": len(STATE.requests), "requests": STATE.requests})
        if url.path == "/languages":
            return self._send(
                200, [{"code": c, "name": n, "targets": [t for t in LANGUAGES if t != c]} for c, n in LANGUAGES.items()]
            )
        if url.path == "/v2/languages":
            if not self._deepl_key_ok():
                return self._send(403, {"message": "Wrong key"})
            kind = parse_qs(url.query).get("type", ["source"])[0]
            items = [{"language": c.upper(), "name": n} for c, n in LANGUAGES.items()]
            if kind == "target":
                items = [i for i in items if i["language"] != "EN"] + [
                    {"language": "EN-GB", "name": "English (British)"},
                    {"language": "EN-US", "name": "English (American)"},
                ]
            return self._send(200, items)
        return self._send(404, {"error": "not found"})

    def _deepl_key_ok(self):
        return self.headers.get("Authorization") == "DeepL-Auth-Key standin-key"

    def _fault(self):
        """Answer with the fault of the moment; True when one was sent."""
        fault = STATE.next_fault()
        if fault == "500":
            self._send(500, {"error": "Internal server error"})
        elif fault == "429":
            self._send(429, {"error": "Too many requests"}, headers=[("Retry-After", str(STATE.retry_after))])
        elif fault == "bad-json":
            self._send(200, b"<html><body>502 Bad Gateway</body></html>", content_type="application/json")
        elif fault == "slow":
            time.sleep(STATE.delay)
            return False
        else:
            return False
        return True

    def do_POST(self):
        url = urlparse(self.path)
        body = self._body()
        if url.path == "/_control":
            with STATE.lock:
                if body.get("reset"):
                    STATE.reset()
                STATE.mode = body.get("mode", STATE.mode)
                STATE.times = int(body.get("times", STATE.times))
                STATE.delay = float(body.get("delay", STATE.delay))
                STATE.retry_after = int(body.get("retry_after", STATE.retry_after))
            return self._send(200, {"ok": True})
        if url.path == "/translate":
            q = body.get("q", [])
            texts = [q] if isinstance(q, str) else list(q)
            with STATE.lock:
                STATE.requests.append({"engine": "libretranslate", "texts": texts, "format": body.get("format")})
            if self._fault():
                return
            if body.get("source") not in LANGUAGES or body.get("target") not in LANGUAGES:
                return self._send(400, {"error": "unsupported language"})
            out = [translate_html(text, body["target"]) for text in texts]
            return self._send(200, {"translatedText": out[0] if isinstance(q, str) else out})
        if url.path == "/v2/translate":
            if not self._deepl_key_ok():
                return self._send(403, {"message": "Wrong key"})
            texts = body.get("text", [])
            texts = [texts] if isinstance(texts, str) else list(texts)
            with STATE.lock:
                STATE.requests.append({"engine": "deepl", "texts": texts, "tag_handling": body.get("tag_handling")})
            if self._fault():
                return
            target = str(body.get("target_lang", "")).split("-")[0].lower()
            if target not in LANGUAGES or body.get("target_lang") == "EN":
                return self._send(400, {"message": "Value for 'target_lang' not supported."})
            source = str(body.get("source_lang", "")).upper()
            return self._send(
                200,
                {
                    "translations": [
                        {"detected_source_language": source, "text": translate_html(t, target)} for t in texts
                    ]
                },
            )
        return self._send(404, {"error": "not found"})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    port = parser.parse_args().port
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    print(f"PORT {server.server_address[1]}", flush=True)
    sys.stdout.flush()
    server.serve_forever()


if __name__ == "__main__":
    main()
