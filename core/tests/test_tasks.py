"""E-mail delivery through a real SMTP stand-in on 127.0.0.1 that fails, then accepts."""

import socketserver
import threading

import pytest

from core.tasks import send_email


class FlakySMTPHandler(socketserver.StreamRequestHandler):
    """Enough SMTP for Django's backend: refuses the first message with 451, accepts the rest."""

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
                        self.reply("451 4.3.0 try again later")
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


@pytest.fixture
def smtp_server(settings):
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), FlakySMTPHandler)
    server.daemon_threads = True
    server.attempts, server.failures, server.delivered = 0, 1, []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.server_address[1]
    settings.EMAIL_USE_TLS = False
    yield server
    server.shutdown()
    server.server_close()


def test_a_refused_email_is_retried_and_delivered(smtp_server):
    send_email.enqueue(subject="Hello", body="مرحبا", to=["focal@example.org"])
    assert smtp_server.attempts == 2
    assert len(smtp_server.delivered) == 1 and "Subject: Hello" in smtp_server.delivered[0]


def test_it_gives_up_after_the_last_attempt_and_says_so(smtp_server, caplog):
    smtp_server.failures = 100
    send_email.enqueue(subject="Hello", body="x", to=["focal@example.org"])
    assert smtp_server.attempts == 8 and smtp_server.delivered == []
    assert "not sent after 8 attempts" in caplog.text
    assert "focal@example.org" not in caplog.text  # addresses never go to the log
