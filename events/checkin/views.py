"""Staff check-in pages: the door scanner and the arrivals dashboard. Thin: data comes from services."""

import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import ensure_csrf_cookie

from .. import tickets
from ..access import flag_required, get_edition_or_404
from ..service_worker import offline_worker
from . import offline, stats
from .config import edition_config
from .hall import hall_figures


@never_cache
@ensure_csrf_cookie
@flag_required("checkin")
def scanner(request: HttpRequest, slug: str) -> HttpResponse:
    edition = get_edition_or_404(slug)
    cfg = edition_config(slug)
    points = list(cfg.points.values())
    chosen = request.GET.get("point")
    current = cfg.points.get(chosen) if chosen else cfg.default_point
    return render(
        request,
        "staff/checkin.html",
        {
            "edition": edition,
            "points": points,
            "current": current,
            "public_key": tickets.public_key_b64(cfg.signing_key),
        },
    )


SCANNER_ASSETS = (
    "css/huiwu.css",
    "css/checkin.css",
    "js/door.js",
    "js/door-ui.js",
    "js/door-search.js",
    "js/door-camera.js",
    "js/checkin.js",
    "vendor/jsqr/jsQR.js",
    "img/door-192.png",
    "img/door-512.png",
)


def _asset_urls() -> list[str]:
    urls = []
    for name in SCANNER_ASSETS:
        try:
            urls.append(static(name))
        except ValueError:  # not collected (e.g. jsQR without npm): the scanner works without it
            continue
    return urls


def scanner_worker(request: HttpRequest, slug: str) -> HttpResponse:
    """The scanner's service worker, allowed to control the scanner page (one level above its own path)."""
    get_edition_or_404(slug)
    # The scanner page and its assets open without network; the API always goes to the network (the page
    # decides offline from its signed snapshot). A log-out or a new point list shows at once with a network.
    return offline_worker(
        prefix=f"huiwu-door-{slug}-",
        assets=_asset_urls(),
        allowed=reverse("staff_registrations", kwargs={"slug": slug}),
        timeout_ms=3000,
        forget_gone=False,
    )


def scanner_manifest(request: HttpRequest, slug: str) -> HttpResponse:
    """Web app manifest: the scanner installs on a phone's home screen and opens full screen."""
    edition = get_edition_or_404(slug)
    scope = reverse("staff_checkin", kwargs={"slug": slug})
    body = {
        "name": f"{edition.name} · 签到 Check-in",
        "short_name": "签到 Door",
        "lang": "zh-CN",
        "start_url": scope,
        "scope": scope,
        "display": "standalone",
        "orientation": "portrait",
        "background_color": "#f7f3ec",
        "theme_color": "#9b1c1c",
        "icons": [
            {"src": static("img/door-192.png"), "sizes": "192x192", "type": "image/png"},
            {
                "src": static("img/door-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "any maskable",
            },
        ],
    }
    return HttpResponse(json.dumps(body, ensure_ascii=False), content_type="application/manifest+json")


@never_cache
@flag_required("checkin")
def hall(request: HttpRequest, slug: str) -> HttpResponse:
    """The entrance's big screen: arrivals live, Chinese first, readable from five metres."""
    edition = get_edition_or_404(slug)
    return render(request, "staff/hall.html", {"edition": edition, "data": hall_figures(slug=slug)})


@never_cache
@flag_required("checkin", "view")
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    edition = get_edition_or_404(slug)
    return render(
        request,
        "staff/checkin_dashboard.html",
        {
            "edition": edition,
            "data": stats.dashboard(edition),
            "conflicts": offline.list_conflicts(slug=slug),
        },
    )
