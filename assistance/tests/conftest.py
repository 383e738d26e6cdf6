import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded letters go to a throw-away folder, never to the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Browser journeys run after every database test (as in tests/browser/conftest.py): once
    Playwright's event loop has started, a later database test leaves a connection open and
    PostgreSQL refuses to drop the test database."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
