import json

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from audit.models import AppendOnly, AuditEntry
from tests.factories import make_category, make_edition, make_user, register, token_for

pytestmark = pytest.mark.django_db


def _row_text(entry: AuditEntry) -> str:
    return json.dumps(
        {f.attname: str(getattr(entry, f.attname)) for f in AuditEntry._meta.fields}, ensure_ascii=False
    )


def _writes():
    return AuditEntry.objects.exclude(action__in=["login", "login_failed", "logout", "token_new_address"])


def test_api_write_leaves_one_entry_with_its_field_changes(client):
    edition = make_edition()
    make_category(edition, "delegate", capacity=5)
    token = token_for("boss", "organiser")
    response = client.patch(
        f"/api/v1/events/{edition.slug}/categories/delegate",
        {"capacity": 10},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 200
    [entry] = _writes()
    assert (entry.action, entry.object, entry.edition_id, entry.username) == (
        "patch_category",
        "code=delegate",
        edition.pk,
        "boss",
    )
    assert entry.changes == {"capacity": [5, 10]}
    assert entry.token_id is not None
    assert token not in _row_text(entry)


def test_refused_write_leaves_no_entry(client):
    edition = make_edition()
    make_category(edition, "delegate", capacity=5)
    token = token_for("boss", "organiser")
    response = client.patch(
        f"/api/v1/events/{edition.slug}/categories/delegate",
        {"capacity": -1},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 422
    assert _writes().count() == 0


def test_page_write_records_personal_field_names_never_values(client):
    edition = make_edition()
    make_category(edition, "delegate")
    reg = register(edition, "delegate", name="王芳", phone="13800138000").registration
    client.force_login(make_user("boss", "organiser"))
    response = client.post(
        f"/staff/e/{edition.slug}/registrations/{reg.code}/edit",
        {
            "name": "王芳芳",
            "organization": "重庆设计院",
            "email": reg.email,
            "phone": "13900139000",
            "language": "zh-hans",
        },
    )
    assert response.status_code == 302
    [entry] = _writes()
    assert entry.action == "staff_registration_edit"
    assert entry.object == f"code={reg.code}"
    assert entry.edition_id == edition.pk
    assert entry.changes["name"] is None
    assert entry.changes["phone"] is None
    assert entry.changes["organization"][1] == "重庆设计院"
    row = _row_text(entry)
    for value in ("王芳", "13800138000", "13900139000", reg.email):
        assert value not in row


def test_attendee_editing_through_their_link_is_not_a_staff_write(client):
    edition = make_edition()
    make_category(edition, "delegate")
    result = register(edition, "delegate")
    response = client.patch(
        f"/api/v1/registrations/{result.manage_token}", {"title": "主任"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert AuditEntry.objects.count() == 0


def test_logins_and_failed_logins_are_recorded_without_the_password(client):
    make_user("boss", "organiser", password="a-long-password-1")
    client.post("/staff/login", {"username": "boss", "password": "wrong-password-9"})
    client.post("/staff/login", {"username": "boss", "password": "a-long-password-1"})
    actions = list(AuditEntry.objects.order_by("id").values_list("action", "username"))
    assert actions == [("login_failed", "boss"), ("login", "boss")]
    for entry in AuditEntry.objects.all():
        row = _row_text(entry)
        assert "wrong-password-9" not in row
        assert "a-long-password-1" not in row
    # Signing in is not itself recorded as a write.
    assert _writes().count() == 0


def test_token_use_from_a_new_address_is_recorded_once_per_address(client):
    edition = make_edition()
    token = token_for("viewer1", "viewer")
    url = f"/api/v1/events/{edition.slug}/registrations.xlsx"
    for address in ("10.0.0.1", "10.0.0.1", "10.0.0.2"):
        assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}", REMOTE_ADDR=address).status_code == 200
    entries = AuditEntry.objects.filter(action="token_new_address").order_by("id")
    assert [e.ip for e in entries] == ["10.0.0.1", "10.0.0.2"]
    assert all(token not in _row_text(e) for e in entries)


def test_audit_api_lists_one_edition_only_and_filters(client):
    a, b = make_edition("ed-a"), make_edition("ed-b")
    make_category(a, "delegate", capacity=5)
    make_category(b, "delegate", capacity=5)
    token = token_for("boss", "organiser")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    for edition, capacity in ((a, 6), (b, 7)):
        client.patch(
            f"/api/v1/events/{edition.slug}/categories/delegate",
            {"capacity": capacity},
            content_type="application/json",
            **auth,
        )
    # ed-a's list: its write (and the token's first use, which came through ed-a's URL), not ed-b's.
    body = client.get("/api/v1/events/ed-a/audit", **auth).json()
    assert sorted((e["action"], json.dumps(e["changes"])) for e in body) == [
        ("patch_category", '{"capacity": [5, 6]}'),
        ("token_new_address", "{}"),
    ]
    assert set(body[0]) == {"at", "user", "token", "action", "label", "edition", "object", "changes"}
    writes = client.get("/api/v1/events/ed-a/audit?action=patch_category", **auth).json()
    assert [(e["changes"], e["user"]) for e in writes] == [({"capacity": [5, 6]}, "boss")]
    assert client.get("/api/v1/events/ed-a/audit?action=login", **auth).json() == []
    assert len(client.get("/api/v1/events/ed-a/audit?since=2000-01-01", **auth).json()) == 2
    assert client.get("/api/v1/events/ed-a/audit?since=2999-01-01T00:00", **auth).json() == []
    bad = client.get("/api/v1/events/ed-a/audit?since=yesterday", **auth)
    assert (bad.status_code, bad.json()["field"]) == (422, "since")


def test_audit_api_needs_admin_or_settings(client):
    edition = make_edition()
    assert client.get(f"/api/v1/events/{edition.slug}/audit").status_code == 401
    token = token_for("door", "checkin")
    response = client.get(f"/api/v1/events/{edition.slug}/audit", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 403


def test_audit_page_shows_the_edition_entries_with_filters(client):
    a, b = make_edition("ed-a"), make_edition("ed-b")
    make_category(a, "delegate", capacity=5)
    make_category(b, "delegate", capacity=5)
    token = token_for("other", "organiser")
    for slug, capacity in (("ed-a", 8), ("ed-b", 77)):
        client.patch(
            f"/api/v1/events/{slug}/categories/delegate",
            {"capacity": capacity},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )
    client.force_login(make_user("boss", "organiser"))
    html = client.get("/staff/e/ed-a/audit", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    table = html.split('id="audit"')[1].split("</table>")[0]
    assert "Audit log" in html
    assert '<code class="muted small">patch_category</code>' in table
    assert "Change a category" in table  # the action in words, its machine name below
    assert "5 → 8" in table
    assert "77" not in table  # the other edition's change
    assert (
        client.get("/staff/e/ed-a/audit?user=other")
        .content.decode()
        .count('<code class="muted small">patch_category</code>')
        == 1
    )
    filtered = client.get("/staff/e/ed-a/audit?user=nobody").content.decode()
    assert '<code class="muted small">patch_category</code>' not in filtered
    assert "审计日志" in filtered
    assert client.get("/staff/e/ed-a/audit?since=yesterday").status_code == 422


def test_audit_page_needs_admin_or_settings(client):
    edition = make_edition()
    client.force_login(make_user("door", "checkin"))
    assert client.get(f"/staff/e/{edition.slug}/audit").status_code == 403


def test_entries_cannot_be_changed_or_deleted(client):
    make_user("boss", "organiser", password="a-long-password-1")
    client.post("/staff/login", {"username": "boss", "password": "a-long-password-1"})
    entry = AuditEntry.objects.get()
    entry.action = "nothing"
    with pytest.raises(AppendOnly):
        entry.save()
    with pytest.raises(AppendOnly):
        entry.delete()
    with pytest.raises(AppendOnly):
        AuditEntry.objects.update(action="nothing")
    with pytest.raises(AppendOnly):
        AuditEntry.objects.all().delete()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET action = 'nothing'")
    assert AuditEntry.objects.get().action == "login"


def test_no_endpoint_changes_or_deletes_entries(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    audit_paths = {path: set(ops) for path, ops in paths.items() if "audit" in path}
    assert audit_paths == {"/api/v1/events/{slug}/audit": {"get"}, "/api/v1/organizers/{org}/audit": {"get"}}
    edition = make_edition()
    token = token_for("boss", "organiser")
    for method in (client.patch, client.put, client.delete, client.post):
        response = method(f"/api/v1/events/{edition.slug}/audit", HTTP_AUTHORIZATION=f"Bearer {token}")
        assert response.status_code == 405


@pytest.mark.postgres
def test_postgresql_refuses_deleting_entries_too(client):
    make_user("boss", "organiser", password="a-long-password-1")
    client.post("/staff/login", {"username": "boss", "password": "a-long-password-1"})
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry")
    assert AuditEntry.objects.count() == 1


def test_decisions_record_the_status_change_and_a_bulk_approval_names_each_registration(client):
    edition = make_edition()
    make_category(edition, "guest", requires_approval=True, capacity=5)
    a = register(edition, "guest", name="甲").registration
    b = register(edition, "guest", name="乙").registration
    c = register(edition, "guest", name="丙").registration
    client.force_login(make_user("boss", "organiser"))
    assert client.post(f"/staff/e/{edition.slug}/registrations/{a.code}/approve").status_code == 302
    client.post(f"/staff/e/{edition.slug}/registrations/approve", {"code": [b.code, c.code]})
    single, bulk = _writes().order_by("id")
    assert (single.action, single.object, single.changes) == (
        "staff_decide",
        f"code={a.code} action=approve",
        {"status": ["pending", "confirmed"]},
    )
    assert bulk.action == "staff_bulk_approve"
    assert bulk.changes == {
        f"registration {b.code}.status": ["pending", "confirmed"],
        f"registration {c.code}.status": ["pending", "confirmed"],
    }


def test_record_called_by_code_keeps_personal_fields_by_name(rf):
    import audit

    edition = make_edition()
    request = rf.post("/staff/anything", REMOTE_ADDR="10.1.2.3")
    request.user = make_user("boss", "organiser", password=None)
    entry = audit.record(
        request,
        "edit_unit",
        "unit 7",
        {"contact_phone": ("13800138000", "13900139000"), "quota": (3, 5)},
        edition=edition,
    )
    assert (entry.username, entry.edition_id, entry.ip) == ("boss", edition.pk, "10.1.2.3")
    assert entry.changes == {"contact_phone": None, "quota": [3, 5]}
    assert "13800138000" not in _row_text(entry)
