"""Fixtures for the decisions tests; the personas (admin, officer, focal_bz, focal_jm, host_jm,
expert, partner) and their states come from the root conftest.py."""

import pytest

from decisions.tests import factories as f


@pytest.fixture
def action(db):
    return f.RequiredActionFactory(position=1)


@pytest.fixture
def as_user(client):
    """Sign the test client in as a user: `as_user(officer)`."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in
