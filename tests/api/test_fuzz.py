"""The API fuzzed as a secretariat officer and as a focal point: no server error, and no answer
the OpenAPI document does not describe (status, media type, body). FUZZ_EXAMPLES sets the
generated requests per operation and kind (valid, invalid), each sent as both roles: 2 here
(about 1,700 calls), 25 under `make fuzz`."""

import os

import pytest
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client

from tests.api.fuzz import FuzzReport, fuzz

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "2"))


def signed_in(user) -> dict:
    """A signed-in user's session, and the CSRF token a browser would send with it."""
    client = Client()
    client.force_login(user)
    csrf = _get_new_csrf_string()
    return {
        "cookies": {"sessionid": client.cookies["sessionid"].value, "csrftoken": csrf},
        # The checks read the bodies as sent: ask for them uncompressed (pages are gzipped otherwise).
        "headers": {"X-CSRFToken": csrf, "Accept-Encoding": "identity"},
    }


@pytest.mark.fuzz
@pytest.mark.long
def test_fuzzed_api_answers_as_documented(registry, officer, focal_bz):
    report = FuzzReport()
    fuzz({"officer": signed_in(officer), "focal point": signed_in(focal_bz)}, EXAMPLES, report)
    print(f"\n{report.summary()}")
    assert report.calls >= 1000 or EXAMPLES < 2
    assert not report.failures, report.summary()
