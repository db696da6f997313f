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


# The files that start servers or a browser, or run long, in the order `make test` should start them: with one
# process per core (pytest -n, a file per process at a time, given out in collection order because the Makefile
# passes --no-loadscope-reorder), the long ones go first and the many short files fill in behind them,
# instead of a journey starting last while the other process idles.
FIRST = (
    "tests/journeys/",
    "tests/test_readme.py",
    "tests/e2e/",
    "tests/limits/",
    "tests/signing/test_status_migration.py",
    "tests/agenda/test_public_agenda_workers.py",
    "tests/test_secrets_in_logs.py",
    "tests/reliability/",
)


def _start_order(item) -> int:
    path = item.nodeid.replace("\\", "/")
    return next((i for i, prefix in enumerate(FIRST) if path.startswith(prefix)), len(FIRST))


def pytest_collection_modifyitems(config, items):
    from django.conf import settings

    items.sort(key=_start_order)  # stable: each file's tests keep their order

    on_pg = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    skip_pg = pytest.mark.skip(reason="needs DATABASE_URL pointing at PostgreSQL (CI runs it)")
    for item in items:
        if "postgres" in item.keywords and not on_pg:
            item.add_marker(skip_pg)
