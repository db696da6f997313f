"""The configuration cache (events/cache.py): an edit made by another worker process is seen by this one at
the next request. The edit is made by a real second process on the same database."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from events import cache
from events.checkin import scanning
from tests.factories import make_category, make_edition, make_point, register

ROOT = Path(__file__).resolve().parents[2]


def other_worker(code: str) -> None:
    """Run `code` with the ORM in another process, on this test's database."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{db['NAME']}"
    else:
        url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = dict(os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE="config.settings", DJANGO_DEBUG="1")
    env.pop("PYTEST_VERSION", None)
    env.setdefault("HUIWU_VAR_DIR", str(settings.VAR_DIR))
    script = "import django; django.setup()\n" + code
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=True, timeout=120)


@pytest.mark.django_db(transaction=True)
def test_a_category_removed_from_a_door_by_another_worker_is_refused_at_once():
    edition = make_edition()
    delegate = make_category(edition, "delegate")
    make_point(edition, "main-hall", [delegate], is_default=True)
    token = register(edition).ticket_token
    assert scanning.check_in(slug=edition.slug, token=token)["result"] == "ok"  # this process now holds it

    other_worker(
        "from events.models import CheckInPoint\n"
        f"CheckInPoint.objects.get(edition__slug='{edition.slug}', code='main-hall').categories.clear()"
    )

    assert scanning.check_in(slug=edition.slug, token=token)["result"] == "not_allowed"


@pytest.mark.django_db
def test_the_version_store_is_shared_by_every_worker_process():
    # Per-process memory (LocMemCache) would leave other workers on the old version.
    backend = settings.CACHES[cache.VERSIONS]["BACKEND"]
    assert backend.rsplit(".", 1)[-1] in {"FileBasedCache", "RedisCache", "DatabaseCache"}


@pytest.mark.django_db
def test_an_edit_in_this_process_is_seen_at_the_next_scan():
    edition = make_edition()
    delegate = make_category(edition, "delegate")
    point = make_point(edition, "main-hall", [delegate], is_default=True)
    token = register(edition).ticket_token
    assert scanning.check_in(slug=edition.slug, token=token)["result"] == "ok"

    point.categories.remove(delegate)

    assert scanning.check_in(slug=edition.slug, token=token)["result"] == "not_allowed"


@pytest.mark.django_db(transaction=True)
def test_a_category_or_window_edited_by_another_worker_decides_the_next_registration():
    # The registration rule reads the category's settings and the edition's window from the cache.
    from events.exceptions import RegistrationClosed

    edition = make_edition()
    make_category(edition, "delegate", capacity=100)
    assert register(edition).registration.status == "confirmed"  # this process now holds the category

    other_worker(
        "from events.models import Category\n"
        f"category = Category.objects.get(edition__slug='{edition.slug}', code='delegate')\n"
        "category.requires_approval = True\ncategory.save()"
    )
    assert register(edition).registration.status == "pending"

    other_worker(
        "from django.utils import timezone\nfrom events.models import Edition\n"
        f"edition = Edition.objects.get(slug='{edition.slug}')\n"
        "edition.registration_closes_at = timezone.now()\nedition.save()"
    )
    with pytest.raises(RegistrationClosed):
        register(edition)
