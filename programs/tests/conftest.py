import pytest


@pytest.fixture
def api_client(client, settings):
    """A client of the API that no rate limit stops: these tests ask for many answers, as one client."""
    settings.API_RATE_LIMIT = 0
    return client
