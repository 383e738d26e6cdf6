"""`attache match REF [--json] [--top N]`."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("match", *args, stdout=out)
    return out.getvalue()


def test_it_prints_the_ranking_with_reasons(belize_request):
    text = run(belize_request.reference, "--top", "3")
    assert "Host states (4 eligible)" in text
    lines = [line for line in text.splitlines() if line[:5].strip().rstrip(".").isdigit()]
    assert {line.split(".", 1)[1].split("(")[0].strip() for line in lines[:3]} == {
        "Jamaica",
        "Barbados",
        "Trinidad and Tobago",
    }
    assert "institution: University Council of Jamaica" in text
    assert "Belize: the requesting state" in text
    assert "level 4 against Belize's 1" in text


def test_it_prints_json_as_the_api_does(belize_request):
    data = json.loads(run(belize_request.reference, "--json", "--top", "2"))
    assert len(data["hosts"]) == 2 and len(data["experts"]) <= 2
    assert data["hosts"][0]["factors"][0]["factor"] == "capability"
    assert data["request"]["id"] == belize_request.pk
    assert json.loads(run(str(belize_request.pk), "--json"))["request"]["reference"] == belize_request.reference


def test_an_unknown_reference_is_an_error(db):
    with pytest.raises(CommandError, match="No request"):
        run("TA/1999/0001")
    with pytest.raises(CommandError, match="--top"):
        run("TA/1999/0001", "--top", "0")
