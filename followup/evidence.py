"""Evidence files: PDF or image, at most 10 MB, recognised by their first bytes (not by the name or the
type the browser claims), stored outside the web root under a random name."""

import hashlib
import secrets

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from events.exceptions import InvalidInput

from .models import Evidence

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 5
KINDS = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
)


def sniff(head: bytes) -> tuple[str, str] | None:
    """(media type, extension) of a PDF, PNG, JPEG or WebP file from its first bytes."""
    for magic, media_type, ext in KINDS:
        if head.startswith(magic):
            return media_type, ext
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp", "webp"
    return None


def read(files) -> list[dict]:
    """Check every uploaded file before anything is written: 422 `evidence` naming the file at fault."""
    if len(files) > MAX_FILES:
        raise InvalidInput(_("At most %(n)d files per update.") % {"n": MAX_FILES}, field="evidence")
    out = []
    for upload in files:
        data = upload.read(MAX_BYTES + 1)
        name = (getattr(upload, "name", "") or "evidence")[-200:]
        if len(data) > MAX_BYTES:
            raise InvalidInput(_("%(name)s is larger than 10 MB.") % {"name": name}, field="evidence")
        kind = sniff(data[:16])
        if kind is None:
            raise InvalidInput(
                _("%(name)s is not a PDF or an image (JPEG, PNG, WebP).") % {"name": name}, field="evidence"
            )
        out.append({"name": name, "data": data, "content_type": kind[0], "ext": kind[1]})
    return out


def save(update, files: list[dict]) -> None:

    for f in files:
        stored = ContentFile(f["data"], name=f"{secrets.token_hex(16)}.{f['ext']}")
        Evidence.objects.create(
            update=update,
            file=stored,
            name=f["name"],
            content_type=f["content_type"],
            size=len(f["data"]),
            sha256=hashlib.sha256(f["data"]).hexdigest(),
        )
