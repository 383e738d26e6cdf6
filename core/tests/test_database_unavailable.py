"""A database connection lost in the middle of a request costs only that request: it answers
503 "nothing was saved", nothing it wrote remains, and the next request works."""

import json
import time
from unittest import mock

import psycopg
import pytest
from auditlog.models import LogEntry
from django.db import OperationalError, connection
from django.db.models.signals import post_save
from django.urls import reverse

from community.models import MemberState

NEW_STATE = {"name": "Montserrat", "iso_code": "MS", "membership": "full"}
on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="kills a PostgreSQL connection")


def kill_this_connection(**kwargs):
    """From a second connection, end the server process serving this one (as a restart would)."""
    pid = connection.connection.info.backend_pid
    settings = connection.settings_dict
    # Autocommit: inside one transaction pg_stat_activity is a snapshot, and a process still
    # listed at the first look stayed listed for ever (the suite hung).
    with psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        host=settings["HOST"],
        port=settings["PORT"] or 5432,
        autocommit=True,
    ) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])
        # Wait until the process is gone, so this connection's next query fails for certain.
        deadline = time.monotonic() + 30
        while other.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone():
            assert time.monotonic() < deadline, "the terminated server process is still listed"
            time.sleep(0.01)


@pytest.fixture
def connection_dies_after_the_state_is_written():
    """The new member state's row is inserted, then the connection dies before the request ends."""
    post_save.connect(kill_this_connection, sender=MemberState, dispatch_uid="kill")
    yield
    post_save.disconnect(sender=MemberState, dispatch_uid="kill")


@on_postgresql
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("connection_dies_after_the_state_is_written")
def test_a_page_cut_off_answers_503_and_leaves_nothing_half_written(client_for, admin):
    client = client_for(admin)
    entries = LogEntry.objects.count()

    response = client.post(reverse("community:memberstate_add"), NEW_STATE)

    assert response.status_code == 503
    assert "nothing was saved" in response.content.decode()
    assert response["Retry-After"]
    post_save.disconnect(sender=MemberState, dispatch_uid="kill")
    assert not MemberState.objects.filter(iso_code="MS").exists()
    assert LogEntry.objects.count() == entries
    assert client.get(reverse("community:memberstate_list")).status_code == 200
    assert client.post(reverse("community:memberstate_add"), NEW_STATE).status_code == 302


@on_postgresql
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("connection_dies_after_the_state_is_written")
def test_an_api_call_cut_off_answers_503_in_json(api_client_for, admin):
    client = api_client_for(admin)

    response = client.post("/api/v1/member-states/", NEW_STATE, format="json")

    assert response.status_code == 503
    assert "nothing was saved" in response.json()["detail"]
    post_save.disconnect(sender=MemberState, dispatch_uid="kill")
    assert not MemberState.objects.filter(iso_code="MS").exists()
    assert client.post("/api/v1/member-states/", NEW_STATE, format="json").status_code == 201


@pytest.mark.django_db
def test_a_lost_connection_in_a_view_is_a_503_on_any_engine(client_for, admin):
    with mock.patch("core.views_site.home_worklist_for", side_effect=OperationalError("server closed the connection")):
        response = client_for(admin).get(reverse("core:home"))
    assert response.status_code == 503
    assert "nothing was saved" in response.content.decode()


@pytest.mark.django_db
def test_a_lost_connection_outside_a_view_is_a_503_too(rf):
    from core.views_site import server_error

    try:
        raise OperationalError("the database system is starting up")
    except OperationalError:
        response = server_error(rf.get("/api/v1/member-states/"))
    assert response.status_code == 503
    assert json.loads(response.content)["detail"].startswith("The database is unavailable")


@pytest.mark.django_db
def test_any_other_error_is_still_a_500(rf):
    from core.views_site import server_error

    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(rf.get("/"))
    assert response.status_code == 500
