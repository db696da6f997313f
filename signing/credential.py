"""An award as an Open Badges 3.0 OpenBadgeCredential (W3C VC 2.0 data model), signed as a VC-JWT.

OB 3.0 §8.2 (JSON Web Token proof format): the JWT payload is the credential itself with the registered
claims beside it (`iss` = issuer id, `jti` = credential id, `sub` = credentialSubject.id, `nbf` =
validFrom, `exp` = validUntil); the JOSE header names the algorithm (RS256, the one every OB 3.0 verifier
supports), a `kid` that is a URL serving the public JWK, and the JWK itself.

The recipient (an organisation) has no URI of its own; `credentialSubject.id` is a stable opaque URN for
it (a name-based UUID of the site and the organisation's number), the same in all its credentials.
Revocation: `credentialStatus` names the award's entry of the public Bitstring Status List (signing.status).
"""

import datetime as dt
import uuid
from zoneinfo import ZoneInfo

import jwt
from django.conf import settings
from django.urls import reverse

from . import crypto, status
from .models import Award

CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
SCHEMA = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"


def subject_id(award: Award) -> str:
    return "urn:uuid:" + str(
        uuid.uuid5(uuid.NAMESPACE_URL, f"{settings.SITE_URL}/organizations/{award.recipient_id}")
    )


def _start_of_day(day: dt.date, tz: str) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=ZoneInfo(tz))


def build_credential(award: Award) -> dict:
    tz = award.edition.timezone if award.edition_id else settings.TIME_ZONE
    title = award.title
    issuer_names = "、".join(title.issuers) or (award.edition.series.name if award.edition_id else "huiwu")
    credential = {
        "@context": CONTEXTS,
        "id": settings.SITE_URL + reverse("verify_award", kwargs={"serial": award.serial}),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {
            "id": crypto.issuer_id(),
            "type": ["Profile"],
            "name": issuer_names,
        },
        "validFrom": _start_of_day(award.issued_on, tz).isoformat(),
        "name": title.name_en or title.name,
        "credentialSubject": {
            "id": subject_id(award),
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityHash": award.recipient.name,
                    "identityType": "name",
                    "hashed": False,
                }
            ],
            "achievement": {
                "id": f"{settings.SITE_URL}/api/v1/award-titles/{title.code}",
                "type": ["Achievement"],
                "achievementType": "Award",
                "name": title.name,
                "description": title.description
                or f"{title.name}（{award.batch}）".replace("（）", "")
                + (f" / {title.name_en}" if title.name_en else ""),
                "criteria": {"narrative": title.description_en or title.description or title.name},
                "inLanguage": "zh-CN",
            },
        },
        "credentialSchema": [{"id": SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}],
    }
    if status_entry := status.entry(award):
        credential["credentialStatus"] = status_entry
    if award.document_number:
        credential["credentialSubject"]["achievement"]["humanCode"] = award.document_number
    if award.valid_until:
        end = _start_of_day(award.valid_until + dt.timedelta(days=1), tz) - dt.timedelta(seconds=1)
        credential["validUntil"] = end.isoformat()
    return credential


def sign_jwt(credential: dict, key) -> str:
    """`credential` as a compact JWS (VC-JWT), RS256 with the RSA key beside issuer key `key`."""
    claims = dict(credential)
    issuer = credential["issuer"]
    claims["iss"] = issuer["id"] if isinstance(issuer, dict) else issuer
    claims["jti"] = credential["id"]
    if subject := credential["credentialSubject"].get("id"):
        claims["sub"] = subject
    claims["nbf"] = int(dt.datetime.fromisoformat(credential["validFrom"]).timestamp())
    if "validUntil" in credential:
        claims["exp"] = int(dt.datetime.fromisoformat(credential["validUntil"]).timestamp())
    private = crypto.rsa_private_key(key)
    headers = {"kid": crypto.rsa_kid_url(key), "typ": "JWT", "jwk": crypto.rsa_public_jwk(key)}
    return jwt.encode(claims, private, algorithm="RS256", headers=headers)


def credential_jwt(award: Award) -> str:
    """The credential signed with the RSA key beside the issuer key that signed the award."""
    return sign_jwt(build_credential(award), award.key)
