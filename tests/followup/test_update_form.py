"""The bureau's own updates from the project page: the API's checks, a 422 shown beside the field it names
in the page's language, and nothing written on an error."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from followup.models import Evidence, ProjectUpdate
from tests.factories import make_user

from .helpers import make_project, make_series, make_series_edition

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


@pytest.fixture
def bureau(client):
    make_user("bureau", "projects")
    client.login(username="bureau", password="pw-123456")
    return client


@pytest.fixture
def project():
    return make_project(make_series_edition(), "智能装备产业园", start_due_on=dt.date(2024, 3, 1))


def url(project):
    return f"/staff/s/invest/projects/{project.pk}"


def test_bureau_records_an_update_with_a_photo_and_sees_it_on_the_timeline(bureau, project):
    form = bureau.get(url(project), **EN).content.decode()
    photo = SimpleUploadedFile("site.png", PNG, content_type="image/png")
    sent = bureau.post(
        url(project) + "/updates",
        {
            "period": "2024-Q1",
            "stage": "started",
            "funds_added": "250.50",
            "blockers": ["land", "financing"],
            "note": "土地已摘牌，主体开工",
            "evidence": photo,
        },
        **EN,
    )
    page = bureau.get(sent["Location"], **EN).content.decode()
    project.refresh_from_db()

    assert f'action="/staff/s/invest/projects/{project.pk}/updates#record"' in form
    assert sent.status_code == 302
    assert "Update #" in page and "recorded" in page
    assert "土地已摘牌，主体开工" in page and "+250.50" in page
    assert (project.stage, str(project.funds_in), project.last_period) == ("started", "250.50", "2024-Q1")
    update = ProjectUpdate.objects.get(project=project)
    assert update.recorded_by.username == "bureau" and update.blockers == ["land", "financing"]
    evidence = re.search(r'href="(/staff/projects/\d+/evidence/\d+)"', page).group(1)
    assert bureau.get(evidence).getvalue() == PNG


@pytest.mark.parametrize(
    ("data", "field", "en", "zh"),
    [
        ({"period": "2024-13"}, "period", "Period", "填报期"),
        ({"period": "2099-Q1"}, "period", "Period", "填报期"),
        (
            {"period": "2024-Q1", "funds_added": "-5"},
            "funds_added",
            "Funds added (10k yuan)",
            "本次新增到位资金（万元）",
        ),
        ({"period": "2024-Q1", "stage": "registered"}, "stage", "Stage", "进展阶段"),
        ({"period": "2024-Q1", "stage": "terminated"}, "note", "Note", "情况说明"),
        ({"period": "2024-Q1", "corrects": "987654"}, "corrects", "Corrects", "更正"),
        ({"period": "2024-Q1", "blockers": ["weather"]}, "blockers", "Blockers", "存在问题"),
    ],
)
def test_a_422_names_the_field_in_the_page_language_and_writes_nothing(bureau, project, data, field, en, zh):
    project.stage = "started"
    project.save()
    photo = SimpleUploadedFile("site.png", PNG, content_type="image/png")

    answers = {}
    for lang, headers in (("en", EN), ("zh", ZH)):
        answer = bureau.post(url(project) + "/updates", {**data, "evidence": photo}, **headers)
        answers[lang] = (answer.status_code, answer.content.decode())
        photo.seek(0)

    assert answers["en"][0] == answers["zh"][0] == 422
    assert f'id="err-{field}"' in answers["en"][1] and f'id="err-{field}"' in answers["zh"][1]
    assert re.search(rf'id="err-{field}" role="alert">{re.escape(en)}: ', answers["en"][1])
    assert re.search(rf'id="err-{field}" role="alert">{re.escape(zh)}：', answers["zh"][1])
    assert not ProjectUpdate.objects.exists() and not Evidence.objects.exists()
    project.refresh_from_db()
    assert project.stage == "started"


def test_a_422_keeps_what_was_typed(bureau, project):
    sent = bureau.post(
        url(project) + "/updates",
        {"period": "2024-Q1", "funds_added": "-5", "note": "资金未到", "blockers": ["financing"]},
        **EN,
    ).content.decode()

    assert 'value="2024-Q1"' in sent and 'value="-5"' in sent and ">资金未到</textarea>" in sent
    assert 'value="financing" checked' in sent
    assert 'aria-invalid="true" aria-describedby="err-funds_added"' in sent


def test_an_unreadable_file_is_a_422_on_evidence_and_nothing_is_kept(bureau, project):
    fake = SimpleUploadedFile("site.png", b"MZ not an image", content_type="image/png")

    sent = bureau.post(
        url(project) + "/updates", {"period": "2024-Q1", "stage": "started", "evidence": fake}, **EN
    )

    assert sent.status_code == 422 and 'id="err-evidence"' in sent.content.decode()
    assert not ProjectUpdate.objects.exists() and not Evidence.objects.exists()


def test_a_correction_names_the_update_it_replaces(bureau, project):
    bureau.post(url(project) + "/updates", {"period": "2024-Q1", "stage": "building"})
    wrong = ProjectUpdate.objects.get()

    sent = bureau.post(
        url(project) + "/updates",
        {"period": "2024-Q1", "stage": "started", "note": "上报有误", "corrects": str(wrong.pk)},
        **EN,
    )
    page = bureau.get(url(project), **EN).content.decode()
    project.refresh_from_db()

    assert sent.status_code == 302 and project.stage == "started"
    assert f"Corrects update #{wrong.pk}" in page
    assert f'<option value="{wrong.pk}"' in page


def test_a_reader_sees_no_form_and_cannot_post(project):
    make_user("reader", "view")
    reader = Client()
    reader.login(username="reader", password="pw-123456")

    page = reader.get(url(project), **EN).content.decode()
    sent = reader.post(url(project) + "/updates", {"period": "2024-Q1", "stage": "started"})

    assert "智能装备产业园" in page and 'id="record"' not in page
    assert sent.status_code == 403 and not ProjectUpdate.objects.exists()


def test_a_project_of_another_series_is_not_found(bureau, project):
    elsewhere = make_series("elsewhere", "别处大会")
    other = make_project(make_series_edition("other-2023", series=elsewhere), "别处项目")

    sent = bureau.post(f"/staff/s/invest/projects/{other.pk}/updates", {"period": "2024-Q1"})

    assert sent.status_code == 404 and not ProjectUpdate.objects.exists()
