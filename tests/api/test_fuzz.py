"""The API fuzzed as an officer and as a focal point: no server error, no answer the OpenAPI
document does not describe. FUZZ_EXAMPLES sets the examples per operation (`make fuzz`)."""

import os

from django.middleware.csrf import _get_new_csrf_string
from django.test import Client

from tests.api.fuzz import FuzzReport, fuzz

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "2"))


def _signed_in(user) -> dict:
    """The session of a signed-in user, and the CSRF token a browser would send with it."""
    client = Client()
    client.force_login(user)
    csrf = _get_new_csrf_string()
    cookies = {"sessionid": client.cookies["sessionid"].value, "csrftoken": csrf}
    return {"cookies": cookies, "headers": {"X-CSRFToken": csrf}}


def test_fuzzed_api_answers_as_documented(registry, officer, focal_bz):
    report = FuzzReport()
    for user in (officer, focal_bz):
        fuzz(_signed_in(user), EXAMPLES, report)
    print(report.summary())
    assert report.calls >= min(1000, 2 * 199 * EXAMPLES) // 2
    assert not report.failures, report.summary()
