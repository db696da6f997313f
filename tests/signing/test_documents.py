import datetime as dt
import io
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from zoneinfo import ZoneInfo

import pytest
from PIL import Image, ImageChops, ImageFilter, ImageStat
from pypdf import PdfReader

from documents import pipeline
from signing import documents, services
from signing.placards import name_size_pt, placard_name
from tests.factories import make_edition, token_for
from tests.signing.factories import make_project, make_title

pytestmark = pytest.mark.django_db


def auth(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def fonts_of(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout


def get_doc(client, slug, kind, lang="zh"):
    return client.get(
        f"/api/v1/events/{slug}/documents/{kind}.pdf?lang={lang}",
        **auth(token_for(f"o-{kind}-{lang}", "admin")),
    )


def test_signing_list_pdf_lists_projects_with_total_and_embeds_noto_cjk(client, tmp_path):
    edition = make_edition()
    make_project(edition, name="中国工业设计研究院大足分院项目", amount="300000000")
    make_project(edition, name="达索系统数字化设计创新中心项目", amount="80000000")
    response = get_doc(client, edition.slug, "signing-list")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = text_of(response.content)
    assert "中国工业设计研究院大足分院项目" in text
    assert "8000万元" in text
    assert "合计：签约项目 2 个" in text
    assert "3.8亿元" in text
    assert "NotoSansCJK" in fonts_of(response.content, tmp_path).replace("-", "")


def test_signing_list_in_english(client):
    edition = make_edition()
    make_project(edition, name_en="Dassault Systèmes Digital Design Centre", amount="200000000")
    text = " ".join(text_of(get_doc(client, edition.slug, "signing-list", "en").content).split())
    assert "Dassault Systèmes Digital Design Centre" in text
    assert "CNY 200 million" in text


def test_run_of_show_orders_projects_and_ends_with_press_summary(client):
    edition = make_edition(name="测试大会")
    make_project(edition, name="第一个上台的项目")
    make_project(edition, name="第二个上台的项目", order=1)
    text = text_of(get_doc(client, edition.slug, "run-of-show").content)
    flat = text.replace("\n", "")
    assert flat.index("第1项签约：第二个上台的项目") < flat.index("第2项签约：第一个上台的项目")
    assert "主持人开场" in flat and "交换文本" in flat and "合影" in flat
    assert "测试大会现场签约项目2个，签约总金额3亿元" in flat
    assert "10:00" in flat


def test_run_of_show_takes_times_from_the_agenda_signing_ceremony(client):
    agenda = pytest.importorskip("agenda.models")
    edition = make_edition()
    make_project(edition)
    room = agenda.Room.objects.create(edition=edition, name="签约仪式厅", name_en="Signing hall")
    tz = ZoneInfo("Asia/Shanghai")
    day = edition.starts_on
    agenda.Session.objects.create(
        edition=edition,
        kind="signing_ceremony",
        title="项目签约仪式",
        starts_at=dt.datetime(day.year, day.month, day.day, 11, 15, tzinfo=tz),
        ends_at=dt.datetime(day.year, day.month, day.day, 11, 20, tzinfo=tz),
        room=room,
    )
    flat = text_of(get_doc(client, edition.slug, "run-of-show").content).replace("\n", "")
    assert "11:15" in flat
    assert "签约仪式厅" in flat
    assert "超出" in flat  # 11 minutes of ceremony do not fit a 5-minute slot


def test_placards_one_sheet_per_signatory_and_witness_with_far_face_turned(client):
    edition = make_edition()
    make_project(edition)  # 2 signatories + 1 witness
    make_project(edition)  # 1 new signatory (黄敏 and 陈志远 already have a card)
    response = get_doc(client, edition.slug, "placards")
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 4
    assert "黄" in reader.pages[0].extract_text()


def test_placard_names_are_sized_to_fit():
    assert placard_name("黄敏") == "黄\u3000敏"
    assert name_size_pt("黄\u3000敏") == 150.0
    assert name_size_pt("欧阳志远") < name_size_pt("黄\u3000敏")
    assert name_size_pt("Maximilian Alexander Schwarzenegger") >= 28.0


def test_placard_far_face_is_upside_down(client, tmp_path):
    edition = make_edition()
    make_project(edition, parties=[{"organization": "大足石刻文创园", "signatory": "何芳"}], witnesses=[])
    pdf = tmp_path / "p.pdf"
    pdf.write_bytes(get_doc(client, edition.slug, "placards").content)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")], check=True
    )
    image = Image.open(next(tmp_path.glob("p*.png"))).convert("L")
    width, height = image.size
    half = height // 2
    top = image.crop((0, 0, width, half))
    bottom = image.crop((0, height - half, width, height))
    # The far face is the near face turned 180°: turned back, it looks like the near face (blurred to
    # forgive a pixel of rounding), and far less like it unturned.
    blur = ImageFilter.GaussianBlur(4)
    turned_diff = ImageStat.Stat(
        ImageChops.difference(top.rotate(180).filter(blur), bottom.filter(blur))
    ).mean[0]
    upright_diff = ImageStat.Stat(ImageChops.difference(top.filter(blur), bottom.filter(blur))).mean[0]
    assert turned_diff < 6
    assert upright_diff > turned_diff * 3


def test_certificates_pdf_has_one_landscape_page_per_award_with_qr_to_verify(client, settings):
    zxingcpp = pytest.importorskip("zxingcpp")
    settings.SITE_URL = "https://huiwu.example.org"
    edition = make_edition()
    make_title()
    award = services.issue_award(title="design-base", recipient="天府设计产业园", edition=edition)
    services.issue_award(title="design-base", recipient="大足石刻文创园", edition=edition)
    response = get_doc(client, edition.slug, "certificates", "both")
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 2
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)
    assert award.serial in text_of(response.content)
    single = client.get(f"/api/v1/awards/{award.serial}/certificate.pdf", **auth(token_for("cert", "admin")))
    path = settings.BASE_DIR / "var" / f"test-cert-{award.serial}.pdf"
    path.write_bytes(single.content)
    try:
        subprocess.run(["pdftoppm", "-png", "-r", "150", str(path), str(path.with_suffix(""))], check=True)
        png = next(path.parent.glob(f"test-cert-{award.serial}*.png"))
        results = zxingcpp.read_barcodes(Image.open(png))
        png.unlink()
    finally:
        path.unlink()
    assert [r.text for r in results] == [f"https://huiwu.example.org/verify/{award.serial}"]
    assert "天府设计产业园" in text_of(single.content)


def test_document_unknown_lang_is_422(client):
    edition = make_edition()
    response = get_doc(client, edition.slug, "signing-list", "fr")
    assert response.status_code == 422
    assert response.json()["field"] == "lang"


def test_documents_need_organiser(client):
    edition = make_edition()
    assert client.get(f"/api/v1/events/{edition.slug}/documents/placards.pdf").status_code == 401
    response = client.get(
        f"/api/v1/events/{edition.slug}/documents/placards.pdf", **auth(token_for("v", "view"))
    )
    assert response.status_code == 403


# --- the ceremony pack: every document in one ZIP, laid out in worker processes ----------------------


def get_pack(client, slug, lang="zh", role="admin"):
    return client.get(
        f"/api/v1/events/{slug}/documents/ceremony.zip?lang={lang}", **auth(token_for(f"pack-{role}", role))
    )


def unzip(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_ceremony_pack_holds_each_document_as_printed_alone(client, tmp_path):
    edition = make_edition()
    make_project(edition, name="中国工业设计研究院大足分院项目", amount="300000000")
    make_project(edition, name="达索系统数字化设计创新中心项目", amount="80000000")
    response = get_pack(client, edition.slug, "both")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == f'attachment; filename="{edition.slug}-ceremony-both.zip"'
    files = unzip(response.content)
    assert sorted(files) == [
        f"{edition.slug}-placards-both.pdf",
        f"{edition.slug}-run-of-show-both.pdf",
        f"{edition.slug}-signing-list-both.pdf",
    ]
    for kind in ("run-of-show", "signing-list", "placards"):
        packed = files[f"{edition.slug}-{kind}-both.pdf"]
        alone = get_doc(client, edition.slug, kind, "both").content
        assert len(PdfReader(io.BytesIO(packed)).pages) == len(PdfReader(io.BytesIO(alone)).pages)
        assert text_of(packed) == text_of(alone)
        assert "NotoSansCJK" in fonts_of(packed, tmp_path).replace("-", "")
    assert len(PdfReader(io.BytesIO(files[f"{edition.slug}-placards-both.pdf"])).pages) == 4
    signing_list = text_of(files[f"{edition.slug}-signing-list-both.pdf"])
    assert "合计：签约项目 2 个" in signing_list
    assert "Total: 2 projects" in signing_list


def test_ceremony_pack_in_one_process_matches_the_parallel_one():
    edition = make_edition()
    make_project(edition, name="石雕产业设计服务平台项目")
    parallel = unzip(documents.render_ceremony_pack(edition, "zh", workers=2))
    serial = unzip(documents.render_ceremony_pack(edition, "zh", workers=1))
    assert sorted(parallel) == sorted(serial)
    for name in parallel:
        assert text_of(parallel[name]) == text_of(serial[name])


def test_ceremony_pack_includes_certificates_when_the_edition_has_awards(client):
    edition = make_edition()
    make_project(edition)
    make_title()
    award = services.issue_award(title="design-base", recipient="天府设计产业园", edition=edition)
    files = unzip(get_pack(client, edition.slug, "zh").content)
    certificates = files[f"{edition.slug}-certificates-zh.pdf"]
    assert len(PdfReader(io.BytesIO(certificates)).pages) == 1
    assert award.serial in text_of(certificates)
    assert len(files) == 4


def test_ceremony_pack_unknown_lang_is_422(client):
    edition = make_edition()
    response = get_pack(client, edition.slug, "fr")
    assert response.status_code == 422
    assert response.json()["field"] == "lang"


def test_ceremony_pack_needs_organiser(client):
    edition = make_edition()
    assert client.get(f"/api/v1/events/{edition.slug}/documents/ceremony.zip").status_code == 401
    assert get_pack(client, edition.slug, role="view").status_code == 403


def test_ceremony_pack_of_unknown_edition_is_404(client):
    assert get_pack(client, "no-such-edition").status_code == 404


@pytest.mark.parametrize("kind", sorted(documents.STRICT))
@pytest.mark.parametrize("lang", ["zh", "en", "both"])
def test_ceremony_documents_are_well_formed_xhtml_for_the_fast_parser(kind, lang):
    # documents.pipeline parses strict documents with expat (several times faster to lay out); one that
    # is not well-formed silently takes the slow path, so every text an organiser may type must escape.
    edition = make_edition(name="R&D <设计> 大会", name_en='"Design" & Co <2030>')
    make_project(
        edition,
        name="A&B <项目>",
        name_en="Tom & Jerry's <project>",
        parties=[{"organization": "甲&乙 <公司>", "signatory": "O'Brien & 王", "signatory_title": "<总>"}],
        witnesses=[{"name": "李<四>", "title": "R&D 主任"}],
    )
    html = pipeline.render_html(documents.TEMPLATES[kind], documents.document_context(edition, kind, lang))
    root = ET.fromstring(html)
    assert root.tag == "html"
    assert "O'Brien & 王" in "".join(root.itertext())
