"""What the journeys do besides clicking: API calls a client makes, logging in, reading files back with
independent readers (openpyxl, pdftotext, pdftoppm + zxing-cpp)."""

import email
import json
import re
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

SLUG = "dazu-2023"
PASSWORD = "huiwu-demo"  # the demo's staff password (events/demo.py)


def api(server, method: str, path: str, body: dict | None = None, token: str | None = None):
    """(status, parsed JSON or raw bytes) of a call to /api/v1."""
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"{server}/api/v1{path}", data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as r:
            status, raw, ctype = r.status, r.read(), r.headers.get("Content-Type", "")
    except urllib.error.HTTPError as e:
        status, raw, ctype = e.code, e.read(), e.headers.get("Content-Type", "")
    return status, (json.loads(raw) if "json" in ctype and raw else raw)


def organiser_token(server) -> str:
    if not getattr(server, "_organiser_token", None):
        server._organiser_token = server.manage("create_token", "organizer").strip().splitlines()[-1]
    return server._organiser_token


def unique_email(tag: str) -> str:
    return f"{tag}-{uuid.uuid4().hex[:8]}@example.com"


def register_by_api(server, name: str, category: str = "delegate", slug: str = SLUG, **fields) -> dict:
    """A registration made through the API by the organiser: 201 with code, status, ticket_token and
    manage_url (a public client gets only 202 "check your e-mail": `register_publicly`)."""
    body = {
        "category": category,
        "name": name,
        "organization": fields.pop("organization", "重庆工业设计促进中心"),
        "email": fields.pop("email", unique_email("api")),
        "consent": True,
        **fields,
    }
    status, out = api(server, "POST", f"/events/{slug}/registrations", body, organiser_token(server))
    assert status == 201, out
    out["manage_token"] = out["manage_url"].rsplit("/r/", 1)[1]
    return out


def mails_to(server, address: str) -> list[str]:
    """The text of every e-mail to `address` that `make run` wrote under var/mail, oldest first."""
    folder = Path(server.env["HUIWU_VAR_DIR"]) / "mail"
    texts = []
    for path in sorted(folder.glob("*.log"), key=lambda p: p.stat().st_mtime) if folder.exists() else []:
        # Bytes, not text: an 8bit part (short lines of Chinese) read from a str comes back \u-escaped.
        for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            message = email.message_from_bytes(chunk.strip(b"\n"))
            if message["To"] == address:
                part = next(p for p in message.walk() if p.get_content_type() == "text/plain")
                texts.append(part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8"))
    return texts


def wait_for_mail(server, address: str, count: int = 1, seconds: float = 30) -> str:
    """The `count`-th e-mail to `address` (the task worker sends it within a second or two)."""
    deadline = time.monotonic() + seconds
    while len(mails := mails_to(server, address)) < count:
        assert time.monotonic() < deadline, f"no e-mail number {count} to {address}: {mails}"
        time.sleep(0.2)
    return mails[count - 1]


def link_in(mail_text: str) -> str:
    """The private link's token in an e-mail."""
    return re.search(r"/r/([A-Za-z0-9_-]{43})", mail_text).group(1)


def login(page, username: str, password: str = PASSWORD):
    page.goto("/staff/login")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/staff/")


def pdf_text(data: bytes) -> str:
    assert data[:5] == b"%PDF-", data[:80]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(data)
        done = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
        )
        return done.stdout


def pdf_pages(data: bytes) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(data)
        done = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(next(line.split()[-1] for line in done.stdout.splitlines() if line.startswith("Pages:")))


def qr_codes_in_pdf(data: bytes, page: int = 1) -> list[str]:
    """Rasterise one page (pdftoppm) and decode every QR code on it (zxing-cpp)."""
    import zxingcpp
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(data)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "200",
                "-f",
                str(page),
                "-l",
                str(page),
                str(path),
                str(Path(tmp) / "p"),
            ],
            check=True,
        )
        png = next(Path(tmp).glob("p*.png"))
        return [r.text for r in zxingcpp.read_barcodes(Image.open(png))]
