"""The service worker of a page that must open with no network (the attendee's ticket, the door scanner):
one script, templates/events/offline_sw.js, with what differs between the pages as parameters."""

import hashlib
import json

from django.http import HttpResponse
from django.template.loader import render_to_string


def offline_worker(
    *, prefix: str, assets: list[str], allowed: str, timeout_ms: int, forget_gone: bool
) -> HttpResponse:
    """The worker's script. `prefix` names its caches (older versions under it are dropped), `assets` are
    kept beside the page, `allowed` is the scope it may control (the page, one level above the script),
    `timeout_ms` is how long the page waits for the network before the kept copy, `forget_gone` drops the
    copy when the page answers 404 or 410."""
    version = hashlib.sha256(json.dumps(assets).encode()).hexdigest()[:12]
    body = render_to_string(
        "events/offline_sw.js",
        {
            "prefix": prefix,
            "version": version,
            "assets": assets,
            "timeout_ms": timeout_ms,
            "forget_gone": forget_gone,
        },
    )
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = allowed
    response["Cache-Control"] = "no-cache"
    return response
