"""Offline door API: the signed snapshot a scanner decides from, and the upload of its queued scans."""

import gzip
import json

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema
from pydantic import Field

from ..auth import staff
from ..limits import limited
from ..models import CheckInPoint, Handover, HandoverItem, Scan
from ..privacy.access_log import log_staff_access
from . import offline, offline_sync
from .hall import hall_figures
from .schemas import HallOut, SnapshotOut, SyncOut

router = Router(tags=["check-in"])


class SyncScanIn(Schema):
    nonce: str = limited(Scan, "nonce", min_length=1, description="the scan's id on the device")
    token: str = Field(max_length=4096)
    point: str | None = limited(CheckInPoint, "code", None)
    scanned_at: str | None = Field(default=None, max_length=40, description="ISO 8601 with zone, device time")
    result: str | None = Field(
        default=None, max_length=20, description="what the device showed offline (a conflict needs `ok`)"
    )
    manual_reason: str | None = limited(
        Scan, "manual_reason", None, description="a check-in by hand made offline: why (as POST .../checkin)"
    )


class SyncHandoverIn(Schema):
    nonce: str = limited(Handover, "nonce", min_length=1, description="the hand-out's id on the device")
    token: str = Field(max_length=4096)
    item: str = limited(HandoverItem, "code", min_length=1, description="the item's code at the point")
    point: str | None = limited(CheckInPoint, "code", None)
    handed_at: str | None = Field(default=None, max_length=40, description="ISO 8601 with zone, device time")
    result: str | None = Field(
        default=None,
        max_length=20,
        description="what the device showed offline (a conflict needs `handed_over`)",
    )


class SyncIn(Schema):
    device: str = limited(Scan, "device", min_length=1)
    scans: list[SyncScanIn] = Field(max_length=offline_sync.MAX_SYNC_SCANS)
    handovers: list[SyncHandoverIn] = Field(
        default=[], max_length=offline_sync.MAX_SYNC_SCANS, description="hand-outs confirmed offline"
    )


def _json(body, status: int = 200) -> HttpResponse:
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type="application/json; charset=utf-8"
    )


@router.get("/events/{slug}/checkin/snapshot", response={200: SnapshotOut, 304: None}, auth=staff("checkin"))
def snapshot(request: HttpRequest, slug: str, point: str | None = None):
    """What an offline door needs, signed (header X-Snapshot-Signature); ETag and 304 when unchanged."""
    snap = offline.build_snapshot(slug=slug, point=point)
    etag = f'"{snap.version}"'
    headers = {
        "ETag": etag,
        "Cache-Control": "private, no-cache",
        "Vary": "Accept-Encoding, Cookie, Authorization",
    }
    if etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponse(status=304)
    else:
        body = offline.snapshot_bytes(snap)
        headers[offline.SIGNATURE_HEADER] = offline.sign_snapshot(slug=slug, body=body)
        if "gzip" in request.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=6, mtime=0)
            headers["Content-Encoding"] = "gzip"
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        log_staff_access(user=request.auth, action="checkin_snapshot", target=slug, path=request.path)
    for name, value in headers.items():
        response[name] = value
    return response


@router.post("/events/{slug}/checkin/sync", response=SyncOut, auth=staff("checkin"))
def sync(request: HttpRequest, slug: str, payload: SyncIn):
    """The scans a device queued offline, in order: one verdict each, plus `conflict` (null or the other
    admission). A replayed batch changes nothing."""
    done = offline_sync.sync(
        slug=slug,
        device=payload.device,
        scans=[s.dict() for s in payload.scans],
        handovers=[h.dict() for h in payload.handovers],
        user=request.auth,
    )
    return _json({"device": payload.device, **done})


@router.get("/events/{slug}/checkin/hall", response=HallOut, auth=staff("checkin"), url_name="checkin_hall")
def hall(request: HttpRequest, slug: str):
    """The hall screen's figures: expected / arrived / absent per category and per unit, the last arrivals."""
    return _json(hall_figures(slug=slug))
