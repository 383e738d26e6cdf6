"""A schema-driven fuzzer over the whole API: schemathesis generates requests from the OpenAPI
document (valid ones and invalid ones), sends them to the site in-process and checks each
answer against the same document.

Every call counts; a failure is kept (operation, status, what was wrong, the server's traceback)
rather than raised, so one run reports every problem at once."""

import json
import logging
import sys
import traceback
from dataclasses import dataclass, field

import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import got_request_exception, request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

# No server error; only statuses, media types and bodies the document describes.
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
MODES = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]


@dataclass
class FuzzReport:
    calls: int = 0
    failures: list[str] = field(default_factory=list)
    server_errors: list[str] = field(default_factory=list)  # tracebacks of the last call

    def summary(self) -> str:
        return "\n".join([f"API fuzzing: {self.calls} calls, {len(self.failures)} failures", *self.failures])


def openapi_document() -> dict:
    """The document `manage.py spectacular` writes, as plain JSON data."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(schema, renderer_context={}))


def fuzz(roles: dict[str, dict], examples: int, report: FuzzReport) -> FuzzReport:
    """Send up to `examples` valid and as many invalid generated requests to every operation,
    each request once for every role (name → credentials, `{"headers": …, "cookies": …}`):
    generating a request costs more than answering it."""
    schema = schemathesis.openapi.from_dict(openapi_document())
    schema.app = WSGIHandler()

    def keep_traceback(sender, request=None, **kwargs):
        report.server_errors.append("".join(traceback.format_exception(*sys.exc_info())[-8:]))

    got_request_exception.connect(keep_traceback)
    # Thousands of expected 4xx would bury the report; a server error is still logged.
    request_log = logging.getLogger("django.request")
    level = request_log.level
    request_log.setLevel(logging.ERROR)
    # As Django's test client does: a request must not close the test's database connection
    # (on PostgreSQL it would, being inside the test's transaction).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        for result in schema.get_all_operations():
            for mode in MODES:
                _fuzz_operation(result.ok(), mode, roles, examples, report)
    finally:
        got_request_exception.disconnect(keep_traceback)
        request_log.setLevel(level)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return report


def _fuzz_operation(operation, mode, roles, examples, report):
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,  # the same requests on every run, so a failure can be replayed
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def exercise(case):
        for role, credentials in roles.items():
            report.server_errors.clear()
            response = case.call(**credentials)
            report.calls += 1
            try:
                case.validate_response(response, checks=CHECKS, headers=credentials["headers"])
            except (FailureGroup, AssertionError) as failure:
                detail = "\n".join(report.server_errors) or str(failure)[:1500]
                label = f"{operation.label} ({mode.value}, {role})"
                report.failures.append(f"{label} -> {response.status_code}\n{detail}\n")

    try:
        exercise()
    except Unsatisfiable:
        pass  # nothing invalid can be written for this operation (no parameter, no body)
