import datetime as dt
import io
import subprocess

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from agenda import demo as agenda_demo
from agenda import exports
from events import demo as events_demo
from tests.agenda.factories import make_room, make_session
from tests.factories import make_edition, token_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def dazu():
    edition = events_demo.load()
    agenda_demo.load(edition)
    return edition


def test_programme_pdf_is_a4_bilingual_by_day_and_room(client, dazu, tmp_path):
    token = token_for("org", "organiser")
    r = client.get(
        f"/api/v1/events/{dazu.slug}/documents/programme.pdf", headers={"Authorization": f"Bearer {token}"}
    )
    assert r.status_code == 200
    assert r["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(r.content))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    text = "".join(p.extract_text() for p in reader.pages)
    compact = "".join(text.split())
    for expected in (
        "2023年6月28日",
        "Wednesday28June2023",
        "主会场",
        "Mainhall",
        "分会场",
        "项目签约仪式",
        "Projectsigningceremony",
        "CuiShutian",
        "第1版",
    ):
        assert expected in compact
    path = tmp_path / "programme.pdf"
    path.write_bytes(r.content)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    assert "Noto-Sans-CJK-SC" in fonts


def test_programme_pdf_marks_unpublished_changes(dazu):
    make_session(dazu, "17:00", "17:30", room=dazu.rooms.get(name="主会场"), title="闭幕", kind="other")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(exports.programme_pdf(dazu))).pages)
    assert "includes unpublished changes" in text


def test_programme_pdf_anonymous_401_checkin_403(client, dazu):
    url = f"/api/v1/events/{dazu.slug}/documents/programme.pdf"
    assert client.get(url).status_code == 401
    assert (
        client.get(url, headers={"Authorization": f"Bearer {token_for('door', 'checkin')}"}).status_code
        == 403
    )


def test_agenda_xlsx_has_one_row_per_session_in_local_time(client):
    edition = make_edition(starts_on=dt.date(2023, 6, 28), ends_on=dt.date(2023, 6, 28))
    make_room(edition)
    make_session(edition, "09:00", "09:10")
    make_session(
        edition,
        "10:05",
        "10:35",
        title="项目签约仪式",
        title_en="Project signing ceremony",
        kind="signing_ceremony",
    )
    token = token_for("org", "organiser")
    r = client.get(f"/api/v1/events/{edition.slug}/agenda.xlsx", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [(row[0].date(), row[1], row[2], row[3], row[6], row[7]) for row in rows] == [
        (dt.date(2023, 6, 28), "09:00", "09:10", "主会场", "开幕式", "Opening"),
        (dt.date(2023, 6, 28), "10:05", "10:35", "主会场", "项目签约仪式", "Project signing ceremony"),
    ]


def test_agenda_xlsx_anonymous_is_401(client):
    edition = make_edition()
    assert client.get(f"/api/v1/events/{edition.slug}/agenda.xlsx").status_code == 401


def test_agenda_xlsx_writes_formula_like_titles_as_text(client):
    edition = make_edition(starts_on=dt.date(2023, 6, 28), ends_on=dt.date(2023, 6, 28))
    make_room(edition, name="=cmd|' /C calc'!A0")
    make_session(edition, "09:00", "09:10", title='=HYPERLINK("http://x.example","点我")', title_en="+1+1")
    make_session(edition, "09:10", "09:20", title="-2+3", title_en="@SUM(A1)")
    token = token_for("org", "organiser")
    r = client.get(f"/api/v1/events/{edition.slug}/agenda.xlsx", headers={"Authorization": f"Bearer {token}"})
    ws = load_workbook(io.BytesIO(r.content)).active
    cells = [(ws.cell(row, 7), ws.cell(row, 8)) for row in (2, 3)]
    assert [(c.value, c.data_type) for pair in cells for c in pair] == [
        ('=HYPERLINK("http://x.example","点我")', "s"),
        ("+1+1", "s"),
        ("-2+3", "s"),
        ("@SUM(A1)", "s"),
    ]
    assert (ws.cell(2, 4).value, ws.cell(2, 4).data_type) == ("=cmd|' /C calc'!A0", "s")
