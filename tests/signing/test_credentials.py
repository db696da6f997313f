"""Open Badges 3.0 credentials as an independent verifier reads them: the VC-JWT checked by PyJWT with
only the public key fetched from the URL its `kid` names, the credential JSON checked against 1EdTech's
JSON schema (test data), and revocation read from the published W3C Bitstring Status List."""

import base64
import datetime as dt
import gzip
import itertools
import json
from pathlib import Path
from urllib.parse import urlparse

import jsonschema
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from signing import services
from signing.models import Award
from tests.factories import token_for
from tests.signing.factories import make_title

pytestmark = pytest.mark.django_db

SITE = "https://huiwu.example.org"
SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "ob_v3p0_achievementcredential_schema.json").read_text()
)


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = SITE


def issue(recipient="大足石刻文创园", **fields) -> Award:
    return services.issue_award(title="design-base", recipient=recipient, **fields)


def fetch(client, url: str, **headers):
    """GET a public URL the way a verifier on the Internet would, through the test client."""
    assert url.startswith(SITE + "/"), url
    return client.get(urlparse(url).path, **headers)


_organisers = itertools.count(1)


def revoke(client, award: Award):
    """Revoke through the API, as an organiser does."""
    token = token_for(f"organiser{next(_organisers)}", "admin")
    response = client.post(
        f"/api/v1/awards/{award.serial}/revoke",
        json.dumps({"reason": "材料不实"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 200


def status_bit(client, entry: dict) -> int:
    """Read the entry's bit as the specification says, with nothing but gzip and base64."""
    response = fetch(client, entry["statusListCredential"])
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-cache"
    status_list = response.json()
    assert status_list["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert status_list["id"] == entry["statusListCredential"]
    subject = status_list["credentialSubject"]
    assert (subject["type"], subject["statusPurpose"]) == ("BitstringStatusList", "revocation")
    encoded = subject["encodedList"]
    assert encoded[0] == "u"  # multibase: base64url without padding
    bits = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    assert len(bits) == 16384  # 131,072 entries, the specification's minimum
    index = int(entry["statusListIndex"])
    return (bits[index // 8] >> (7 - index % 8)) & 1


def test_revoking_an_award_sets_its_bit_in_the_published_status_list(client):
    make_title()
    award = issue()
    other = issue(recipient="天府设计产业园")
    entry = client.get(f"/api/v1/awards/{award.serial}/credential").json()["credential"]["credentialStatus"]
    other_entry = client.get(f"/api/v1/awards/{other.serial}/credential").json()["credential"][
        "credentialStatus"
    ]
    assert entry == {
        "id": f"{SITE}/api/v1/award-status/1#{entry['statusListIndex']}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(award.status_index),
        "statusListCredential": f"{SITE}/api/v1/award-status/1",
    }
    assert entry["statusListIndex"] != other_entry["statusListIndex"]
    assert (status_bit(client, entry), status_bit(client, other_entry)) == (0, 0)

    revoke(client, award)

    assert (status_bit(client, entry), status_bit(client, other_entry)) == (1, 0)


def test_only_revoked_awards_have_their_bit_set(client):
    make_title()
    awards = [issue(recipient=f"单位{n}") for n in range(5)]
    revoke(client, awards[1])
    revoke(client, awards[3])
    encoded = fetch(client, f"{SITE}/api/v1/award-status/1").json()["credentialSubject"]["encodedList"]
    bits = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    set_bits = {i for i in range(len(bits) * 8) if (bits[i // 8] >> (7 - i % 8)) & 1}
    assert set_bits == {awards[1].status_index, awards[3].status_index}


def test_status_list_as_vc_jwt_verifies_with_the_issuer_key(client):
    make_title()
    award = issue()
    revoke(client, award)
    response = fetch(client, f"{SITE}/api/v1/award-status/1", HTTP_ACCEPT="application/vc+jwt")
    assert response["Content-Type"] == "application/vc+jwt"
    token = response.content.decode()
    header = jwt.get_unverified_header(token)
    public = jwt.PyJWK(fetch(client, header["kid"]).json())
    claims = jwt.decode(token, public, algorithms=["RS256"])
    assert claims["iss"] == f"{SITE}/api/v1/award-issuer"
    assert claims["credentialSubject"]["statusPurpose"] == "revocation"


def test_unknown_status_list_is_404(client):
    make_title()
    issue()
    assert client.get("/api/v1/award-status/2").status_code == 404
    assert client.get("/api/v1/award-status/0").status_code == 404
    assert client.get("/api/v1/award-status/99999999999999999999").status_code == 404  # past any column


def test_vc_jwt_verifies_with_pyjwt_and_only_the_public_jwk_its_kid_names(client):
    make_title()
    award = issue(issued_on=dt.date(2030, 6, 28))
    data = client.get(f"/api/v1/awards/{award.serial}/credential").json()
    header = jwt.get_unverified_header(data["jwt"])
    assert (header["alg"], header["typ"]) == ("RS256", "JWT")
    assert header["kid"] == f"{SITE}/api/v1/award-issuer/keys/{award.key.kid}"
    served = fetch(client, header["kid"])
    assert served["Content-Type"] == "application/jwk+json"
    jwk = served.json()
    assert set(jwk) == {"kty", "n", "e", "kid", "alg", "use"}  # public parts only
    assert jwk in client.get("/api/v1/award-issuer").json()["keys"]  # and in the issuer's JWK set
    claims = jwt.decode(data["jwt"], jwt.PyJWK(jwk), algorithms=["RS256"], options={"verify_nbf": False})
    credential = data["credential"]
    assert claims["iss"] == credential["issuer"]["id"] == f"{SITE}/api/v1/award-issuer"
    assert claims["jti"] == credential["id"] == f"{SITE}/verify/{award.serial}"
    assert claims["sub"] == credential["credentialSubject"]["id"]
    assert claims["sub"].startswith("urn:uuid:")
    assert claims["nbf"] == int(dt.datetime(2030, 6, 27, 16, 0, tzinfo=dt.UTC).timestamp())
    assert claims["exp"] == int(dt.datetime(2033, 6, 27, 15, 59, 59, tzinfo=dt.UTC).timestamp())
    assert claims == {
        **credential,
        "iss": claims["iss"],
        "jti": claims["jti"],
        "sub": claims["sub"],
        "nbf": claims["nbf"],
        "exp": claims["exp"],
    }


def test_the_recipient_keeps_one_subject_id_across_its_credentials(client):
    make_title()
    make_title("smart-base", name="智能制造示范基地")
    first = issue()
    second = services.issue_award(title="smart-base", recipient="大足石刻文创园")
    other = issue(recipient="天府设计产业园")

    def sub(award):
        return jwt.decode(
            client.get(f"/api/v1/awards/{award.serial}/credential").json()["jwt"],
            options={"verify_signature": False},
        )["sub"]

    assert sub(first) == sub(second) != sub(other)


def test_vc_jwt_fails_with_another_rsa_key(client):
    make_title()
    award = issue()
    token = client.get(f"/api/v1/awards/{award.serial}/credential").json()["jwt"]
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key()
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(token, stranger, algorithms=["RS256"])


def test_unknown_kid_is_404(client):
    assert client.get("/api/v1/award-issuer/keys/award-0000000000000000").status_code == 404


def test_credential_validates_against_the_1edtech_ob3_json_schema(client):
    make_title()
    award = issue(document_number="渝经信〔2030〕1号")
    credential = client.get(f"/api/v1/awards/{award.serial}/credential").json()["credential"]
    validator = jsonschema.Draft201909Validator(
        SCHEMA, format_checker=jsonschema.Draft201909Validator.FORMAT_CHECKER
    )
    assert [e.message for e in validator.iter_errors(credential)] == []
    # The schema is not a rubber stamp: what it requires, it checks.
    broken = {**credential, "validFrom": credential["validFrom"][:10]}
    del broken["name"]
    assert sorted(e.message for e in validator.iter_errors(broken)) == [
        f"'{credential['validFrom'][:10]}' is not a 'date-time'",
        "'name' is a required property",
    ]


def test_a_half_full_list_is_closed_and_the_next_one_published(client, monkeypatch):
    from signing import status

    monkeypatch.setattr(status, "FILL_LIMIT", 2)  # 65,536 awards in real life
    make_title()
    awards = [issue(recipient=f"单位{n}") for n in range(3)]
    assert [a.status_list for a in awards] == [1, 1, 2]
    revoke(client, awards[2])
    entry = client.get(f"/api/v1/awards/{awards[2].serial}/credential").json()["credential"][
        "credentialStatus"
    ]
    assert entry["statusListCredential"] == f"{SITE}/api/v1/award-status/2"
    assert status_bit(client, entry) == 1
