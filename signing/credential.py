"""An award as an Open Badges 3.0 OpenBadgeCredential (W3C VC 2.0 data model), signed as a VC-JWT.

OB 3.0 §8.2 (JSON Web Token proof format): the JWT payload is the credential itself with the registered
claims beside it (`iss` = issuer id, `jti` = credential id, `nbf` = validFrom, `exp` = validUntil); the JOSE
header names the algorithm (EdDSA, Ed25519 here), the key id and carries the public key as a JWK.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import jwt
from django.conf import settings

from . import crypto
from .models import Award

CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
SCHEMA = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"


def issuer_id() -> str:
    return f"{settings.SITE_URL}/api/v1/award-issuer"


def _start_of_day(day: dt.date, tz: str) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=ZoneInfo(tz))


def build_credential(award: Award) -> dict:
    tz = award.edition.timezone if award.edition_id else settings.TIME_ZONE
    title = award.title
    issuer_names = "、".join(title.issuers) or (award.edition.series.name if award.edition_id else "huiwu")
    credential = {
        "@context": CONTEXTS,
        "id": f"{settings.SITE_URL}/verify/{award.serial}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {
            "id": issuer_id(),
            "type": ["Profile"],
            "name": issuer_names,
        },
        "validFrom": _start_of_day(award.issued_on, tz).isoformat(),
        "name": title.name_en or title.name,
        "credentialSubject": {
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
                or f"{title.name}（{title.batch}）".replace("（）", "")
                + (f" / {title.name_en}" if title.name_en else ""),
                "criteria": {"narrative": title.description_en or title.description or title.name},
                "inLanguage": "zh-CN",
            },
        },
        "credentialSchema": [{"id": SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}],
    }
    if award.document_number:
        credential["credentialSubject"]["achievement"]["humanCode"] = award.document_number
    if award.valid_until:
        end = _start_of_day(award.valid_until + dt.timedelta(days=1), tz) - dt.timedelta(seconds=1)
        credential["validUntil"] = end.isoformat()
    return credential


def credential_jwt(award: Award) -> str:
    """The credential as a compact JWS (VC-JWT) signed with the key that signed the award."""
    credential = build_credential(award)
    claims = dict(credential)
    claims["iss"] = credential["issuer"]["id"]
    claims["jti"] = credential["id"]
    claims["nbf"] = int(dt.datetime.fromisoformat(credential["validFrom"]).timestamp())
    if "validUntil" in credential:
        claims["exp"] = int(dt.datetime.fromisoformat(credential["validUntil"]).timestamp())
    headers = {"kid": award.key.kid, "typ": "JWT", "jwk": crypto.public_jwk(award.key)}
    return jwt.encode(claims, crypto.private_key(award.key), algorithm="EdDSA", headers=headers)
