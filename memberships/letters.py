"""Letters of commitment: checked by content, kept while the rest of the form is fixed.

A kept letter is a `KeptLetter` row and a file in the private storage; the form carries a signed token for it.
It serves one application or answer only (`kept_letter_use`, in the same transaction) and is deleted once
used; letters nobody used are swept after a day (`kept_letters_sweep`: on every new kept letter, and by the
`sweep_kept_letters` command).
"""

import logging
from datetime import timedelta

import pypdf
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError

from core.storage import private_storage

from .models import KeptLetter

logger = logging.getLogger(__name__)

MAX_BYTES = 10 * 1024 * 1024
PENDING_MAX_AGE = 60 * 60 * 24
KEPT_FOR = timedelta(seconds=PENDING_MAX_AGE)
_signer = signing.TimestampSigner(salt="memberships.kept-letter")

# Reading a letter only counts its pages, so no stream should inflate beyond a few MB; pypdf's defaults
# (75 MB per stream, 300 MB of work) would let one upload hold hundreds of MB of memory.
PDF_LIMIT = 16_000_000
PDF_LIMITS = {
    "maximum_declared_stream_length": PDF_LIMIT,
    "array_based_stream_maximum_output_length": PDF_LIMIT,
    "jbig2_maximum_output_length": PDF_LIMIT,
    "lzw_maximum_output_length": PDF_LIMIT,
    "run_length_maximum_output_length": PDF_LIMIT,
    "zlib_maximum_output_length": PDF_LIMIT,
    "brotli_maximum_output_length": PDF_LIMIT,
    "image_maximum_buffer_size": PDF_LIMIT,
    "stream_decoding_work_maximum_length": 2 * PDF_LIMIT,
}


class _Locked(Exception):
    pass


def validate_letter(upload) -> None:
    """A real, readable, unlocked PDF of at most 10 MB, whatever the file is called."""
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
        with pypdf.apply_configuration(**PDF_LIMITS):
            reader = PdfReader(upload)
            if reader.is_encrypted:
                raise _Locked
            pages = len(reader.pages)
    except (_Locked, DependencyError, FileNotDecryptedError):
        # Reviewers must be able to open the letter: no password-protected (encrypted) PDFs, whatever the cipher.
        upload.seek(0)
        raise ValidationError(
            _("This PDF is password-protected. Please send a copy without a password."), code="encrypted-pdf"
        ) from None
    except Exception as problem:  # noqa: BLE001 - an uploaded file may break the parser in any way
        logger.info("Unreadable letter refused: %s", type(problem).__name__)
        pages = 0
    upload.seek(0)
    if pages < 1:
        raise ValidationError(_("This PDF cannot be read. Please export the letter again as a PDF."), code="broken-pdf")


def keep_pending(upload) -> str:
    """Store a valid letter while the applicant fixes other fields; return a signed token for it."""
    kept_letters_sweep()
    upload.seek(0)
    kept = KeptLetter(filename=upload.name[:120])
    kept.file.save("letter.pdf", ContentFile(upload.read()), save=False)
    kept.save()
    return _signer.sign_object({"pk": kept.pk, "name": kept.file.name})


def read_pending(token: str):
    """The kept letter for `token`, as (file name shown to the user, ContentFile), or None.

    The ContentFile remembers which kept letter it came from, for `kept_letter_use`."""
    try:
        data = _signer.unsign_object(token, max_age=PENDING_MAX_AGE)
        kept = KeptLetter.objects.filter(pk=int(data["pk"]), file=str(data["name"])).first()
    except (signing.BadSignature, TypeError, ValueError, KeyError):
        return None
    if kept is None:
        return None
    try:
        with kept.file.open("rb") as handle:
            content = ContentFile(handle.read(), name=kept.filename)
    except OSError:
        return None
    content.kept_letter_pk = kept.pk
    return kept.filename, content


def kept_letter_use(letter) -> None:
    """Call inside the transaction that stores `letter`. If it is a kept letter, use it up: a second form
    presenting the same token (even at the same moment) finds nothing; the file goes when this commits."""
    pk = getattr(letter, "kept_letter_pk", None)
    if pk is None:
        return
    kept = KeptLetter.objects.select_for_update().filter(pk=pk).first()
    deleted = KeptLetter.objects.filter(pk=pk).delete()[0] if kept else 0
    if not deleted:
        raise ValidationError(
            {"letter": _("This letter has already been sent with an application. Please attach the letter again.")}
        )
    storage, name = kept.file.storage, kept.file.name
    transaction.on_commit(lambda: storage.delete(name))


def kept_letters_sweep(*, older_than: timedelta = KEPT_FOR, limit: int = 200) -> int:
    """Delete kept letters that nobody used within a day (rows and files). Returns how many went."""
    cutoff = timezone.now() - older_than
    stale = list(KeptLetter.objects.filter(created_at__lt=cutoff).order_by("created_at")[:limit])
    for kept in stale:
        kept.file.storage.delete(kept.file.name)
    KeptLetter.objects.filter(pk__in=[kept.pk for kept in stale]).delete()
    return len(stale)


def kept_letters_sweep_all() -> int:
    """Every kept letter older than a day, and the files under pending/ that no kept letter names (left by
    an interrupted request). Returns how many went. Daily (`core/periodic.py`) and `sweep_kept_letters`."""
    total = 0
    while swept := kept_letters_sweep():
        total += swept
    storage, cutoff = private_storage(), timezone.now() - KEPT_FOR
    try:
        names = storage.listdir("pending")[1]
    except (FileNotFoundError, NotImplementedError):
        return total
    listed = set(KeptLetter.objects.values_list("file", flat=True))
    for name in names:
        path = f"pending/{name}"
        if path not in listed and storage.get_modified_time(path) < cutoff:
            storage.delete(path)
            total += 1
    return total


def kept_letters_sweep_daily() -> str:
    return f"{kept_letters_sweep_all()} kept letter(s) deleted"
