import pytest


@pytest.fixture(autouse=True)
def _forget_token_addresses():
    """The addresses each token was seen from are remembered per process; a test's rows are rolled back."""
    from audit import services

    services._seen_addresses.clear()
