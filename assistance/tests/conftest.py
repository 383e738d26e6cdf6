import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded letters go to a throw-away folder, never to the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
