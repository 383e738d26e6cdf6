"""Page and API refuse alike: the same invalid input, sent through the page's form and through
the API, is refused on the same field with the same words.

A page refusal is the page again (status 400) with its errors listed as
`<li data-error-field="field">…</li>` (`matching/form_errors.html`; "" for the form as a whole);
an API refusal is a 400 `{field: [message]}`, or `{"detail": message}` for the step as a whole.
Both are read into `Refusal(field, message)` and compared."""

import html
import re
from dataclasses import dataclass

WHOLE = ""  # the refusal is about the step as a whole, not one input
ERROR_ITEM = re.compile(r'<li data-error-field="([^"]*)">(.*?)</li>', re.S)
TAGS = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Refusal:
    field: str
    message: str


def page_refusals(response) -> set[Refusal]:
    """The refusals a page shows: each listed error, without its field label."""
    assert response.status_code == 400, f"the page did not refuse ({response.status_code})"
    found = set()
    for field, item in ERROR_ITEM.findall(response.content.decode()):
        text = html.unescape(TAGS.sub("", item)).strip()
        label = re.match(r"^[^:]+:\s*", text) if field else None
        found.add(Refusal(field, text[label.end() :] if label else text))
    return found


def api_refusals(response) -> set[Refusal]:
    assert response.status_code == 400, f"the API did not refuse ({response.status_code}: {response.content!r})"
    found = set()
    for field, messages in response.json().items():
        field = WHOLE if field in ("detail", "non_field_errors") else field
        for message in [messages] if isinstance(messages, str) else messages:
            found.add(Refusal(field, str(message)))
    return found


def assert_same_refusal(page_response, api_response, *, field: str, message: str | None = None) -> Refusal:
    """Both refused the input on `field` (WHOLE: the step as a whole), with the same message
    (`message` when given); returns the refusal."""
    page, api = page_refusals(page_response), api_refusals(api_response)
    assert page == api, f"page refused {page}, the API {api}"
    assert len(page) == 1, f"expected one refusal, got {page}"
    refusal = next(iter(page))
    assert refusal.field == field, f"refused on {refusal.field!r}, expected {field!r}"
    if message is not None:
        assert refusal.message == message, f"refused with {refusal.message!r}"
    return refusal
