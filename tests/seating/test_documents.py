"""Printed seating read back: pdftotext for the words, pypdf for the paper size, pdftoppm for the picture."""

import io

import pytest
from pypdf import PdfReader

from seating.services import assignment
from tests.events.badge_helpers import page_image, pdf_text
from tests.factories import token_for

from .factories import person, plan, seating_edition

pytestmark = pytest.mark.django_db


def seated_rostrum():
    edition = seating_edition()
    people = [person(edition, n, unit="四川省经济和信息化厅") for n in ["崔书田", "周海琦", "李宁"]]
    p = plan(edition, name="开幕式主席台", rows=[3])
    assignment.assign_seats(plan=p, people=[x.code for x in people])
    return edition, p


_tokens: dict = {}


def get(client, url):
    from django.contrib.auth import get_user_model

    if not get_user_model().objects.filter(username="org").exists():
        _tokens["org"] = token_for("org", "admin")
    return client.get(url, HTTP_AUTHORIZATION=f"Bearer {_tokens['org']}")


def test_seat_map_names_its_viewpoint_and_reads_as_the_audience_sees(client):
    edition, p = seated_rostrum()
    r = get(client, f"/api/v1/events/{edition.slug}/seating-plans/{p.pk}/seat-map.pdf")
    assert (r.status_code, r["Content-Type"]) == (200, "application/pdf")
    text = pdf_text(r.content)
    assert "台下视角 / audience view" in text
    # 3 people with honour left: 3 1 2 from the audience's left.
    line = next(line for line in text.splitlines() if "崔书田" in line)
    assert line.index("李宁") < line.index("崔书田") < line.index("周海琦")
    box = PdfReader(io.BytesIO(r.content)).pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (297, 210)


def test_seat_map_a3_and_a_bad_paper(client):
    edition, p = seated_rostrum()
    r = get(client, f"/api/v1/events/{edition.slug}/seating-plans/{p.pk}/seat-map.pdf?paper=A3")
    box = PdfReader(io.BytesIO(r.content)).pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (420, 297)
    bad = get(client, f"/api/v1/events/{edition.slug}/seating-plans/{p.pk}/seat-map.pdf?paper=B5")
    assert (bad.status_code, bad.json()["field"]) == (422, "paper")


def test_seat_map_page_has_ink_where_the_stage_is(client):
    edition, p = seated_rostrum()
    pdf = get(client, f"/api/v1/events/{edition.slug}/seating-plans/{p.pk}/seat-map.pdf").content
    image = page_image(pdf, dpi=40).convert("RGB")
    # The stage band is the house red, drawn across the top of the page.
    reds = [
        (x, y)
        for x in range(0, image.width, 4)
        for y in range(0, image.height // 4)
        if image.getpixel((x, y))[0] > 120 and image.getpixel((x, y))[1] < 60
    ]
    assert len(reds) > 50


def test_seat_cards_one_per_person_with_the_seat(client):
    edition, p = seated_rostrum()
    r = get(client, f"/api/v1/events/{edition.slug}/seating-plans/{p.pk}/seat-cards.pdf")
    pdf = r.content
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 3
    pages = pdf_text(pdf).split("\f")
    # In seat order; a two-character name is set with a full-width space (pdftotext reads a space).
    assert "主席台 第1排 1号" in pages[0] and "李 宁" in pages[0]
    assert "主席台 第1排 2号" in pages[1] and "崔书田" in pages[1]
    assert "主席台 第1排 3号" in pages[2] and "周海琦" in pages[2]
    only = get(
        client,
        f"/api/v1/events/{edition.slug}/seating-plans/{p.pk}/seat-cards.pdf?codes={p.seats.first().registration.code}",
    )
    assert len(PdfReader(io.BytesIO(only.content)).pages) == 1


def test_seat_list_groups_by_unit(client):
    edition = seating_edition()
    person(edition, "甲一", unit="甲单位")
    person(edition, "乙一", unit="乙单位")
    p = plan(edition, kind="floor", rows=[4], units=["乙单位", "甲单位"])
    assignment.assign_seats(plan=p)
    text = pdf_text(get(client, f"/api/v1/events/{edition.slug}/seating-plans/{p.pk}/seat-list.pdf").content)
    assert text.index("乙单位（1 人）") < text.index("甲单位（1 人）")
    assert "第1排 1号" in text


def test_rostrum_map_prints_rank_and_seat_number_as_its_legend_says(client):
    edition, p = seated_rostrum()
    text = pdf_text(get(client, f"/api/v1/events/{edition.slug}/seating-plans/{p.pk}/seat-map.pdf").content)
    # Three seats, honour left: from the audience's left ranks 3 1 2 in seats 1 2 3.
    line = next(line for line in text.splitlines() if "号座" in line)
    assert line.index("位次 3 · 1号座") < line.index("位次 1 · 2号座") < line.index("位次 2 · 3号座")
    assert "位次 1 居中，位次 2 在位次 1 的左手" in text.replace("\n", "")
