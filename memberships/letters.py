"""Letters of commitment: checked by content, kept while the rest of the form is fixed."""

import secrets

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from .models import PrivateStorage

MAX_BYTES = 10 * 1024 * 1024
PENDING_MAX_AGE = 60 * 60 * 24
_signer = signing.TimestampSigner(salt="memberships.pending-letter")


def validate_letter(upload) -> None:
    """A real PDF of at most 10 MB, whatever the file is called."""
    if upload.size == 0:
        raise ValidationError(_("The file is empty. Please choose the signed letter as a PDF."), code="empty")
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The file is larger than 10 MB. Please send a smaller PDF."), code="too-large")
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    if b"%PDF-" not in head:
        raise ValidationError(
            _("This file is not a PDF. Please save the letter as a PDF and try again."), code="not-pdf"
        )
    try:
        pages = len(PdfReader(upload).pages)
    except (PdfReadError, ValueError, TypeError, KeyError, OSError):
        pages = 0
    upload.seek(0)
    if pages < 1:
        raise ValidationError(_("This PDF cannot be read. Please export the letter again as a PDF."), code="broken-pdf")


def keep_pending(upload) -> str:
    """Store a valid letter while the applicant fixes other fields; return a signed token for it."""
    storage = PrivateStorage()
    upload.seek(0)
    name = storage.save(f"pending/{secrets.token_hex(16)}.pdf", ContentFile(upload.read()))
    return _signer.sign_object({"name": name, "filename": upload.name[:120]})


def read_pending(token: str):
    """The kept letter for `token`, as (file name shown to the user, ContentFile), or None."""
    try:
        data = _signer.unsign_object(token, max_age=PENDING_MAX_AGE)
    except (signing.BadSignature, TypeError):
        return None
    storage = PrivateStorage()
    if not str(data.get("name", "")).startswith("pending/") or not storage.exists(data["name"]):
        return None
    with storage.open(data["name"], "rb") as handle:
        content = ContentFile(handle.read(), name=data["filename"])
    return data["filename"], content
