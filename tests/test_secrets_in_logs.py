"""No secret in any log: gunicorn started as scripts/serve.sh starts it, an attendee registers and uses their
private link (page, API, export, a mistyped link), and the server's whole output holds neither the token
nor the search terms; the confirmation e-mail is written to var/mail, not to the log."""

import json
import re
import urllib.error
import urllib.request
from email import message_from_bytes

import pytest

from config.redact import redact
from tests.factories import make_category, make_edition
from tests.servers import gunicorn, run_task_worker

pytestmark = pytest.mark.django_db(transaction=True)


def call(url: str, data: dict | None = None, method: str | None = None) -> tuple[int, bytes]:
    body = json.dumps(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, method=method)
    if body is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_gunicorn_log_holds_no_manage_token_and_mail_goes_to_var_mail(tmp_path):
    edition = make_edition()
    make_category(edition)
    log = tmp_path / "server.log"
    with gunicorn(tmp_path / "var", log, HUIWU_THROTTLE="0") as base:
        status, body = call(
            f"{base}/api/v1/events/{edition.slug}/registrations",
            {"category": "delegate", "name": "张三", "organization": "某单位", "email": "zs@example.com"}
            | {"consent": True},
        )
        # The public answer carries no link: it comes by e-mail, sent by the task worker into var/mail.
        assert (status, json.loads(body)["status"]) == (202, "check_email"), body
        run_task_worker(tmp_path / "var", log)
        mails = sorted((tmp_path / "var" / "mail").iterdir())
        assert len(mails) == 1
        mail = message_from_bytes(mails[0].read_bytes())
        assert mail["To"] == "zs@example.com"
        text_part = next(p for p in mail.walk() if p.get_content_type() == "text/plain")
        token = re.search(r"/r/([A-Za-z0-9_-]{43})", text_part.get_payload(decode=True).decode()).group(1)
        answers = [
            call(f"{base}/r/{token}")[0],
            call(f"{base}/r/{token}?new=1")[0],
            call(f"{base}/r/{token}/export")[0],
            call(f"{base}/api/v1/registrations/{token}")[0],
            call(f"{base}/api/v1/registrations/{token}/export")[0],
            call(f"{base}/api/v1/registrations/{token[:-1]}x")[0],
            call(f"{base}/r/{token[:-1]}x")[0],
            call(f"{base}/u/{token}")[0],
        ]
    assert answers == [200, 200, 200, 200, 200, 404, 404, 404]
    text = log.read_text()
    assert token not in text
    assert token[:-1] not in text
    assert text.count("GET /r/[redacted]") == 4
    assert text.count("GET /api/v1/registrations/[redacted]") == 3
    assert "Not Found: /r/[redacted]" in text


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("GET /r/AbC_def-123 HTTP/1.1", "GET /r/[redacted] HTTP/1.1"),
        ("GET /r/AbC/export?new=1 HTTP/1.1", "GET /r/[redacted]/export?new=1 HTTP/1.1"),
        ("PATCH /api/v1/registrations/tok123 HTTP/1.1", "PATCH /api/v1/registrations/[redacted] HTTP/1.1"),
        ("GET /u/unit-secret/roster", "GET /u/[redacted]/roster"),
        ("GET /x/" + "a" * 43 + "/y", "GET /x/[redacted]/y"),
        (
            "GET /api/v1/jobs/0b1c9f1e-7a3b-4c55-9d0e-1f2a3b4c5d6e",
            "GET /api/v1/jobs/0b1c9f1e-7a3b-4c55-9d0e-1f2a3b4c5d6e",
        ),
        (
            "GET /staff/e/dazu-2023/?q=张三&status=confirmed",
            "GET /staff/e/dazu-2023/?q=[redacted]&status=confirmed",
        ),
        (
            "GET /api/v1/events/dazu-2023/checkin/search?q=138",
            "GET /api/v1/events/dazu-2023/checkin/search?q=[redacted]",
        ),
        ("GET /e/dazu-2023/agenda?at=2023-06-28", "GET /e/dazu-2023/agenda?at=2023-06-28"),
    ],
)
def test_redact_hides_secret_segments_and_search_terms(line, expected):
    assert redact(line) == expected
