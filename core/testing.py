"""Test helpers shared by every app's tests: the page and the API refuse alike.

The same invalid input, sent once through a page and once through the API, must be refused on
the same field with the same (translated) words. A page answers a refused write in one of four
ways, and `page_errors` reads each:
  - the form comes back with its errors (`response.context["form"].errors`);
  - the page lists them as `<li data-error-field="field">Label: message</li>` (matching's
    `form_errors.html`; "" for the step as a whole);
  - an htmx panel says why (an element marked `data-panel-error`: the request status panel);
  - a redirect with an error message (django.contrib.messages), for buttons without a form.
The API answers `{"field": ["message"]}` (400) or `{"detail": "message"}` (403/409), and
`api_errors` reads both. Refusals that belong to no field are keyed NON_FIELD on both sides.
"""

import html
import re

from django.contrib.messages import constants, get_messages
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils import translation
from rest_framework.settings import api_settings

from core.versions import version_of

NON_FIELD = NON_FIELD_ERRORS
LANGUAGE = "fr"  # not English: a message the API forgot to translate cannot pass
PANEL_ERROR = re.compile(r"<[^>]*\bdata-panel-error\b[^>]*>(.*?)</", re.S)
ERROR_ITEM = re.compile(r'<li data-error-field="([^"]*)">(.*?)</li>', re.S)
TAGS = re.compile(r"<[^>]+>")


def edit_data(record, data: dict | None = None, **fields) -> dict:
    """What a page's edit form posts: `data` and `fields`, plus the version of the record the
    form was opened at (its current version), which every edit form carries hidden."""
    return {**(data or {}), **fields, "version": version_of(record)}


HIDDEN_VERSION = re.compile(r'<input[^>]*name="version"[^>]*value="(\d+)"|<input[^>]*value="(\d+)"[^>]*name="version"')


def form_version(response) -> int:
    """The version an edit page's form carries, as a browser would post it back."""
    found = HIDDEN_VERSION.search(response.content.decode())
    assert found, "the page has no version field"
    return int(found.group(1) or found.group(2))


def _listed_errors(content: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for field, item in ERROR_ITEM.findall(content):
        text = html.unescape(TAGS.sub("", item)).strip()
        label = re.match(r"^[^:]+:\s*", text) if field else None  # "Institution: …" names the field
        errors.setdefault(field or NON_FIELD, []).append(text[label.end() :] if label else text)
    return errors


def page_errors(response) -> dict[str, list[str]]:
    """The refusal a page gave, by field (NON_FIELD for a refusal not beside a field)."""
    context = response.context or {}
    form = context.get("form") if hasattr(context, "get") else None
    if form is not None and form.errors:
        return {name: [str(message) for message in messages] for name, messages in form.errors.items()}
    content = response.content.decode()
    if listed := _listed_errors(content):
        return listed
    if panel_error := PANEL_ERROR.search(content):
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


def assert_refused_alike(
    page_response, api_response, *, field: str = NON_FIELD, page_field=None, api_field=None, message=None
) -> list[str]:
    """Both refused the input, on the same field, with the same messages (`message`, when given,
    is the one expected); returns the messages. Name `page_field`/`api_field` apart only when
    the page shows the refusal elsewhere than beside a field (a button's flash message)."""
    page_field, api_field = page_field or field, api_field or field
    assert api_response.status_code in (400, 403, 409), (api_response.status_code, api_response.content[:300])
    from_page, from_api = page_errors(page_response), api_errors(api_response)
    assert page_field in from_page, f"the page did not refuse {page_field!r}: {from_page}"
    assert api_field in from_api, f"the API did not refuse {api_field!r}: {from_api}"
    assert from_page[page_field] == from_api[api_field], (from_page, from_api)
    if message is not None:
        assert from_page[page_field] == [message], from_page[page_field]
    return from_page[page_field]


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
    """Post the same invalid input through the page's form and through the API, in `language`:
    both must refuse it on the same field (None: the whole record) with the same messages.

    `api_data` is the same input in the API's spelling when it differs (codes instead of
    keys). Returns the messages, for a test that also wants to say what they are."""
    header = {"HTTP_ACCEPT_LANGUAGE": language}
    # The locale middleware leaves the request's language active: give the next test its own.
    # The form's messages are lazy: read them while the request's language is still active.
    with translation.override(translation.get_language()):
        page = client.post(form_url, data, **header)
        assert page.status_code in (200, 400), f"the page accepted the input ({page.status_code})"
        answer = api_client.post(api_url, api_data if api_data is not None else data, format="json", **header)
        assert answer.status_code == 400, f"the API answered {answer.status_code}: {answer.content[:300]!r}"
        return assert_refused_alike(page, answer, field=field or NON_FIELD)


def docx_bytes() -> bytes:
    """The smallest file with the structure of a Word document (a zip holding
    [Content_Types].xml and word/), as the upload check reads it."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def choose(field, typed: str, record_name: str) -> None:
    """Pick a record in a bounded chooser (core.choosers) in a real browser, as a user does:
    type a few letters, wait for the suggestions, take the one naming `record_name`."""
    from playwright.sync_api import expect

    field.fill("")
    field.press_sequentially(typed, delay=30)
    option = field.page.locator(f"datalist#{field.get_attribute('list')} option[value^='{record_name}']").first
    expect(option).to_be_attached()
    field.fill(option.get_attribute("value"))


def commit() -> None:
    """Run what waits for the commit of the test's transaction (which never commits), as a
    commit would, and forget it: e.g. the change counters (`core.data_version`) of what the
    fixtures and the test wrote so far."""
    from django.db import connection

    # What the callbacks write would commit at once after a real commit: run what they add too.
    while connection.run_on_commit:
        pending, connection.run_on_commit[:] = list(connection.run_on_commit), []
        for _savepoints, callback, _robust in pending:
            callback()
