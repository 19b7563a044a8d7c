import io
import zlib

import pytest
from django.core import mail
from pypdf import PdfWriter

from cities.models import Challenge, PracticeArea
from core.storage import PrivateFileSystemStorage
from memberships.models import JoinApplication

pytestmark = pytest.mark.django_db


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def encrypted_pdf_bytes() -> bytes:
    """A PDF locked with AES-256 (revision 6): pypdf needs `cryptography` even to look inside."""
    secret = b"/Encrypt << /Filter /Standard /V 5 /R 6 /Length 256 /P -4 /O <%s> /U <%s> /OE <%s> /UE <%s> " % (
        b"11" * 48,
        b"22" * 48,
        b"33" * 32,
        b"44" * 32,
    )
    secret += b"/Perms <%s> /StmF /StdCF /StrF /StdCF /CF << /StdCF << /CFM /AESV3 /Length 32 >> >> >> " % (b"55" * 16)
    return pdf_bytes().replace(
        b"trailer\n<<", b"trailer\n<< " + secret + b"/ID [<%s> <%s>] " % (b"66" * 16, b"66" * 16)
    )


def bomb_pdf_bytes(inflated: int = 100_000_000) -> bytes:
    """A small PDF whose page tree sits in an object stream that inflates to `inflated` bytes."""
    out, offsets = bytearray(b"%PDF-1.5\n"), {}

    def obj(number, body):
        offsets[number] = len(out)
        out.extend(b"%d 0 obj\n" % number + body + b"\nendobj\n")

    obj(1, b"<< /Type /Catalog /Pages 2 0 R >>")
    pages, page = b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>", b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 9 9] >>"
    header = b"2 0 4 %d " % (len(pages) + 1)
    squeeze = zlib.compressobj(9)
    data = squeeze.compress(header + pages + b" " + page)
    for _ in range(inflated // 1_000_000):
        data += squeeze.compress(b" " * 1_000_000)
    data += squeeze.flush()
    obj(
        3,
        b"<< /Type /ObjStm /N 2 /First %d /Filter /FlateDecode /Length %d >>\nstream\n" % (len(header), len(data))
        + data
        + b"\nendstream",
    )
    offsets[5] = len(out)
    rows = [(0, 0, 0), (1, offsets[1], 0), (2, 3, 0), (1, offsets[3], 0), (2, 3, 1), (1, offsets[5], 0)]
    xref = b"".join(t.to_bytes(1, "big") + o.to_bytes(4, "big") + g.to_bytes(2, "big") for t, o, g in rows)
    obj(5, b"<< /Type /XRef /Size 6 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n" % len(xref) + xref + b"\nendstream")
    out.extend(b"startxref\n%d\n%%%%EOF\n" % offsets[5])
    return bytes(out)


def upload(content: bytes, name="letter.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/pdf")


def valid_data(**changes):
    data = {
        "body_kind": "local",
        "authority_name": "Ville de Démo",
        "authority_type": "municipality",
        "country": "SN",
        "region_in_country": "Dakar",
        "population": "250000",
        "website": "https://demo.example.org",
        "head_name": "Awa Exemple",
        "head_title": "Maire",
        "focal_name": "Moussa Exemple",
        "focal_role": "Chargé de prévention",
        "focal_email": "moussa@example.org",
        "focal_phone": "+221 33 889 12 34",
        "focal_languages": "fr, wo",
        "hopes": "Apprendre d'autres villes.",
        "consent": "on",
        "challenges": [Challenge.objects.get(code="online-hate").pk],
        "priorities": [PracticeArea.objects.get(code="youth-engagement").pk],
    }
    data.update(changes)
    return data


def test_apply_in_french_stores_the_application_and_confirms_in_french(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/fr/join/", {**valid_data(), "letter": upload(pdf_bytes())})
    assert response.status_code == 302 and response["Location"] == "/fr/join/thanks/"
    application = JoinApplication.objects.get()
    assert application.language == "fr" and application.state == "submitted"
    assert list(application.challenges.values_list("code", flat=True)) == ["online-hate"]
    assert isinstance(application.letter.storage, PrivateFileSystemStorage)
    assert "media" not in application.letter.path.split("/")[-3:]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["moussa@example.org"]
    assert "Ville de Démo" in mail.outbox[0].subject
    assert "Merci" in mail.outbox[0].body


@pytest.mark.parametrize(
    "content, name, message",
    [
        (b"MZ\x90\x00 executable", "letter.pdf", "not a PDF"),
        (b"<html><script>alert(1)</script></html>", "letter.pdf", "not a PDF"),
        (b"", "letter.pdf", "empty"),
        (b"%PDF-1.7 but then garbage", "letter.pdf", "cannot be read"),
    ],
)
def test_bad_letters_are_refused_with_a_clear_message(client, content, name, message):
    response = client.post("/en/join/", {**valid_data(), "letter": upload(content, name)})
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors["letter"])
    assert not JoinApplication.objects.exists()


@pytest.mark.parametrize("field", ["challenges", "priorities"])
@pytest.mark.parametrize("value", ["9" * 40, "-" + "9" * 40, "-1", "1e400", "0x10", "nothing"])
def test_a_huge_or_negative_choice_is_named_next_to_the_field(client, field, value):
    response = client.post("/en/join/", {**valid_data(**{field: [value]}), "letter": upload(pdf_bytes())})
    assert response.status_code == 400
    form = response.context["form"]
    assert list(form.errors) == [field]
    assert 'value="Ville de Démo"' in response.content.decode() and form.data["pending_letter"]  # all kept
    assert not JoinApplication.objects.exists()


@pytest.mark.parametrize(
    "content, message",
    [(encrypted_pdf_bytes(), "password-protected"), (bomb_pdf_bytes(), "cannot be read")],
    ids=["aes-256", "inflates-to-100-MB"],
)
def test_locked_or_inflating_letters_are_refused_with_a_clear_message(client, content, message):
    response = client.post("/en/join/", {**valid_data(), "letter": upload(content)})
    assert response.status_code == 400
    form = response.context["form"]
    assert list(form.errors) == ["letter"] and message in " ".join(form.errors["letter"])
    assert 'value="Ville de Démo"' in response.content.decode()
    assert not JoinApplication.objects.exists()


def test_oversized_letter_is_refused(client, settings):
    big = pdf_bytes() + b"%" + b"0" * (10 * 1024 * 1024)
    response = client.post("/en/join/", {**valid_data(), "letter": upload(big)})
    assert response.status_code == 400 and "10 MB" in " ".join(response.context["form"].errors["letter"])


def test_a_wrong_field_keeps_everything_typed_and_the_letter(client):
    response = client.post("/en/join/", {**valid_data(focal_email="not-an-address"), "letter": upload(pdf_bytes())})
    assert response.status_code == 400
    form = response.context["form"]
    assert "focal_email" in form.errors
    text = response.content.decode()
    assert 'value="Ville de Démo"' in text and "letter.pdf" in text  # kept, and said so
    token = form.data["pending_letter"]
    fixed = {**valid_data(), "pending_letter": token}  # no new upload
    response = client.post("/en/join/", fixed)
    assert response.status_code == 302
    assert JoinApplication.objects.get().letter.read().startswith(b"%PDF-")


def test_a_forged_pending_letter_token_is_not_trusted(client):
    response = client.post("/en/join/", {**valid_data(), "pending_letter": "pending/../../etc/passwd:abc"})
    assert response.status_code == 400 and "letter" in response.context["form"].errors


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"authority_name": "x" * 10_000}, "authority_name"),
        ({"focal_email": "moussa@"}, "focal_email"),
        ({"country": "ZZ"}, "country"),
        ({"population": "-5"}, "population"),
        ({"consent": ""}, "consent"),
        ({"focal_phone": "call me"}, "focal_phone"),
    ],
)
def test_bad_input_is_named_next_to_the_field(client, changes, field):
    response = client.post("/en/join/", {**valid_data(**changes), "letter": upload(pdf_bytes())})
    assert response.status_code == 400
    assert field in response.context["form"].errors


@pytest.mark.parametrize(
    "country, phone, stored",
    [
        ("SN", "+254 20 123 4567", "+254201234567"),  # another country's number, with its code
        ("GB", "(020) 7946 0958", "+442079460958"),
        ("AE", "+971-4-234-5678", "+97142345678"),
        ("FR", "0612345678", "+33612345678"),
    ],
)
def test_phone_numbers_in_national_formats_are_accepted(client, country, phone, stored):
    data = valid_data(country=country, focal_phone=phone)
    response = client.post("/en/join/", {**data, "letter": upload(pdf_bytes())})
    assert response.status_code == 302
    assert JoinApplication.objects.get().focal_phone == stored


def test_script_tags_are_stored_as_text_and_shown_escaped(client):
    response = client.post(
        "/en/join/",
        {**valid_data(authority_name="<script>alert(1)</script>", focal_email="x"), "letter": upload(pdf_bytes())},
    )
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert "&lt;script&gt;" in response.content.decode()


@pytest.mark.parametrize("kind", ["national", "ngo", "company", "other"])
def test_non_local_bodies_get_a_polite_explanation_instead(client, kind):
    response = client.post("/en/join/", {**valid_data(body_kind=kind), "letter": upload(pdf_bytes())})
    assert response.status_code == 200
    assert "partnership" in response.content.decode()
    assert not JoinApplication.objects.exists()


def test_honeypot_stores_nothing_but_looks_successful(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post("/en/join/", {**valid_data(homepage="http://spam"), "letter": upload(pdf_bytes())})
    assert response.status_code == 302 and response["Location"] == "/en/join/thanks/"
    assert not JoinApplication.objects.exists() and callbacks == [] and mail.outbox == []


def test_fifty_posts_in_a_minute_from_one_address_are_slowed_down(client):
    statuses = [client.post("/en/join/", {**valid_data(focal_email="bad")}).status_code for _ in range(50)]
    assert statuses[:10] == [400] * 10
    assert set(statuses[10:]) == {429}


def test_csrf_is_required(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/en/join/", valid_data()).status_code == 403


def test_letters_are_served_to_the_management_unit_only(client, staff_user, member_user, esa_hub_staff):
    client.post("/en/join/", {**valid_data(), "letter": upload(pdf_bytes())})
    url = f"/en/join/letters/{JoinApplication.objects.get().pk}/"
    assert client.get(url).status_code == 404
    for person in (member_user, esa_hub_staff):
        client.force_login(person)
        assert client.get(url).status_code == 404
    client.force_login(staff_user)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_join_page_renders_in_each_language(client, language):
    text = client.get(f"/{language}/join/").content.decode()
    assert ('dir="rtl"' in text) == (language == "ar")
    assert 'enctype="multipart/form-data"' in text
