"""Edition settings pages (flag `settings`): the edition, categories, door points with hand-out items, the
consent notice, reply sections, and a new edition (empty or cloned); refusals in the page's language."""

import datetime as dt

import pytest

from events.enums import RegistrationStatus as S
from events.models import Category, CheckInPoint, Edition
from tests.factories import make_category, make_edition, make_point, make_user, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def boss(client):
    client.force_login(make_user("boss", "organiser"))
    return client


def edition_form(edition, **changes):
    data = {
        "name": edition.name,
        "name_en": edition.name_en,
        "tagline": "",
        "tagline_en": "",
        "starts_on": edition.starts_on.isoformat(),
        "ends_on": edition.ends_on.isoformat(),
        "venue": edition.venue,
        "venue_en": edition.venue_en,
        "timezone": edition.timezone,
        "registration_opens_at": "",
        "registration_closes_at": "",
        "description": "",
        "description_en": "",
    }
    data.update(changes)
    return data


def test_settings_page_needs_the_settings_flag(client):
    edition = make_edition()
    client.force_login(make_user("door", "checkin"))
    assert client.get(f"/staff/e/{edition.slug}/settings").status_code == 403
    client.logout()
    assert client.get(f"/staff/e/{edition.slug}/settings").status_code == 302


def test_edit_the_edition_and_its_registration_window_in_its_time_zone(boss):
    edition = make_edition()
    response = boss.post(
        f"/staff/e/{edition.slug}/settings",
        edition_form(edition, name="新名称", venue="成都", registration_closes_at="2030-06-20T18:00"),
    )
    assert response.status_code == 302
    edition.refresh_from_db()
    assert (edition.name, edition.venue) == ("新名称", "成都")
    assert edition.registration_closes_at == dt.datetime(2030, 6, 20, 10, 0, tzinfo=dt.UTC)


def test_end_before_start_is_refused_on_the_form_in_both_languages(boss):
    edition = make_edition()
    response = boss.post(f"/staff/e/{edition.slug}/settings", edition_form(edition, ends_on="2030-01-01"))
    assert response.status_code == 422
    assert "结束日期不能早于开始日期。" in response.content.decode()
    boss.cookies["django_language"] = "en"
    response = boss.post(f"/staff/e/{edition.slug}/settings", edition_form(edition, ends_on="2030-01-01"))
    assert "The edition cannot end before it starts." in response.content.decode()
    edition.refresh_from_db()
    assert edition.ends_on == dt.date(2030, 6, 28)


def test_unknown_time_zone_is_refused_not_a_500(boss):
    edition = make_edition()
    response = boss.post(f"/staff/e/{edition.slug}/settings", edition_form(edition, timezone="Mars/Base"))
    assert response.status_code == 422
    assert "未知的时区" in response.content.decode()


def test_publish_button_publishes_a_draft(boss, client):
    edition = make_edition(published=False)
    assert boss.post(f"/staff/e/{edition.slug}/settings/publish", {"published": "1"}).status_code == 302
    edition.refresh_from_db()
    assert edition.published is True


def category_form(**changes):
    data = {
        "code": "guest",
        "name": "嘉宾",
        "name_en": "Guest",
        "capacity": "50",
        "requires_approval": "on",
        "public": "on",
        "badge_color": "#1d4ed8",
        "order": "1",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_add_and_edit_a_category(boss):
    edition = make_edition()
    assert boss.post(f"/staff/e/{edition.slug}/settings/categories/new", category_form()).status_code == 302
    cat = Category.objects.get(edition=edition, code="guest")
    assert (cat.name, cat.capacity, cat.requires_approval, cat.waitlist, cat.badge_color) == (
        "嘉宾",
        50,
        True,
        False,
        "#1d4ed8",
    )
    response = boss.post(
        f"/staff/e/{edition.slug}/settings/categories/guest",
        category_form(code=None, capacity="", requires_approval=None, waitlist="on"),
    )
    assert response.status_code == 302
    cat.refresh_from_db()
    assert (cat.capacity, cat.requires_approval, cat.waitlist) == (None, False, True)


def test_capacity_below_confirmed_is_refused_with_a_message(boss):
    edition = make_edition()
    make_category(edition, "guest", capacity=10)
    register(edition, "guest")
    register(edition, "guest")
    response = boss.post(
        f"/staff/e/{edition.slug}/settings/categories/guest", category_form(code=None, capacity="1")
    )
    assert response.status_code == 409
    assert "已有 2 人确认，名额不能少于此数。" in response.content.decode()
    assert Category.objects.get(edition=edition, code="guest").capacity == 10


def test_raising_capacity_promotes_the_waiting_list(boss):
    edition = make_edition()
    make_category(edition, "guest", capacity=1, waitlist=True)
    register(edition, "guest")
    second = register(edition, "guest").registration
    assert second.status == S.WAITLISTED
    boss.post(
        f"/staff/e/{edition.slug}/settings/categories/guest",
        category_form(code=None, capacity="2", waitlist="on", requires_approval=None),
    )
    second.refresh_from_db()
    assert second.status == S.CONFIRMED


def test_duplicate_category_code_is_refused(boss):
    edition = make_edition()
    make_category(edition, "guest")
    response = boss.post(f"/staff/e/{edition.slug}/settings/categories/new", category_form())
    assert response.status_code == 409
    assert "类别“guest”已存在。" in response.content.decode()


def test_add_a_door_point_with_categories_and_hand_out_items(boss):
    edition = make_edition()
    guest = make_category(edition, "guest")
    make_category(edition, "media")
    response = boss.post(
        f"/staff/e/{edition.slug}/settings/points/new",
        {"code": "dinner", "name": "晚宴", "name_en": "Dinner", "entry": "daily", "categories": ["guest"]},
    )
    assert response.status_code == 302
    point = CheckInPoint.objects.get(edition=edition, code="dinner")
    assert (point.entry, [c.code for c in point.categories.all()]) == ("daily", ["guest"])
    response = boss.post(
        f"/staff/e/{edition.slug}/settings/points/dinner/items",
        {"item-code": "coupon", "item-name": "餐券", "item-categories": ["guest"]},
    )
    assert response.status_code == 302
    item = point.handover_items.get()
    assert (item.name, list(item.categories.all())) == ("餐券", [guest])
    boss.post(f"/staff/e/{edition.slug}/settings/points/dinner/items", {"remove": str(item.pk)})
    assert point.handover_items.count() == 0


def test_a_point_with_a_bad_check_type_is_refused(boss):
    edition = make_edition()
    response = boss.post(
        f"/staff/e/{edition.slug}/settings/points/new", {"code": "x", "name": "X", "entry": "twice"}
    )
    assert response.status_code == 422
    assert not CheckInPoint.objects.filter(edition=edition).exists()


def test_one_default_point(boss):
    edition = make_edition()
    make_point(edition, "hall", is_default=True)
    boss.post(
        f"/staff/e/{edition.slug}/settings/points/new",
        {"code": "gate", "name": "大门", "entry": "once", "is_default": "on"},
    )
    assert list(
        CheckInPoint.objects.filter(edition=edition, is_default=True).values_list("code", flat=True)
    ) == ["gate"]


def test_new_consent_version_and_a_duplicate_refused(boss):
    edition = make_edition()
    url = f"/staff/e/{edition.slug}/settings/consent"
    assert (
        boss.post(url, {"version": "2031.1", "text": "新的告知", "text_en": "New notice"}).status_code == 302
    )
    assert edition.consent_notices.order_by("-created_at", "-id").first().version == "2031.1"
    response = boss.post(url, {"version": "2031.1", "text": "再次"})
    assert response.status_code == 409
    assert edition.consent_notices.count() == 2


def test_reply_sections(boss):
    edition = make_edition()
    boss.post(f"/staff/e/{edition.slug}/settings/reply-sections", {"sections": ["hotel", "arrival"]})
    edition.refresh_from_db()
    assert edition.reply_sections == ["arrival", "hotel"]


def test_new_empty_edition_is_a_draft(boss):
    edition = make_edition()
    response = boss.post(
        f"/staff/s/{edition.series.slug}/new",
        {"source": "", "slug": "fresh-2032", "name": "新大会", "starts_on": "2032-05-01", "venue": "大足"},
    )
    assert response.status_code == 302
    new = Edition.objects.get(slug="fresh-2032")
    assert (new.name, new.published, new.ends_on, new.categories.count()) == (
        "新大会",
        False,
        dt.date(2032, 5, 1),
        0,
    )
    assert response["Location"] == "/staff/e/fresh-2032/settings"


def test_new_edition_cloned_from_one_the_user_reaches(boss):
    edition = make_edition(slug="src-2030", name="2030大会")
    make_category(edition, "guest")
    response = boss.post(
        f"/staff/s/{edition.series.slug}/new",
        {"source": "src-2030", "slug": "src-2031", "name": "", "starts_on": "2031-06-28"},
    )
    assert response.status_code == 302
    new = Edition.objects.get(slug="src-2031")
    assert (new.name, new.published, [c.code for c in new.categories.all()]) == ("2031大会", False, ["guest"])


def test_new_edition_with_a_taken_slug_is_refused(boss):
    edition = make_edition(slug="taken-2030")
    response = boss.post(
        f"/staff/s/{edition.series.slug}/new",
        {"source": "", "slug": "taken-2030", "name": "X", "starts_on": "2032-05-01"},
    )
    assert response.status_code == 409
    assert "标识“taken-2030”已被占用。" in response.content.decode()


def test_new_edition_needs_the_settings_flag(client):
    edition = make_edition()
    client.force_login(make_user("door", "checkin"))
    assert client.get(f"/staff/s/{edition.series.slug}/new").status_code == 403


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_every_settings_page_renders_in_both_languages(boss, lang):
    edition = make_edition()
    make_category(edition, "guest")
    make_point(edition, "hall")
    boss.cookies["django_language"] = lang
    for path in (
        "settings",
        "settings/categories/new",
        "settings/categories/guest",
        "settings/points/new",
        "settings/points/hall",
        "settings/consent",
    ):
        assert boss.get(f"/staff/e/{edition.slug}/{path}").status_code == 200, path
    assert boss.get(f"/staff/s/{edition.series.slug}/new").status_code == 200
