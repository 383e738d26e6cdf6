"""The registry's page and API tables ask hundreds of questions of one registry, so here it is
built once per test module (see `tests.personas.built_once`) rather than once per test."""

import copy

import pytest

from tests.personas import built_once


@pytest.fixture(scope="module")
def _registry_of_module(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker) as registry:
        yield registry


@pytest.fixture
def registry(_registry_of_module, db):
    # A copy per test: a test may change the objects in memory (refresh_from_db after an edit).
    return copy.deepcopy(_registry_of_module)
