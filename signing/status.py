"""Revocation that reaches independent verifiers: a W3C Bitstring Status List (VC Bitstring Status List
v1.0) of the awards.

Each award holds one entry (`Award.status_list`, `Award.status_index`) of a public list of 131,072 bits
(16 KB, the specification's minimum, so that one bit says little about who holds it); its Open Badges
credential names the entry in `credentialStatus` (a `BitstringStatusListEntry`, purpose `revocation`). The
list is served as a `BitstringStatusListCredential` at `status_list_url(n)`: the bitstring GZIP-compressed,
base64url without padding, with the multibase prefix `u`. Bit `i` is the `i`-th bit from the left (the most
significant bit of byte `i // 8`); it is 1 once the award is revoked. The bits are read from the awards at
each request, so a revocation shows at once.

Entries are drawn at random among the free ones (the specification's advice: an index should not reveal
the order of issue); a list that is half full is closed and the next one opened.
"""

import base64
import datetime as dt
import gzip
import secrets

from django.conf import settings
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from .crypto import issuer_id
from .models import Award

LIST_SIZE = 131072  # bits: the minimum of the specification (16 KB)
FILL_LIMIT = LIST_SIZE // 2  # a fuller list is closed: a random draw then finds a free entry at once
PURPOSE = "revocation"
CONTEXT = "https://www.w3.org/ns/credentials/v2"


def status_list_url(number: int) -> str:
    return settings.SITE_URL + reverse("api:award_status_list", kwargs={"number": number})


def new_entry() -> tuple[int, int]:
    """A free (list, index) for a new award. Two awards issued at once may draw the same entry: the unique
    constraint refuses the second, whose caller draws again (signing.services.issue_award)."""
    number = Award.objects.aggregate(n=Max("status_list"))["n"] or 1
    used = set(
        Award.objects.filter(status_list=number, status_index__isnull=False).values_list(
            "status_index", flat=True
        )
    )
    if len(used) >= FILL_LIMIT:
        number, used = number + 1, set()
    index = secrets.randbelow(LIST_SIZE)
    while index in used:
        index = secrets.randbelow(LIST_SIZE)
    return number, index


def entry(award: Award) -> dict | None:
    """The award's `credentialStatus`, or None for an award without an entry."""
    if award.status_index is None:
        return None
    url = status_list_url(award.status_list)
    return {
        "id": f"{url}#{award.status_index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": PURPOSE,
        "statusListIndex": str(award.status_index),
        "statusListCredential": url,
    }


def bitstring(number: int) -> bytes:
    bits = bytearray(LIST_SIZE // 8)
    revoked = Award.objects.filter(
        status_list=number, status_index__isnull=False, revoked_at__isnull=False
    ).values_list("status_index", flat=True)
    for index in revoked:
        bits[index // 8] |= 0x80 >> (index % 8)
    return bytes(bits)


def encode(bits: bytes) -> str:
    """Multibase base64url (prefix `u`, no padding) of the GZIP-compressed bitstring."""
    packed = gzip.compress(bits, compresslevel=9, mtime=0)
    return "u" + base64.urlsafe_b64encode(packed).rstrip(b"=").decode()


def list_exists(number: int) -> bool:
    return number >= 1 and Award.objects.filter(status_list=number, status_index__isnull=False).exists()


def list_credential(number: int) -> dict:
    """The `BitstringStatusListCredential` of list `number`, as of now."""
    url = status_list_url(number)
    now = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    return {
        "@context": [CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id(),
        "validFrom": now.isoformat().replace("+00:00", "Z"),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": PURPOSE,
            "encodedList": encode(bitstring(number)),
        },
    }
