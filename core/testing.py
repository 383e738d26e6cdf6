"""Test helpers shared by every app's tests."""

from django.core.exceptions import NON_FIELD_ERRORS
from django.utils import translation

LANGUAGE = "fr"  # not English: a message the API forgot to translate cannot pass


def assert_same_refusal(
    *,
    client,
    api_client,
    form_url: str,
    api_url: str,
    data: dict,
    field: str | None,
    api_data: dict | None = None,
    language: str = LANGUAGE,
) -> list[str]:
    """Post the same invalid input through the page's form and through the API: both must
    refuse it, on the same field (None: the whole record), with the same translated messages.

    `api_data` is the same input in the API's spelling when it differs (codes instead of
    keys). Returns the messages, for a test that also wants to say what they are."""
    header = {"HTTP_ACCEPT_LANGUAGE": language}
    # The locale middleware leaves the request's language active: give the next test its own.
    # The form's messages are lazy: read them while the request's language is still active.
    with translation.override(translation.get_language()):
        page = client.post(form_url, data, **header)
        assert page.status_code in (200, 400), f"the page accepted the input ({page.status_code})"
        form = page.context["form"]
        assert form.errors, "the page accepted the input"
        page_messages = [str(message) for message in form.errors.get(field or NON_FIELD_ERRORS, [])]
        answer = api_client.post(api_url, api_data if api_data is not None else data, format="json", **header)

    assert answer.status_code == 400, f"the API answered {answer.status_code}: {answer.content[:300]!r}"
    body = answer.json()
    api_messages = [str(message) for message in body.get(field or "non_field_errors", [])]

    assert page_messages, f"the page refused the input on other fields: {dict(form.errors)}"
    assert page_messages == api_messages, f"page {page_messages} ≠ API {api_messages} (API said {body})"
    return page_messages
