"""Parity between the pages and the API: the same invalid input, sent once through a page and
once through the API, is refused on the same field with the same (translated) message.

A page answers a refused write in one of three ways, and `page_errors` reads each:
  - the form comes back with its errors (`response.context["form"].errors`);
  - an htmx panel comes back saying why (an element marked `data-panel-error`: the request
    status panel);
  - a redirect with an error message (django.contrib.messages), for buttons without a form.
The API answers `{"field": ["message"]}` (400), or `{"detail": "message"}` (403/409), and
`api_errors` reads both. Errors that belong to no field are keyed `NON_FIELD` on both sides
(the form's "__all__", the API's "non_field_errors", a panel error, a flash message, a detail).

Use `assert_same_refusal(page_response, api_response, field="window_end")`; name
`page_field`/`api_field` apart only when the page shows the refusal somewhere else than beside a
field (a button's flash message). Meant to be merged with core's parity helper for the other apps.
"""

import html
import re

from django.contrib.messages import constants, get_messages
from rest_framework.settings import api_settings

NON_FIELD = "__all__"
PANEL_ERROR = re.compile(r"<[^>]*\bdata-panel-error\b[^>]*>(.*?)</", re.S)


def page_errors(response) -> dict[str, list[str]]:
    """The refusal a page gave, by field (NON_FIELD for a refusal not beside a field)."""
    context = response.context or {}
    form = context.get("form") if hasattr(context, "get") else None
    if form is not None and form.errors:
        return {name: [str(message) for message in messages] for name, messages in form.errors.items()}
    panel_error = PANEL_ERROR.search(response.content.decode())
    if panel_error:
        return {NON_FIELD: [html.unescape(panel_error.group(1)).strip()]}
    flashed = [str(m) for m in get_messages(response.wsgi_request) if m.level == constants.ERROR]
    return {NON_FIELD: flashed} if flashed else {}


def api_errors(response) -> dict[str, list[str]]:
    """The refusal the API gave, by field (NON_FIELD for `detail` and non-field errors)."""
    body = response.json()
    if isinstance(body, dict) and "detail" in body and len(body) == 1:
        return {NON_FIELD: [str(body["detail"])]}
    errors = {}
    for name, messages in body.items():
        key = NON_FIELD if name == api_settings.NON_FIELD_ERRORS_KEY else name
        errors[key] = [str(message) for message in (messages if isinstance(messages, list) else [messages])]
    return errors


def assert_same_refusal(page_response, api_response, *, field: str = NON_FIELD, page_field=None, api_field=None):
    """Both refused the input, on the same field, with the same messages; returns the messages.
    The page answers 200 or 400 with the form, or redirects with a message; the API 4xx."""
    page_field, api_field = page_field or field, api_field or field
    assert api_response.status_code in (400, 403, 409), (api_response.status_code, api_response.content[:300])
    from_page, from_api = page_errors(page_response), api_errors(api_response)
    assert page_field in from_page, f"the page did not refuse {page_field!r}: {from_page}"
    assert api_field in from_api, f"the API did not refuse {api_field!r}: {from_api}"
    assert from_page[page_field] == from_api[api_field], (from_page, from_api)
    return from_page[page_field]
