"""The refusals every API operation can answer, documented once for the whole OpenAPI document
(a drf-spectacular postprocessing hook) rather than view by view, so the document says what
the API really returns.

Two error bodies, as DRF and core.api's exception handler write them:
- `Detail`, `{"detail": "…"}`: not signed in, not allowed, not found, a conflict, a request the
  site cannot read (malformed JSON, nested too deep, a NUL byte, an unsupported media type);
- `ValidationErrors`, `{"field": ["message", …], "non_field_errors": […]}`: the fields refused,
  in the words of the page's form (a nested record's fields nest the same way)."""

DETAIL = {
    "type": "object",
    "description": "Why the request was refused.",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}

VALIDATION_ERRORS = {
    "type": "object",
    "description": "The messages by refused field; `non_field_errors` for a rule about several fields.",
    "additionalProperties": {
        "oneOf": [
            {"type": "array", "items": {}},
            {"type": "object"},
        ]
    },
    "minProperties": 1,
}


def _json(schema_name: str) -> dict:
    return {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_name}"}}}


REFUSALS = {
    "400": (
        "The input was refused: the fields with their messages, or why the request could not be read.",
        {
            "application/json": {
                "schema": {
                    "anyOf": [
                        {"$ref": "#/components/schemas/ValidationErrors"},
                        {"$ref": "#/components/schemas/Detail"},
                    ]
                }
            }
        },
    ),
    "401": ("Not signed in (no valid session or token).", _json("Detail")),
    "403": ("Signed in, but not allowed to do this.", _json("Detail")),
    "404": ("No such record among those you may see (or no such page of a list).", _json("Detail")),
    "409": ("The record's state does not allow this (a workflow move, or a record still in use).", _json("Detail")),
    "412": ("The record changed since it was read (`If-Match`): read it again.", _json("Detail")),
    "415": ("The body is in a media type this operation does not accept.", _json("Detail")),
}


def _statuses(method: str, operation: dict) -> set[str]:
    """Which refusals an operation can answer."""
    parameters = {(parameter["in"], parameter["name"]) for parameter in operation.get("parameters", [])}
    # Any request can be signed out, forbidden, or carry an address or body the site cannot read.
    statuses = {"400", "401", "403"}
    if any(where == "path" for where, _name in parameters) or ("query", "page") in parameters:
        statuses.add("404")
    if "requestBody" in operation:
        statuses.add("415")
    if method == "delete":
        statuses.add("409")  # a record other records still point to
    # A status a view documents itself (409 for a workflow move) keeps its place.
    return statuses | {status for status in operation["responses"] if status in REFUSALS}


def document_refusals(result, generator, request, public):
    """Every operation's refusals, each with its one error body; registered in
    SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Detail"] = DETAIL
    schemas["ValidationErrors"] = VALIDATION_ERRORS
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            responses = operation["responses"]
            for status in sorted(_statuses(method, operation)):
                description, content = REFUSALS[status]
                responses[status] = {"description": responses.get(status, {}).get("description", description)}
                responses[status]["content"] = content
    return result
