"""A real SMTP stand-in on 127.0.0.1 for tests: refuses the first `failures` messages, accepts the rest.

Use the `smtp_server` fixture (import it into a test module); `server.down()` makes it refuse
every message from now on, `server.up()` accepts them again.
"""

import socketserver
import threading

import pytest


class FlakySMTPHandler(socketserver.StreamRequestHandler):
    """Enough SMTP for Django's backend: refuses the first messages with `server.code`, accepts the rest."""

    def reply(self, line: str):
        self.wfile.write((line + "\r\n").encode())

    def handle(self):
        server = self.server
        self.reply("220 stand-in ESMTP")
        in_data, data = False, []
        while True:
            raw = self.rfile.readline()
            if not raw:
                return
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            if in_data:
                if line == ".":
                    in_data = False
                    server.attempts += 1
                    if server.attempts <= server.failures:
                        self.reply(server.code)
                    else:
                        server.delivered.append("\n".join(data))
                        self.reply("250 2.0.0 queued")
                    data = []
                else:
                    data.append(line[1:] if line.startswith("..") else line)
                continue
            verb = line.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 stand-in")
            elif verb == "DATA":
                in_data = True
                self.reply("354 end with .")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("250 ok")


class StandInServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def down(self):
        self.failures = 10**6

    def up(self):
        self.failures = self.attempts


@pytest.fixture
def smtp_server(settings):
    server = StandInServer(("127.0.0.1", 0), FlakySMTPHandler)
    server.attempts, server.failures, server.delivered = 0, 1, []
    server.code = "451 4.3.0 try again later"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.server_address[1]
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.shutdown()
    server.server_close()
