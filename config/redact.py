"""Secrets and personal data out of every log line: the manage link's token (/r/<token>,
/api/v1/registrations/<token>), any other link that is itself a key (/u/<token>, a long random path
segment), search terms in query strings, and credentials in headers.

Used by gunicorn's access log (config/gunicorn_logging.py) and by a filter on Django's log handlers
(settings.LOGGING), so "Not Found: /r/<token>" is written without the token as well."""

import logging
import re

REDACTED = "[redacted]"
# Path segments that are secrets by position: the manage link (page and API) and unit links.
_SECRET_AFTER = re.compile(r"(/(?:r|u)/|/api/v1/(?:registrations|units)/)[^/?#\s\"']+")
# Any other long random segment (a token is 43 characters of base64url); UUIDs (job ids) are not secrets.
_LONG_SEGMENT = re.compile(r"(?<=/)[A-Za-z0-9_-]{32,}(?=[/?#\s\"']|$)")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)
# Query parameters that carry a secret or what a person searched for (a name, an e-mail, a phone number).
_SECRET_PARAMS = re.compile(
    r"((?:^|[?&])(?:q|token|manage_token|ticket|email|phone|name|password)=)[^&#\s\"']*", re.IGNORECASE
)
SECRET_HEADERS = {"authorization", "cookie", "set-cookie", "x-csrftoken", "proxy-authorization"}


def _long_segment(match: re.Match) -> str:
    return match.group(0) if _UUID.fullmatch(match.group(0)) else REDACTED


def redact(text: str) -> str:
    """`text` with every secret path segment and sensitive query value replaced by [redacted]."""
    if not text or not isinstance(text, str):
        return text
    text = _SECRET_AFTER.sub(lambda m: m.group(1) + REDACTED, text)
    text = _LONG_SEGMENT.sub(_long_segment, text)
    return _SECRET_PARAMS.sub(lambda m: m.group(1) + REDACTED, text)


class RedactSecretsFilter(logging.Filter):
    """A logging filter: the formatted message (and an exception's text) with secrets redacted."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format string is logged as it is
            return True
        record.msg, record.args = redact(message), None
        return True
