"""Badge endpoints, background badge jobs and the render_badges command."""

import io
import json
import uuid

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from events.enums import RegistrationStatus as S
from events.models import Job
from tests.events.badge_helpers import page_count, pdf_text
from tests.factories import make_category, make_edition, register, token_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def auth(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def edition_with_people():
    edition = make_edition()
    make_category(edition, "guest", name="嘉宾", name_en="Guest", badge_color="#9b1c1c")
    make_category(edition, "media", name="媒体", name_en="Media", badge_color="#b45309")
    regs = [register(edition, "guest", name=n).registration for n in ("王一", "王二", "王三")]
    regs.append(register(edition, "media", name="李四").registration)
    return edition, regs


def badge_url(edition, code, size=None):
    return f"/api/v1/events/{edition.slug}/registrations/{code}/badge.pdf" + (f"?size={size}" if size else "")


def test_badge_pdf_for_checkin_staff_is_a_pdf_with_the_name(client):
    edition, regs = edition_with_people()
    response = client.get(badge_url(edition, regs[0].code), **auth(token_for("door", "checkin")))
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert "王一" in pdf_text(response.content)


def test_badge_pdf_card_size(client):
    edition, regs = edition_with_people()
    response = client.get(badge_url(edition, regs[0].code, "card"), **auth(token_for("org", "admin")))
    assert (response.status_code, page_count(response.content)) == (200, 1)


def test_badge_pdf_without_credentials_is_401_and_viewer_is_403(client):
    edition, regs = edition_with_people()
    assert client.get(badge_url(edition, regs[0].code)).status_code == 401
    assert client.get(badge_url(edition, regs[0].code), **auth(token_for("v", "view"))).status_code == 403


@pytest.mark.parametrize("status", [S.CANCELLED, S.PENDING, S.WAITLISTED])
def test_badge_pdf_for_unconfirmed_registration_is_409_with_message(client, status):
    edition, regs = edition_with_people()
    regs[0].status = status
    regs[0].save()
    door = auth(token_for("door", "checkin"))
    response = client.get(badge_url(edition, regs[0].code), **door, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 409
    assert response.json()["status"] == status
    assert "only confirmed registrations get a badge" in response.json()["detail"]
    chinese = client.get(badge_url(edition, regs[0].code), **door).json()["detail"]
    assert (
        chinese
        == f"该报名状态为「{ {S.CANCELLED: '已取消', S.PENDING: '待审核', S.WAITLISTED: '候补中'}[status] }」，仅已确认的报名可打印胸卡。"
    )


def test_badge_pdf_unknown_code_or_edition_is_404_and_bad_size_422(client):
    edition, regs = edition_with_people()
    token = token_for("door", "checkin")
    assert client.get(badge_url(edition, "NOSUCH99"), **auth(token)).status_code == 404
    assert (
        client.get(f"/api/v1/events/nope/registrations/{regs[0].code}/badge.pdf", **auth(token)).status_code
        == 404
    )
    response = client.get(badge_url(edition, regs[0].code, "a3"), **auth(token))
    assert (response.status_code, response.json()["field"]) == (422, "size")


def post_job(client, edition, token, body=None):
    return client.post(
        f"/api/v1/events/{edition.slug}/badge-jobs",
        json.dumps(body if body is not None else {}),
        content_type="application/json",
        **auth(token),
    )


def test_badge_job_runs_to_done_and_its_pdf_downloads(client):
    edition, _ = edition_with_people()
    token = token_for("org", "admin")
    response = post_job(client, edition, token)
    assert response.status_code == 202
    job_id = response.json()["id"]
    status = client.get(f"/api/v1/jobs/{job_id}", **auth(token)).json()
    assert (status["state"], status["done"], status["total"]) == ("done", 4, 4)
    assert status["result_url"] == f"/api/v1/jobs/{job_id}/result.pdf"
    pdf = client.get(status["result_url"], **auth(token))
    content = b"".join(pdf.streaming_content)
    assert (pdf.status_code, pdf["Content-Type"], page_count(content)) == (200, "application/pdf", 4)


def test_badge_job_without_a_body_renders_everything(client):
    edition, _ = edition_with_people()
    token = token_for("org", "admin")
    response = client.post(
        f"/api/v1/events/{edition.slug}/badge-jobs", "", content_type="application/json", **auth(token)
    )
    assert (response.status_code, response.json()["total"]) == (202, 4)


def test_badge_job_for_one_category_and_card_size(client):
    edition, _ = edition_with_people()
    token = token_for("org", "admin")
    job_id = post_job(client, edition, token, {"category": "media", "size": "card"}).json()["id"]
    status = client.get(f"/api/v1/jobs/{job_id}", **auth(token)).json()
    assert (status["state"], status["total"], status["params"]) == (
        "done",
        1,
        {"category": "media", "size": "card"},
    )
    content = b"".join(client.get(status["result_url"], **auth(token)).streaming_content)
    assert "李四" in pdf_text(content) and "王一" not in pdf_text(content)


def test_badge_job_needs_organiser(client):
    edition, _ = edition_with_people()
    assert post_job(client, edition, token_for("door", "checkin")).status_code == 403
    response = client.post(f"/api/v1/events/{edition.slug}/badge-jobs", "{}", content_type="application/json")
    assert response.status_code == 401


def test_badge_job_bad_input_is_4xx(client):
    edition, _ = edition_with_people()
    token = token_for("org", "admin")
    assert post_job(client, edition, token, {"category": "nope"}).status_code == 422
    assert post_job(client, edition, token, {"size": "a3"}).status_code == 422
    assert post_job(client, edition, token, [1, 2]).status_code == 422
    assert post_job(client, edition, token, "all").status_code == 422
    assert Job.objects.count() == 0


def test_badge_job_with_nobody_confirmed_is_409(client):
    edition = make_edition()
    make_category(edition, "guest", requires_approval=True)
    register(edition, "guest")
    assert post_job(client, edition, token_for("org", "admin")).status_code == 409


def test_badge_job_that_cannot_write_its_file_is_marked_failed(client, settings, tmp_path):
    edition, _ = edition_with_people()
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    settings.MEDIA_ROOT = blocker  # jobs/ cannot be created under a file
    token = token_for("org", "admin")
    job_id = post_job(client, edition, token).json()["id"]
    status = client.get(f"/api/v1/jobs/{job_id}", **auth(token)).json()
    assert (status["state"], status["result_url"]) == ("failed", None)
    assert status["error"].startswith(("FileExistsError", "NotADirectoryError"))
    assert client.get(f"/api/v1/jobs/{job_id}/result.pdf", **auth(token)).status_code == 409


def test_unknown_job_is_404(client):
    token = token_for("org", "admin")
    assert client.get(f"/api/v1/jobs/{uuid.uuid4()}", **auth(token)).status_code == 404
    assert client.get("/api/v1/jobs/not-a-uuid", **auth(token)).status_code == 404


def test_render_badges_command_writes_a_pdf_with_progress(tmp_path):
    edition, _ = edition_with_people()
    out = tmp_path / "badges.pdf"
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command(
        "render_badges", edition.slug, "-o", str(out), "--category", "guest", stdout=stdout, stderr=stderr
    )
    pdf = out.read_bytes()
    assert (pdf[:5], page_count(pdf)) == (b"%PDF-", 3)
    assert stderr.getvalue().splitlines()[-1] == f"[{'#' * 30}] 3/3"
    assert stdout.getvalue().startswith(f"3 badges -> {out}")


def test_render_badges_command_unknown_category_is_an_error(tmp_path):
    edition, _ = edition_with_people()
    with pytest.raises(CommandError):
        call_command("render_badges", edition.slug, "-o", str(tmp_path / "x.pdf"), "--category", "nope")
