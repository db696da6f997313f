"""Badge documents: content, sizes, fonts, names that fit, and QR codes that scan back to a valid ticket."""

import pytest

from events import tickets
from events.badges import render as badges
from events.enums import RegistrationStatus as S
from events.exceptions import Conflict, InvalidInput, NotFound
from tests.events.badge_helpers import decode_qr_codes, page_count, page_size_mm, pdf_fonts, pdf_text
from tests.factories import make_category, make_edition, register

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def guest_edition():
    edition = make_edition()
    make_category(edition, "guest", name="嘉宾", name_en="Guest", badge_color="#9b1c1c")
    return edition


def test_badge_pdf_shows_name_english_name_organisation_title_and_category():
    edition = guest_edition()
    reg = register(
        edition,
        "guest",
        name="王小明",
        name_en="Wang Xiaoming",
        organization="重庆市大足区经济和信息化委员会",
        title="主任",
    ).registration
    pdf = badges.render_one_badge(edition=edition, code=reg.code)
    text = pdf_text(pdf)
    assert page_count(pdf) == 1
    for expected in (
        "王小明",
        "Wang Xiaoming",
        "重庆市大足区经济和信息化委员会",
        "主任",
        "嘉宾",
        "GUEST",
        reg.code,
    ):
        assert expected in text


def test_badge_pdf_embeds_subset_noto_cjk_only():
    edition = guest_edition()
    reg = register(edition, "guest", name="王小明").registration
    fonts = pdf_fonts(badges.render_one_badge(edition=edition, code=reg.code))
    assert fonts != []
    assert all("Noto-Sans-CJK-SC" in f["name"] for f in fonts)
    assert all(f["emb"] == "yes" and f["sub"] == "yes" for f in fonts)


@pytest.mark.parametrize(("size", "pages", "mm"), [("a6", 1, (105, 148)), ("card", 1, (90, 54))])
def test_badge_sizes_give_one_page_of_that_size(size, pages, mm):
    edition = guest_edition()
    reg = register(edition, "guest").registration
    pdf = badges.render_one_badge(edition=edition, code=reg.code, size=size)
    assert (page_count(pdf), page_size_mm(pdf)) == (pages, mm)


def test_a4x4_puts_four_badges_on_each_a4_page(tmp_path):
    edition = guest_edition()
    for _ in range(5):
        register(edition, "guest")
    out = tmp_path / "all.pdf"
    assert badges.render_badge_file(edition=edition, out=out, size="a4x4") == 5
    pdf = out.read_bytes()
    assert (page_count(pdf), page_size_mm(pdf)) == (2, (210, 297))
    assert len(decode_qr_codes(pdf, page=1)) == 4


def test_unknown_size_is_invalid_input():
    with pytest.raises(InvalidInput):
        badges.get_layout("a3")


def test_long_name_shrinks_and_stays_on_one_line():
    edition = guest_edition()
    long_name = "阿卜杜热西提·买买提明·艾合买提江·库尔班"
    reg = register(
        edition, "guest", name=long_name, name_en="Abdurexit Memetimin Ehmetjan Qurban"
    ).registration
    short = register(edition, "guest", name="王伟").registration
    layout = badges.get_layout("a6")
    data = badges.badge_data(reg, layout=layout)
    assert data["name_pt"] < badges.badge_data(short, layout=layout)["name_pt"] == layout.name_max_pt
    for size in ("a6", "card"):
        lines = pdf_text(badges.render_one_badge(edition=edition, code=reg.code, size=size)).splitlines()
        assert [line.strip() for line in lines if "阿卜杜热西提" in line] == [long_name]


def test_printed_qr_decodes_to_a_token_that_verifies_for_the_registration():
    edition = guest_edition()
    reg = register(edition, "guest", name="欧阳娜娜").registration
    for size in ("a6", "card"):
        [token] = decode_qr_codes(badges.render_one_badge(edition=edition, code=reg.code, size=size))
        claims, body, signature = tickets.parse_ticket(token)
        assert tickets.verify_signature(signing_key=edition.signing_key, body=body, signature=signature)
        assert (claims.edition_slug, claims.code, claims.version) == (
            edition.slug,
            reg.code,
            reg.ticket_version,
        )


@pytest.mark.parametrize("status", [S.CANCELLED, S.PENDING])
def test_badge_for_unconfirmed_registration_is_conflict(status):
    edition = guest_edition()
    reg = register(edition, "guest").registration
    reg.status = status
    reg.save()
    with pytest.raises(Conflict):
        badges.render_one_badge(edition=edition, code=reg.code)


def test_badge_for_unknown_code_is_not_found():
    with pytest.raises(NotFound):
        badges.render_one_badge(edition=guest_edition(), code="NOPE1234")


def test_badge_file_with_category_holds_only_that_category(tmp_path):
    edition = guest_edition()
    make_category(edition, "media", name="媒体", name_en="Media", badge_color="#b45309")
    register(edition, "guest", name="王一")
    register(edition, "media", name="李二")
    register(edition, "media", name="赵三")
    out = tmp_path / "media.pdf"
    assert badges.render_badge_file(edition=edition, out=out, category="media", chunk=1, workers=2) == 2
    text = pdf_text(out.read_bytes())
    assert ("李二" in text, "赵三" in text, "王一" in text) == (True, True, False)
    assert page_count(out.read_bytes()) == 2


def test_badge_file_in_chunks_by_two_workers_keeps_every_badge_in_order(tmp_path):
    edition = guest_edition()
    names = [f"测试{chr(0x4E00 + i)}" for i in range(9)]
    for name in names:
        register(edition, "guest", name=name)
    progress = []
    out = tmp_path / "out" / "all.pdf"
    badges.render_badge_file(
        edition=edition, out=out, chunk=2, workers=2, progress=lambda d, t: progress.append((d, t))
    )
    pdf = out.read_bytes()
    text = pdf_text(pdf)
    assert page_count(pdf) == 9
    assert [text.index(n) for n in sorted(names)] == sorted(text.index(n) for n in names)
    fonts = pdf_fonts(pdf)  # each chunk embeds its own subsets of the two faces
    assert len(fonts) == 2 * 5
    assert all(
        f["emb"] == f["sub"] == "yes" and f["name"].split("+")[1].startswith("Noto-Sans-CJK-SC")
        for f in fonts
    )
    assert progress[0] == (0, 9) and progress[-1] == (9, 9)
    assert [p[0] for p in progress] == sorted(p[0] for p in progress)
    assert list(out.parent.iterdir()) == [out]  # no temporary files left beside it


@pytest.mark.parametrize("size", ["a6", "card"])
def test_each_badge_shows_its_own_category_band_once_laid_out_per_category(size, tmp_path):
    edition = guest_edition()
    make_category(edition, "media", name="媒体", name_en="Media", badge_color="#b45309", order=5)
    register(edition, "guest", name="王一")
    register(edition, "media", name="李二")
    register(edition, "guest", name="赵三")
    out = tmp_path / "all.pdf"
    badges.render_badge_file(edition=edition, out=out, size=size)
    pdf = out.read_bytes()
    pages = ["".join(page.split()) for page in pdf_text(pdf).split("\f")[:-1]]
    assert [("嘉宾" in p, "媒体" in p, edition.name.replace(" ", "") in p) for p in pages] == [
        (True, False, True),
        (True, False, True),
        (False, True, True),
    ]
    assert (page_count(pdf), pdf.count(b"/Subtype /Form")) == (3, 2)  # one stamp per category
