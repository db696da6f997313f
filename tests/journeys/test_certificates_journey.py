"""Certificates that stay true, walked through against the served demo (dazu-2023):

- a guest whose name has rare characters (生僻字 of CJK Extension B) registers on her phone, and the badge
  the organiser prints for her shows the characters, in the font that has them;
- the organiser opens the signings page, downloads an award's certificate (PDF/A-3b, tagged) and follows
  its verification page to the Open Badges credential; a wallet checks the credential's VC-JWT with the key
  its `kid` names and reads the award's bit in the published status list; the organiser revokes the award,
  and the wallet, reading the same list again, sees it revoked.

The demo server's SITE_URL is `make run`'s default (port 8000): the URLs inside credentials are read on
this server by their path, as a deployment with HUIWU_SITE_URL set serves them."""

import base64
import gzip
import io
import json
import subprocess
import tempfile
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import jwt
import pikepdf

from tests.journeys.people import link_in, wait_for_mail

RARE_NAME = "王𠀀𪚥"


def path_of(url: str) -> str:
    return urlsplit(url).path


def pdf_tool(tool: str, pdf: bytes) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        return subprocess.run(
            [tool, str(path), *(["-"] if tool == "pdftotext" else [])],
            capture_output=True,
            text=True,
            check=True,
        ).stdout


def status_bit(server, entry: dict) -> int:
    status, _, body = server.get(path_of(entry["statusListCredential"]))
    assert status == 200
    encoded = json.loads(body)["credentialSubject"]["encodedList"][1:]  # multibase "u": base64url
    bits = gzip.decompress(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
    index = int(entry["statusListIndex"])
    return (bits[index // 8] >> (7 - index % 8)) & 1


def log_in(page, next_path: str):
    page.goto(f"/staff/login?next={next_path}")
    page.fill("#id_username", "organizer")
    page.fill("#id_password", "huiwu-demo")
    with page.expect_navigation():
        page.click("form:has(#id_password) button[type=submit]")
    assert path_of(page.url) == next_path


def test_a_rare_name_prints_on_the_badge(server, phone, desk):
    phone.goto("/e/dazu-2023/register")
    phone.fill("#id_name", RARE_NAME)
    phone.fill("#id_organization", "重庆市大足区经济和信息化委员会")
    phone.fill("#id_email", "rare-name@example.com")
    phone.select_option("#id_category", "delegate")  # confirmed at once (guests wait for approval)
    phone.check("#id_consent")
    phone.click("form.form button[type=submit]")
    phone.wait_for_load_state()
    assert phone.locator('[data-state="check-email"] h2').inner_text() == "请查收邮件"
    phone.goto(f"/r/{link_in(wait_for_mail(server, 'rare-name@example.com'))}")
    assert phone.locator(".ticket-name").inner_text() == RARE_NAME
    code = phone.locator("strong.code").first.inner_text()

    log_in(desk, "/staff/e/dazu-2023/documents")
    response = desk.request.get(f"/api/v1/events/dazu-2023/registrations/{code}/badge.pdf")
    assert response.status == 200
    badge = response.body()
    assert RARE_NAME in pdf_tool("pdftotext", badge)
    assert "HanaMin" in pdf_tool("pdffonts", badge)


def test_a_revoked_award_reads_revoked_in_any_wallet(server, desk):
    log_in(desk, "/staff/e/dazu-2023/signing")
    row = desk.locator("tr", has=desk.locator("a", has_text="Certificate")).first
    certificate_link = row.locator("a", has_text="Certificate")
    serial = certificate_link.get_attribute("href").split("/")[-2]

    # The certificate, as archived: PDF/A-3b, tagged.
    pdf = desk.request.get(certificate_link.get_attribute("href")).body()
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        meta = doc.open_metadata()
        assert (meta.get("pdfaid:part"), meta.get("pdfaid:conformance")) == ("3", "B")
        assert "/StructTreeRoot" in doc.Root and bool(doc.Root.MarkInfo.Marked)

    # The verification page (the certificate's QR) links the machine-readable credential.
    row.locator("a", has_text="Verify").click()
    desk.wait_for_url(f"**/verify/{serial}")
    credential_href = desk.locator("a", has_text="Open Badges 3.0").get_attribute("href")
    data = json.loads(desk.request.get(credential_href).body())
    credential, token = data["credential"], data["jwt"]

    # A wallet: the JWT's key from the URL its kid names, nothing else.
    header = jwt.get_unverified_header(token)
    status, headers, body = server.get(path_of(header["kid"]))
    assert status == 200
    claims = jwt.decode(token, jwt.PyJWK(json.loads(body)), algorithms=["RS256"])
    assert claims["sub"] == credential["credentialSubject"]["id"]
    entry = claims["credentialStatus"]
    assert entry["type"] == "BitstringStatusListEntry"
    assert status_bit(server, entry) == 0

    # The organiser revokes the award.
    api_token = server.manage("create_token", "organizer").strip()
    request = urllib.request.Request(
        f"{server}/api/v1/awards/{serial}/revoke",
        data=json.dumps({"reason": "材料不实 / false statements"}).encode(),
        headers={"Authorization": f"Bearer {api_token}", "Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert json.loads(response.read())["status"] == "revoked"

    # The same JWT still verifies (it is what the holder keeps), but its status list now says revoked.
    assert jwt.decode(token, jwt.PyJWK(json.loads(body)), algorithms=["RS256"])["jti"] == credential["id"]
    assert status_bit(server, entry) == 1
    desk.reload()
    assert "Revoked" in desk.locator(".verdict").inner_text()
