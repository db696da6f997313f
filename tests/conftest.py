import pytest
from django.test import Client


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for every browser test of the session (tests/e2e and tests/journeys):
    Playwright's sync API runs one instance per thread, so the two folders cannot each start their own."""
    import os

    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

    if not os.path.exists(CHROMIUM):
        pytest.fail("Debian's chromium is not installed (make test installs it: scripts/system-deps.sh test)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _fresh_configuration_cache():
    """Each test's database is rolled back under the configuration cache (events/cache.py), with no edit to
    bump a version: start every test without the rows an earlier test cached."""
    from events import cache

    cache.forget()


@pytest.fixture
def client():
    return Client()


def pytest_collection_modifyitems(config, items):
    from django.conf import settings

    on_pg = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    skip_pg = pytest.mark.skip(reason="needs DATABASE_URL pointing at PostgreSQL (CI runs it)")
    for item in items:
        if "postgres" in item.keywords and not on_pg:
            item.add_marker(skip_pg)
