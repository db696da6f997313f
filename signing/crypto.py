"""The awards' issuer key, the canonical form an award is signed over, and signature checks.

Why one issuer key in the database rather than the edition's ticket key: an award outlives the edition that
presented it (a title is valid for years, editions are cloned and purged) and the issuing bodies are the
same across editions; a ticket key signs a different kind of statement and should never be able to forge a
title. So there is one active `IssuerKey`, generated on first use; each award records the key that signed
it, which leaves room to rotate the key without invalidating older awards.

Beside each Ed25519 key, an RSA key (generated on first use, stored in the same row) signs the awards' Open
Badges credentials as VC-JWTs with RS256, the algorithm OB 3.0 requires every verifier to support; its
public JWK is served at the URL the JWT's `kid` names.
"""

import base64
import hashlib
import json
from functools import lru_cache

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
    load_pem_private_key,
)
from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse

from .models import Award, IssuerKey

CANONICAL_VERSION = "huiwu-award-v1"


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def issuer_key() -> IssuerKey:
    """The active issuer key, created on first use."""
    key = IssuerKey.objects.filter(active=True).order_by("-created_at", "-id").first()
    if key:
        return key
    private = Ed25519PrivateKey.generate()
    raw_private = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    raw_public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    kid = "award-" + hashlib.sha256(raw_public).hexdigest()[:16]
    try:
        with transaction.atomic():
            return IssuerKey.objects.create(
                kid=kid, private_key=_b64(raw_private), public_key=_b64(raw_public)
            )
    except IntegrityError:  # pragma: no cover - two first uses at once; the other one won
        return IssuerKey.objects.filter(active=True).order_by("-created_at", "-id").first()


def all_keys() -> list[IssuerKey]:
    return list(IssuerKey.objects.order_by("created_at", "id"))


def private_key(key: IssuerKey) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(_unb64(key.private_key))


def public_key(key: IssuerKey) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(_unb64(key.public_key))


def public_jwk(key: IssuerKey) -> dict:
    return {"kty": "OKP", "crv": "Ed25519", "x": key.public_key, "kid": key.kid, "alg": "EdDSA", "use": "sig"}


# --- the RSA key beside it: RS256 for the VC-JWT (OB 3.0 §8.2: every verifier supports RS256) ----------
RSA_BITS = 3072  # NIST's size for keys that sign beyond 2030 (an award is valid for years)


def issuer_id() -> str:
    """The issuer's id in every credential and status list: the URL of its profile (keys included)."""
    return settings.SITE_URL + reverse("api:award_issuer")


def rsa_kid_url(key: IssuerKey) -> str:
    """The JWT `kid`: a URL that dereferences to the public JWK (OB 3.0 §8.2.3)."""
    return settings.SITE_URL + reverse("api:award_issuer_key", kwargs={"kid": key.kid})


def ensure_rsa_key(key: IssuerKey) -> IssuerKey:
    """The issuer key with its RSA key, generated and stored on first use (once, even if two requests race)."""
    if not key.rsa_private_key:
        private = rsa.generate_private_key(public_exponent=65537, key_size=RSA_BITS)
        pem = private.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()).decode()
        IssuerKey.objects.filter(pk=key.pk, rsa_private_key="").update(rsa_private_key=pem)
        key.rsa_private_key = IssuerKey.objects.values_list("rsa_private_key", flat=True).get(pk=key.pk)
    return key


@lru_cache(maxsize=8)
def _rsa_private(pem: str) -> rsa.RSAPrivateKey:
    return load_pem_private_key(pem.encode(), password=None)


def rsa_private_key(key: IssuerKey) -> rsa.RSAPrivateKey:
    return _rsa_private(ensure_rsa_key(key).rsa_private_key)


def rsa_public_jwk(key: IssuerKey) -> dict | None:
    """The RS256 public JWK of `key` (kid: its URL), or None while it has no RSA key."""
    if not key.rsa_private_key:
        return None
    numbers = _rsa_private(key.rsa_private_key).public_key().public_numbers()

    def b64int(n: int) -> str:
        return _b64(n.to_bytes((n.bit_length() + 7) // 8, "big"))

    return {
        "kty": "RSA",
        "n": b64int(numbers.n),
        "e": b64int(numbers.e),
        "kid": rsa_kid_url(key),
        "alg": "RS256",
        "use": "sig",
    }


def public_jwks() -> list[dict]:
    """Every public key: Ed25519 (the awards' own signatures) and RSA (the credentials' VC-JWTs)."""
    keys = []
    for key in all_keys():
        keys.append(public_jwk(key))
        if jwk := rsa_public_jwk(key):
            keys.append(jwk)
    return keys


def award_fields(award: Award) -> dict:
    """The public fields a signature covers. Status is left out: it changes (expiry, revocation)."""
    return {
        "v": CANONICAL_VERSION,
        "serial": award.serial,
        "title": award.title.code,
        "title_name": award.title.name,
        "recipient": award.recipient.name,
        "edition": award.edition.slug if award.edition_id else None,
        "issued_on": award.issued_on.isoformat(),
        "valid_until": award.valid_until.isoformat() if award.valid_until else None,
        "document_number": award.document_number,
    }


def canonical_award(award: Award) -> bytes:
    """Sorted keys, no whitespace, UTF-8: the same record always gives the same bytes."""
    return json.dumps(award_fields(award), sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sign_award(award: Award, key: IssuerKey) -> str:
    return _b64(private_key(key).sign(canonical_award(award)))


def signature_valid(award: Award) -> bool:
    try:
        public_key(award.key).verify(_unb64(award.signature), canonical_award(award))
    except (InvalidSignature, ValueError):
        return False
    return True
