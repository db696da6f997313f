"""Invitation letters read back by independent readers: pdftotext, pdffonts, pdftoppm + zxing-cpp."""

import json

import pytest

from events.checkin import scanning
from events.units import invitations
from events.units import services as unit_services

from ..agenda.factories import make_session
from ..factories import register, token_for
from .badge_helpers import decode_qr_codes, page_count, page_size_mm, pdf_fonts, pdf_text
from .unit_helpers import make_unit, person, unit_edition

pytestmark = pytest.mark.django_db


def test_invitation_pdf_reads_back_name_title_conference_and_a_qr_that_checks_in(client):
    edition = unit_edition()
    unit, _token = make_unit(edition, organization="中国刀剪工业设计研究院")
    reg = unit_services.add_person(
        unit=unit, data=person(1, name="欧阳明", title="院长"), consent=True
    ).registration
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token_for('org', 'organiser')}"}
    response = client.get(
        f"/api/v1/events/{edition.slug}/registrations/{reg.code}/invitation.pdf?lang=zh-hans", **auth
    )
    assert response.status_code == 200
    pdf = response.content
    assert page_count(pdf) == 1
    assert page_size_mm(pdf) == (210, 297)
    text = pdf_text(pdf)
    assert "尊敬的 欧阳明 院长：" in text
    assert "邀请函" in "".join(text.split())
    assert edition.name in text
    assert "2030年6月28日" in text
    assert "重庆市大足区" in text
    assert f"{edition.name}组委会" in text
    assert "（盖章）" in text
    assert "中国刀剪工业设计研究院" in text
    assert all(f["emb"] == "yes" for f in pdf_fonts(pdf))
    (token,) = decode_qr_codes(pdf)
    assert scanning.check_in(slug=edition.slug, token=token)["result"] == "ok"


def test_invitation_in_english(client):
    edition = unit_edition()
    unit, _token = make_unit(edition)
    reg = unit_services.add_person(
        unit=unit, data=person(2, name_en="Li Er", title="Manager"), consent=True
    ).registration
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token_for('org', 'organiser')}"}
    pdf = client.get(
        f"/api/v1/events/{edition.slug}/registrations/{reg.code}/invitation.pdf?lang=en", **auth
    ).content
    text = " ".join(pdf_text(pdf).split())
    assert "Dear Li Er, Manager," in text
    assert "Letter of Invitation" in text
    assert "28 June 2030" in text
    assert "Organising Committee of the Test Conference" in text


def test_invitation_pending_person_has_no_qr_and_says_so(client):
    edition = unit_edition()
    reg = register(edition, category="guest", name="待审")
    pdf = invitations.invitation_pdf(registration=reg.registration, lang="zh-hans")
    assert decode_qr_codes(pdf) == []
    assert "报名确认后，入场二维码将发送至您的邮箱" in pdf_text(pdf).replace("\n", "").replace(" ", "")


def test_invitation_bad_lang_is_422_and_needs_organiser(client):
    edition = unit_edition()
    reg = register(edition).registration
    url = f"/api/v1/events/{edition.slug}/registrations/{reg.code}/invitation.pdf"
    assert client.get(url).status_code == 401
    viewer = {"HTTP_AUTHORIZATION": f"Bearer {token_for('v', 'viewer')}"}
    assert client.get(url, **viewer).status_code == 403
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token_for('org', 'organiser')}"}
    assert client.get(url + "?lang=fr", **auth).status_code == 422


def test_unit_invitations_one_file_a_letter_per_active_person_each_qr_checks_in(client):
    edition = unit_edition()
    unit, token = make_unit(edition, quotas={"delegate": 3})
    people = [unit_services.add_person(unit=unit, data=person(n), consent=True) for n in range(3)]
    body = {"name": "赵新", "email": "zhao@example.com", "phone": "13900000009", "consent": True}
    swapped = client.post(
        f"/api/v1/units/{token}/people/{people[0].registration.code}/substitute",
        json.dumps(body),
        content_type="application/json",
    ).json()
    response = client.get(f"/api/v1/units/{token}/invitations.pdf")
    assert response.status_code == 200
    pdf = response.content
    assert page_count(pdf) == 3  # the replaced person has no letter any more
    text = pdf_text(pdf)
    assert "尊敬的 赵新" in text and "尊敬的 李1" in text and "尊敬的 李0" not in text
    tokens = [decode_qr_codes(pdf, page)[0] for page in (1, 2, 3)]
    verdicts = [scanning.check_in(slug=edition.slug, token=t)["registration"]["code"] for t in tokens]
    assert sorted(verdicts) == sorted(
        [swapped["code"], people[1].registration.code, people[2].registration.code]
    )


def _page_text(pdf: bytes, page: int) -> str:
    import subprocess

    done = subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    )
    return done.stdout.decode()


@pytest.mark.parametrize("orgs", [["大足石刻文创园", "天府设计产业园"] * 3, ["甲单位", "乙单位", "丙单位"]])
def test_each_letter_carries_its_own_unit_ticket_line_and_qr_whether_shared_or_not(orgs):
    # Two units over six people: the unit and ticket line are laid out once per unit (stamps); three
    # people of three units: they are laid out on each letter. Either way each page reads as its person's.
    edition = unit_edition()
    regs = [
        register(edition, "guest" if i == 1 else "delegate", organization=org, name=f"王{i}").registration
        for i, org in enumerate(orgs)
    ]
    letters = [invitations.letter_data(r) for r in regs]
    assert invitations.document(invitations.edition_data(edition), letters)[0]["shared"] is (len(orgs) == 6)
    pdf = invitations.render_letters(edition=edition, letters=letters)
    assert page_count(pdf) == len(orgs)
    for page, (reg, org) in enumerate(zip(regs, orgs, strict=True), start=1):
        text = _page_text(pdf, page)
        assert f"尊敬的 王{page - 1}：" in text
        assert org in text and [o for o in set(orgs) - {org} if o in text] == []
        assert reg.code in text
        if page == 2:  # the guest awaits approval: no QR, and the letter says when it comes
            assert "报名确认后，入场二维码将发送至您的邮箱。" in text
            assert decode_qr_codes(pdf, page) == []
        else:
            assert "入场二维码 · 参会代表" in text
            (token,) = decode_qr_codes(pdf, page)
            assert scanning.check_in(slug=edition.slug, token=token)["registration"]["code"] == reg.code


def test_organiser_downloads_a_units_letters_without_its_link(client):
    edition = unit_edition()
    unit, _token = make_unit(edition, organization="天府设计产业园", quotas={"delegate": 3})
    regs = [unit_services.add_person(unit=unit, data=person(n), consent=True).registration for n in range(2)]
    other_edition = unit_edition()
    other, _ = make_unit(other_edition, organization="别的单位")
    organiser = {"HTTP_AUTHORIZATION": f"Bearer {token_for('org', 'organiser')}"}
    path = f"/api/v1/events/{edition.slug}/units/{unit.pk}/invitations.pdf"
    response = client.get(path, **organiser)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert page_count(pdf) == 2
    for page, reg in enumerate(regs, start=1):
        text = _page_text(pdf, page)
        assert f"尊敬的 {reg.name} 经理：" in text and "天府设计产业园" in text
        (token,) = decode_qr_codes(pdf, page)
        assert scanning.check_in(slug=edition.slug, token=token)["registration"]["code"] == reg.code
    viewer = {"HTTP_AUTHORIZATION": f"Bearer {token_for('v', 'viewer')}"}
    assert client.get(path, **viewer).status_code == 403
    wrong = f"/api/v1/events/{edition.slug}/units/{other.pk}/invitations.pdf"
    assert client.get(wrong, **organiser).status_code == 404


def test_every_letter_of_the_edition_as_a_background_job_unit_by_unit(client, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    edition = unit_edition()
    unit, _ = make_unit(edition, organization="大足石刻文创园", quotas={"delegate": 2})
    in_unit = [
        unit_services.add_person(unit=unit, data=person(n), consent=True).registration for n in range(2)
    ]
    alone = register(edition, "delegate", organization="个人报名", name="孙独").registration
    cancelled = register(edition, "delegate", name="钱取消").registration
    from events.registration import services as registration_services

    registration_services.cancel_registration(registration=cancelled)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token_for('org', 'organiser')}"}
    response = client.post(f"/api/v1/events/{edition.slug}/invitation-jobs", **auth)
    assert response.status_code == 202
    job = client.get(f"/api/v1/jobs/{response.json()['id']}", **auth).json()
    assert (job["kind"], job["state"], job["done"], job["total"]) == ("invitations", "done", 3, 3)
    download = client.get(job["result_url"], **auth)
    assert download["Content-Disposition"] == f'inline; filename="invitations-{edition.slug}-each.pdf"'
    pdf = b"".join(download.streaming_content)
    assert page_count(pdf) == 3  # the cancelled person gets no letter
    for page, reg in enumerate([*in_unit, alone], start=1):
        assert f"尊敬的 {reg.name}" in _page_text(pdf, page)
        (token,) = decode_qr_codes(pdf, page)
        assert scanning.check_in(slug=edition.slug, token=token)["registration"]["code"] == reg.code
    viewer = {"HTTP_AUTHORIZATION": f"Bearer {token_for('v', 'viewer')}"}
    assert client.post(f"/api/v1/events/{edition.slug}/invitation-jobs", **viewer).status_code == 403
    bad = client.post(f"/api/v1/events/{edition.slug}/invitation-jobs?lang=fr", **auth)
    assert (bad.status_code, bad.json()["field"]) == (422, "lang")


def test_staff_documents_page_starts_the_letters_and_lists_the_job(client, settings, tmp_path):
    from ..factories import make_user

    settings.MEDIA_ROOT = str(tmp_path)
    edition = unit_edition()
    register(edition, "delegate", name="孙独")
    make_user("org", "organiser")
    client.login(username="org", password="pw-123456")
    response = client.post(f"/staff/e/{edition.slug}/documents/invitations", {"lang": "en"})
    assert (response.status_code, response["Location"]) == (302, f"/staff/e/{edition.slug}/documents#letters")
    page = client.get(f"/staff/e/{edition.slug}/documents").content.decode()
    letters = page.split('id="letters"')[1].split("</section>")[0]
    assert 'data-state="done"' in letters and "1/1 已完成" in letters  # the page's language
    assert "/result.pdf" in letters and " · en · " in letters
    empty = unit_edition()
    response = client.post(f"/staff/e/{empty.slug}/documents/invitations", {"lang": ""}, follow=True)
    assert "尚无参会人员。" in response.content.decode()


def test_letter_is_signed_with_the_day_it_was_issued_not_the_conference_day(client):
    import datetime as dt
    from zoneinfo import ZoneInfo

    edition = unit_edition()
    unit, _token = make_unit(edition)
    reg = unit_services.add_person(unit=unit, data=person(3), consent=True).registration
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token_for('org', 'organiser')}"}
    today = dt.datetime.now(ZoneInfo(edition.timezone)).date()
    pdf = client.get(
        f"/api/v1/events/{edition.slug}/registrations/{reg.code}/invitation.pdf?lang=zh-hans", **auth
    ).content
    text = "".join(pdf_text(pdf).split())
    assert f"{today.year}年{today.month}月{today.day}日" in text  # under the organiser's name
    # The conference day stays where it belongs: the opening sentence and the facts, not the signature.
    assert text.count("2030年6月28日") == 2
    assert "时间：2030年6月28日" in text


def _letter_text(client, edition, reg, lang, auth):
    pdf = client.get(
        f"/api/v1/events/{edition.slug}/registrations/{reg.code}/invitation.pdf?lang={lang}", **auth
    ).content
    return " ".join(pdf_text(pdf).split())


def test_letter_gives_the_opening_sessions_start_from_the_agenda_in_both_languages(client):
    edition = unit_edition()
    unit, _token = make_unit(edition)
    reg = unit_services.add_person(unit=unit, data=person(4, name_en="Wang Si"), consent=True).registration
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token_for('org', 'organiser')}"}
    # Without an agenda: the edition's dates only.
    assert "开幕" not in _letter_text(client, edition, reg, "zh-hans", auth)
    assert "Opening" not in _letter_text(client, edition, reg, "en", auth)
    # A visit before the opening ceremony: the letter names the ceremony's start, not the first session.
    make_session(edition, "08:00", "08:45", kind="visit", title="参观", title_en="Visit")
    make_session(edition, "09:30", "10:00")
    zh = _letter_text(client, edition, reg, "zh-hans", auth).replace(" ", "")
    assert "时间：2030年6月28日开幕：2030年6月28日09:30地点" in zh
    assert "Opening: 28 June 2030, 09:30" in _letter_text(client, edition, reg, "en", auth)
