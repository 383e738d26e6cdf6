"""The OpenAPI document is made once per language and version in a process (it costs a worker
about two seconds), never once per request, and a changed setting makes it anew."""

import pytest
from drf_spectacular.generators import SchemaGenerator

from core import api_schema

SCHEMA = "/api/v1/schema/"


@pytest.fixture
def made(monkeypatch):
    """The documents drf-spectacular really made, by language."""
    api_schema._SCHEMAS.clear()
    languages = []
    real = SchemaGenerator.get_schema

    def recording(self, *args, **kwargs):
        from django.utils import translation

        languages.append(translation.get_language())
        return real(self, *args, **kwargs)

    monkeypatch.setattr(SchemaGenerator, "get_schema", recording)
    yield languages
    api_schema._SCHEMAS.clear()


def test_the_document_is_made_once_for_every_reader(made, api_client_for, officer, focal_bz):
    first = api_client_for(officer).get(SCHEMA, {"format": "json"})
    second = api_client_for(focal_bz).get(SCHEMA, {"format": "json"})
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    assert made == ["en"]


def test_each_language_has_its_own_document(made, api_client_for, officer):
    client = api_client_for(officer)
    english = client.get(SCHEMA, {"format": "json"}).json()
    french = client.get(SCHEMA, {"format": "json", "lang": "fr"}).json()
    assert made == ["en", "fr"]
    assert english != french
    # A language the site does not have reads the English document already made.
    assert client.get(SCHEMA, {"format": "json", "lang": "zz"}).json() == english
    assert client.get(SCHEMA, {"format": "json", "lang": "fr"}).json() == french
    assert made == ["en", "fr"]


def test_only_a_few_documents_are_kept(made, api_client_for, officer):
    client = api_client_for(officer)
    for version in range(api_schema._SCHEMAS_KEPT + 3):
        assert client.get(SCHEMA, {"format": "json", "version": f"v{version}"}).status_code == 200
    assert len(api_schema._SCHEMAS) == api_schema._SCHEMAS_KEPT
    assert len(made) == api_schema._SCHEMAS_KEPT + 3


def test_a_changed_url_setting_makes_it_anew(made, api_client_for, officer, settings):
    client = api_client_for(officer)
    client.get(SCHEMA)
    settings.MEDIA_ROOT = "/elsewhere"  # nothing the document is made from
    client.get(SCHEMA)
    assert made == ["en"]
    settings.ROOT_URLCONF = "config.urls"
    client.get(SCHEMA)
    assert made == ["en", "en"]
