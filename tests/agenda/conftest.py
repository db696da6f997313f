import pytest

from agenda import selectors


@pytest.fixture(autouse=True)
def _fresh_public_cache():
    # Each test has its own database; the per-process copy of the public JSON must not outlive it.
    selectors.clear_public_cache()
    yield
    selectors.clear_public_cache()
