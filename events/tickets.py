"""Signed ticket tokens: `<slug>.<code>.<version>.<signature>`, Ed25519 over the first three parts.

Compact enough for a small QR code, verifiable offline with the edition's public key.
"""

import base64
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

MAX_TOKEN_LENGTH = 200


def b64e(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64d(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def new_private_key() -> str:
    key = Ed25519PrivateKey.generate()
    return b64e(key.private_bytes_raw())


_private_cache: dict[str, Ed25519PrivateKey] = {}
_public_cache: dict[str, Ed25519PublicKey] = {}


def private_key(encoded: str) -> Ed25519PrivateKey:
    key = _private_cache.get(encoded)
    if key is None:
        key = _private_cache[encoded] = Ed25519PrivateKey.from_private_bytes(b64d(encoded))
    return key


def public_key(encoded_private: str) -> Ed25519PublicKey:
    key = _public_cache.get(encoded_private)
    if key is None:
        key = _public_cache[encoded_private] = private_key(encoded_private).public_key()
    return key


def public_key_b64(encoded_private: str) -> str:
    return b64e(public_key(encoded_private).public_bytes(Encoding.Raw, PublicFormat.Raw))


def public_key_pem(encoded_private: str) -> str:
    return public_key(encoded_private).public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo).decode()


@dataclass(frozen=True)
class TicketClaims:
    edition_slug: str
    code: str
    version: int


def sign_ticket(*, signing_key: str, edition_slug: str, code: str, version: int) -> str:
    body = f"{edition_slug}.{code}.{version}"
    return f"{body}.{b64e(private_key(signing_key).sign(body.encode()))}"


def parse_ticket(token: str) -> tuple[TicketClaims, bytes, bytes] | None:
    """Split a token without trusting it; None when it is not even shaped like one of ours."""
    if not isinstance(token, str) or not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    parts = token.strip().split(".")
    if len(parts) != 4:
        return None
    slug, code, version, sig = parts
    # isascii(): str.isdigit() also accepts digits like "²" that int() refuses.
    if not slug or not code or not version.isascii() or not version.isdigit() or len(version) > 6:
        return None
    try:
        signature = b64d(sig)
    except (ValueError, TypeError):
        return None
    # Only the canonical encoding: one signature, one token (no look-alike spellings of a valid ticket).
    if len(signature) != 64 or b64e(signature) != sig:
        return None
    return TicketClaims(slug, code, int(version)), f"{slug}.{code}.{version}".encode(), signature


def verify_signature(*, signing_key: str, body: bytes, signature: bytes) -> bool:
    try:
        public_key(signing_key).verify(signature, body)
    except InvalidSignature:
        return False
    return True
