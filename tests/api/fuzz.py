"""A schema-driven fuzzer over the whole API: schemathesis generates requests from the OpenAPI
document, sends them to the site in-process and checks each answer against the same document.

Every call counts; a failure is kept (operation, status, what was wrong) rather than raised,
so one run reports every problem at once."""

import json
from dataclasses import dataclass, field

import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import got_request_exception
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

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@dataclass
class FuzzReport:
    calls: int = 0
    failures: list[str] = field(default_factory=list)

    def summary(self) -> str:
        lines = [f"{self.calls} calls, {len(self.failures)} failures"]
        return "\n".join([*lines, *self.failures])


def openapi_document() -> dict:
    """The document `manage.py spectacular` writes, as plain JSON data."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(schema, renderer_context={}))


def fuzz(credentials: dict, examples: int, report: FuzzReport | None = None) -> FuzzReport:
    """Send up to `examples` generated requests to every operation, signed in with these
    credentials (`{"headers": …, "cookies": …}`)."""
    report = report or FuzzReport()
    schema = schemathesis.openapi.from_dict(openapi_document())
    schema.app = WSGIHandler()
    errors = []

    def keep_error(sender, request=None, **kwargs):
        import sys
        import traceback

        errors.append("".join(traceback.format_exception(*sys.exc_info())[-6:]))

    got_request_exception.connect(keep_error)
    try:
        for result in schema.get_all_operations():
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                _fuzz_operation(result.ok(), mode, credentials, examples, report, errors)
    finally:
        got_request_exception.disconnect(keep_error)
    return report


def _fuzz_operation(operation, mode, credentials, examples, report, errors):
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def exercise(case):
        del errors[:]
        response = case.call(**credentials)
        report.calls += 1
        try:
            case.validate_response(response, checks=CHECKS, headers=credentials["headers"])
        except (FailureGroup, AssertionError) as failure:
            detail = "\n".join(errors) or str(failure)[:1500]
            report.failures.append(f"{operation.label} ({mode.value}) -> {response.status_code}\n{detail}\n")

    try:
        exercise()
    except Unsatisfiable:
        pass  # nothing invalid can be written for this operation (no parameters, no body)
