"""Input the site cannot read is refused with a clear 400, never a server error, the same on
SQLite and PostgreSQL and for pages and the API alike:

- a NUL byte in the address or the query string (PostgreSQL cannot store a NUL in text, so a
  search for one would fail in the database), invalid UTF-8 there or in a form post;
- a JSON body nested deeper than MAX_JSON_DEPTH or larger than DATA_UPLOAD_MAX_MEMORY_SIZE,
  and (as a field error) a NUL anywhere in a JSON field;
- a value the database cannot hold (an integer beyond its range): the last safety net, for
  the lookups no field validated first.

A refusal on an API address is JSON `{"detail": "…"}`, as every other API refusal (see
core.api_refusals); on a page it is the site's plain 400 page."""

import logging
import re
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import DataError
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser
from rest_framework.settings import api_settings
from rest_framework.utils import json

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"
MAX_JSON_DEPTH = 32
FORM_MEDIA_TYPE = "application/x-www-form-urlencoded"
# Strings (with their escapes) are skipped when counting how deep a JSON body nests.
JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.S)
JSON_BRACKET = re.compile(rb"[\[\]{}]")


def max_json_bytes() -> int:
    """As large as Django lets any form body be (DATA_UPLOAD_MAX_MEMORY_SIZE, 2.5 MB by default)."""
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 2_621_440


def is_api(request) -> bool:
    return request.path_info.startswith(API_PREFIX)


def refusal(request, message: str, status: int = 400):
    """The answer to input the site cannot use: JSON for the API, the plain error page otherwise."""
    if is_api(request):
        return JsonResponse({"detail": message}, status=status)
    if status == 404:
        return defaults.page_not_found(request, exception=None)
    return defaults.bad_request(request, exception=None)


def is_utf8(raw: bytes) -> bool:
    """Whether percent-encoded text (a query string, a form post) decodes as UTF-8."""
    try:
        unquote_to_bytes(raw.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


class RefuseUnreadableInputMiddleware:
    """Refuses an address, query string or form post the site cannot read (400), before any
    view or database sees it; and answers 400 when the database refuses a value (the net)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = self._problem(request)
        if problem:
            return refusal(request, problem)
        return self.get_response(request)

    @staticmethod
    def _problem(request) -> str | None:
        """A NUL in the address or query string is refused outright: a page's filters and searches
        would hand it to the database. In a form post it reaches the form, whose fields refuse it
        by name, as the API's serializers do."""
        query = request.META.get("QUERY_STRING", "").encode("latin-1", "replace")
        if "\x00" in request.path_info or b"%00" in query or b"\x00" in query:
            return _("Null characters are not allowed.")
        if not is_utf8(query):
            return _("The request is not valid UTF-8 text.")
        if request.method == "POST" and request.content_type == FORM_MEDIA_TYPE and not is_utf8(request.body):
            return _("The request is not valid UTF-8 text.")
        return None

    def process_exception(self, request, exception):
        if isinstance(exception, OverflowError | DataError):
            logger.warning("A value the database cannot hold, refused: %s", exception)
            return refusal(request, _("A value is out of range or not allowed."))
        return None


def page_not_found(request, exception):
    """handler404: the API answers JSON as for any other refusal, a page the site's 404 page."""
    if is_api(request):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return defaults.page_not_found(request, exception)


def bad_request(request, exception):
    """handler400 (a body too large, a host not allowed): JSON for the API, as above."""
    if is_api(request):
        if isinstance(exception, RequestDataTooBig):
            message = _("The request body is larger than %(limit)s bytes.") % {"limit": max_json_bytes()}
        else:
            message = _("The request could not be read.")
        return JsonResponse({"detail": message}, status=400)
    return defaults.bad_request(request, exception)


def json_depth(body: bytes) -> int:
    """How deeply arrays and objects nest in a JSON text (brackets inside strings don't count)."""
    depth = deepest = 0
    for match in JSON_BRACKET.finditer(JSON_STRING.sub(b"", body)):
        depth += 1 if match.group() in (b"[", b"{") else -1
        deepest = max(deepest, depth)
    return deepest


def has_null_character(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(has_null_character(key) or has_null_character(item) for key, item in value.items())
    if isinstance(value, list):
        return any(has_null_character(item) for item in value)
    return False


def null_character_errors(data) -> dict:
    """The fields holding a NUL character anywhere in their value, refused by field as the
    serializers refuse them (so also in a key, a list, a related record's slug or a JSON field,
    which no serializer checks and PostgreSQL cannot store)."""
    message = [_("Null characters are not allowed.")]
    if not isinstance(data, dict):
        return {api_settings.NON_FIELD_ERRORS_KEY: message} if has_null_character(data) else {}
    errors = {}
    for name, value in data.items():
        if "\x00" in name:
            errors[api_settings.NON_FIELD_ERRORS_KEY] = message
        elif has_null_character(value):
            errors[name] = message
    return errors


class BoundedJSONParser(JSONParser):
    """DRF's JSON parser (strict: no NaN or Infinity), refusing with 400 a body that is too
    large or nested deeper than MAX_JSON_DEPTH (which would exhaust the parser's recursion), and
    with a field error any field holding a NUL character."""

    def parse(self, stream, media_type=None, parser_context=None):
        limit = max_json_bytes()
        body = stream.read(limit + 1) if stream is not None else b""
        if len(body) > limit:
            raise ParseError(_("The request body is larger than %(limit)s bytes.") % {"limit": limit})
        if json_depth(body) > MAX_JSON_DEPTH:
            raise ParseError(_("The JSON is nested more than %(depth)s levels deep.") % {"depth": MAX_JSON_DEPTH})
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        strict = json.strict_constant if api_settings.STRICT_JSON else None  # NaN, Infinity
        try:
            data = json.loads(body.decode(encoding), parse_constant=strict)
        except (ValueError, RecursionError) as error:
            raise ParseError(_("JSON parse error: %(error)s") % {"error": error}) from error
        refused = null_character_errors(data)
        if refused:
            raise ParseError(refused)
        return data
