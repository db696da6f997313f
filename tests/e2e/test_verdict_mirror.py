"""One table of door cases, two verdicts: the server's (events/checkin/scanning.py `check_in`, events/checkin/handover.py
`hand_over`) and the offline scanner's JavaScript mirror of it (static/js/door.js `decide`, `handOver`, run in
Chromium on the signed snapshot the server built from the same database). Both must give the table's answer,
so the two cannot drift apart.

(One difference is by design and not in the table: offline, a ticket naming another edition reads
`wrong_event` without its signature being checked, since the scanner holds only its own edition's key.)
"""

import datetime as dt
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from events.checkin import config as checkin_config
from events.checkin import handover as checkin_handover
from events.checkin import scanning
from events.enums import EntryRule
from events.models import Admission, Handover, HandoverItem
from events.registration import services
from tests.factories import make_category, make_edition, make_point, register, token_for

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]
DOOR_JS = Path(__file__).resolve().parents[2] / "static" / "js" / "door.js"
ORIGIN = "http://localhost:9"  # loopback is a secure context (WebCrypto); every request is routed here


def forge(token: str) -> str:
    body, sig = token.rsplit(".", 1)
    return f"{body}.{sig[:20]}{'B' if sig[20] != 'B' else 'C'}{sig[21:]}"


# (case, who and what came before, point, item to hand over or None for a scan,
#  expected (result, reason, entries, handover [(item, already received)] or None))
CASES = [
    (
        "delegate, first scan",
        "delegate",
        "main-hall",
        None,
        ("ok", "", None, [("bag", False), ("lunch", False)]),
    ),
    ("guest, first scan", "guest", "main-hall", None, ("ok", "", None, [("bag", False)])),
    ("forged signature", "forged", "main-hall", None, ("unknown", "bad_signature", None, None)),
    ("not a ticket", "garbage", "main-hall", None, ("unknown", "malformed", None, None)),
    ("another edition's ticket", "other-edition", "main-hall", None, ("wrong_event", "", None, None)),
    ("old ticket after a reissue", "reissued", "main-hall", None, ("unknown", "revoked", None, None)),
    ("cancelled", "cancelled", "main-hall", None, ("cancelled", "", None, None)),
    ("awaiting approval", "pending", "main-hall", None, ("not_confirmed", "", None, None)),
    ("category not admitted here", "delegate", "signing", None, ("not_allowed", "", None, None)),
    (
        "in already, once-only",
        "delegate in main-hall",
        "main-hall",
        None,
        ("already_checked_in", "", None, [("bag", False), ("lunch", False)]),
    ),
    (
        "in already, bag received",
        "delegate in main-hall with bag",
        "main-hall",
        None,
        ("already_checked_in", "", None, [("bag", True), ("lunch", False)]),
    ),
    ("re-entry point, first time", "guest", "signing", None, ("ok", "", 1, None)),
    ("re-entry point, third time", "guest in signing twice", "signing", None, ("ok", "", 3, None)),
    (
        "once a day, in today",
        "delegate in breakfast today",
        "breakfast",
        None,
        ("already_checked_in", "", None, None),
    ),
    (
        "once a day, in two days ago",
        "delegate in breakfast 2 days ago",
        "breakfast",
        None,
        ("ok", "", 2, None),
    ),
    ("item for a named person", "named guest", "dinner", None, ("ok", "", None, [("room", False)])),
    ("point with items, none for this guest", "guest", "dinner", None, ("ok", "", None, [])),
    (
        "hand over the bag",
        "delegate",
        "main-hall",
        "bag",
        ("handed_over", "", None, [("bag", True), ("lunch", False)]),
    ),
    (
        "hand over the bag again",
        "delegate in main-hall with bag",
        "main-hall",
        "bag",
        ("already_handed_over", "", None, [("bag", True), ("lunch", False)]),
    ),
    ("lunch voucher not for a guest", "guest", "main-hall", "lunch", ("not_due", "", None, [("bag", False)])),
    ("hand over to a cancelled ticket", "cancelled", "main-hall", "bag", ("cancelled", "", None, None)),
    ("hand over to a forged ticket", "forged", "main-hall", "bag", ("unknown", "", None, None)),
    (
        "room card to the named person",
        "named guest",
        "dinner",
        "room",
        ("handed_over", "", None, [("room", True)]),
    ),
]


def essence(body: dict) -> tuple:
    handover = body.get("handover")
    return (
        body["result"],
        body.get("reason", "") if "item" not in body else "",
        body.get("entries"),
        None if handover is None else [(h["item"], h["handed_at"] is not None) for h in handover],
    )


@pytest.fixture
def door():
    edition = make_edition()
    delegate = make_category(edition, "delegate")
    guest = make_category(edition, "guest", name="嘉宾", name_en="Guest")
    media = make_category(edition, "media", name="媒体", name_en="Media", requires_approval=True)
    hall = make_point(edition, "main-hall", [delegate, guest, media], is_default=True)
    make_point(edition, "signing", [guest], entry=EntryRule.MANY)
    make_point(edition, "breakfast", [delegate], entry=EntryRule.DAILY)
    dinner = make_point(edition, "dinner", [guest])
    bag = HandoverItem.objects.create(
        point=hall, code="bag", name="资料袋", name_en="Conference bag", order=0
    )
    lunch = HandoverItem.objects.create(
        point=hall, code="lunch", name="午餐券", name_en="Lunch voucher", order=1
    )
    lunch.categories.set([delegate])
    HandoverItem.objects.create(point=dinner, code="room", name="房卡", name_en="Room card")
    other = make_edition("other-2024")
    make_category(other)
    make_point(other, "main-hall", is_default=True)
    checkin_config.forget_config()
    return edition, bag, other


def arrange(edition, bag, other, who: str) -> str:
    """A person as the case describes them; their ticket (or what is scanned instead)."""
    now = timezone.now()
    if who == "garbage":
        return "not-a-ticket"
    if who == "other-edition":
        return register(other).ticket_token
    if who == "pending":
        return services_ticket(register(edition, "media"))
    category = "guest" if who.startswith(("guest", "named guest")) else "delegate"
    result = register(edition, category)
    reg, token = result.registration, result.ticket_token
    if who == "forged":
        return forge(token)
    if who == "cancelled":
        services.cancel_registration(registration=reg)
    if who == "reissued":
        services.reissue_ticket(registration=reg)
    if who == "named guest":
        edition.checkin_points.get(code="dinner").handover_items.get(code="room").people.add(reg)
        checkin_config.forget_config()

    def admitted(point, at, entries=1):
        Admission.objects.create(
            registration=reg,
            point=edition.checkin_points.get(code=point),
            first_at=at,
            last_at=at,
            entries=entries,
        )

    if who.startswith("delegate in main-hall"):
        admitted("main-hall", now - dt.timedelta(minutes=30))
    if who.endswith("with bag"):
        Handover.objects.create(item=bag, registration=reg, at=now - dt.timedelta(minutes=29))
    if who == "guest in signing twice":
        admitted("signing", now - dt.timedelta(minutes=50), entries=2)
    if who == "delegate in breakfast today":
        admitted("breakfast", now - dt.timedelta(seconds=5))
    if who == "delegate in breakfast 2 days ago":
        admitted("breakfast", now - dt.timedelta(days=2))
    return token


def services_ticket(result) -> str:
    # A pending registration has no ticket in its answer; the door may still be shown a QR signed for it.
    from events import tickets

    reg = result.registration
    return tickets.sign_ticket(
        signing_key=reg.edition.signing_key,
        edition_slug=reg.edition.slug,
        code=reg.code,
        version=reg.ticket_version,
    )


def test_python_and_javascript_verdicts_give_the_table(door, browser):
    edition, bag, other = door
    tokens = [arrange(edition, bag, other, who) for _, who, *_ in CASES]
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token_for('door', 'checkin')}")
    snap = api.get(f"/api/v1/events/{edition.slug}/checkin/snapshot")
    assert snap.status_code == 200

    context = browser.new_context()
    try:
        page = context.new_page()
        page.route(
            f"{ORIGIN}/",
            lambda r: r.fulfill(content_type="text/html", body='<script src="/door.js"></script>'),
        )
        page.route(
            f"{ORIGIN}/door.js", lambda r: r.fulfill(content_type="text/javascript", body=DOOR_JS.read_text())
        )
        page.goto(f"{ORIGIN}/")
        offline = page.evaluate(
            """async ([text, signature, key, slug, cases]) => {
                const door = new HuiwuDoor({slug: slug, api: "/api", publicKey: key});
                if (!(await door.verifyBytes(new TextEncoder().encode(text), signature))) return "bad snapshot";
                door.adopt(text, signature);
                const out = [];
                for (const [token, point, item] of cases) {
                    out.push(item ? await door.handOver(token, point, item) : await door.decide(token, point));
                }
                return out;
            }""",
            [
                snap.content.decode(),
                snap["X-Snapshot-Signature"],
                checkin_config.public_key(edition.slug)["public_key"],
                edition.slug,
                [[token, point, item] for token, (_, _, point, item, _) in zip(tokens, CASES, strict=True)],
            ],
        )
    finally:
        context.close()

    online = []
    for token, (_, _, point, item, _) in zip(tokens, CASES, strict=True):
        if item:
            online.append(checkin_handover.hand_over(slug=edition.slug, token=token, point=point, item=item))
        else:
            online.append(scanning.check_in(slug=edition.slug, token=token, point=point))

    expected = {case: want for case, _, _, _, want in CASES}
    assert {case: essence(b) for (case, *_), b in zip(CASES, online, strict=True)} == expected
    assert {case: essence(b) for (case, *_), b in zip(CASES, offline, strict=True)} == expected
